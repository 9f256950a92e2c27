package org.loyaltyengine.rules.facts;

/** What a points ledger entry is to the program and its reports, as the rules classify it. */
public enum PointsEntryClass { EARNED, USED, EXPIRED }

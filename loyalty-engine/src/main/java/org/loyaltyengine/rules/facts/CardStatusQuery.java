package org.loyaltyengine.rules.facts;

/** Inserted when a card's status is read (no command): only the threshold rules answer it. */
public record CardStatusQuery(String customer) {
}

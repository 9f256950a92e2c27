package org.loyaltyengine.spi;

/** Why a ledger entry exists. Entries are never edited or deleted; corrections are {@link #REVERSE} entries. */
public enum EntryKind {
    EARN, REDEEM, CAPTURE, EXPIRE, ADJUST, REVERSE, SETTLE, TOP_UP, CONSUME, MANUAL
}

package org.loyaltyengine.rules.facts;

/** Command: lock a consultation or sale, putting its eligible lines on the customer's card. */
public record CardLock(String document, String customer) {
}

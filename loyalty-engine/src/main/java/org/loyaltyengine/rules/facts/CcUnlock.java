package org.loyaltyengine.rules.facts;

/** Command: unlock a consultation or sale, taking its lines off the open card. */
public record CcUnlock(String document, String customer) {
}

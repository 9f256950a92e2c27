package org.loyaltyengine.rules.facts;

/** Command: unlock a consultation or sale, taking its lines off the open card. */
public record CardUnlock(String document, String customer) {
}

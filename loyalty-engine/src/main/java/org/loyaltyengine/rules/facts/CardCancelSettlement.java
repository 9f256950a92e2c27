package org.loyaltyengine.rules.facts;

/**
 * Command: take back the settlement booked on a consultation or sale that is still being made (not locked),
 * as the host removes the negative free booking from it (CC-12).
 */
public record CardCancelSettlement(String document, String customer) {
}

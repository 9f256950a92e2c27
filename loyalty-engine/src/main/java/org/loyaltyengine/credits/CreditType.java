package org.loyaltyengine.credits;

import org.loyaltyengine.credits.CreditRequests.Counting;
import org.loyaltyengine.spi.Money;

/** A credit type as the host defined it (SPEC CR-1). */
public record CreditType(String code, String name, String unit, Counting counting, Money faceValue) {
    public boolean whole() {
        return counting == Counting.WHOLE;
    }
}

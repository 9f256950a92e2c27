package org.loyaltyengine.rules.facts;

import org.loyaltyengine.spi.Checks;

/**
 * Result of the auto-enrolment rule (SPEC CC-3): the new customer takes part in the card from the start.
 * A rule set that decides none leaves the customer out.
 */
public record CardAutoEnrolled(String customer) {
    public CardAutoEnrolled {
        Checks.text(customer, "customer");
    }
}

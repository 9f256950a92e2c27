package org.loyaltyengine.rules.facts;

import java.time.LocalDate;

/** The expiry sweep of the credits program on a business date: lots valid until before it expire. */
public record CreditExpireLots(LocalDate date) {
}

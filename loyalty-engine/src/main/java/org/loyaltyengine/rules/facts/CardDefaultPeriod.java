package org.loyaltyengine.rules.facts;

import java.math.BigDecimal;
import java.time.LocalDate;

import org.loyaltyengine.spi.Checks;

/**
 * One validity period of the practice's default percentage (CC-10): from {@code validFrom} on, until the
 * next period starts, an eligible line whose product has no percentage of its own earns {@code percent}.
 * Every period the practice configured is in {@link CardSettings#defaultPeriods()}; which one is in force
 * on a sale's date is the rules' to decide.
 */
public record CardDefaultPeriod(LocalDate validFrom, BigDecimal percent) {
    public CardDefaultPeriod {
        Checks.notNull(validFrom, "validFrom");
        Checks.notNull(percent, "percent");
    }
}

package org.loyaltyengine.rules.facts;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * One validity period of a catalogue product (SPEC CC-2): from {@code validFrom} on, until the next
 * period of the product starts, the product is eligible or not, with its own percentage ({@code null}:
 * the practice's default). Every period of every product a command's lines name is a fact; which one
 * is in force on a sale's date is the rules' to decide.
 */
public record CardProductPeriod(String product, LocalDate validFrom, boolean eligible, BigDecimal percent) {
}

package org.loyaltyengine.rules.facts;

import java.math.BigDecimal;

/**
 * The price a booking will have once a cancellation or price change is applied; points paid beyond it are
 * given back (SPEC X-13).
 */
public record PointsTotalAfter(String bookingId, BigDecimal total) {
}

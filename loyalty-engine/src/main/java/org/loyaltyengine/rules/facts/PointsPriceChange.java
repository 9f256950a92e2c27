package org.loyaltyengine.rules.facts;

import java.math.BigDecimal;

/** Command: the price of a service line changes. */
public record PointsPriceChange(String bookingId, String lineId, BigDecimal oldAmount, BigDecimal newAmount) {
}

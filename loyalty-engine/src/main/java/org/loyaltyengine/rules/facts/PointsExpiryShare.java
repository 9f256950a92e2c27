package org.loyaltyengine.rules.facts;

import java.math.BigDecimal;

/**
 * What a source held when the expiry entry {@code expiry} ran, above zero, and when it started earning then
 * ({@code commandStart}: the first entry the command of its first open entry wrote, as the rules group a
 * command's entries): the expiry falls on the sources that started last first.
 */
public record PointsExpiryShare(String customerId, long expiry, String document, String line, BigDecimal points,
                                long commandStart) {
}

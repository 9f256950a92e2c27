package org.loyaltyengine.rules.facts;

import java.math.BigDecimal;

/** Defines or redefines a card. */
public record PosDefineCard(String number, BigDecimal discountPercent, boolean creditDrawing, boolean loadOntoCard, boolean isNew) {
}

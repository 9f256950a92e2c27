package org.loyaltyengine.rules.facts;

/**
 * The POS settings a card's identification reads: whether a card that both gives a discount and draws credit
 * must be identified with the cashier's mode (SPEC PC-11), and whether a card gives its discount only once an
 * amount was loaded on it (SPEC PC-10). Apart from {@link PosSettings}, so that identifying
 * a card does not depend on how long a reservation holds.
 */
public record PosModeSettings(boolean requireModeChoice, boolean discountNeedsCredit) {
}

package org.loyaltyengine.rules.facts;

/**
 * The credits program's settings in force (SPEC CR-3, CR-5): whether a lot may be sold above its type's face
 * value, and whether work the credits do not cover goes into a negative balance instead of being billed.
 */
public record CreditSettings(boolean priceAboveFaceValue, boolean negativeBalance) {
}

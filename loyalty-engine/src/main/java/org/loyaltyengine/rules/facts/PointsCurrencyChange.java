package org.loyaltyengine.rules.facts;

/**
 * A settings change that changes the program's currency ({@code from} to {@code to}), with how many
 * bookings and points accounts the program holds: prices and point values are amounts in the currency.
 */
public record PointsCurrencyChange(String from, String to, int bookings, int accounts) {
}

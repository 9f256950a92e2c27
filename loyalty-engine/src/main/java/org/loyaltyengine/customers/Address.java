package org.loyaltyengine.customers;

import org.loyaltyengine.spi.Checks;

/**
 * A postal address of a customer (delivery or invoice). Every part is optional; blank parts become
 * null. Lengths are capped so an address fits a label and a database column.
 */
public record Address(String street, String postalCode, String city, String country) {
    public Address {
        street = line(street, "street", 255);
        postalCode = line(postalCode, "postal code", 16);
        city = line(city, "city", 128);
        country = line(country, "country", 64);
    }

    /** Stripped, null when blank, else one line of at most {@code max} characters as the input contract says. */
    static String line(String value, String field, int max) {
        return Checks.optionalName(Checks.optionalText(strip(value), field, max), field, max);
    }

    /** The address, or null when every part is blank. */
    static Address ofParts(String street, String postalCode, String city, String country) {
        Address a = new Address(street, postalCode, city, country);
        return a.isEmpty() ? null : a;
    }

    public boolean isEmpty() {
        return street == null && postalCode == null && city == null && country == null;
    }

    static String strip(String s) {
        return s == null ? null : s.strip();
    }
}

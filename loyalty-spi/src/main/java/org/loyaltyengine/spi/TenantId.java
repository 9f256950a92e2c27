package org.loyaltyengine.spi;

/** A practice, agency or shop: the unit of isolation. Nothing of one tenant is visible to another. */
public record TenantId(String value) {
    public TenantId {
        Checks.text(value, "tenant id");
        if (value.length() > 64) {
            throw new InvalidValueException("tenant id is longer than 64 characters");
        }
    }

    public static TenantId of(String value) {
        return new TenantId(value);
    }

    @Override
    public String toString() {
        return value;
    }
}

package org.loyaltyengine.spi;

/** A practice, agency or shop: the unit of isolation. Nothing of one tenant is visible to another. */
public record TenantId(String value) {
    public TenantId {
        Checks.identifier(value, "tenant id", Limits.TENANT_ID);
    }

    public static TenantId of(String value) {
        return new TenantId(value);
    }

    @Override
    public String toString() {
        return value;
    }
}

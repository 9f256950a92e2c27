package org.loyaltyengine.spi;

import java.util.Set;

/** The user (cashier, employee, job) on whose behalf a command runs, with the permissions the host granted. */
public record Actor(String user, Set<String> permissions) {
    public Actor {
        Checks.text(user, "actor user");
        permissions = permissions == null ? Set.of() : Set.copyOf(permissions);
    }

    public static Actor of(String user, String... permissions) {
        return new Actor(user, Set.of(permissions));
    }

    public boolean may(String permission) {
        return permissions.contains(permission);
    }
}

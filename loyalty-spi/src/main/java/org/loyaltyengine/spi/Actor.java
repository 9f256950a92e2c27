package org.loyaltyengine.spi;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;

/** The user (cashier, employee, job) on whose behalf a command runs, with the permissions the host granted. */
public record Actor(String user, Set<String> permissions) {
    public Actor {
        Checks.identifier(user, "actor user", Limits.IDENTIFIER);
        if (permissions == null) {
            permissions = Set.of();
        } else {
            for (String p : permissions) {
                Checks.identifier(p, "permission of " + user, Limits.CODE);
            }
            permissions = Set.copyOf(permissions);
        }
    }

    /** An actor with the given permissions; a null or blank permission is a typed error, a repeated one counts once. */
    public static Actor of(String user, String... permissions) {
        return new Actor(user, permissions == null ? Set.of() : new HashSet<>(Arrays.asList(permissions)));
    }

    public boolean may(String permission) {
        return permissions.contains(permission);
    }
}

package org.loyaltyengine.rules.facts;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Set;

/** Inserted into every evaluation: the command's name, business date, the engine clock's now, and the actor. */
public record CommandInfo(String command, LocalDate businessDate, Instant now, String user, Set<String> permissions,
                          boolean dryRun) {
    public boolean may(String permission) {
        return permissions.contains(permission);
    }
}

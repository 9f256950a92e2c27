package org.loyaltyengine.internal;

import java.util.Objects;
import java.util.Optional;

import org.loyaltyengine.spi.Actor;
import org.loyaltyengine.spi.Checks;

/**
 * The permission a command needs (SPEC X-8), declared by every command and checked by the pipeline
 * before any rule runs. {@link #none()} is a declaration too: the cashier's or clerk's ordinary work
 * (a sale, a booking) that any user of the host may do. There is no default, so a new command cannot
 * forget to say which it is (see {@code docs/permissions.md}).
 */
public final class Permission {
    private static final Permission NONE = new Permission(null);

    private final String name;

    private Permission(String name) {
        this.name = name;
    }

    /** Needs no permission: ordinary work any user may do. */
    public static Permission none() {
        return NONE;
    }

    /** Needs the named permission, e.g. {@code pos-card.manual}. */
    public static Permission of(String name) {
        return new Permission(Checks.text(name, "permission name"));
    }

    /** The permission's name; empty for {@link #none()}. */
    public Optional<String> name() {
        return Optional.ofNullable(name);
    }

    public boolean grantedTo(Actor actor) {
        return name == null || actor.may(name);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Permission p && Objects.equals(name, p.name);
    }

    @Override
    public int hashCode() {
        return Objects.hashCode(name);
    }

    @Override
    public String toString() {
        return name == null ? "(none)" : name;
    }
}

package org.loyaltyengine.spi;

import java.time.Instant;

/**
 * Which entries of a tenant's command log to read: recorded in {@code [from, to)} (either end null: open),
 * of one command (null: every command), after a sequence (paging: pass the last sequence read), at most
 * {@code limit} of them, oldest first.
 */
public record CommandLogQuery(Instant from, Instant to, String command, long afterSequence, int limit) {
    /** The most entries one read returns; page through more with {@link #after}. */
    public static final int MAX_LIMIT = 10_000;

    public CommandLogQuery {
        Checks.optionalInstant(from, "from");
        Checks.optionalInstant(to, "to");
        if (from != null && to != null && !from.isBefore(to)) {
            throw new InvalidValueException("a command log period runs from before its end; was [" + from + ", " + to
                    + ")");
        }
        Checks.optionalIdentifier(command, "command", Limits.CODE);
        if (afterSequence < 0) {
            throw new InvalidValueException("read after sequence 0 or later, was " + afterSequence);
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new InvalidValueException("a command log read returns 1 to " + MAX_LIMIT + " entries, asked "
                    + limit + "; page through more with after(sequence)");
        }
    }

    /** The first {@link #MAX_LIMIT} entries of the whole log. */
    public static CommandLogQuery all() {
        return new CommandLogQuery(null, null, null, 0, MAX_LIMIT);
    }

    /** Those recorded in {@code [from, to)}. */
    public CommandLogQuery between(Instant from, Instant to) {
        return new CommandLogQuery(from, to, command, afterSequence, limit);
    }

    /** Those of one command, such as {@code pos-card.add-item}. */
    public CommandLogQuery command(String name) {
        return new CommandLogQuery(from, to, name, afterSequence, limit);
    }

    /** Those after {@code sequence}: the next page. */
    public CommandLogQuery after(long sequence) {
        return new CommandLogQuery(from, to, command, sequence, limit);
    }

    /** At most {@code n} entries. */
    public CommandLogQuery limit(int n) {
        return new CommandLogQuery(from, to, command, afterSequence, n);
    }

    /** Whether {@code e} is one this query asks for, paging aside: a store that filters in memory uses it. */
    public boolean matches(CommandLogEntry e) {
        return e.sequence() > afterSequence && (from == null || !e.recordedAt().isBefore(from))
                && (to == null || e.recordedAt().isBefore(to)) && (command == null || command.equals(e.command()));
    }
}

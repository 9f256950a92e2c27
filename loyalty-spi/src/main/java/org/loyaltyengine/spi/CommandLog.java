package org.loyaltyengine.spi;

import java.util.List;

/**
 * The command log of one tenant (SPEC X-11): every command the pipeline executed, applied or rejected, in
 * the order it took its locks. Append-only, written in the transaction that stores the command's outcome.
 */
public interface CommandLog {
    /** A log that keeps nothing: what a store written before the command log answers (see {@link #kept()}). */
    CommandLog NOT_KEPT = new CommandLog() {
        @Override
        public CommandLogEntry append(CommandLogEntry entry) {
            return Checks.notNull(entry, "command log entry");
        }

        @Override
        public List<CommandLogEntry> read(CommandLogQuery query) {
            Checks.notNull(query, "command log query");
            return List.of();
        }

        @Override
        public boolean kept() {
            return false;
        }
    };

    /**
     * Appends one entry of this transaction's tenant and returns it with the sequence the store assigned.
     *
     * @throws InvalidValueException if the entry is of another tenant or already has a sequence
     */
    CommandLogEntry append(CommandLogEntry entry);

    /** The entries the query asks for, by sequence, oldest first. */
    List<CommandLogEntry> read(CommandLogQuery query);

    /** Whether this store keeps a command log; false only for {@link #NOT_KEPT}. */
    default boolean kept() {
        return true;
    }
}

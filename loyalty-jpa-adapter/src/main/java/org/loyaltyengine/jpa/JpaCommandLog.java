package org.loyaltyengine.jpa;

import java.util.List;

import jakarta.persistence.TypedQuery;

import org.loyaltyengine.spi.Checks;
import org.loyaltyengine.spi.CommandLog;
import org.loyaltyengine.spi.CommandLogEntry;
import org.loyaltyengine.spi.CommandLogQuery;
import org.loyaltyengine.spi.InvalidValueException;

/** The command log of one {@link JpaTransaction}: rows of {@code le_command_log}, numbered by their id. */
final class JpaCommandLog extends JpaRepository implements CommandLog {
    JpaCommandLog(JpaTransaction tx, JpaShared shared) {
        super(tx, shared);
    }

    @Override
    public CommandLogEntry append(CommandLogEntry entry) {
        Checks.notNull(entry, "command log entry");
        if (!entry.tenant().value().equals(s.t)) {
            throw new InvalidValueException("an entry of tenant " + entry.tenant() + " cannot be logged for " + s.t);
        }
        if (entry.sequence() != 0) {
            throw new InvalidValueException("the store assigns the sequence; append an entry with sequence 0");
        }
        return tx.call(() -> {
            // The identity id is the entry's sequence, known once the row is inserted.
            return entry.withSequence(s.writeOnce.logEntry(new CommandLogRow(entry, s.encoded(entry.outcome()))));
        });
    }

    @Override
    public List<CommandLogEntry> read(CommandLogQuery query) {
        Checks.notNull(query, "command log query");
        StringBuilder jpql = new StringBuilder("select r from CommandLogRow r where r.tenant = :t and r.id > :after");
        if (query.from() != null) {
            jpql.append(" and r.recordedAt >= :from");
        }
        if (query.to() != null) {
            jpql.append(" and r.recordedAt < :to");
        }
        if (query.command() != null) {
            jpql.append(" and r.command = :command");
        }
        jpql.append(" order by r.id");
        return tx.call(() -> {
            TypedQuery<CommandLogRow> q = JpaShared.readOnly(s.query(jpql.toString(), CommandLogRow.class))
                    .setParameter("after", query.afterSequence());
            if (query.from() != null) {
                q.setParameter("from", Decimals.nanos(query.from()));
            }
            if (query.to() != null) {
                q.setParameter("to", Decimals.nanos(query.to()));
            }
            if (query.command() != null) {
                q.setParameter("command", query.command());
            }
            return q.setMaxResults(query.limit()).getResultList().stream().map(CommandLogRow::toEntry).toList();
        });
    }
}

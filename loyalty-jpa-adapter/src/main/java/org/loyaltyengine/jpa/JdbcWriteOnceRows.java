package org.loyaltyengine.jpa;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.Optional;
import java.util.function.Supplier;

import jakarta.persistence.PersistenceException;

import org.loyaltyengine.spi.IdempotencyKey;
import org.loyaltyengine.spi.StoredOutcome;

/**
 * {@link WriteOnceRows} as plain JDBC on the transaction's own connection. The statements name the columns the
 * entities map (EntryRow, OutcomeRow, CommandLogRow, HoldTransitionRow), so what a row reads back through the
 * provider is what was inserted here; the id comes back as the generated key of the identity column. A database
 * refusal leaves as a {@link PersistenceException} around the SQLException, the shape the provider's own
 * refusals have, so the repositories and {@link Failures} read it the same way.
 */
final class JdbcWriteOnceRows implements WriteOnceRows {
    private static final String ENTRY = "insert into le_ledger_entry (tenant, account_id, owner_ref, program, unit_kind,"
            + " unit_code, kind, amount, amount_scale, document_ref, line_ref, business_date, recorded_at_nanos, actor,"
            + " note, idempotency_key, rule_set, rule_version, rule_name, hold_ref)"
            + " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String OUTCOME = "insert into le_outcome (tenant, idempotency_key, fingerprint, body)"
            + " values (?, ?, ?, ?)";
    private static final String LOG_ENTRY = "insert into le_command_log (tenant, idempotency_key, command_name,"
            + " request_type, actor, actor_permissions, business_date, recorded_at_nanos, request_body, status, rule_set,"
            + " rule_version, outcome_body) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    /** By the unique key (tenant, idempotency_key), with no row limit (see {@link JpaShared#unique}). */
    private static final String OUTCOME_BY_KEY = "select fingerprint, body from le_outcome where tenant = ?"
            + " and idempotency_key = ?";
    private static final String HOLD_TRANSITION = "insert into le_hold_transition (tenant, hold_ref, state, at_nanos)"
            + " values (?, ?, ?, ?)";

    /** Asked for once, at the first statement: a transaction that sends none here never reaches for it. */
    private final Supplier<Connection> connection;
    private Connection known;

    JdbcWriteOnceRows(Supplier<Connection> connection) {
        this.connection = connection;
    }

    @Override
    public long entry(EntryRow r) {
        return insert(ENTRY, "seq", new Object[] {r.tenant, r.accountId, r.account.owner, r.account.program,
                r.account.unitKind, r.account.unitCode, r.kind, r.amount, r.amountScale, r.document, r.line,
                r.businessDate, r.recordedAt, r.actor, r.note, r.idempotencyKey, r.rule.ruleSet, r.rule.version,
                r.rule.name, r.holdId});
    }

    @Override
    public long outcome(OutcomeRow r) {
        return insert(OUTCOME, "id", new Object[] {r.tenant, r.key, r.fingerprint, r.body});
    }

    @Override
    public long logEntry(CommandLogRow r) {
        return insert(LOG_ENTRY, "id", new Object[] {r.tenant, r.key, r.command, r.requestType, r.actor,
                r.permissions, r.businessDate, r.recordedAt, r.request, r.status, r.ruleSet, r.ruleVersion, r.outcome});
    }

    @Override
    public long holdTransition(HoldTransitionRow r) {
        return insert(HOLD_TRANSITION, "id", new Object[] {r.tenant, r.holdId, r.state, r.at});
    }

    @Override
    public Optional<StoredOutcome> outcome(String tenant, IdempotencyKey key) {
        try (PreparedStatement ps = connection().prepareStatement(OUTCOME_BY_KEY)) {
            ps.setString(1, tenant);
            ps.setString(2, key.value());
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(new StoredOutcome(key, rs.getString(1), TextCodec.outcome(rs.getString(2))));
            }
        } catch (SQLException e) {
            throw new PersistenceException("outcome look-up refused: " + e.getMessage(), e);
        }
    }

    private Connection connection() {
        if (known == null) {
            known = connection.get();
        }
        return known;
    }

    private long insert(String sql, String idColumn, Object[] values) {
        try (PreparedStatement ps = connection().prepareStatement(sql, new String[] {idColumn})) {
            for (int i = 0; i < values.length; i++) {
                bind(ps, i + 1, values[i]);
            }
            ps.executeUpdate();
            try (ResultSet keys = ps.getGeneratedKeys()) {
                if (!keys.next()) {
                    throw new PersistenceException("the database returned no " + idColumn + " for: " + sql);
                }
                return keys.getLong(1);
            }
        } catch (SQLException e) {
            throw new PersistenceException("insert refused: " + e.getMessage(), e);
        }
    }

    /** Nulls are bound as the column's type as far as the driver needs one: every nullable column here is text. */
    private static void bind(PreparedStatement ps, int index, Object value) throws SQLException {
        if (value == null) {
            ps.setNull(index, Types.VARCHAR);
        } else {
            ps.setObject(index, value);
        }
    }
}

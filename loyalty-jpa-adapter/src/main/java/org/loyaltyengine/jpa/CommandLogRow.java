package org.loyaltyengine.jpa;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.loyaltyengine.spi.CommandLogEntry;
import org.loyaltyengine.spi.IdempotencyKey;
import org.loyaltyengine.spi.TenantId;

/**
 * One entry of the command log. The id is the entry's sequence: the database assigns it when the row is
 * inserted, which the pipeline does after it took the command's locks, so two commands on one account are
 * numbered in the order they ran. Status, rule set and version are columns of their own beside the outcome
 * so the log can be read by them in SQL; the outcome body is the one le_outcome keeps.
 */
@Entity
@Table(name = "le_command_log")
class CommandLogRow {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    Long id;
    @Column(name = "tenant", nullable = false)
    String tenant;
    @Column(name = "idempotency_key", nullable = false)
    String key;
    @Column(name = "command_name", nullable = false)
    String command;
    @Column(name = "request_type", nullable = false)
    String requestType;
    @Column(name = "actor", nullable = false)
    String actor;
    /** Newline separated: a permission is an identifier, which holds no line break. */
    @Column(name = "actor_permissions", nullable = false)
    String permissions;
    @Column(name = "business_date", nullable = false)
    LocalDate businessDate;
    @Column(name = "recorded_at_nanos", nullable = false)
    Long recordedAt;
    @Column(name = "request_body", nullable = false)
    String request;
    @Column(name = "status", nullable = false)
    String status;
    @Column(name = "rule_set")
    String ruleSet;
    @Column(name = "rule_version", nullable = false)
    int ruleVersion;
    @Column(name = "outcome_body", nullable = false)
    String outcome;

    protected CommandLogRow() {
    }

    /** {@code outcomeBody} is the entry's outcome as {@link TextCodec#outcome(org.loyaltyengine.spi.Outcome)} writes it. */
    CommandLogRow(CommandLogEntry e, String outcomeBody) {
        this.tenant = e.tenant().value();
        this.key = e.key().value();
        this.command = e.command();
        this.requestType = e.requestType();
        this.actor = e.actor();
        this.permissions = String.join("\n", e.permissions());
        this.businessDate = e.businessDate();
        this.recordedAt = Decimals.nanos(e.recordedAt());
        this.request = e.request();
        this.status = e.status().name();
        this.ruleSet = e.ruleSet();
        this.ruleVersion = e.ruleVersion();
        this.outcome = outcomeBody;
    }

    CommandLogEntry toEntry() {
        List<String> granted = permissions.isEmpty() ? List.of() : Arrays.asList(permissions.split("\n"));
        return new CommandLogEntry(id, TenantId.of(tenant), IdempotencyKey.of(key), command, requestType, actor,
                granted, businessDate, Decimals.instant(recordedAt), request, TextCodec.outcome(outcome));
    }
}

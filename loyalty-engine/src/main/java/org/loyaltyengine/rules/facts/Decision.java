package org.loyaltyengine.rules.facts;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.loyaltyengine.spi.AccountKey;
import org.loyaltyengine.spi.EntryKind;

/**
 * The collector every evaluation inserts once. Rules call its methods in their consequences to
 * decide: post ledger entries, place, capture, release or expire holds, reject with a reason code,
 * add notices, and decide the command's typed results (a discount, an amount to settle), records of
 * the fact model the host reads from the outcome.
 *
 * <p>The engine tells the decision which rule is firing, so every output records the rule that
 * produced it. A decision is confined to one evaluation on one thread; rules must not keep it.
 */
public final class Decision {
    /** A ledger entry a rule asks for. */
    public record Posting(AccountKey account, EntryKind kind, BigDecimal amount, String document, String line,
                          String note, String rule) {
    }

    /** A hold a rule asks to place. */
    public record HoldRequest(AccountKey account, BigDecimal amount, String document, String line,
                              long expiresInMinutes, String rule) {
    }

    /** A pending hold a rule asks to capture, release or expire. */
    public record HoldChange(String holdId, Change change, String rule) {
        public enum Change { CAPTURE, RELEASE, EXPIRE }
    }

    /** A rejection: the command will not be applied. */
    public record Reason(String code, String message, String rule) {
    }

    private final List<Posting> postings = new ArrayList<>();
    private final List<HoldRequest> holdRequests = new ArrayList<>();
    private final List<HoldChange> holdChanges = new ArrayList<>();
    private final List<Reason> rejections = new ArrayList<>();
    private final List<Reason> notices = new ArrayList<>();
    private final Map<Class<?>, Record> results = new LinkedHashMap<>();
    private final Map<Class<?>, Record> rejectionDetails = new LinkedHashMap<>();
    private final Set<String> fired = new LinkedHashSet<>();
    private String currentRule = "(engine)";

    /** An empty decision; the engine makes one per evaluation. */
    public Decision() {
        // Declared so that the exported fact model states its constructor (javac's missing-explicit-ctor lint).
    }

    // ---- called by the engine

    public void enterRule(String rule) {
        currentRule = rule;
        fired.add(rule);
    }

    public void exitRule() {
        currentRule = "(engine)";
    }

    // ---- called by rules

    public void post(AccountKey account, EntryKind kind, BigDecimal amount, String document, String line, String note) {
        if (amount.signum() != 0) {
            postings.add(new Posting(account, kind, amount, document, line, note, currentRule));
        }
    }

    public void hold(AccountKey account, BigDecimal amount, String document, String line, long expiresInMinutes) {
        holdRequests.add(new HoldRequest(account, amount, document, line, expiresInMinutes, currentRule));
    }

    public void capture(String holdId) {
        holdChanges.add(new HoldChange(holdId, HoldChange.Change.CAPTURE, currentRule));
    }

    public void release(String holdId) {
        holdChanges.add(new HoldChange(holdId, HoldChange.Change.RELEASE, currentRule));
    }

    public void expire(String holdId) {
        holdChanges.add(new HoldChange(holdId, HoldChange.Change.EXPIRE, currentRule));
    }

    public void reject(String code, String message) {
        rejections.add(new Reason(code, message, currentRule));
    }

    /**
     * Rejects with a typed detail of the reason (which points are not yet spendable, and from when), a record of
     * the fact model the host reads from the rejected outcome ({@code outcome.result(Type.class)}). It is the only
     * value a rejected outcome carries: the results other rules decided alongside would read as applied figures.
     * A later detail of the same type replaces an earlier one.
     */
    public void reject(String code, String message, Record detail) {
        if (detail == null) {
            throw new org.loyaltyengine.spi.InvalidValueException("rule '" + currentRule
                    + "' rejected with a null detail");
        }
        reject(code, message);
        rejectionDetails.put(detail.getClass(), detail);
    }

    public void notice(String code, String message) {
        notices.add(new Reason(code, message, currentRule));
    }

    /**
     * Decides the command's typed result, a record of the fact model (the points a payment takes, the
     * mode a card is identified in); a later result of the same type replaces an earlier one. The host
     * reads it from the outcome ({@code outcome.result(Type.class)}); a rejected outcome carries none.
     */
    public void result(Record result) {
        if (result == null) {
            throw new org.loyaltyengine.spi.InvalidValueException("rule '" + currentRule + "' decided a null result");
        }
        results.put(result.getClass(), result);
    }

    // ---- read by the engine and by rules

    /** The result of {@code type} a rule decided, or empty. */
    public <T extends Record> Optional<T> resultOf(Class<T> type) {
        return Optional.ofNullable(type.cast(results.get(type)));
    }

    /** Every typed result, in the order first decided. */
    public List<Record> results() {
        return List.copyOf(results.values());
    }

    /** Every typed detail of a rejection, in the order first decided. */
    public List<Record> rejectionDetails() {
        return List.copyOf(rejectionDetails.values());
    }

    public boolean isRejected() {
        return !rejections.isEmpty();
    }

    public List<Posting> postings() {
        return Collections.unmodifiableList(postings);
    }

    public List<HoldRequest> holdRequests() {
        return Collections.unmodifiableList(holdRequests);
    }

    public List<HoldChange> holdChanges() {
        return Collections.unmodifiableList(holdChanges);
    }

    public List<Reason> rejections() {
        return Collections.unmodifiableList(rejections);
    }

    public List<Reason> notices() {
        return Collections.unmodifiableList(notices);
    }

    public List<String> firedRules() {
        return List.copyOf(fired);
    }
}

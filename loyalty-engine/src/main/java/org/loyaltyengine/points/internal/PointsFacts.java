package org.loyaltyengine.points.internal;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.loyaltyengine.NoSuchEntityException;
import org.loyaltyengine.internal.StoreView;
import org.loyaltyengine.rules.facts.PointsAccount;
import org.loyaltyengine.rules.facts.PointsEntry;
import org.loyaltyengine.rules.facts.PointsExpiryRun;
import org.loyaltyengine.rules.facts.PointsServiceLine;
import org.loyaltyengine.rules.facts.PointsSettings;
import org.loyaltyengine.spi.Account;
import org.loyaltyengine.spi.CurrencyMismatchException;
import org.loyaltyengine.spi.EntryKind;
import org.loyaltyengine.spi.LedgerEntry;
import org.loyaltyengine.spi.Money;

/** The reads and facts the points commands share; each a pure function of what a command loaded. */
final class PointsFacts {
    private PointsFacts() {
    }

    static void requireCustomer(StoreView view, String customerId) {
        view.customer(customerId).orElseThrow(() -> new NoSuchEntityException("customer", customerId));
    }

    /** Each supplier once, in the order first named; the typed error for one the agency does not have. */
    static Map<String, SupplierDocument> suppliers(StoreView view, List<String> codes) {
        Map<String, SupplierDocument> found = new LinkedHashMap<>();
        for (String code : codes) {
            if (!found.containsKey(code)) {
                found.put(code, view.document(SupplierDocument.TYPE, code).map(SupplierDocument::from)
                        .orElseThrow(() -> new NoSuchEntityException("supplier", code)));
            }
        }
        return found;
    }

    static void requireCurrency(PointsSettings s, String currency, String what) {
        if (!s.currency().equals(currency)) {
            throw CurrencyMismatchException.of(what, currency, "the agency's points program", s.currency(),
                    "give it in " + s.currency() + ", the setting 'currency'");
        }
    }

    static void requireBookingCurrency(BookingDocument booking, Money amount) {
        if (!amount.currency().getCurrencyCode().equals(booking.currency())) {
            throw CurrencyMismatchException.of("the amount " + amount.amount().toPlainString(),
                    amount.currency().getCurrencyCode(), "booking " + booking.id(), booking.currency(),
                    "give it in " + booking.currency());
        }
    }

    /**
     * A customer's points entries as the rules see them, raw, as stored: the rules classify and total them
     * (rules/savings-points/v1/ledger.drl). Each names the command that wrote it by the idempotency key the
     * store recorded; which entries one command wrote together is the rules' to tell.
     */
    static List<PointsEntry> entries(List<LedgerEntry> entries) {
        return entries.stream().map(e -> new PointsEntry(e.sequence(), e.account().owner(), e.account(), e.kind(),
                e.amount(), e.document(), e.line(), e.businessDate(), e.idempotencyKey())).toList();
    }

    /** Every year-end expiry run stored, as the rules see it. */
    static List<PointsExpiryRun> expiryRuns(StoreView view) {
        return ExpiryDocument.runs(view.documents(ExpiryDocument.TYPE, null));
    }

    /**
     * The facts of a customer's points for a command on {@code document} (a booking; null for one on no document):
     * the locked account, its entries as {@link #entriesFor} gives them, and every expiry run.
     */
    static List<Object> customer(String customerId, Account account, List<LedgerEntry> entries,
                                 List<PointsExpiryRun> runs, boolean optedOut, String document) {
        List<Object> facts = new ArrayList<>();
        facts.add(new PointsAccount(customerId, account.key(), account.balance(), optedOut));
        facts.addAll(entriesFor(entries, document));
        facts.addAll(runs);
        return facts;
    }

    /**
     * A customer's entries as a command on {@code document} shows them to the rules: the entries of that document
     * each on its own, and those of every other document summed by kind, line, whether they name a document, sign
     * and year, one {@link PointsEntry} per such key at the place of its first entry (that entry's sequence,
     * document, day and command; the amount the key's sum). What the rules read of another document's entries is
     * only that (what they count as earned, used or expired, by year, ledger.drl), so a command costs the keys the
     * customer's history has, not its entries. While the customer has an expiry entry, every entry stays on its
     * own: which points an expiry took the rules attribute entry by entry, to each source in the order it started
     * earning.
     */
    static List<PointsEntry> entriesFor(List<LedgerEntry> entries, String document) {
        if (entries.stream().anyMatch(e -> e.kind() == EntryKind.EXPIRE)) {
            return entries(entries);
        }
        Map<Object, LedgerEntry> first = new LinkedHashMap<>();
        Map<Object, BigDecimal> sums = new HashMap<>();
        for (LedgerEntry e : entries) {
            // The command's own document: the entry is its own key (its sequence).
            Object key = e.document() != null && e.document().equals(document) ? e.sequence()
                    : new SummedBy(e.kind(), e.line(), e.document() != null, e.amount().signum(),
                    e.businessDate().getYear());
            first.putIfAbsent(key, e);
            sums.merge(key, e.amount(), BigDecimal::add);
        }
        List<PointsEntry> facts = new ArrayList<>(first.size());
        first.forEach((key, e) -> facts.add(new PointsEntry(e.sequence(), e.account().owner(), e.account(), e.kind(),
                sums.get(key), e.document(), e.line(), e.businessDate(), e.idempotencyKey())));
        return facts;
    }

    /** What the entries of other documents are summed by ({@link #entriesFor}). */
    private record SummedBy(EntryKind kind, String line, boolean documented, int sign, int year) {
    }

    /** A stored or new service line; the rules add what its entries hold ({@code PointsLine}). */
    static PointsServiceLine line(String bookingId, String customerId, String lineId, SupplierDocument supplier,
                                  Map<String, TourOperatorDocument> tourOperators, String productType, BigDecimal amount,
                                  BigDecimal manualPoints, boolean cancelled, boolean pricing) {
        TourOperatorDocument operator = supplier.tourOperator() == null ? null
                : tourOperators.get(supplier.tourOperator());
        return new PointsServiceLine(bookingId, customerId, lineId, supplier.code(), productType, amount, manualPoints,
                supplier.enabled(), supplier.rate(), supplier.productRate(productType),
                operator == null ? null : operator.code(), operator == null ? null : operator.enabled(),
                operator == null ? null : operator.rate(), operator == null ? null : operator.productRate(productType),
                cancelled, pricing);
    }

    /**
     * The tour operators the suppliers belong to, each once (SPEC SP-20). One a supplier names but the store does
     * not hold (a host's own document) is an error, as an unknown supplier is.
     */
    static Map<String, TourOperatorDocument> tourOperators(StoreView view, java.util.Collection<SupplierDocument> suppliers) {
        Map<String, TourOperatorDocument> found = new LinkedHashMap<>();
        for (SupplierDocument s : suppliers) {
            String code = s.tourOperator();
            if (code != null && !found.containsKey(code)) {
                found.put(code, view.document(TourOperatorDocument.TYPE, code).map(TourOperatorDocument::from)
                        .orElseThrow(() -> new NoSuchEntityException("tour operator", code)));
            }
        }
        return found;
    }
}

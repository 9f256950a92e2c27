package org.loyaltyengine.points.internal;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

import org.loyaltyengine.CommandContext;
import org.loyaltyengine.NoSuchEntityException;
import org.loyaltyengine.internal.StoreView;
import org.loyaltyengine.points.SavingsPoints;
import org.loyaltyengine.rules.facts.PointsBookingState;
import org.loyaltyengine.rules.facts.PointsExpiryRun;
import org.loyaltyengine.rules.facts.PointsSettings;
import org.loyaltyengine.rules.facts.PointsTotalAfter;
import org.loyaltyengine.spi.Account;
import org.loyaltyengine.spi.AccountKey;
import org.loyaltyengine.spi.LedgerEntry;

/**
 * What a command on a stored booking ({@link StoredBookingCommand}: a price change, a payment, a cancellation)
 * reads, once, under the booking's and the ledger's locks: the booking, the settings, its customer's points
 * entries (the booking's own among them), whether the customer opted out, each supplier the lines name and the
 * tour operators those belong to.
 * Each of those commands keeps one in its context; the facts they show the rules are built here, the same
 * for all of them.
 *
 * @param ctx the command's context: its actor, key and business date go into what it writes
 */
record BookingState(BookingDocument booking, PointsSettings settings, List<LedgerEntry> customerEntries,
                    List<PointsExpiryRun> expiryRuns, boolean optedOut, Map<String, SupplierDocument> suppliers,
                    Map<String, TourOperatorDocument> tourOperators, CommandContext ctx) {
    BookingState {
        customerEntries = List.copyOf(customerEntries);
        expiryRuns = List.copyOf(expiryRuns);
        suppliers = Map.copyOf(suppliers);
        tourOperators = Map.copyOf(tourOperators);
    }

    /**
     * Reads the booking and the settings, runs {@code check} on them (the request's typed errors, before
     * anything else is read), then the rest.
     */
    static BookingState load(StoreView view, PointsRules rules, String bookingId, CommandContext ctx,
                             BiConsumer<BookingDocument, PointsSettings> check) {
        BookingDocument booking = view.document(BookingDocument.TYPE, bookingId).map(BookingDocument::from)
                .orElseThrow(() -> new NoSuchEntityException("booking", bookingId));
        PointsSettings settings = rules.settings(view, ctx.businessDate());
        check.accept(booking, settings);
        List<LedgerEntry> customerEntries = view.entries(SavingsPoints.accountOf(booking.customerId()));
        boolean optedOut = ParticipantDocument.optedOut(view.document(ParticipantDocument.TYPE, booking.customerId()));
        Map<String, SupplierDocument> suppliers = PointsFacts.suppliers(view, booking.lines().stream()
                .map(BookingDocument.Line::supplier).toList());
        return new BookingState(booking, settings, customerEntries, PointsFacts.expiryRuns(view), optedOut, suppliers,
                PointsFacts.tourOperators(view, suppliers.values()), ctx);
    }

    AccountKey account() {
        return SavingsPoints.accountOf(booking.customerId());
    }

    /** The customer's points account, opened without a floor (the rules decide how low it may go). */
    Map<AccountKey, BigDecimal> accounts() {
        Map<AccountKey, BigDecimal> accounts = new HashMap<>();
        accounts.put(account(), null);
        return accounts;
    }

    /**
     * The facts of a command on this booking: the command's own fact, the booking's price once the command is
     * applied (null when it does not change it), the settings, the customer's account with its entries (those of
     * other documents summed, {@link PointsFacts#entriesFor}) and the expiry runs, the booking and its lines as stored; the rules total what the booking and each line hold
     * and how many of a line's points expired. {@code pricedLine} (or null) is the line whose points the rules
     * compute now, at {@code newAmount}.
     */
    List<Object> facts(Object command, BigDecimal totalAfter, Map<AccountKey, Account> accounts, String pricedLine,
                       BigDecimal newAmount) {
        List<Object> facts = new ArrayList<>();
        facts.add(command);
        if (totalAfter != null) {
            facts.add(new PointsTotalAfter(booking.id(), totalAfter));
        }
        facts.add(settings);
        facts.addAll(PointsFacts.customer(booking.customerId(), accounts.get(account()), customerEntries, expiryRuns,
                optedOut, booking.id()));
        facts.add(new PointsBookingState(booking.id(), booking.customerId(), booking.status().name(),
                booking.liveTotal(null, null), booking.paidMoney(), booking.paidPointsValue()));
        for (BookingDocument.Line l : booking.lines()) {
            boolean pricing = l.lineId().equals(pricedLine);
            facts.add(PointsFacts.line(booking.id(), booking.customerId(), l.lineId(), suppliers.get(l.supplier()),
                    tourOperators, l.productType(), pricing ? newAmount : l.price(), l.manualPoints(), l.cancelled(), pricing));
        }
        return facts;
    }

    /** A payment's line for the booking: what it took, by whom, on which day. */
    String paymentLine(String what) {
        return what + " by " + ctx.actor().user() + " on " + ctx.businessDate();
    }
}

package org.loyaltyengine.points.internal;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.loyaltyengine.CommandContext;
import org.loyaltyengine.internal.Applied;
import org.loyaltyengine.internal.Command;
import org.loyaltyengine.internal.Permission;
import org.loyaltyengine.internal.StoreView;
import org.loyaltyengine.internal.Write;
import org.loyaltyengine.points.PointsRequests.Booking;
import org.loyaltyengine.points.PointsRequests.Service;
import org.loyaltyengine.points.SavingsPoints;
import org.loyaltyengine.rules.facts.Decision;
import org.loyaltyengine.rules.facts.PointsBook;
import org.loyaltyengine.rules.facts.PointsExpiryRun;
import org.loyaltyengine.rules.facts.PointsSettings;
import org.loyaltyengine.spi.Account;
import org.loyaltyengine.spi.AccountKey;
import org.loyaltyengine.spi.LedgerEntry;
import org.loyaltyengine.spi.LockKey;

/**
 * {@code savings-points.book}: a booking registered; each service line earns its points (SPEC SP-1..SP-5,
 * SP-7, SP-16). The rules refuse a booking id already taken.
 */
final class BookCommand implements Command<Booking, BookCommand.Context> {
    /**
     * @param exists          whether a booking of that id is stored already
     * @param customerEntries the customer's points entries, read once for every figure the rules see
     * @param created         the booking as it will be stored, its points column still to be decided
     */
    record Context(Booking request, PointsSettings settings, Map<String, SupplierDocument> suppliers,
                   Map<String, TourOperatorDocument> tourOperators, boolean exists,
                   boolean optedOut, List<LedgerEntry> customerEntries, List<PointsExpiryRun> expiryRuns,
                   BookingDocument created, CommandContext ctx) {
        Context {
            suppliers = Map.copyOf(suppliers);
            tourOperators = Map.copyOf(tourOperators);
            customerEntries = List.copyOf(customerEntries);
            expiryRuns = List.copyOf(expiryRuns);
        }

        AccountKey account() {
            return SavingsPoints.accountOf(request.customerId());
        }
    }

    private final PointsRules rules;

    BookCommand(PointsRules rules) {
        this.rules = rules;
    }

    @Override
    public String name() {
        return PointsCommands.name("book");
    }

    @Override
    public String ruleSet() {
        return SavingsPoints.PROGRAM;
    }

    @Override
    public Permission permission(Booking b) {
        // Points typed in by hand above zero are points created at will, as a manual entry's are (seed 001
        // shields the points administration per employee). Negative or zero points typed in at the price
        // (the seed's "Ingave negatieve spaarpunten") take none.
        return b.services().stream().anyMatch(l -> l.points() != null && l.points().signum() > 0)
                ? PointsCommands.ADMIN : Permission.none();
    }

    @Override
    public Set<LockKey> keys(Booking b, CommandContext ctx) {
        return PointsLocks.booking(b.bookingId());
    }

    @Override
    public Set<LockKey> keysOf(Context c) {
        // Learnt, not locked up front, though the request names the customer: the program's key it may
        // need sorts before the customer's (PointsLocks).
        return PointsLocks.ledgerOf(c.request().customerId(), c.customerEntries());
    }

    @Override
    public Context load(StoreView view, Booking b, CommandContext ctx) {
        PointsFacts.requireCustomer(view, b.customerId());
        PointsSettings settings = rules.settings(view, ctx.businessDate());
        PointsFacts.requireCurrency(settings, b.currency(), "booking " + b.bookingId());
        Map<String, SupplierDocument> suppliers = PointsFacts.suppliers(view,
                b.services().stream().map(Service::supplier).toList());
        boolean exists = view.document(BookingDocument.TYPE, b.bookingId()).isPresent();
        boolean optedOut = ParticipantDocument.optedOut(view.document(ParticipantDocument.TYPE, b.customerId()));
        List<LedgerEntry> entries = view.entries(SavingsPoints.accountOf(b.customerId()));
        List<BookingDocument.Line> lines = new ArrayList<>();
        for (Service l : b.services()) {
            lines.add(new BookingDocument.Line(l.lineId(), l.supplier(), l.productType(), l.price().amount(), null,
                    l.points(), false));
        }
        BookingDocument created = BookingDocument.created(b.bookingId(), b.customerId(), ctx.businessDate(),
                b.currency(), ctx.actor().user(), lines);
        withPoints(created, DecidedFigures.WIDEST).toDocument();
        return new Context(b, settings, suppliers, PointsFacts.tourOperators(view, suppliers.values()), exists,
                optedOut, entries, PointsFacts.expiryRuns(view), created, ctx);
    }

    @Override
    public Map<AccountKey, BigDecimal> accounts(Context c) {
        // Opened without a floor: with the payment cap empty the rules may let the balance go negative.
        Map<AccountKey, BigDecimal> accounts = new HashMap<>();
        accounts.put(c.account(), null);
        return accounts;
    }

    @Override
    public List<Object> facts(Context c, Map<AccountKey, Account> accounts) {
        Booking b = c.request();
        List<Object> facts = new ArrayList<>();
        facts.add(new PointsBook(b.bookingId(), b.customerId(), c.exists()));
        for (Service l : b.services()) {
            facts.add(PointsFacts.line(b.bookingId(), b.customerId(), l.lineId(), c.suppliers().get(l.supplier()),
                    c.tourOperators(), l.productType(), l.price().amount(), l.points(), false, true));
        }
        facts.add(c.settings());
        facts.addAll(PointsFacts.customer(b.customerId(), accounts.get(c.account()), c.customerEntries(),
                c.expiryRuns(), c.optedOut(), b.bookingId()));
        return facts;
    }

    @Override
    public List<Write> writes(Context c, Decision decision, Applied applied) {
        return List.of(Write.save(withPoints(c.created(), DecidedFigures.of(decision)).toDocument()));
    }

    private static BookingDocument withPoints(BookingDocument booking, DecidedFigures decided) {
        return booking.withLines(booking.lines().stream().map(l -> l.withPoints(decided.points(l.lineId()))).toList());
    }
}

package org.loyaltyengine.points.internal;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.loyaltyengine.CommandContext;
import org.loyaltyengine.internal.Applied;
import org.loyaltyengine.internal.Command;
import org.loyaltyengine.internal.Permission;
import org.loyaltyengine.internal.StoreView;
import org.loyaltyengine.internal.Write;
import org.loyaltyengine.points.PointsRequests.Cancellation;
import org.loyaltyengine.points.SavingsPoints;
import org.loyaltyengine.rules.facts.Decision;
import org.loyaltyengine.rules.facts.PointsCancel;
import org.loyaltyengine.spi.Account;
import org.loyaltyengine.spi.AccountKey;
import org.loyaltyengine.spi.LockKey;

/**
 * {@code savings-points.cancel}: a service line or the whole booking cancelled (SPEC X-13). The rules take the
 * cancelled lines' points back, less what of them expired, and give back points paid beyond the new price,
 * never more than were paid, once.
 */
final class CancelCommand implements Command<Cancellation, CancelCommand.Context> {
    record Context(Cancellation request, BookingState state) {
        boolean wholeBooking() {
            return request.lineId() == null;
        }
    }

    private final PointsRules rules;

    CancelCommand(PointsRules rules) {
        this.rules = rules;
    }

    @Override
    public String name() {
        return PointsCommands.name("cancel");
    }

    @Override
    public String ruleSet() {
        return SavingsPoints.PROGRAM;
    }

    @Override
    public Permission permission(Cancellation request) {
        return Permission.none();
    }

    @Override
    public Set<LockKey> keys(Cancellation request, CommandContext ctx) {
        return PointsLocks.booking(request.bookingId());
    }

    @Override
    public Set<LockKey> keysOf(Context c) {
        // The booking names its customer: their ledger is what the rules decide on.
        return Set.of(PointsLocks.customer(c.state().booking().customerId()));
    }

    @Override
    public Context load(StoreView view, Cancellation request, CommandContext ctx) {
        BookingState state = BookingState.load(view, rules, request.bookingId(), ctx, (booking, settings) -> {
            if (request.lineId() != null) {
                booking.requireLine(request.lineId());
            }
        });
        Context context = new Context(request, state);
        changed(context, DecidedFigures.WIDEST).toDocument();
        return context;
    }

    @Override
    public Map<AccountKey, BigDecimal> accounts(Context c) {
        return c.state().accounts();
    }

    @Override
    public List<Object> facts(Context c, Map<AccountKey, Account> accounts) {
        Cancellation r = c.request();
        BigDecimal totalAfter = c.wholeBooking() ? BigDecimal.ZERO : c.state().booking().liveTotal(r.lineId(), null);
        return c.state().facts(new PointsCancel(r.bookingId(), r.lineId()), totalAfter, accounts, null, null);
    }

    @Override
    public List<Write> writes(Context c, Decision decision, Applied applied) {
        return List.of(Write.save(changed(c, DecidedFigures.of(decision)).toDocument()));
    }

    /** The booking with the lines cancelled (their points column 0), less the value of points given back. */
    private static BookingDocument changed(Context c, DecidedFigures decided) {
        BookingDocument booking = c.state().booking();
        BookingDocument changed = booking.withLines(booking.lines().stream()
                .map(l -> c.wholeBooking() || l.lineId().equals(c.request().lineId()) ? l.asCancelled() : l).toList());
        changed = changed.lessRefunded(decided.valueRefunded());
        return c.wholeBooking() ? changed.withStatus(BookingDocument.Status.CANCELLED) : changed;
    }
}

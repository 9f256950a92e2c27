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
import org.loyaltyengine.points.PointsRequests.PriceChange;
import org.loyaltyengine.points.SavingsPoints;
import org.loyaltyengine.rules.facts.Decision;
import org.loyaltyengine.rules.facts.PointsPriceChange;
import org.loyaltyengine.spi.Account;
import org.loyaltyengine.spi.AccountKey;
import org.loyaltyengine.spi.LockKey;

/**
 * {@code savings-points.change-price}: a service line's new price. With recalculation on, its points are
 * adjusted, never taking back points that expired (SPEC SP-6, SP-14); points paid beyond the new price are
 * given back (SPEC X-13).
 */
final class ChangePriceCommand implements Command<PriceChange, ChangePriceCommand.Context> {
    record Context(PriceChange request, BookingState state) {
        BigDecimal newAmount() {
            return request.newPrice().amount();
        }
    }

    private final PointsRules rules;

    ChangePriceCommand(PointsRules rules) {
        this.rules = rules;
    }

    @Override
    public String name() {
        return PointsCommands.name("change-price");
    }

    @Override
    public String ruleSet() {
        return SavingsPoints.PROGRAM;
    }

    @Override
    public Permission permission(PriceChange request) {
        return Permission.none();
    }

    @Override
    public Set<LockKey> keys(PriceChange request, CommandContext ctx) {
        return PointsLocks.booking(request.bookingId());
    }

    @Override
    public Set<LockKey> keysOf(Context c) {
        // The booking names its customer: their ledger is what the rules decide on.
        return Set.of(PointsLocks.customer(c.state().booking().customerId()));
    }

    @Override
    public Context load(StoreView view, PriceChange request, CommandContext ctx) {
        BookingState state = BookingState.load(view, rules, request.bookingId(), ctx, (booking, settings) -> {
            PointsFacts.requireBookingCurrency(booking, request.newPrice());
            PointsFacts.requireCurrency(settings, request.newPrice().currency().getCurrencyCode(),
                    "the new price of " + request.lineId());
            booking.requireLine(request.lineId());
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
        BookingDocument booking = c.state().booking();
        String lineId = c.request().lineId();
        return c.state().facts(new PointsPriceChange(booking.id(), lineId, booking.requireLine(lineId).price(),
                c.newAmount()), booking.liveTotal(lineId, c.newAmount()), accounts, lineId, c.newAmount());
    }

    @Override
    public List<Write> writes(Context c, Decision decision, Applied applied) {
        return List.of(Write.save(changed(c, DecidedFigures.of(decision)).toDocument()));
    }

    /** The booking with the line at its new price and points, less the value of points given back. */
    private static BookingDocument changed(Context c, DecidedFigures decided) {
        String lineId = c.request().lineId();
        return c.state().booking().lessRefunded(decided.valueRefunded()).withLine(lineId,
                l -> l.withPoints(decided.points(lineId)).withPrice(c.newAmount()));
    }
}

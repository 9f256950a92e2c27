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
import org.loyaltyengine.points.PointsRequests.PointsPayment;
import org.loyaltyengine.points.SavingsPoints;
import org.loyaltyengine.rules.facts.Decision;
import org.loyaltyengine.rules.facts.PointsPayWithPoints;
import org.loyaltyengine.spi.Account;
import org.loyaltyengine.spi.AccountKey;
import org.loyaltyengine.spi.LockKey;

/**
 * {@code savings-points.pay-with-points}: part of a booking paid with points, with the points payment type
 * (SPEC SP-8..SP-13, SP-15). The rules decide how many points it takes and whether it may.
 */
final class PayWithPointsCommand implements Command<PointsPayment, PayWithPointsCommand.Context> {
    record Context(PointsPayment request, BookingState state) {
    }

    private final PointsRules rules;

    PayWithPointsCommand(PointsRules rules) {
        this.rules = rules;
    }

    @Override
    public String name() {
        return PointsCommands.name("pay-with-points");
    }

    @Override
    public String ruleSet() {
        return SavingsPoints.PROGRAM;
    }

    @Override
    public Permission permission(PointsPayment request) {
        return Permission.none();
    }

    @Override
    public Set<LockKey> keys(PointsPayment request, CommandContext ctx) {
        return PointsLocks.booking(request.bookingId());
    }

    @Override
    public Set<LockKey> keysOf(Context c) {
        // The booking names its customer: their ledger is what the rules decide on.
        return Set.of(PointsLocks.customer(c.state().booking().customerId()));
    }

    @Override
    public Context load(StoreView view, PointsPayment request, CommandContext ctx) {
        BookingState state = BookingState.load(view, rules, request.bookingId(), ctx,
                (booking, settings) -> PointsFacts.requireBookingCurrency(booking, request.amount()));
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
        return c.state().facts(new PointsPayWithPoints(c.request().bookingId(), c.request().amount().amount()), null,
                accounts, null, null);
    }

    @Override
    public List<Write> writes(Context c, Decision decision, Applied applied) {
        return List.of(Write.save(changed(c, DecidedFigures.of(decision)).toDocument()));
    }

    /** The booking with the value paid in points, and the payment's line under the command's key. */
    private static BookingDocument changed(Context c, DecidedFigures decided) {
        BookingState s = c.state();
        return s.booking().plusPaidPointsValue(c.request().amount().amount()).withPayment(s.ctx().key().value(),
                s.paymentLine("points " + c.request().amount() + " = " + decided.pointsPaid() + " points"));
    }
}

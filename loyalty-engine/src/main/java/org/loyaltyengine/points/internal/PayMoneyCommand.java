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
import org.loyaltyengine.points.PointsRequests.MoneyPayment;
import org.loyaltyengine.points.SavingsPoints;
import org.loyaltyengine.rules.facts.Decision;
import org.loyaltyengine.rules.facts.PointsPayMoney;
import org.loyaltyengine.spi.Account;
import org.loyaltyengine.spi.AccountKey;
import org.loyaltyengine.spi.LockKey;

/**
 * {@code savings-points.pay-money}: a money payment on a booking, so the booking shows money, points and the
 * remainder (SPEC SP-8).
 */
final class PayMoneyCommand implements Command<MoneyPayment, PayMoneyCommand.Context> {
    record Context(MoneyPayment request, BookingState state) {
    }

    private final PointsRules rules;

    PayMoneyCommand(PointsRules rules) {
        this.rules = rules;
    }

    @Override
    public String name() {
        return PointsCommands.name("pay-money");
    }

    @Override
    public String ruleSet() {
        return SavingsPoints.PROGRAM;
    }

    @Override
    public Permission permission(MoneyPayment request) {
        return Permission.none();
    }

    @Override
    public Set<LockKey> keys(MoneyPayment request, CommandContext ctx) {
        return PointsLocks.booking(request.bookingId());
    }

    @Override
    public Set<LockKey> keysOf(Context c) {
        // The booking names its customer: their ledger is what the rules decide on.
        return Set.of(PointsLocks.customer(c.state().booking().customerId()));
    }

    @Override
    public Context load(StoreView view, MoneyPayment request, CommandContext ctx) {
        BookingState state = BookingState.load(view, rules, request.bookingId(), ctx,
                (booking, settings) -> PointsFacts.requireBookingCurrency(booking, request.amount()));
        Context context = new Context(request, state);
        changed(context).toDocument();
        return context;
    }

    @Override
    public Map<AccountKey, BigDecimal> accounts(Context c) {
        return c.state().accounts();
    }

    @Override
    public List<Object> facts(Context c, Map<AccountKey, Account> accounts) {
        MoneyPayment p = c.request();
        return c.state().facts(new PointsPayMoney(p.bookingId(), p.amount().amount(), p.paymentType()), null, accounts,
                null, null);
    }

    @Override
    public List<Write> writes(Context c, Decision decision, Applied applied) {
        return List.of(Write.save(changed(c).toDocument()));
    }

    /** The booking with the money paid, and the payment's line under the command's key. */
    private static BookingDocument changed(Context c) {
        BookingState s = c.state();
        MoneyPayment p = c.request();
        return s.booking().plusPaidMoney(p.amount().amount()).withPayment(s.ctx().key().value(),
                s.paymentLine(p.paymentType() + " " + p.amount()));
    }
}

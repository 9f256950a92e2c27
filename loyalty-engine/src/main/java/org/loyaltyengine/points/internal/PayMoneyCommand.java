package org.loyaltyengine.points.internal;

import java.util.List;
import java.util.Map;

import org.loyaltyengine.internal.Permission;
import org.loyaltyengine.points.PointsRequests.MoneyPayment;
import org.loyaltyengine.rules.facts.PointsPayMoney;
import org.loyaltyengine.rules.facts.PointsSettings;
import org.loyaltyengine.spi.Account;
import org.loyaltyengine.spi.AccountKey;

/**
 * {@code savings-points.pay-money}: a money payment on a booking, so the booking shows money, points and the
 * remainder (SPEC SP-8).
 */
final class PayMoneyCommand extends StoredBookingCommand<MoneyPayment> {
    PayMoneyCommand(PointsRules rules) {
        super(rules, "pay-money");
    }

    @Override
    public Permission permission(MoneyPayment request) {
        return Permission.none();
    }

    @Override
    String bookingId(MoneyPayment request) {
        return request.bookingId();
    }

    @Override
    void check(MoneyPayment request, BookingDocument booking, PointsSettings settings) {
        PointsFacts.requireBookingCurrency(booking, request.amount());
    }

    @Override
    public List<Object> facts(Context<MoneyPayment> c, Map<AccountKey, Account> accounts) {
        MoneyPayment p = c.request();
        return c.state().facts(new PointsPayMoney(p.bookingId(), p.amount().amount(), p.paymentType()), null, accounts,
                null, null);
    }

    /** The booking with the money paid, and the payment's line under the command's key; the rules decide no figure. */
    @Override
    BookingDocument changed(Context<MoneyPayment> c, DecidedFigures decided) {
        BookingState s = c.state();
        MoneyPayment p = c.request();
        return s.booking().plusPaidMoney(p.amount().amount()).withPayment(s.ctx().key().value(),
                s.paymentLine(p.paymentType() + " " + p.amount()));
    }
}

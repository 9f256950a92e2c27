package org.loyaltyengine.points.internal;

import java.util.List;
import java.util.Map;

import org.loyaltyengine.internal.Permission;
import org.loyaltyengine.points.PointsRequests.PointsPayment;
import org.loyaltyengine.rules.facts.PointsPayWithPoints;
import org.loyaltyengine.rules.facts.PointsSettings;
import org.loyaltyengine.spi.Account;
import org.loyaltyengine.spi.AccountKey;

/**
 * {@code savings-points.pay-with-points}: part of a booking paid with points, with the points payment type
 * (SPEC SP-8..SP-13, SP-15). The rules decide how many points it takes and whether it may.
 */
final class PayWithPointsCommand extends StoredBookingCommand<PointsPayment> {
    PayWithPointsCommand(PointsRules rules) {
        super(rules, "pay-with-points");
    }

    @Override
    public Permission permission(PointsPayment request) {
        return Permission.none();
    }

    @Override
    String bookingId(PointsPayment request) {
        return request.bookingId();
    }

    @Override
    void check(PointsPayment request, BookingDocument booking, PointsSettings settings) {
        PointsFacts.requireBookingCurrency(booking, request.amount());
    }

    @Override
    public List<Object> facts(Context<PointsPayment> c, Map<AccountKey, Account> accounts) {
        return c.state().facts(new PointsPayWithPoints(c.request().bookingId(), c.request().amount().amount(),
                c.request().pointValue(), c.request().points()), null,
                accounts, null, null);
    }

    /** The booking with the value paid in points, and the payment's line under the command's key. */
    @Override
    BookingDocument changed(Context<PointsPayment> c, DecidedFigures decided) {
        BookingState s = c.state();
        String key = s.ctx().key().value();
        BookingDocument paid = s.booking().plusPaidPointsValue(c.request().amount().amount()).withPayment(key,
                s.paymentLine("points " + c.request().amount() + " = " + decided.pointsPaid() + " points"));
        // A rate of its own (SPEC SP-21) is kept for the accounting, which values these points at it.
        boolean own = c.request().pointValue() != null || c.request().points() != null;
        return own ? paid.withOwnRate(key, decided.pointValue()) : paid;
    }
}

package org.loyaltyengine.points.internal;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import org.loyaltyengine.internal.Permission;
import org.loyaltyengine.points.PointsRequests.PriceChange;
import org.loyaltyengine.rules.facts.PointsPriceChange;
import org.loyaltyengine.rules.facts.PointsSettings;
import org.loyaltyengine.spi.Account;
import org.loyaltyengine.spi.AccountKey;

/**
 * {@code savings-points.change-price}: a service line's new price. With recalculation on, its points are
 * adjusted, never taking back points that expired (SPEC SP-6, SP-14); points paid beyond the new price are
 * given back (SPEC X-13).
 */
final class ChangePriceCommand extends StoredBookingCommand<PriceChange> {
    ChangePriceCommand(PointsRules rules) {
        super(rules, "change-price");
    }

    @Override
    public Permission permission(PriceChange request) {
        return Permission.none();
    }

    @Override
    String bookingId(PriceChange request) {
        return request.bookingId();
    }

    @Override
    void check(PriceChange request, BookingDocument booking, PointsSettings settings) {
        PointsFacts.requireBookingCurrency(booking, request.newPrice());
        PointsFacts.requireCurrency(settings, request.newPrice().currency().getCurrencyCode(),
                "the new price of " + request.lineId());
        booking.requireLine(request.lineId());
    }

    @Override
    public List<Object> facts(Context<PriceChange> c, Map<AccountKey, Account> accounts) {
        BookingDocument booking = c.state().booking();
        String lineId = c.request().lineId();
        BigDecimal newAmount = c.request().newPrice().amount();
        return c.state().facts(new PointsPriceChange(booking.id(), lineId, booking.requireLine(lineId).price(),
                newAmount), booking.liveTotal(lineId, newAmount), accounts, lineId, newAmount);
    }

    /** The booking with the line at its new price and points, less the value of points given back. */
    @Override
    BookingDocument changed(Context<PriceChange> c, DecidedFigures decided) {
        String lineId = c.request().lineId();
        return c.state().booking().lessRefunded(decided.valueRefunded()).withLine(lineId,
                l -> l.withPoints(decided.points(lineId)).withPrice(c.request().newPrice().amount()));
    }
}

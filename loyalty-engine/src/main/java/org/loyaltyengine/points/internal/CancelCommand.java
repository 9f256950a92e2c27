package org.loyaltyengine.points.internal;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import org.loyaltyengine.internal.Permission;
import org.loyaltyengine.points.PointsRequests.Cancellation;
import org.loyaltyengine.rules.facts.PointsCancel;
import org.loyaltyengine.rules.facts.PointsSettings;
import org.loyaltyengine.spi.Account;
import org.loyaltyengine.spi.AccountKey;

/**
 * {@code savings-points.cancel}: a service line or the whole booking cancelled (SPEC X-13). The rules take the
 * cancelled lines' points back, less what of them expired, and give back points paid beyond the new price,
 * never more than were paid, once.
 */
final class CancelCommand extends StoredBookingCommand<Cancellation> {
    CancelCommand(PointsRules rules) {
        super(rules, "cancel");
    }

    @Override
    public Permission permission(Cancellation request) {
        return Permission.none();
    }

    @Override
    String bookingId(Cancellation request) {
        return request.bookingId();
    }

    @Override
    void check(Cancellation request, BookingDocument booking, PointsSettings settings) {
        if (request.lineId() != null) {
            booking.requireLine(request.lineId());
        }
    }

    @Override
    public List<Object> facts(Context<Cancellation> c, Map<AccountKey, Account> accounts) {
        Cancellation r = c.request();
        BigDecimal totalAfter = wholeBooking(r) ? BigDecimal.ZERO : c.state().booking().liveTotal(r.lineId(), null);
        return c.state().facts(new PointsCancel(r.bookingId(), r.lineId()), totalAfter, accounts, null, null);
    }

    /** The booking with the lines cancelled (their points column 0), less the value of points given back. */
    @Override
    BookingDocument changed(Context<Cancellation> c, DecidedFigures decided) {
        Cancellation r = c.request();
        BookingDocument booking = c.state().booking();
        BookingDocument changed = booking.withLines(booking.lines().stream()
                .map(l -> wholeBooking(r) || l.lineId().equals(r.lineId()) ? l.asCancelled() : l).toList());
        changed = changed.lessRefunded(decided.valueRefunded());
        return wholeBooking(r) ? changed.withStatus(BookingDocument.Status.CANCELLED) : changed;
    }

    private static boolean wholeBooking(Cancellation r) {
        return r.lineId() == null;
    }
}

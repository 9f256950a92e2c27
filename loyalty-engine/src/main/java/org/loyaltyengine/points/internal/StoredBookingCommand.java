package org.loyaltyengine.points.internal;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.loyaltyengine.CommandContext;
import org.loyaltyengine.internal.Applied;
import org.loyaltyengine.internal.Command;
import org.loyaltyengine.internal.StoreView;
import org.loyaltyengine.internal.Write;
import org.loyaltyengine.points.SavingsPoints;
import org.loyaltyengine.rules.facts.Decision;
import org.loyaltyengine.rules.facts.PointsSettings;
import org.loyaltyengine.spi.AccountKey;
import org.loyaltyengine.spi.LockKey;

/**
 * A command on a stored booking (a price change, a money or points payment, a cancellation), loaded the one
 * way they all share: the booking the request names is locked, then read once with everything the command
 * decides on ({@link BookingState}), the request's typed errors refused there; the booking's customer is
 * learnt from it, and their ledger locked; their points account is opened without a floor. The booking the
 * command saves is built from what it loaded and the figures decided ({@link #changed}): once with the widest
 * figures while it loads, so a booking the store would refuse is refused before the ledger is written, and
 * once with the rules' figures. Each command says only its request's booking and checks, its permission, its
 * facts and its changed booking.
 *
 * @param <R> the request
 */
abstract class StoredBookingCommand<R> implements Command<R, StoredBookingCommand.Context<R>> {
    /** The request, with the booking and all else the command decides on as read. */
    record Context<R>(R request, BookingState state) {
    }

    private final PointsRules rules;
    private final String name;

    StoredBookingCommand(PointsRules rules, String command) {
        this.rules = rules;
        this.name = PointsCommands.name(command);
    }

    /** The stored booking the request names. */
    abstract String bookingId(R request);

    /** Refuses the request with a typed error against the booking and settings as read; nothing else is read yet. */
    abstract void check(R request, BookingDocument booking, PointsSettings settings);

    /** The booking as the command saves it, with {@code decided}'s figures. */
    abstract BookingDocument changed(Context<R> c, DecidedFigures decided);

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final String ruleSet() {
        return SavingsPoints.PROGRAM;
    }

    @Override
    public final Set<LockKey> keys(R request, CommandContext ctx) {
        return PointsLocks.booking(bookingId(request));
    }

    @Override
    public final Set<LockKey> keysOf(Context<R> c) {
        // The booking names its customer: their ledger is what the rules decide on.
        return Set.of(PointsLocks.customer(c.state().booking().customerId()));
    }

    @Override
    public final Context<R> load(StoreView view, R request, CommandContext ctx) {
        Context<R> context = new Context<>(request, BookingState.load(view, rules, bookingId(request), ctx,
                (booking, settings) -> check(request, booking, settings)));
        changed(context, DecidedFigures.WIDEST).toDocument();
        return context;
    }

    @Override
    public final Map<AccountKey, BigDecimal> accounts(Context<R> c) {
        return c.state().accounts();
    }

    @Override
    public final List<Write> writes(Context<R> c, Decision decision, Applied applied) {
        return List.of(Write.save(changed(c, DecidedFigures.of(decision)).toDocument()));
    }
}

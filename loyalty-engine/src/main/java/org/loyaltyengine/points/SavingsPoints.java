package org.loyaltyengine.points;

import java.time.YearMonth;
import java.util.List;

import org.loyaltyengine.Batch;
import org.loyaltyengine.BatchOutcome;
import org.loyaltyengine.CommandContext;
import org.loyaltyengine.points.PointsRequests.Booking;
import org.loyaltyengine.points.PointsRequests.Cancellation;
import org.loyaltyengine.points.PointsRequests.Configure;
import org.loyaltyengine.points.PointsRequests.ExpireYear;
import org.loyaltyengine.points.PointsRequests.ManualEntry;
import org.loyaltyengine.points.PointsRequests.MoneyPayment;
import org.loyaltyengine.points.PointsRequests.Participation;
import org.loyaltyengine.points.PointsRequests.PointsPayment;
import org.loyaltyengine.points.PointsRequests.PriceChange;
import org.loyaltyengine.points.PointsRequests.Supplier;
import org.loyaltyengine.points.PointsRequests.TourOperator;
import org.loyaltyengine.rules.facts.PointsSettings;
import org.loyaltyengine.spi.AccountKey;
import org.loyaltyengine.spi.Actor;
import org.loyaltyengine.spi.Checks;
import org.loyaltyengine.spi.Outcome;
import org.loyaltyengine.spi.TenantId;
import org.loyaltyengine.spi.Unit;

/**
 * The savings points of a travel agency (seed 001, SPEC SP-1..SP-19, X-13): every state-changing call is a
 * command with an idempotency key, decided by the {@code savings-points} rule set, and returns an
 * {@link Outcome}. Reads (bookings, analysis, the monthly list, accounting, CSV) take no key; those that show
 * customers' points take the reading user and need {@value #READ_PERMISSION} (or {@value #ADMIN_PERMISSION}),
 * else they throw {@link org.loyaltyengine.PermissionRequiredException}. The engine builds the one
 * implementation ({@code LoyaltyEngine.savingsPoints()}).
 *
 * <p>A customer's points live in one account, {@code (customer id, "savings-points", points)}, opened
 * without a floor because with the payment cap left empty a customer who saved points may go negative;
 * the rules decide when that is allowed. Bookings (dossiers), suppliers and customers' participation are
 * program documents; the settings are the program's stored settings, given to the rules as one fact.
 *
 * <p>Permission {@value #ADMIN_PERMISSION} guards the points administration: settings, suppliers,
 * participation and manual entries. Every ledger entry and booking records the acting user.
 */
public interface SavingsPoints {
    /** The rule set and account program name. */
    String PROGRAM = "savings-points";
    /** The permission an employee needs for the points administration (SPEC SP-7, SP-19). */
    String ADMIN_PERMISSION = "points-admin";
    /**
     * The permission an employee needs to read customers' points: a booking's points, the analysis and the
     * statement, the monthly list and the accounting report (SPEC SP-22; seed 001 shields the points
     * administration per employee). {@value #ADMIN_PERMISSION} includes it: whoever corrects points sees them.
     */
    String READ_PERMISSION = "points-read";
    /**
     * The id of a year-end expiry run's document, followed by the year ({@code expiry-2025}); the run's entries
     * name it. A run is stored as a {@code points-expiry} document dated on the year end it closed, and that
     * date, not the form of the id, says up to which day its entries settled the points.
     */
    String EXPIRY_DOCUMENT = "expiry-";
    /** The line a points payment's ledger entries name on their booking. */
    String PAYMENT_LINE = "payment";
    /** The line of the entries that give points paid back (a cancellation, a price cut). */
    String REFUND_LINE = "payment-refund";

    /** The points account of a customer. */
    static AccountKey accountOf(String customerId) {
        return new AccountKey(customerId, PROGRAM, Unit.points());
    }

    // ------------------------------------------------------------------ administration

    /** The agency's points settings as stored (defaults for the ones never set). */
    PointsSettings settings(TenantId tenant);

    /**
     * Changes the settings the request names and keeps the others (administration permission). A change
     * of the point value is kept with its business date for the accounting report; the currency changes
     * only while the program holds no booking and no points account. The outcome carries no typed result.
     */
    Outcome configure(CommandContext ctx, Configure configure);

    /**
     * Replaces the agency's points settings as a whole (administration permission). Superseded by
     * {@link #configure(CommandContext, Configure)}, which changes one setting or several and keeps the
     * rest; this is {@code configure(ctx, Configure.all(settings))}, kept for hosts written against it.
     */
    default Outcome configure(CommandContext ctx, PointsSettings settings) {
        return configure(ctx, Configure.all(Checks.notNull(settings, "settings")));
    }

    /**
     * Creates or changes a supplier: enabled for points, its rate and its product-type structure, and the tour
     * operator whose settings it shares where it sets none itself (SPEC SP-20; a tour operator it names must be
     * defined, else {@code NO_SUCH_TOUR_OPERATOR}). The outcome carries no typed result.
     */
    Outcome defineSupplier(CommandContext ctx, Supplier supplier);

    /**
     * Creates or changes a tour operator whose suppliers share its settings: enabled for points, its rate and its
     * product-type structure (administration permission; SPEC SP-20). A supplier that names it uses what it does
     * not set itself. The outcome carries no typed result.
     */
    Outcome defineTourOperator(CommandContext ctx, TourOperator tourOperator);

    /**
     * Says whether a customer takes part in the savings plan; one who does not earns nothing (SPEC SP-7). The
     * outcome carries no typed result.
     */
    Outcome setParticipation(CommandContext ctx, Participation participation);

    /**
     * A manual points entry with a note (administration permission; SPEC SP-7). The outcome carries no typed
     * result: the points moved are its ledger entries.
     */
    Outcome manualEntry(CommandContext ctx, ManualEntry entry);

    // ------------------------------------------------------------------ bookings

    /**
     * Registers a booking; each service line earns its points (SPEC SP-1..SP-5, SP-7, SP-16). Points typed in
     * by hand above zero need the administration permission, as a manual entry does. An applied outcome
     * carries a {@link org.loyaltyengine.rules.facts.PointsBookResult} (each line's points column) unless the
     * customer takes no part in the savings plan: {@code outcome.result(PointsBookResult.class)}.
     */
    Outcome book(CommandContext ctx, Booking booking);

    /**
     * Changes a service line's price; with recalculation on its points are adjusted, never taking back points
     * that expired (SPEC SP-6, SP-14); points paid beyond the new price are given back (SPEC X-13). An applied
     * outcome carries a {@link org.loyaltyengine.rules.facts.PointsPriceChangeResult} (the line's points column
     * once changed), and a
     * {@link org.loyaltyengine.rules.facts.PointsRefundResult} when points paid were given back.
     */
    Outcome changePrice(CommandContext ctx, PriceChange change);

    /**
     * Pays part of a booking with points, with the points payment type (SPEC SP-8..SP-13, SP-15). The points it
     * takes are the amount divided by the point value, rounded up to 0.01, so they are always worth at least
     * the amount. An applied outcome carries a {@link org.loyaltyengine.rules.facts.PointsPaymentResult}: the
     * points it took, for what value, at which point value.
     */
    Outcome payWithPoints(CommandContext ctx, PointsPayment payment);

    /**
     * Records a money payment on a booking, so the booking shows money, points and the remainder (SPEC SP-8). An
     * applied outcome carries a {@link org.loyaltyengine.rules.facts.PointsMoneyPaymentResult}.
     */
    Outcome payMoney(CommandContext ctx, MoneyPayment payment);

    /**
     * Cancels a service line or the whole booking (SPEC X-13): the cancelled lines' points are taken back,
     * less what of them expired, and points paid beyond the new price are given back, never more than were
     * paid, once. An applied outcome carries a {@link org.loyaltyengine.rules.facts.PointsRefundResult} when
     * points paid were given back, and no other typed result: the points taken back are its ledger entries.
     */
    Outcome cancel(CommandContext ctx, Cancellation cancellation);

    // ------------------------------------------------------------------ year end

    /**
     * The year-end expiry (SPEC SP-14): every customer who earned no points in {@code year} loses the
     * points still unused. Run it on or after 31 December; a second run for the same year changes nothing. A run
     * on a later day is booked on 31 December of {@code year} all the same (SPEC SP-23): its entries, and the
     * analysis, the monthly list and the accounting, show the expiry in the year it closed.
     * The outcome carries no typed result: the points expired are its ledger entries.
     */
    Outcome expireYear(CommandContext ctx, ExpireYear run);

    /**
     * The year-end expiry in batch mode (SPEC SP-14, SP-25): the same decision as {@link #expireYear(CommandContext,
     * ExpireYear)}, account by account, taken in chunks of {@code batch.chunkSize()} points accounts so that the
     * heap and each transaction stay the size of one chunk. Each chunk is one command under the key
     * {@code <ctx key>/chunk-<n>}, with its own transaction, and writes the job's progress (a {@code batch-job}
     * document named by the job's key) in that transaction. A job interrupted half-way (a failure, a crash) and
     * run again with the same key finishes exactly once: the chunks applied answer with their stored outcomes and
     * the rest run. The same key with another year or chunk size is refused
     * ({@link org.loyaltyengine.IdempotencyConflictException}). A rejected chunk (expiry switched off, the year
     * not ended, no permission) stops the job; its outcome is {@link BatchOutcome#rejection()}. In a dry run
     * ({@code batch.dryRun()} or the context's) every chunk is decided and nothing is written.
     *
     * <p>The chunks' outcomes go to {@code batch.progress()} one by one, and are not kept: the result is the job in
     * figures.
     *
     * @throws org.loyaltyengine.spi.InvalidValueException if the key is too long to name its chunks (more than
     *         183 characters)
     */
    BatchOutcome expireYear(CommandContext ctx, ExpireYear run, Batch batch);

    // ------------------------------------------------------------------ reads

    /**
     * A booking with its lines and points column, and what was paid in money and points (SPEC SP-8, SP-16); the
     * reader needs {@value #READ_PERMISSION} (SPEC SP-22).
     *
     * @throws org.loyaltyengine.PermissionRequiredException when the reader may not read points
     */
    BookingView booking(TenantId tenant, Actor reader, String bookingId);

    /**
     * The analysts' reports: analysis per customer and year, monthly list, accounting (SPEC SP-17, SP-18); each
     * takes its reader and needs {@value #READ_PERMISSION} (SPEC SP-22).
     */
    PointsReports reports();

    /** The analysis of one customer per year (SPEC SP-17); the reader needs {@value #READ_PERMISSION}. */
    PointsAnalysis analysis(TenantId tenant, Actor reader, String customerId);

    /**
     * Every points movement of one month (SPEC SP-17: "Printen maandelijkse lijst spaarpunten"); the reader needs
     * {@value #READ_PERMISSION}.
     */
    List<PointsMovement> monthlyList(TenantId tenant, Actor reader, YearMonth month);
}

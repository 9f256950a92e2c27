package org.loyaltyengine.points.internal;

import java.time.YearMonth;
import java.util.List;

import org.loyaltyengine.Batch;
import org.loyaltyengine.BatchOutcome;
import org.loyaltyengine.CommandContext;
import org.loyaltyengine.NoSuchEntityException;
import org.loyaltyengine.internal.BatchJobRunner;
import org.loyaltyengine.internal.CommandPipeline;
import org.loyaltyengine.internal.CommandRequests;
import org.loyaltyengine.internal.StoreView;
import org.loyaltyengine.points.BookingView;
import org.loyaltyengine.points.PointsAnalysis;
import org.loyaltyengine.points.PointsMovement;
import org.loyaltyengine.points.PointsReports;
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
import org.loyaltyengine.points.SavingsPoints;
import org.loyaltyengine.rules.facts.PointsSettings;
import org.loyaltyengine.spi.Actor;
import org.loyaltyengine.spi.Checks;
import org.loyaltyengine.spi.LedgerEntry;
import org.loyaltyengine.spi.Outcome;
import org.loyaltyengine.spi.TenantId;

/**
 * The savings points over the command pipeline: each command is run by the pipeline, each read is one
 * read-only transaction. Built by {@code LoyaltyEngine}; hosts use {@link SavingsPoints}.
 */
public final class DefaultSavingsPoints implements SavingsPoints {
    private static final DefineSupplierCommand DEFINE_SUPPLIER = new DefineSupplierCommand();
    private static final DefineTourOperatorCommand DEFINE_TOUR_OPERATOR = new DefineTourOperatorCommand();
    private static final SetParticipationCommand SET_PARTICIPATION = new SetParticipationCommand();

    private final CommandPipeline pipeline;
    private final PointsRules rules;
    private final DefaultPointsReports reports;
    private final ConfigureCommand configure;
    private final ManualEntryCommand manualEntry;
    private final BookCommand book;
    private final ChangePriceCommand changePrice;
    private final PayWithPointsCommand payWithPoints;
    private final PayMoneyCommand payMoney;
    private final CancelCommand cancel;
    private final ExpireYearCommand expireYear;
    private final ExpireYearChunkCommand expireYearChunk;
    private final BatchJobRunner batches;

    public DefaultSavingsPoints(CommandPipeline pipeline) {
        this.pipeline = pipeline;
        this.rules = new PointsRules(pipeline.rules());
        this.reports = new DefaultPointsReports(pipeline.store(), rules, pipeline.clock());
        this.configure = new ConfigureCommand(rules);
        this.manualEntry = new ManualEntryCommand(rules);
        this.book = new BookCommand(rules);
        this.changePrice = new ChangePriceCommand(rules);
        this.payWithPoints = new PayWithPointsCommand(rules);
        this.payMoney = new PayMoneyCommand(rules);
        this.cancel = new CancelCommand(rules);
        this.expireYear = new ExpireYearCommand(rules);
        this.expireYearChunk = new ExpireYearChunkCommand(rules, expireYear);
        this.batches = new BatchJobRunner(pipeline);
        // What reads a logged request back (SPEC X-11): each command with the request it takes.
        CommandRequests requests = pipeline.requests();
        requests.register(configure, Configure.class);
        requests.register(DEFINE_SUPPLIER, Supplier.class);
        requests.register(DEFINE_TOUR_OPERATOR, TourOperator.class);
        requests.register(SET_PARTICIPATION, Participation.class);
        requests.register(manualEntry, ManualEntry.class);
        requests.register(book, Booking.class);
        requests.register(changePrice, PriceChange.class);
        requests.register(payWithPoints, PointsPayment.class);
        requests.register(payMoney, MoneyPayment.class);
        requests.register(cancel, Cancellation.class);
        requests.register(expireYear, ExpireYearCommand.Run.class);
        requests.register(expireYearChunk, ExpireYearChunkCommand.Chunk.class);
    }

    @Override
    public PointsSettings settings(TenantId tenant) {
        // No business date is asked for: the defaults are those of the version in force today.
        return pipeline.store().inTransaction(tenant, tx -> rules.settings(StoreView.of(tx),
                java.time.LocalDate.now(pipeline.clock())));
    }

    @Override
    public Outcome configure(CommandContext ctx, Configure configure) {
        return pipeline.run(ctx, configure, this.configure);
    }

    @Override
    public Outcome defineSupplier(CommandContext ctx, Supplier supplier) {
        return pipeline.run(ctx, supplier, DEFINE_SUPPLIER);
    }

    @Override
    public Outcome defineTourOperator(CommandContext ctx, TourOperator tourOperator) {
        return pipeline.run(ctx, tourOperator, DEFINE_TOUR_OPERATOR);
    }

    @Override
    public Outcome setParticipation(CommandContext ctx, Participation participation) {
        return pipeline.run(ctx, participation, SET_PARTICIPATION);
    }

    @Override
    public Outcome manualEntry(CommandContext ctx, ManualEntry entry) {
        return pipeline.run(ctx, entry, this.manualEntry);
    }

    @Override
    public Outcome book(CommandContext ctx, Booking booking) {
        return pipeline.run(ctx, booking, this.book);
    }

    @Override
    public Outcome changePrice(CommandContext ctx, PriceChange change) {
        return pipeline.run(ctx, change, this.changePrice);
    }

    @Override
    public Outcome payWithPoints(CommandContext ctx, PointsPayment payment) {
        return pipeline.run(ctx, payment, this.payWithPoints);
    }

    @Override
    public Outcome payMoney(CommandContext ctx, MoneyPayment payment) {
        return pipeline.run(ctx, payment, this.payMoney);
    }

    @Override
    public Outcome cancel(CommandContext ctx, Cancellation cancellation) {
        return pipeline.run(ctx, cancellation, this.cancel);
    }

    @Override
    public Outcome expireYear(CommandContext ctx, ExpireYear run) {
        Checks.notNull(ctx, "command context");
        Checks.notNull(run, "the request of " + PointsCommands.name("expire-year"));
        // The expiry of a year belongs to that year (SPEC SP-23): a run on or after its 31 December is booked
        // on that day, whatever day the job ran, so its entries, the analysis, the monthly list and the
        // accounting show it in the year it closed; the rules and defaults in force on that day decide it.
        // A run before the year end keeps its own date, and the rules refuse it (YEAR_NOT_ENDED).
        return pipeline.run(bookedOnYearEnd(ctx, run), new ExpireYearCommand.Run(run, ctx.businessDate()),
                this.expireYear);
    }

    private static CommandContext bookedOnYearEnd(CommandContext ctx, ExpireYear run) {
        java.time.LocalDate yearEnd = java.time.LocalDate.of(run.year(), 12, 31);
        return ctx.businessDate().isAfter(yearEnd)
                ? new CommandContext(ctx.tenant(), ctx.actor(), ctx.key(), yearEnd, ctx.dryRun()) : ctx;
    }

    @Override
    public BatchOutcome expireYear(CommandContext ctx, ExpireYear run, Batch batch) {
        Checks.notNull(ctx, "command context");
        Checks.notNull(run, "the request of " + PointsCommands.name("expire-year"));
        Checks.notNull(batch, "batch");
        // Booked as the single run is (SPEC SP-23), each chunk on the year end it closes.
        return batches.run(bookedOnYearEnd(ctx, run), ctx.businessDate(), batch, BatchJobRunner.Job.overAccounts(
                expireYearChunk, SavingsPoints.PROGRAM, ExpireYearChunkCommand.parameters(run),
                (ranOn, job, n, size, after) -> new ExpireYearChunkCommand.Chunk(run, ranOn, job, n, size, after)));
    }

    @Override
    public BookingView booking(TenantId tenant, Actor reader, String bookingId) {
        DefaultPointsReports.requireReader(reader, "a savings-points booking");
        return pipeline.store().inTransaction(tenant, tx -> {
            StoreView view = StoreView.of(tx);
            BookingDocument booking = view.document(BookingDocument.TYPE, bookingId).map(BookingDocument::from)
                    .orElseThrow(() -> new NoSuchEntityException("booking", bookingId));
            List<LedgerEntry> entries = view.entriesOfDocument(bookingId);
            // Read as of today: the read asks for no business date.
            return booking.view(entries, rules.classify(view, entries, java.time.LocalDate.now(pipeline.clock())));
        });
    }

    @Override
    public PointsReports reports() {
        return reports;
    }

    @Override
    public PointsAnalysis analysis(TenantId tenant, Actor reader, String customerId) {
        return reports.analysis(tenant, reader, customerId);
    }

    @Override
    public List<PointsMovement> monthlyList(TenantId tenant, Actor reader, YearMonth month) {
        return reports.monthlyList(tenant, reader, month);
    }
}

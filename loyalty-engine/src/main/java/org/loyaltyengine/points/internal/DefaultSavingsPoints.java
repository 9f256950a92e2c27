package org.loyaltyengine.points.internal;

import java.time.YearMonth;
import java.util.List;

import org.loyaltyengine.CommandContext;
import org.loyaltyengine.NoSuchEntityException;
import org.loyaltyengine.internal.CommandPipeline;
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
import org.loyaltyengine.points.SavingsPoints;
import org.loyaltyengine.rules.facts.PointsSettings;
import org.loyaltyengine.spi.Outcome;
import org.loyaltyengine.spi.TenantId;

/**
 * The savings points over the command pipeline: each command is run by the pipeline, each read is one
 * read-only transaction. Built by {@code LoyaltyEngine}; hosts use {@link SavingsPoints}.
 */
public final class DefaultSavingsPoints implements SavingsPoints {
    private static final ConfigureCommand CONFIGURE = new ConfigureCommand();
    private static final DefineSupplierCommand DEFINE_SUPPLIER = new DefineSupplierCommand();
    private static final SetParticipationCommand SET_PARTICIPATION = new SetParticipationCommand();
    private static final ManualEntryCommand MANUAL_ENTRY = new ManualEntryCommand();
    private static final BookCommand BOOK = new BookCommand();
    private static final ChangePriceCommand CHANGE_PRICE = new ChangePriceCommand();
    private static final PayWithPointsCommand PAY_WITH_POINTS = new PayWithPointsCommand();
    private static final PayMoneyCommand PAY_MONEY = new PayMoneyCommand();
    private static final CancelCommand CANCEL = new CancelCommand();
    private static final ExpireYearCommand EXPIRE_YEAR = new ExpireYearCommand();

    private final CommandPipeline pipeline;
    private final DefaultPointsReports reports;

    public DefaultSavingsPoints(CommandPipeline pipeline) {
        this.pipeline = pipeline;
        this.reports = new DefaultPointsReports(pipeline.store());
    }

    @Override
    public PointsSettings settings(TenantId tenant) {
        return pipeline.store().inTransaction(tenant, tx -> PointsFacts.settings(StoreView.of(tx)));
    }

    @Override
    public Outcome configure(CommandContext ctx, Configure configure) {
        return pipeline.run(ctx, configure, CONFIGURE);
    }

    @Override
    public Outcome defineSupplier(CommandContext ctx, Supplier supplier) {
        return pipeline.run(ctx, supplier, DEFINE_SUPPLIER);
    }

    @Override
    public Outcome setParticipation(CommandContext ctx, Participation participation) {
        return pipeline.run(ctx, participation, SET_PARTICIPATION);
    }

    @Override
    public Outcome manualEntry(CommandContext ctx, ManualEntry entry) {
        return pipeline.run(ctx, entry, MANUAL_ENTRY);
    }

    @Override
    public Outcome book(CommandContext ctx, Booking booking) {
        return pipeline.run(ctx, booking, BOOK);
    }

    @Override
    public Outcome changePrice(CommandContext ctx, PriceChange change) {
        return pipeline.run(ctx, change, CHANGE_PRICE);
    }

    @Override
    public Outcome payWithPoints(CommandContext ctx, PointsPayment payment) {
        return pipeline.run(ctx, payment, PAY_WITH_POINTS);
    }

    @Override
    public Outcome payMoney(CommandContext ctx, MoneyPayment payment) {
        return pipeline.run(ctx, payment, PAY_MONEY);
    }

    @Override
    public Outcome cancel(CommandContext ctx, Cancellation cancellation) {
        return pipeline.run(ctx, cancellation, CANCEL);
    }

    @Override
    public Outcome expireYear(CommandContext ctx, ExpireYear run) {
        return pipeline.run(ctx, run, EXPIRE_YEAR);
    }

    @Override
    public BookingView booking(TenantId tenant, String bookingId) {
        return pipeline.store().inTransaction(tenant, tx -> {
            StoreView view = StoreView.of(tx);
            return view.document(BookingDocument.TYPE, bookingId).map(BookingDocument::from)
                    .orElseThrow(() -> new NoSuchEntityException("booking", bookingId))
                    .view(view.entriesOfDocument(bookingId));
        });
    }

    @Override
    public PointsReports reports() {
        return reports;
    }

    @Override
    public PointsAnalysis analysis(TenantId tenant, String customerId) {
        return reports.analysis(tenant, customerId);
    }

    @Override
    public List<PointsMovement> monthlyList(TenantId tenant, YearMonth month) {
        return reports.monthlyList(tenant, month);
    }
}

package org.loyaltyengine.credits.internal;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Optional;

import org.loyaltyengine.Batch;
import org.loyaltyengine.BatchOutcome;
import org.loyaltyengine.CommandContext;
import org.loyaltyengine.credits.Budget;
import org.loyaltyengine.credits.CreditRequests.CancelSale;
import org.loyaltyengine.credits.CreditRequests.Configure;
import org.loyaltyengine.credits.CreditRequests.ConfirmSale;
import org.loyaltyengine.credits.CreditRequests.Consume;
import org.loyaltyengine.credits.CreditRequests.Correction;
import org.loyaltyengine.credits.CreditRequests.CreditNote;
import org.loyaltyengine.credits.CreditRequests.DefineType;
import org.loyaltyengine.credits.CreditRequests.ExpireLots;
import org.loyaltyengine.credits.CreditRequests.Sell;
import org.loyaltyengine.credits.CreditRequests.UseCredits;
import org.loyaltyengine.credits.CreditType;
import org.loyaltyengine.credits.Credits;
import org.loyaltyengine.credits.Portfolio;
import org.loyaltyengine.credits.ReportPeriod;
import org.loyaltyengine.credits.RevenueReport;
import org.loyaltyengine.credits.UsageReport;
import org.loyaltyengine.internal.BatchJobRunner;
import org.loyaltyengine.internal.CommandPipeline;
import org.loyaltyengine.internal.CommandRequests;
import org.loyaltyengine.internal.StoreView;
import org.loyaltyengine.spi.Outcome;
import org.loyaltyengine.spi.TenantId;

/**
 * {@link Credits} on the command pipeline: each command is one class of this package, run by
 * {@link CommandPipeline#run}; the reads go through a read-only view of the store. Built by {@code LoyaltyEngine}.
 */
public final class DefaultCredits implements Credits {
    private final CommandPipeline pipeline;
    private final DefineTypeCommand defineType = new DefineTypeCommand();
    private final ConfigureCommand configure = new ConfigureCommand();
    private final UseCreditsCommand useCredits = new UseCreditsCommand();
    private final SellCommand sell;
    private final MoveSaleCommand<ConfirmSale> confirm = MoveSaleCommand.confirm();
    private final MoveSaleCommand<CancelSale> cancel = MoveSaleCommand.cancel();
    private final ConsumeCommand consume;
    private final CreditNoteCommand creditNote = new CreditNoteCommand();
    private final ExpireLotsCommand expireLots = new ExpireLotsCommand();
    private final ExpireLotsChunkCommand expireLotsChunk = new ExpireLotsChunkCommand(expireLots);
    private final BatchJobRunner batches;
    private final CorrectCommand correct = new CorrectCommand();

    public DefaultCredits(CommandPipeline pipeline) {
        this.pipeline = pipeline;
        this.batches = new BatchJobRunner(pipeline);
        this.sell = new SellCommand(pipeline.rules());
        this.consume = new ConsumeCommand(pipeline.rules());
        // What reads a logged request back (SPEC X-11): each command with the request it takes.
        CommandRequests requests = pipeline.requests();
        requests.register(defineType, DefineType.class);
        requests.register(configure, Configure.class);
        requests.register(useCredits, UseCredits.class);
        requests.register(sell, Sell.class);
        requests.register(confirm, ConfirmSale.class);
        requests.register(cancel, CancelSale.class);
        requests.register(consume, Consume.class);
        requests.register(creditNote, CreditNote.class);
        requests.register(expireLots, ExpireLots.class);
        requests.register(expireLotsChunk, ExpireLotsChunkCommand.Chunk.class);
        requests.register(correct, Correction.class);
    }

    @Override
    public Outcome defineType(CommandContext ctx, DefineType type) {
        return pipeline.run(ctx, type, defineType);
    }

    @Override
    public Outcome configure(CommandContext ctx, Configure settings) {
        return pipeline.run(ctx, settings, configure);
    }

    @Override
    public Outcome useCredits(CommandContext ctx, UseCredits use) {
        return pipeline.run(ctx, use, useCredits);
    }

    @Override
    public Outcome sell(CommandContext ctx, Sell sale) {
        return pipeline.run(ctx, sale, sell);
    }

    @Override
    public Outcome confirmSale(CommandContext ctx, ConfirmSale confirm) {
        return pipeline.run(ctx, confirm, this.confirm);
    }

    @Override
    public Outcome cancelSale(CommandContext ctx, CancelSale cancel) {
        return pipeline.run(ctx, cancel, this.cancel);
    }

    @Override
    public Outcome consume(CommandContext ctx, Consume work) {
        return pipeline.run(ctx, work, consume);
    }

    @Override
    public Outcome creditNote(CommandContext ctx, CreditNote note) {
        return pipeline.run(ctx, note, creditNote);
    }

    @Override
    public Outcome expireLots(CommandContext ctx) {
        return pipeline.run(ctx, new ExpireLots(), expireLots);
    }

    @Override
    public BatchOutcome expireLots(CommandContext ctx, Batch batch) {
        org.loyaltyengine.spi.Checks.notNull(ctx, "command context");
        return batches.run(ctx, ctx.businessDate(), batch, expireLotsChunk.job());
    }

    @Override
    public Outcome correct(CommandContext ctx, Correction correction) {
        return pipeline.run(ctx, correction, correct);
    }

    @Override
    public Optional<CreditType> type(TenantId tenant, String code) {
        return read(tenant, view -> CreditQueries.type(view, code));
    }

    @Override
    public List<CreditType> types(TenantId tenant) {
        return read(tenant, CreditQueries::types);
    }

    @Override
    public Portfolio portfolio(TenantId tenant, String customerId, LocalDate date) {
        return read(tenant, view -> CreditQueries.portfolio(view, customerId, date));
    }

    @Override
    public UsageReport usage(TenantId tenant, String customerId, ReportPeriod period) {
        return read(tenant, view -> CreditQueries.usage(view, customerId, period));
    }

    @Override
    public String usageCsv(TenantId tenant, String customerId, ReportPeriod period) {
        return CreditQueries.usageCsv(usage(tenant, customerId, period));
    }

    @Override
    public Budget budget(TenantId tenant, String customerId, int year, LocalDate asOf) {
        return read(tenant, view -> CreditQueries.budget(view, customerId, year, asOf));
    }

    @Override
    public String budgetCsv(TenantId tenant, String customerId, int year, LocalDate asOf) {
        return CreditQueries.budgetCsv(budget(tenant, customerId, year, asOf));
    }

    @Override
    public RevenueReport revenue(TenantId tenant, YearMonth from, YearMonth to) {
        return read(tenant, view -> CreditQueries.revenue(view, from, to));
    }

    @Override
    public String revenueCsv(TenantId tenant, YearMonth from, YearMonth to) {
        return CreditQueries.revenueCsv(revenue(tenant, from, to));
    }

    private <T> T read(TenantId tenant, java.util.function.Function<StoreView, T> query) {
        return pipeline.store().inTransaction(tenant, tx -> query.apply(StoreView.of(tx)));
    }
}

package org.loyaltyengine.card.internal;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.loyaltyengine.Batch;
import org.loyaltyengine.BatchOutcome;
import org.loyaltyengine.CommandContext;
import org.loyaltyengine.card.CardEntry;
import org.loyaltyengine.card.CardLine;
import org.loyaltyengine.card.CardPage;
import org.loyaltyengine.card.CardRequests;
import org.loyaltyengine.card.CardRequests.AddValue;
import org.loyaltyengine.card.CardRequests.AutoEnrol;
import org.loyaltyengine.card.CardRequests.Configure;
import org.loyaltyengine.card.CardRequests.CreditNote;
import org.loyaltyengine.card.CardRequests.DefineProduct;
import org.loyaltyengine.card.CardRequests.Enrol;
import org.loyaltyengine.card.CardRequests.EnrolAll;
import org.loyaltyengine.card.CardRequests.RemoveLine;
import org.loyaltyengine.card.CardRequests.Sale;
import org.loyaltyengine.card.CardRequests.SaleLine;
import org.loyaltyengine.card.CardRequests.Settle;
import org.loyaltyengine.card.CardRequests.Unlock;
import org.loyaltyengine.card.CardStatus;
import org.loyaltyengine.card.CustomerCards;
import org.loyaltyengine.card.SettlementPreview;
import org.loyaltyengine.internal.BatchJobRunner;
import org.loyaltyengine.internal.CommandPipeline;
import org.loyaltyengine.internal.CommandRequests;
import org.loyaltyengine.internal.Permission;
import org.loyaltyengine.internal.StoreView;
import org.loyaltyengine.rules.facts.CardSettlementResult;
import org.loyaltyengine.spi.Checks;
import org.loyaltyengine.spi.EntryKind;
import org.loyaltyengine.spi.LedgerEntry;
import org.loyaltyengine.spi.Outcome;
import org.loyaltyengine.spi.TenantId;

/**
 * {@link CustomerCards} over the command pipeline: each command is one class run by
 * {@link CommandPipeline#run}, each read one read-only transaction ({@link CardReports}). Built by
 * {@code LoyaltyEngine}, which registers the practice's auto-enrolment for the customers it creates.
 */
public final class DefaultCustomerCards implements CustomerCards {
    private final CommandPipeline pipeline;
    private final CardSettingsInForce settingsInForce;
    private final CardReports reports;
    private final ConfigureCommand configure = new ConfigureCommand();
    private final DefineProductCommand defineProduct = new DefineProductCommand();
    private final EnrolCommand enrol;
    private final WithdrawCommand withdraw;
    private final LockCommand lock;
    private final UnlockCommand unlock;
    private final CancelSettlementCommand cancelSettlement;
    private final CreditNoteCommand creditNote;
    private final SettleCommand settle;
    private final AddValueCommand addValue;
    private final RemoveLineCommand removeLine;
    private final AutoEnrolCommand autoEnrol;
    private final EnrolAllChunkCommand enrolAllChunk;
    private final BatchJobRunner batches;

    public DefaultCustomerCards(CommandPipeline pipeline) {
        this.pipeline = Checks.notNull(pipeline, "command pipeline");
        this.settingsInForce = new CardSettingsInForce(pipeline.rules());
        this.reports = new CardReports(pipeline, settingsInForce);
        this.enrol = new EnrolCommand(settingsInForce);
        this.withdraw = new WithdrawCommand(settingsInForce);
        this.lock = new LockCommand(settingsInForce);
        this.unlock = new UnlockCommand(settingsInForce);
        this.cancelSettlement = new CancelSettlementCommand(settingsInForce);
        this.creditNote = new CreditNoteCommand(settingsInForce);
        this.settle = new SettleCommand(settingsInForce);
        this.addValue = new AddValueCommand(settingsInForce);
        this.removeLine = new RemoveLineCommand(settingsInForce);
        this.autoEnrol = new AutoEnrolCommand(settingsInForce);
        this.enrolAllChunk = new EnrolAllChunkCommand(settingsInForce);
        this.batches = new BatchJobRunner(pipeline);
        // CC-3: one auto-enrolment, asked by the customers program inside the command that creates the
        // customer: on the command contract, and as before for its commands not moved to it yet.
        pipeline.onNewCustomer(new AutoEnrolment(autoEnrol));
        // What reads a logged request back (SPEC X-11): each command with the request it takes. Enrolling
        // all customers runs under the name of one enrolment, with its own request.
        CommandRequests requests = pipeline.requests();
        requests.register(configure, Configure.class);
        requests.register(defineProduct, DefineProduct.class);
        requests.register(enrol, Enrol.class);
        requests.register(enrol.name(), CardRequests.EnrolAll.class, (ctx, all) -> enrolAll(ctx));
        requests.register(withdraw, CardRequests.Withdraw.class);
        requests.register(lock, Sale.class);
        requests.register(unlock, Unlock.class);
        requests.register(cancelSettlement, CardRequests.CancelSettlement.class);
        requests.register(creditNote, CreditNote.class);
        requests.register(settle, Settle.class);
        requests.register(autoEnrol, AutoEnrol.class);
        requests.register(addValue, AddValue.class);
        requests.register(removeLine, RemoveLine.class);
        requests.register(enrolAllChunk, EnrolAllChunkCommand.Chunk.class);
    }

    @Override
    public Outcome configure(CommandContext ctx, Configure settings) {
        return pipeline.run(ctx, settings, configure);
    }

    @Override
    public Outcome defineProduct(CommandContext ctx, DefineProduct product) {
        return pipeline.run(ctx, product, defineProduct);
    }

    @Override
    public Outcome enrol(CommandContext ctx, Enrol request) {
        return pipeline.run(ctx, request, enrol);
    }

    @Override
    public Outcome withdraw(CommandContext ctx, CardRequests.Withdraw request) {
        return pipeline.run(ctx, request, withdraw);
    }

    @Override
    public Outcome enrolAll(CommandContext ctx) {
        Checks.notNull(ctx, "command context");
        // The enrolments to lock are listed before the command runs (see EnrolAllCommand); not for a
        // user the pipeline will refuse, whom a listing of every customer would only cost time.
        List<String> candidates = Permission.of(ENROL_ALL_PERMISSION).grantedTo(ctx.actor())
                ? pipeline.store().inTransaction(ctx.tenant(), tx -> EnrolAllCommand.candidates(StoreView.of(tx)))
                : List.of();
        return pipeline.run(ctx, new EnrolAll(), new EnrolAllCommand(settingsInForce, candidates));
    }

    @Override
    public BatchOutcome enrolAll(CommandContext ctx, Batch batch) {
        Checks.notNull(ctx, "command context");
        return batches.run(ctx, ctx.businessDate(), batch, BatchJobRunner.Job.overCustomers(enrolAllChunk,
                EnrolAllChunkCommand.PARAMETERS,
                (ranOn, job, n, size, after) -> new EnrolAllChunkCommand.Chunk(ranOn, job, n, size, after)));
    }

    @Override
    public Outcome lock(CommandContext ctx, Sale sale) {
        return pipeline.run(ctx, sale, lock);
    }

    @Override
    public Outcome unlock(CommandContext ctx, Unlock request) {
        return pipeline.run(ctx, request, unlock);
    }

    @Override
    public Outcome cancelSettlement(CommandContext ctx, CardRequests.CancelSettlement request) {
        return pipeline.run(ctx, request, cancelSettlement);
    }

    @Override
    public Outcome creditNote(CommandContext ctx, CreditNote note) {
        return pipeline.run(ctx, note, creditNote);
    }

    @Override
    public SettlementPreview previewSettlement(CommandContext ctx, Settle request) {
        Checks.notNull(ctx, "command context");
        SettlementPreviewing preview = new SettlementPreviewing(settle);
        Outcome decision = pipeline.run(ctx.asDryRun(), request, preview);
        Sale sale = request.document();
        BigDecimal amount = decision.result(CardSettlementResult.class).map(CardSettlementResult::settlement)
                .orElse(null);
        List<CardLine> own = new ArrayList<>();
        for (LedgerEntry e : decision.entries()) {
            if (e.kind() == EntryKind.EARN) {
                SaleLine l = sale.lines().stream().filter(x -> x.lineId().equals(e.line())).findFirst().orElseThrow();
                own.add(new CardLine(sale.documentId(), l.lineId(), l.product(), sale.date(), l.quantity(), e.amount(),
                        null));
            }
        }
        List<CardLine> open = preview.read().map(read -> reports.openLines(read, preview.balance(), ctx.businessDate()))
                .orElseGet(() -> reports.openLines(ctx.tenant(), sale.customerId(), ctx.businessDate()));
        return new SettlementPreview(sale.customerId(), sale.documentId(), open, own,
                amount, decision);
    }

    @Override
    public Outcome settle(CommandContext ctx, Settle request) {
        return pipeline.run(ctx, request, settle);
    }

    @Override
    public Outcome autoEnrol(CommandContext ctx, AutoEnrol request) {
        return pipeline.run(ctx, request, autoEnrol);
    }

    @Override
    public Outcome addValue(CommandContext ctx, AddValue add) {
        return pipeline.run(ctx, add, addValue);
    }

    @Override
    public Outcome removeLine(CommandContext ctx, RemoveLine remove) {
        return pipeline.run(ctx, remove, removeLine);
    }

    @Override
    public CardStatus card(TenantId tenant, String customerId, LocalDate businessDate) {
        return reports.card(tenant, customerId, businessDate);
    }

    @Override
    public CardStatus card(TenantId tenant, String customerId) {
        return card(tenant, customerId, clockDate());
    }

    @Override
    public CardPage overview(TenantId tenant, LocalDate businessDate, String after, int limit) {
        return reports.page(tenant, businessDate, after, limit, false);
    }

    @Override
    public CardPage fullCards(TenantId tenant, LocalDate businessDate, String after, int limit) {
        return reports.page(tenant, businessDate, after, limit, true);
    }

    @Override
    public List<CardStatus> fullCards(TenantId tenant, LocalDate businessDate) {
        return reports.fullCards(tenant, businessDate);
    }

    @Override
    public List<CardStatus> fullCards(TenantId tenant) {
        return fullCards(tenant, clockDate());
    }

    @Override
    public String fullCardsCsv(TenantId tenant, LocalDate businessDate) {
        return reports.fullCardsCsv(tenant, businessDate);
    }

    @Override
    public String fullCardsCsv(TenantId tenant) {
        return fullCardsCsv(tenant, clockDate());
    }

    @Override
    public List<CardStatus> overview(TenantId tenant, LocalDate businessDate) {
        return reports.overview(tenant, businessDate);
    }

    @Override
    public List<CardStatus> overview(TenantId tenant) {
        return overview(tenant, clockDate());
    }

    @Override
    public String overviewCsv(TenantId tenant, LocalDate businessDate) {
        return reports.overviewCsv(tenant, businessDate);
    }

    @Override
    public String overviewCsv(TenantId tenant) {
        return overviewCsv(tenant, clockDate());
    }

    @Override
    public List<CardEntry> history(TenantId tenant, String customerId) {
        return reports.history(tenant, customerId);
    }

    @Override
    public boolean isEnrolled(TenantId tenant, String customerId) {
        return reports.isEnrolled(tenant, customerId);
    }

    /** The engine clock's day, in the clock's zone: the business date of the reads that take none. */
    private LocalDate clockDate() {
        return LocalDate.now(pipeline.clock());
    }
}

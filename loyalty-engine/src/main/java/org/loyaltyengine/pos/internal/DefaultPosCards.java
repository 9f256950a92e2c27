package org.loyaltyengine.pos.internal;

import java.time.Clock;
import java.time.LocalDate;
import java.util.Optional;

import org.loyaltyengine.Batch;
import org.loyaltyengine.BatchOutcome;
import org.loyaltyengine.CommandContext;
import org.loyaltyengine.internal.BatchJobRunner;
import org.loyaltyengine.internal.CommandPipeline;
import org.loyaltyengine.internal.CommandRequests;
import org.loyaltyengine.internal.StoreView;
import org.loyaltyengine.pos.CardList;
import org.loyaltyengine.pos.CardStatement;
import org.loyaltyengine.pos.ExpiredVouchers;
import org.loyaltyengine.pos.PosCards;
import org.loyaltyengine.pos.PosRequests.AbandonReceipt;
import org.loyaltyengine.pos.PosRequests.AddItem;
import org.loyaltyengine.pos.PosRequests.CardSearch;
import org.loyaltyengine.pos.PosRequests.ChangeCredit;
import org.loyaltyengine.pos.PosRequests.Configure;
import org.loyaltyengine.pos.PosRequests.DeleteItem;
import org.loyaltyengine.pos.PosRequests.ExpireHolds;
import org.loyaltyengine.pos.PosRequests.IdentifyCard;
import org.loyaltyengine.pos.PosRequests.OpenReceipt;
import org.loyaltyengine.pos.PosRequests.PayReceipt;
import org.loyaltyengine.pos.PosRequests.Refund;
import org.loyaltyengine.pos.PosRequests.RemoveCard;
import org.loyaltyengine.pos.ReceiptView;
import org.loyaltyengine.spi.Card;
import org.loyaltyengine.spi.Checks;
import org.loyaltyengine.spi.Outcome;
import org.loyaltyengine.spi.TenantId;

/**
 * {@link PosCards} on the command pipeline: each command is one class of this package, run by
 * {@link CommandPipeline#run}; the reads go through a read-only view of the store. Built by
 * {@code LoyaltyEngine}.
 */
public final class DefaultPosCards implements PosCards {
    private final CommandPipeline pipeline;
    private final DefineCardCommand defineCard = new DefineCardCommand();
    private final ConfigureCommand configure = new ConfigureCommand();
    private final OpenReceiptCommand openReceipt = new OpenReceiptCommand();
    private final ChangeCreditCommand changeCredit = new ChangeCreditCommand();
    private final IdentifyCardCommand identifyCard;
    private final RemoveCardCommand removeCard;
    private final AddItemCommand addItem;
    private final DeleteItemCommand deleteItem;
    private final CloseReceiptCommand<PayReceipt> pay;
    private final CloseReceiptCommand<AbandonReceipt> abandon;
    private final ExpireHoldsCommand expireHolds;
    private final ExpireHoldsChunkCommand expireHoldsChunk;
    private final BatchJobRunner batches;
    private final RefundCommand refund;

    public DefaultPosCards(CommandPipeline pipeline) {
        this.pipeline = pipeline;
        Clock clock = pipeline.clock();
        this.identifyCard = new IdentifyCardCommand(clock, pipeline.rules());
        this.removeCard = new RemoveCardCommand(clock);
        this.addItem = new AddItemCommand(clock, pipeline.rules());
        this.deleteItem = new DeleteItemCommand(clock);
        this.pay = CloseReceiptCommand.pay(clock);
        this.abandon = CloseReceiptCommand.abandon(clock);
        this.expireHolds = new ExpireHoldsCommand(clock);
        this.expireHoldsChunk = new ExpireHoldsChunkCommand(clock, expireHolds);
        this.batches = new BatchJobRunner(pipeline);
        this.refund = new RefundCommand(clock);
        // What reads a logged request back (SPEC X-11): each command with the request it takes.
        CommandRequests requests = pipeline.requests();
        requests.register(defineCard, Card.class);
        requests.register(configure, Configure.class);
        requests.register(openReceipt, OpenReceipt.class);
        requests.register(identifyCard, IdentifyCard.class);
        requests.register(removeCard, RemoveCard.class);
        requests.register(addItem, AddItem.class);
        requests.register(deleteItem, DeleteItem.class);
        requests.register(pay, PayReceipt.class);
        requests.register(abandon, AbandonReceipt.class);
        requests.register(changeCredit, ChangeCredit.class);
        requests.register(refund, Refund.class);
        requests.register(expireHolds, ExpireHolds.class);
        requests.register(expireHoldsChunk, ExpireHoldsChunkCommand.Chunk.class);
    }

    @Override
    public Outcome defineCard(CommandContext ctx, Card card) {
        return pipeline.run(ctx, card, defineCard);
    }

    @Override
    public Outcome configure(CommandContext ctx, Configure settings) {
        return pipeline.run(ctx, settings, configure);
    }

    @Override
    public Outcome openReceipt(CommandContext ctx, OpenReceipt open) {
        return pipeline.run(ctx, open, openReceipt);
    }

    @Override
    public Outcome identifyCard(CommandContext ctx, IdentifyCard identify) {
        return pipeline.run(ctx, identify, identifyCard);
    }

    @Override
    public Outcome removeCard(CommandContext ctx, RemoveCard remove) {
        return pipeline.run(ctx, remove, removeCard);
    }

    @Override
    public Outcome addItem(CommandContext ctx, AddItem item) {
        return pipeline.run(ctx, item, addItem);
    }

    @Override
    public Outcome deleteItem(CommandContext ctx, DeleteItem delete) {
        return pipeline.run(ctx, delete, deleteItem);
    }

    @Override
    public Outcome pay(CommandContext ctx, PayReceipt pay) {
        return pipeline.run(ctx, pay, this.pay);
    }

    @Override
    public Outcome abandon(CommandContext ctx, AbandonReceipt abandon) {
        return pipeline.run(ctx, abandon, this.abandon);
    }

    @Override
    public Outcome changeCredit(CommandContext ctx, ChangeCredit change) {
        return pipeline.run(ctx, change, changeCredit);
    }

    @Override
    public Outcome refund(CommandContext ctx, Refund refund) {
        return pipeline.run(ctx, refund, this.refund);
    }

    @Override
    public Outcome expireHolds(CommandContext ctx) {
        return pipeline.run(ctx, new ExpireHolds(), expireHolds);
    }

    @Override
    public BatchOutcome expireHolds(CommandContext ctx, Batch batch) {
        org.loyaltyengine.spi.Checks.notNull(ctx, "command context");
        return batches.run(ctx, ctx.businessDate(), batch, expireHoldsChunk.job());
    }

    @Override
    public Optional<Card> card(TenantId tenant, String number) {
        return pipeline.store().inTransaction(tenant, tx -> StoreView.of(tx).card(number));
    }

    @Override
    public CardList cards(TenantId tenant, CardSearch search) {
        Checks.notNull(search, "card search");
        return pipeline.store().inTransaction(tenant, tx -> PosQueries.cards(StoreView.of(tx), search,
                LocalDate.now(pipeline.clock())));
    }

    @Override
    public CardStatement statement(TenantId tenant, String cardNumber) {
        return pipeline.store().inTransaction(tenant, tx -> PosQueries.statement(StoreView.of(tx), cardNumber,
                LocalDate.now(pipeline.clock())));
    }

    @Override
    public ExpiredVouchers expiredVouchers(TenantId tenant, LocalDate on) {
        Checks.date(on, "day");
        return pipeline.store().inTransaction(tenant, tx -> PosQueries.expiredVouchers(StoreView.of(tx), on));
    }

    @Override
    public ReceiptView receipt(TenantId tenant, String receiptId) {
        return pipeline.store().inTransaction(tenant, tx -> PosQueries.receipt(StoreView.of(tx), receiptId));
    }
}

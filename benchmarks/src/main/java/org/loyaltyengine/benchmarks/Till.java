package org.loyaltyengine.benchmarks;

import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;

import org.loyaltyengine.CommandContext;
import org.loyaltyengine.pos.PosRequests.AddItem;
import org.loyaltyengine.pos.ReceiptView;
import org.loyaltyengine.spi.Money;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.BenchmarkParams;

/**
 * One till (one benchmark thread): prepares the next {@code addItem} before each measured call, so the
 * call itself is the only thing timed.
 *
 * <p>Why per-invocation set-up: the engine shows the rules every item already on the receipt, so a
 * receipt that grew for the whole run would make each call slower than the last. A till therefore
 * puts at most {@value #ITEMS_PER_RECEIPT} items on a receipt, then abandons it (which returns its
 * reservations, so the credit never runs out) and opens the next, all outside the measured call. The
 * command runs for microseconds, long enough that JMH's per-invocation timestamps cost little; the
 * baseline pays the same harness cost. With one till the shop also renews its stores now and then
 * (see {@link Shop#renewIfFull}).
 */
@State(Scope.Thread)
public class Till {
    static final int ITEMS_PER_RECEIPT = 8;
    static final Money PRICE = Money.of("40.00", "CZK");
    private static final AtomicInteger TILLS = new AtomicInteger();

    private final String name = "till" + TILLS.incrementAndGet();
    boolean onEngine;
    private int threads;
    String card;
    private long receipts;
    private long keys;
    private int onReceipt;
    private String receiptId;

    /** The measured call's input. */
    CommandContext ctx;
    String key;
    AddItem item;

    @Setup(Level.Iteration)
    public void start(Shop shop, BenchmarkParams params) {
        // Shop is a parameter so that JMH sets the shop up first; the stores are new each iteration.
        Objects.requireNonNull(shop.engine, "shop");
        // The method name says which side and which card: engine... or plain..., ...Discount... or ...Credit...
        String method = params.getBenchmark().substring(params.getBenchmark().lastIndexOf('.') + 1);
        onEngine = method.startsWith("engine");
        card = method.contains("Credit") ? Shop.CREDIT_CARD : Shop.DISCOUNT_CARD;
        threads = params.getThreads();
        receiptId = null;
        onReceipt = ITEMS_PER_RECEIPT;
    }

    @Setup(Level.Invocation)
    public void next(Shop shop) {
        if (onReceipt == ITEMS_PER_RECEIPT) {
            if (receiptId != null) {
                check(shop);
                shop.abandon(onEngine, receiptId);
            }
            shop.renewIfFull(threads);
            receiptId = name + "-R" + (++receipts);
            shop.openReceipt(onEngine, receiptId, card);
            onReceipt = 0;
        }
        onReceipt++;
        key = name + "-" + (++keys);
        ctx = CommandContext.of(Shop.TENANT, Shop.CASHIER, key, Shop.DATE);
        item = AddItem.of(receiptId, Integer.toString(onReceipt), "cappuccino", PRICE, "12");
    }

    @TearDown(Level.Iteration)
    public void last(Shop shop) {
        if (receiptId != null && onReceipt > 0) {
            check(shop);
        }
    }

    /** Fails the run if the measured calls were refused: a benchmark of rejections would measure the wrong path. */
    private void check(Shop shop) {
        if (onEngine) {
            ReceiptView r = shop.engine.receipt(Shop.TENANT, receiptId);
            boolean credit = card.equals(Shop.CREDIT_CARD);
            long good = r.items().stream().filter(i -> credit ? i.holdId() != null : i.discount().signum() > 0).count();
            if (good != onReceipt) {
                throw new IllegalStateException("receipt " + receiptId + " has " + good + " of " + onReceipt
                        + " items applied as intended");
            }
        } else if (shop.plain.lines(receiptId) != onReceipt) {
            throw new IllegalStateException("plain receipt " + receiptId + " has " + shop.plain.lines(receiptId)
                    + " lines, expected " + onReceipt);
        }
    }
}

package org.loyaltyengine.benchmarks;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Currency;

import org.loyaltyengine.CommandContext;
import org.loyaltyengine.internal.CommandPipeline;
import org.loyaltyengine.internal.RuleSetRegistry;
import org.loyaltyengine.RuleSource;
import org.loyaltyengine.pos.PosCards;
import org.loyaltyengine.pos.internal.DefaultPosCards;
import org.loyaltyengine.pos.PosRequests.AbandonReceipt;
import org.loyaltyengine.pos.PosRequests.ChangeCredit;
import org.loyaltyengine.pos.PosRequests.IdentifyCard;
import org.loyaltyengine.pos.PosRequests.OpenReceipt;
import org.loyaltyengine.spi.Actor;
import org.loyaltyengine.spi.Card;
import org.loyaltyengine.spi.InMemoryStore;
import org.loyaltyengine.spi.Money;
import org.loyaltyengine.spi.Outcome;
import org.loyaltyengine.spi.TenantId;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * One shop for the POS benchmarks: the engine's POS facade on a fresh {@link InMemoryStore} and the
 * plain-Java {@link PlainPos}, both with a 10% discount card and a credit-drawing card holding
 * 1,000,000.00 CZK. Shared by every till (thread): one tenant, as two tills of one shop are.
 *
 * <p>The rule set is compiled once per trial and kept, so Drools stays warm; the stores are new for
 * every iteration, so an iteration does not pay for the growth of the ones before it.
 */
@State(Scope.Benchmark)
public class Shop {
    static final LocalDate DATE = LocalDate.of(2026, 11, 22);
    static final TenantId TENANT = TenantId.of("shop");
    static final Actor CASHIER = Actor.of("cashier");
    /** Sets the shop up: defining cards and loading credit by hand need their permissions. */
    static final Actor MANAGER = Actor.of("manager", "pos-card.cards", "pos-card.manual");
    static final Currency CZK = Currency.getInstance("CZK");
    static final String DISCOUNT_CARD = "4242";
    static final String CREDIT_CARD = "2001";
    static final BigDecimal CREDIT = new BigDecimal("1000000.00");

    RuleSetRegistry registry;
    PosCards engine;
    PlainPos plain;
    static final int RENEW_AFTER_RECEIPTS = 2_500;

    private long setupKeys;
    private int receiptsSinceRenewal;

    @Setup(Level.Trial)
    public void compileRules() {
        registry = new RuleSetRegistry(RuleSource.defaults());
        registry.inForce(PosCards.PROGRAM, DATE);
    }

    @Setup(Level.Iteration)
    public void freshStores() {
        receiptsSinceRenewal = 0;
        engine = new DefaultPosCards(new CommandPipeline(new InMemoryStore(), registry, Clock.systemUTC()));
        require(engine.defineCard(ctx(), new Card(DISCOUNT_CARD, "Petr", "Svoboda", BigDecimal.TEN, false, false, CZK)));
        require(engine.defineCard(ctx(), new Card(CREDIT_CARD, "Eva", "Novak", BigDecimal.ZERO, true, true, CZK)));
        require(engine.changeCredit(ctx(), new ChangeCredit(CREDIT_CARD, new Money(CREDIT, CZK), "deposit")));

        plain = new PlainPos(Clock.systemUTC());
        plain.defineCard(new Card(DISCOUNT_CARD, "Petr", "Svoboda", BigDecimal.TEN, false, false, CZK));
        plain.defineCard(new Card(CREDIT_CARD, "Eva", "Novak", BigDecimal.ZERO, true, true, CZK));
        plain.topUp(CREDIT_CARD, CREDIT);
    }

    /**
     * With one till, starts from empty stores every {@value #RENEW_AFTER_RECEIPTS} receipts (not
     * measured); says whether it did. Both stores keep every outcome for its idempotency key, so within
     * a 5 s iteration the plain baseline, twenty times faster, piled up millions of them and spent
     * about half its time in the garbage collector (the engine about a fifth): the figure was the heap's,
     * not the command's. With two tills a swap could pull a receipt from under the other thread, so
     * they keep one store per iteration.
     */
    boolean renewIfFull(int threads) {
        if (threads != 1 || ++receiptsSinceRenewal < RENEW_AFTER_RECEIPTS) {
            return false;
        }
        freshStores();
        return true;
    }

    /** A new receipt with the card identified on it; not measured. */
    void openReceipt(boolean onEngine, String receiptId, String card) {
        if (onEngine) {
            require(engine.openReceipt(ctx(), new OpenReceipt(receiptId, CZK)));
            require(engine.identifyCard(ctx(), new IdentifyCard(receiptId, card, null)));
        } else {
            plain.openReceipt(receiptId, CZK.getCurrencyCode());
            plain.identifyCard(receiptId, card);
        }
    }

    /** Closes a full receipt, giving back its reservations so the credit never runs out; not measured. */
    void abandon(boolean onEngine, String receiptId) {
        if (onEngine) {
            require(engine.abandon(ctx(), new AbandonReceipt(receiptId)));
        } else {
            plain.abandon(receiptId);
        }
    }

    private synchronized CommandContext ctx() {
        return CommandContext.of(TENANT, MANAGER, "setup-" + (++setupKeys), DATE);
    }

    static Outcome require(Outcome o) {
        if (!o.applied()) {
            throw new IllegalStateException("benchmark set-up command " + o.command() + " was rejected: "
                    + o.reasonCodes());
        }
        return o;
    }
}

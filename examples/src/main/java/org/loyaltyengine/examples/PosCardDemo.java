package org.loyaltyengine.examples;

import java.io.PrintStream;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

import org.loyaltyengine.CommandContext;
import org.loyaltyengine.LoyaltyEngine;
import org.loyaltyengine.pos.CardMovement;
import org.loyaltyengine.pos.CardStatement;
import org.loyaltyengine.pos.PosCards;
import org.loyaltyengine.pos.PosRequests.AddItem;
import org.loyaltyengine.pos.PosRequests.ChangeCredit;
import org.loyaltyengine.pos.PosRequests.DeleteItem;
import org.loyaltyengine.pos.PosRequests.IdentifyCard;
import org.loyaltyengine.pos.PosRequests.OpenReceipt;
import org.loyaltyengine.pos.PosRequests.PayReceipt;
import org.loyaltyengine.spi.Actor;
import org.loyaltyengine.spi.Card;
import org.loyaltyengine.spi.Money;
import org.loyaltyengine.spi.Outcome;
import org.loyaltyengine.spi.TenantId;

/**
 * A café's POS using the discount and credit card (seed 004) on the embedded in-memory store: a
 * card is created, loaded by hand and through a receipt, spends its credit on a receipt, and is
 * refused an item it cannot cover. Prints the card's movements and balance.
 *
 * <p>Run: {@code mvn -B -q -pl examples -am -DskipTests package exec:java}
 */
public final class PosCardDemo {
    private static final TenantId CAFE = TenantId.of("cafe-u-mostu");
    private static final LocalDate TODAY = LocalDate.of(2026, 11, 22);
    private static final Actor MANAGER = Actor.of("manager", PosCards.CARDS_PERMISSION, PosCards.MANUAL_PERMISSION);
    private static final Actor CASHIER = Actor.of("cashier");
    private int keys;

    public static void main(String[] args) {
        new PosCardDemo().run(System.out);
    }

    /** Runs the demo, printing to {@code out}; returns the card's final statement. */
    public CardStatement run(PrintStream out) {
        LoyaltyEngine engine = LoyaltyEngine.builder().build();
        PosCards pos = engine.posCards();

        // The manager may define cards and change their credit by hand; the cashier only sells.
        pos.defineCard(ctx(MANAGER), new Card("4242", "Petr", "Svoboda", BigDecimal.ZERO, true, true,
                Money.currency("CZK")));
        pos.changeCredit(ctx(MANAGER), new ChangeCredit("4242", czk("200.00"), "initial deposit"));

        // A top-up through a receipt: the 0% VAT credit item loads the card when the receipt is paid.
        pos.openReceipt(ctx(CASHIER), new OpenReceipt("R-1001", Money.currency("CZK")));
        pos.identifyCard(ctx(CASHIER), new IdentifyCard("R-1001", "4242", null));
        pos.addItem(ctx(CASHIER), AddItem.topUp("R-1001", "1", czk("300.00")));
        pos.pay(ctx(CASHIER), new PayReceipt("R-1001"));

        // A purchase drawing credit: each item reserves its price; a deleted item gives it back.
        pos.openReceipt(ctx(CASHIER), new OpenReceipt("R-1002", Money.currency("CZK")));
        pos.identifyCard(ctx(CASHIER), new IdentifyCard("R-1002", "4242", null));
        pos.addItem(ctx(CASHIER), AddItem.of("R-1002", "1", "cappuccino", czk("65.00"), "12"));
        pos.addItem(ctx(CASHIER), AddItem.of("R-1002", "2", "cheesecake", czk("89.00"), "12"));
        pos.addItem(ctx(CASHIER), AddItem.of("R-1002", "3", "espresso", czk("49.00"), "12"));
        pos.deleteItem(ctx(CASHIER), new DeleteItem("R-1002", "3"));
        Outcome refused = pos.addItem(ctx(CASHIER), AddItem.of("R-1002", "4", "catering tray", czk("400.00"), "12"));
        pos.pay(ctx(CASHIER), new PayReceipt("R-1002"));

        CardStatement s = pos.statement(CAFE, "4242");
        DateTimeFormatter time = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC);
        out.printf("Card %s (%s %s)%n", s.card().number(), s.card().firstName(), s.card().lastName());
        out.printf("%-9s %-12s %10s  %-8s %-7s %s%n", "time", "movement", "amount", "user", "receipt", "note / rule");
        for (CardMovement m : s.movements()) {
            out.printf("%-9s %-12s %10s  %-8s %-7s %s%n", time.format(m.time()), m.kind(), m.amount().toPlainString(),
                    m.user(), m.receipt() == null ? "" : m.receipt(), m.note() != null ? m.note() : m.rule());
        }
        out.printf("Credit %s CZK, held %s, available %s%n", s.credit().toPlainString(), s.held().toPlainString(),
                s.available().toPlainString());
        out.printf("Refused: %s%n", refused.rejections().get(0).message());
        return s;
    }

    private CommandContext ctx(Actor actor) {
        return CommandContext.of(CAFE, actor, "demo-" + (++keys), TODAY);
    }

    private static Money czk(String amount) {
        return Money.of(amount, "CZK");
    }
}

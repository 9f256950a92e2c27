package org.loyaltyengine.scenarios.pos;

import static org.loyaltyengine.scenarios.ScenarioDriver.arg;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Map;

import org.loyaltyengine.CommandContext;
import org.loyaltyengine.LoyaltyEngine;
import org.loyaltyengine.pos.PosCards;
import org.loyaltyengine.pos.PosRequests;
import org.loyaltyengine.pos.PosRequests.AbandonReceipt;
import org.loyaltyengine.pos.PosRequests.AddItem;
import org.loyaltyengine.pos.PosRequests.CardMode;
import org.loyaltyengine.pos.PosRequests.ChangeCredit;
import org.loyaltyengine.pos.PosRequests.DeleteItem;
import org.loyaltyengine.pos.PosRequests.IdentifyCard;
import org.loyaltyengine.pos.PosRequests.OpenReceipt;
import org.loyaltyengine.pos.PosRequests.PayReceipt;
import org.loyaltyengine.pos.PosRequests.RemoveCard;
import org.loyaltyengine.scenarios.ScenarioDriver;
import org.loyaltyengine.scenarios.ScenarioException;
import org.loyaltyengine.spi.Card;
import org.loyaltyengine.spi.Checks;
import org.loyaltyengine.spi.InvalidValueException;
import org.loyaltyengine.spi.LoyaltyStore;
import org.loyaltyengine.spi.Money;
import org.loyaltyengine.spi.Outcome;
import org.loyaltyengine.spi.TenantId;

/**
 * Runs {@code pos-card} scenarios. Amounts are in the scenario's {@code currency} argument, CZK by
 * default. Verbs: defineCard (kind=CARD|VOUCHER, validUntil=), openReceipt, identifyCard, removeCard, addItem,
 * topUpItem, deleteItem, pay, abandon, changeCredit, configure (holdMinutes=, requireModeChoice=,
 * discountNeedsCredit=), expireHolds, refund (receipt=, id=, lines=1,2; no lines: the whole receipt). Checks:
 * credit, held, available, expired (card=), total, fromCredit (receipt=).
 */
public final class PosScenarioDriver implements ScenarioDriver {
    @Override
    public String ruleSet() {
        return PosCards.PROGRAM;
    }

    @Override
    public Outcome command(LoyaltyEngine engine, LoyaltyStore store, CommandContext ctx, String verb,
                           Map<String, String> a) {
        PosCards pos = engine.posCards();
        String currency = a.getOrDefault("currency", "CZK");
        return switch (verb) {
            case "defineCard" -> pos.defineCard(ctx, new Card(arg(a, "number"), a.getOrDefault("first", "First"),
                    a.getOrDefault("last", "Last"), Checks.parseDecimal(a.getOrDefault("discount", "0"), "discount"),
                    Boolean.parseBoolean(a.getOrDefault("creditDrawing", "false")),
                    Boolean.parseBoolean(a.getOrDefault("loadOntoCard", "false")), Money.currency(currency),
                    kind(a.getOrDefault("kind", "CARD")), a.containsKey("validUntil") ? day(a.get("validUntil")) : null));
            case "openReceipt" -> pos.openReceipt(ctx, new OpenReceipt(arg(a, "receipt"), Money.currency(currency)));
            case "identifyCard" -> pos.identifyCard(ctx, new IdentifyCard(arg(a, "receipt"), arg(a, "card"),
                    a.containsKey("mode") ? mode(a.get("mode")) : null));
            case "removeCard" -> pos.removeCard(ctx, new RemoveCard(arg(a, "receipt")));
            case "addItem" -> pos.addItem(ctx, new AddItem(arg(a, "receipt"), arg(a, "line"),
                    a.getOrDefault("product", "item"), Money.of(arg(a, "price"), currency), false,
                    Checks.parseDecimal(a.getOrDefault("vat", "21"), "vat"),
                    a.containsKey("manualDiscount") ? Checks.parseDecimal(a.get("manualDiscount"), "manualDiscount") : null));
            case "topUpItem" -> pos.addItem(ctx, new AddItem(arg(a, "receipt"), arg(a, "line"), "credit top-up",
                    Money.of(arg(a, "amount"), currency), true, Checks.parseDecimal(a.getOrDefault("vat", "0"), "vat"),
                    a.containsKey("manualDiscount") ? Checks.parseDecimal(a.get("manualDiscount"), "manualDiscount") : null));
            case "deleteItem" -> pos.deleteItem(ctx, new DeleteItem(arg(a, "receipt"), arg(a, "line")));
            case "pay" -> pos.pay(ctx, new PayReceipt(arg(a, "receipt")));
            case "abandon" -> pos.abandon(ctx, new AbandonReceipt(arg(a, "receipt")));
            case "configure" -> pos.configure(ctx, new PosRequests.Configure(minutes(arg(a, "holdMinutes")),
                    flag(a.getOrDefault("requireModeChoice", "false"), "requireModeChoice"),
                    flag(a.getOrDefault("discountNeedsCredit", "false"), "discountNeedsCredit")));
            case "expireHolds" -> pos.expireHolds(ctx);
            case "refund" -> pos.refund(ctx, new PosRequests.Refund(arg(a, "receipt"), arg(a, "id"),
                    a.containsKey("lines") ? java.util.List.of(a.get("lines").split(",", -1)) : java.util.List.of()));
            case "changeCredit" -> pos.changeCredit(ctx, new ChangeCredit(arg(a, "card"),
                    Money.of(arg(a, "amount"), currency), arg(a, "note")));
            default -> throw new ScenarioException("pos-card has no command '" + verb + "'");
        };
    }

    @Override
    public String check(LoyaltyEngine engine, TenantId tenant, String what, Map<String, String> a) {
        PosCards pos = engine.posCards();
        return switch (what) {
            case "credit" -> pos.statement(tenant, arg(a, "card")).credit().toPlainString();
            case "held" -> pos.statement(tenant, arg(a, "card")).held().toPlainString();
            case "available" -> pos.statement(tenant, arg(a, "card")).available().toPlainString();
            case "total" -> pos.receipt(tenant, arg(a, "receipt")).total().toPlainString();
            case "fromCredit" -> pos.receipt(tenant, arg(a, "receipt")).fromCredit().toPlainString();
            case "expired" -> Boolean.toString(pos.statement(tenant, arg(a, "card")).expired());
            default -> throw new ScenarioException("pos-card has no check '" + what + "'");
        };
    }

    // A scenario's words are a host's input too: what is not a number or a mode is a typed error the
    // scenario can expect, never a NumberFormatException out of the runner.
    private static CardMode mode(String value) {
        for (CardMode m : CardMode.values()) {
            if (m.name().equals(value)) {
                return m;
            }
        }
        throw new InvalidValueException("mode must be DISCOUNT or CREDIT, was '" + value + "'");
    }

    private static Card.Kind kind(String value) {
        for (Card.Kind k : Card.Kind.values()) {
            if (k.name().equals(value)) {
                return k;
            }
        }
        throw new InvalidValueException("kind must be CARD or VOUCHER, was '" + value + "'");
    }

    private static LocalDate day(String value) {
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw new InvalidValueException("validUntil must be a date such as 2026-03-31, was '" + value + "'");
        }
    }

    private static boolean flag(String value, String what) {
        return switch (value) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new InvalidValueException(what + " must be true or false, was '" + value + "'");
        };
    }

    private static long minutes(String value) {
        try {
            return Checks.parseDecimal(value, "holdMinutes").longValueExact();
        } catch (ArithmeticException e) {
            throw new InvalidValueException("holdMinutes must be a whole number of minutes, was '" + value + "'");
        }
    }
}

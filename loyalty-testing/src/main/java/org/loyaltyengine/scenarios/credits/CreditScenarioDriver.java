package org.loyaltyengine.scenarios.credits;

import static org.loyaltyengine.scenarios.ScenarioDriver.arg;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.loyaltyengine.CommandContext;
import org.loyaltyengine.LoyaltyEngine;
import org.loyaltyengine.credits.CreditRequests;
import org.loyaltyengine.credits.CreditRequests.Counting;
import org.loyaltyengine.credits.CreditRequests.SaleLine;
import org.loyaltyengine.credits.CreditRequests.Source;
import org.loyaltyengine.credits.CreditRequests.SourceDocument;
import org.loyaltyengine.credits.CreditRequests.WorkLine;
import org.loyaltyengine.credits.Credits;
import org.loyaltyengine.scenarios.ScenarioDriver;
import org.loyaltyengine.scenarios.ScenarioException;
import org.loyaltyengine.spi.Checks;
import org.loyaltyengine.spi.InvalidValueException;
import org.loyaltyengine.spi.LoyaltyStore;
import org.loyaltyengine.spi.Money;
import org.loyaltyengine.spi.Outcome;
import org.loyaltyengine.spi.TenantId;

/**
 * Runs {@code credits} scenarios. Amounts in the scenario's {@code currency} argument, EUR by default. Verbs:
 * defineType (code=, unit=, whole=, faceValue=), configure (priceAboveFaceValue=, negativeBalance=), useCredits
 * (customer=, uses=), sell (sale=, customer=, line=, type=, quantity=, price=, validUntil=), confirm (sale=),
 * cancel (sale=), consume (customer=, kind=, document=, line=, type=, quantity=, note=), creditNote (note=,
 * customer=, kind=, document=, line=), expireLots, correct (id=, customer=, type=, quantity= signed, validUntil=,
 * note=). Checks: remaining, reserved, consumed, expired, corrected, bought (customer=, type=, date=).
 */
public final class CreditScenarioDriver implements ScenarioDriver {
    @Override
    public String ruleSet() {
        return Credits.PROGRAM;
    }

    @Override
    public Outcome command(LoyaltyEngine engine, LoyaltyStore store, CommandContext ctx, String verb,
                           Map<String, String> a) {
        Credits credits = engine.credits();
        String currency = a.getOrDefault("currency", "EUR");
        return switch (verb) {
            case "defineType" -> credits.defineType(ctx, new CreditRequests.DefineType(arg(a, "code"),
                    a.getOrDefault("name", arg(a, "code")), a.getOrDefault("unit", "hour"),
                    flag(a.getOrDefault("whole", "false"), "whole") ? Counting.WHOLE : Counting.FRACTIONAL,
                    Money.of(arg(a, "faceValue"), currency)));
            case "configure" -> credits.configure(ctx, new CreditRequests.Configure(
                    flag(a.getOrDefault("priceAboveFaceValue", "false"), "priceAboveFaceValue"),
                    flag(a.getOrDefault("negativeBalance", "false"), "negativeBalance")));
            case "useCredits" -> credits.useCredits(ctx, new CreditRequests.UseCredits(arg(a, "customer"),
                    flag(a.getOrDefault("uses", "true"), "uses")));
            case "sell" -> credits.sell(ctx, new CreditRequests.Sell(arg(a, "sale"), arg(a, "customer"),
                    List.of(new SaleLine(a.getOrDefault("line", "1"), arg(a, "type"),
                            Checks.parseDecimal(arg(a, "quantity"), "quantity"), Money.of(arg(a, "price"), currency),
                            a.containsKey("validUntil") ? LocalDate.parse(a.get("validUntil")) : null))));
            case "confirm" -> credits.confirmSale(ctx, new CreditRequests.ConfirmSale(arg(a, "sale")));
            case "cancel" -> credits.cancelSale(ctx, new CreditRequests.CancelSale(arg(a, "sale")));
            case "consume" -> credits.consume(ctx, new CreditRequests.Consume(arg(a, "customer"), source(a),
                    lines(a), a.get("note")));
            case "creditNote" -> credits.creditNote(ctx, new CreditRequests.CreditNote(arg(a, "note"),
                    arg(a, "customer"), source(a), List.of(a.getOrDefault("line", "1"))));
            case "expireLots" -> credits.expireLots(ctx);
            case "correct" -> credits.correct(ctx, new CreditRequests.Correction(arg(a, "id"), arg(a, "customer"),
                    arg(a, "type"), Checks.parseDecimal(arg(a, "quantity"), "quantity"),
                    a.containsKey("validUntil") ? LocalDate.parse(a.get("validUntil")) : null,
                    a.getOrDefault("note", "correction")));
            default -> throw new ScenarioException("credits has no command '" + verb + "'");
        };
    }

    private static List<WorkLine> lines(Map<String, String> a) {
        List<WorkLine> lines = new ArrayList<>();
        lines.add(WorkLine.of(a.getOrDefault("line", "1"), arg(a, "type"), arg(a, "quantity"), a.get("description")));
        if (a.containsKey("quantity2")) {
            lines.add(WorkLine.of("2", a.getOrDefault("type2", arg(a, "type")), a.get("quantity2"), null));
        }
        return lines;
    }

    private static SourceDocument source(Map<String, String> a) {
        String kind = a.getOrDefault("kind", "INVOICE");
        for (Source s : Source.values()) {
            if (s.name().equals(kind)) {
                return new SourceDocument(s, arg(a, "document"));
            }
        }
        throw new InvalidValueException("kind must be one of the source kinds, was '" + kind + "'");
    }

    @Override
    public String check(LoyaltyEngine engine, TenantId tenant, String what, Map<String, String> a) {
        LocalDate date = LocalDate.parse(a.getOrDefault("date", "2026-12-31"));
        var holding = engine.credits().portfolio(tenant, arg(a, "customer"), date).holding(arg(a, "type"));
        if (holding.isEmpty()) {
            return "0";
        }
        var h = holding.get();
        return switch (what) {
            case "remaining" -> h.remaining().stripTrailingZeros().toPlainString();
            case "reserved" -> h.reserved().stripTrailingZeros().toPlainString();
            case "consumed" -> h.consumed().stripTrailingZeros().toPlainString();
            case "expired" -> h.expired().stripTrailingZeros().toPlainString();
            case "bought" -> h.bought().stripTrailingZeros().toPlainString();
            case "corrected" -> h.corrected().stripTrailingZeros().toPlainString();
            default -> throw new ScenarioException("credits has no check '" + what + "'");
        };
    }

    private static boolean flag(String value, String what) {
        return switch (value) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new InvalidValueException(what + " must be true or false, was '" + value + "'");
        };
    }
}

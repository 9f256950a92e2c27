package org.loyaltyengine.scenarios.card;

import static org.loyaltyengine.scenarios.ScenarioDriver.arg;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.loyaltyengine.CommandContext;
import org.loyaltyengine.LoyaltyEngine;
import org.loyaltyengine.card.CardRequests;
import org.loyaltyengine.card.CardRequests.AddValue;
import org.loyaltyengine.card.CardRequests.AutoEnrol;
import org.loyaltyengine.card.CardRequests.Configure;
import org.loyaltyengine.card.CardRequests.CreditNote;
import org.loyaltyengine.card.CardRequests.DefineProduct;
import org.loyaltyengine.card.CardRequests.Enrol;
import org.loyaltyengine.card.CardRequests.RemoveLine;
import org.loyaltyengine.card.CardRequests.ReturnLine;
import org.loyaltyengine.card.CardRequests.Sale;
import org.loyaltyengine.card.CardRequests.SaleLine;
import org.loyaltyengine.card.CardRequests.Settle;
import org.loyaltyengine.card.CardRequests.Unlock;
import org.loyaltyengine.card.CardStatus;
import org.loyaltyengine.card.CustomerCards;
import org.loyaltyengine.scenarios.ScenarioDriver;
import org.loyaltyengine.scenarios.ScenarioException;
import org.loyaltyengine.spi.Checks;
import org.loyaltyengine.spi.Customer;
import org.loyaltyengine.spi.InvalidValueException;
import org.loyaltyengine.spi.LoyaltyStore;
import org.loyaltyengine.spi.Money;
import org.loyaltyengine.spi.Outcome;
import org.loyaltyengine.spi.TenantId;

/**
 * Runs {@code customer-card} scenarios. Amounts are in EUR unless a step says {@code currency=}.
 * A customer a step names ({@code customer=c1}) is created as a fixture first if it does not exist,
 * since customers belong to the customers program. Document lines are written
 * {@code lines="id:product:quantity:amount ..."}, returned lines {@code lines="id:quantity ..."}.
 *
 * <p>Verbs: configure, product, enrol, withdraw, enrolAll, autoEnrol (as for a new customer), lock, unlock, settle, addValue, removeLine,
 * creditNote. Checks (customer=): amount, units, purchases, visits, thresholds, full, enrolled, lines (the open
 * card's lines in their order, {@code doc/line=value} or {@code line=value} for a manual line, comma-separated);
 * and fullCards.
 */
public final class CardScenarioDriver implements ScenarioDriver {
    @Override
    public String ruleSet() {
        return CustomerCards.PROGRAM;
    }

    @Override
    public Outcome command(LoyaltyEngine engine, LoyaltyStore store, CommandContext ctx, String verb,
                           Map<String, String> a) {
        CustomerCards cards = engine.customerCards();
        if (a.containsKey("customer")) {
            ensureCustomer(store, ctx.tenant(), a.get("customer"));
        }
        String currency = a.getOrDefault("currency", "EUR");
        return switch (verb) {
            case "configure" -> cards.configure(ctx, new Configure(Checks.parseDecimal(a.getOrDefault("percent", "0"), "percent"),
                    decimal(a.get("minUnits"), "minUnits"), integer(a.get("minPurchases"), "minPurchases"), integer(a.get("minVisits"), "minVisits"),
                    decimal(a.get("minAmount"), "minAmount"), Boolean.parseBoolean(a.getOrDefault("autoEnrol", "false")),
                    Money.currency(currency)));
            case "product" -> cards.defineProduct(ctx, new DefineProduct(arg(a, "id"),
                    LocalDate.parse(a.getOrDefault("from", "2020-01-01")),
                    Boolean.parseBoolean(a.getOrDefault("eligible", "true")), decimal(a.get("percent"), "percent")));
            case "enrol" -> cards.enrol(ctx, new Enrol(arg(a, "customer")));
            case "withdraw" -> cards.withdraw(ctx, new CardRequests.Withdraw(arg(a, "customer")));
            case "enrolAll" -> cards.enrolAll(ctx);
            // The customer was written to the store above, as a host's own customer master writes one: the
            // scenario's engine holds the card's rules alone, so the customers program cannot create it.
            case "autoEnrol" -> cards.autoEnrol(ctx, new AutoEnrol(arg(a, "customer")));
            case "lock" -> cards.lock(ctx, sale(ctx, a, currency));
            case "unlock" -> cards.unlock(ctx, new Unlock(arg(a, "doc")));
            case "cancelSettlement" -> cards.cancelSettlement(ctx, new CardRequests.CancelSettlement(arg(a, "doc")));
            case "settle" -> cards.settle(ctx, new Settle(sale(ctx, a, currency)));
            case "addValue" -> cards.addValue(ctx, new AddValue(arg(a, "customer"), arg(a, "line"),
                    Money.of(arg(a, "amount"), currency), arg(a, "note")));
            case "removeLine" -> cards.removeLine(ctx, new RemoveLine(arg(a, "customer"), a.get("doc"), arg(a, "line"),
                    arg(a, "note")));
            case "creditNote" -> cards.creditNote(ctx, new CreditNote(arg(a, "id"), arg(a, "doc"),
                    words(a.get("lines")).stream().map(w -> {
                        String[] p = parts(w, 2);
                        return new ReturnLine(p[0], Checks.parseDecimal(p[1], "returned quantity"));
                    }).toList()));
            default -> throw new ScenarioException("customer-card has no command '" + verb + "'");
        };
    }

    @Override
    public String check(LoyaltyEngine engine, TenantId tenant, String what, Map<String, String> a) {
        CustomerCards cards = engine.customerCards();
        if (what.equals("fullCards")) {
            return cards.fullCards(tenant).stream().map(CardStatus::customerId).collect(Collectors.joining(","));
        }
        CardStatus card = cards.card(tenant, arg(a, "customer"));
        return switch (what) {
            case "amount" -> card.amount().toPlainString();
            case "units" -> card.units().toPlainString();
            case "purchases" -> Integer.toString(card.purchases());
            case "visits" -> Integer.toString(card.visits());
            case "thresholds" -> String.join(",", card.thresholdsMet());
            case "full" -> Boolean.toString(card.full());
            case "enrolled" -> Boolean.toString(card.enrolled());
            case "lines" -> card.lines().stream().map(l -> (l.isManual() ? "" : l.document() + "/") + l.line() + "="
                    + l.value().toPlainString()).collect(Collectors.joining(","));
            default -> throw new ScenarioException("customer-card has no check '" + what + "'");
        };
    }

    private static Sale sale(CommandContext ctx, Map<String, String> a, String currency) {
        List<SaleLine> lines = new ArrayList<>();
        for (String w : words(a.get("lines"))) {
            String[] p = parts(w, 4);
            lines.add(new SaleLine(p[0], p[1], Checks.parseDecimal(p[2], "quantity"), Money.of(p[3], currency)));
        }
        Currency c = Money.currency(currency);
        LocalDate date = a.containsKey("date") ? LocalDate.parse(a.get("date")) : ctx.businessDate();
        return new Sale(arg(a, "doc"), arg(a, "customer"), date, c, lines);
    }

    private static void ensureCustomer(LoyaltyStore store, TenantId tenant, String id) {
        store.inTransaction(tenant, tx -> {
            if (tx.customers().find(id).isEmpty()) {
                tx.customers().insert(new Customer(id, null, "Customer " + id, Map.of()));
            }
            return null;
        });
    }

    private static List<String> words(String text) {
        return text == null || text.isBlank() ? List.of() : List.of(text.trim().split("\\s+"));
    }

    private static String[] parts(String word, int n) {
        String[] p = word.split(":");
        if (p.length != n) {
            throw new ScenarioException("'" + word + "' should have " + n + " parts separated by ':'");
        }
        return p;
    }

    // A scenario's words are a host's input too: what is not a number is a typed error the scenario
    // can expect, never a NumberFormatException out of the runner.
    private static BigDecimal decimal(String value, String name) {
        return value == null ? null : Checks.parseDecimal(value, name);
    }

    private static Integer integer(String value, String name) {
        if (value == null) {
            return null;
        }
        try {
            return Checks.parseDecimal(value, name).intValueExact();
        } catch (ArithmeticException e) {
            throw new InvalidValueException(name + " must be a whole number, was '" + value + "'");
        }
    }
}

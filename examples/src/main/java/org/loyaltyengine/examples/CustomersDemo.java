package org.loyaltyengine.examples;

import java.io.PrintStream;
import java.io.StringReader;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Currency;
import java.util.List;
import java.util.Locale;

import org.loyaltyengine.CommandContext;
import org.loyaltyengine.LoyaltyEngine;
import org.loyaltyengine.customers.CustomFieldType;
import org.loyaltyengine.customers.CustomerProfile;
import org.loyaltyengine.customers.Customers;
import org.loyaltyengine.customers.ImportOptions;
import org.loyaltyengine.customers.ImportSummary;
import org.loyaltyengine.customers.ReceivedOrder;
import org.loyaltyengine.customers.WebshopOrder;
import org.loyaltyengine.rules.facts.CustomerOrderReceived;
import org.loyaltyengine.spi.Actor;
import org.loyaltyengine.spi.Outcome;
import org.loyaltyengine.spi.TenantId;

/**
 * A webshop warehouse's customers (seed 003) on the embedded in-memory store: a custom field is
 * declared, customers are imported from a CSV file with one bad row, an order from a known customer
 * gets the customer's discount, and an order from a new buyer creates a customer. Prints the import
 * summary and the orders.
 *
 * <p>Run: {@code mvn -B -q -pl examples -am -DskipTests package exec:java
 * -Dexec.mainClass=org.loyaltyengine.examples.CustomersDemo}
 */
public final class CustomersDemo {
    private static final TenantId SHOP = TenantId.of("fietsonderdelen-nl");
    private static final LocalDate TODAY = LocalDate.of(2026, 11, 22);
    static final String FILE = """
            klantnummer;naam;email;korting;field.account_manager
            K100;Bakkerij de Vries;info@devries.nl;7.5;Anna
            K101;"Jansen, Pieters & Co";jan@jansen;;
            ;Losse Klant;;;
            """;
    private int keys;

    public static void main(String[] args) {
        new CustomersDemo().run(System.out);
    }

    /** Runs the demo, printing to {@code out}; returns the order of the known customer. */
    public ReceivedOrder run(PrintStream out) {
        LoyaltyEngine engine = LoyaltyEngine.builder().build();
        Customers customers = engine.customers();

        customers.declareField(CommandContext.of(SHOP, Actor.of("manager", "customers.settings"), "demo-field", TODAY),
                "account_manager", CustomFieldType.TEXT);
        // The office imports the file (customers.import); the webshop's orders need no permission.
        ImportSummary imported = customers.importCsv(CommandContext.of(SHOP, Actor.of("office", "customers.import"),
                "demo-import", TODAY), new StringReader(FILE), ImportOptions.updating());
        out.printf("Import: %d created, %d updated, %d ignored, %d rejected%n", imported.created(), imported.updated(),
                imported.ignored(), imported.rejected());
        imported.rejections().forEach(r -> out.printf("  line %d %s: %s%n", r.line(), r.code(), r.message()));

        // The customer's own 7.5% applies; the card's 5% offered on the same order does not stack with it.
        Outcome known = customers.receiveOrder(ctx(), WebshopOrder.of("W-2001", "K100", null,
                Currency.getInstance("EUR"), List.of(line("1", "19.99"), line("2", "100.00")))
                .withProgramDiscount("pos-card", "5"));
        Outcome fresh = customers.receiveOrder(ctx(), WebshopOrder.of("W-2002", "W-555",
                CustomerProfile.builder("Fietsenmaker Bos").email("eva@bos.nl").language("nl").build(),
                Currency.getInstance("EUR"), List.of(line("1", "45.00"))));
        ReceivedOrder order = customers.order(SHOP, "W-2001").orElseThrow();
        out.printf("Order %s: customer %s, %s%% off (%s), discount %s, total %s EUR%n", order.orderId(),
                action(known), order.discountPercent().toPlainString(), order.discountSource(),
                order.discount().toPlainString(), order.total().toPlainString());
        out.printf("Order W-2002: customer %s (%s)%n", action(fresh),
                customers.findByNumber(SHOP, "W-555").orElseThrow().profile().name());
        out.printf("Customers: %d%n", customers.all(SHOP).size());
        return order;
    }

    /** How the order found its customer, from the outcome's typed result: linked or created. */
    private static String action(Outcome o) {
        return o.result(CustomerOrderReceived.class).orElseThrow().customerAction().name().toLowerCase(Locale.ROOT);
    }

    private static WebshopOrder.Line line(String id, String amount) {
        return new WebshopOrder.Line(id, "part " + id, BigDecimal.ONE, new BigDecimal(amount));
    }

    private CommandContext ctx() {
        // The warehouse passes on the card's discount with an order, so it holds the right to set discounts.
        return CommandContext.of(SHOP, Actor.of("warehouse", "customers.write"), "demo-" + (++keys), TODAY);
    }
}

package org.loyaltyengine.scenarios.customers;

import static org.loyaltyengine.scenarios.ScenarioDriver.arg;

import java.io.StringReader;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.WeakHashMap;

import org.loyaltyengine.CommandContext;
import org.loyaltyengine.LoyaltyEngine;
import org.loyaltyengine.customers.CustomFieldType;
import org.loyaltyengine.customers.CustomerProfile;
import org.loyaltyengine.customers.CustomerRequests;
import org.loyaltyengine.customers.Customers;
import org.loyaltyengine.customers.ImportOptions;
import org.loyaltyengine.customers.ImportSummary;
import org.loyaltyengine.customers.ReceivedOrder;
import org.loyaltyengine.customers.RegisteredCustomer;
import org.loyaltyengine.customers.WebshopOrder;
import org.loyaltyengine.scenarios.ScenarioDriver;
import org.loyaltyengine.scenarios.ScenarioException;
import org.loyaltyengine.spi.IdempotencyKey;
import org.loyaltyengine.spi.LoyaltyStore;
import org.loyaltyengine.spi.Outcome;
import org.loyaltyengine.spi.StoredOutcome;
import org.loyaltyengine.spi.TenantId;

/**
 * Runs {@code customers} scenarios. Customers are named by their number in steps.
 *
 * <p>Verbs: {@code createCustomer name= [number= email= discount= remarks= orderRemarks= field.<name>=]},
 * {@code updateCustomer number= name= [newNumber= email= discount= remarks= orderRemarks=]},
 * {@code declareField name= type=}, {@code configure matchBuyersByEmail=true|false},
 * {@code importCsv csv="..." [mode=update|ignore] [line=N]} (a literal {@code \n} in {@code csv} is a
 * line break; the step's outcome is the one of row {@code line}, by default the file's last line),
 * {@code receiveOrder order= [number= buyer= email= reference=<webshop>:<reference>] lines="1:19.99,2:5.00"
 * [programDiscount=pos-card:15] [currency=EUR]}.
 *
 * <p>Checks: {@code customers} (how many), {@code name number=}, {@code email number=},
 * {@code discount number=}, {@code orderDiscount order=}, {@code orderTotal order=},
 * {@code orderCustomer order=} (the number of the order's customer), {@code orderCustomerName order=},
 * {@code orderRemarks order=} and {@code orderCustomerRemarks order=} ({@code none} when there are none),
 * {@code lastImport count=created|updated|ignored|rejected}.
 */
public final class CustomerScenarioDriver implements ScenarioDriver {
    // An import answers with a summary rather than one outcome; the last one is kept per engine so a
    // check step can read it. Weak keys: each scenario case builds its own engine.
    private static final Map<LoyaltyEngine, ImportSummary> LAST_IMPORT = Collections.synchronizedMap(new WeakHashMap<>());

    @Override
    public String ruleSet() {
        return Customers.PROGRAM;
    }

    @Override
    public Outcome command(LoyaltyEngine engine, LoyaltyStore store, CommandContext ctx, String verb,
                           Map<String, String> a) {
        Customers customers = engine.customers();
        return switch (verb) {
            case "createCustomer" -> customers.create(ctx, profile(a, a.get("number")));
            case "updateCustomer" -> customers.update(ctx, byNumber(customers, ctx.tenant(), arg(a, "number")).id(),
                    profile(a, a.getOrDefault("newNumber", a.get("number"))));
            case "declareField" -> customers.declareField(ctx, arg(a, "name"),
                    CustomFieldType.valueOf(arg(a, "type").toUpperCase(java.util.Locale.ROOT)));
            case "configure" -> customers.configure(ctx,
                    new CustomerRequests.Configure(switch (arg(a, "matchBuyersByEmail")) {
                        case "true" -> true;
                        case "false" -> false;
                        default -> throw new ScenarioException("matchBuyersByEmail= is true or false");
                    }));
            case "importCsv" -> importCsv(engine, store, ctx, a);
            case "receiveOrder" -> customers.receiveOrder(ctx, order(a));
            default -> throw new ScenarioException("customers has no command '" + verb + "'");
        };
    }

    @Override
    public String check(LoyaltyEngine engine, TenantId tenant, String what, Map<String, String> a) {
        Customers customers = engine.customers();
        return switch (what) {
            case "customers" -> Integer.toString(customers.all(tenant).size());
            case "name" -> byNumber(customers, tenant, arg(a, "number")).profile().name();
            case "email" -> String.valueOf(byNumber(customers, tenant, arg(a, "number")).profile().email());
            case "discount" -> byNumber(customers, tenant, arg(a, "number")).profile().discount().toPlainString();
            case "orderDiscount" -> order(customers, tenant, arg(a, "order")).discount().toPlainString();
            case "orderTotal" -> order(customers, tenant, arg(a, "order")).total().toPlainString();
            case "orderCustomer" -> customers.find(tenant, order(customers, tenant, arg(a, "order")).customerId())
                    .map(c -> String.valueOf(c.profile().number())).orElse("none");
            case "orderCustomerName" -> customers.find(tenant, order(customers, tenant, arg(a, "order")).customerId())
                    .map(c -> c.profile().name()).orElse("none");
            case "orderRemarks" -> Objects.requireNonNullElse(order(customers, tenant, arg(a, "order")).orderRemarks(),
                    "none");
            case "orderCustomerRemarks" -> Objects.requireNonNullElse(order(customers, tenant, arg(a, "order"))
                    .customerRemarks(), "none");
            case "lastImport" -> lastImport(engine, arg(a, "count"));
            default -> throw new ScenarioException("customers has no check '" + what + "'");
        };
    }

    private static Outcome importCsv(LoyaltyEngine engine, LoyaltyStore store, CommandContext ctx,
                                     Map<String, String> a) {
        String csv = arg(a, "csv").replace("\\n", "\n");
        ImportOptions options = "ignore".equalsIgnoreCase(a.getOrDefault("mode", "update"))
                ? ImportOptions.ignoring() : ImportOptions.updating();
        LAST_IMPORT.put(engine, engine.customers().importCsv(ctx, new StringReader(csv), options));
        int line = a.containsKey("line") ? Integer.parseInt(a.get("line")) : csv.strip().split("\n").length;
        IdempotencyKey rowKey = IdempotencyKey.of(ctx.key().value() + "#" + line);
        return store.inTransaction(ctx.tenant(), tx -> tx.outcomes().find(rowKey)).map(StoredOutcome::outcome)
                .orElseThrow(() -> new ScenarioException("import line " + line + " was not decided by the rules: "
                        + LAST_IMPORT.get(engine).rejections()));
    }

    private static String lastImport(LoyaltyEngine engine, String count) {
        ImportSummary s = LAST_IMPORT.get(engine);
        if (s == null) {
            throw new ScenarioException("check lastImport needs an importCsv step before it");
        }
        return Integer.toString(switch (count) {
            case "created" -> s.created();
            case "updated" -> s.updated();
            case "ignored" -> s.ignored();
            case "rejected" -> s.rejected();
            default -> throw new ScenarioException("lastImport count= is created, updated, ignored or rejected");
        });
    }

    private static CustomerProfile profile(Map<String, String> a, String number) {
        CustomerProfile.Builder b = CustomerProfile.builder(arg(a, "name")).number(number).email(a.get("email"))
                .discountPercent(a.get("discount")).remarks(a.get("remarks")).orderRemarks(a.get("orderRemarks"));
        a.forEach((k, v) -> {
            if (k.startsWith(CustomerProfile.FIELD_PREFIX)) {
                b.field(k.substring(CustomerProfile.FIELD_PREFIX.length()), v);
            }
        });
        return b.build();
    }

    private static WebshopOrder order(Map<String, String> a) {
        List<WebshopOrder.Line> lines = new ArrayList<>();
        for (String l : arg(a, "lines").split(",")) {
            String[] idAmount = l.split(":");
            lines.add(new WebshopOrder.Line(idAmount[0].strip(), "product " + idAmount[0].strip(), BigDecimal.ONE,
                    new BigDecimal(idAmount[1].strip())));
        }
        CustomerProfile buyer = a.containsKey("buyer")
                ? CustomerProfile.builder(a.get("buyer")).email(a.get("email")).build() : null;
        WebshopOrder order = WebshopOrder.of(arg(a, "order"), a.get("number"), buyer,
                Currency.getInstance(a.getOrDefault("currency", "EUR")), lines);
        if (a.containsKey("reference")) {
            String[] ref = a.get("reference").split(":", 2);
            if (ref.length != 2) {
                throw new ScenarioException("reference= is <webshop>:<reference>, was " + a.get("reference"));
            }
            order = order.withBuyerReference(ref[0], ref[1]);
        }
        if (a.containsKey("programDiscount")) {
            String[] pd = a.get("programDiscount").split(":");
            order = order.withProgramDiscount(pd[0], pd[1]);
        }
        return order;
    }

    private static RegisteredCustomer byNumber(Customers customers, TenantId tenant, String number) {
        return customers.findByNumber(tenant, number)
                .orElseThrow(() -> new ScenarioException("no customer with number " + number));
    }

    private static ReceivedOrder order(Customers customers, TenantId tenant, String orderId) {
        return customers.order(tenant, orderId).orElseThrow(() -> new ScenarioException("no order " + orderId));
    }
}

package org.loyaltyengine.customers.internal;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import org.loyaltyengine.AuditTrail;
import org.loyaltyengine.CommandContext;
import org.loyaltyengine.customers.CustomFieldType;
import org.loyaltyengine.customers.CustomerProfile;
import org.loyaltyengine.customers.Customers;
import org.loyaltyengine.customers.WebshopOrder;
import org.loyaltyengine.internal.Applied;
import org.loyaltyengine.internal.AuditSubject;
import org.loyaltyengine.internal.Command;
import org.loyaltyengine.internal.Permission;
import org.loyaltyengine.internal.RuleSetRegistry;
import org.loyaltyengine.internal.StoreView;
import org.loyaltyengine.internal.Write;
import org.loyaltyengine.rules.facts.CustomerDiscount;
import org.loyaltyengine.rules.facts.CustomerOrder;
import org.loyaltyengine.rules.facts.CustomerOrderDiscounted;
import org.loyaltyengine.rules.facts.CustomerOrderLine;
import org.loyaltyengine.rules.facts.CustomerOrderReceived;
import org.loyaltyengine.rules.facts.CustomerProgramDiscount;
import org.loyaltyengine.rules.facts.Decision;
import org.loyaltyengine.spi.Account;
import org.loyaltyengine.spi.AccountKey;
import org.loyaltyengine.spi.Customer;
import org.loyaltyengine.spi.Document;
import org.loyaltyengine.spi.DocumentLine;
import org.loyaltyengine.spi.InvalidValueException;
import org.loyaltyengine.spi.LockKey;

/**
 * {@code customers.receive-order} (SPEC CU-4, CU-5): records a webshop order, linked to the customer
 * its number names or with a customer made from its buyer, and the discount the rules give each line.
 * Locks the order, the number it names, and, when it carries a buyer, the id a created customer gets,
 * the keys of the programs' new-customer defaults and the declarations if the buyer has custom fields.
 */
final class ReceiveOrder implements Command<WebshopOrder, ReceiveOrder.Context> {
    /** The order document type. */
    static final String ORDER = "webshop-order";

    /**
     * The order, whether it was received before, the customer its number names, the customer it would
     * create (null: it cannot), the programs' defaults for that customer, and the business date.
     */
    record Context(WebshopOrder order, boolean received, Optional<Customer> known, String newCustomerId,
                   Customer created, List<Write> defaults, LocalDate businessDate) {
    }

    private final NewCustomers newCustomers;
    private final RuleSetRegistry rules;

    ReceiveOrder(NewCustomers newCustomers, RuleSetRegistry rules) {
        this.newCustomers = newCustomers;
        this.rules = rules;
    }

    /**
     * A webshop sends who bought, not what they are owed: the customer's discount is master data, set
     * only by a user who may change customers ({@code customers.write}). Checked before the pipeline, as
     * a fault of the request whoever sends it.
     */
    static void refuseBuyerDiscount(WebshopOrder order) {
        if (order.buyer() != null && order.buyer().discount().signum() > 0) {
            throw new InvalidValueException("order " + order.orderId() + " gives its buyer a discount of "
                    + order.buyer().discount().toPlainString() + "%; an order cannot set a customer's discount,"
                    + " send the buyer without it and set the discount with update (permission "
                    + Customers.WRITE_PERMISSION + ")");
        }
    }

    @Override
    public String name() {
        return Customers.PROGRAM + ".receive-order";
    }

    @Override
    public String ruleSet() {
        return Customers.PROGRAM;
    }

    @Override
    public Permission permission(WebshopOrder order) {
        // A program's discount on the order is a percentage the caller asserts, so it takes the right to
        // set discounts; a plain order is the webshop's ordinary work.
        return order.programDiscounts().isEmpty() ? Permission.none() : Permission.of(Customers.WRITE_PERMISSION);
    }

    @Override
    public Set<LockKey> keys(WebshopOrder order, CommandContext ctx) {
        Set<LockKey> keys = new TreeSet<>();
        keys.add(LockKey.document(ORDER, order.orderId()));
        if (order.customerNumber() != null) {
            keys.add(LockKey.customerNumber(order.customerNumber()));
        }
        if (order.buyer() != null) {
            keys.addAll(newCustomers.keys(NewCustomers.id(order.newCustomerId(), ctx)));
            keys.addAll(Profiles.keys(order.buyer()));
        }
        return keys;
    }

    @Override
    public Context load(StoreView view, WebshopOrder order, CommandContext ctx) {
        CustomerProfile buyer = order.buyer();
        Map<String, CustomFieldType> declared = buyer == null || buyer.customFields().isEmpty() ? Map.of()
                : CustomFields.declared(view);
        if (buyer != null) {
            CustomFields.check(buyer, declared);
        }
        boolean received = view.document(ORDER, order.orderId()).isPresent();
        Optional<Customer> known = order.customerNumber() == null ? Optional.empty()
                : view.customerByNumber(order.customerNumber());
        String newId = NewCustomers.id(order.newCustomerId(), ctx);
        Customer created = null;
        List<Write> defaults = List.of();
        if (buyer != null && known.isEmpty() && !received) {
            NewCustomers.requireFree(view, newId);
            created = CustomFields.check(buyer.toBuilder().number(order.customerNumber()).build(), declared)
                    .toCustomer(newId);
            defaults = newCustomers.defaults(view, created, ctx);
        }
        return new Context(order, received, known, newId, created, defaults, ctx.businessDate());
    }

    @Override
    public List<Object> facts(Context context, Map<AccountKey, Account> accounts) {
        WebshopOrder o = context.order();
        List<Object> facts = new ArrayList<>();
        facts.add(new CustomerOrder(o.orderId(), o.customerNumber(), context.known().map(Customer::id).orElse(null),
                context.newCustomerId(), o.buyer() != null, context.received(),
                Math.max(0, o.currency().getDefaultFractionDigits())));
        for (WebshopOrder.Line l : o.lines()) {
            facts.add(new CustomerOrderLine(o.orderId(), l.lineId(), l.amount()));
        }
        context.known().map(CustomerProfile::of).filter(p -> p.discount().signum() > 0)
                .ifPresent(p -> facts.add(new CustomerDiscount(context.known().get().id(), p.discount())));
        o.programDiscounts().forEach((program, percent) -> facts.add(new CustomerProgramDiscount(program, percent)));
        return facts;
    }

    @Override
    public List<Write> writes(Context context, Decision decision, Applied applied) {
        WebshopOrder o = context.order();
        Optional<CustomerOrderReceived> received = decision.resultOf(CustomerOrderReceived.class);
        String customerId = received.map(CustomerOrderReceived::customerId).orElse(null);
        List<Write> writes = new ArrayList<>();
        if (received.isPresent() && received.get().customerAction() == CustomerOrderReceived.CustomerAction.CREATED) {
            if (context.created() == null || !context.created().id().equals(customerId)) {
                throw RuleDefects.impossible(rules, context.businessDate(), decision, "it decided to create customer "
                        + customerId + " for order " + o.orderId() + ", which that order cannot create as read");
            }
            writes.addAll(NewCustomers.created(context.created(), context.defaults()));
        }
        Optional<CustomerOrderDiscounted> discounted = decision.resultOf(CustomerOrderDiscounted.class);
        Map<String, BigDecimal> lineDiscounts = discounted.map(CustomerOrderDiscounted::lines).orElse(Map.of());
        List<DocumentLine> lines = new ArrayList<>();
        for (WebshopOrder.Line l : o.lines()) {
            BigDecimal discount = lineDiscounts.get(l.lineId());
            lines.add(new DocumentLine(l.lineId(), l.product(), l.quantity(), l.amount(),
                    Map.of("discount", discount == null ? "0" : discount.toPlainString())));
        }
        Map<String, String> attributes = new TreeMap<>();
        attributes.put("discountPercent", discounted.map(d -> d.percent().toPlainString()).orElse("0"));
        discounted.ifPresent(d -> attributes.put("discountSource", d.source()));
        writes.add(new Write.SaveDocument(new Document(ORDER, o.orderId(), customerId, "RECEIVED",
                context.businessDate(), o.currency().getCurrencyCode(), attributes, lines, 0)));
        return writes;
    }

    @Override
    public List<AuditSubject> audited(Context context, Decision decision) {
        return decision.resultOf(CustomerOrderReceived.class)
                .map(r -> List.of(AuditSubject.customer(AuditTrail.CUSTOMER, r.customerId()))).orElse(List.of());
    }

    /** A recorded order as the facade shows it. */
    static org.loyaltyengine.customers.ReceivedOrder view(Document doc) {
        return new org.loyaltyengine.customers.ReceivedOrder(doc.id(), doc.owner(),
                new BigDecimal(doc.attribute("discountPercent").orElse("0")), doc.attribute("discountSource").orElse(null),
                doc.lines().stream().map(l -> new org.loyaltyengine.customers.ReceivedOrder.Line(l.lineId(), l.product(),
                        l.amount(), new BigDecimal(l.attribute("discount").orElse("0")))).toList());
    }
}

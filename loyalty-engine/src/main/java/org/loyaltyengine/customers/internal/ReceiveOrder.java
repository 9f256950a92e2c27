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
import org.loyaltyengine.rules.facts.CustomerOrderRemarks;
import org.loyaltyengine.rules.facts.CustomerRemarks;
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
 * {@code customers.receive-order} (SPEC CU-4..CU-7): records a webshop order, linked to the customer
 * its number names, or the customer an earlier order with its webshop reference went to, or the one
 * customer with its buyer's e-mail address where the shop matches by it, or with a customer made from
 * its buyer; and the discount and the customer's remarks the rules give it.
 *
 * <p>Locks the order, the number it names, the webshop reference it carries (its index document), for
 * an order without a number whose buyer has an e-mail address the address (a key standing for it, taken
 * whether or not the shop matches by e-mail, as the setting is read only under the lock), and, when it
 * carries a buyer, the id a created customer gets, the keys of the programs' new-customer defaults and
 * the declarations if the buyer has custom fields. So two orders of one new buyer (same reference, or
 * same address) run one after the other, and the second reads the customer the first created.
 */
final class ReceiveOrder implements Command<WebshopOrder, ReceiveOrder.Context> {
    /** The name it runs under, known before an instance is built per call. */
    static final String NAME = Customers.PROGRAM + ".receive-order";
    /** The order document type. */
    static final String ORDER = "webshop-order";
    /**
     * The index of the webshops' own buyer references: one document per reference
     * ({@code <webshop>/<reference>}), owned by the customer the latest order carrying it went to.
     */
    static final String BUYER = "webshop-buyer";
    /** The scope of the lock keys that stand for a buyer's e-mail address (which has no row of its own). */
    private static final String EMAIL_LOCK = "customer-email";

    /**
     * The order, whether it was received before, the customers it may go to (by its number, by its
     * reference, by its buyer's e-mail address), the reference's index document as read, the e-mail
     * matching setting and the address compared, the customer it would create (null: it cannot) with the
     * programs' defaults for that customer, and the business date.
     */
    record Context(WebshopOrder order, boolean received, Optional<Customer> known, Optional<Document> reference,
                   Optional<Customer> byReference, boolean matchByEmail, String buyerEmail, List<Customer> byEmail,
                   String newCustomerId, Customer created, List<Write> defaults, LocalDate businessDate) {
        Context {
            byEmail = List.copyOf(byEmail);
        }

        /** Every customer the order may go to, each once. */
        List<Customer> candidates() {
            Map<String, Customer> all = new TreeMap<>();
            known.ifPresent(c -> all.put(c.id(), c));
            byReference.ifPresent(c -> all.put(c.id(), c));
            byEmail.forEach(c -> all.put(c.id(), c));
            if (created != null) {
                all.put(created.id(), created);
            }
            return List.copyOf(all.values());
        }
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

    /** The lock key standing for an e-mail address: its digest ({@link org.loyaltyengine.spi.Customers#emailDigest}). */
    static LockKey emailLock(String normalEmail) {
        return LockKey.program(EMAIL_LOCK, org.loyaltyengine.spi.Customers.emailDigest(normalEmail));
    }

    /** The buyer's address an order without a number is matched and locked by (null: none). */
    private static String emailOf(WebshopOrder order) {
        return order.customerNumber() == null && order.buyer() != null ? org.loyaltyengine.spi.Customers.normalEmail(order.buyer().email()) : null;
    }

    @Override
    public String name() {
        return NAME;
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
        if (order.buyerReference() != null) {
            keys.add(LockKey.document(BUYER, order.buyerReference().key()));
        }
        String email = emailOf(order);
        if (email != null) {
            keys.add(emailLock(email));
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
        String email = emailOf(order);
        boolean customFields = buyer != null && !buyer.customFields().isEmpty();
        Map<String, String> settings = email != null || customFields ? view.settings(Customers.PROGRAM) : Map.of();
        Map<String, CustomFieldType> declared = customFields ? CustomFields.declared(settings) : Map.of();
        if (buyer != null) {
            CustomFields.check(buyer, declared);
        }
        boolean received = view.document(ORDER, order.orderId()).isPresent();
        Optional<Customer> known = order.customerNumber() == null ? Optional.empty()
                : view.customerByNumber(order.customerNumber());
        Optional<Document> reference = order.buyerReference() == null ? Optional.empty()
                : view.document(BUYER, order.buyerReference().key());
        Optional<Customer> byReference = reference.map(Document::owner).flatMap(view::customer);
        boolean matchByEmail = email != null && CustomerSettings.of(settings, rules, ctx.businessDate()).matchBuyersByEmail();
        // Read only for a shop that matches by it, and only for an order that neither its number nor its
        // reference places; the store answers from an index (the JPA store's le_customer_by_email).
        List<Customer> byEmail = !matchByEmail || byReference.isPresent() ? List.of() : view.customersByEmail(email);
        String newId = NewCustomers.id(order.newCustomerId(), ctx);
        Customer created = null;
        List<Write> defaults = List.of();
        // Prepared only for an order that may create its customer: one the rules will link to a known
        // customer keeps that customer whatever id a new one would have had, even a taken one. An order
        // with a number is recognised by it alone (order.drl); byEmail is empty for such an order.
        boolean recognised = known.isPresent()
                || order.customerNumber() == null && (byReference.isPresent() || !byEmail.isEmpty());
        if (buyer != null && !recognised && !received) {
            NewCustomers.requireFree(view, newId);
            created = CustomFields.check(buyer.toBuilder().number(order.customerNumber()).build(), declared)
                    .toCustomer(newId);
            defaults = newCustomers.defaults(view, created, ctx);
        }
        return new Context(order, received, known, reference, byReference, matchByEmail, email, byEmail, newId,
                created, defaults, ctx.businessDate());
    }

    @Override
    public List<Object> facts(Context context, Map<AccountKey, Account> accounts) {
        WebshopOrder o = context.order();
        List<Object> facts = new ArrayList<>();
        facts.add(new CustomerOrder(o.orderId(), o.customerNumber(), context.known().map(Customer::id).orElse(null),
                context.newCustomerId(), o.buyer() != null, context.received(),
                Math.max(0, o.currency().getDefaultFractionDigits()),
                o.buyerReference() == null ? null : o.buyerReference().key(),
                context.byReference().map(Customer::id).orElse(null), context.matchByEmail(), context.buyerEmail(),
                context.byEmail().stream().map(Customer::id).toList()));
        for (WebshopOrder.Line l : o.lines()) {
            facts.add(new CustomerOrderLine(o.orderId(), l.lineId(), l.amount()));
        }
        for (Customer c : context.candidates()) {
            CustomerProfile p = CustomerProfile.of(c);
            if (p.discount().signum() > 0) {
                facts.add(new CustomerDiscount(c.id(), p.discount()));
            }
            if (p.remarks() != null || p.orderRemarks() != null) {
                facts.add(new CustomerRemarks(c.id(), p.remarks(), p.orderRemarks()));
            }
        }
        o.programDiscounts().forEach((program, percent) -> facts.add(new CustomerProgramDiscount(program, percent)));
        return facts;
    }

    @Override
    public List<Write> writes(Context context, Decision decision, Applied applied) {
        WebshopOrder o = context.order();
        Optional<CustomerOrderReceived> received = decision.resultOf(CustomerOrderReceived.class);
        String customerId = received.map(CustomerOrderReceived::customerId).orElse(null);
        List<Write> writes = new ArrayList<>();
        if (received.isPresent()) {
            if (!received.get().orderId().equals(o.orderId()) || !possible(context, received.get())) {
                throw RuleDefects.impossible(rules, context.businessDate(), decision, "it decided " + received.get()
                        + " for order " + o.orderId() + ", which that order cannot be as read");
            }
            if (received.get().customerAction() == CustomerOrderReceived.CustomerAction.CREATED) {
                writes.addAll(NewCustomers.created(context.created(), context.defaults()));
            }
        }
        Optional<CustomerOrderRemarks> remarks = decision.resultOf(CustomerOrderRemarks.class);
        if (remarks.isPresent() && (!remarks.get().orderId().equals(o.orderId())
                || !remarks.get().customerId().equals(customerId))) {
            throw RuleDefects.impossible(rules, context.businessDate(), decision, "it gave order " + o.orderId()
                    + " the remarks of " + remarks.get().customerId() + ", not of the order's customer " + customerId);
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
        remarks.map(CustomerOrderRemarks::remarks).ifPresent(r -> attributes.put("customerRemarks", r));
        remarks.map(CustomerOrderRemarks::orderRemarks).ifPresent(r -> attributes.put("orderRemarks", r));
        received.ifPresent(r -> attributes.put("matchedBy", r.matchedBy().name()));
        if (o.buyerReference() != null) {
            attributes.put("buyerReference", o.buyerReference().key());
        }
        writes.add(new Write.SaveDocument(new Document(ORDER, o.orderId(), customerId, "RECEIVED",
                context.businessDate(), o.currency().getCurrencyCode(), attributes, lines, 0)));
        // The reference now names the customer this order went to, so the buyer's next order without a
        // number goes there too; it follows the latest order, as the webshop knows its buyers best.
        if (o.buyerReference() != null && customerId != null
                && !context.reference().map(Document::owner).filter(customerId::equals).isPresent()) {
            writes.add(new Write.SaveDocument(new Document(BUYER, o.buyerReference().key(), customerId, "KNOWN",
                    context.businessDate(), null, Map.of("webshop", o.buyerReference().webshop(),
                    "reference", o.buyerReference().reference(), "order", o.orderId()), List.of(),
                    context.reference().map(Document::version).orElse(0L))));
        }
        return writes;
    }

    /** Whether the order as read can go where the rules sent it. */
    private static boolean possible(Context context, CustomerOrderReceived r) {
        String id = r.customerId();
        return switch (r.matchedBy()) {
            case CUSTOMER_NUMBER -> context.known().map(Customer::id).filter(id::equals).isPresent();
            case WEBSHOP_REFERENCE -> context.byReference().map(Customer::id).filter(id::equals).isPresent();
            case EMAIL -> context.byEmail().stream().anyMatch(c -> c.id().equals(id));
            case NONE -> context.created() != null && context.created().id().equals(id);
        };
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
                        l.amount(), new BigDecimal(l.attribute("discount").orElse("0")))).toList(),
                doc.attribute("customerRemarks").orElse(null), doc.attribute("orderRemarks").orElse(null));
    }
}

package org.loyaltyengine.customers;

import java.math.BigDecimal;
import java.util.Currency;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.loyaltyengine.spi.Checks;
import org.loyaltyengine.spi.InvalidValueException;
import org.loyaltyengine.spi.Limits;

/**
 * An order coming in from a webshop (SPEC CU-4, CU-5): the customer number the shop knows the buyer
 * by (may be null), the buyer's details as the shop sent them (name, contact, email, addresses, and
 * where the shop has them language, phone, VAT number, remarks, VAT flag; may be null when the number
 * is known), the lines, and the discounts loyalty programs offer on this order (program name to
 * percentage, e.g. {@code pos-card -> 10}), which the customers rules combine with the customer's own,
 * and the host's own id for a customer the order creates ({@code newCustomerId}, an identifier of at
 * most 255 characters; null: the engine derives one from the tenant and the idempotency key). An order
 * that links to a known customer keeps that customer's id and ignores {@code newCustomerId}.
 *
 * <p>{@code buyerReference} (may be null) is the webshop's own reference for the buyer (SPEC CU-7): an
 * order without a customer number goes to the customer an earlier order with the same reference from
 * the same webshop went to, so a returning buyer of a webshop that has no customer numbers is not made
 * a new customer on every order.
 */
public record WebshopOrder(String orderId, String customerNumber, CustomerProfile buyer, Currency currency,
                           List<Line> lines, Map<String, BigDecimal> programDiscounts, String newCustomerId,
                           BuyerReference buyerReference) {
    /**
     * The webshop's own reference for its buyer: the webshop (a code of at most 64 characters without
     * {@code /}, such as {@code shopify-nl}) and the customer id it gives the buyer (an identifier of at
     * most 180 characters). A reference is unique within its webshop only: two webshops may give the same
     * reference to two different buyers.
     */
    public record BuyerReference(String webshop, String reference) {
        public static final int MAX_WEBSHOP = 64;
        public static final int MAX_REFERENCE = 180;

        public BuyerReference {
            Checks.identifier(webshop, "webshop", MAX_WEBSHOP);
            if (webshop.indexOf('/') >= 0) {
                throw new InvalidValueException("webshop '" + webshop + "' must not contain '/'");
            }
            Checks.identifier(reference, "webshop customer reference", MAX_REFERENCE);
        }

        /** {@code <webshop>/<reference>}: one key per buyer of one webshop (a webshop holds no {@code /}). */
        public String key() {
            return webshop + "/" + reference;
        }
    }

    /** One order line: the amount is the line total before discounts. */
    public record Line(String lineId, String product, BigDecimal quantity, BigDecimal amount) {
        public Line {
            Checks.identifier(lineId, "line id", Limits.IDENTIFIER);
            Checks.name(product, "product", Limits.NAME);
            Checks.positive(quantity, "quantity");
            Checks.nonNegative(amount, "line amount");
        }
    }

    public WebshopOrder {
        Checks.identifier(orderId, "order id", Limits.IDENTIFIER);
        customerNumber = Checks.optionalIdentifier(Checks.optionalText(customerNumber == null ? null
                : customerNumber.strip(), "customer number", Limits.CUSTOMER_NUMBER), "customer number",
                Limits.CUSTOMER_NUMBER);
        if (buyer != null && buyer.number() != null && customerNumber != null && !buyer.number().equals(customerNumber)) {
            throw new InvalidValueException("order " + orderId + " names customer number " + customerNumber
                    + " but its buyer carries number " + buyer.number());
        }
        if (customerNumber == null && buyer != null) {
            customerNumber = buyer.number();
        }
        Checks.notNull(currency, "order currency");
        lines = Checks.list(lines, "order lines");
        if (lines.isEmpty()) {
            throw new InvalidValueException("order " + orderId + " has no lines");
        }
        Set<String> ids = new HashSet<>();
        int digits = currency.getDefaultFractionDigits();
        for (Line l : lines) {
            if (!ids.add(l.lineId())) {
                throw new InvalidValueException("order " + orderId + " has line id " + l.lineId() + " twice");
            }
            // An amount finer than the currency has no price a customer pays; its discount would be rounded
            // to a unit the order never had, so it is refused rather than rounded (as Money refuses it).
            if (digits >= 0 && l.amount().stripTrailingZeros().scale() > digits) {
                throw new InvalidValueException("line " + l.lineId() + " of order " + orderId + " is "
                        + l.amount().toPlainString() + " " + currency.getCurrencyCode() + ", more decimals than the "
                        + digits + " of " + currency.getCurrencyCode() + "; send the amount the customer pays");
            }
        }
        Map<String, BigDecimal> discounts = new TreeMap<>();
        if (programDiscounts != null) {
            programDiscounts.forEach((program, percent) -> discounts.put(Checks.identifier(program, "program", Limits.CODE),
                    Checks.percent(percent, "discount of program " + program)));
        }
        programDiscounts = java.util.Collections.unmodifiableMap(discounts);
        newCustomerId = Checks.optionalIdentifier(newCustomerId, "new customer id", Limits.IDENTIFIER);
    }

    /** An order without the webshop's own reference for its buyer. */
    public WebshopOrder(String orderId, String customerNumber, CustomerProfile buyer, Currency currency,
                        List<Line> lines, Map<String, BigDecimal> programDiscounts, String newCustomerId) {
        this(orderId, customerNumber, buyer, currency, lines, programDiscounts, newCustomerId, null);
    }

    /** An order whose new customer, if it makes one, gets an id the engine derives. */
    public WebshopOrder(String orderId, String customerNumber, CustomerProfile buyer, Currency currency,
                        List<Line> lines, Map<String, BigDecimal> programDiscounts) {
        this(orderId, customerNumber, buyer, currency, lines, programDiscounts, null, null);
    }

    /** An order without program discounts. */
    public static WebshopOrder of(String orderId, String customerNumber, CustomerProfile buyer, Currency currency,
                                  List<Line> lines) {
        return new WebshopOrder(orderId, customerNumber, buyer, currency, lines, Map.of());
    }

    public WebshopOrder withProgramDiscount(String program, String percent) {
        Map<String, BigDecimal> d = new TreeMap<>(programDiscounts);
        d.put(Checks.identifier(program, "program", Limits.CODE),
                Checks.parseDecimal(percent, "discount of program " + program));
        return new WebshopOrder(orderId, customerNumber, buyer, currency, lines, d, newCustomerId, buyerReference);
    }

    /** This order, creating its customer (when it creates one) under the host's own id. */
    public WebshopOrder withNewCustomerId(String customerId) {
        return new WebshopOrder(orderId, customerNumber, buyer, currency, lines, programDiscounts,
                Checks.identifier(customerId, "new customer id", Limits.IDENTIFIER), buyerReference);
    }

    /** This order, carrying the webshop's own reference for its buyer (SPEC CU-7). */
    public WebshopOrder withBuyerReference(String webshop, String reference) {
        return new WebshopOrder(orderId, customerNumber, buyer, currency, lines, programDiscounts, newCustomerId,
                new BuyerReference(webshop, reference));
    }
}

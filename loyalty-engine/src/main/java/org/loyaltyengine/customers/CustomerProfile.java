package org.loyaltyengine.customers;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

import org.loyaltyengine.spi.Checks;
import org.loyaltyengine.spi.Customer;
import org.loyaltyengine.spi.InvalidValueException;
import org.loyaltyengine.spi.Limits;

/**
 * A customer's master data in the webshop warehouse system (seed 003, SPEC CU-1): only the name is
 * required. Values are validated and normalised on construction (blank becomes null, text is
 * stripped, the language is lower case, the discount is a percentage 0..100).
 *
 * <p>The storage SPI keeps a customer as id, number, name and a sorted attribute map; this record
 * converts both ways ({@link #toCustomer}, {@link #of(Customer)}) under these attribute keys:
 * {@code contact}, {@code email}, {@code phone}, {@code delivery.street}, {@code delivery.postalCode},
 * {@code delivery.city}, {@code delivery.country}, {@code invoice.*} (same parts), {@code language},
 * {@code discountPercent}, {@code template}, {@code priceLists} and {@code tags} (comma separated),
 * {@code autosplit}, {@code calculateVat} ({@code true}/{@code false}), {@code vatNumber},
 * {@code remarks}, {@code orderRemarks}, and {@code field.<name>} for each custom field. Keys are part
 * of the stored format: renaming one needs a data migration.
 *
 * <p>Custom fields are checked here for their name only; whether a field is declared and the value
 * fits its type is checked against the tenant's declarations when the customer is saved.
 */
public record CustomerProfile(String number, String name, String contact, String email, String phone,
                              Address deliveryAddress, Address invoiceAddress, String language,
                              BigDecimal discountPercent, String template, List<String> priceLists,
                              boolean autosplit, boolean calculateVat, String vatNumber, String remarks,
                              String orderRemarks, List<String> tags, Map<String, String> customFields) {
    public static final int MAX_NAME = Limits.NAME;
    public static final int MAX_REMARKS = 2000;
    /**
     * The prefix of a custom field's attribute key and import column ({@code field.<name>}): part of the
     * stored format and of the import file.
     */
    public static final String FIELD_PREFIX = "field.";
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s.]+(\\.[^@\\s.]+)+");
    private static final Pattern LANGUAGE = Pattern.compile("[a-z]{2,3}");
    private static final Pattern VAT_NUMBER = Pattern.compile("[A-Za-z0-9.\\- ]+");
    private static final Pattern PHONE = Pattern.compile("[0-9+()\\-./ ]+");
    static final Pattern FIELD_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,39}");

    public CustomerProfile {
        number = Checks.optionalIdentifier(Checks.optionalText(Address.strip(number), "customer number",
                Limits.CUSTOMER_NUMBER), "customer number", Limits.CUSTOMER_NUMBER);
        name = Checks.name(Address.strip(name), "customer name", MAX_NAME);
        contact = Address.line(contact, "contact person", 255);
        email = Address.line(email, "e-mail address", 254);
        if (email != null && !EMAIL.matcher(email).matches()) {
            throw new InvalidValueException("e-mail address '" + email + "' is not valid; write it as name@example.com");
        }
        phone = Address.line(phone, "phone number", 32);
        if (phone != null && !PHONE.matcher(phone).matches()) {
            throw new InvalidValueException("phone number '" + phone + "' may hold only digits, spaces and + ( ) - . /");
        }
        if (deliveryAddress != null && deliveryAddress.isEmpty()) {
            deliveryAddress = null;
        }
        if (invoiceAddress != null && invoiceAddress.isEmpty()) {
            invoiceAddress = null;
        }
        language = Address.line(language, "language", 3);
        if (language != null) {
            language = language.toLowerCase(Locale.ROOT);
            if (!LANGUAGE.matcher(language).matches()) {
                throw new InvalidValueException("language '" + language + "' must be an ISO 639 code such as nl or en");
            }
        }
        if (discountPercent != null) {
            Checks.percent(discountPercent, "discount percentage");
            discountPercent = discountPercent.signum() == 0 ? null : discountPercent;
        }
        template = Address.line(template, "default template", 64);
        priceLists = names(priceLists, "price list");
        vatNumber = Address.line(vatNumber, "VAT number", 32);
        if (vatNumber != null && !VAT_NUMBER.matcher(vatNumber).matches()) {
            throw new InvalidValueException("VAT number '" + vatNumber + "' may hold only letters, digits, dots and dashes");
        }
        remarks = Checks.optionalMultiLine(Checks.optionalText(remarks == null ? null : remarks.strip(), "remarks",
                MAX_REMARKS), "remarks", MAX_REMARKS);
        orderRemarks = Checks.optionalMultiLine(Checks.optionalText(orderRemarks == null ? null : orderRemarks.strip(),
                "default order remarks", MAX_REMARKS), "default order remarks", MAX_REMARKS);
        tags = names(tags, "tag");
        customFields = fields(customFields);
    }

    /** A profile with only a name; the rest through {@link #toBuilder()}. */
    public static CustomerProfile named(String name) {
        return builder(name).build();
    }

    public static Builder builder(String name) {
        return new Builder(name);
    }

    public Builder toBuilder() {
        return new Builder(this);
    }

    /** The profile kept on a stored customer. */
    public static CustomerProfile of(Customer customer) {
        Checks.notNull(customer, "customer");
        Map<String, String> a = customer.attributes();
        Map<String, String> fields = new TreeMap<>();
        a.forEach((k, v) -> {
            if (k.startsWith(FIELD_PREFIX)) {
                fields.put(k.substring(FIELD_PREFIX.length()), v);
            }
        });
        String discount = a.get("discountPercent");
        return new CustomerProfile(customer.number(), customer.name(), a.get("contact"), a.get("email"), a.get("phone"),
                address(a, "delivery."), address(a, "invoice."), a.get("language"),
                discount == null ? null : Checks.parseDecimal(discount, "discount percentage"), a.get("template"),
                split(a.get("priceLists")),
                Boolean.parseBoolean(a.get("autosplit")), !"false".equals(a.get("calculateVat")), a.get("vatNumber"),
                a.get("remarks"), a.get("orderRemarks"), split(a.get("tags")), fields);
    }

    /** The SPI customer with this profile under {@code id}. */
    public Customer toCustomer(String id) {
        Map<String, String> a = new TreeMap<>();
        put(a, "contact", contact);
        put(a, "email", email);
        put(a, "phone", phone);
        putAddress(a, "delivery.", deliveryAddress);
        putAddress(a, "invoice.", invoiceAddress);
        put(a, "language", language);
        put(a, "discountPercent", discountPercent == null ? null : discountPercent.toPlainString());
        put(a, "template", template);
        put(a, "priceLists", priceLists.isEmpty() ? null : String.join(",", priceLists));
        a.put("autosplit", Boolean.toString(autosplit));
        a.put("calculateVat", Boolean.toString(calculateVat));
        put(a, "vatNumber", vatNumber);
        put(a, "remarks", remarks);
        put(a, "orderRemarks", orderRemarks);
        put(a, "tags", tags.isEmpty() ? null : String.join(",", tags));
        customFields.forEach((k, v) -> a.put(FIELD_PREFIX + k, v));
        return new Customer(id, number, name, a);
    }

    /** The discount as a number: zero when none is set. */
    public BigDecimal discount() {
        return discountPercent == null ? BigDecimal.ZERO : discountPercent;
    }

    private static List<String> names(List<String> values, String what) {
        if (values == null) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (String v : values) {
            String s = Address.line(v, what, 64);
            if (s == null) {
                continue;
            }
            if (s.contains(",")) {
                throw new InvalidValueException(what + " '" + s + "' must not contain a comma");
            }
            if (!out.contains(s)) {
                out.add(s);
            }
        }
        return List.copyOf(out);
    }

    private static Map<String, String> fields(Map<String, String> values) {
        if (values == null || values.isEmpty()) {
            return Map.of();
        }
        Map<String, String> out = new TreeMap<>();
        values.forEach((k, v) -> {
            if (k == null || !FIELD_NAME.matcher(k).matches()) {
                throw new InvalidValueException("custom field name '" + k
                        + "' must start with a letter and hold only letters, digits and _ (at most 40)");
            }
            String s = v == null ? null : v.strip();
            if (s != null && !s.isEmpty()) {
                out.put(k, s);
            }
        });
        return Checks.sortedMap(out, "custom fields");
    }

    private static List<String> split(String joined) {
        return joined == null ? List.of() : List.of(joined.split(","));
    }

    private static Address address(Map<String, String> a, String prefix) {
        return Address.ofParts(a.get(prefix + "street"), a.get(prefix + "postalCode"), a.get(prefix + "city"),
                a.get(prefix + "country"));
    }

    private static void putAddress(Map<String, String> a, String prefix, Address address) {
        if (address != null) {
            put(a, prefix + "street", address.street());
            put(a, prefix + "postalCode", address.postalCode());
            put(a, prefix + "city", address.city());
            put(a, prefix + "country", address.country());
        }
    }

    private static void put(Map<String, String> a, String key, String value) {
        if (value != null) {
            a.put(key, value);
        }
    }

    /** Builds a profile step by step; {@link #build()} validates. VAT is calculated unless switched off. */
    public static final class Builder {
        private String number;
        private String name;
        private String contact;
        private String email;
        private String phone;
        private Address delivery;
        private Address invoice;
        private String language;
        private BigDecimal discount;
        private String template;
        private List<String> priceLists = List.of();
        private boolean autosplit;
        private boolean calculateVat = true;
        private String vatNumber;
        private String remarks;
        private String orderRemarks;
        private List<String> tags = List.of();
        private final Map<String, String> fields = new LinkedHashMap<>();

        private Builder(String name) {
            this.name = name;
        }

        private Builder(CustomerProfile p) {
            number = p.number;
            name = p.name;
            contact = p.contact;
            email = p.email;
            phone = p.phone;
            delivery = p.deliveryAddress;
            invoice = p.invoiceAddress;
            language = p.language;
            discount = p.discountPercent;
            template = p.template;
            priceLists = p.priceLists;
            autosplit = p.autosplit;
            calculateVat = p.calculateVat;
            vatNumber = p.vatNumber;
            remarks = p.remarks;
            orderRemarks = p.orderRemarks;
            tags = p.tags;
            fields.putAll(p.customFields);
        }

        public Builder number(String v) {
            number = v;
            return this;
        }

        public Builder name(String v) {
            name = v;
            return this;
        }

        public Builder contact(String v) {
            contact = v;
            return this;
        }

        public Builder email(String v) {
            email = v;
            return this;
        }

        public Builder phone(String v) {
            phone = v;
            return this;
        }

        public Builder deliveryAddress(Address v) {
            delivery = v;
            return this;
        }

        public Builder invoiceAddress(Address v) {
            invoice = v;
            return this;
        }

        public Builder language(String v) {
            language = v;
            return this;
        }

        public Builder discountPercent(BigDecimal v) {
            discount = v;
            return this;
        }

        public Builder discountPercent(String v) {
            discount = v == null || v.isBlank() ? null : number(v, "discount percentage");
            return this;
        }

        public Builder template(String v) {
            template = v;
            return this;
        }

        public Builder priceLists(List<String> v) {
            priceLists = v;
            return this;
        }

        public Builder autosplit(boolean v) {
            autosplit = v;
            return this;
        }

        public Builder calculateVat(boolean v) {
            calculateVat = v;
            return this;
        }

        public Builder vatNumber(String v) {
            vatNumber = v;
            return this;
        }

        public Builder remarks(String v) {
            remarks = v;
            return this;
        }

        public Builder orderRemarks(String v) {
            orderRemarks = v;
            return this;
        }

        public Builder tags(List<String> v) {
            tags = v;
            return this;
        }

        /** Sets (or with a blank value, clears) a custom field. */
        public Builder field(String fieldName, String value) {
            fields.put(fieldName, value == null ? "" : value);
            return this;
        }

        public CustomerProfile build() {
            return new CustomerProfile(number, name, contact, email, phone, delivery, invoice, language, discount,
                    template, priceLists, autosplit, calculateVat, vatNumber, remarks, orderRemarks, tags, fields);
        }

        private static BigDecimal number(String v, String what) {
            try {
                return new BigDecimal(v.strip().replace(',', '.'));
            } catch (NumberFormatException e) {
                throw new InvalidValueException(what + " must be a number such as 5 or 7.5, was '" + v.strip() + "'");
            }
        }
    }
}

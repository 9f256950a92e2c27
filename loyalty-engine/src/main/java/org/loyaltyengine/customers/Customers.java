package org.loyaltyengine.customers;

import java.io.InputStream;
import java.io.Reader;
import java.io.Writer;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.loyaltyengine.CommandContext;
import org.loyaltyengine.rules.facts.CustomerFieldDeclared;
import org.loyaltyengine.rules.facts.CustomerOrderDiscounted;
import org.loyaltyengine.rules.facts.CustomerOrderReceived;
import org.loyaltyengine.rules.facts.CustomerRowImported;
import org.loyaltyengine.rules.facts.CustomerSaved;
import org.loyaltyengine.spi.InvalidValueException;
import org.loyaltyengine.spi.Outcome;
import org.loyaltyengine.spi.TenantId;

/**
 * The customers of the webshop warehouse system (seed 003, SPEC CU-1..CU-5), as
 * {@code LoyaltyEngine.customers()} hands them out: creating and changing customers, declaring custom
 * fields, bulk import from CSV, customers made from incoming webshop orders, and the customer's own
 * discount on its orders. Every change is a command decided by the {@code customers} rule set and
 * answered with an {@link Outcome}; reads take no key.
 *
 * <p>A customer the engine creates is named by the host's own id when the request carries one
 * ({@link CustomerRequests.Create#customerId()}, {@link WebshopOrder#newCustomerId()}), otherwise by an id
 * derived from the tenant and the command's idempotency key (a name-based UUID), so a retried or
 * previewed command names the same customer. Whenever a command creates a customer, the defaults other
 * programs registered for new customers are applied in the same transaction (for example
 * auto-enrolment in the customer card).
 *
 * <p>A customer number, when given, is unique within the tenant (SPEC CU-2): the rules refuse a number
 * another customer holds ({@code CUSTOMER_NUMBER_TAKEN}); two commands that take the same free number
 * run one after the other, so the second is refused the same way.
 */
public interface Customers {
    /** The rule set and settings program name. */
    String PROGRAM = "customers";
    /** The permission that allows changing the program's settings (custom field declarations). */
    String SETTINGS_PERMISSION = "customers.settings";
    /** The permission to create and change customers' master data, their discount included. */
    String WRITE_PERMISSION = "customers.write";
    /** The permission to import customers from a file (each row creates or changes a customer). */
    String IMPORT_PERMISSION = "customers.import";

    // ------------------------------------------------------------------ commands

    /**
     * Creates a customer (SPEC CU-1, CU-2) under an id derived from the tenant and the key. An applied
     * outcome carries the result {@link CustomerSaved} ({@code outcome.result(CustomerSaved.class)}), which
     * names the customer and says {@code CREATED}.
     */
    Outcome create(CommandContext ctx, CustomerProfile profile);

    /**
     * Creates a customer (SPEC CU-1, CU-2), under the host's own id when the request carries one. An
     * applied outcome carries the result {@link CustomerSaved}, which names the customer and says
     * {@code CREATED}.
     *
     * @throws org.loyaltyengine.spi.DuplicateKeyException when another customer of the tenant holds that id
     */
    Outcome create(CommandContext ctx, CustomerRequests.Create request);

    /**
     * Replaces a customer's master data (SPEC CU-1, CU-2). An applied outcome carries the result
     * {@link CustomerSaved}, which names the customer and says {@code UPDATED}.
     */
    Outcome update(CommandContext ctx, String customerId, CustomerProfile profile);

    /**
     * Declares a custom field with its type (the seed's "Klantvelden"), or changes the type of one no
     * customer holds a value for yet ({@code CUSTOM_FIELD_IN_USE} otherwise). The actor needs the
     * permission {@value #SETTINGS_PERMISSION} ({@code PERMISSION_REQUIRED} otherwise). An applied
     * outcome carries the result {@link CustomerFieldDeclared}: the field and its type.
     */
    Outcome declareField(CommandContext ctx, String name, CustomFieldType type);

    /**
     * Sets the program's settings (SPEC CU-7): whether orders are matched to customers by the buyer's
     * e-mail address. The custom field declarations are kept. The actor needs the permission
     * {@value #SETTINGS_PERMISSION} ({@code PERMISSION_REQUIRED} otherwise). The outcome carries no typed
     * result.
     */
    Outcome configure(CommandContext ctx, CustomerRequests.Configure settings);

    /**
     * Imports customers from a UTF-8 CSV file, with or without a byte-order mark (SPEC CU-3).
     *
     * @see #importCsv(CommandContext, Reader, ImportOptions)
     */
    ImportSummary importCsv(CommandContext ctx, InputStream csv, ImportOptions options);

    /**
     * Imports customers from CSV text (SPEC CU-3, CU-8): the first line names the columns ({@code number},
     * {@code name}, {@code email}, ..., {@code field.<name>}), at least {@code name} or {@code number}. A
     * row whose number is already known updates that customer or is ignored, as {@code options} say; an
     * update changes only the cells the row has: it writes the row's non-blank cells over the stored data
     * and keeps what the row leaves blank or the file has no column for (the seed's "aanvullen": complete,
     * not wipe), so {@code number;email} with {@code 1001;new@x.nl} changes only that e-mail address. A
     * name is needed only to create: a row that would create a customer without one is refused
     * ({@code CUSTOMER_NAME_REQUIRED}). A row without a number always creates a customer; a number
     * that appears twice in one file is refused on its later lines ({@code DUPLICATE_NUMBER_IN_FILE}),
     * since the file itself does not say which line is meant. Each bad row is reported with its line and
     * reason and nothing of it is written; the other rows go on. That holds for every typed refusal of a
     * row: a value the profile refuses, a cell holding a control character (NUL, ESC, ...), a rule's
     * rejection, a store failure that rolled the row back ({@code STORE_FAILED}); a row whose commit reply
     * was lost is submitted again under its own key, which settles whether it was written. An import
     * never stops half-way.
     *
     * <p>Each row's outcome carries the result {@link CustomerRowImported} (its line, {@code CREATED},
     * {@code UPDATED} or {@code IGNORED}, and the customer); the summary counts them.
     *
     * <p>Each row is one command, under the key {@code <import key>#<line>}: its own transaction (a bad
     * row can never leave half a customer or undo its neighbours), its own rule decision and stored
     * outcome. A re-run of the same import under the same key is a replay that changes nothing and
     * reports the same summary; a new key re-applies the file (with {@link ImportOptions.Duplicates#UPDATE}
     * the customers end up the same as after one run, except that rows without a number create again, as
     * the seed says they must). A file-level fault (no header, unknown or repeated column, not UTF-8) is
     * a typed error before any row is imported.
     *
     * <p>With a dry-run context every row is decided and nothing is written; since each row is previewed
     * on its own, a dry run does not see customers that earlier rows of the same file would create.
     *
     * @throws InvalidValueException when the file as a whole cannot be imported
     */
    ImportSummary importCsv(CommandContext ctx, Reader csv, ImportOptions options);

    /**
     * Receives a webshop order (SPEC CU-4..CU-7): an order naming a known customer number is linked to
     * that customer. An order without a customer number is linked to the customer an earlier order with
     * the same webshop customer reference ({@link WebshopOrder#buyerReference()}) went to, or, when the
     * shop matches buyers by e-mail ({@link #configure}), to the one customer with the buyer's e-mail
     * address, ignoring case; an address two or more customers share names none of them, and the order is
     * refused ({@code BUYER_EMAIL_AMBIGUOUS}) rather than given to one of them or to yet another new
     * customer. Otherwise a customer is created from the buyer's details in the order. Two orders of one
     * new buyer at once (same reference, or same e-mail address while matching by it) run one after the
     * other, so the second finds the customer the first made.
     *
     * <p>The customer's own discount (and the programs' discounts the order carries, combined as the
     * rules say) is applied to each line, and the customer's remarks and default order remarks go with
     * the order ({@link ReceivedOrder#customerRemarks()}, {@link ReceivedOrder#orderRemarks()}). An
     * applied outcome carries the result {@link CustomerOrderReceived} (the customer, whether it was
     * {@code LINKED} or {@code CREATED}, and what matched it) and, when the rules give a discount,
     * {@link CustomerOrderDiscounted} (the percentage, its source, the order's total discount and each
     * line's discount by line id), and {@link org.loyaltyengine.rules.facts.CustomerOrderRemarks} when
     * the customer has remarks for its orders.
     */
    Outcome receiveOrder(CommandContext ctx, WebshopOrder order);

    // ------------------------------------------------------------------ reads

    Optional<RegisteredCustomer> find(TenantId tenant, String customerId);

    Optional<RegisteredCustomer> findByNumber(TenantId tenant, String number);

    /** Every customer of the tenant. */
    List<RegisteredCustomer> all(TenantId tenant);

    /**
     * Writes every customer of the tenant as CSV in the import's format (SPEC X-12): the columns of the
     * import, then a {@code field.<name>} column for each declared custom field; {@code ;} separated,
     * quoted where needed. Edit it and import it back with {@link ImportOptions#updating()} to change
     * customers in bulk (customers without a number would be created again; give them numbers first).
     */
    void exportCsv(TenantId tenant, Writer out);

    /** The declared custom fields and their types. */
    Map<String, CustomFieldType> customFields(TenantId tenant);

    /**
     * The program's settings in force on a business date: as configured, or the defaults of the rule-set
     * version in force on that date for a shop that never configured them.
     */
    CustomerRequests.Configure settings(TenantId tenant, java.time.LocalDate businessDate);

    /** A received webshop order with its discounts. */
    Optional<ReceivedOrder> order(TenantId tenant, String orderId);

    /** Every webshop order of one customer, by date then order id (the seed's "per klant alle bestellingen"). */
    List<ReceivedOrder> orders(TenantId tenant, String customerId);
}

package org.loyaltyengine.customers;

import org.loyaltyengine.RuleFailedException;
import org.loyaltyengine.IoFailedException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;

import org.loyaltyengine.AuditTrail;
import org.loyaltyengine.CommandContext;
import org.loyaltyengine.IdempotencyConflictException;
import org.loyaltyengine.NoSuchEntityException;
import org.loyaltyengine.customers.ImportSummary.RowRejection;
import org.loyaltyengine.internal.Applied;
import org.loyaltyengine.internal.AuditSubject;
import org.loyaltyengine.internal.CommandPipeline;
import org.loyaltyengine.internal.Permission;
import org.loyaltyengine.internal.ProgramCommand;
import org.loyaltyengine.rules.facts.CustomerDiscount;
import org.loyaltyengine.rules.facts.CustomerFieldDeclaration;
import org.loyaltyengine.rules.facts.CustomerImportRow;
import org.loyaltyengine.rules.facts.CustomerOrder;
import org.loyaltyengine.rules.facts.CustomerOrderLine;
import org.loyaltyengine.rules.facts.CustomerProgramDiscount;
import org.loyaltyengine.rules.facts.CustomerSave;
import org.loyaltyengine.rules.facts.Decision;
import org.loyaltyengine.spi.Account;
import org.loyaltyengine.spi.AccountKey;
import org.loyaltyengine.spi.Checks;
import org.loyaltyengine.spi.Customer;
import org.loyaltyengine.spi.Document;
import org.loyaltyengine.spi.DocumentLine;
import org.loyaltyengine.spi.IdempotencyKey;
import org.loyaltyengine.spi.InvalidValueException;
import org.loyaltyengine.spi.LoyaltyException;
import org.loyaltyengine.spi.Outcome;
import org.loyaltyengine.spi.StoreException;
import org.loyaltyengine.spi.StoreTransaction;
import org.loyaltyengine.spi.TenantId;

/**
 * The customers of the webshop warehouse system (seed 003, SPEC CU-1..CU-5), a facade over the
 * command pipeline: creating and changing customers, declaring custom fields, bulk import from CSV,
 * customers made from incoming webshop orders, and the customer's own discount on its orders. Every
 * change is a command decided by the {@code customers} rule set and answered with an {@link Outcome};
 * reads take no key.
 *
 * <p>Customer ids are made by the engine from the command's idempotency key (a name-based UUID), so a
 * retried or previewed command names the same customer. Whenever a command creates a customer, the
 * defaults other programs registered with {@link CommandPipeline#onNewCustomer} are applied in the
 * same transaction (for example auto-enrolment in the customer card).
 *
 * <p>A customer number, when given, is unique within the tenant (SPEC CU-2): the rules refuse a
 * number another customer holds ({@code CUSTOMER_NUMBER_TAKEN}); the store's unique guard is the last
 * word when two commands race for one number.
 */
public final class CustomerRegistry {
    /** The rule set and settings program name. */
    public static final String PROGRAM = "customers";
    /** The permission that allows changing the program's settings (custom field declarations). */
    public static final String SETTINGS_PERMISSION = "customers.settings";
    /** The permission to create and change customers' master data, their discount included. */
    public static final String WRITE_PERMISSION = "customers.write";
    /** The permission to import customers from a file (each row creates or changes a customer). */
    public static final String IMPORT_PERMISSION = "customers.import";
    static final String ORDER = "webshop-order";
    /** Leaves room for {@code #<line>} within the 200 characters of an idempotency key. */
    static final int MAX_IMPORT_KEY = 190;

    private final CommandPipeline pipeline;

    public CustomerRegistry(CommandPipeline pipeline) {
        this.pipeline = pipeline;
    }

    // ------------------------------------------------------------------ payloads

    private record Create(CustomerProfile profile) {
    }

    private record Update(String customerId, CustomerProfile profile) {
    }

    private record DeclareField(String name, CustomFieldType type) {
        DeclareField {
            if (name == null || !CustomerProfile.FIELD_NAME.matcher(name).matches()) {
                throw new InvalidValueException("custom field name '" + name
                        + "' must start with a letter and hold only letters, digits and _ (at most 40)");
            }
            Checks.notNull(type, "custom field type");
        }
    }

    /** One import row: its validated profile (for a new customer) and its non-blank cells (to update one). */
    private record ImportRow(int line, ImportOptions.Duplicates mode, CustomerProfile profile, Map<String, String> cells,
                             int firstLineWithNumber) {
    }

    // ------------------------------------------------------------------ commands

    /** Creates a customer (SPEC CU-1, CU-2); the outcome's value {@code customerId} names it. */
    public Outcome create(CommandContext ctx, CustomerProfile profile) {
        Checks.notNull(profile, "customer profile");
        return pipeline.execute(ctx, new Create(profile), new Handler<>("create", Permission.of(WRITE_PERMISSION)) {
            @Override
            public List<AuditSubject> audited(StoreTransaction tx, Create p, CommandContext x, Decision d) {
                return List.of(AuditSubject.customer(AuditTrail.CUSTOMER, newId(x)));
            }

            @Override
            public List<Object> facts(StoreTransaction tx, Create p, CommandContext x, Map<AccountKey, Account> a) {
                CustomFields.check(p.profile(), CustomFields.declared(tx));
                return List.of(save("create", newId(x), p.profile(), tx));
            }

            @Override
            public void record(StoreTransaction tx, Create p, CommandContext x, Decision d, Applied applied) {
                insert(tx, x, p.profile(), newId(x));
            }
        });
    }

    /** Replaces a customer's master data (SPEC CU-1, CU-2). */
    public Outcome update(CommandContext ctx, String customerId, CustomerProfile profile) {
        Checks.text(customerId, "customer id");
        Checks.notNull(profile, "customer profile");
        return pipeline.execute(ctx, new Update(customerId, profile), new Handler<>("update", Permission.of(WRITE_PERMISSION)) {
            @Override
            public List<AuditSubject> audited(StoreTransaction tx, Update p, CommandContext x, Decision d) {
                return List.of(AuditSubject.customer(AuditTrail.CUSTOMER, p.customerId()));
            }

            @Override
            public List<Object> facts(StoreTransaction tx, Update p, CommandContext x, Map<AccountKey, Account> a) {
                customer(tx, p.customerId());
                CustomFields.check(p.profile(), CustomFields.declared(tx));
                return List.of(save("update", p.customerId(), p.profile(), tx));
            }

            @Override
            public void record(StoreTransaction tx, Update p, CommandContext x, Decision d, Applied applied) {
                CustomerProfile checked = CustomFields.check(p.profile(), CustomFields.declared(tx));
                tx.customers().save(checked.toCustomer(p.customerId()));
            }
        });
    }

    /**
     * Declares a custom field with its type (the seed's "Klantvelden"), or changes the type of one no
     * customer holds a value for yet ({@code CUSTOM_FIELD_IN_USE} otherwise). The actor needs the
     * permission {@value #SETTINGS_PERMISSION} ({@code PERMISSION_REQUIRED} otherwise).
     */
    public Outcome declareField(CommandContext ctx, String name, CustomFieldType type) {
        return pipeline.execute(ctx, new DeclareField(name, type), new Handler<>("declare-field", Permission.of(SETTINGS_PERMISSION)) {
            @Override
            public List<AuditSubject> audited(StoreTransaction tx, DeclareField p, CommandContext x, Decision d) {
                return List.of(AuditSubject.settings(AuditTrail.CUSTOMER_SETTINGS, PROGRAM));
            }

            @Override
            public List<Object> facts(StoreTransaction tx, DeclareField p, CommandContext x, Map<AccountKey, Account> a) {
                CustomFieldType before = CustomFields.declared(tx).get(p.name());
                String key = CustomerProfile.FIELD_PREFIX + p.name();
                long holders = tx.customers().all().stream().filter(c -> c.attributes().containsKey(key)).count();
                return List.of(new CustomerFieldDeclaration(p.name(), p.type().name(),
                        before == null ? null : before.name(), holders));
            }

            @Override
            public void record(StoreTransaction tx, DeclareField p, CommandContext x, Decision d, Applied applied) {
                Map<String, String> settings = new TreeMap<>(tx.settings().of(PROGRAM));
                settings.put(CustomerProfile.FIELD_PREFIX + p.name(), p.type().name());
                tx.settings().put(PROGRAM, settings);
            }
        });
    }

    /**
     * Imports customers from a UTF-8 CSV file, with or without a byte-order mark (SPEC CU-3).
     *
     * @see #importCsv(CommandContext, Reader, ImportOptions)
     */
    public ImportSummary importCsv(CommandContext ctx, InputStream csv, ImportOptions options) {
        Checks.notNull(csv, "import file");
        return importCsv(ctx, new InputStreamReader(csv, StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)), options);
    }

    /**
     * Imports customers from CSV text (SPEC CU-3): the first line names the columns (see the columns
     * of {@code CustomerCsv}: {@code number}, {@code name}, {@code email}, ..., {@code field.<name>});
     * only {@code name} is required. A row whose number is already known updates that customer or is
     * ignored, as {@code options} say; an update writes the row's non-blank cells over the stored data
     * and keeps what the row leaves blank (the seed's "aanvullen": complete, not wipe); a row without a
     * number always creates a customer; a number that
     * appears twice in one file is refused on its later lines ({@code DUPLICATE_NUMBER_IN_FILE}), since
     * the file itself does not say which line is meant. Each bad row is reported with its line and
     * reason and nothing of it is written; the other rows go on. That holds for every typed refusal of a
     * row: a value the profile refuses, a cell holding a control character (NUL, ESC, ...), a rule's
     * rejection, a store failure that rolled the row back ({@code STORE_FAILED}); a row whose commit reply
     * was lost is submitted again under its own key, which settles whether it was written. An import
     * never stops half-way.
     *
     * <p><b>How it rides the command path.</b> Each row is one command through the pipeline, under the
     * key {@code <import key>#<line>}. That gives every row its own transaction, so a bad row can never
     * leave half a customer or undo its neighbours; it gives every row its own rule decision and stored
     * outcome; and it makes a re-run of the same import under the same key a replay that changes
     * nothing and reports the same summary, while a new key re-applies the file (with
     * {@link ImportOptions.Duplicates#UPDATE} the customers end up the same as after one run, except
     * that rows without a number create again, as the seed says they must). One command for the whole
     * file was the alternative: it would make a file all-or-nothing, which the seed rules out (a bad row
     * must not stop the others), and a 100,000-row decision would be one huge outcome. Per-row commands
     * through Drools measured 100,000 rows in 5.5 s of CPU time (about 18,000 rows per CPU-second; 57 s
     * wall time on a 2-core machine shared with a load average of 18), so batching rows into one
     * evaluation was not needed. A file-level fault (no header, unknown or
     * repeated column, not UTF-8) is a typed error before any row is imported.
     *
     * <p>With a dry-run context every row is decided and nothing is written; since each row is
     * previewed on its own, a dry run does not see customers that earlier rows of the same file
     * would create.
     *
     * @throws InvalidValueException when the file as a whole cannot be imported
     */
    public ImportSummary importCsv(CommandContext ctx, Reader csv, ImportOptions options) {
        Checks.notNull(ctx, "command context");
        Checks.notNull(csv, "import file");
        Checks.notNull(options, "import options");
        if (ctx.key().value().length() > MAX_IMPORT_KEY) {
            throw new InvalidValueException("an import key may have at most " + MAX_IMPORT_KEY
                    + " characters (each row's key adds #<line>), was " + ctx.key().value().length());
        }
        CustomerCsv.Parsed parsed = CustomerCsv.read(readAll(csv), options.separator());
        Map<String, CustomFieldType> declared = pipeline.store().inTransaction(ctx.tenant(), CustomFields::declared);
        List<RowRejection> rejections = new ArrayList<>(parsed.unreadable());
        Map<String, Integer> firstLines = new HashMap<>();
        Handler<ImportRow> handler = importHandler();
        int created = 0;
        int updated = 0;
        int ignored = 0;
        for (CustomerCsv.Row row : parsed.rows()) {
            CommandContext rowCtx = new CommandContext(ctx.tenant(), ctx.actor(),
                    IdempotencyKey.of(ctx.key().value() + "#" + row.line()), ctx.businessDate(), ctx.dryRun());
            Outcome o;
            try {
                CustomerProfile profile = CustomFields.check(CustomerCsv.profile(row), declared);
                Integer first = profile.number() == null ? null : firstLines.putIfAbsent(profile.number(), row.line());
                o = executeRow(rowCtx, new ImportRow(row.line(), options.duplicates(), profile,
                        CustomerCsv.given(row), first == null ? 0 : first), handler);
            } catch (IdempotencyConflictException e) {
                rejections.add(new RowRejection(row.line(), "IMPORT_KEY_REUSED", "line " + row.line()
                        + ": this import key was used before for a different file; import under a new key"));
                continue;
            } catch (StoreException e) {
                // Typed store failures (and, for a lost commit reply, after ROW_ATTEMPTS tries) concern this
                // row only: its transaction is gone, the rows before it are committed, the rest go on.
                rejections.add(new RowRejection(row.line(), e.code(), "line " + row.line() + ": " + e.getMessage()
                        + (e.outcomeUnknown() ? "; import the file again under the same key to settle this row"
                                : "; nothing of this row was written, import it again")));
                continue;
            } catch (LoyaltyException e) {
                // Any other typed refusal (a value type, a store's own input check, a rule fault) is a
                // rejected row with its line; only untyped programming errors stop the import.
                rejections.add(new RowRejection(row.line(), e.code(), "line " + row.line() + ": " + e.getMessage()));
                continue;
            }
            if (o.rejected()) {
                rejections.add(new RowRejection(row.line(), o.rejections().get(0).code(), o.rejections().get(0).message()));
                continue;
            }
            switch (o.values().getOrDefault("action", "")) {
                case "created" -> created++;
                case "updated" -> updated++;
                case "ignored" -> ignored++;
                default -> throw new RuleFailedException(o.ruleSet(), o.ruleVersion(), String.join(", ",
                        o.rulesFired()), "the rules decided no action for import line " + row.line());
            }
        }
        rejections.sort(Comparator.comparingInt(RowRejection::line));
        return new ImportSummary(created, updated, ignored, rejections.size(), rejections);
    }

    /** How often a row whose commit reply was lost is submitted again under its key before it is reported. */
    private static final int ROW_ATTEMPTS = 3;

    /**
     * One row through the pipeline. When the store lost the reply to the commit, the row may or may not
     * have been written; the same command under the same key settles it (the stored outcome if it was
     * written, a first application if not), so the summary never reports a written row as rejected.
     */
    private Outcome executeRow(CommandContext rowCtx, ImportRow row, Handler<ImportRow> handler) {
        for (int attempt = 1; ; attempt++) {
            try {
                return pipeline.execute(rowCtx, row, handler);
            } catch (StoreException e) {
                if (!e.outcomeUnknown() || attempt == ROW_ATTEMPTS) {
                    throw e;
                }
            }
        }
    }

    private Handler<ImportRow> importHandler() {
        return new Handler<>("import-row", Permission.of(IMPORT_PERMISSION)) {
            @Override
            public List<AuditSubject> audited(StoreTransaction tx, ImportRow p, CommandContext x, Decision d) {
                return changed("created".equals(d.valueOf("action")) ? newId(x) : d.valueOf("customerId"));
            }

            @Override
            public List<Object> facts(StoreTransaction tx, ImportRow p, CommandContext x, Map<AccountKey, Account> a) {
                CustomFields.check(p.profile(), CustomFields.declared(tx));
                String existing = p.profile().number() == null ? null
                        : tx.customers().findByNumber(p.profile().number()).map(Customer::id).orElse(null);
                return List.of(new CustomerImportRow(p.line(), p.mode().name(), p.profile().number(), existing, newId(x),
                        p.firstLineWithNumber()));
            }

            @Override
            public void record(StoreTransaction tx, ImportRow p, CommandContext x, Decision d, Applied applied) {
                String action = d.valueOf("action");
                if ("created".equals(action)) {
                    insert(tx, x, p.profile(), newId(x));
                } else if ("updated".equals(action)) {
                    String id = d.valueOf("customerId");
                    CustomerProfile merged = CustomerCsv.merge(CustomerProfile.of(customer(tx, id)), p.line(), p.cells());
                    tx.customers().save(CustomFields.check(merged, CustomFields.declared(tx)).toCustomer(id));
                }
            }
        };
    }

    /**
     * Receives a webshop order (SPEC CU-4, CU-5): an order naming a known customer number is linked to
     * that customer; otherwise a customer is created from the buyer's details in the order. The
     * customer's own discount (and the programs' discounts the order carries, combined as the rules
     * say) is applied to each line. Outcome values: {@code customerId}, {@code customerAction}
     * ({@code linked} or {@code created}), {@code discountPercent}, {@code discountSource},
     * {@code discount} (the order's total discount) and {@code discount.<lineId>}.
     */
    public Outcome receiveOrder(CommandContext ctx, WebshopOrder order) {
        Checks.notNull(order, "order");
        if (order.buyer() != null && order.buyer().discount().signum() > 0) {
            // A webshop sends who bought, not what they are owed: the customer's discount is master data,
            // set only by a user who may change customers (customers.write).
            throw new InvalidValueException("order " + order.orderId() + " gives its buyer a discount of "
                    + order.buyer().discount().toPlainString() + "%; an order cannot set a customer's discount,"
                    + " send the buyer without it and set the discount with update (permission " + WRITE_PERMISSION + ")");
        }
        return pipeline.execute(ctx, order, new Handler<>("receive-order", Permission.none()) {
            @Override
            public Permission permission(WebshopOrder o) {
                // A program's discount on the order is a percentage the caller asserts, so it takes the
                // right to set discounts; a plain order is the webshop's ordinary work.
                return o.programDiscounts().isEmpty() ? permission() : Permission.of(WRITE_PERMISSION);
            }

            @Override
            public List<AuditSubject> audited(StoreTransaction tx, WebshopOrder o, CommandContext x, Decision d) {
                return changed(d.valueOf("customerId"));
            }

            @Override
            public List<Object> facts(StoreTransaction tx, WebshopOrder o, CommandContext x, Map<AccountKey, Account> a) {
                if (o.buyer() != null) {
                    CustomFields.check(o.buyer(), CustomFields.declared(tx));
                }
                Optional<Customer> known = o.customerNumber() == null ? Optional.empty()
                        : tx.customers().findByNumber(o.customerNumber());
                List<Object> facts = new ArrayList<>();
                facts.add(new CustomerOrder(o.orderId(), o.customerNumber(), known.map(Customer::id).orElse(null),
                        newId(x), o.buyer() != null, tx.documents().find(ORDER, o.orderId()).isPresent(),
                        Math.max(0, o.currency().getDefaultFractionDigits())));
                for (WebshopOrder.Line l : o.lines()) {
                    facts.add(new CustomerOrderLine(o.orderId(), l.lineId(), l.amount()));
                }
                known.map(CustomerProfile::of).filter(p -> p.discount().signum() > 0)
                        .ifPresent(p -> facts.add(new CustomerDiscount(known.get().id(), p.discount())));
                o.programDiscounts().forEach((program, percent) -> facts.add(new CustomerProgramDiscount(program, percent)));
                return facts;
            }

            @Override
            public void record(StoreTransaction tx, WebshopOrder o, CommandContext x, Decision d, Applied applied) {
                String customerId = d.valueOf("customerId");
                if ("created".equals(d.valueOf("customerAction"))) {
                    insert(tx, x, o.buyer().toBuilder().number(o.customerNumber()).build(), customerId);
                }
                List<DocumentLine> lines = new ArrayList<>();
                for (WebshopOrder.Line l : o.lines()) {
                    String discount = d.valueOf("discount." + l.lineId());
                    lines.add(new DocumentLine(l.lineId(), l.product(), l.quantity(), l.amount(),
                            Map.of("discount", discount == null ? "0" : discount)));
                }
                Map<String, String> attributes = new TreeMap<>();
                attributes.put("discountPercent", d.values().getOrDefault("discountPercent", "0"));
                if (d.valueOf("discountSource") != null) {
                    attributes.put("discountSource", d.valueOf("discountSource"));
                }
                tx.documents().save(new Document(ORDER, o.orderId(), customerId, "RECEIVED", x.businessDate(),
                        o.currency().getCurrencyCode(), attributes, lines, 0));
            }
        });
    }

    // ------------------------------------------------------------------ reads

    public Optional<RegisteredCustomer> find(TenantId tenant, String customerId) {
        return pipeline.store().inTransaction(tenant, tx -> tx.customers().find(customerId).map(CustomerRegistry::view));
    }

    public Optional<RegisteredCustomer> findByNumber(TenantId tenant, String number) {
        return pipeline.store().inTransaction(tenant, tx -> tx.customers().findByNumber(number).map(CustomerRegistry::view));
    }

    /** Every customer of the tenant. */
    public List<RegisteredCustomer> all(TenantId tenant) {
        return pipeline.store().inTransaction(tenant, tx -> tx.customers().all().stream().map(CustomerRegistry::view).toList());
    }

    /**
     * Writes every customer of the tenant as CSV in the import's format (SPEC X-12): the columns of the
     * import, then a {@code field.<name>} column for each declared custom field; {@code ;} separated,
     * quoted where needed. Edit it and import it back with {@link ImportOptions#updating()} to change
     * customers in bulk (customers without a number would be created again; give them numbers first).
     */
    public void exportCsv(TenantId tenant, java.io.Writer out) {
        Checks.notNull(out, "writer");
        List<String> fields = new ArrayList<>();
        List<CustomerProfile> profiles = pipeline.store().inTransaction(tenant, tx -> {
            CustomFields.declared(tx).keySet().forEach(f -> fields.add(CustomerProfile.FIELD_PREFIX + f));
            return tx.customers().all().stream().map(CustomerProfile::of).toList();
        });
        CustomerCsv.write(profiles, fields, out);
    }

    /** The declared custom fields and their types. */
    public Map<String, CustomFieldType> customFields(TenantId tenant) {
        return pipeline.store().inTransaction(tenant, CustomFields::declared);
    }

    /** A received webshop order with its discounts. */
    public Optional<ReceivedOrder> order(TenantId tenant, String orderId) {
        return pipeline.store().inTransaction(tenant, tx -> tx.documents().find(ORDER, orderId).map(CustomerRegistry::order));
    }

    /** Every webshop order of one customer, by date then order id (the seed's "per klant alle bestellingen"). */
    public List<ReceivedOrder> orders(TenantId tenant, String customerId) {
        return pipeline.store().inTransaction(tenant, tx -> tx.documents().list(ORDER, customerId).stream()
                .map(CustomerRegistry::order).toList());
    }

    // ------------------------------------------------------------------ helpers

    /** The customer a command may have created or changed, for the audit trail. */
    private static List<AuditSubject> changed(String customerId) {
        return customerId == null ? List.of() : List.of(AuditSubject.customer(AuditTrail.CUSTOMER, customerId));
    }

    private static ReceivedOrder order(Document doc) {
        return new ReceivedOrder(doc.id(), doc.owner(), new BigDecimal(doc.attribute("discountPercent").orElse("0")),
                doc.attribute("discountSource").orElse(null), doc.lines().stream().map(l -> new ReceivedOrder.Line(
                        l.lineId(), l.product(), l.amount(), new BigDecimal(l.attribute("discount").orElse("0")))).toList());
    }

    private static RegisteredCustomer view(Customer c) {
        return new RegisteredCustomer(c.id(), CustomerProfile.of(c));
    }

    /** The id a customer created by this command gets: derived from the key, so retries and previews agree. */
    static String newId(CommandContext ctx) {
        return UUID.nameUUIDFromBytes(("customer\n" + ctx.key().value()).getBytes(StandardCharsets.UTF_8)).toString();
    }

    private static CustomerSave save(String action, String id, CustomerProfile profile, StoreTransaction tx) {
        String holder = profile.number() == null ? null
                : tx.customers().findByNumber(profile.number()).map(Customer::id).orElse(null);
        return new CustomerSave(action, id, profile.number(), holder);
    }

    private static Customer customer(StoreTransaction tx, String id) {
        return tx.customers().find(id).orElseThrow(() -> new NoSuchEntityException("customer", id));
    }

    private void insert(StoreTransaction tx, CommandContext ctx, CustomerProfile profile, String id) {
        Customer created = CustomFields.check(profile, CustomFields.declared(tx)).toCustomer(id);
        tx.customers().save(created);
        pipeline.applyNewCustomerDefaults(tx, created, ctx);
    }

    private static String readAll(Reader in) {
        StringBuilder sb = new StringBuilder();
        char[] buf = new char[8192];
        try (Reader r = in) {
            for (int n; (n = r.read(buf)) > 0; ) {
                sb.append(buf, 0, n);
            }
        } catch (CharacterCodingException e) {
            throw new InvalidValueException("the import file is not UTF-8 text; save it as CSV UTF-8 and try again");
        } catch (IOException e) {
            throw new IoFailedException("reading the import file", e);
        } catch (UncheckedIOException e) {
            // Readers over streams (Files.lines, BufferedReader.lines wrappers) report I/O failures unchecked.
            throw new IoFailedException("reading the import file", e.getCause());
        }
        return sb.toString();
    }

    /** A customers command: no accounts, decided by the {@code customers} rule set. */
    private abstract static class Handler<P> extends ProgramCommand<P> {
        Handler(String name, Permission permission) {
            super(PROGRAM, name, permission);
        }
    }
}

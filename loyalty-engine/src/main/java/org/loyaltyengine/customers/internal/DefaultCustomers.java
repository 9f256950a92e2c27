package org.loyaltyengine.customers.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import org.loyaltyengine.CommandContext;
import org.loyaltyengine.IdempotencyConflictException;
import org.loyaltyengine.IoFailedException;
import org.loyaltyengine.RuleFailedException;
import org.loyaltyengine.customers.CustomFieldType;
import org.loyaltyengine.customers.CustomerProfile;
import org.loyaltyengine.customers.CustomerRequests;
import org.loyaltyengine.customers.Customers;
import org.loyaltyengine.customers.ImportOptions;
import org.loyaltyengine.customers.ImportSummary.RowRejection;
import org.loyaltyengine.customers.ImportSummary;
import org.loyaltyengine.customers.ReceivedOrder;
import org.loyaltyengine.customers.RegisteredCustomer;
import org.loyaltyengine.customers.WebshopOrder;
import org.loyaltyengine.internal.CommandPipeline;
import org.loyaltyengine.internal.CommandRequests;
import org.loyaltyengine.internal.StoreView;
import org.loyaltyengine.rules.facts.CustomerRowImported;
import org.loyaltyengine.spi.Checks;
import org.loyaltyengine.spi.Customer;
import org.loyaltyengine.spi.IdempotencyKey;
import org.loyaltyengine.spi.InvalidValueException;
import org.loyaltyengine.spi.LoyaltyException;
import org.loyaltyengine.spi.Outcome;
import org.loyaltyengine.spi.StoreException;
import org.loyaltyengine.spi.TenantId;

/**
 * The customers program as {@code LoyaltyEngine} builds it: each command is one class run through
 * {@link CommandPipeline#run}; what is left here is checking arguments, cutting an import file into
 * row commands, and read-only queries and exports. Not a supported API: hosts use {@link Customers}.
 */
public final class DefaultCustomers implements Customers {
    /** Leaves room for {@code #<line>} within the 200 characters of an idempotency key. */
    static final int MAX_IMPORT_KEY = 190;
    /** How often a row whose commit reply was lost is submitted again under its key before it is reported. */
    private static final int ROW_ATTEMPTS = 3;
    /** How often a row whose number changed hands meanwhile is submitted again before it is reported. */
    private static final int MOVED_ATTEMPTS = 5;

    private final CommandPipeline pipeline;
    private final UpdateCustomer update = new UpdateCustomer();
    private final DeclareCustomField declareField = new DeclareCustomField();
    private final ConfigureCustomers configure = new ConfigureCustomers();

    public DefaultCustomers(CommandPipeline pipeline) {
        this.pipeline = Checks.notNull(pipeline, "pipeline");
        // What reads a logged request back and runs it again (SPEC X-11): each command with the request it
        // takes; those built per call by the names they run under, run as the facade runs them.
        CommandRequests requests = pipeline.requests();
        requests.register(CreateCustomer.NAME, CustomerRequests.Create.class, this::create);
        requests.register(update, CustomerRequests.Update.class);
        requests.register(declareField, CustomerRequests.DeclareField.class);
        requests.register(configure, CustomerRequests.Configure.class);
        // A row runs again as the import ran it, expecting the holder it expected then.
        requests.register(ImportCustomerRow.NAME, ImportRow.class, (ctx, row) -> pipeline.run(ctx, row,
                new ImportCustomerRow(newCustomers(), pipeline.rules())));
        requests.register(ReceiveOrder.NAME, WebshopOrder.class, this::receiveOrder);
    }

    /** The programs' new-customer defaults as registered now, for one command run. */
    private NewCustomers newCustomers() {
        return new NewCustomers(pipeline.newCustomerHooks());
    }

    // ------------------------------------------------------------------ commands

    @Override
    public Outcome create(CommandContext ctx, CustomerProfile profile) {
        return create(ctx, CustomerRequests.Create.of(profile));
    }

    @Override
    public Outcome create(CommandContext ctx, CustomerRequests.Create request) {
        return pipeline.run(ctx, request, new CreateCustomer(newCustomers()));
    }

    @Override
    public Outcome update(CommandContext ctx, String customerId, CustomerProfile profile) {
        return pipeline.run(ctx, new CustomerRequests.Update(customerId, profile), update);
    }

    @Override
    public Outcome declareField(CommandContext ctx, String name, CustomFieldType type) {
        return pipeline.run(ctx, new CustomerRequests.DeclareField(name, type), declareField);
    }

    @Override
    public Outcome configure(CommandContext ctx, CustomerRequests.Configure settings) {
        Checks.notNull(settings, "customers settings");
        return pipeline.run(ctx, settings, configure);
    }

    @Override
    public ImportSummary importCsv(CommandContext ctx, InputStream csv, ImportOptions options) {
        Checks.notNull(csv, "import file");
        return importCsv(ctx, new InputStreamReader(csv, StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)), options);
    }

    /**
     * {@inheritDoc}
     *
     * <p><b>How it rides the command path.</b> Each row is one command ({@link ImportCustomerRow}) under
     * the key {@code <import key>#<line>}. One command for the whole file was the alternative: it would
     * make a file all-or-nothing, which the seed rules out (a bad row must not stop the others), and a
     * 100,000-row decision would be one huge outcome. Per-row commands through Drools measured 100,000
     * rows in 5.5 s of CPU time (about 18,000 rows per CPU-second; 57 s wall time on a 2-core machine
     * shared with a load average of 18), so batching rows into one evaluation was not needed.
     *
     * <p>Before the rows, one read-only transaction reads the custom field declarations (to report a bad
     * value with its line without a command) and, for an import that updates, the customer holding each
     * number of the file, so that each row locks that customer with its number; a row that finds its
     * number changed hands meanwhile is submitted again with the holder it found.
     */
    @Override
    public ImportSummary importCsv(CommandContext ctx, Reader csv, ImportOptions options) {
        Checks.notNull(ctx, "command context");
        Checks.notNull(csv, "import file");
        Checks.notNull(options, "import options");
        if (ctx.key().value().length() > MAX_IMPORT_KEY) {
            throw new InvalidValueException("an import key may have at most " + MAX_IMPORT_KEY
                    + " characters (each row's key adds #<line>), was " + ctx.key().value().length());
        }
        CustomerCsv.Parsed parsed = CustomerCsv.read(readAll(csv), options.separator());
        // Each row's profile first, outside any transaction: a row the profile refuses is reported with its
        // line in file order below, and only the numbers of valid rows are looked up.
        List<Object> profiles = new ArrayList<>();
        for (CustomerCsv.Row row : parsed.rows()) {
            try {
                profiles.add(CustomerCsv.profile(row));
            } catch (LoyaltyException refused) {
                profiles.add(refused);
            }
        }
        boolean updating = options.duplicates() == ImportOptions.Duplicates.UPDATE;
        Map<String, String> holders = new HashMap<>();
        Map<String, CustomFieldType> declared = read(ctx.tenant(), view -> {
            for (Object p : updating ? profiles : List.of()) {
                if (p instanceof CustomerProfile profile && profile.number() != null) {
                    holders.computeIfAbsent(profile.number(), n -> lookUp(view, n));
                }
            }
            return CustomFields.declared(view);
        });
        List<RowRejection> rejections = new ArrayList<>(parsed.unreadable());
        Map<String, Integer> firstLines = new HashMap<>();
        ImportCustomerRow command = new ImportCustomerRow(newCustomers(), pipeline.rules());
        int created = 0;
        int updated = 0;
        int ignored = 0;
        for (int i = 0; i < parsed.rows().size(); i++) {
            CustomerCsv.Row row = parsed.rows().get(i);
            CommandContext rowCtx = new CommandContext(ctx.tenant(), ctx.actor(),
                    IdempotencyKey.of(ctx.key().value() + "#" + row.line()), ctx.businessDate(), ctx.dryRun());
            Outcome o;
            try {
                if (profiles.get(i) instanceof LoyaltyException refused) {
                    throw refused;
                }
                CustomerProfile profile = CustomFields.check((CustomerProfile) profiles.get(i), declared);
                Integer first = profile.number() == null ? null : firstLines.putIfAbsent(profile.number(), row.line());
                ImportRow request = new ImportRow(row.line(), options.duplicates(), profile, CustomerCsv.named(row),
                        CustomerCsv.given(row), first == null ? 0 : first, null);
                o = submitRow(rowCtx, request.mayUpdate() ? request.expecting(holders.get(profile.number())) : request,
                        command);
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
            CustomerRowImported.Action action = o.result(CustomerRowImported.class).map(CustomerRowImported::action)
                    .orElseThrow(() -> new RuleFailedException(o.ruleSet(), o.ruleVersion(), String.join(", ",
                            o.rulesFired()), "the rules decided no action for import line " + row.line()));
            switch (action) {
                case CREATED -> created++;
                case UPDATED -> updated++;
                case IGNORED -> ignored++;
            }
        }
        rejections.sort(Comparator.comparingInt(RowRejection::line));
        return new ImportSummary(created, updated, ignored, rejections.size(), rejections);
    }

    /**
     * One row through the pipeline. When its number changed hands since it was looked up, the row is
     * submitted again expecting the holder it found (nothing of it was written or stored). When the store
     * lost the reply to the commit, the row may or may not have been written; the same command under the
     * same key settles it (the stored outcome if it was written, a first application if not), so the
     * summary never reports a written row as rejected.
     */
    private Outcome submitRow(CommandContext rowCtx, ImportRow row, ImportCustomerRow command) {
        ImportRow request = row;
        int lost = 0;
        int moved = 0;
        while (true) {
            try {
                return pipeline.run(rowCtx, request, command);
            } catch (NumberMovedException e) {
                if (++moved == MOVED_ATTEMPTS) {
                    throw e;
                }
                request = request.expecting(e.holder());
            } catch (StoreException e) {
                if (!e.outcomeUnknown() || ++lost == ROW_ATTEMPTS) {
                    throw e;
                }
            }
        }
    }

    @Override
    public Outcome receiveOrder(CommandContext ctx, WebshopOrder order) {
        Checks.notNull(order, "order");
        ReceiveOrder.refuseBuyerDiscount(order);
        return pipeline.run(ctx, order, new ReceiveOrder(newCustomers(), pipeline.rules()));
    }

    // ------------------------------------------------------------------ reads

    @Override
    public Optional<RegisteredCustomer> find(TenantId tenant, String customerId) {
        return read(tenant, view -> view.customer(customerId).map(DefaultCustomers::view));
    }

    @Override
    public Optional<RegisteredCustomer> findByNumber(TenantId tenant, String number) {
        return read(tenant, view -> view.customerByNumber(number).map(DefaultCustomers::view));
    }

    @Override
    public List<RegisteredCustomer> all(TenantId tenant) {
        return read(tenant, view -> view.customers().stream().map(DefaultCustomers::view).toList());
    }

    @Override
    public void exportCsv(TenantId tenant, Writer out) {
        Checks.notNull(out, "writer");
        List<String> fields = new ArrayList<>();
        List<CustomerProfile> profiles = read(tenant, view -> {
            CustomFields.declared(view).keySet().forEach(f -> fields.add(CustomerProfile.FIELD_PREFIX + f));
            return view.customers().stream().map(CustomerProfile::of).toList();
        });
        CustomerCsv.write(profiles, fields, out);
    }

    @Override
    public Map<String, CustomFieldType> customFields(TenantId tenant) {
        return read(tenant, CustomFields::declared);
    }

    @Override
    public CustomerRequests.Configure settings(TenantId tenant, java.time.LocalDate businessDate) {
        Checks.date(businessDate, "business date");
        return read(tenant, view -> CustomerSettings.of(view.settings(PROGRAM), pipeline.rules(), businessDate));
    }

    @Override
    public Optional<ReceivedOrder> order(TenantId tenant, String orderId) {
        return read(tenant, view -> view.document(ReceiveOrder.ORDER, orderId).map(ReceiveOrder::view));
    }

    @Override
    public List<ReceivedOrder> orders(TenantId tenant, String customerId) {
        return read(tenant, view -> view.documents(ReceiveOrder.ORDER, customerId).stream().map(ReceiveOrder::view)
                .toList());
    }

    // ------------------------------------------------------------------ helpers

    /** A read-only look at the tenant, outside any command. */
    private <T> T read(TenantId tenant, Function<StoreView, T> query) {
        return pipeline.store().inTransaction(tenant, tx -> query.apply(StoreView.of(tx)));
    }

    private static String lookUp(StoreView view, String number) {
        return view.customerByNumber(number).map(Customer::id).orElse(null);
    }

    private static RegisteredCustomer view(Customer c) {
        return new RegisteredCustomer(c.id(), CustomerProfile.of(c));
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
}

package org.loyaltyengine.points;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import org.loyaltyengine.AuditTrail;
import org.loyaltyengine.CommandContext;
import org.loyaltyengine.NoSuchEntityException;
import org.loyaltyengine.internal.Applied;
import org.loyaltyengine.internal.AuditSubject;
import org.loyaltyengine.internal.CommandPipeline;
import org.loyaltyengine.internal.Permission;
import org.loyaltyengine.internal.ProgramCommand;
import org.loyaltyengine.points.PointsRequests.Booking;
import org.loyaltyengine.points.PointsRequests.Cancellation;
import org.loyaltyengine.points.PointsRequests.ExpireYear;
import org.loyaltyengine.points.PointsRequests.ManualEntry;
import org.loyaltyengine.points.PointsRequests.MoneyPayment;
import org.loyaltyengine.points.PointsRequests.Participation;
import org.loyaltyengine.points.PointsRequests.PointsPayment;
import org.loyaltyengine.points.PointsRequests.PriceChange;
import org.loyaltyengine.points.PointsRequests.Service;
import org.loyaltyengine.points.PointsRequests.Supplier;
import org.loyaltyengine.rules.facts.Decision;
import org.loyaltyengine.rules.facts.PointsBook;
import org.loyaltyengine.rules.facts.PointsBooking;
import org.loyaltyengine.rules.facts.PointsCancel;
import org.loyaltyengine.rules.facts.PointsCurrencyChange;
import org.loyaltyengine.rules.facts.PointsCustomer;
import org.loyaltyengine.rules.facts.PointsExpiry;
import org.loyaltyengine.rules.facts.PointsExpiryCandidate;
import org.loyaltyengine.rules.facts.PointsLine;
import org.loyaltyengine.rules.facts.PointsManualEntry;
import org.loyaltyengine.rules.facts.PointsPayMoney;
import org.loyaltyengine.rules.facts.PointsPayWithPoints;
import org.loyaltyengine.rules.facts.PointsPriceChange;
import org.loyaltyengine.rules.facts.PointsSettings;
import org.loyaltyengine.rules.facts.PointsTotalAfter;
import org.loyaltyengine.spi.Account;
import org.loyaltyengine.spi.AccountKey;
import org.loyaltyengine.spi.CurrencyMismatchException;
import org.loyaltyengine.spi.Document;
import org.loyaltyengine.spi.DocumentLine;
import org.loyaltyengine.spi.LedgerEntry;
import org.loyaltyengine.spi.Money;
import org.loyaltyengine.spi.Outcome;
import org.loyaltyengine.spi.StoreTransaction;
import org.loyaltyengine.spi.TenantId;
import org.loyaltyengine.spi.Unit;

/**
 * The savings points of a travel agency (seed 001, SPEC SP-1..SP-19, X-13), a facade over the command
 * pipeline: every state-changing call is a command with an idempotency key, decided by the
 * {@code savings-points} rule set, and returns an {@link Outcome}. Reads (bookings, analysis, the monthly
 * list, accounting, CSV) take no key.
 *
 * <p>A customer's points live in one account, {@code (customer id, "savings-points", points)}, opened
 * without a floor because with the payment cap left empty a customer who saved points may go negative;
 * the rules decide when that is allowed. Bookings (dossiers), suppliers and customers' participation are
 * program documents; the settings are the program's stored settings, given to the rules as one fact.
 *
 * <p>Permission {@value #ADMIN_PERMISSION} guards the points administration: settings, suppliers,
 * participation and manual entries. Every ledger entry and booking records the acting user.
 */
public final class SavingsPoints {
    /** The rule set and account program name. */
    public static final String PROGRAM = "savings-points";
    /** The permission an employee needs for the points administration (SPEC SP-7, SP-19). */
    public static final String ADMIN_PERMISSION = "points-admin";
    private static final Permission ADMIN = Permission.of(ADMIN_PERMISSION);
    static final String BOOKING = "points-booking";
    static final String SUPPLIER = "points-supplier";
    static final String PARTICIPANT = "points-participant";
    static final String RATE = "points-rate";
    static final String EXPIRY_DOCUMENT = "expiry-";

    private final CommandPipeline pipeline;
    private final PointsReports reports;

    public SavingsPoints(CommandPipeline pipeline) {
        this.pipeline = pipeline;
        this.reports = new PointsReports(pipeline.store());
    }

    /** The points account of a customer. */
    public static AccountKey accountOf(String customerId) {
        return new AccountKey(customerId, PROGRAM, Unit.points());
    }

    // ------------------------------------------------------------------ administration

    /** The agency's points settings as stored; change some with {@code settings(t).with(Map.of(...))}. */
    public PointsSettings settings(TenantId tenant) {
        return pipeline.store().inTransaction(tenant, SavingsPoints::settings);
    }

    /**
     * Replaces the agency's points settings as a whole (administration permission). A change of the point
     * value is kept with its business date for the accounting report.
     */
    public Outcome configure(CommandContext ctx, PointsSettings settings) {
        return pipeline.execute(ctx, settings, new Handler<>("configure", ADMIN) {
            @Override
            public List<AuditSubject> audited(StoreTransaction tx, PointsSettings s, CommandContext x, Decision d) {
                return List.of(AuditSubject.settings(AuditTrail.POINTS_SETTINGS, PROGRAM));
            }

            @Override
            public List<Object> facts(StoreTransaction tx, PointsSettings s, CommandContext x, Map<AccountKey, Account> a) {
                String current = settings(tx).currency();
                if (current.equals(s.currency())) {
                    return List.of(s);
                }
                return List.of(s, new PointsCurrencyChange(current, s.currency(),
                        tx.documents().list(BOOKING, null).size(), tx.accounts().ofProgram(PROGRAM).size()));
            }

            @Override
            public void record(StoreTransaction tx, PointsSettings s, CommandContext x, Decision d, Applied applied) {
                PointsSettings before = settings(tx);
                Map<String, String> stored = new HashMap<>(s.toMap());
                stored.put(PointsSettings.CHANGED_BY, x.actor().user() + " on " + x.businessDate());
                tx.settings().put(PROGRAM, stored);
                if (before.pointValue().compareTo(s.pointValue()) != 0) {
                    // Kept with its date so the accounting report values each entry at the rate of its day.
                    Document rate = new Document(RATE, x.businessDate().toString(), null, "IN_FORCE", x.businessDate(),
                            null, Map.of("pointValue", s.pointValue().toPlainString(), "user", x.actor().user()),
                            List.of(), 0);
                    tx.documents().save(tx.documents().find(RATE, rate.id())
                            .map(old -> withVersion(rate, old.version())).orElse(rate));
                }
            }
        });
    }

    /** Creates or changes a tour operator: enabled for points, its rate and its product-type structure. */
    public Outcome defineSupplier(CommandContext ctx, Supplier supplier) {
        return pipeline.execute(ctx, supplier, new Handler<>("define-supplier", ADMIN) {
            @Override
            public List<AuditSubject> audited(StoreTransaction tx, Supplier s, CommandContext x, Decision d) {
                return List.of(AuditSubject.document(AuditTrail.POINTS_SUPPLIER, SUPPLIER, s.code()));
            }

            @Override
            public List<Object> facts(StoreTransaction tx, Supplier s, CommandContext x, Map<AccountKey, Account> a) {
                return List.of();
            }

            @Override
            public void record(StoreTransaction tx, Supplier s, CommandContext x, Decision d, Applied applied) {
                Map<String, String> attributes = new HashMap<>();
                if (s.rate() != null) {
                    attributes.put("rate", s.rate().toPlainString());
                }
                s.productRates().forEach((type, rate) -> attributes.put("product." + type, rate.toPlainString()));
                attributes.put("user", x.actor().user());
                Document doc = new Document(SUPPLIER, s.code(), null, s.enabled() ? "ENABLED" : "DISABLED",
                        x.businessDate(), null, attributes, List.of(), 0);
                tx.documents().save(tx.documents().find(SUPPLIER, s.code()).map(old -> withVersion(doc, old.version()))
                        .orElse(doc));
            }
        });
    }

    /** Says whether a customer takes part in the savings plan; one who does not earns nothing (SPEC SP-7). */
    public Outcome setParticipation(CommandContext ctx, Participation participation) {
        return pipeline.execute(ctx, participation, new Handler<>("set-participation", ADMIN) {
            @Override
            public List<AuditSubject> audited(StoreTransaction tx, Participation p, CommandContext x, Decision d) {
                return List.of(AuditSubject.document(AuditTrail.POINTS_PARTICIPATION, PARTICIPANT, p.customerId()));
            }

            @Override
            public Map<AccountKey, BigDecimal> accounts(StoreTransaction tx, Participation p, CommandContext x) {
                customer(tx, p.customerId());
                return Map.of();
            }

            @Override
            public List<Object> facts(StoreTransaction tx, Participation p, CommandContext x, Map<AccountKey, Account> a) {
                return List.of();
            }

            @Override
            public void record(StoreTransaction tx, Participation p, CommandContext x, Decision d, Applied applied) {
                Document doc = new Document(PARTICIPANT, p.customerId(), p.customerId(),
                        p.takesPart() ? "PARTICIPATING" : "OPTED_OUT", x.businessDate(), null,
                        Map.of("user", x.actor().user()), List.of(), 0);
                tx.documents().save(tx.documents().find(PARTICIPANT, p.customerId())
                        .map(old -> withVersion(doc, old.version())).orElse(doc));
            }
        });
    }

    /** A manual points entry with a note (administration permission; SPEC SP-7). */
    public Outcome manualEntry(CommandContext ctx, ManualEntry entry) {
        return pipeline.execute(ctx, entry, new CustomerHandler<>("manual-entry", ADMIN, ManualEntry::customerId) {
            @Override
            List<Object> command(StoreTransaction tx, ManualEntry p, CommandContext x) {
                return List.of(new PointsManualEntry(p.customerId(), p.points(), p.note()));
            }
        });
    }

    // ------------------------------------------------------------------ bookings

    /** Registers a booking; each service line earns its points (SPEC SP-1..SP-5, SP-7, SP-16). */
    public Outcome book(CommandContext ctx, Booking booking) {
        return pipeline.execute(ctx, booking, new CustomerHandler<>("book", Permission.none(), Booking::customerId) {
            @Override
            public Permission permission(Booking b) {
                // Points typed in by hand above zero are points created at will, as a manual entry's
                // are (seed 001 shields the points administration per employee). Negative or zero
                // points typed in at the price (the seed's "Ingave negatieve spaarpunten") take none.
                return b.services().stream().anyMatch(l -> l.points() != null && l.points().signum() > 0)
                        ? ADMIN : permission();
            }

            @Override
            void check(StoreTransaction tx, Booking b, PointsSettings s) {
                requireCurrency(s, b.currency(), "booking " + b.bookingId());
                b.services().forEach(l -> supplier(tx, l.supplier()));
            }

            @Override
            List<Object> command(StoreTransaction tx, Booking b, CommandContext x) {
                List<Object> facts = new ArrayList<>();
                facts.add(new PointsBook(b.bookingId(), b.customerId(), tx.documents().find(BOOKING, b.bookingId())
                        .isPresent()));
                for (Service l : b.services()) {
                    facts.add(lineFact(tx, b.bookingId(), l.lineId(), l.supplier(), l.productType(), l.price().amount(),
                            l.points(), BigDecimal.ZERO, BigDecimal.ZERO, false, true));
                }
                return facts;
            }

            @Override
            public void record(StoreTransaction tx, Booking b, CommandContext x, Decision d, Applied applied) {
                List<DocumentLine> lines = new ArrayList<>();
                for (Service l : b.services()) {
                    Map<String, String> attributes = new HashMap<>();
                    attributes.put("supplier", l.supplier());
                    attributes.put("points", pointsValue(d, l.lineId()));
                    if (l.points() != null) {
                        attributes.put("manualPoints", l.points().toPlainString());
                    }
                    lines.add(new DocumentLine(l.lineId(), l.productType(), BigDecimal.ONE, l.price().amount(), attributes));
                }
                tx.documents().save(new Document(BOOKING, b.bookingId(), b.customerId(), "OPEN", x.businessDate(),
                        b.currency(), Map.of("paidMoney", "0", "paidPointsValue", "0", "user", x.actor().user()), lines,
                        0));
            }
        });
    }

    /**
     * Changes a service line's price; with recalculation on its points are adjusted, never taking back points
     * that expired (SPEC SP-6, SP-14); points paid beyond the new price are given back (SPEC X-13).
     */
    public Outcome changePrice(CommandContext ctx, PriceChange change) {
        return pipeline.execute(ctx, change, new BookingHandler<>("change-price", Permission.none(), PriceChange::bookingId) {
            @Override
            void check(StoreTransaction tx, PriceChange p, Document booking, PointsSettings s) {
                requireBookingCurrency(booking, p.newPrice());
                requireCurrency(s, p.newPrice().currency().getCurrencyCode(), "the new price of " + p.lineId());
                bookingLine(booking, p.lineId());
            }

            @Override
            Optional<String> pricedLine(PriceChange p) {
                return Optional.of(p.lineId());
            }

            @Override
            BigDecimal newAmount(PriceChange p) {
                return p.newPrice().amount();
            }

            @Override
            Object command(StoreTransaction tx, PriceChange p, Document booking) {
                return new PointsPriceChange(p.bookingId(), p.lineId(), bookingLine(booking, p.lineId()).amount(),
                        p.newPrice().amount());
            }

            @Override
            Optional<BigDecimal> totalAfter(PriceChange p, Document booking) {
                return Optional.of(liveTotal(booking, p.lineId(), p.newPrice().amount()));
            }

            @Override
            Document change(Document r, PriceChange p, Decision d) {
                return withLine(lessRefunded(r, d), p.lineId(), l -> {
                    Map<String, String> attributes = new HashMap<>(l.attributes());
                    attributes.put("points", pointsValue(d, l.lineId()));
                    return new DocumentLine(l.lineId(), l.product(), l.quantity(), p.newPrice().amount(), attributes);
                });
            }
        });
    }

    /**
     * Pays part of a booking with points, with the points payment type (SPEC SP-8..SP-13, SP-15). The points it
     * takes are the amount divided by the point value, rounded up to 0.01, so they are always worth at least
     * the amount. The outcome's values {@code pointsPaid} and {@code valuePaid} say what it took.
     */
    public Outcome payWithPoints(CommandContext ctx, PointsPayment payment) {
        return pipeline.execute(ctx, payment, new BookingHandler<>("pay-with-points", Permission.none(), PointsPayment::bookingId) {
            @Override
            void check(StoreTransaction tx, PointsPayment p, Document booking, PointsSettings s) {
                requireBookingCurrency(booking, p.amount());
            }

            @Override
            Object command(StoreTransaction tx, PointsPayment p, Document booking) {
                return new PointsPayWithPoints(p.bookingId(), p.amount().amount());
            }

            @Override
            Document change(Document r, PointsPayment p, Decision d) {
                return withAttribute(r, "paidPointsValue", p.amount().amount());
            }

            @Override
            String audit(PointsPayment p, Decision d) {
                return "points " + p.amount() + " = " + d.valueOf("pointsPaid") + " points";
            }
        });
    }

    /** Records a money payment on a booking, so the booking shows money, points and the remainder (SPEC SP-8). */
    public Outcome payMoney(CommandContext ctx, MoneyPayment payment) {
        return pipeline.execute(ctx, payment, new BookingHandler<>("pay-money", Permission.none(), MoneyPayment::bookingId) {
            @Override
            void check(StoreTransaction tx, MoneyPayment p, Document booking, PointsSettings s) {
                requireBookingCurrency(booking, p.amount());
            }

            @Override
            Object command(StoreTransaction tx, MoneyPayment p, Document booking) {
                return new PointsPayMoney(p.bookingId(), p.amount().amount(), p.paymentType());
            }

            @Override
            Document change(Document r, MoneyPayment p, Decision d) {
                return withAttribute(r, "paidMoney", p.amount().amount());
            }

            @Override
            String audit(MoneyPayment p, Decision d) {
                return p.paymentType() + " " + p.amount();
            }
        });
    }

    /**
     * Cancels a service line or the whole booking (SPEC X-13): the cancelled lines' points are taken back,
     * less what of them expired, and points paid beyond the new price are given back, never more than were
     * paid, once.
     */
    public Outcome cancel(CommandContext ctx, Cancellation cancellation) {
        return pipeline.execute(ctx, cancellation, new BookingHandler<>("cancel", Permission.none(), Cancellation::bookingId) {
            @Override
            void check(StoreTransaction tx, Cancellation p, Document booking, PointsSettings s) {
                if (p.lineId() != null) {
                    bookingLine(booking, p.lineId());
                }
            }

            @Override
            Object command(StoreTransaction tx, Cancellation p, Document booking) {
                return new PointsCancel(p.bookingId(), p.lineId());
            }

            @Override
            Optional<BigDecimal> totalAfter(Cancellation p, Document booking) {
                return Optional.of(p.lineId() == null ? BigDecimal.ZERO : liveTotal(booking, p.lineId(), null));
            }

            @Override
            Document change(Document r, Cancellation p, Decision d) {
                Document changed = r;
                for (DocumentLine line : r.lines()) {
                    if (p.lineId() == null || line.lineId().equals(p.lineId())) {
                        changed = withLine(changed, line.lineId(), l -> {
                            Map<String, String> attributes = new HashMap<>(l.attributes());
                            attributes.put("cancelled", "true");
                            attributes.put("points", "0");
                            return new DocumentLine(l.lineId(), l.product(), l.quantity(), l.amount(), attributes);
                        });
                    }
                }
                changed = lessRefunded(changed, d);
                return p.lineId() == null ? withStatus(changed, "CANCELLED") : changed;
            }
        });
    }

    // ------------------------------------------------------------------ year end

    /**
     * The year-end expiry (SPEC SP-14): every customer who earned no points in {@code year} loses the
     * points still unused. Run it on or after 31 December; a second run for the same year changes nothing.
     */
    public Outcome expireYear(CommandContext ctx, ExpireYear run) {
        return pipeline.execute(ctx, run, new Handler<>("expire-year", ADMIN) {
            @Override
            public Map<AccountKey, BigDecimal> accounts(StoreTransaction tx, ExpireYear p, CommandContext x) {
                Map<AccountKey, BigDecimal> accounts = new LinkedHashMap<>();
                for (Account a : tx.accounts().ofProgram(PROGRAM)) {
                    if (a.key().unit().equals(Unit.points())) {
                        accounts.put(a.key(), null);
                    }
                }
                return accounts;
            }

            @Override
            public List<Object> facts(StoreTransaction tx, ExpireYear p, CommandContext x, Map<AccountKey, Account> a) {
                List<Object> facts = new ArrayList<>();
                facts.add(new PointsExpiry(p.year()));
                facts.add(settings(tx));
                LocalDate yearEnd = LocalDate.of(p.year(), 12, 31);
                for (AccountKey key : a.keySet().stream().sorted().toList()) {
                    List<LedgerEntry> entries = tx.ledger().entries(key);
                    facts.add(new PointsExpiryCandidate(key.owner(), key,
                            PointsLedger.sum(entries, PointsLedger.earned().and(PointsLedger.inYear(p.year()))),
                            PointsLedger.sum(entries, PointsLedger.onOrBefore(yearEnd)), a.get(key).balance(),
                            PointsLedger.sum(entries, PointsLedger.earned().and(PointsLedger.positive())
                                    .and(PointsLedger.onOrBefore(yearEnd).negate())),
                            entries.stream().anyMatch(e -> (EXPIRY_DOCUMENT + p.year()).equals(e.document()))));
                }
                return facts;
            }
        });
    }

    // ------------------------------------------------------------------ reads

    /** A booking with its lines and points column, and what was paid in money and points (SPEC SP-8, SP-16). */
    public BookingView booking(TenantId tenant, String bookingId) {
        return pipeline.store().inTransaction(tenant, tx -> BookingView.of(bookingDoc(tx, bookingId),
                tx.ledger().ofDocument(bookingId)));
    }

    /** The analysts' reports: analysis per customer and year, monthly list, accounting (SPEC SP-17, SP-18). */
    public PointsReports reports() {
        return reports;
    }

    /** The analysis of one customer per year (SPEC SP-17). */
    public PointsAnalysis analysis(TenantId tenant, String customerId) {
        return reports.analysis(tenant, customerId);
    }

    /** Every points movement of one month (SPEC SP-17: "Printen maandelijkse lijst spaarpunten"). */
    public List<PointsMovement> monthlyList(TenantId tenant, YearMonth month) {
        return reports.monthlyList(tenant, month);
    }

    // ------------------------------------------------------------------ shared by the handlers

    static PointsSettings settings(StoreTransaction tx) {
        return PointsSettings.fromMap(tx.settings().of(PROGRAM));
    }

    private static void customer(StoreTransaction tx, String customerId) {
        tx.customers().find(customerId).orElseThrow(() -> new NoSuchEntityException("customer", customerId));
    }

    private static Document supplier(StoreTransaction tx, String code) {
        return tx.documents().find(SUPPLIER, code).orElseThrow(() -> new NoSuchEntityException("supplier", code));
    }

    private static Document bookingDoc(StoreTransaction tx, String bookingId) {
        return tx.documents().find(BOOKING, bookingId).orElseThrow(() -> new NoSuchEntityException("booking", bookingId));
    }

    private static DocumentLine bookingLine(Document booking, String lineId) {
        return booking.line(lineId).orElseThrow(() -> new NoSuchEntityException("booking line",
                booking.id() + "/" + lineId));
    }

    private static void requireCurrency(PointsSettings s, String currency, String what) {
        if (!s.currency().equals(currency)) {
            throw new CurrencyMismatchException(what + " is in " + currency + " but the agency's points program works in "
                    + s.currency() + " (setting 'currency')");
        }
    }

    private static void requireBookingCurrency(Document booking, Money amount) {
        if (!amount.currency().getCurrencyCode().equals(booking.currency())) {
            throw new CurrencyMismatchException("booking " + booking.id() + " is in " + booking.currency()
                    + "; an amount of " + amount + " cannot be taken on it");
        }
    }

    static boolean isCancelled(DocumentLine l) {
        return Boolean.parseBoolean(l.attribute("cancelled").orElse("false"));
    }

    private static String pointsValue(Decision d, String lineId) {
        String v = d.valueOf("points." + lineId);
        return v == null ? "0" : v;
    }

    private static PointsLine lineFact(StoreTransaction tx, String bookingId, String lineId, String supplierCode,
                                       String productType, BigDecimal amount, BigDecimal manualPoints,
                                       BigDecimal netPoints, BigDecimal expiredPoints, boolean cancelled,
                                       boolean pricing) {
        Document supplier = supplier(tx, supplierCode);
        return new PointsLine(bookingId, lineId, supplierCode, productType, amount, manualPoints,
                "ENABLED".equals(supplier.status()), supplier.attribute("rate").map(BigDecimal::new).orElse(null),
                supplier.attribute("product." + productType).map(BigDecimal::new).orElse(null), netPoints, expiredPoints,
                cancelled, pricing);
    }

    private static PointsCustomer customerFact(StoreTransaction tx, String customerId, Account account,
                                               LocalDate businessDate) {
        return customerFact(tx, customerId, account, tx.ledger().entries(account.key()), businessDate);
    }

    /** The customer's fact from the account's entries already read (a booking command reads them once). */
    private static PointsCustomer customerFact(StoreTransaction tx, String customerId, Account account,
                                               List<LedgerEntry> entries, LocalDate businessDate) {
        int year = businessDate.getYear();
        boolean optedOut = tx.documents().find(PARTICIPANT, customerId).map(d -> "OPTED_OUT".equals(d.status()))
                .orElse(false);
        return new PointsCustomer(customerId, account.key(), account.balance(),
                PointsLedger.sum(entries, PointsLedger.earned().and(PointsLedger.inYear(year))),
                PointsLedger.sum(entries, PointsLedger.earned().and(PointsLedger.positive())
                        .and(e -> e.businessDate().getYear() < year)),
                PointsLedger.sum(entries, PointsLedger.earned().and(PointsLedger.positive())
                        .and(PointsLedger.inYear(year))), optedOut);
    }

    /** The price of the booking's live lines, without {@code lineId} or with it at {@code newAmount}. */
    private static BigDecimal liveTotal(Document booking, String lineId, BigDecimal newAmount) {
        BigDecimal total = BigDecimal.ZERO;
        for (DocumentLine l : booking.lines()) {
            if (isCancelled(l)) {
                continue;
            }
            if (!l.lineId().equals(lineId)) {
                total = total.add(l.amount());
            } else if (newAmount != null) {
                total = total.add(newAmount);
            }
        }
        return total;
    }

    private static Document lessRefunded(Document booking, Decision d) {
        String refunded = d.valueOf("valueRefunded");
        return refunded == null ? booking : withAttribute(booking, "paidPointsValue", new BigDecimal(refunded).negate());
    }

    private static Document withVersion(Document d, long version) {
        return new Document(d.type(), d.id(), d.owner(), d.status(), d.date(), d.currency(), d.attributes(), d.lines(),
                version);
    }

    private static Document withStatus(Document d, String status) {
        return new Document(d.type(), d.id(), d.owner(), status, d.date(), d.currency(), d.attributes(), d.lines(),
                d.version());
    }

    private static Document withAttribute(Document d, String name, BigDecimal add) {
        Map<String, String> attributes = new HashMap<>(d.attributes());
        attributes.put(name, new BigDecimal(attributes.getOrDefault(name, "0")).add(add).toPlainString());
        return new Document(d.type(), d.id(), d.owner(), d.status(), d.date(), d.currency(), attributes, d.lines(),
                d.version());
    }

    private static Document withLine(Document d, String lineId, Function<DocumentLine, DocumentLine> change) {
        List<DocumentLine> lines = d.lines().stream().map(l -> l.lineId().equals(lineId) ? change.apply(l) : l).toList();
        return new Document(d.type(), d.id(), d.owner(), d.status(), d.date(), d.currency(), d.attributes(), lines,
                d.version());
    }

    /** A points command without accounts unless it says so. */
    private abstract static class Handler<P> extends ProgramCommand<P> {
        Handler(String name, Permission permission) {
            super(PROGRAM, name, permission);
        }
    }

    /** A command on one customer's points: locks the account and shows the rules the customer and settings. */
    private abstract static class CustomerHandler<P> extends Handler<P> {
        private final Function<P, String> customerId;

        CustomerHandler(String name, Permission permission, Function<P, String> customerId) {
            super(name, permission);
            this.customerId = customerId;
        }

        /** Typed checks of the payload, before anything is locked or decided. */
        void check(StoreTransaction tx, P payload, PointsSettings settings) {
        }

        abstract List<Object> command(StoreTransaction tx, P payload, CommandContext ctx);

        @Override
        public Map<AccountKey, BigDecimal> accounts(StoreTransaction tx, P payload, CommandContext ctx) {
            customer(tx, customerId.apply(payload));
            check(tx, payload, settings(tx));
            Map<AccountKey, BigDecimal> accounts = new HashMap<>();
            accounts.put(accountOf(customerId.apply(payload)), null);
            return accounts;
        }

        @Override
        public List<Object> facts(StoreTransaction tx, P payload, CommandContext ctx, Map<AccountKey, Account> accounts) {
            String id = customerId.apply(payload);
            List<Object> facts = new ArrayList<>(command(tx, payload, ctx));
            facts.add(settings(tx));
            facts.add(customerFact(tx, id, accounts.get(accountOf(id)), ctx.businessDate()));
            return facts;
        }
    }

    /**
     * A command on an existing booking: locks its customer's account, shows the rules the booking, its lines
     * (with the points each holds) and the customer, and saves the changed booking.
     */
    private abstract static class BookingHandler<P> extends Handler<P> {
        private final Function<P, String> bookingId;

        BookingHandler(String name, Permission permission, Function<P, String> bookingId) {
            super(name, permission);
            this.bookingId = bookingId;
        }

        void check(StoreTransaction tx, P payload, Document booking, PointsSettings settings) {
        }

        /** The line whose points the rules compute now, if any. */
        Optional<String> pricedLine(P payload) {
            return Optional.empty();
        }

        BigDecimal newAmount(P payload) {
            return null;
        }

        abstract Object command(StoreTransaction tx, P payload, Document booking);

        abstract Document change(Document booking, P payload, Decision decision);

        /** The booking's price once this command is applied, when it changes it. */
        Optional<BigDecimal> totalAfter(P payload, Document booking) {
            return Optional.empty();
        }

        /** A payment's line for the booking's audit trail, or null for commands that are not payments. */
        String audit(P payload, Decision decision) {
            return null;
        }

        @Override
        public Map<AccountKey, BigDecimal> accounts(StoreTransaction tx, P payload, CommandContext ctx) {
            Document booking = bookingDoc(tx, bookingId.apply(payload));
            check(tx, payload, booking, settings(tx));
            Map<AccountKey, BigDecimal> accounts = new HashMap<>();
            accounts.put(accountOf(booking.owner()), null);
            return accounts;
        }

        @Override
        public List<Object> facts(StoreTransaction tx, P payload, CommandContext ctx, Map<AccountKey, Account> accounts) {
            Document booking = bookingDoc(tx, bookingId.apply(payload));
            List<LedgerEntry> entries = tx.ledger().ofDocument(booking.id());
            List<Object> facts = new ArrayList<>();
            facts.add(command(tx, payload, booking));
            totalAfter(payload, booking).ifPresent(t -> facts.add(new PointsTotalAfter(booking.id(), t)));
            facts.add(settings(tx));
            Account account = accounts.get(accountOf(booking.owner()));
            List<LedgerEntry> accountEntries = tx.ledger().entries(account.key());
            facts.add(customerFact(tx, booking.owner(), account, accountEntries, ctx.businessDate()));
            BookingView view = BookingView.of(booking, entries);
            facts.add(new PointsBooking(booking.id(), booking.owner(), booking.status(), view.total().amount(),
                    view.paidMoney().amount(), view.paidPointsValue().amount(), view.paidPoints(), view.earnedPoints()));
            Optional<String> priced = pricedLine(payload);
            Map<String, BigDecimal> expired = PointsLedger.expiredByLine(accountEntries);
            for (BookingView.Line l : view.lines()) {
                boolean pricing = priced.isPresent() && priced.get().equals(l.lineId());
                facts.add(lineFact(tx, booking.id(), l.lineId(), l.supplier(), l.productType(),
                        pricing ? newAmount(payload) : l.price().amount(), l.manualPoints(), l.points(),
                        expired.getOrDefault(PointsLedger.lineKey(booking.id(), l.lineId()), BigDecimal.ZERO),
                        l.cancelled(), pricing));
            }
            return facts;
        }

        @Override
        public void record(StoreTransaction tx, P payload, CommandContext ctx, Decision decision, Applied applied) {
            Document changed = change(bookingDoc(tx, bookingId.apply(payload)), payload, decision);
            String audit = audit(payload, decision);
            if (audit != null) {
                // Keyed by the idempotency key, unique per command, so each payment keeps its own line.
                Map<String, String> attributes = new HashMap<>(changed.attributes());
                attributes.put("payment." + ctx.key().value(), audit + " by " + ctx.actor().user() + " on "
                        + ctx.businessDate());
                changed = new Document(changed.type(), changed.id(), changed.owner(), changed.status(), changed.date(),
                        changed.currency(), attributes, changed.lines(), changed.version());
            }
            tx.documents().save(changed);
        }
    }
}

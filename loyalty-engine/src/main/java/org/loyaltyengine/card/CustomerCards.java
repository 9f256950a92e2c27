package org.loyaltyengine.card;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

import org.loyaltyengine.AuditTrail;
import org.loyaltyengine.CommandContext;
import org.loyaltyengine.NoSuchEntityException;
import org.loyaltyengine.card.CardRequests.AddValue;
import org.loyaltyengine.card.CardRequests.Configure;
import org.loyaltyengine.card.CardRequests.CreditNote;
import org.loyaltyengine.card.CardRequests.DefineProduct;
import org.loyaltyengine.card.CardRequests.Enrol;
import org.loyaltyengine.card.CardRequests.EnrolAll;
import org.loyaltyengine.card.CardRequests.RemoveLine;
import org.loyaltyengine.card.CardRequests.ReturnLine;
import org.loyaltyengine.card.CardRequests.Sale;
import org.loyaltyengine.card.CardRequests.SaleLine;
import org.loyaltyengine.card.CardRequests.Settle;
import org.loyaltyengine.card.CardRequests.Unlock;
import org.loyaltyengine.internal.Applied;
import org.loyaltyengine.internal.AuditSubject;
import org.loyaltyengine.internal.CommandPipeline;
import org.loyaltyengine.internal.Permission;
import org.loyaltyengine.internal.CsvTable;
import org.loyaltyengine.internal.ProgramCommand;
import org.loyaltyengine.internal.Evaluator;
import org.loyaltyengine.rules.facts.CcAddValue;
import org.loyaltyengine.rules.facts.CcCard;
import org.loyaltyengine.rules.facts.CcCustomer;
import org.loyaltyengine.rules.facts.CcDocument;
import org.loyaltyengine.rules.facts.CcEnrol;
import org.loyaltyengine.rules.facts.CcLine;
import org.loyaltyengine.rules.facts.CcLock;
import org.loyaltyengine.rules.facts.CcRemoveLine;
import org.loyaltyengine.rules.facts.CcReturnLine;
import org.loyaltyengine.rules.facts.CcSettings;
import org.loyaltyengine.rules.facts.CcSettle;
import org.loyaltyengine.rules.facts.CcStatusQuery;
import org.loyaltyengine.rules.facts.CcUnlock;
import org.loyaltyengine.rules.facts.Decision;
import org.loyaltyengine.spi.Account;
import org.loyaltyengine.spi.AccountKey;
import org.loyaltyengine.spi.Checks;
import org.loyaltyengine.spi.CurrencyMismatchException;
import org.loyaltyengine.spi.Customer;
import org.loyaltyengine.spi.Document;
import org.loyaltyengine.spi.DocumentLine;
import org.loyaltyengine.spi.EntryKind;
import org.loyaltyengine.spi.InvalidValueException;
import org.loyaltyengine.spi.LedgerEntry;
import org.loyaltyengine.spi.Money;
import org.loyaltyengine.spi.Outcome;
import org.loyaltyengine.spi.StoreTransaction;
import org.loyaltyengine.spi.TenantId;
import org.loyaltyengine.spi.Unit;

/**
 * The customer card of a veterinary practice (seed 000, SPEC CC-1..CC-9, X-13), a facade over the
 * command pipeline: every state-changing call is a command with an idempotency key, decided by the
 * {@code customer-card} rule set, and returns an {@link Outcome}. Reads ({@link #card},
 * {@link #fullCards}, {@link #history}) take no key.
 *
 * <p>How it keeps its state:
 * <ul>
 *   <li>The card's money is a ledger account per customer ({@link #accountOf}): a line going on the
 *       card is an EARN entry, an unlock a REVERSE entry, a return an ADJUST entry, a manual line a
 *       MANUAL entry, and a settlement one SETTLE entry that brings the account back to zero. The
 *       open card is everything after the last SETTLE entry; settled lines stay in the history.</li>
 *   <li>Settings are the program settings of the tenant. The product catalogue is one program
 *       document per product whose lines are its validity periods, so a sale is
 *       judged by the period in force on its own date. (The SPI has no catalogue repository yet; a
 *       document keeps a product's whole history together and is saved with a version check.)</li>
 *   <li>Every consultation or sale the practice locks is recorded, for customers
 *       who take part and for those who do not, so enrolment can look back (CC-4). Enrolment itself
 *       is a document per customer.</li>
 * </ul>
 *
 * <p>Decisions where the seed and SPEC are silent or differ:
 * <ul>
 *   <li>The percentage in force on a sale date is the product's own from its validity history, else the
 *       practice's current default (the default has no history of its own).</li>
 *   <li>The seed's thresholds only raise a warning ("card full"); so a card that is not full can still
 *       be settled, with the notice {@code CARD_NOT_FULL}, and with no threshold set it is never full.</li>
 *   <li>Unlocking takes off only what is on the open card: a settled line was paid out already and
 *       stays settled; locking again does not put it on a second time. A return is a credit note.</li>
 *   <li>A document with a credit note cannot be unlocked ({@code DOCUMENT_HAS_RETURNS}); a credit note
 *       does not take off again what a clerk removed by hand; a line fully returned is refused
 *       ({@code LINE_ALREADY_RETURNED}); a clerk's removal takes off only what returns left of a line.</li>
 *   <li>Every product sold must be in the catalogue, non-eligible ones included: an unknown product is
 *       an input error ({@code NO_SUCH_PRODUCT}), never silently "not eligible".</li>
 *   <li>Manual lines need the permission {@value #MANUAL_PERMISSION}.</li>
 *   <li>Settlement books one SETTLE entry on the settling document; the host adds the negative free
 *       booking (outcome value {@code freeBooking}) to that document itself.</li>
 * </ul>
 *
 * <p>Rounding happens in one place, the rules ({@code accrual.drl}): a line's card value is rounded
 * half-up to cents once, when it goes on the card, and is moved unchanged afterwards, so settled amounts
 * plus the open card equal the sum of the line values exactly (SPEC CC-8).
 */
public final class CustomerCards {
    /** The rule set and account program name. */
    public static final String PROGRAM = "customer-card";
    /** The permission manual card lines need. */
    public static final String MANUAL_PERMISSION = "customer-card.manual";
    /** The permission to change the practice's card settings (default percentage, thresholds, auto-enrolment). */
    public static final String SETTINGS_PERMISSION = "customer-card.settings";
    /** The permission to change the catalogue: a product's eligibility and percentage. */
    public static final String CATALOGUE_PERMISSION = "customer-card.catalogue";
    /** The permission to enrol every customer at once, each with the card value of their past purchases. */
    public static final String ENROL_ALL_PERMISSION = "customer-card.enrol";
    static final String SALE = "customer-card.sale";
    static final String PRODUCT = "customer-card.product";
    static final String ENROLMENT = "customer-card.enrolment";
    static final String SETTLEMENT = "customer-card.settlement";
    static final String CREDIT_NOTE = "customer-card.credit-note";

    private final CommandPipeline pipeline;

    public CustomerCards(CommandPipeline pipeline) {
        this.pipeline = pipeline;
        // CC-3: the customers program calls this inside the transaction that creates the customer.
        pipeline.onNewCustomer((tx, customer, ctx) -> {
            if (settings(tx).autoEnrol() && !isEnrolled(tx, customer.id())) {
                saveEnrolment(tx, customer.id(), ctx, "automatic");
            }
        });
    }

    /** The card account of a customer in the practice's currency. */
    public static AccountKey accountOf(String customerId, String currency) {
        return new AccountKey(customerId, PROGRAM, Unit.currency(currency));
    }

    // ------------------------------------------------------------------ settings and catalogue

    /** Sets the practice's card settings (SPEC CC-1, CC-3). */
    public Outcome configure(CommandContext ctx, Configure settings) {
        return pipeline.execute(ctx, settings, new Handler<>("configure", Permission.of(SETTINGS_PERMISSION)) {
            @Override
            public List<AuditSubject> audited(StoreTransaction tx, Configure s, CommandContext x, Decision d) {
                return List.of(AuditSubject.settings(AuditTrail.CARD_SETTINGS, PROGRAM));
            }

            @Override
            public Map<AccountKey, BigDecimal> accounts(StoreTransaction tx, Configure s, CommandContext x) {
                String code = s.currency().getCurrencyCode();
                for (Account a : tx.accounts().ofProgram(PROGRAM)) {
                    if (!a.key().unit().code().equals(code)) {
                        throw new CurrencyMismatchException("cards of this practice are kept in " + a.key().unit().code()
                                + "; the currency cannot change to " + code);
                    }
                }
                // A sale of a customer who does not take part has no card account yet, but enrolment counts
                // it later (CC-4): in the new currency it would put one currency's values on another's card.
                for (Document sale : tx.documents().list(SALE, null)) {
                    if (!code.equals(sale.currency())) {
                        throw new CurrencyMismatchException("sales of this practice are kept in " + sale.currency()
                                + " (document " + sale.id() + "); the currency cannot change to " + code);
                    }
                }
                return Map.of();
            }

            @Override
            public void record(StoreTransaction tx, Configure s, CommandContext x, Decision d, Applied applied) {
                Map<String, String> values = new TreeMap<>();
                values.put("defaultPercent", s.defaultPercent().toPlainString());
                values.put("autoEnrol", Boolean.toString(s.autoEnrol()));
                values.put("currency", s.currency().getCurrencyCode());
                if (s.minUnits() != null) {
                    values.put("minUnits", s.minUnits().toPlainString());
                }
                if (s.minPurchases() != null) {
                    values.put("minPurchases", s.minPurchases().toString());
                }
                if (s.minVisits() != null) {
                    values.put("minVisits", s.minVisits().toString());
                }
                if (s.minAmount() != null) {
                    values.put("minAmount", s.minAmount().toPlainString());
                }
                tx.settings().put(PROGRAM, values);
            }
        });
    }

    /** Adds (or replaces) a validity period of a product: eligible or not, own percentage (SPEC CC-2). */
    public Outcome defineProduct(CommandContext ctx, DefineProduct product) {
        return pipeline.execute(ctx, product, new Handler<>("define-product", Permission.of(CATALOGUE_PERMISSION)) {
            @Override
            public List<AuditSubject> audited(StoreTransaction tx, DefineProduct p, CommandContext x, Decision d) {
                return List.of(AuditSubject.document(AuditTrail.CARD_PRODUCT, PRODUCT, p.product()));
            }

            @Override
            public void record(StoreTransaction tx, DefineProduct p, CommandContext x, Decision d, Applied applied) {
                Optional<Document> existing = tx.documents().find(PRODUCT, p.product());
                Map<String, DocumentLine> periods = new TreeMap<>();
                existing.ifPresent(doc -> doc.lines().forEach(l -> periods.put(l.lineId(), l)));
                Map<String, String> attributes = new TreeMap<>();
                attributes.put("eligible", Boolean.toString(p.eligible()));
                if (p.percent() != null) {
                    attributes.put("percent", p.percent().toPlainString());
                }
                String from = p.validFrom().toString();
                periods.put(from, new DocumentLine(from, p.product(), BigDecimal.ONE, BigDecimal.ZERO, attributes));
                LocalDate first = LocalDate.parse(periods.keySet().iterator().next());
                tx.documents().save(new Document(PRODUCT, p.product(), null, "ACTIVE", first, null, Map.of(),
                        List.copyOf(periods.values()), existing.map(Document::version).orElse(0L)));
            }
        });
    }

    // ------------------------------------------------------------------ enrolment

    /**
     * Enrols a customer (SPEC CC-3); the customer's earlier locked purchases count at once, each with
     * the eligibility and percentage in force on its own date (SPEC CC-4).
     */
    public Outcome enrol(CommandContext ctx, Enrol enrol) {
        return pipeline.execute(ctx, enrol, new EnrolHandler<>(Permission.none()) {
            @Override
            List<String> customers(StoreTransaction tx, Enrol p) {
                customer(tx, p.customerId());
                return List.of(p.customerId());
            }

            @Override
            boolean explicit() {
                return true;
            }
        });
    }

    /** Enrols every existing customer who does not take part yet, retroactively like {@link #enrol}. */
    public Outcome enrolAll(CommandContext ctx) {
        return pipeline.execute(ctx, new EnrolAll(), new EnrolHandler<>(Permission.of(ENROL_ALL_PERMISSION)) {
            @Override
            List<String> customers(StoreTransaction tx, EnrolAll p) {
                return tx.customers().all().stream().map(Customer::id)
                        .filter(id -> !isEnrolled(tx, id)).sorted().toList();
            }

            @Override
            boolean explicit() {
                return false;
            }
        });
    }

    // ------------------------------------------------------------------ documents

    /**
     * Locks a consultation or sale (SPEC CC-5): it is recorded, and when the customer takes part its
     * eligible lines go on the card. Locking a document again after {@link #unlock} puts on the card
     * only what is not on a card already, so lock, unlock, lock gives the same card as one lock.
     */
    public Outcome lock(CommandContext ctx, Sale sale) {
        return pipeline.execute(ctx, sale, new Handler<>("lock", Permission.none()) {
            @Override
            public Map<AccountKey, BigDecimal> accounts(StoreTransaction tx, Sale s, CommandContext x) {
                checkSale(tx, s);
                requireCardLinesKept(tx, s);
                return accountMap(tx, s.customerId());
            }

            @Override
            public List<Object> facts(StoreTransaction tx, Sale s, CommandContext x, Map<AccountKey, Account> a) {
                CcSettings settings = settings(tx);
                CardLedger ledger = CardLedger.of(tx, accountOf(s.customerId(), settings.currency()));
                Optional<Document> stored = tx.documents().find(SALE, s.documentId());
                List<Object> facts = new ArrayList<>();
                facts.add(new CcLock(s.documentId(), s.customerId()));
                facts.add(customerFact(tx, s.customerId(), settings));
                facts.add(new CcDocument(s.documentId(), s.customerId(), s.date(),
                        stored.map(Document::status).orElse(null), stored.map(CustomerCards::hasReturns).orElse(false)));
                facts.addAll(saleLineFacts(tx, s, settings, ledger));
                return facts;
            }

            @Override
            public void record(StoreTransaction tx, Sale s, CommandContext x, Decision d, Applied applied) {
                saveSale(tx, s, "LOCKED");
            }
        });
    }

    /** Unlocks a consultation or sale: its lines leave the open card by reversal entries (SPEC CC-5). */
    public Outcome unlock(CommandContext ctx, Unlock unlock) {
        return pipeline.execute(ctx, unlock, new Handler<>("unlock", Permission.none()) {
            @Override
            public Map<AccountKey, BigDecimal> accounts(StoreTransaction tx, Unlock u, CommandContext x) {
                return accountMap(tx, sale(tx, u.documentId()).owner());
            }

            @Override
            public List<Object> facts(StoreTransaction tx, Unlock u, CommandContext x, Map<AccountKey, Account> a) {
                Document doc = sale(tx, u.documentId());
                CcSettings settings = settings(tx);
                List<Object> facts = new ArrayList<>();
                facts.add(new CcUnlock(doc.id(), doc.owner()));
                facts.add(customerFact(tx, doc.owner(), settings));
                facts.addAll(documentFacts(tx, doc, settings, CardLedger.of(tx, accountOf(doc.owner(),
                        settings.currency()))));
                return facts;
            }

            @Override
            public void record(StoreTransaction tx, Unlock u, CommandContext x, Decision d, Applied applied) {
                Document doc = sale(tx, u.documentId());
                tx.documents().save(new Document(SALE, doc.id(), doc.owner(), "UNLOCKED", doc.date(), doc.currency(),
                        doc.attributes(), doc.lines(), doc.version()));
            }
        });
    }

    /**
     * Returns lines of a locked sale (SPEC X-13): the returned share of each line's card value comes
     * off the card once. If the value was settled already, the reversal shows on the open card.
     */
    public Outcome creditNote(CommandContext ctx, CreditNote note) {
        return pipeline.execute(ctx, note, new Handler<>("credit-note", Permission.none()) {
            @Override
            public Map<AccountKey, BigDecimal> accounts(StoreTransaction tx, CreditNote n, CommandContext x) {
                Document doc = sale(tx, n.documentId());
                for (ReturnLine r : n.lines()) {
                    doc.line(r.lineId()).orElseThrow(() -> new NoSuchEntityException("document line",
                            n.documentId() + "/" + r.lineId()));
                }
                if (tx.documents().find(CREDIT_NOTE, n.creditNoteId()).isPresent()) {
                    throw new InvalidValueException("credit note " + n.creditNoteId()
                            + " was booked already; give a new credit note its own id");
                }
                return accountMap(tx, doc.owner());
            }

            @Override
            public List<Object> facts(StoreTransaction tx, CreditNote n, CommandContext x, Map<AccountKey, Account> a) {
                Document doc = sale(tx, n.documentId());
                CcSettings settings = settings(tx);
                List<Object> facts = new ArrayList<>();
                for (ReturnLine r : n.lines()) {
                    facts.add(new CcReturnLine(n.creditNoteId(), doc.id(), r.lineId(), r.quantity()));
                }
                facts.add(customerFact(tx, doc.owner(), settings));
                facts.addAll(documentFacts(tx, doc, settings, CardLedger.of(tx, accountOf(doc.owner(),
                        settings.currency()))));
                return facts;
            }

            @Override
            public void record(StoreTransaction tx, CreditNote n, CommandContext x, Decision d, Applied applied) {
                Document doc = sale(tx, n.documentId());
                Map<String, BigDecimal> returned = new HashMap<>();
                n.lines().forEach(r -> returned.put(r.lineId(), r.quantity()));
                List<DocumentLine> lines = new ArrayList<>();
                for (DocumentLine l : doc.lines()) {
                    BigDecimal q = returned.get(l.lineId());
                    if (q != null) {
                        Map<String, String> attributes = new TreeMap<>(l.attributes());
                        attributes.put("returned", returnedOf(l).add(q).toPlainString());
                        l = new DocumentLine(l.lineId(), l.product(), l.quantity(), l.amount(), attributes);
                    }
                    lines.add(l);
                }
                Map<String, String> attributes = new TreeMap<>(doc.attributes());
                attributes.put("returns", "true");
                tx.documents().save(new Document(SALE, doc.id(), doc.owner(), doc.status(), doc.date(), doc.currency(),
                        attributes, lines, doc.version()));
                List<DocumentLine> noteLines = n.lines().stream().map(r -> new DocumentLine(r.lineId(),
                        doc.line(r.lineId()).orElseThrow().product(), r.quantity(), BigDecimal.ZERO, Map.of())).toList();
                tx.documents().save(new Document(CREDIT_NOTE, n.creditNoteId(), doc.owner(), "BOOKED", x.businessDate(),
                        doc.currency(), Map.of("document", doc.id()), noteLines, 0));
            }
        });
    }

    // ------------------------------------------------------------------ settlement

    /**
     * What settling the customer's card on this document would deduct (SPEC CC-6): a dry run of
     * {@link #settle} with the same context, so the amount is the one the commit books.
     */
    public SettlementPreview previewSettlement(CommandContext ctx, Settle settle) {
        Outcome decision = settle(Checks.notNull(ctx, "command context").asDryRun(), settle);
        Sale sale = settle.document();
        String amount = decision.values().get("settlement");
        List<CardLine> own = new ArrayList<>();
        for (LedgerEntry e : decision.entries()) {
            if (e.kind() == EntryKind.EARN) {
                SaleLine l = sale.lines().stream().filter(x -> x.lineId().equals(e.line())).findFirst().orElseThrow();
                own.add(new CardLine(sale.documentId(), l.lineId(), l.product(), sale.date(), l.quantity(), e.amount(),
                        null));
            }
        }
        List<CardLine> open = card(ctx.tenant(), sale.customerId()).lines();
        return new SettlementPreview(sale.customerId(), sale.documentId(), open, own,
                amount == null ? null : new BigDecimal(amount), decision);
    }

    /**
     * Settles the customer's open card on a consultation or sale being made (SPEC CC-6): the
     * document's own eligible lines join the card, the whole amount is booked as one negative free
     * booking on the document (outcome values {@code settlement} and {@code freeBooking}) and a new
     * card starts. The document is recorded as OPEN unless it was known already; when it is locked
     * later, the lines settled here are not put on the card again.
     */
    public Outcome settle(CommandContext ctx, Settle settle) {
        return pipeline.execute(ctx, settle, new Handler<>("settle", Permission.none()) {
            @Override
            public Map<AccountKey, BigDecimal> accounts(StoreTransaction tx, Settle s, CommandContext x) {
                checkSale(tx, s.document());
                requireAsLocked(tx, s.document());
                requireCardLinesKept(tx, s.document());
                return accountMap(tx, s.document().customerId());
            }

            @Override
            public List<Object> facts(StoreTransaction tx, Settle s, CommandContext x, Map<AccountKey, Account> a) {
                Sale sale = s.document();
                CcSettings settings = settings(tx);
                AccountKey key = accountOf(sale.customerId(), settings.currency());
                CardLedger ledger = CardLedger.of(tx, key);
                List<Object> facts = new ArrayList<>();
                facts.add(new CcSettle(sale.customerId(), sale.documentId()));
                facts.add(settings);
                facts.add(customerFact(tx, sale.customerId(), settings));
                facts.add(cardFact(tx, sale.customerId(), key, a.get(key).balance(), ledger));
                facts.addAll(saleLineFacts(tx, sale, settings, ledger));
                return facts;
            }

            @Override
            public void record(StoreTransaction tx, Settle s, CommandContext x, Decision d, Applied applied) {
                Sale sale = s.document();
                Optional<Document> stored = tx.documents().find(SALE, sale.documentId());
                if (stored.isEmpty()) {
                    saveSale(tx, sale, "OPEN");
                } else if (!stored.get().status().equals("LOCKED")) {
                    // The document is still being made: its record takes the lines this settlement paid out,
                    // so a later lock cannot leave out a line whose value is on a card.
                    saveSale(tx, sale, stored.get().status());
                }
                BigDecimal amount = new BigDecimal(d.valueOf("settlement"));
                tx.documents().save(new Document(SETTLEMENT, x.key().value(), sale.customerId(), "BOOKED",
                        x.businessDate(), sale.currency().getCurrencyCode(), Map.of("document", sale.documentId()),
                        List.of(new DocumentLine("free-booking", PROGRAM, BigDecimal.ONE, amount.negate(), Map.of())),
                        0));
            }
        });
    }

    // ------------------------------------------------------------------ manual lines

    /** Puts a value on a card by hand, with a note; needs {@value #MANUAL_PERMISSION} (SPEC CC-7). */
    public Outcome addValue(CommandContext ctx, AddValue add) {
        return pipeline.execute(ctx, add, new Handler<>("add-value", Permission.of(MANUAL_PERMISSION)) {
            @Override
            public Map<AccountKey, BigDecimal> accounts(StoreTransaction tx, AddValue p, CommandContext x) {
                customer(tx, p.customerId());
                requireCurrency(settings(tx), p.amount().currency().getCurrencyCode());
                return accountMap(tx, p.customerId());
            }

            @Override
            public List<Object> facts(StoreTransaction tx, AddValue p, CommandContext x, Map<AccountKey, Account> a) {
                CcSettings settings = settings(tx);
                CardLedger ledger = CardLedger.of(tx, accountOf(p.customerId(), settings.currency()));
                return List.of(customerFact(tx, p.customerId(), settings),
                        new CcAddValue(p.customerId(), p.lineId(), p.amount().amount(), p.note(),
                                ledger.has(null, p.lineId())));
            }
        });
    }

    /** Takes one line off the open card by hand, with a note; needs {@value #MANUAL_PERMISSION} (SPEC CC-7). */
    public Outcome removeLine(CommandContext ctx, RemoveLine remove) {
        return pipeline.execute(ctx, remove, new Handler<>("remove-line", Permission.of(MANUAL_PERMISSION)) {
            @Override
            public Map<AccountKey, BigDecimal> accounts(StoreTransaction tx, RemoveLine p, CommandContext x) {
                customer(tx, p.customerId());
                return accountMap(tx, p.customerId());
            }

            @Override
            public List<Object> facts(StoreTransaction tx, RemoveLine p, CommandContext x, Map<AccountKey, Account> a) {
                CcSettings settings = settings(tx);
                CardLedger ledger = CardLedger.of(tx, accountOf(p.customerId(), settings.currency()));
                return List.of(customerFact(tx, p.customerId(), settings), new CcRemoveLine(p.customerId(),
                        p.documentId(), p.lineId(), p.note(), ledger.of(p.documentId(), p.lineId()).open));
            }
        });
    }

    // ------------------------------------------------------------------ reads

    /** The customer's open card: figures, thresholds met, full or not, and its lines (SPEC CC-1, CC-9). */
    public CardStatus card(TenantId tenant, String customerId) {
        return pipeline.store().inTransaction(tenant, tx -> {
            customer(tx, customerId);
            return status(tx, customerId, settings(tx));
        });
    }

    /** Every customer of the practice whose card is full, by customer id (SPEC CC-9). */
    public List<CardStatus> fullCards(TenantId tenant) {
        return pipeline.store().inTransaction(tenant, tx -> {
            CcSettings settings = settings(tx);
            List<CardStatus> full = new ArrayList<>();
            for (Document enrolment : tx.documents().list(ENROLMENT, null)) {
                CardStatus s = status(tx, enrolment.id(), settings);
                if (s.full()) {
                    full.add(s);
                }
            }
            full.sort(Comparator.comparing(CardStatus::customerId));
            return full;
        });
    }

    /**
     * {@link #fullCards} as CSV (SPEC CC-9, X-12): a header line, then one line per customer with a full
     * card: {@code customer,amount,currency,units,purchases,visits,thresholds} (met thresholds separated by
     * {@code ;}). Written by {@link CsvTable}: CRLF line ends, fields quoted as RFC 4180 says, and a cell a
     * spreadsheet would run as a formula neutralised with a leading quote.
     */
    public String fullCardsCsv(TenantId tenant) {
        CsvTable csv = CsvTable.withHeader(',', List.of("customer", "amount", "currency", "units", "purchases", "visits",
                "thresholds"));
        for (CardStatus s : fullCards(tenant)) {
            csv.row(List.of(s.customerId(), s.amount(), s.currency(), s.units(), s.purchases(), s.visits(),
                    String.join(";", s.thresholdsMet())));
        }
        return csv.toString();
    }

    /** Every movement on the customer's card, settled cards included, in the order booked. */
    public List<CardEntry> history(TenantId tenant, String customerId) {
        return pipeline.store().inTransaction(tenant, tx -> {
            customer(tx, customerId);
            return tx.ledger().entries(accountOf(customerId, settings(tx).currency())).stream()
                    .map(e -> new CardEntry(e.sequence(), e.kind(), e.amount(), e.document(), e.line(), e.businessDate(),
                            e.recordedAt(), e.actor(), e.note(), e.rule().rule()))
                    .toList();
        });
    }

    /** Whether the customer takes part in the card. */
    public boolean isEnrolled(TenantId tenant, String customerId) {
        return pipeline.store().inTransaction(tenant, tx -> {
            customer(tx, customerId);
            return isEnrolled(tx, customerId);
        });
    }

    // ------------------------------------------------------------------ shared by the handlers and reads

    /** The facts of a sale's lines as the host sends them (nothing returned), for lock and settlement. */
    private static List<Object> saleLineFacts(StoreTransaction tx, Sale sale, CcSettings settings, CardLedger ledger) {
        List<Object> facts = new ArrayList<>();
        for (SaleLine l : sale.lines()) {
            facts.add(lineFact(tx, sale.documentId(), sale.date(), l.lineId(), l.product(), l.quantity(),
                    l.amount().amount(), BigDecimal.ZERO, settings, ledger));
        }
        return facts;
    }

    private CardStatus status(StoreTransaction tx, String customerId, CcSettings settings) {
        AccountKey key = accountOf(customerId, settings.currency());
        CardLedger ledger = CardLedger.of(tx, key);
        BigDecimal balance = tx.accounts().find(key).map(Account::balance).orElse(BigDecimal.ZERO);
        CcCard figures = cardFact(tx, customerId, key, balance, ledger);
        Decision d = Evaluator.evaluate(pipeline.rules().inForce(PROGRAM, LocalDate.now(pipeline.clock())),
                List.of(new CcStatusQuery(customerId), settings, figures));
        List<String> met = new ArrayList<>();
        d.values().forEach((name, value) -> {
            if (name.startsWith("met.") && Boolean.parseBoolean(value)) {
                met.add(name.substring(4));
            }
        });
        List<CardLine> lines = new ArrayList<>();
        Map<String, Optional<Document>> docs = new HashMap<>();
        for (Map.Entry<CardLedger.Key, CardLedger.Sums> e : ledger.openLines()) {
            CardLedger.Key k = e.getKey();
            if (k.document() == null) {
                lines.add(new CardLine(null, k.line(), null, null, null, e.getValue().open, e.getValue().note));
                continue;
            }
            Optional<DocumentLine> line = docs.computeIfAbsent(k.document(), id -> tx.documents().find(SALE, id))
                    .flatMap(doc -> doc.line(k.line()));
            lines.add(new CardLine(k.document(), k.line(), line.map(DocumentLine::product).orElse(null),
                    docs.get(k.document()).map(Document::date).orElse(null),
                    line.map(DocumentLine::quantity).orElse(null), e.getValue().open, null));
        }
        return new CardStatus(customerId, isEnrolled(tx, customerId), settings.currency(), balance, figures.units(),
                figures.purchases(), figures.visits(), met, Boolean.parseBoolean(d.values().get("full")), lines);
    }

    /** Units, purchases and visits of the open card: its purchase lines that still have value on it. */
    private static CcCard cardFact(StoreTransaction tx, String customerId, AccountKey account, BigDecimal balance,
                                   CardLedger ledger) {
        BigDecimal units = BigDecimal.ZERO;
        int purchases = 0;
        Set<LocalDate> days = new HashSet<>();
        Map<String, Optional<Document>> docs = new HashMap<>();
        for (Map.Entry<CardLedger.Key, CardLedger.Sums> e : ledger.openLines()) {
            CardLedger.Key k = e.getKey();
            if (k.document() == null || e.getValue().open.signum() <= 0) {
                continue;
            }
            Optional<Document> doc = docs.computeIfAbsent(k.document(), id -> tx.documents().find(SALE, id));
            Optional<DocumentLine> line = doc.flatMap(d -> d.line(k.line()));
            if (line.isEmpty()) {
                continue;
            }
            purchases++;
            units = units.add(line.get().quantity().subtract(returnedOf(line.get())));
            days.add(doc.get().date());
        }
        return new CcCard(customerId, account, balance, units, purchases, days.size());
    }

    private static List<Object> documentFacts(StoreTransaction tx, Document doc, CcSettings settings, CardLedger ledger) {
        List<Object> facts = new ArrayList<>();
        facts.add(new CcDocument(doc.id(), doc.owner(), doc.date(), doc.status(), hasReturns(doc)));
        for (DocumentLine l : doc.lines()) {
            facts.add(lineFact(tx, doc.id(), doc.date(), l.lineId(), l.product(), l.quantity(), l.amount(),
                    returnedOf(l), settings, ledger));
        }
        return facts;
    }

    private static CcLine lineFact(StoreTransaction tx, String document, LocalDate date, String lineId, String product,
                                   BigDecimal quantity, BigDecimal amount, BigDecimal returned, CcSettings settings,
                                   CardLedger ledger) {
        Optional<DocumentLine> period = periodAt(tx, product, date);
        boolean eligible = period.map(p -> Boolean.parseBoolean(p.attribute("eligible").orElse("false"))).orElse(false);
        BigDecimal percent = period.flatMap(p -> p.attribute("percent")).map(BigDecimal::new)
                .orElse(settings.defaultPercent());
        CardLedger.Sums sums = ledger.of(document, lineId);
        return new CcLine(document, lineId, product, date, quantity, amount, eligible, percent, sums.onCard, sums.open,
                sums.adjusted, returned, sums.removed);
    }

    /** The product's validity period in force on {@code date}: the latest one starting on or before it. */
    private static Optional<DocumentLine> periodAt(StoreTransaction tx, String product, LocalDate date) {
        Document doc = tx.documents().find(PRODUCT, product).orElseThrow(() -> new NoSuchEntityException("product",
                product));
        DocumentLine inForce = null;
        for (DocumentLine period : doc.lines()) {
            if (!LocalDate.parse(period.lineId()).isAfter(date)
                    && (inForce == null || period.lineId().compareTo(inForce.lineId()) > 0)) {
                inForce = period;
            }
        }
        return Optional.ofNullable(inForce);
    }

    private static void checkSale(StoreTransaction tx, Sale s) {
        customer(tx, s.customerId());
        requireCurrency(settings(tx), s.currency().getCurrencyCode());
        for (SaleLine l : s.lines()) {
            tx.documents().find(PRODUCT, l.product()).orElseThrow(() -> new NoSuchEntityException("product",
                    l.product()));
        }
        tx.documents().find(SALE, s.documentId()).ifPresent(stored -> {
            if (!stored.owner().equals(s.customerId())) {
                throw new InvalidValueException("document " + s.documentId() + " belongs to customer " + stored.owner()
                        + ", not " + s.customerId());
            }
        });
    }

    /**
     * A locked sale is final and its lines are on the card already: settling on it must name exactly
     * those lines, or the settlement would pay out the value of lines that were never sold (or never
     * locked). A sale being made, or unlocked to be changed, may still differ from what is stored.
     */
    private static void requireAsLocked(StoreTransaction tx, Sale s) {
        Optional<Document> stored = tx.documents().find(SALE, s.documentId());
        if (stored.isEmpty() || !stored.get().status().equals("LOCKED")) {
            return;
        }
        Document doc = stored.get();
        boolean same = doc.currency().equals(s.currency().getCurrencyCode()) && doc.lines().size() == s.lines().size()
                && s.lines().stream().allMatch(l -> doc.line(l.lineId()).filter(d -> d.product().equals(l.product())
                && d.quantity().compareTo(l.quantity()) == 0 && d.amount().compareTo(l.amount().amount()) == 0)
                .isPresent());
        if (!same) {
            throw new InvalidValueException("document " + s.documentId() + " is locked with other lines than the ones "
                    + "to settle on; settle on it as it was locked, or unlock it and lock it with its new lines first");
        }
    }

    /**
     * A line whose value is on a card, settled or not yet reversed by an unlock, keeps what it was when
     * it went on: locking its document again with the line changed or left out would record a sale
     * other than the one the card (or a settlement) paid for. A return is a credit note.
     */
    private static void requireCardLinesKept(StoreTransaction tx, Sale s) {
        Optional<Document> stored = tx.documents().find(SALE, s.documentId());
        // A locked document is refused by the rules (DOCUMENT_ALREADY_LOCKED), whatever its lines.
        if (stored.isEmpty() || stored.get().status().equals("LOCKED")) {
            return;
        }
        CardLedger ledger = CardLedger.of(tx, accountOf(s.customerId(), settings(tx).currency()));
        for (DocumentLine was : stored.get().lines()) {
            if (ledger.of(s.documentId(), was.lineId()).onCard.signum() == 0) {
                continue;
            }
            boolean kept = s.lines().stream().anyMatch(l -> l.lineId().equals(was.lineId())
                    && l.product().equals(was.product()) && l.quantity().compareTo(was.quantity()) == 0
                    && l.amount().amount().compareTo(was.amount()) == 0);
            if (!kept) {
                throw new InvalidValueException("line " + was.lineId() + " of document " + s.documentId()
                        + " went on the card as " + was.quantity().toPlainString() + " x " + was.product() + " for "
                        + was.amount().toPlainString() + " and was settled or is still on the card; keep that "
                        + "line unchanged on the document and book a change as a credit note");
            }
        }
    }

    private static void requireCurrency(CcSettings settings, String currency) {
        if (!settings.currency().equals(currency)) {
            throw new CurrencyMismatchException("customer cards of this practice are kept in " + settings.currency()
                    + ", not " + currency);
        }
    }

    private static void saveSale(StoreTransaction tx, Sale s, String status) {
        Optional<Document> stored = tx.documents().find(SALE, s.documentId());
        List<DocumentLine> lines = s.lines().stream().map(l -> new DocumentLine(l.lineId(), l.product(), l.quantity(),
                l.amount().amount(), Map.of())).toList();
        tx.documents().save(new Document(SALE, s.documentId(), s.customerId(), status, s.date(),
                s.currency().getCurrencyCode(), stored.map(Document::attributes).orElse(Map.of()), lines,
                stored.map(Document::version).orElse(0L)));
    }

    private static Document sale(StoreTransaction tx, String documentId) {
        return tx.documents().find(SALE, documentId).orElseThrow(() -> new NoSuchEntityException("document",
                documentId));
    }

    private static Customer customer(StoreTransaction tx, String customerId) {
        return tx.customers().find(customerId).orElseThrow(() -> new NoSuchEntityException("customer", customerId));
    }

    private static boolean hasReturns(Document doc) {
        return Boolean.parseBoolean(doc.attribute("returns").orElse("false"));
    }

    private static BigDecimal returnedOf(DocumentLine l) {
        return l.attribute("returned").map(BigDecimal::new).orElse(BigDecimal.ZERO);
    }

    private static boolean isEnrolled(StoreTransaction tx, String customerId) {
        return tx.documents().find(ENROLMENT, customerId).isPresent();
    }

    private static void saveEnrolment(StoreTransaction tx, String customerId, CommandContext ctx, String how) {
        tx.documents().save(new Document(ENROLMENT, customerId, customerId, "ENROLLED", ctx.businessDate(), null,
                Map.of("how", how, "by", ctx.actor().user()), List.of(), 0));
    }

    private static CcCustomer customerFact(StoreTransaction tx, String customerId, CcSettings settings) {
        return new CcCustomer(customerId, isEnrolled(tx, customerId), accountOf(customerId, settings.currency()));
    }

    private static Map<AccountKey, BigDecimal> accountMap(StoreTransaction tx, String customerId) {
        Map<AccountKey, BigDecimal> accounts = new HashMap<>();
        // No floor: a return of a settled line may take the open card below zero.
        accounts.put(accountOf(customerId, settings(tx).currency()), null);
        return accounts;
    }

    /**
     * The practice's settings as stored, checked like new ones ({@link Configure}): a value written before
     * the ranges existed, or by a host straight into its store, is a typed error naming the setting, never
     * a NumberFormatException or a card at 250%.
     */
    static CcSettings settings(StoreTransaction tx) {
        Map<String, String> s = tx.settings().of(PROGRAM);
        try {
            Configure c = new Configure(stored(s, "defaultPercent", BigDecimal::new, BigDecimal.ZERO),
                    stored(s, "minUnits", BigDecimal::new, null), stored(s, "minPurchases", Integer::valueOf, null),
                    stored(s, "minVisits", Integer::valueOf, null), stored(s, "minAmount", BigDecimal::new, null),
                    Boolean.parseBoolean(s.getOrDefault("autoEnrol", "false")),
                    stored(s, "currency", Money::currency, null));
            return new CcSettings(c.defaultPercent(), c.minUnits(), c.minPurchases(), c.minVisits(), c.minAmount(),
                    c.autoEnrol(), c.currency().getCurrencyCode());
        } catch (InvalidValueException e) {
            throw new InvalidValueException("the stored customer-card settings are not valid: " + e.getMessage()
                    + "; configure the program again");
        }
    }

    private static <T> T stored(Map<String, String> settings, String name, java.util.function.Function<String, T> parse,
                                T otherwise) {
        String value = settings.get(name);
        if (value == null) {
            return otherwise;
        }
        try {
            return parse.apply(value);
        } catch (RuntimeException e) {
            throw new InvalidValueException(name + " is '" + value + "', which is not a valid value");
        }
    }

    /** A customer-card command: decided by the customer-card rule set, with no accounts and no facts by default. */
    private abstract static class Handler<P> extends ProgramCommand<P> {
        Handler(String name, Permission permission) {
            super(PROGRAM, Checks.text(name, "command name"), permission);
        }

        @Override
        public List<Object> facts(StoreTransaction tx, P payload, CommandContext ctx, Map<AccountKey, Account> a) {
            return List.of();
        }
    }

    /** Enrolment of one or many customers, each with its earlier locked purchases (CC-3, CC-4). */
    private abstract static class EnrolHandler<P> extends Handler<P> {
        EnrolHandler(Permission permission) {
            super("enrol", permission);
        }

        abstract List<String> customers(StoreTransaction tx, P payload);

        abstract boolean explicit();

        @Override
        public Map<AccountKey, BigDecimal> accounts(StoreTransaction tx, P payload, CommandContext ctx) {
            Map<AccountKey, BigDecimal> accounts = new LinkedHashMap<>();
            for (String id : customers(tx, payload)) {
                accounts.putAll(accountMap(tx, id));
            }
            return accounts;
        }

        @Override
        public List<Object> facts(StoreTransaction tx, P payload, CommandContext ctx, Map<AccountKey, Account> a) {
            CcSettings settings = settings(tx);
            List<Object> facts = new ArrayList<>();
            for (String id : customers(tx, payload)) {
                facts.add(new CcEnrol(id, explicit()));
                facts.add(customerFact(tx, id, settings));
                CardLedger ledger = CardLedger.of(tx, accountOf(id, settings.currency()));
                for (Document doc : tx.documents().list(SALE, id)) {
                    if (doc.status().equals("LOCKED")) {
                        facts.addAll(documentFacts(tx, doc, settings, ledger));
                    }
                }
            }
            return facts;
        }

        @Override
        public List<AuditSubject> audited(StoreTransaction tx, P payload, CommandContext ctx, Decision d) {
            return customers(tx, payload).stream()
                    .map(id -> AuditSubject.document(AuditTrail.CARD_ENROLMENT, ENROLMENT, id)).toList();
        }

        @Override
        public void record(StoreTransaction tx, P payload, CommandContext ctx, Decision d, Applied applied) {
            for (String id : customers(tx, payload)) {
                if (!isEnrolled(tx, id)) {
                    saveEnrolment(tx, id, ctx, explicit() ? "enrolled" : "bulk");
                }
            }
        }
    }
}

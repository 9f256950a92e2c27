package org.loyaltyengine.pos;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.loyaltyengine.AuditTrail;
import org.loyaltyengine.CommandContext;
import org.loyaltyengine.NoSuchEntityException;
import org.loyaltyengine.internal.Applied;
import org.loyaltyengine.internal.AuditSubject;
import org.loyaltyengine.internal.CommandPipeline;
import org.loyaltyengine.internal.Permission;
import org.loyaltyengine.internal.ProgramCommand;
import org.loyaltyengine.pos.PosRequests.AbandonReceipt;
import org.loyaltyengine.pos.PosRequests.AddItem;
import org.loyaltyengine.pos.PosRequests.ChangeCredit;
import org.loyaltyengine.pos.PosRequests.Configure;
import org.loyaltyengine.pos.PosRequests.DeleteItem;
import org.loyaltyengine.pos.PosRequests.ExpireHolds;
import org.loyaltyengine.pos.PosRequests.IdentifyCard;
import org.loyaltyengine.pos.PosRequests.OpenReceipt;
import org.loyaltyengine.pos.PosRequests.PayReceipt;
import org.loyaltyengine.pos.PosRequests.ReceiptRequest;
import org.loyaltyengine.pos.PosRequests.RemoveCard;
import org.loyaltyengine.rules.facts.Decision;
import org.loyaltyengine.rules.facts.PosAbandonReceipt;
import org.loyaltyengine.rules.facts.PosAddItem;
import org.loyaltyengine.rules.facts.PosCard;
import org.loyaltyengine.rules.facts.PosChangeCredit;
import org.loyaltyengine.rules.facts.PosDefineCard;
import org.loyaltyengine.rules.facts.PosDeleteItem;
import org.loyaltyengine.rules.facts.PosExpireHolds;
import org.loyaltyengine.rules.facts.PosIdentifyCard;
import org.loyaltyengine.rules.facts.PosItem;
import org.loyaltyengine.rules.facts.PosOpenReceipt;
import org.loyaltyengine.rules.facts.PosOverdueHold;
import org.loyaltyengine.rules.facts.PosPayReceipt;
import org.loyaltyengine.rules.facts.PosReceipt;
import org.loyaltyengine.rules.facts.PosRemoveCard;
import org.loyaltyengine.rules.facts.PosSettings;
import org.loyaltyengine.spi.Account;
import org.loyaltyengine.spi.AccountKey;
import org.loyaltyengine.spi.Card;
import org.loyaltyengine.spi.CurrencyMismatchException;
import org.loyaltyengine.spi.Document;
import org.loyaltyengine.spi.DocumentLine;
import org.loyaltyengine.spi.Hold;
import org.loyaltyengine.spi.HoldState;
import org.loyaltyengine.spi.InvalidValueException;
import org.loyaltyengine.spi.LedgerEntry;
import org.loyaltyengine.spi.Money;
import org.loyaltyengine.spi.Outcome;
import org.loyaltyengine.spi.StoreTransaction;
import org.loyaltyengine.spi.TenantId;
import org.loyaltyengine.spi.Unit;

/**
 * The POS discount and credit card program (seed 004, SPEC PC-1..PC-8), a facade over the command
 * pipeline: every state-changing call is a command with an idempotency key, decided by the
 * {@code pos-card} rule set, and returns an {@link Outcome}. Reads ({@link #statement},
 * {@link #receipt}) take no key.
 *
 * <p>A typical receipt: {@link #openReceipt}, {@link #identifyCard}, {@link #addItem} for each item,
 * then {@link #pay} or {@link #abandon}.
 */
public final class PosCards {
    /** The rule set and account program name. */
    public static final String PROGRAM = "pos-card";
    /** The permission to create cards and change their definition: holder, discount, credit switches. */
    public static final String CARDS_PERMISSION = "pos-card.cards";
    /** The permission to change the program's settings (how long a reservation holds). */
    public static final String SETTINGS_PERMISSION = "pos-card.settings";
    /** The permission for a manual top-up or deduction of a card's credit. */
    public static final String MANUAL_PERMISSION = "pos-card.manual";
    static final String RECEIPT = "pos-receipt";
    static final long DEFAULT_HOLD_MINUTES = 12 * 60;

    private final CommandPipeline pipeline;

    public PosCards(CommandPipeline pipeline) {
        this.pipeline = pipeline;
    }

    /** The credit account of a card. */
    public static AccountKey accountOf(Card card) {
        return new AccountKey("card:" + card.number(), PROGRAM, Unit.currency(card.currency().getCurrencyCode()));
    }

    // ------------------------------------------------------------------ commands

    /** Creates a card, or changes the definition of an existing one (SPEC PC-1). */
    public Outcome defineCard(CommandContext ctx, Card card) {
        return pipeline.execute(ctx, card, new Handler<>("define-card", Permission.of(CARDS_PERMISSION)) {
            @Override
            public List<AuditSubject> audited(StoreTransaction tx, Card c, CommandContext x, Decision d) {
                return List.of(AuditSubject.card(AuditTrail.POS_CARD, c.number()));
            }

            @Override
            public List<Object> facts(StoreTransaction tx, Card c, CommandContext x, Map<AccountKey, Account> a) {
                return List.of(new PosDefineCard(c.number(), c.discountPercent(), c.creditDrawing(), c.loadOntoCard(),
                        tx.cards().find(c.number()).isEmpty()));
            }

            @Override
            public void record(StoreTransaction tx, Card c, CommandContext x, Decision d, Applied applied) {
                Optional<Card> existing = tx.cards().find(c.number());
                if (existing.isEmpty()) {
                    tx.cards().insert(c);
                } else if (!existing.get().currency().equals(c.currency())) {
                    throw new CurrencyMismatchException("card " + c.number() + " keeps its credit in "
                            + existing.get().currency() + "; its currency cannot change");
                } else {
                    tx.cards().update(c);
                }
            }
        });
    }

    /** Sets the program settings of the tenant. */
    public Outcome configure(CommandContext ctx, Configure settings) {
        return pipeline.execute(ctx, settings, new Handler<>("configure", Permission.of(SETTINGS_PERMISSION)) {
            @Override
            public List<AuditSubject> audited(StoreTransaction tx, Configure s, CommandContext x, Decision d) {
                return List.of(AuditSubject.settings(AuditTrail.POS_SETTINGS, PROGRAM));
            }

            @Override
            public List<Object> facts(StoreTransaction tx, Configure s, CommandContext x, Map<AccountKey, Account> a) {
                return List.of(s);
            }

            @Override
            public void record(StoreTransaction tx, Configure s, CommandContext x, Decision d, Applied applied) {
                tx.settings().put(PROGRAM, Map.of("holdMinutes", Long.toString(s.holdMinutes())));
            }
        });
    }

    public Outcome openReceipt(CommandContext ctx, OpenReceipt open) {
        return pipeline.execute(ctx, open, new Handler<>("open-receipt", Permission.none()) {
            @Override
            public List<Object> facts(StoreTransaction tx, OpenReceipt o, CommandContext x, Map<AccountKey, Account> a) {
                List<Object> facts = new ArrayList<>();
                facts.add(new PosOpenReceipt(o.receiptId()));
                tx.documents().find(RECEIPT, o.receiptId()).ifPresent(r -> facts.add(receiptFact(r)));
                return facts;
            }

            @Override
            public void record(StoreTransaction tx, OpenReceipt o, CommandContext x, Decision d, Applied applied) {
                tx.documents().save(new Document(RECEIPT, o.receiptId(), null, "OPEN", x.businessDate(),
                        o.currency().getCurrencyCode(), Map.of(), List.of(), 0));
            }
        });
    }

    /** Identifies a card on a receipt (SPEC PC-2); items added from now on get its discount or draw its credit. */
    public Outcome identifyCard(CommandContext ctx, IdentifyCard identify) {
        return pipeline.execute(ctx, identify, new ReceiptHandler<>("identify-card", Permission.none()) {
            @Override
            Optional<Card> card(StoreTransaction tx, IdentifyCard p, Document receipt) {
                Card card = tx.cards().find(p.cardNumber()).orElseThrow(() -> new NoSuchEntityException("card", p.cardNumber()));
                if (!card.currency().getCurrencyCode().equals(receipt.currency())) {
                    throw new CurrencyMismatchException("card " + card.number() + " holds " + card.currency()
                            + " but receipt " + receipt.id() + " is in " + receipt.currency());
                }
                return Optional.of(card);
            }

            @Override
            Object command(IdentifyCard p) {
                return new PosIdentifyCard(p.receiptId(), p.cardNumber(), p.mode() == null ? null : p.mode().name());
            }

            @Override
            Document change(Document r, IdentifyCard p, Decision d, Applied applied) {
                Map<String, String> attributes = new HashMap<>(r.attributes());
                attributes.put("card", p.cardNumber());
                attributes.put("cardActive", "true");
                attributes.put("cardMode", d.valueOf("cardMode"));
                return withAttributes(r, attributes);
            }
        });
    }

    /** Removes the card from a receipt: the items that follow get no discount and draw no credit (SPEC PC-2). */
    public Outcome removeCard(CommandContext ctx, RemoveCard remove) {
        return pipeline.execute(ctx, remove, new ReceiptHandler<>("remove-card", Permission.none()) {
            @Override
            Object command(RemoveCard p) {
                return new PosRemoveCard(p.receiptId());
            }

            @Override
            Document change(Document r, RemoveCard p, Decision d, Applied applied) {
                Map<String, String> attributes = new HashMap<>(r.attributes());
                attributes.put("cardActive", "false");
                return withAttributes(r, attributes);
            }
        });
    }

    /**
     * Adds an item (SPEC PC-3, PC-4, PC-5): in discount mode it gets the card's percentage off (the
     * outcome's value {@code discount}); in credit mode its price is reserved from the card's credit.
     */
    public Outcome addItem(CommandContext ctx, AddItem item) {
        return pipeline.execute(ctx, item, new ReceiptHandler<>("add-item", Permission.none()) {
            @Override
            boolean placesHolds() {
                return true;
            }

            @Override
            void check(AddItem p, Document receipt) {
                if (!p.price().currency().getCurrencyCode().equals(receipt.currency())) {
                    throw new CurrencyMismatchException("item " + p.lineId() + " is priced in " + p.price().currency()
                            + " but receipt " + receipt.id() + " is in " + receipt.currency());
                }
            }

            @Override
            Object command(AddItem p) {
                return new PosAddItem(p.receiptId(), p.lineId(), p.product(), p.price().amount(), p.creditItem(),
                        p.vatPercent(), p.manualDiscountPercent());
            }

            @Override
            Document change(Document r, AddItem p, Decision d, Applied applied) {
                Map<String, String> attributes = new HashMap<>();
                attributes.put("discount", d.valueOf("discount") == null ? "0" : d.valueOf("discount"));
                attributes.put("creditItem", Boolean.toString(p.creditItem()));
                attributes.put("vat", p.vatPercent().toPlainString());
                String hold = applied.placedHold(p.receiptId(), p.lineId());
                if (hold != null) {
                    attributes.put("holdId", hold);
                }
                List<DocumentLine> lines = new ArrayList<>(r.lines());
                lines.add(new DocumentLine(p.lineId(), p.product(), BigDecimal.ONE, p.price().amount(), attributes));
                return withLines(r, lines);
            }
        });
    }

    /** Deletes an item from an open receipt; a reservation made for it is returned (SPEC PC-5). */
    public Outcome deleteItem(CommandContext ctx, DeleteItem delete) {
        return pipeline.execute(ctx, delete, new ReceiptHandler<>("delete-item", Permission.none()) {
            @Override
            void check(DeleteItem p, Document receipt) {
                receipt.line(p.lineId()).orElseThrow(() -> new NoSuchEntityException("receipt line",
                        p.receiptId() + "/" + p.lineId()));
            }

            @Override
            Object command(DeleteItem p) {
                return new PosDeleteItem(p.receiptId(), p.lineId());
            }

            @Override
            Document change(Document r, DeleteItem p, Decision d, Applied applied) {
                List<DocumentLine> lines = new ArrayList<>();
                for (DocumentLine l : r.lines()) {
                    if (l.lineId().equals(p.lineId())) {
                        Map<String, String> attributes = new HashMap<>(l.attributes());
                        attributes.put("deleted", "true");
                        l = new DocumentLine(l.lineId(), l.product(), l.quantity(), l.amount(), attributes);
                    }
                    lines.add(l);
                }
                return withLines(r, lines);
            }
        });
    }

    /** Pays a receipt: reservations become draws, credit items load the card (SPEC PC-4, PC-5). */
    public Outcome pay(CommandContext ctx, PayReceipt pay) {
        return pipeline.execute(ctx, pay, closing("pay", Permission.none(), "PAID", PosPayReceipt::new));
    }

    /** Abandons a receipt: every reservation on it is returned (SPEC PC-5). */
    public Outcome abandon(CommandContext ctx, AbandonReceipt abandon) {
        return pipeline.execute(ctx, abandon, closing("abandon", Permission.none(), "ABANDONED", PosAbandonReceipt::new));
    }

    /** A manual top-up (positive) or deduction (negative) with a note (SPEC PC-4, PC-7). */
    public Outcome changeCredit(CommandContext ctx, ChangeCredit change) {
        return pipeline.execute(ctx, change, new Handler<>("change-credit", Permission.of(MANUAL_PERMISSION)) {
            @Override
            public Map<AccountKey, BigDecimal> accounts(StoreTransaction tx, ChangeCredit p, CommandContext x) {
                Card card = card(tx, p.cardNumber());
                if (!card.currency().equals(p.amount().currency())) {
                    throw new CurrencyMismatchException("card " + card.number() + " holds " + card.currency()
                            + "; the change is in " + p.amount().currency());
                }
                return Map.of(accountOf(card), BigDecimal.ZERO);
            }

            @Override
            public List<Object> facts(StoreTransaction tx, ChangeCredit p, CommandContext x, Map<AccountKey, Account> a) {
                Card card = card(tx, p.cardNumber());
                return List.of(cardFact(card, a.get(accountOf(card))),
                        new PosChangeCredit(p.cardNumber(), p.amount().amount(), p.note()));
            }
        });
    }

    /** Expires every reservation whose time has passed (run it periodically, e.g. every few minutes). */
    public Outcome expireHolds(CommandContext ctx) {
        return pipeline.execute(ctx, new ExpireHolds(), new Handler<>("expire-holds", Permission.none()) {
            @Override
            public Map<AccountKey, BigDecimal> accounts(StoreTransaction tx, ExpireHolds p, CommandContext x) {
                Map<AccountKey, BigDecimal> accounts = new LinkedHashMap<>();
                for (Hold h : tx.holds().expiredBy(pipeline.clock().instant())) {
                    if (h.account().program().equals(PROGRAM)) {
                        accounts.put(h.account(), BigDecimal.ZERO);
                    }
                }
                return accounts;
            }

            @Override
            public List<Object> facts(StoreTransaction tx, ExpireHolds p, CommandContext x, Map<AccountKey, Account> a) {
                List<Object> facts = new ArrayList<>();
                facts.add(new PosExpireHolds());
                for (Hold h : tx.holds().expiredBy(pipeline.clock().instant())) {
                    // Only holds whose accounts were locked above; one placed since is left for the next sweep.
                    if (a.containsKey(h.account())) {
                        facts.add(new PosOverdueHold(h.id(), h.document(), h.amount()));
                    }
                }
                return facts;
            }
        });
    }

    // ------------------------------------------------------------------ reads

    public Optional<Card> card(TenantId tenant, String number) {
        return pipeline.store().inTransaction(tenant, tx -> tx.cards().find(number));
    }

    /** The card's credit, held and available amounts and its movement history (SPEC PC-7). */
    public CardStatement statement(TenantId tenant, String cardNumber) {
        return pipeline.store().inTransaction(tenant, tx -> {
            Card card = card(tx, cardNumber);
            AccountKey key = accountOf(card);
            Account account = tx.accounts().find(key).orElse(new Account(key, BigDecimal.ZERO, BigDecimal.ZERO,
                    BigDecimal.ZERO));
            List<CardMovement> movements = new ArrayList<>();
            for (LedgerEntry e : tx.ledger().entries(key)) {
                CardMovement.Kind kind = switch (e.kind()) {
                    case TOP_UP -> CardMovement.Kind.LOAD;
                    case CAPTURE -> CardMovement.Kind.DRAW;
                    default -> CardMovement.Kind.MANUAL;
                };
                movements.add(new CardMovement(kind, e.amount(), e.recordedAt(), e.actor(), e.document(), e.line(),
                        e.note(), e.rule().rule()));
            }
            for (Hold h : holdsOf(tx, card)) {
                movements.add(new CardMovement(CardMovement.Kind.RESERVATION, h.amount().negate(), h.placedAt(),
                        h.actor(), h.document(), h.line(), null, h.rule().rule()));
                if (h.state() == HoldState.RELEASED || h.state() == HoldState.EXPIRED) {
                    movements.add(new CardMovement(h.state() == HoldState.RELEASED ? CardMovement.Kind.RELEASE
                            : CardMovement.Kind.EXPIRY, h.amount(), h.settledAt(), h.settledBy(), h.document(), h.line(),
                            null, h.settleRule().rule()));
                }
            }
            movements.sort(Comparator.comparing(CardMovement::time));
            return new CardStatement(card, account.balance(), account.held(), movements);
        });
    }

    /** A receipt with its items, discounts and reservations. */
    public ReceiptView receipt(TenantId tenant, String receiptId) {
        return pipeline.store().inTransaction(tenant, tx -> {
            Document r = receiptDoc(tx, receiptId);
            // Drawn: the reservation still holds, or the payment made it a draw; a released or expired one
            // took nothing from the card, so that item is paid at the till.
            List<ReceiptView.Item> items = r.lines().stream().map(Line::of).map(l -> new ReceiptView.Item(
                    l.line().lineId(), l.line().product(), l.line().amount(), l.discount(), l.creditItem(), l.deleted(),
                    l.holdId(), l.holdId() != null && tx.holds().find(l.holdId()).map(h -> h.state() == HoldState.PENDING
                    || h.state() == HoldState.CAPTURED).orElse(false))).toList();
            return new ReceiptView(r.id(), r.status(), r.currency(), r.attribute("card").orElse(null),
                    isCardActive(r), r.attribute("cardMode").orElse(null), items);
        });
    }

    // ------------------------------------------------------------------ shared by the handlers

    private static List<Hold> holdsOf(StoreTransaction tx, Card card) {
        AccountKey key = accountOf(card);
        List<Hold> holds = new ArrayList<>(tx.holds().pending(key));
        // Settled holds are found through the receipts that placed them; a receipt is owned by its card.
        for (Document r : tx.documents().list(RECEIPT, card.number())) {
            for (Hold h : tx.holds().ofDocument(r.id())) {
                if (h.account().equals(key) && !h.isPending()) {
                    holds.add(h);
                }
            }
        }
        return holds;
    }

    /** A receipt line as the program stores it in a document line's attributes. */
    private record Line(DocumentLine line, BigDecimal discount, boolean creditItem, boolean deleted, String holdId) {
        static Line of(DocumentLine l) {
            return new Line(l, new BigDecimal(l.attribute("discount").orElse("0")),
                    Boolean.parseBoolean(l.attribute("creditItem").orElse("false")),
                    Boolean.parseBoolean(l.attribute("deleted").orElse("false")), l.attribute("holdId").orElse(null));
        }
    }

    private static Card card(StoreTransaction tx, String number) {
        return tx.cards().find(number).orElseThrow(() -> new NoSuchEntityException("card", number));
    }

    private static Document receiptDoc(StoreTransaction tx, String receiptId) {
        return tx.documents().find(RECEIPT, receiptId).orElseThrow(() -> new NoSuchEntityException("receipt", receiptId));
    }

    private static boolean isCardActive(Document r) {
        return Boolean.parseBoolean(r.attribute("cardActive").orElse("false"));
    }

    private static PosCard cardFact(Card card, Account account) {
        return new PosCard(card.number(), card.discountPercent(), card.creditDrawing(), card.loadOntoCard(),
                card.currency().getCurrencyCode(), account.key(), account.balance(), account.held());
    }

    private static PosReceipt receiptFact(Document r) {
        int discounted = (int) r.lines().stream().map(Line::of).filter(l -> !l.deleted() && l.discount().signum() > 0)
                .count();
        int drawn = (int) r.lines().stream().map(Line::of).filter(l -> !l.deleted() && l.holdId() != null).count();
        return new PosReceipt(r.id(), r.status(), r.currency(), r.attribute("card").orElse(null), isCardActive(r),
                r.attribute("cardMode").orElse(null), discounted, drawn);
    }

    private static Document withAttributes(Document r, Map<String, String> attributes) {
        return new Document(r.type(), r.id(), attributes.get("card"), r.status(), r.date(), r.currency(), attributes,
                r.lines(), r.version());
    }

    private static Document withLines(Document r, List<DocumentLine> lines) {
        return new Document(r.type(), r.id(), r.owner(), r.status(), r.date(), r.currency(), r.attributes(), lines,
                r.version());
    }

    private <P extends ReceiptRequest> ReceiptHandler<P> closing(String name, Permission permission, String status,
                                                                 java.util.function.Function<String, Object> fact) {
        return new ReceiptHandler<>(name, permission) {
            @Override
            Object command(P p) {
                return fact.apply(p.receiptId());
            }

            @Override
            Document change(Document r, P p, Decision d, Applied applied) {
                return new Document(r.type(), r.id(), r.owner(), status, r.date(), r.currency(), r.attributes(),
                        r.lines(), r.version());
            }
        };
    }

    private PosSettings settings(StoreTransaction tx) {
        String minutes = tx.settings().of(PROGRAM).get("holdMinutes");
        if (minutes == null) {
            return new PosSettings(DEFAULT_HOLD_MINUTES);
        }
        // A value stored before the range existed, or by a host straight into its store, is checked
        // like a new one, so it cannot place a reservation that expires before it is made.
        try {
            return new PosSettings(new Configure(Long.parseLong(minutes)).holdMinutes());
        } catch (NumberFormatException | InvalidValueException e) {
            throw new InvalidValueException("the stored POS setting holdMinutes is '" + minutes + "'; it must be between "
                    + Configure.MIN_HOLD_MINUTES + " and " + Configure.MAX_HOLD_MINUTES
                    + " minutes: configure the program again");
        }
    }

    /** A POS command without a receipt: no accounts unless it says so. */
    private abstract static class Handler<P> extends ProgramCommand<P> {
        Handler(String name, Permission permission) {
            super(PROGRAM, name, permission);
        }
    }

    /**
     * A command on an existing receipt: locks the receipt card's account, shows the rules the receipt,
     * its items and card, and saves the changed receipt.
     */
    private abstract class ReceiptHandler<P extends ReceiptRequest> extends Handler<P> {
        ReceiptHandler(String name, Permission permission) {
            super(name, permission);
        }

        abstract Object command(P payload);

        abstract Document change(Document receipt, P payload, Decision decision, Applied applied);

        /** Whether the command may reserve credit, and so needs the program settings (the hold time). */
        boolean placesHolds() {
            return false;
        }

        /** Typed checks of the payload against the receipt, before anything is decided. */
        void check(P payload, Document receipt) {
        }

        /** The card the command concerns: by default the one bound to the receipt. */
        Optional<Card> card(StoreTransaction tx, P payload, Document receipt) {
            return receipt.attribute("card").map(n -> PosCards.card(tx, n));
        }

        @Override
        public Map<AccountKey, BigDecimal> accounts(StoreTransaction tx, P payload, CommandContext ctx) {
            Document receipt = receiptDoc(tx, payload.receiptId());
            check(payload, receipt);
            return card(tx, payload, receipt).map(c -> Map.of(accountOf(c), BigDecimal.ZERO)).orElse(Map.of());
        }

        @Override
        public List<Object> facts(StoreTransaction tx, P payload, CommandContext ctx, Map<AccountKey, Account> accounts) {
            Document receipt = receiptDoc(tx, payload.receiptId());
            Instant now = pipeline.clock().instant();
            List<Object> facts = new ArrayList<>();
            facts.add(command(payload));
            facts.add(receiptFact(receipt));
            if (placesHolds()) {
                facts.add(settings(tx));
            }
            card(tx, payload, receipt).ifPresent(c -> facts.add(cardFact(c, accounts.get(accountOf(c)))));
            for (DocumentLine dl : receipt.lines()) {
                Line l = Line.of(dl);
                Optional<Hold> hold = l.holdId() == null ? Optional.empty() : tx.holds().find(l.holdId());
                boolean pending = hold.map(Hold::isPending).orElse(false);
                boolean runOut = hold.map(h -> h.hasRunOutBy(now)).orElse(false);
                facts.add(new PosItem(receipt.id(), dl.lineId(), dl.amount(), l.discount(), l.creditItem(), l.deleted(),
                        l.holdId(), pending, runOut));
            }
            return facts;
        }

        @Override
        public void record(StoreTransaction tx, P payload, CommandContext ctx, Decision decision, Applied applied) {
            tx.documents().save(change(receiptDoc(tx, payload.receiptId()), payload, decision, applied));
        }
    }

}

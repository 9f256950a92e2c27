package org.loyaltyengine.benchmarks;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;

import org.loyaltyengine.pos.PosRequests.AddItem;
import org.loyaltyengine.rules.facts.PosAddItem;
import org.loyaltyengine.rules.facts.PosCard;
import org.loyaltyengine.rules.facts.PosItem;
import org.loyaltyengine.rules.facts.PosReceipt;
import org.loyaltyengine.spi.AccountKey;
import org.loyaltyengine.spi.Card;
import org.loyaltyengine.spi.Unit;

/**
 * The baseline of {@link PosCommandBenchmark}: the POS card's business work for {@code addItem}
 * hand-written in plain Java over plain maps, the way a host without the engine would write it. It
 * does what the engine's command does for the shop: a repeated key returns the first outcome (a
 * different payload under it is refused), one lock per shop for the whole command, the decision of
 * {@link PlainPosRules}, a reservation against the card's credit with the floor check, the item
 * written to the receipt, and an outcome record stored by key.
 *
 * <p>What it leaves out is what the engine adds on top: rules as data (a Drools session per command),
 * an undo log for rollback, SHA-256 payload fingerprints, immutable copies of every record, and the
 * audit detail of each outcome (rule set, version, rules fired, balances after).
 */
final class PlainPos {
    private final ReentrantLock lock = new ReentrantLock();
    private final Clock clock;
    private final Map<String, Card> cards = new HashMap<>();
    private final Map<String, Account> accounts = new HashMap<>();
    private final Map<String, Receipt> receipts = new HashMap<>();
    private final Map<String, Hold> holds = new HashMap<>();
    private final Map<String, Result> outcomes = new HashMap<>();

    PlainPos(Clock clock) {
        this.clock = clock;
    }

    /** An account's figures; mutable, changed only under the shop's lock. */
    private static final class Account {
        final AccountKey key;
        final BigDecimal floor;
        BigDecimal balance = BigDecimal.ZERO;
        BigDecimal held = BigDecimal.ZERO;

        Account(AccountKey key, BigDecimal floor) {
            this.key = key;
            this.floor = floor;
        }

        BigDecimal available() {
            return balance.subtract(held);
        }
    }

    record Hold(String id, String card, BigDecimal amount, String receipt, String line, Instant placedAt,
                boolean pending) {
    }

    record Line(String lineId, String product, BigDecimal amount, BigDecimal discount, boolean creditItem,
                String holdId) {
    }

    private static final class Receipt {
        final String id;
        final String currency;
        String status = "OPEN";
        String card;
        boolean cardActive;
        String mode;
        final List<Line> lines = new ArrayList<>();

        Receipt(String id, String currency) {
            this.id = id;
            this.currency = currency;
        }
    }

    /** The outcome stored under an idempotency key: the request it answered, so a different payload is caught. */
    record Result(String key, Object request, boolean applied, List<String> rejections, BigDecimal discount,
                  String holdId, BigDecimal availableAfter, Instant at) {
    }

    void defineCard(Card card) {
        locked(() -> {
            cards.put(card.number(), card);
            accounts.computeIfAbsent(card.number(), n -> new Account(new AccountKey("card:" + n, "pos-card",
                    Unit.currency(card.currency().getCurrencyCode())), BigDecimal.ZERO));
        });
    }

    void topUp(String cardNumber, BigDecimal amount) {
        locked(() -> {
            Account a = accounts.get(cardNumber);
            a.balance = a.balance.add(amount);
        });
    }

    void openReceipt(String receiptId, String currency) {
        locked(() -> {
            if (receipts.putIfAbsent(receiptId, new Receipt(receiptId, currency)) != null) {
                throw new IllegalStateException("receipt " + receiptId + " exists");
            }
        });
    }

    void identifyCard(String receiptId, String cardNumber) {
        locked(() -> {
            Receipt r = receipts.get(receiptId);
            r.card = cardNumber;
            r.cardActive = true;
            r.mode = cards.get(cardNumber).creditDrawing() ? "CREDIT" : "DISCOUNT";
        });
    }

    /** Gives back every pending reservation of the receipt and closes it. */
    void abandon(String receiptId) {
        locked(() -> {
            Receipt r = receipts.get(receiptId);
            for (Line l : r.lines) {
                Hold h = l.holdId() == null ? null : holds.get(l.holdId());
                if (h != null && h.pending()) {
                    Account a = accounts.get(h.card());
                    a.held = a.held.subtract(h.amount());
                    holds.put(h.id(), new Hold(h.id(), h.card(), h.amount(), h.receipt(), h.line(), h.placedAt(), false));
                }
            }
            r.status = "ABANDONED";
        });
    }

    Result addItem(String key, AddItem request) {
        lock.lock();
        try {
            Result first = outcomes.get(key);
            if (first != null) {
                if (!first.request().equals(request)) {
                    throw new IllegalArgumentException("idempotency key " + key + " was used for another request");
                }
                return first;
            }
            Receipt r = receipts.get(request.receiptId());
            if (r == null) {
                throw new IllegalArgumentException("no receipt " + request.receiptId());
            }
            if (!request.price().currency().getCurrencyCode().equals(r.currency)) {
                throw new IllegalArgumentException("item priced in " + request.price().currency() + ", receipt in "
                        + r.currency);
            }
            Card card = r.card == null ? null : cards.get(r.card);
            Account account = card == null ? null : accounts.get(card.number());
            List<PosItem> items = new ArrayList<>(r.lines.size());
            int discounted = 0;
            for (Line l : r.lines) {
                Hold h = l.holdId() == null ? null : holds.get(l.holdId());
                items.add(new PosItem(r.id, l.lineId(), l.amount(), l.discount(), l.creditItem(), false, l.holdId(),
                        h != null && h.pending(), false));
                if (l.discount().signum() > 0) {
                    discounted++;
                }
            }
            PosCard cardFact = card == null ? null : new PosCard(card.number(), card.discountPercent(),
                    card.creditDrawing(), card.loadOntoCard(), card.currency().getCurrencyCode(), account.key,
                    account.balance, account.held);
            PlainPosRules.Decision d = PlainPosRules.addItem(
                    new PosAddItem(request.receiptId(), request.lineId(), request.product(), request.price().amount(),
                            request.creditItem(), request.vatPercent(), request.manualDiscountPercent()),
                    new PosReceipt(r.id, r.status, r.currency, r.card, r.cardActive, r.mode, discounted),
                    cardFact, items);
            Instant now = clock.instant();
            Result result;
            if (d.rejected()) {
                result = new Result(key, request, false, d.rejections(), null, null, null, now);
            } else {
                String holdId = null;
                if (d.reserve() != null) {
                    // The store's guard, not only the rule: the available credit never goes below the floor.
                    if (account.available().subtract(d.reserve()).compareTo(account.floor) < 0) {
                        result = new Result(key, request, false, List.of("INSUFFICIENT_BALANCE"), null, null, null, now);
                        outcomes.put(key, result);
                        return result;
                    }
                    holdId = key + "#h1";
                    account.held = account.held.add(d.reserve());
                    holds.put(holdId, new Hold(holdId, card.number(), d.reserve(), r.id, request.lineId(), now, true));
                }
                BigDecimal discount = d.discount() == null ? BigDecimal.ZERO : d.discount();
                r.lines.add(new Line(request.lineId(), request.product(), request.price().amount(), discount,
                        request.creditItem(), holdId));
                result = new Result(key, request, true, List.of(), discount, holdId,
                        account == null ? null : account.available(), now);
            }
            outcomes.put(key, result);
            return result;
        } finally {
            lock.unlock();
        }
    }

    /** Runs set-up work under the shop's lock, as the measured command does. */
    private void locked(Runnable work) {
        lock.lock();
        try {
            work.run();
        } finally {
            lock.unlock();
        }
    }

    /** For the benchmark's own check that it measured applied commands. */
    int lines(String receiptId) {
        lock.lock();
        try {
            return receipts.get(receiptId).lines.size();
        } finally {
            lock.unlock();
        }
    }
}

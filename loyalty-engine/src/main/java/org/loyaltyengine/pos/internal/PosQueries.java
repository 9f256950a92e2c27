package org.loyaltyengine.pos.internal;

import java.math.BigDecimal;
import java.text.Normalizer;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

import org.loyaltyengine.internal.StoreView;
import org.loyaltyengine.pos.CardList;
import org.loyaltyengine.pos.CardMovement;
import org.loyaltyengine.pos.CardStatement;
import org.loyaltyengine.pos.ExpiredVouchers;
import org.loyaltyengine.pos.PosCards;
import org.loyaltyengine.pos.PosRequests.CardSearch;
import org.loyaltyengine.pos.ReceiptView;
import org.loyaltyengine.spi.Account;
import org.loyaltyengine.spi.AccountKey;
import org.loyaltyengine.spi.Card;
import org.loyaltyengine.spi.Document;
import org.loyaltyengine.spi.Hold;
import org.loyaltyengine.spi.HoldState;
import org.loyaltyengine.spi.LedgerEntry;

/** The program's reads: the card list, a card's statement and a receipt as the POS shows it, through a read-only view. */
final class PosQueries {
    private static final Pattern DIACRITICS = Pattern.compile("\\p{M}+");

    private PosQueries() {
    }

    static CardStatement statement(StoreView view, String cardNumber, LocalDate today) {
        Card card = OnReceipt.card(view, cardNumber);
        AccountKey key = PosCards.accountOf(card);
        Account account = view.account(key).orElse(new Account(key, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO));
        List<CardMovement> movements = new ArrayList<>();
        for (LedgerEntry e : view.entries(key)) {
            CardMovement.Kind kind = switch (e.kind()) {
                case TOP_UP -> CardMovement.Kind.LOAD;
                case CAPTURE -> CardMovement.Kind.DRAW;
                case REVERSE -> CardMovement.Kind.REFUND;
                default -> CardMovement.Kind.MANUAL;
            };
            movements.add(new CardMovement(kind, e.amount(), e.recordedAt(), e.actor(), e.document(), e.line(),
                    e.note(), e.rule().rule()));
        }
        for (Hold h : holdsOf(view, card)) {
            movements.add(new CardMovement(CardMovement.Kind.RESERVATION, h.amount().negate(), h.placedAt(),
                    h.actor(), h.document(), h.line(), null, h.rule().rule()));
            if (h.state() == HoldState.RELEASED || h.state() == HoldState.EXPIRED) {
                movements.add(new CardMovement(h.state() == HoldState.RELEASED ? CardMovement.Kind.RELEASE
                        : CardMovement.Kind.EXPIRY, h.amount(), h.settledAt(), h.settledBy(), h.document(), h.line(),
                        null, h.settleRule().rule()));
            }
        }
        movements.sort(Comparator.comparing(CardMovement::time));
        return new CardStatement(card, account.balance(), account.held(), movements, card.expiredOn(today));
    }

    /**
     * A page of the cards matching the search, ordered by number (as the store lists them), each with its
     * account's figures; only the page's accounts are read.
     */
    static CardList cards(StoreView view, CardSearch search, LocalDate today) {
        String wanted = search.text() == null ? null : folded(search.text());
        List<Card> matching = view.cards().stream().filter(c -> wanted == null || folded(c.number()).contains(wanted)
                || folded(c.firstName() + " " + c.lastName()).contains(wanted)
                || folded(c.lastName() + " " + c.firstName()).contains(wanted)).toList();
        int from = Math.min(search.offset(), matching.size());
        int to = Math.min(matching.size(), from + search.limit());
        List<CardList.Row> rows = new ArrayList<>();
        for (Card c : matching.subList(from, to)) {
            rows.add(row(view, c, today));
        }
        return new CardList(rows, search.offset(), matching.size());
    }

    /**
     * The vouchers expired on {@code on} (SPEC PC-12), ordered by number, each with the value it still holds;
     * only their accounts are read.
     */
    static ExpiredVouchers expiredVouchers(StoreView view, LocalDate on) {
        List<CardList.Row> rows = new ArrayList<>();
        for (Card c : view.cards()) {
            if (c.isVoucher() && c.expiredOn(on)) {
                rows.add(row(view, c, on));
            }
        }
        return ExpiredVouchers.of(on, rows);
    }

    private static CardList.Row row(StoreView view, Card card, LocalDate today) {
        Optional<Account> account = view.account(PosCards.accountOf(card));
        return new CardList.Row(card, account.map(Account::balance).orElse(BigDecimal.ZERO),
                account.map(Account::held).orElse(BigDecimal.ZERO), card.expiredOn(today));
    }

    // A cashier types "novakova" for Nováková: compare without case and without diacritics.
    private static String folded(String text) {
        return DIACRITICS.matcher(Normalizer.normalize(text, Normalizer.Form.NFD)).replaceAll("").toLowerCase(Locale.ROOT);
    }

    static ReceiptView receipt(StoreView view, String receiptId) {
        Receipt r = OnReceipt.receipt(view, receiptId);
        // Drawn: the reservation still holds, or the payment made it a draw; a released or expired one
        // took nothing from the card, so that item is paid at the till.
        // What the credit pays is the reservation's amount: the price, or what a voucher had left (PC-12).
        List<ReceiptView.Item> items = r.items().stream().map(i -> {
            Optional<Hold> drawing = i.holdId() == null ? Optional.empty() : view.hold(i.holdId())
                    .filter(h -> h.state() == HoldState.PENDING || h.state() == HoldState.CAPTURED);
            return new ReceiptView.Item(i.lineId(), i.product(), i.price(), i.discount(), i.creditItem(), i.deleted(),
                    i.holdId(), drawing.isPresent(), drawing.map(Hold::amount).orElse(BigDecimal.ZERO));
        }).toList();
        return new ReceiptView(r.id(), r.status().name(), r.currency().getCurrencyCode(), r.cardNumber(), r.cardActive(),
                r.cardMode() == null ? null : r.cardMode().name(), items, refunds(view, r.id()));
    }

    /** The refunds of a receipt (SPEC X-13), oldest first. */
    private static List<ReceiptView.Refund> refunds(StoreView view, String receiptId) {
        List<ReceiptView.Refund> refunds = new ArrayList<>();
        for (Document d : view.documents(RefundRecord.TYPE, receiptId)) {
            RefundRecord r = RefundRecord.from(d);
            BigDecimal given = BigDecimal.ZERO;
            BigDecimal taken = BigDecimal.ZERO;
            List<String> lines = new ArrayList<>();
            for (RefundRecord.Line l : r.lines()) {
                lines.add(l.lineId());
                given = given.add(l.givenBack());
                taken = taken.add(l.takenBack());
            }
            refunds.add(new ReceiptView.Refund(r.refundId(), r.date(), r.at(), r.user(), lines, given, taken));
        }
        refunds.sort(Comparator.comparing(ReceiptView.Refund::time, Comparator.nullsFirst(Comparator.naturalOrder()))
                .thenComparing(ReceiptView.Refund::refundId));
        return refunds;
    }

    private static List<Hold> holdsOf(StoreView view, Card card) {
        AccountKey key = PosCards.accountOf(card);
        List<Hold> holds = new ArrayList<>(view.pendingHolds(key));
        // Settled holds are found through the receipts that placed them; a receipt is owned by its card.
        for (Document r : view.documents(Receipt.TYPE, card.number())) {
            for (Hold h : view.holdsOfDocument(r.id())) {
                if (h.account().equals(key) && !h.isPending()) {
                    holds.add(h);
                }
            }
        }
        return holds;
    }
}

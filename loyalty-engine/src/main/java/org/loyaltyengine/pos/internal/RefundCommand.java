package org.loyaltyengine.pos.internal;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.loyaltyengine.CommandContext;
import org.loyaltyengine.InternalDefectException;
import org.loyaltyengine.NoSuchEntityException;
import org.loyaltyengine.internal.Applied;
import org.loyaltyengine.internal.Command;
import org.loyaltyengine.internal.Permission;
import org.loyaltyengine.internal.StoreView;
import org.loyaltyengine.internal.Write;
import org.loyaltyengine.pos.PosCards;
import org.loyaltyengine.pos.PosRequests.Refund;
import org.loyaltyengine.rules.facts.Decision;
import org.loyaltyengine.rules.facts.PosRefund;
import org.loyaltyengine.rules.facts.PosRefundLine;
import org.loyaltyengine.rules.facts.PosRefundTaken;
import org.loyaltyengine.rules.facts.PosRefunded;
import org.loyaltyengine.spi.Account;
import org.loyaltyengine.spi.AccountKey;
import org.loyaltyengine.spi.Card;
import org.loyaltyengine.spi.Document;
import org.loyaltyengine.spi.EntryKind;
import org.loyaltyengine.spi.LedgerEntry;
import org.loyaltyengine.spi.LockKey;

/**
 * Refunds a paid receipt, whole or by line (SPEC X-13): what the card's credit paid for the lines goes back
 * to the card, what their top-ups loaded onto it is taken back, each line once. The refund is kept as a
 * document of its own ({@link RefundRecord}), owned by the receipt, so the receipt itself is never written
 * again after payment, and a later refund of the receipt finds which lines were taken.
 *
 * <p>What each line drew and loaded is read from the card's ledger (the receipt's CAPTURE and TOP_UP
 * entries on the card's account), not from the line's price: a refund gives back exactly what moved.
 * The rules ({@code refund.drl}) decide whether the refund is allowed and what it posts.
 */
final class RefundCommand implements Command<Refund, RefundCommand.Context> {
    /**
     * @param refunded the refund that took each line of the receipt already, by line id
     * @param taken    the receipt the refund id was used for already, empty if it is free
     */
    record Context(Refund request, Receipt receipt, Optional<Card> card, Map<String, BigDecimal> drawn,
                   Map<String, BigDecimal> loaded, Map<String, String> refunded, Optional<String> taken, Instant now,
                   String user, LocalDate date) {
    }

    private final Clock clock;

    RefundCommand(Clock clock) {
        this.clock = clock;
    }

    @Override
    public String name() {
        return PosCards.PROGRAM + ".refund";
    }

    @Override
    public String ruleSet() {
        return PosCards.PROGRAM;
    }

    @Override
    public Permission permission(Refund refund) {
        return Permission.of(PosCards.REFUND_PERMISSION);
    }

    /** The receipt (every refund of it locks it, so two refunds of one receipt decide one after the other) and the refund's own id. */
    @Override
    public Set<LockKey> keys(Refund refund, CommandContext ctx) {
        return Set.of(Receipt.lock(refund.receiptId()), RefundRecord.lock(refund.refundId()));
    }

    @Override
    public Context load(StoreView view, Refund refund, CommandContext ctx) {
        Receipt receipt = OnReceipt.receipt(view, refund.receiptId());
        for (String line : refund.lineIds()) {
            if (receipt.item(line).isEmpty()) {
                throw new NoSuchEntityException("receipt line", refund.receiptId() + "/" + line);
            }
        }
        Optional<Card> card = Optional.ofNullable(receipt.cardNumber()).map(n -> OnReceipt.card(view, n));
        Map<String, BigDecimal> drawn = new HashMap<>();
        Map<String, BigDecimal> loaded = new HashMap<>();
        if (card.isPresent()) {
            AccountKey account = PosCards.accountOf(card.get());
            for (LedgerEntry e : view.entriesOfDocument(receipt.id())) {
                if (!e.account().equals(account) || e.line() == null) {
                    continue;
                }
                if (e.kind() == EntryKind.CAPTURE) {
                    drawn.merge(e.line(), e.amount().negate(), BigDecimal::add);
                } else if (e.kind() == EntryKind.TOP_UP) {
                    loaded.merge(e.line(), e.amount(), BigDecimal::add);
                }
            }
        }
        Map<String, String> refunded = new HashMap<>();
        for (Document d : view.documents(RefundRecord.TYPE, receipt.id())) {
            RefundRecord.linesOf(d).forEach(l -> refunded.putIfAbsent(l, d.id()));
        }
        Optional<String> taken = view.document(RefundRecord.TYPE, refund.refundId()).map(d -> d.owner() == null ? ""
                : d.owner());
        return new Context(refund, receipt, card, drawn, loaded, refunded, taken, clock.instant(), ctx.actor().user(),
                ctx.businessDate());
    }

    @Override
    public Map<AccountKey, BigDecimal> accounts(Context c) {
        return c.card().map(k -> Map.of(PosCards.accountOf(k), BigDecimal.ZERO)).orElse(Map.of());
    }

    @Override
    public List<Object> facts(Context c, Map<AccountKey, Account> accounts) {
        Refund r = c.request();
        List<Object> facts = new ArrayList<>();
        facts.add(new PosRefund(r.receiptId(), r.refundId(), r.whole()));
        c.taken().ifPresent(receipt -> facts.add(new PosRefundTaken(r.refundId(), receipt)));
        facts.add(c.receipt().fact());
        c.card().ifPresent(k -> facts.add(OnReceipt.cardFact(k, accounts.get(PosCards.accountOf(k)))));
        Set<String> named = new HashSet<>(r.lineIds());
        for (Receipt.Item i : c.receipt().items()) {
            facts.add(new PosRefundLine(r.receiptId(), i.lineId(), r.whole() || named.contains(i.lineId()), i.deleted(),
                    i.creditItem(), i.discount(), c.drawn().getOrDefault(i.lineId(), BigDecimal.ZERO),
                    c.loaded().getOrDefault(i.lineId(), BigDecimal.ZERO), c.refunded().get(i.lineId())));
        }
        return facts;
    }

    @Override
    public List<Write> writes(Context c, Decision decision, Applied applied) {
        PosRefunded done = decision.resultOf(PosRefunded.class)
                .filter(d -> d.refundId().equals(c.request().refundId()))
                .orElseThrow(() -> new InternalDefectException("the rules let refund " + c.request().refundId()
                        + " of receipt " + c.receipt().id() + " through without deciding what it took (a PosRefunded result)"));
        Set<String> took = new HashSet<>(done.lines());
        List<RefundRecord.Line> lines = new ArrayList<>(took.size());
        // In receipt order, as the receipt shows them.
        for (Receipt.Item i : c.receipt().items()) {
            if (took.remove(i.lineId())) {
                lines.add(new RefundRecord.Line(i.lineId(), i.product(), i.quantity(), i.price(),
                        c.drawn().getOrDefault(i.lineId(), BigDecimal.ZERO),
                        c.loaded().getOrDefault(i.lineId(), BigDecimal.ZERO)));
            }
        }
        if (!took.isEmpty()) {
            throw new InternalDefectException("refund " + done.refundId() + " took lines " + took + ", which receipt "
                    + c.receipt().id() + " does not have");
        }
        return List.of(Write.save(new RefundRecord(done.refundId(), c.receipt().id(), c.receipt().cardNumber(), c.date(),
                c.receipt().currency(), c.now(), c.user(), lines).toDocument()));
    }
}

package org.loyaltyengine.testing.card;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.loyaltyengine.testing.card.CardFixtures.DAY;
import static org.loyaltyengine.testing.card.CardFixtures.MANAGER;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.PropertyDefaults;
import net.jqwik.api.Provide;
import net.jqwik.api.Tag;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.statistics.Statistics;

import org.loyaltyengine.LoyaltyEngine;
import org.loyaltyengine.card.CardRequests.AddValue;
import org.loyaltyengine.card.CardRequests.Configure;
import org.loyaltyengine.card.CardRequests.CreditNote;
import org.loyaltyengine.card.CardRequests.Enrol;
import org.loyaltyengine.card.CardRequests.RemoveLine;
import org.loyaltyengine.card.CardRequests.ReturnLine;
import org.loyaltyengine.card.CardRequests.Sale;
import org.loyaltyengine.card.CardRequests.SaleLine;
import org.loyaltyengine.card.CardRequests.Settle;
import org.loyaltyengine.card.CardRequests.Unlock;
import org.loyaltyengine.card.CardLine;
import org.loyaltyengine.card.CardStatus;
import org.loyaltyengine.card.CustomerCards;
import org.loyaltyengine.rules.facts.CardSettlementResult;
import org.loyaltyengine.spi.AccountKey;
import org.loyaltyengine.spi.EntryKind;
import org.loyaltyengine.spi.InvalidValueException;
import org.loyaltyengine.spi.LedgerEntry;
import org.loyaltyengine.spi.LoyaltyStore;
import org.loyaltyengine.spi.Money;
import org.loyaltyengine.spi.Outcome;
import org.loyaltyengine.testing.LedgerInvariants;
import org.loyaltyengine.testing.MutableClock;

/**
 * Value conservation of the customer card over random command sequences (SPEC CC-5..CC-8, X-3, X-13):
 * sales locked, unlocked and locked again, partial and full credit notes, lines removed by hand before and
 * after returns, manual values added and removed, settlements (with the settling document's own lines)
 * followed by unlocks and returns of what was settled, enrolment after locked and partly returned sales;
 * amounts include zero, a cent, and a refused negative.
 *
 * <p>A model written here predicts each command's status and what it moves. After every step: an applied
 * command wrote exactly the entries its outcome reports (read back from the ledger), none of zero amount,
 * summing to the model's movement; the balance is the sum of the ledger; the open card equals the model's
 * and the sum of its open lines; per line, what was taken off never exceeds what the line put on; and
 * settled + open equals the sum of what every line keeps (CC-8). The open card is never negative, except
 * by a credit note for a value settled already, which the practice claims back on the next card.
 *
 * <p>This is the card's returns property: abstract so that every store runs it, each try in a practice (tenant) of
 * its own, so one store serves every try of the class. A store on a database runs fewer tries
 * ({@code @PropertyDefaults} on the concrete class): every step is a few round trips.
 */
@PropertyDefaults(tries = 30, edgeCases = EdgeCasesMode.NONE)
public abstract class CustomerCardReturnsProperties {
    private LoyaltyStore store;
    private LoyaltyEngine engine;

    /** The store under test, asked for once per class. */
    protected abstract LoyaltyStore newStore();

    private LoyaltyStore store() {
        if (store == null) {
            store = newStore();
            engine = LoyaltyEngine.builder().store(store)
                    .clock(new MutableClock(Instant.parse("2026-06-15T09:00:00Z"))).build();
        }
        return store;
    }

    /** Product, eligible, percentage in force (the default 10% where the product has none). */
    private static final String[][] PRODUCTS = {
            {"food", "true", "10"}, {"premium", "true", "15"}, {"treat", "true", "7.5"}, {"consult", "false", "0"}};

    public enum Kind { LOCK, UNLOCK, CREDIT_NOTE, REMOVE_LINE, ADD_VALUE, REMOVE_MANUAL, SETTLE, ENROL, NEGATIVE_LINE }

    public record LineSpec(int product, int quantity, int cents) {
    }

    public record Op(Kind kind, int doc, int line, int quantity, int cents) {
    }

    @Provide
    Arbitrary<List<List<LineSpec>>> documents() {
        Arbitrary<LineSpec> line = Combinators.combine(Arbitraries.integers().between(0, PRODUCTS.length - 1),
                CardArbitraries.quantities(), CardArbitraries.lineCents()).as(LineSpec::new);
        return line.list().ofMinSize(1).ofMaxSize(2).list().ofMinSize(1).ofMaxSize(3);
    }

    @Provide
    Arbitrary<Op> op() {
        Arbitrary<Kind> kind = Arbitraries.frequency(Tuple.of(5, Kind.LOCK), Tuple.of(3, Kind.UNLOCK),
                Tuple.of(6, Kind.CREDIT_NOTE), Tuple.of(5, Kind.REMOVE_LINE), Tuple.of(2, Kind.ADD_VALUE),
                Tuple.of(1, Kind.REMOVE_MANUAL), Tuple.of(3, Kind.SETTLE), Tuple.of(1, Kind.ENROL),
                Tuple.of(1, Kind.NEGATIVE_LINE));
        return Combinators.combine(kind, Arbitraries.integers().between(0, 3), Arbitraries.integers().between(0, 1),
                Arbitraries.integers().between(1, 2), Arbitraries.integers().between(1, 9000)).as(Op::new);
    }

    // ------------------------------------------------------------------ the model

    static final class MLine {
        final String doc;
        final String id;
        final BigDecimal value;
        final BigDecimal quantity;
        final boolean manual;
        BigDecimal onCard = BigDecimal.ZERO;
        BigDecimal open = BigDecimal.ZERO;
        BigDecimal returned = BigDecimal.ZERO;
        BigDecimal net = BigDecimal.ZERO;
        BigDecimal put = BigDecimal.ZERO;
        boolean removed;
        boolean claimedBack;

        MLine(String doc, String id, BigDecimal value, BigDecimal quantity, boolean manual) {
            this.doc = doc;
            this.id = id;
            this.value = value;
            this.quantity = quantity;
            this.manual = manual;
        }
    }

    static final class MDoc {
        final String id;
        final List<SaleLine> lines;
        String status;
        boolean returns;

        MDoc(String id, List<SaleLine> lines) {
            this.id = id;
            this.lines = lines;
        }
    }

    /** A settlement in force: its document, what it paid out, and what each line had on the card it settled. */
    record MSettlement(String doc, BigDecimal total, Map<MLine, BigDecimal> open) {
    }

    static final class Model {
        boolean enrolled;
        BigDecimal settled = BigDecimal.ZERO;
        /** The settlements in force, the latest last (CC-12: only the latest can be taken back). */
        final List<MSettlement> settlements = new ArrayList<>();
        final Map<String, MDoc> docs = new LinkedHashMap<>();
        final Map<String, MLine> lines = new LinkedHashMap<>();

        BigDecimal open() {
            return lines.values().stream().map(l -> l.open).reduce(BigDecimal.ZERO, BigDecimal::add);
        }

        MLine line(String doc, String id) {
            return lines.get(doc + "/" + id);
        }

        /** Books an amount on a line: what it keeps, what is left of it on the open card. */
        BigDecimal book(MLine l, BigDecimal amount, boolean countsOnCard) {
            if (amount.signum() == 0) {
                return BigDecimal.ZERO;
            }
            l.open = l.open.add(amount);
            l.net = l.net.add(amount);
            if (amount.signum() > 0) {
                l.put = l.put.add(amount);
            }
            if (countsOnCard) {
                l.onCard = l.onCard.add(amount);
            }
            return amount;
        }
    }

    private static BigDecimal cardValue(BigDecimal amount, String percent) {
        return amount.multiply(new BigDecimal(percent)).divide(BigDecimal.valueOf(100), amount.scale(),
                RoundingMode.HALF_UP);
    }

    private static BigDecimal share(BigDecimal value, BigDecimal returned, BigDecimal quantity) {
        return value.multiply(returned).divide(quantity, value.scale(), RoundingMode.HALF_UP);
    }

    private static String[] product(SaleLine l) {
        for (String[] p : PRODUCTS) {
            if (p[0].equals(l.product())) {
                return p;
            }
        }
        throw new IllegalArgumentException(l.product());
    }

    /** The model's line for a sale line, made when first seen. */
    private static MLine lineOf(Model m, String doc, SaleLine l) {
        return m.lines.computeIfAbsent(doc + "/" + l.lineId(), k -> {
            String[] p = product(l);
            BigDecimal value = Boolean.parseBoolean(p[1]) ? cardValue(l.amount().amount(), p[2]) : BigDecimal.ZERO;
            return new MLine(doc, l.lineId(), value, l.quantity(), false);
        });
    }

    private static boolean eligible(SaleLine l) {
        return Boolean.parseBoolean(product(l)[1]);
    }

    // ------------------------------------------------------------------ the property

    @Property
    @Tag("CC-5")
    @Tag("CC-6")
    @Tag("CC-7")
    @Tag("CC-8")
    @Tag("X-3")
    @Tag("X-13")
    void anySequence_conservesTheCardAndWritesWhatItReports(@ForAll("documents") List<List<LineSpec>> specs,
                                                            @ForAll @Size(min = 10, max = 40)
                                                            List<@net.jqwik.api.From("op") Op> ops,
                                                            @ForAll @net.jqwik.api.constraints.IntRange(max = 3)
                                                            int enrolment) {
        boolean enrolledFirst = enrolment > 0;
        LoyaltyStore on = store();
        CardFixtures vet = new CardFixtures(engine, on);
        vet.configure(Configure.percent("10"));
        for (String[] p : PRODUCTS) {
            vet.product(p[0], LocalDate.of(2020, 1, 1), Boolean.parseBoolean(p[1]),
                    p[0].equals("food") || !Boolean.parseBoolean(p[1]) ? null : p[2]);
        }
        Model m = new Model();
        if (enrolledFirst) {
            vet.enrolled("c1");
            m.enrolled = true;
        } else {
            vet.customer("c1");
        }
        AccountKey account = CustomerCards.accountOf("c1", "EUR");
        for (int d = 0; d < specs.size(); d++) {
            List<SaleLine> lines = new ArrayList<>();
            for (int i = 0; i < specs.get(d).size(); i++) {
                LineSpec s = specs.get(d).get(i);
                lines.add(new SaleLine(Integer.toString(i + 1), PRODUCTS[s.product()][0], BigDecimal.valueOf(s.quantity()),
                        Money.of(BigDecimal.valueOf(s.cents(), 2), "EUR")));
            }
            m.docs.put("D" + d, new MDoc("D" + d, lines));
        }
        int n = 0;

        for (Op op : ops) {
            // The sales of the practice; now and then a document a settlement was made on.
            List<MDoc> docs = m.docs.values().stream().filter(d -> d.id.startsWith("D")).toList();
            List<MDoc> settledOn = m.docs.values().stream().filter(d -> d.id.startsWith("S")).toList();
            MDoc doc = op.doc() == 3 && !settledOn.isEmpty() ? settledOn.get(op.cents() % settledOn.size())
                    : docs.get(op.doc() % docs.size());
            SaleLine saleLine = doc.lines.get(op.line() % doc.lines.size());
            BigDecimal amount = BigDecimal.valueOf(op.cents(), 2);
            List<LedgerEntry> before = ledger(vet, account);
            CardStatus cardBefore = vet.card("c1");
            boolean ok;
            BigDecimal moves = BigDecimal.ZERO;
            Outcome o;
            if (doc.status == null && (op.kind() == Kind.UNLOCK || op.kind() == Kind.CREDIT_NOTE)) {
                // A document the practice never recorded is an input error, typed, and changes nothing.
                assertThrows(org.loyaltyengine.NoSuchEntityException.class, () -> {
                    if (op.kind() == Kind.UNLOCK) {
                        vet.unlock(doc.id);
                    } else {
                        vet.cards.creditNote(vet.next(), new CreditNote("CN-none", doc.id,
                                List.of(new ReturnLine(saleLine.lineId(), BigDecimal.ONE))));
                    }
                });
                assertEquals(before, ledger(vet, account));
                continue;
            }
            switch (op.kind()) {
                case LOCK -> {
                    ok = !"LOCKED".equals(doc.status);
                    if (ok) {
                        if (m.enrolled) {
                            for (SaleLine l : doc.lines) {
                                MLine ml = lineOf(m, doc.id, l);
                                if (eligible(l) && ml.onCard.signum() == 0) {
                                    moves = moves.add(m.book(ml, ml.value, true));
                                }
                            }
                        }
                        doc.status = "LOCKED";
                    }
                    o = vet.lock(sale(doc));
                }
                case UNLOCK -> {
                    // CC-12: unlocking the document the card was settled on takes that settlement back, when it
                    // is the latest in force; one settled again after on another document stays.
                    MSettlement top = m.settlements.isEmpty() ? null : m.settlements.get(m.settlements.size() - 1);
                    boolean carries = m.settlements.stream().anyMatch(x -> x.doc().equals(doc.id));
                    ok = "LOCKED".equals(doc.status) && !doc.returns && (!carries || top.doc().equals(doc.id));
                    if (ok && carries) {
                        m.settlements.remove(top);
                        top.open().forEach((ml, v) -> ml.open = ml.open.add(v));
                        m.settled = m.settled.subtract(top.total());
                        moves = moves.add(top.total());
                    }
                    if (ok) {
                        for (SaleLine l : doc.lines) {
                            MLine ml = lineOf(m, doc.id, l);
                            if (ml.open.signum() > 0) {
                                moves = moves.add(m.book(ml, ml.open.negate(), true));
                            }
                        }
                        doc.status = "UNLOCKED";
                    }
                    o = vet.unlock(doc.id);
                }
                case CREDIT_NOTE -> {
                    MLine ml = lineOf(m, doc.id, saleLine);
                    BigDecimal q = BigDecimal.valueOf(op.quantity());
                    ok = "LOCKED".equals(doc.status) && ml.returned.compareTo(ml.quantity) < 0
                            && ml.returned.add(q).compareTo(ml.quantity) <= 0;
                    if (ok) {
                        if (ml.onCard.signum() > 0 && !ml.removed) {
                            BigDecimal off = share(ml.onCard, ml.returned.add(q), ml.quantity)
                                    .subtract(share(ml.onCard, ml.returned, ml.quantity));
                            if (ml.open.signum() <= 0 || off.compareTo(ml.open) > 0) {
                                ml.claimedBack = true;
                            }
                            moves = moves.add(m.book(ml, off.negate(), false));
                        }
                        ml.returned = ml.returned.add(q);
                        doc.returns = true;
                    }
                    o = vet.cards.creditNote(vet.next(), new CreditNote("CN" + (++n), doc.id,
                            List.of(new ReturnLine(saleLine.lineId(), q))));
                }
                case REMOVE_LINE -> {
                    MLine ml = m.line(doc.id, saleLine.lineId());
                    ok = ml != null && ml.open.signum() > 0;
                    if (ok) {
                        moves = moves.add(m.book(ml, ml.open.negate(), false));
                        ml.removed = true;
                    }
                    o = vet.cards.removeLine(vet.next(MANAGER), new RemoveLine("c1", doc.id, saleLine.lineId(), "by hand"));
                }
                case ADD_VALUE -> {
                    String id = "M" + (++n);
                    ok = m.enrolled;
                    if (ok) {
                        MLine ml = new MLine(null, id, amount, BigDecimal.ONE, true);
                        m.lines.put("null/" + id, ml);
                        moves = moves.add(m.book(ml, amount, false));
                    }
                    o = vet.cards.addValue(vet.next(MANAGER), new AddValue("c1", id, Money.of(amount, "EUR"), "paper card"));
                }
                case REMOVE_MANUAL -> {
                    List<MLine> manual = m.lines.values().stream().filter(l -> l.manual).toList();
                    if (manual.isEmpty()) {
                        continue;
                    }
                    MLine ml = manual.get(op.cents() % manual.size());
                    ok = ml.open.signum() > 0;
                    if (ok) {
                        moves = moves.add(m.book(ml, ml.open.negate(), false));
                    }
                    o = vet.cards.removeLine(vet.next(MANAGER), new RemoveLine("c1", null, ml.id, "lost"));
                }
                case SETTLE -> {
                    String id = "S" + (++n);
                    String[] p = PRODUCTS[op.quantity() % PRODUCTS.length];
                    SaleLine own = new SaleLine("1", p[0], BigDecimal.ONE, Money.of(amount, "EUR"));
                    MLine ml = lineOf(m, id, own);
                    BigDecimal total = m.open().add(ml.value);
                    ok = m.enrolled && total.signum() > 0;
                    if (ok) {
                        moves = moves.add(m.book(ml, ml.value, true));
                        Map<MLine, BigDecimal> settledOpen = new LinkedHashMap<>();
                        for (MLine l : m.lines.values()) {
                            settledOpen.put(l, l.open);
                            l.open = BigDecimal.ZERO;
                        }
                        m.settlements.add(new MSettlement(id, total, settledOpen));
                        m.settled = m.settled.add(total);
                        moves = moves.subtract(total);
                        MDoc settling = new MDoc(id, List.of(own));
                        settling.status = "OPEN";
                        m.docs.put(id, settling);
                    } else {
                        m.lines.remove(id + "/1");
                    }
                    o = vet.cards.settle(vet.next(), new Settle(new Sale(id, "c1", DAY, Money.currency("EUR"),
                            List.of(own))));
                    if (ok) {
                        BigDecimal expected = total;
                        BigDecimal settled = o.result(CardSettlementResult.class).orElseThrow().settlement();
                        assertEquals(0, expected.compareTo(settled),
                                () -> op + ": settlement " + o.values() + ", model " + expected);
                    }
                }
                case ENROL -> {
                    ok = !m.enrolled;
                    if (ok) {
                        m.enrolled = true;
                        for (MDoc d : m.docs.values()) {
                            if (!"LOCKED".equals(d.status)) {
                                continue;
                            }
                            for (SaleLine l : d.lines) {
                                MLine ml = lineOf(m, d.id, l);
                                if (eligible(l) && ml.onCard.signum() == 0) {
                                    moves = moves.add(m.book(ml, ml.value, true));
                                    if (ml.returned.signum() > 0) {
                                        moves = moves.add(m.book(ml, share(ml.value, ml.returned, ml.quantity).negate(),
                                                false));
                                    }
                                }
                            }
                        }
                    }
                    o = vet.cards.enrol(vet.next(), new Enrol("c1"));
                }
                case NEGATIVE_LINE -> {
                    // A negative line is refused before anything is decided: returns are credit notes.
                    assertThrows(InvalidValueException.class, () -> new SaleLine("1", "food", BigDecimal.ONE,
                            Money.of(amount.negate(), "EUR")));
                    continue;
                }
                default -> throw new IllegalStateException(op.toString());
            }

            boolean expectApplied = ok;
            String step = op + " on " + doc.id + "/" + saleLine.lineId();
            Statistics.label("outcomes").collect(op.kind() + " " + (o.applied() ? "applied" + (o.entries().isEmpty()
                    ? "" : " " + o.entries().stream().map(LedgerEntry::kind).distinct().sorted().toList())
                    : o.reasonCodes().stream().distinct().sorted().toList()));
            assertEquals(expectApplied, o.applied(), () -> step + ": expected " + (expectApplied ? "applied"
                    : "rejected") + ", was " + o.reasonCodes());
            List<LedgerEntry> after = ledger(vet, account);
            List<LedgerEntry> written = LedgerInvariants.written(before, after, step);
            LedgerInvariants.assertWroteWhatItReports(o, written, step);
            if (o.rejected()) {
                assertEquals(cardBefore, vet.card("c1"), () -> step + ": a rejected command changed the card");
            }
            BigDecimal moved = written.stream().map(LedgerEntry::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
            BigDecimal expectedMoves = moves;
            assertEquals(0, expectedMoves.compareTo(moved), () -> step + ": moved " + moved + ", model " + expectedMoves);
            assertInvariants(vet, account, m, after, step);
        }
    }

    private static Sale sale(MDoc doc) {
        return new Sale(doc.id, "c1", DAY, Money.currency("EUR"), doc.lines);
    }

    private static List<LedgerEntry> ledger(CardFixtures vet, AccountKey account) {
        return LedgerInvariants.ledger(vet.store, vet.practice, account);
    }

    private static void assertInvariants(CardFixtures vet, AccountKey account, Model m, List<LedgerEntry> ledger,
                                         String step) {
        LedgerInvariants.assertBalanced(vet.store, vet.practice, account, ledger, step);
        CardStatus card = vet.card("c1");
        assertEquals(0, m.open().compareTo(card.amount()), () -> step + ": open card " + card.amount() + ", model "
                + m.open());
        BigDecimal ofLines = card.lines().stream().map(CardLine::value).reduce(BigDecimal.ZERO, BigDecimal::add);
        assertEquals(0, ofLines.compareTo(card.amount()), () -> step + ": open card == sum of its open lines");
        boolean claimedBack = m.lines.values().stream().anyMatch(l -> l.claimedBack);
        assertTrue(claimedBack || card.amount().signum() >= 0, () -> step + ": open card below zero " + card.amount());
        // Per line: what was taken off never exceeds what the line put on; the model agrees entry by entry.
        Map<String, BigDecimal> netOfLine = new LinkedHashMap<>();
        Map<String, BigDecimal> putOfLine = new LinkedHashMap<>();
        BigDecimal settled = BigDecimal.ZERO;
        for (LedgerEntry e : ledger) {
            // A settlement, and one taken back (CC-12: a REVERSE entry of its document without a line).
            if (e.kind() == EntryKind.SETTLE || e.kind() == EntryKind.REVERSE && e.line() == null) {
                settled = settled.subtract(e.amount());
                continue;
            }
            String key = e.document() + "/" + e.line();
            netOfLine.merge(key, e.amount(), BigDecimal::add);
            if (e.amount().signum() > 0) {
                putOfLine.merge(key, e.amount(), BigDecimal::add);
            }
        }
        netOfLine.forEach((key, net) -> assertTrue(net.signum() >= 0, () -> step + ": line " + key
                + " gave back more than it put on: " + net));
        for (MLine l : m.lines.values()) {
            String key = l.doc + "/" + l.id;
            BigDecimal net = netOfLine.getOrDefault(key, BigDecimal.ZERO);
            assertEquals(0, l.net.compareTo(net), () -> step + ": line " + key + " keeps " + net + ", model " + l.net);
            assertEquals(0, l.put.compareTo(putOfLine.getOrDefault(key, BigDecimal.ZERO)), () -> step + ": put on " + key);
        }
        BigDecimal settledInLedger = settled;
        assertEquals(0, m.settled.compareTo(settledInLedger), () -> step + ": settled " + settledInLedger);
        BigDecimal kept = m.lines.values().stream().map(l -> l.net).reduce(BigDecimal.ZERO, BigDecimal::add);
        assertEquals(0, settledInLedger.add(card.amount()).compareTo(kept),
                () -> step + ": settled + open == what the lines keep");
    }
}

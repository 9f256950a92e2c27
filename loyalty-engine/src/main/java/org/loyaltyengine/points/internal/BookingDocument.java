package org.loyaltyengine.points.internal;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.UnaryOperator;

import org.loyaltyengine.InternalDefectException;
import org.loyaltyengine.NoSuchEntityException;
import org.loyaltyengine.points.BookingView;
import org.loyaltyengine.points.SavingsPoints;
import org.loyaltyengine.rules.facts.PointsEntryClass;
import org.loyaltyengine.rules.facts.PointsLedgerResult;
import org.loyaltyengine.spi.AccountKey;
import org.loyaltyengine.spi.Checks;
import org.loyaltyengine.spi.Document;
import org.loyaltyengine.spi.DocumentLine;
import org.loyaltyengine.spi.InvalidValueException;
import org.loyaltyengine.spi.LedgerEntry;
import org.loyaltyengine.spi.Money;

/**
 * A booking (dossier) as the program keeps it, typed; the one place that knows how it is stored as a
 * {@code points-booking} {@link Document}. The stored form:
 *
 * <ul>
 *   <li>id: the booking id; owner: the customer id; status {@code OPEN} or {@code CANCELLED}; date: the
 *       business date it was booked on; currency: the one currency of its prices;</li>
 *   <li>attributes {@code paidMoney} and {@code paidPointsValue} (what was paid in money and, in money, with
 *       points), {@code user} (who booked it), and {@code payment.<idempotency key>} for each payment
 *       taken, a line naming type, amount, user and date;</li>
 *   <li>one line per service: line id, the product type as its product, quantity 1, the price as its
 *       amount, attributes {@code supplier}, {@code points} (the points column as last decided),
 *       {@code manualPoints} when the clerk typed a figure in, {@code cancelled=true} once cancelled.</li>
 * </ul>
 *
 * @param version the version read (0 for a booking not stored yet): saved back as a compare-and-set
 */
record BookingDocument(String id, String customerId, Status status, LocalDate date, String currency,
                       BigDecimal paidMoney, BigDecimal paidPointsValue, String user,
                       SortedMap<String, String> payments, SortedMap<String, BigDecimal> ownRates, List<Line> lines,
                       long version) {
    static final String TYPE = "points-booking";
    private static final String PAYMENT = "payment.";
    private static final String OWN_RATE = "ownRate.";

    enum Status { OPEN, CANCELLED }

    /**
     * A service line.
     *
     * @param points       the points column as last decided (the figure the ledger explains); null until decided
     * @param manualPoints a figure the clerk typed in, or null
     */
    record Line(String lineId, String supplier, String productType, BigDecimal price, BigDecimal points,
                BigDecimal manualPoints, boolean cancelled) {
        Line withPoints(BigDecimal newPoints) {
            return new Line(lineId, supplier, productType, price, newPoints, manualPoints, cancelled);
        }

        Line withPrice(BigDecimal newPrice) {
            return new Line(lineId, supplier, productType, newPrice, points, manualPoints, cancelled);
        }

        Line asCancelled() {
            return new Line(lineId, supplier, productType, price, BigDecimal.ZERO, manualPoints, true);
        }
    }

    BookingDocument {
        payments = Collections.unmodifiableSortedMap(new TreeMap<>(payments));
        ownRates = Collections.unmodifiableSortedMap(new TreeMap<>(ownRates));
        lines = List.copyOf(lines);
    }

    /** A booking not stored yet, with nothing paid. */
    static BookingDocument created(String id, String customerId, LocalDate date, String currency, String user,
                                   List<Line> lines) {
        return new BookingDocument(id, customerId, Status.OPEN, date, currency, BigDecimal.ZERO, BigDecimal.ZERO,
                user, new TreeMap<>(), new TreeMap<>(), lines, 0);
    }

    static BookingDocument from(Document d) {
        if (!TYPE.equals(d.type())) {
            throw new InternalDefectException("document " + d.id() + " is a " + d.type() + ", not a booking");
        }
        Status status;
        try {
            status = Status.valueOf(d.status());
        } catch (IllegalArgumentException e) {
            throw new InvalidValueException("booking " + d.id() + " has status '" + d.status()
                    + "', which the savings-points program never gives a booking");
        }
        TreeMap<String, String> payments = new TreeMap<>();
        TreeMap<String, BigDecimal> ownRates = new TreeMap<>();
        d.attributes().forEach((k, v) -> {
            if (k.startsWith(PAYMENT)) {
                payments.put(k.substring(PAYMENT.length()), v);
            } else if (k.startsWith(OWN_RATE)) {
                ownRates.put(k.substring(OWN_RATE.length()), Checks.parseDecimal(v, "booking attribute " + k));
            }
        });
        List<Line> lines = new ArrayList<>();
        for (DocumentLine l : d.lines()) {
            lines.add(new Line(l.lineId(), l.attribute("supplier").orElse(null), l.product(), l.amount(),
                    decimal(l.attribute("points"), "points of line " + l.lineId()),
                    decimal(l.attribute("manualPoints"), "typed-in points of line " + l.lineId()),
                    Boolean.parseBoolean(l.attribute("cancelled").orElse("false"))));
        }
        return new BookingDocument(d.id(), d.owner(), status, d.date(), d.currency(),
                Optional.ofNullable(decimal(d.attribute("paidMoney"), "paidMoney")).orElse(BigDecimal.ZERO),
                Optional.ofNullable(decimal(d.attribute("paidPointsValue"), "paidPointsValue")).orElse(BigDecimal.ZERO),
                d.attribute("user").orElse(null), payments, ownRates, lines, d.version());
    }

    /** The booking as stored; the constructor of {@link Document} checks it against the input contract. */
    Document toDocument() {
        Map<String, String> attributes = new TreeMap<>();
        attributes.put("paidMoney", paidMoney.toPlainString());
        attributes.put("paidPointsValue", paidPointsValue.toPlainString());
        if (user != null) {
            attributes.put("user", user);
        }
        payments.forEach((key, text) -> attributes.put(PAYMENT + key, text));
        ownRates.forEach((key, rate) -> attributes.put(OWN_RATE + key, rate.toPlainString()));
        List<DocumentLine> stored = new ArrayList<>();
        for (Line l : lines) {
            Map<String, String> a = new TreeMap<>();
            if (l.supplier() != null) {
                a.put("supplier", l.supplier());
            }
            a.put("points", (l.points() == null ? BigDecimal.ZERO : l.points()).toPlainString());
            if (l.manualPoints() != null) {
                a.put("manualPoints", l.manualPoints().toPlainString());
            }
            if (l.cancelled()) {
                a.put("cancelled", "true");
            }
            stored.add(new DocumentLine(l.lineId(), l.productType(), BigDecimal.ONE, l.price(), a));
        }
        return new Document(TYPE, id, customerId, status.name(), date, currency, attributes, stored, version);
    }

    // ------------------------------------------------------------------ reading

    Optional<Line> line(String lineId) {
        return lines.stream().filter(l -> l.lineId().equals(lineId)).findFirst();
    }

    /** The line, or the typed error a request naming a line the booking does not have gets. */
    Line requireLine(String lineId) {
        return line(lineId).orElseThrow(() -> new NoSuchEntityException("booking line", id + "/" + lineId));
    }

    /** The price of the live lines, without {@code lineId} or with it at {@code newAmount} (both may be null). */
    BigDecimal liveTotal(String lineId, BigDecimal newAmount) {
        BigDecimal total = BigDecimal.ZERO;
        for (Line l : lines) {
            if (l.cancelled()) {
                continue;
            }
            if (!l.lineId().equals(lineId)) {
                total = total.add(l.price());
            } else if (newAmount != null) {
                total = total.add(newAmount);
            }
        }
        return total;
    }

    /**
     * The booking as a clerk sees it, its points figures from its entries on the customer's points account,
     * taken from {@code entries} (the customer's points entries or the entries naming this document; only
     * those: another program's document of the same id, a card sale, a receipt, is not this booking) and
     * counted as the rules counted them ({@code classes}).
     */
    BookingView view(List<LedgerEntry> entries, PointsLedgerResult classes) {
        AccountKey points = SavingsPoints.accountOf(customerId);
        List<LedgerEntry> own = entries.stream().filter(e -> e.account().equals(points) && id.equals(e.document()))
                .toList();
        List<BookingView.Line> shown = lines.stream().map(l -> new BookingView.Line(l.lineId(), l.supplier(),
                l.productType(), Money.of(l.price(), currency), sum(own, classes, PointsEntryClass.EARNED, l.lineId()),
                l.manualPoints(), l.cancelled())).toList();
        Money total = Money.of(liveTotal(null, null), currency);
        Money money = Money.of(paidMoney, currency);
        Money points2 = Money.of(paidPointsValue, currency);
        return new BookingView(id, customerId, status.name(), date, total, money, points2,
                sum(own, classes, PointsEntryClass.USED, null).negate(), total.minus(money).minus(points2),
                sum(own, classes, PointsEntryClass.EARNED, null), shown, List.copyOf(payments.values()));
    }

    /** The entries of one class, of {@code lineId} (null: of every line), added up. */
    private static BigDecimal sum(List<LedgerEntry> entries, PointsLedgerResult classes, PointsEntryClass which,
                                  String lineId) {
        return entries.stream().filter(e -> classes.classOf(e.sequence()) == which)
                .filter(e -> lineId == null || lineId.equals(e.line()))
                .map(LedgerEntry::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    // ------------------------------------------------------------------ changing

    BookingDocument withLine(String lineId, UnaryOperator<Line> change) {
        return withLines(lines.stream().map(l -> l.lineId().equals(lineId) ? change.apply(l) : l).toList());
    }

    BookingDocument withLines(List<Line> newLines) {
        return new BookingDocument(id, customerId, status, date, currency, paidMoney, paidPointsValue, user, payments,
                ownRates, newLines, version);
    }

    BookingDocument withStatus(Status newStatus) {
        return new BookingDocument(id, customerId, newStatus, date, currency, paidMoney, paidPointsValue, user,
                payments, ownRates, lines, version);
    }

    BookingDocument plusPaidMoney(BigDecimal amount) {
        return new BookingDocument(id, customerId, status, date, currency, paidMoney.add(amount), paidPointsValue,
                user, payments, ownRates, lines, version);
    }

    BookingDocument plusPaidPointsValue(BigDecimal amount) {
        return new BookingDocument(id, customerId, status, date, currency, paidMoney, paidPointsValue.add(amount),
                user, payments, ownRates, lines, version);
    }

    /** Less the money value of points given back ({@code valueRefunded} null: none were). */
    BookingDocument lessRefunded(BigDecimal valueRefunded) {
        return valueRefunded == null ? this : plusPaidPointsValue(valueRefunded.negate());
    }

    /** With one more payment line, under the idempotency key of the command that took it (unique per command). */
    BookingDocument withPayment(String key, String text) {
        TreeMap<String, String> more = new TreeMap<>(payments);
        more.put(key, text);
        return new BookingDocument(id, customerId, status, date, currency, paidMoney, paidPointsValue, user, more,
                ownRates, lines, version);
    }

    /**
     * With the rate a points payment took its points at, under the key of the command that took it, when the
     * clerk gave it with the payment (SPEC SP-21): the accounting values that payment's points at it.
     */
    BookingDocument withOwnRate(String key, BigDecimal rate) {
        TreeMap<String, BigDecimal> more = new TreeMap<>(ownRates);
        more.put(key, rate);
        return new BookingDocument(id, customerId, status, date, currency, paidMoney, paidPointsValue, user, payments,
                more, lines, version);
    }

    /** The rate the payment of command {@code key} was taken at, when it gave its own; else null. */
    BigDecimal ownRateOf(String key) {
        return ownRates.get(key);
    }

    private static BigDecimal decimal(Optional<String> value, String what) {
        return value.map(v -> Checks.parseDecimal(v, "booking attribute " + what)).orElse(null);
    }
}

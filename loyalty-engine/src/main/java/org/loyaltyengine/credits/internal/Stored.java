package org.loyaltyengine.credits.internal;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.loyaltyengine.NoSuchEntityException;
import org.loyaltyengine.credits.CreditRequests.Counting;
import org.loyaltyengine.credits.CreditType;
import org.loyaltyengine.credits.Credits;
import org.loyaltyengine.internal.StoreView;
import org.loyaltyengine.spi.AccountKey;
import org.loyaltyengine.spi.Document;
import org.loyaltyengine.spi.DocumentLine;
import org.loyaltyengine.spi.LockKey;
import org.loyaltyengine.spi.Money;
import org.loyaltyengine.spi.Unit;

/**
 * The one place that knows how the credits program keeps its state in the store's documents and accounts:
 *
 * <ul>
 *   <li>{@code credits-type} (id the code): status {@code DEFINED}, attributes name, unit, counting, faceValue,
 *       the currency in the document's currency;</li>
 *   <li>{@code credits-customer} (id and owner the customer): status {@code USES_CREDITS} or {@code NO_CREDITS};</li>
 *   <li>{@code credits-sale} (owner the customer): status {@code OPEN}, {@code CONFIRMED} or {@code CANCELLED},
 *       attributes {@code confirmedOn}, {@code cancelledOn}; a line per lot: product the type, its quantity, amount
 *       the price paid for the lot, attributes {@code unitPrice}, {@code validUntil}, {@code hold};</li>
 *   <li>{@code credits-usage} (id the source reference {@code invoice:F-1}, owner the customer): a line per work
 *       line that consumed credits: product the type, quantity, amount the billed amount, attributes {@code date},
 *       {@code covered}, {@code billable}, {@code description}, {@code draw.<sale/line>} (credits drawn from that
 *       lot), {@code overdrawn}, {@code creditedBy}, {@code creditedOn};</li>
 *   <li>{@code credits-correction} (id the correction id, owner the customer): status {@code ADDED} or
 *       {@code TAKEN_OFF}, attributes type, quantity (signed), note, user, {@code draw.<sale/line>} (what a taking
 *       off took from that lot); an addition has one line, its free lot ({@code correction:<id>/1}, price 0,
 *       attribute {@code validUntil}).</li>
 * </ul>
 *
 * Each lot has its own account ({@code lot:<sale>/<line>}, unit the credit type, floor zero), so its balance is
 * what is left of it and every movement of it is an entry; what a customer owes of a type where the balance
 * may go negative is on the account {@code overdraft:<customer>} (no floor).
 */
final class Stored {
    static final String TYPE = "credits-type";
    static final String CUSTOMER = "credits-customer";
    static final String SALE = "credits-sale";
    static final String USAGE = "credits-usage";
    static final String CORRECTION = "credits-correction";
    /** The prefix that makes a correction's lot key ({@code correction:<id>/1}) apart from a sale's. */
    static final String CORRECTION_LOT = org.loyaltyengine.credits.CreditRequests.Correction.PREFIX;

    private Stored() {
    }

    /** The key every command that reads or changes a customer's lots holds, so none appears or moves meanwhile. */
    static LockKey customerKey(String customerId) {
        return LockKey.program(Credits.PROGRAM, "customer:" + customerId);
    }

    static AccountKey lotAccount(String saleId, String lineId, String type) {
        return new AccountKey("lot:" + saleId + "/" + lineId, Credits.PROGRAM, Unit.credit(type));
    }

    /** The account of a lot named by its key {@code sale/line}. */
    static AccountKey lotAccount(String lot, String type) {
        return new AccountKey("lot:" + lot, Credits.PROGRAM, Unit.credit(type));
    }

    /** A usage document of {@code reference}, refused when another customer's work was registered on it. */
    static Optional<Document> usage(StoreView view, String reference, String customerId) {
        Optional<Document> usage = view.document(USAGE, reference);
        if (usage.isPresent() && !customerId.equals(usage.get().owner())) {
            throw new org.loyaltyengine.spi.InvalidValueException(reference + " holds work of another customer than "
                    + customerId + "; a document is registered for one customer");
        }
        return usage;
    }

    static AccountKey overdraftAccount(String customerId, String type) {
        return new AccountKey("overdraft:" + customerId, Credits.PROGRAM, Unit.credit(type));
    }

    // ------------------------------------------------------------------ types

    static Document typeDocument(CreditType t, LocalDate date, String user, long version) {
        Map<String, String> a = new TreeMap<>();
        a.put("name", t.name());
        a.put("unit", t.unit());
        a.put("counting", t.counting().name());
        a.put("faceValue", t.faceValue().amount().toPlainString());
        a.put("user", user);
        return new Document(TYPE, t.code(), null, "DEFINED", date, t.faceValue().currency().getCurrencyCode(), a,
                List.of(), version);
    }

    static CreditType type(Document d) {
        return new CreditType(d.id(), d.attributes().get("name"), d.attributes().get("unit"),
                Counting.valueOf(d.attributes().get("counting")), Money.of(d.attributes().get("faceValue"), d.currency()));
    }

    static Optional<CreditType> type(StoreView view, String code) {
        return view.document(TYPE, code).map(Stored::type);
    }

    static CreditType requireType(StoreView view, String code) {
        return type(view, code).orElseThrow(() -> new NoSuchEntityException("credit type", code));
    }

    // ------------------------------------------------------------------ customers

    static boolean usesCredits(StoreView view, String customerId) {
        return view.document(CUSTOMER, customerId).map(d -> "USES_CREDITS".equals(d.status())).orElse(false);
    }

    static Document customerDocument(String customerId, boolean uses, LocalDate date, String user, long version) {
        return new Document(CUSTOMER, customerId, customerId, uses ? "USES_CREDITS" : "NO_CREDITS", date, null,
                Map.of("user", user), List.of(), version);
    }

    // ------------------------------------------------------------------ sales and lots

    /** One lot as stored on its sale. */
    record Lot(String saleId, String lineId, String customerId, String type, BigDecimal quantity, BigDecimal unitPrice,
               String currency, LocalDate soldOn, LocalDate validUntil, String holdId, String saleStatus,
               LocalDate confirmedOn, LocalDate cancelledOn) {
        AccountKey account() {
            return lotAccount(saleId, lineId, type);
        }

        String lot() {
            return saleId + "/" + lineId;
        }

        /** Usable by work on {@code date}: confirmed and within its validity. */
        boolean usableOn(LocalDate date) {
            return "CONFIRMED".equals(saleStatus) && (validUntil == null || !validUntil.isBefore(date));
        }
    }

    static List<Lot> lots(Document sale) {
        List<Lot> lots = new ArrayList<>();
        for (DocumentLine l : sale.lines()) {
            lots.add(new Lot(sale.id(), l.lineId(), sale.owner(), l.product(), l.quantity(),
                    new BigDecimal(l.attributes().get("unitPrice")), sale.currency(), sale.date(),
                    l.attribute("validUntil").map(LocalDate::parse).orElse(null), l.attributes().get("hold"),
                    sale.status(), sale.attribute("confirmedOn").map(LocalDate::parse).orElse(null),
                    sale.attribute("cancelledOn").map(LocalDate::parse).orElse(null)));
        }
        return lots;
    }

    /** Every lot of a customer, in the order of their sales, then the free lots corrections added. */
    static List<Lot> lotsOf(StoreView view, String customerId) {
        List<Lot> lots = new ArrayList<>();
        for (Document sale : view.documents(SALE, customerId)) {
            lots.addAll(lots(sale));
        }
        for (Document correction : view.documents(CORRECTION, customerId)) {
            lots.addAll(correctionLots(correction));
        }
        return lots;
    }

    /** Every lot of the tenant: the sales' and the corrections' free lots. */
    static List<Lot> allLots(StoreView view) {
        List<Lot> lots = new ArrayList<>();
        for (Document sale : view.documents(SALE, null)) {
            lots.addAll(lots(sale));
        }
        for (Document correction : view.documents(CORRECTION, null)) {
            lots.addAll(correctionLots(correction));
        }
        return lots;
    }

    // ------------------------------------------------------------------ corrections

    static AccountKey correctionLotAccount(String correctionId, String type) {
        return lotAccount(CORRECTION_LOT + correctionId, "1", type);
    }

    /**
     * The free lot of an addition, as a lot confirmed on the day of the correction: work draws on it and the
     * expiry sweep expires it like any lot, at price 0.
     */
    static List<Lot> correctionLots(Document correction) {
        List<Lot> lots = new ArrayList<>();
        for (DocumentLine l : correction.lines()) {
            lots.add(new Lot(CORRECTION_LOT + correction.id(), l.lineId(), correction.owner(), l.product(),
                    l.quantity(), BigDecimal.ZERO, correction.currency(), correction.date(),
                    l.attribute("validUntil").map(LocalDate::parse).orElse(null), null, "CONFIRMED",
                    correction.date(), null));
        }
        return lots;
    }

    static Document correctionDocument(org.loyaltyengine.credits.CreditRequests.Correction c, String currency,
                                       LocalDate date, String user, Map<String, BigDecimal> draws) {
        Map<String, String> a = new TreeMap<>();
        a.put("type", c.type());
        a.put("quantity", c.quantity().toPlainString());
        a.put("note", c.note());
        a.put("user", user);
        draws.forEach((lot, q) -> a.put("draw." + lot, q.toPlainString()));
        List<DocumentLine> lines = c.quantity().signum() > 0
                ? List.of(lotLine("1", c.type(), c.quantity(), Money.of(BigDecimal.ZERO, currency), c.validUntil(), null))
                : List.of();
        return new Document(CORRECTION, c.correctionId(), c.customerId(), c.quantity().signum() > 0 ? "ADDED"
                : "TAKEN_OFF", date, currency, a, lines, 0);
    }

    /** A correction as the usage report lists it. */
    record CorrectionRow(String correctionId, String type, BigDecimal quantity, LocalDate date, String note,
                         String user) {
    }

    static CorrectionRow correctionRow(Document d) {
        return new CorrectionRow(d.id(), d.attributes().get("type"), new BigDecimal(d.attributes().get("quantity")),
                d.date(), d.attributes().get("note"), d.attributes().get("user"));
    }

    static DocumentLine lotLine(String lineId, String type, BigDecimal quantity, Money unitPrice, LocalDate validUntil,
                                String holdId) {
        Map<String, String> a = new TreeMap<>();
        a.put("unitPrice", unitPrice.amount().toPlainString());
        if (validUntil != null) {
            a.put("validUntil", validUntil.toString());
        }
        if (holdId != null) {
            a.put("hold", holdId);
        }
        return new DocumentLine(lineId, type, quantity, quantity.multiply(unitPrice.amount()), a);
    }

    // ------------------------------------------------------------------ usage

    /** One line of work that consumed credits, as kept on its usage document. */
    record UsageLine(String lineId, String type, BigDecimal quantity, LocalDate date, BigDecimal covered,
                     BigDecimal billable, BigDecimal billableAmount, String description, Map<String, BigDecimal> draws,
                     BigDecimal overdrawn, String creditedBy, LocalDate creditedOn) {
        DocumentLine toLine() {
            Map<String, String> a = new TreeMap<>();
            a.put("date", date.toString());
            a.put("covered", covered.toPlainString());
            a.put("billable", billable.toPlainString());
            if (description != null) {
                a.put("description", description);
            }
            draws.forEach((lot, q) -> a.put("draw." + lot, q.toPlainString()));
            if (overdrawn.signum() != 0) {
                a.put("overdrawn", overdrawn.toPlainString());
            }
            if (creditedBy != null) {
                a.put("creditedBy", creditedBy);
                a.put("creditedOn", creditedOn.toString());
            }
            return new DocumentLine(lineId, type, quantity, billableAmount, a);
        }

        UsageLine credited(String creditNote, LocalDate on) {
            return new UsageLine(lineId, type, quantity, date, covered, billable, billableAmount, description, draws,
                    overdrawn, creditNote, on);
        }
    }

    static List<UsageLine> usageLines(Document usage) {
        List<UsageLine> lines = new ArrayList<>();
        for (DocumentLine l : usage.lines()) {
            Map<String, BigDecimal> draws = new LinkedHashMap<>();
            l.attributes().forEach((k, v) -> {
                if (k.startsWith("draw.")) {
                    draws.put(k.substring(5), new BigDecimal(v));
                }
            });
            lines.add(new UsageLine(l.lineId(), l.product(), l.quantity(), LocalDate.parse(l.attributes().get("date")),
                    new BigDecimal(l.attributes().get("covered")), new BigDecimal(l.attributes().get("billable")),
                    l.amount(), l.attributes().get("description"), draws,
                    l.attribute("overdrawn").map(BigDecimal::new).orElse(BigDecimal.ZERO),
                    l.attributes().get("creditedBy"), l.attribute("creditedOn").map(LocalDate::parse).orElse(null)));
        }
        return lines;
    }

    static Document usageDocument(Document read, String reference, String customerId, LocalDate date, String currency,
                                  List<UsageLine> lines, String note) {
        Map<String, String> a = new TreeMap<>(read == null ? Map.of() : read.attributes());
        if (note != null && !a.containsKey("note")) {
            a.put("note", note);
        }
        List<DocumentLine> docLines = new ArrayList<>();
        for (UsageLine l : lines) {
            docLines.add(l.toLine());
        }
        return new Document(USAGE, reference, customerId, "REGISTERED", read == null ? date : read.date(),
                read == null ? currency : read.currency(), a, docLines, read == null ? 0 : read.version());
    }
}

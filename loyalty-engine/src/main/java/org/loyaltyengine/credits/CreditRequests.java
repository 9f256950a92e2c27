package org.loyaltyengine.credits;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;

import org.loyaltyengine.spi.Checks;
import org.loyaltyengine.spi.InvalidValueException;
import org.loyaltyengine.spi.Limits;
import org.loyaltyengine.spi.Money;

/**
 * The requests of the prepaid credits program (seed 002). Each validates in its compact constructor, so a
 * malformed one is a typed error ({@link InvalidValueException}) before any command runs; what needs the
 * store (an unknown credit type) or the policy (a whole unit sold in fractions) is refused by the command.
 */
public final class CreditRequests {
    private CreditRequests() {
    }

    /** How the credits of a type are counted: in whole units (tickets, copies) or in fractions (hours). */
    public enum Counting { WHOLE, FRACTIONAL }

    /**
     * Defines a credit type, or changes its name, unit, counting and face value (SPEC CR-1). Its currency never
     * changes once lots of it are sold in it.
     *
     * @param code      the type's key, e.g. {@code HOUR}
     * @param unit      what one credit is, e.g. "hour", "copy", "ticket", "training voucher"
     * @param faceValue the money one credit stands for
     */
    public record DefineType(String code, String name, String unit, Counting counting, Money faceValue) {
        public DefineType {
            Checks.identifier(code, "credit type code", Limits.UNIT_CODE);
            Checks.name(name, "credit type name", Limits.NAME);
            Checks.name(unit, "credit type unit", Limits.NAME);
            Checks.notNull(counting, "counting of credit type " + code);
            Checks.notNull(faceValue, "face value of credit type " + code);
            if (faceValue.amount().signum() <= 0) {
                throw new InvalidValueException("the face value of credit type " + code + " must be positive, was "
                        + faceValue.amount().toPlainString());
            }
        }
    }

    /** Whether credits apply to a customer (SPEC CR-2); a customer never set has none. */
    public record UseCredits(String customerId, boolean usesCredits) {
        public UseCredits {
            Checks.identifier(customerId, "customer id", Limits.IDENTIFIER);
        }
    }

    /**
     * The program's settings. {@code priceAboveFaceValue}: whether a lot may be sold above its type's face value;
     * {@code negativeBalance}: whether work a customer's credits do not cover is consumed into a negative balance
     * (settled from the next lot confirmed) instead of being billed.
     */
    public record Configure(boolean priceAboveFaceValue, boolean negativeBalance) {
    }

    /**
     * One lot of a sale: {@code quantity} credits of a type at the price actually paid per credit, valid up to and
     * including {@code validUntil} (null: no end).
     */
    public record SaleLine(String lineId, String type, BigDecimal quantity, Money unitPrice, LocalDate validUntil) {
        public SaleLine {
            Checks.identifier(lineId, "sale line id", Limits.IDENTIFIER);
            Checks.identifier(type, "credit type of sale line " + lineId, Limits.UNIT_CODE);
            positive(quantity, "quantity of sale line " + lineId);
            Checks.notNull(unitPrice, "unit price of sale line " + lineId);
            if (unitPrice.amount().signum() < 0) {
                throw new InvalidValueException("the unit price of sale line " + lineId + " must not be negative, was "
                        + unitPrice.amount().toPlainString());
            }
        }
    }

    /**
     * A sales document selling credits to a customer (SPEC CR-3): while it is open its credits are reserved for
     * the customer; {@link ConfirmSale} makes them available, {@link CancelSale} releases them.
     */
    public record Sell(String saleId, String customerId, List<SaleLine> lines) {
        public Sell {
            Checks.identifier(saleId, "sale id", Limits.IDENTIFIER);
            // A correction's free lot is named correction:<id>; a sale of that name would share its account.
            if (saleId.startsWith(Correction.PREFIX)) {
                throw new InvalidValueException("sale id " + saleId + " begins with '" + Correction.PREFIX
                        + "', which names a correction's own lot; give the sale another id");
            }
            Checks.identifier(customerId, "customer id", Limits.IDENTIFIER);
            lines = Checks.list(lines, "sale lines");
            if (lines.isEmpty()) {
                throw new InvalidValueException("sale " + saleId + " has no lines; a sale sells at least one lot");
            }
            if (lines.stream().map(SaleLine::lineId).distinct().count() != lines.size()) {
                throw new InvalidValueException("sale " + saleId + " names a line id twice; each lot has its own");
            }
        }
    }

    /** Confirms an open sale: its credits become available. */
    public record ConfirmSale(String saleId) {
        public ConfirmSale {
            Checks.identifier(saleId, "sale id", Limits.IDENTIFIER);
        }
    }

    /** Cancels a sale: an open one releases its reservation, a confirmed one takes back credits none consumed. */
    public record CancelSale(String saleId) {
        public CancelSale {
            Checks.identifier(saleId, "sale id", Limits.IDENTIFIER);
        }
    }

    /** The kinds of document credits are consumed from (SPEC CR-4). */
    public enum Source {
        INVOICE, DELIVERY_NOTE, CASH_SALE, SERVICE_REPORT, HELPDESK_TICKET, EVENT, MANUAL;

        /** The prefix of a usage document's id and of its entries' document. */
        public String code() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    /** The document work is registered on: its kind and the host's id of it. */
    public record SourceDocument(Source kind, String documentId) {
        public SourceDocument {
            if (kind == null) {
                throw new InvalidValueException("a consumption names its source document; the kind was missing");
            }
            if (documentId == null || documentId.isBlank()) {
                throw new InvalidValueException("a consumption names its source document; the " + kind.code()
                        + " had no id");
            }
            Checks.identifier(documentId, "source document id", Limits.CODE);
        }

        /** The id the program keeps its usage and its entries under, e.g. {@code invoice:F-2026-14}. */
        public String reference() {
            return kind.code() + ":" + documentId;
        }
    }

    /**
     * One line of work, registered the same way for every customer (SPEC CR-2): so much of a credit type, and what
     * it was for. {@code unitPrice}: what an uncovered credit is billed at; null bills it at the type's face value.
     */
    public record WorkLine(String lineId, String type, BigDecimal quantity, String description, Money unitPrice) {
        public WorkLine {
            Checks.identifier(lineId, "work line id", Limits.IDENTIFIER);
            Checks.identifier(type, "credit type of work line " + lineId, Limits.UNIT_CODE);
            positive(quantity, "quantity of work line " + lineId);
            Checks.optionalName(description, "description of work line", lineId, Limits.NAME);
            if (unitPrice != null && unitPrice.amount().signum() < 0) {
                throw new InvalidValueException("the unit price of work line " + lineId + " must not be negative");
            }
        }

        public static WorkLine of(String lineId, String type, String quantity, String description) {
            return new WorkLine(lineId, type, Checks.parseDecimal(quantity, "quantity of work line " + lineId),
                    description, null);
        }
    }

    /**
     * Work registered on a document for a customer (SPEC CR-4, CR-5). The answer per line is a
     * {@code CreditWorkAnswer}: covered (from which lots, how many) and billable (quantity and amount). A manual
     * consumption ({@link Source#MANUAL}) needs a note and the {@code credits.manual} permission.
     */
    public record Consume(String customerId, SourceDocument source, List<WorkLine> lines, String note) {
        public Consume {
            Checks.identifier(customerId, "customer id", Limits.IDENTIFIER);
            if (source == null) {
                throw new InvalidValueException("a consumption names its source document (invoice, delivery note, "
                        + "cash sale, service report, helpdesk ticket, event, or a manual reference)");
            }
            lines = Checks.list(lines, "work lines");
            if (lines.isEmpty()) {
                throw new InvalidValueException("the consumption of " + source.reference() + " has no lines");
            }
            if (lines.stream().map(WorkLine::lineId).distinct().count() != lines.size()) {
                throw new InvalidValueException("the consumption of " + source.reference() + " names a line twice");
            }
            Checks.optionalMultiLine(note, "note", Limits.NOTE);
            if (source.kind() == Source.MANUAL && (note == null || note.isBlank())) {
                throw new InvalidValueException("a manual consumption needs a note saying what the credits were for");
            }
        }
    }

    /**
     * A credit note on a consuming document (SPEC X-13): the credits its lines took go back to the lots they came
     * from, once. {@code lineIds}: the lines of the consuming document it credits. It is registered the same way for a
     * customer without credits, whose lines have nothing to give back.
     */
    public record CreditNote(String creditNoteId, String customerId, SourceDocument consumed, List<String> lineIds) {
        public CreditNote {
            Checks.identifier(creditNoteId, "credit note id", Limits.CODE);
            Checks.identifier(customerId, "customer id", Limits.IDENTIFIER);
            if (consumed == null) {
                throw new InvalidValueException("credit note " + creditNoteId + " names the document it credits");
            }
            lineIds = Checks.list(lineIds, "credited lines");
            if (lineIds.isEmpty()) {
                throw new InvalidValueException("credit note " + creditNoteId + " credits no line");
            }
            for (String l : lineIds) {
                Checks.identifier(l, "credited line id", Limits.IDENTIFIER);
            }
            if (lineIds.stream().distinct().count() != lineIds.size()) {
                throw new InvalidValueException("credit note " + creditNoteId + " names a line twice");
            }
        }
    }

    /**
     * An administrator's correction of a customer's credits of one type. {@code quantity} above zero adds free
     * credits, a lot of their own at price 0, valid up to and including {@code validUntil} (null: no end); below
     * zero takes that many credits off the usable lots, first in first out, and must name no validity. The note
     * says why; {@code correctionId} is the host's key of it, used once per tenant.
     */
    public record Correction(String correctionId, String customerId, String type, BigDecimal quantity,
                             LocalDate validUntil, String note) {
        public Correction {
            Checks.identifier(correctionId, "correction id", Limits.IDENTIFIER);
            Checks.identifier(customerId, "customer id", Limits.IDENTIFIER);
            Checks.identifier(type, "credit type of correction " + correctionId, Limits.UNIT_CODE);
            Checks.decimal(quantity, "quantity of correction " + correctionId);
            if (quantity.signum() == 0) {
                throw new InvalidValueException("correction " + correctionId + " corrects nothing; its quantity "
                        + "adds credits above zero or takes them off below zero");
            }
            if (quantity.signum() < 0 && validUntil != null) {
                throw new InvalidValueException("correction " + correctionId + " takes credits off; only credits "
                        + "added have a validity");
            }
            if (note == null || note.isBlank()) {
                throw new InvalidValueException("correction " + correctionId + " needs a note saying why");
            }
            Checks.optionalMultiLine(note, "note", Limits.NOTE);
        }

        /** Adds {@code quantity} free credits of a type. */
        public static Correction add(String correctionId, String customerId, String type, BigDecimal quantity,
                                     LocalDate validUntil, String note) {
            positive(quantity, "quantity of correction " + correctionId);
            return new Correction(correctionId, customerId, type, quantity, validUntil, note);
        }

        /** Takes {@code quantity} credits of a type off, written off. */
        public static Correction takeOff(String correctionId, String customerId, String type, BigDecimal quantity,
                                         String note) {
            positive(quantity, "quantity of correction " + correctionId);
            return new Correction(correctionId, customerId, type, quantity.negate(), null, note);
        }

        /** How a correction's reference and free lot begin; no sale id may begin so. */
        public static final String PREFIX = "correction:";

        /** The key of the correction's usage rows and entries: {@code correction:<id>}. */
        public String reference() {
            return PREFIX + correctionId;
        }
    }

    /** Expires what is left of every lot whose validity ended before the business date. */
    public record ExpireLots() {
    }

    private static void positive(BigDecimal quantity, String field) {
        Checks.decimal(quantity, field);
        if (quantity.signum() <= 0) {
            throw new InvalidValueException(field + " must be positive, was " + quantity.toPlainString());
        }
    }
}

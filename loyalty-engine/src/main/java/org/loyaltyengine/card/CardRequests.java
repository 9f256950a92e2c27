package org.loyaltyengine.card;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Currency;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.loyaltyengine.spi.Checks;
import org.loyaltyengine.spi.CurrencyMismatchException;
import org.loyaltyengine.spi.InvalidValueException;
import org.loyaltyengine.spi.Limits;
import org.loyaltyengine.spi.Money;

/** The requests a practice system sends to {@link CustomerCards}; each validates itself on construction. */
public final class CardRequests {
    private CardRequests() {
    }

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    /**
     * A decimal setting within {@code [min, max]} with at most {@code scale} decimals, else an error that
     * names the setting and its range; a setting out of range is refused, never rounded or clamped.
     */
    private static void range(BigDecimal value, String setting, BigDecimal min, BigDecimal max, int scale) {
        // The stores' contract first: a value such as 1E+2147483647 must not reach stripTrailingZeros.
        Checks.decimal(value, setting);
        if (value.compareTo(min) < 0 || value.compareTo(max) > 0 || value.stripTrailingZeros().scale() > scale) {
            throw new InvalidValueException(setting + " must be between " + min.toPlainString() + " and "
                    + max.toPlainString() + " with at most " + scale + " decimals, was " + value.toPlainString());
        }
    }

    private static void range(Integer value, String setting, int min, int max) {
        if (value < min || value > max) {
            throw new InvalidValueException(setting + " must be between " + min + " and " + max + ", was " + value);
        }
    }

    /**
     * The practice's customer-card settings (SPEC CC-1, CC-3). Each threshold may be null (unset). The
     * ranges, refused with an {@link InvalidValueException} that names the setting: {@code defaultPercent}
     * 0 to 100 (four decimals); {@code minUnits} 0.001 to 1,000,000 (three decimals); {@code minPurchases}
     * 1 to 10,000; {@code minVisits} 1 to 3,660 (ten years of days); {@code minAmount} 0.01 to 1,000,000.00
     * (cents). {@code currency} null means EUR.
     *
     * @param defaultPercent the percentage of an eligible line's amount that goes on the card when the
     *                       product has no percentage of its own
     * @param autoEnrol      whether customers created from now on take part automatically
     */
    public record Configure(BigDecimal defaultPercent, BigDecimal minUnits, Integer minPurchases, Integer minVisits,
                            BigDecimal minAmount, boolean autoEnrol, Currency currency) {
        public Configure {
            range(defaultPercent, "defaultPercent", BigDecimal.ZERO, HUNDRED, 4);
            if (minUnits != null) {
                range(minUnits, "minUnits", new BigDecimal("0.001"), new BigDecimal("1000000"), 3);
            }
            if (minPurchases != null) {
                range(minPurchases, "minPurchases", 1, 10_000);
            }
            if (minVisits != null) {
                range(minVisits, "minVisits", 1, 3_660);
            }
            if (minAmount != null) {
                range(minAmount, "minAmount", new BigDecimal("0.01"), new BigDecimal("1000000.00"), 2);
            }
            currency = currency == null ? Money.currency("EUR") : currency;
        }

        /** Only a default percentage: no thresholds, no auto-enrolment, EUR. */
        public static Configure percent(String defaultPercent) {
            return new Configure(Checks.parseDecimal(defaultPercent, "default percentage"), null, null, null, null, false,
                    null);
        }
    }

    /**
     * From {@code validFrom} on, a product is eligible for the card or not, with its own percentage
     * ({@code null}: the practice default). Earlier and later periods of the same product are kept,
     * so a sale counts with what was in force on its own date (SPEC CC-2). Defining the same product
     * and date again replaces that period.
     */
    public record DefineProduct(String product, LocalDate validFrom, boolean eligible, BigDecimal percent) {
        public DefineProduct {
            Checks.identifier(product, "product", Limits.IDENTIFIER);
            Checks.date(validFrom, "valid from");
            if (percent != null) {
                range(percent, "product percentage of " + product, BigDecimal.ZERO, HUNDRED, 4);
            }
        }
    }

    /**
     * A line of a consultation or sale: a product of the catalogue, the quantity handed out, and the
     * line's amount (price times quantity, after the line's own discounts).
     */
    public record SaleLine(String lineId, String product, BigDecimal quantity, Money amount) {
        public SaleLine {
            Checks.identifier(lineId, "line id", Limits.IDENTIFIER);
            Checks.identifier(product, "product of line " + lineId, Limits.IDENTIFIER);
            Checks.positive(quantity, "quantity of line " + lineId);
            Checks.notNull(amount, "amount of line " + lineId);
            if (amount.amount().signum() < 0) {
                throw new InvalidValueException("amount of line " + lineId + " must not be negative, was " + amount
                        + "; book a return as a credit note");
            }
        }
    }

    /** A consultation or sale of a customer on a date, with its lines, all in one currency. */
    public record Sale(String documentId, String customerId, LocalDate date, Currency currency, List<SaleLine> lines) {
        public Sale {
            Checks.identifier(documentId, "document id", Limits.IDENTIFIER);
            Checks.identifier(customerId, "customer id", Limits.IDENTIFIER);
            Checks.date(date, "document date");
            Checks.notNull(currency, "document currency");
            lines = Checks.list(lines, "document lines");
            Set<String> ids = new HashSet<>();
            for (SaleLine l : lines) {
                if (!ids.add(l.lineId())) {
                    throw new InvalidValueException("line id " + l.lineId() + " appears twice in document " + documentId);
                }
                if (!l.amount().currency().equals(currency)) {
                    throw CurrencyMismatchException.of("line " + l.lineId(), l.amount().currency().getCurrencyCode(),
                            "document " + documentId, currency.getCurrencyCode(), "price every line in the document's currency");
                }
            }
        }
    }

    /** Unlock a locked consultation or sale so it can be changed (SPEC CC-5). */
    public record Unlock(String documentId) {
        public Unlock {
            Checks.identifier(documentId, "document id", Limits.IDENTIFIER);
        }
    }

    /**
     * Take back the settlement booked on a consultation or sale that is still being made (CC-12): the host
     * removed the negative free booking from it. A locked document is unlocked instead, which takes its
     * settlement back too.
     */
    public record CancelSettlement(String documentId) {
        public CancelSettlement {
            Checks.identifier(documentId, "document id", Limits.IDENTIFIER);
        }
    }

    /** Enrol one customer (SPEC CC-3, CC-4). */
    public record Enrol(String customerId) {
        public Enrol {
            Checks.identifier(customerId, "customer id", Limits.IDENTIFIER);
        }
    }

    /** The customer stops taking part (CC-11). */
    public record Withdraw(String customerId) {
        public Withdraw {
            Checks.identifier(customerId, "customer id", Limits.IDENTIFIER);
        }
    }

    /**
     * Let the practice's auto-enrolment decide on one customer the engine did not create (SPEC CC-3), as it
     * decides on each customer the engine creates.
     */
    public record AutoEnrol(String customerId) {
        public AutoEnrol {
            Checks.identifier(customerId, "customer id", Limits.IDENTIFIER);
        }
    }

    /** Enrol every existing customer who never took part (SPEC CC-3); one who stopped is left out (CC-11). */
    public record EnrolAll() {
    }

    /**
     * Settle the customer's open card on a consultation or sale that is being made (SPEC CC-6); the
     * document's own eligible lines are settled with it.
     */
    public record Settle(Sale document) {
        public Settle {
            Checks.notNull(document, "document to settle on");
        }
    }

    /** Put a value on a card by hand, e.g. the starting value of a paper card (SPEC CC-7). */
    public record AddValue(String customerId, String lineId, Money amount, String note) {
        public AddValue {
            Checks.identifier(customerId, "customer id", Limits.IDENTIFIER);
            Checks.identifier(lineId, "line id", Limits.IDENTIFIER);
            Checks.notNull(amount, "amount");
            if (!amount.isPositive()) {
                throw new InvalidValueException("a value added to a card must be greater than zero, was " + amount);
            }
            Checks.requiredMultiLine(note, "note", Limits.NOTE);
        }
    }

    /**
     * Take one line off the open card by hand (SPEC CC-7): a purchase line ({@code documentId} and its
     * line id) or a manual line ({@code documentId} null and the manual line's id).
     */
    public record RemoveLine(String customerId, String documentId, String lineId, String note) {
        public RemoveLine {
            Checks.identifier(customerId, "customer id", Limits.IDENTIFIER);
            documentId = Checks.optionalIdentifier(Checks.optionalText(documentId, "document id", Limits.IDENTIFIER),
                    "document id", Limits.IDENTIFIER);
            Checks.identifier(lineId, "line id", Limits.IDENTIFIER);
            Checks.requiredMultiLine(note, "note", Limits.NOTE);
        }
    }

    /** One line a credit note returns, with the quantity returned. */
    public record ReturnLine(String lineId, BigDecimal quantity) {
        public ReturnLine {
            Checks.identifier(lineId, "line id", Limits.IDENTIFIER);
            Checks.positive(quantity, "returned quantity of line " + lineId);
        }
    }

    /** A credit note for lines of a locked consultation or sale (SPEC X-13). */
    public record CreditNote(String creditNoteId, String documentId, List<ReturnLine> lines) {
        public CreditNote {
            Checks.identifier(creditNoteId, "credit note id", Limits.IDENTIFIER);
            Checks.identifier(documentId, "document id", Limits.IDENTIFIER);
            lines = Checks.list(lines, "returned lines");
            if (lines.isEmpty()) {
                throw new InvalidValueException("credit note " + creditNoteId + " returns no line");
            }
            Set<String> ids = new HashSet<>();
            for (ReturnLine l : lines) {
                if (!ids.add(l.lineId())) {
                    throw new InvalidValueException("line " + l.lineId() + " appears twice in credit note "
                            + creditNoteId);
                }
            }
        }
    }
}

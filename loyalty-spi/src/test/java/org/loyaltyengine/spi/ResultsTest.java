package org.loyaltyengine.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Typed results kept in an outcome's named values, as every store keeps them. */
@Tag("X-1")
class ResultsTest {
    public enum Mode { DISCOUNT, CREDIT }

    public record Paid(BigDecimal points, Mode mode, boolean full, int lines, long count, LocalDate on, Instant at,
                       String note, Map<String, BigDecimal> perLine, List<String> lots) {
    }

    public record Guarded(BigDecimal amount) {
        public Guarded {
            if (amount.signum() < 0) {
                throw new InvalidValueException("amount must not be negative");
            }
        }
    }

    @Test
    void aResultIsKeptAsNamedValuesAndReadBackAsTheSameRecord() {
        Paid paid = new Paid(new BigDecimal("333.34"), Mode.CREDIT, true, 2, 7L, LocalDate.parse("2026-03-14"),
                Instant.parse("2026-03-14T09:00:00Z"), null, Map.of("1", new BigDecimal("10.00"), "2",
                new BigDecimal("0.50")), List.of("lot-1", "lot-2"));

        Map<String, String> values = Results.encode(paid);

        assertEquals("333.34", values.get("Paid.points"));
        assertEquals("CREDIT", values.get("Paid.mode"));
        assertEquals("0.50", values.get("Paid.perLine.2"));
        assertEquals("lot-2", values.get("Paid.lots.1"));
        assertTrue(!values.containsKey("Paid.note"), values::toString);
        assertEquals(paid, Results.decode(values, Paid.class).orElseThrow());
    }

    @Test
    void anOutcomeReadsItsResultAndNoneOfAnotherType() {
        Outcome o = new Outcome(Outcome.Status.APPLIED, "pos-card.pay", "k1", false, "pos-card", 1, List.of(),
                List.of(), List.of(), List.of(), List.of(), List.of(), Results.encode(new Guarded(BigDecimal.TEN)),
                Instant.parse("2026-03-14T09:00:00Z"), "cashier");

        assertEquals(new Guarded(BigDecimal.TEN), o.result(Guarded.class).orElseThrow());
        assertTrue(o.result(Paid.class).isEmpty());
    }

    @Test
    void storedValuesThatMakeNoValidResultAreTypedErrors() {
        Map<String, String> values = new TreeMap<>(Results.encode(new Guarded(BigDecimal.ONE)));
        values.put("Guarded.amount", "-1");
        InvalidValueException negative = assertThrows(InvalidValueException.class,
                () -> Results.decode(values, Guarded.class));
        assertTrue(negative.getMessage().contains("negative"), negative::getMessage);

        values.put("Guarded.amount", "ten");
        InvalidValueException garbage = assertThrows(InvalidValueException.class,
                () -> Results.decode(values, Guarded.class));
        assertTrue(garbage.getMessage().contains("Guarded.amount"), garbage::getMessage);
    }

    @Test
    void aComponentOfAnUnkeepableTypeIsRefusedWhenEncoding() {
        record Odd(Object what) {
        }
        assertThrows(InvalidValueException.class, () -> Results.encode(new Odd(new StringBuilder("x"))));
    }
}

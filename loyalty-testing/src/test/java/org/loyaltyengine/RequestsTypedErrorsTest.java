package org.loyaltyengine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.loyaltyengine.card.CardRequests;
import org.loyaltyengine.customers.Address;
import org.loyaltyengine.customers.CustomerProfile;
import org.loyaltyengine.points.PointsRequests;
import org.loyaltyengine.pos.PosRequests;
import org.loyaltyengine.spi.Actor;
import org.loyaltyengine.spi.Customer;
import org.loyaltyengine.spi.IdempotencyKey;
import org.loyaltyengine.spi.InvalidValueException;
import org.loyaltyengine.spi.Money;
import org.loyaltyengine.spi.TenantId;
import org.loyaltyengine.spi.conformance.GarbageSweep;

/**
 * Every request a host builds refuses bad input with a typed error that names the field, never an
 * NPE, NumberFormatException, ArithmeticException or DateTimeException (SPEC X-10), and holds the
 * input contract of the stores (identifiers, text, amounts, dates).
 */
@Tag("X-10")
class RequestsTypedErrorsTest {
    private static final Money TEN = Money.of("10.00", "EUR");

    private static void refused(String field, org.junit.jupiter.api.function.Executable call) {
        InvalidValueException e = assertThrows(InvalidValueException.class, call);
        assertTrue(e.getMessage().contains(field), "the message names " + field + ": " + e.getMessage());
    }

    @Test
    void factoriesNamedInTheIssue_failTypedAndNameTheField() {
        refused("VAT percent", () -> PosRequests.AddItem.of("r1", "1", "beer", TEN, "abc"));
        refused("VAT percent", () -> PosRequests.AddItem.of("r1", "1", "beer", TEN, null));
        refused("manual discount", () -> PosRequests.AddItem.of("r1", "1", "beer", TEN, "21").withManualDiscount("x"));
        refused("default percentage", () -> CardRequests.Configure.percent("ten"));
        refused("rate", () -> PointsRequests.Supplier.enabled("S1").withRate("1,5"));
        refused("product type", () -> PointsRequests.Supplier.enabled("S1").withProductRate(null, "1"));
        refused("discount of program", () -> org.loyaltyengine.customers.WebshopOrder.of("o1", null,
                CustomerProfile.named("Jan"), Money.currency("EUR"), List.of(new org.loyaltyengine.customers.WebshopOrder.Line(
                        "1", "beer", BigDecimal.ONE, BigDecimal.TEN))).withProgramDiscount("pos-card", "ten"));
        refused("discount", () -> CustomerProfile.of(new Customer("c1", null, "Novak",
                java.util.Map.of("discountPercent", "abc"))));
    }

    @Test
    void requests_holdTheInputContract() {
        refused("card number", () -> new PosRequests.IdentifyCard("r1", "4242 ", null));
        refused("card number", () -> new PosRequests.ChangeCredit("4242\u0000", TEN, "n"));
        refused("note", () -> new PosRequests.ChangeCredit("4242", TEN, "n\u202E"));
        refused("receipt id", () -> new PosRequests.OpenReceipt("r\n1", Money.currency("EUR")));
        refused("line id", () -> PosRequests.AddItem.of("r1", "x".repeat(256), "beer", TEN, "21"));
        refused("VAT percent", () -> PosRequests.AddItem.of("r1", "1", "beer", TEN, "21.00000000000000000001"));
        refused("amount", () -> PosRequests.AddItem.of("r1", "1", "beer", Money.of("10.00000000000000000001", "EUR"), "21"));
        refused("valid from", () -> new CardRequests.DefineProduct("P1", LocalDate.MIN, true, null));
        refused("document date", () -> new CardRequests.Sale("S1", "c1", LocalDate.MAX, Money.currency("EUR"), List.of()));
        refused("product percentage", () -> new CardRequests.DefineProduct("P1", LocalDate.of(2026, 1, 1), true,
                new BigDecimal("12.34567890123456789012")));
        refused("points", () -> new PointsRequests.ManualEntry("c1", new BigDecimal("1E+40"), "n"));
        refused("points", () -> new PointsRequests.Service("1", "S1", "flight", TEN, new BigDecimal("1E+40")));
        refused("customer name", () -> CustomerProfile.named("x".repeat(256)));
        refused("customer name", () -> CustomerProfile.named("Jan\u0000"));
        refused("remarks", () -> CustomerProfile.builder("Jan").remarks("a\u0007b").build());
        refused("customer number", () -> CustomerProfile.builder("Jan").number("1\u202E2").build());
        refused("street", () -> new Address("Main\u0000", null, null, null));
        refused("business date", () -> CommandContext.of(TenantId.of("t"), Actor.of("u"), "k", LocalDate.MAX));
        refused("hold minutes", () -> new PosRequests.Configure(Long.MAX_VALUE));
        assertEquals("line 1\nline 2", CustomerProfile.builder("Jan").remarks("line 1\nline 2").build().remarks());
    }

    @Test
    void everyRequest_refusesNullsAndGarbageTyped() {
        GarbageSweep sweep = new GarbageSweep()
                .sample(Money.class, TEN, Money.of("-1.00", "EUR"), Money.of("5", "JPY"))
                .sample(TenantId.class, TenantId.of("t"))
                .sample(Actor.class, Actor.of("u"))
                .sample(IdempotencyKey.class, IdempotencyKey.of("k"))
                .sample(Address.class, new Address("Main 1", "1000", "Brno", "CZ"))
                .sample(CardRequests.SaleLine.class, new CardRequests.SaleLine("1", "P1", BigDecimal.ONE, TEN))
                .sample(CardRequests.Sale.class, new CardRequests.Sale("S1", "c1", LocalDate.of(2026, 3, 1),
                        Money.currency("EUR"), List.of()))
                .sample(PointsRequests.Service.class, PointsRequests.Service.of("1", "S1", "flight", TEN))
                .sample(Customer.class, new Customer("c1", "1", "Novak", java.util.Map.of()))
                .sample(PointsRequests.Supplier.class, PointsRequests.Supplier.enabled("S1"));
        List<Class<?>> types = new java.util.ArrayList<>();
        for (Class<?> holder : List.of(PosRequests.class, CardRequests.class, PointsRequests.class)) {
            types.addAll(Arrays.asList(holder.getDeclaredClasses()));
        }
        types.addAll(List.of(CustomerProfile.class, Address.class, CommandContext.class,
                org.loyaltyengine.customers.WebshopOrder.class, org.loyaltyengine.customers.WebshopOrder.Line.class));
        types.removeIf(t -> !t.isRecord());
        assertTrue(types.size() > 25, "the requests were found: " + types);
        assertEquals(List.of(), sweep.sweep(types, 300));
    }
}

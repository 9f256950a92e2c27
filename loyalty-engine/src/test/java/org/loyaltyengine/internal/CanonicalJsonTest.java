package org.loyaltyengine.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.loyaltyengine.customers.Address;
import org.loyaltyengine.pos.PosRequests.AddItem;
import org.loyaltyengine.spi.LoyaltyException;
import org.loyaltyengine.spi.Money;

/** The one JSON form of requests (docs/command-log.md), written out by hand. */
@Tag("X-11")
class CanonicalJsonTest {
    @Test
    void write_anItem_keysSortedDecimalsAsStringsWithTheirScaleNullsWritten() {
        AddItem item = new AddItem("R1", "1", "café \"au lait\"", Money.of("45.50", "CZK"), false,
                new BigDecimal("21.0"), null);

        assertEquals("{\"creditItem\":false,\"lineId\":\"1\",\"manualDiscountPercent\":null,"
                + "\"price\":{\"amount\":\"45.50\",\"currency\":\"CZK\"},\"product\":\"café \\\"au lait\\\"\","
                + "\"receiptId\":\"R1\",\"vatPercent\":\"21.0\"}", CanonicalJson.write(item));
    }

    @Test
    void write_mapsSortedDatesIsoRecordsOnlyTheirComponents() {
        Map<String, BigDecimal> amounts = new LinkedHashMap<>();
        amounts.put("b", new BigDecimal("1E+3"));
        amounts.put("a", new BigDecimal("0.000001"));
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("zeta", "z");
        value.put("amounts", amounts);
        value.put("tags", List.of("y", "x"));
        value.put("day", LocalDate.of(2026, 3, 31));
        value.put("at", Instant.parse("2026-03-31T09:00:00.5Z"));
        value.put("currency", Currency.getInstance("EUR"));
        // Address has isEmpty(), which reads like a getter: it is no component, so it is not written.
        Address address = new Address("Dorpsstraat 1", "1234 AB", "Ons Dorp", "NL");
        value.put("address", address);
        value.put("count", null);

        String json = CanonicalJson.write(value);

        assertEquals("{\"address\":{\"city\":\"Ons Dorp\",\"country\":\"NL\",\"postalCode\":\"1234 AB\","
                + "\"street\":\"Dorpsstraat 1\"},\"amounts\":{\"a\":\"0.000001\",\"b\":\"1000\"},\"at\":"
                + "\"2026-03-31T09:00:00.500Z\",\"count\":null,\"currency\":\"EUR\",\"day\":\"2026-03-31\","
                + "\"tags\":[\"y\",\"x\"],\"zeta\":\"z\"}", json);
        assertEquals(address, CanonicalJson.read("{\"city\":\"Ons Dorp\",\"country\":\"NL\",\"postalCode\":"
                + "\"1234 AB\",\"street\":\"Dorpsstraat 1\"}", Address.class));
    }

    @Test
    void read_unknownKeyOrTrailingText_isATypedError() {
        LoyaltyException unknown = assertThrows(LoyaltyException.class, () -> CanonicalJson.read(
                "{\"receiptId\":\"R1\",\"currency\":\"CZK\",\"till\":\"3\"}",
                org.loyaltyengine.pos.PosRequests.OpenReceipt.class));
        LoyaltyException trailing = assertThrows(LoyaltyException.class, () -> CanonicalJson.read(
                "{\"receiptId\":\"R1\",\"currency\":\"CZK\"} {}", org.loyaltyengine.pos.PosRequests.OpenReceipt.class));

        assertEquals("INVALID_VALUE", unknown.code());
        assertTrue(unknown.getMessage().contains("till"), unknown.getMessage());
        assertEquals("INVALID_VALUE", trailing.code());
    }

    @Test
    void read_aValueTheRecordRefuses_isTheRecordsOwnError() {
        LoyaltyException e = assertThrows(LoyaltyException.class, () -> CanonicalJson.read("{\"creditItem\":false,"
                + "\"lineId\":\"1\",\"manualDiscountPercent\":null,\"price\":{\"amount\":\"-1.00\",\"currency\":\"CZK\"},"
                + "\"product\":\"coffee\",\"receiptId\":\"R1\",\"vatPercent\":\"21\"}", AddItem.class));

        assertEquals("INVALID_VALUE", e.code());
        assertTrue(e.getMessage().startsWith("item price must be greater than zero"), e.getMessage());
    }
}

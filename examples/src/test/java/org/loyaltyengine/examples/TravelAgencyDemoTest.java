package org.loyaltyengine.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.loyaltyengine.points.PointsAnalysis;

/** The travel-agency demo runs and prints what it claims: 130 + 60 points earned, 150.00 paid with them. */
class TravelAgencyDemoTest {
    @Test
    @Tag("SP-8")
    @Tag("SP-17")
    void run_printsPaymentsAndTheStatement() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PointsAnalysis a = new TravelAgencyDemo().run(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        String printed = bytes.toString(StandardCharsets.UTF_8);
        // 2025: 130 + 60 = 190; 2026: 600 x 0.20 = 120 earned, 150 used
        assertEquals(0, new BigDecimal("160").compareTo(a.balance()), a::toString);
        assertTrue(printed.contains("points column {1=130.00, 2=60.00}"), printed);
        assertTrue(printed.contains("Points payment: 150.00 points"), printed);
        assertTrue(printed.contains("price 600.00 EUR, money 400.00 EUR, points 150.00 EUR (150.00 points), remainder 50.00 EUR"),
                printed);
        assertTrue(printed.contains("Balance: 160.00 points, worth 160.00 EUR"), printed);
    }
}

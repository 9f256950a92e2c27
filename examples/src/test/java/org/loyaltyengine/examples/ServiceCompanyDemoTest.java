package org.loyaltyengine.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.loyaltyengine.credits.Holding;
import org.loyaltyengine.credits.Portfolio;

/**
 * The service-company demo runs and prints what it claims, every figure worked by hand: hours sold at 76.00 and
 * 72.00, vouchers at 200.00; 3.5 + 0.75 + 2.25 + 0.5 hours used in March, 0.75 of them given back; a 16-hour repair
 * in April covered by the 13.75 left of the first lot, 2.25 billed at 90.00; 1.25 hours from the second lot; three
 * vouchers expired in May.
 */
class ServiceCompanyDemoTest {
    @Test
    @Tag("CR-3")
    @Tag("CR-4")
    @Tag("CR-5")
    @Tag("CR-6")
    @Tag("CR-8")
    void run_printsTheWorkTheUsageAndTheRevenueRecognition() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Portfolio p = new ServiceCompanyDemo().run(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        // Columns are padded for reading; compared with single spaces.
        String printed = bytes.toString(StandardCharsets.UTF_8).replaceAll("[ \\t]+", " ");

        // What each piece of work cost: covered from which lot, and billable at the face value of 90.00.
        assertTrue(printed.contains("SR-0311 line 1 (K-2001): 3.5 HOUR, covered 3.5 from S-2026-001/1 3.5, billable 0 = 0.00 EUR"),
                printed);
        assertTrue(printed.contains("SR-0325 line 1 (K-2001): 1 TRAINING, covered 1 from S-2026-001/2 1, billable 0 = 0.00 EUR"),
                printed);
        // A customer without credits registers the same way and is billed 1.5 x 90.00.
        assertTrue(printed.contains("HD-0320 line 1 (K-2002): 1.5 HOUR, covered 0, billable 1.5 = 135.00 EUR"), printed);
        // 20 - 3.5 - 2.25 - 0.5 = 13.75 left after the credit note; 16 - 13.75 = 2.25 x 90.00 = 202.50 billed.
        assertTrue(printed.contains("SR-0408 line 1 (K-2001): 16 HOUR, covered 13.75 from S-2026-001/1 13.75, billable 2.25"
                + " = 202.50 EUR"), printed);
        assertTrue(printed.contains("HD-0422 line 1 (K-2001): 1.25 HOUR, covered 1.25 from S-2026-002/1 1.25, billable 0"
                + " = 0.00 EUR"), printed);

        // March's usage report: a row per line, the credited ticket marked, totals net of it.
        assertTrue(printed.contains("Usage of credits, customer K-2001, 2026-03-01 to 2026-03-31"), printed);
        assertTrue(printed.contains("2026-03-11 service-report:SR-0311 1 HOUR boiler maintenance 3.5 3.5 0"), printed);
        assertTrue(printed.contains("2026-03-18 helpdesk-ticket:HD-0318 1 HOUR till software fault 0.75 0.75 0 CN-2026-01"),
                printed);
        assertTrue(printed.contains("2026-03-25 service-report:SR-0325 1 TRAINING HACCP training 1 1 0"), printed);
        assertTrue(printed.contains("2026-03-25 service-report:SR-0325 2 HOUR oven repair 2.25 2.25 0"), printed);
        assertTrue(printed.contains("2026-03-27 manual:M-0327 1 HOUR advice on a new oven 0.5 0.5 0"), printed);
        assertTrue(printed.contains("Total HOUR: covered 6.25, billable 0"), printed);
        assertTrue(printed.contains("Total TRAINING: covered 1, billable 0"), printed);

        // Revenue: 20 x 76.00 = 1520.00 deferred; March recognises (7 - 0.75) x 76.00 = 475.00; April
        // 13.75 x 76.00 + 1.25 x 72.00 = 1045.00 + 90.00 = 1135.00 of 1045.00 + 720.00; vouchers 1 x 200.00 used,
        // 3 x 200.00 = 600.00 expired in May.
        assertTrue(printed.contains("2026-03 HOUR EUR 0.00 1520.00 475.00 0.00 1045.00"), printed);
        assertTrue(printed.contains("2026-04 HOUR EUR 1045.00 720.00 1135.00 0.00 630.00"), printed);
        assertTrue(printed.contains("2026-05 HOUR EUR 630.00 0.00 0.00 0.00 630.00"), printed);
        assertTrue(printed.contains("2026-03 TRAINING EUR 0.00 800.00 200.00 0.00 600.00"), printed);
        assertTrue(printed.contains("2026-04 TRAINING EUR 600.00 0.00 0.00 0.00 600.00"), printed);
        assertTrue(printed.contains("2026-05 TRAINING EUR 600.00 0.00 0.00 600.00 0.00"), printed);

        // 30 hours bought, 6.25 + 13.75 + 1.25 = 21.25 consumed, 8.75 left; 4 vouchers, 1 used, 3 expired.
        assertTrue(printed.contains("HOUR 30 0 21.25 0 8.75"), printed);
        assertTrue(printed.contains("TRAINING 4 0 1 3 0"), printed);
        Holding hours = p.holding("HOUR").orElseThrow();
        assertEquals(0, new BigDecimal("8.75").compareTo(hours.remaining()), hours::toString);
        assertEquals(0, new BigDecimal("21.25").compareTo(hours.consumed()), hours::toString);
        Holding vouchers = p.holding("TRAINING").orElseThrow();
        assertEquals(0, new BigDecimal("3").compareTo(vouchers.expired()), vouchers::toString);
        assertEquals(0, vouchers.remaining().signum(), vouchers::toString);
    }
}

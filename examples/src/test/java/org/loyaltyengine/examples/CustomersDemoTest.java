package org.loyaltyengine.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.loyaltyengine.customers.ReceivedOrder;

/** The customers demo runs and prints what it claims: 2 imported, the bad e-mail on line 3, 7.5% off. */
class CustomersDemoTest {
    @Test
    @Tag("CU-3")
    @Tag("CU-5")
    void run_printsTheImportAndTheOrders() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ReceivedOrder order = new CustomersDemo().run(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        String printed = bytes.toString(StandardCharsets.UTF_8);
        // 19.99 x 7.5% = 1.49925 -> 1.50; 100.00 x 7.5% = 7.50; total 119.99 - 9.00 = 110.99
        assertEquals(0, new BigDecimal("9.00").compareTo(order.discount()));
        assertTrue(printed.contains("Import: 2 created, 0 updated, 0 ignored, 1 rejected"), printed);
        assertTrue(printed.contains("line 3 INVALID_VALUE"), printed);
        assertTrue(printed.contains("Order W-2001: customer linked, 7.5% off (customer), discount 9.00, total 110.99 EUR"),
                printed);
        assertTrue(printed.contains("Order W-2002: customer created (Fietsenmaker Bos)"), printed);
        assertTrue(printed.contains("Customers: 3"), printed);
    }
}

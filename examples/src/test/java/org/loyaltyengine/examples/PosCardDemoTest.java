package org.loyaltyengine.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.loyaltyengine.pos.CardStatement;

/** The README's demo runs and prints what it claims: 200 + 300 loaded, 65 + 89 drawn. */
class PosCardDemoTest {
    @Test
    @Tag("PC-7")
    void run_printsMovementsAndTheBalance() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        CardStatement s = new PosCardDemo().run(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        String printed = bytes.toString(StandardCharsets.UTF_8);
        assertEquals(0, new BigDecimal("346.00").compareTo(s.credit()));
        assertTrue(printed.contains("Credit 346.00 CZK, held 0.00, available 346.00"), printed);
        assertTrue(printed.contains("initial deposit"), printed);
        assertTrue(printed.contains("has 346.00 CZK available; the item costs 400.00 CZK"), printed);
    }
}

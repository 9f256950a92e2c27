package org.loyaltyengine.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.loyaltyengine.IoFailedException;

/**
 * A report {@code whatif} cannot write is a typed {@code IO_FAILED} error, said in one line with the file, and a
 * failure a script notices (exit 1); not a JDK exception's class name.
 */
@Tag("X-11")
class WhatIfWriteErrorsTest {
    @TempDir
    Path dir;

    @Test
    void anHtmlReportThatCannotBeWrittenIsIoFailed() {
        Path file = dir.resolve("no-such-folder/report.html");
        IoFailedException e = assertThrows(IoFailedException.class, () -> WhatIfHtml.write(file,
                new WhatIfHtml.Summary("savings-points", "candidate/savings-points/v2", "rules", 0, 0, 0, 0, 0, Map.of(),
                        20)));
        assertEquals("IO_FAILED", e.code());
        assertTrue(e.getMessage().startsWith("writing the HTML report to " + file + " failed: "), e.getMessage());
        assertFalse(Files.exists(file.getParent()));
    }

    @Test
    void theToolSaysWhichReportItCouldNotWriteAndExitsOne() throws IOException {
        SavingsPointsLog made = SavingsPointsLog.write(dir, SavingsPointsLog.commandsOf(SavingsPointsLog.KEPT_BOOKING + 1,
                8), 8);
        for (String option : List.of("--csv", "--html")) {
            Path file = dir.resolve("missing").resolve(option.substring(2) + "-report");
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            int exit = LoyaltyCli.run(new String[] {"whatif", "--set", "savings-points", "--candidate",
                    made.candidate.toString(), "--log", made.log.toString(), "--rules",
                    Loyalty.ROOT.resolve("rules").toString(), option, file.toString()},
                    new PrintWriter(out, true), new PrintWriter(err, true));
            assertEquals(1, exit, out + "\n" + err);
            String what = option.equals("--csv") ? "the per-account rows" : "the HTML report";
            assertTrue(err.toString().startsWith("loyalty whatif: IO_FAILED: writing " + what + " to " + file
                    + " failed: "), err::toString);
            assertEquals(1, err.toString().lines().count(), err::toString);
        }
    }
}

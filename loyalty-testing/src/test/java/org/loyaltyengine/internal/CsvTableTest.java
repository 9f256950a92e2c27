package org.loyaltyengine.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.loyaltyengine.testing.Spreadsheet;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The one CSV writer of the exports (SPEC X-12): cells a spreadsheet would run are neutralised. */
@Tag("X-12")
class CsvTableTest {
    private static String line(Object... cells) {
        String table = CsvTable.withHeader(',', List.of("h")).row(Arrays.asList(cells)).toString();
        return table.substring("h\r\n".length(), table.length() - 2);
    }

    @Test
    void cell_everyFormulaStartIsQuotedAndPrefixed() {
        assertEquals("\"'=1+1\"", line("=1+1"));
        assertEquals("\"'+HYPERLINK(\"\"http://x\"\")\"", line("+HYPERLINK(\"http://x\")"));
        assertEquals("\"'-2+3+cmd|' /C calc'!A0\"", line("-2+3+cmd|' /C calc'!A0"));
        assertEquals("\"'@SUM(A1:A9)\"", line("@SUM(A1:A9)"));
        assertEquals("\"'\tcmd\"", line("\tcmd"));
        assertEquals("\"'\rcmd\"", line("\rcmd"));
        assertEquals("\"'-\"", line("-"));
    }

    @Test
    void cell_plainNumbersOrdinaryTextAndEmptyCellsStayAsTheyAre() {
        assertEquals("-30.00,-5,0,12.5,abc,'s-Hertogenbosch,,x=1", line(new BigDecimal("-30.00"), "-5", 0,
                "12.5", "abc", "'s-Hertogenbosch", null, "x=1"));
        assertEquals("\"a,b\",\"say \"\"hi\"\"\",\" padded \"", line("a,b", "say \"hi\"", " padded "));
        assertEquals("1E+3", line("1E+3"));
        assertEquals("1000", line(new BigDecimal("1E+3")));
    }

    @Test
    void cell_aValueThatLooksNeutralisedGetsOneMoreQuote() {
        assertEquals("\"''=x\"", line("'=x"));
        assertEquals("'=x", CsvTable.unneutralise("''=x"));
        assertEquals("=x", CsvTable.unneutralise("'=x"));
        assertEquals("'s-Hertogenbosch", CsvTable.unneutralise("'s-Hertogenbosch"));
    }

    @Provide
    Arbitrary<String> hostileText() {
        return Arbitraries.strings().withChars("=+-@\t\r\n'\" ,;a1.").ofMaxLength(8);
    }

    /** Whatever the text, no cell a spreadsheet reads starts a formula, and reading one quote away gives it back. */
    @Property(tries = 500)
    void cell_neverAFormulaAndAlwaysReadBack(@ForAll("hostileText") String text) {
        String csv = CsvTable.withHeader(',', List.of("h")).row(List.of(text, "end")).toString();
        Spreadsheet.assertNoFormulaCells(csv, ',');
        List<List<String>> cells = Spreadsheet.cells(csv, ',');
        assertEquals(text, CsvTable.unneutralise(cells.get(1).get(0)));
    }
}

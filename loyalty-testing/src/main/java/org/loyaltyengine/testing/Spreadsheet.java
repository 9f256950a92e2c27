package org.loyaltyengine.testing;

import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/** Reads an export the way a spreadsheet would see its cells, to prove none of them is a formula. */
public final class Spreadsheet {
    private Spreadsheet() {
    }

    /** Every cell of {@code csv}, row by row, unquoted as an RFC 4180 reader unquotes them. */
    public static List<List<String>> cells(String csv, char delimiter) {
        try (CSVParser p = CSVParser.builder().setReader(new StringReader(csv))
                .setFormat(CSVFormat.DEFAULT.builder().setDelimiter(delimiter).get()).get()) {
            List<List<String>> rows = new ArrayList<>();
            for (CSVRecord r : p) {
                rows.add(r.toList());
            }
            return rows;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * No cell begins with a character a spreadsheet starts a formula with ({@code = + - @}, tab, CR),
     * except a plain decimal number such as {@code -30.00}.
     */
    public static void assertNoFormulaCells(String csv, char delimiter) {
        for (List<String> row : cells(csv, delimiter)) {
            for (String cell : row) {
                boolean number = cell.matches("-?\\d+(\\.\\d+)?");
                assertFalse(!number && !cell.isEmpty() && "=+-@\t\r".indexOf(cell.charAt(0)) >= 0,
                        () -> "a spreadsheet would run the cell <" + cell + "> of row " + row);
            }
        }
    }
}

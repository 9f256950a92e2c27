package org.loyaltyengine.internal;

import org.loyaltyengine.IoFailedException;
import java.io.IOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The one writer of every CSV export of the engine (RFC 4180, CRLF line ends), with cells that a
 * spreadsheet cannot run as formulas.
 *
 * <p><b>Formula injection.</b> A spreadsheet evaluates a cell that begins with {@code =}, {@code +},
 * {@code -} or {@code @} (and some read a leading tab or carriage return the same way), so a customer
 * named {@code =cmd|' /C calc'!A0} or a note {@code @SUM(A1:A9)} would run when a clerk opens the
 * export. As OWASP recommends, such a cell is written with a single quote in front and in double
 * quotes: {@code "'=cmd|' /C calc'!A0"}; a spreadsheet shows the text, and the import reads the quote
 * away again ({@link #unneutralise}). A cell that is a plain decimal number ({@code -30.00},
 * {@code -5}) is left as it is, although it begins with {@code -}: a spreadsheet reads it as the
 * number it is and cannot evaluate anything in it, and amounts and points columns must stay numbers.
 * A cell that already begins with quotes before a trigger character gets one more quote, so that
 * reading one quote away always gives back the value written.
 *
 * <p>A cell is quoted when it is neutralised, or holds the delimiter, a double quote, a line break,
 * or leading or trailing blanks (which a reader that trims would lose); {@code null} is an empty cell
 * and a {@link BigDecimal} is written in plain notation.
 */
public final class CsvTable {
    /** A plain decimal number: optional minus, digits, optional fraction. No exponent, no plus. */
    private static final Pattern PLAIN_NUMBER = Pattern.compile("-?[0-9]+(\\.[0-9]+)?");
    /** Quotes, then a character a spreadsheet starts a formula with. */
    private static final Pattern NEUTRALISED = Pattern.compile("'+[=+\\-@\t\r].*", Pattern.DOTALL);

    private final char delimiter;
    private final StringBuilder out = new StringBuilder();

    private CsvTable(char delimiter, List<?> header) {
        if (delimiter == '"' || delimiter == '\'' || delimiter == '\r' || delimiter == '\n') {
            throw new org.loyaltyengine.spi.InvalidValueException("a CSV delimiter cannot be a quote or a line break");
        }
        this.delimiter = delimiter;
        row(header);
    }

    /** A table with {@code header} as its first line. */
    public static CsvTable withHeader(char delimiter, List<?> header) {
        return new CsvTable(delimiter, header);
    }

    /** Appends one line. */
    public CsvTable row(List<?> cells) {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                out.append(delimiter);
            }
            out.append(cell(cells.get(i), delimiter));
        }
        out.append("\r\n");
        return this;
    }

    /** The whole table. */
    @Override
    public String toString() {
        return out.toString();
    }

    /** Writes the whole table to {@code writer} and flushes it; the writer stays open (it is the caller's). */
    public void writeTo(Writer writer) {
        try {
            writer.write(out.toString());
            writer.flush();
        } catch (IOException e) {
            throw new IoFailedException("writing the CSV export", e);
        }
    }

    /** One cell as it is written, quoted and neutralised where needed. */
    static String cell(Object value, char delimiter) {
        String text = value == null ? "" : value instanceof BigDecimal b ? b.toPlainString() : value.toString();
        boolean neutralise = needsNeutralising(text);
        if (neutralise) {
            text = "'" + text;
        }
        boolean quote = neutralise || text.indexOf(delimiter) >= 0 || text.indexOf('"') >= 0
                || text.indexOf('\n') >= 0 || text.indexOf('\r') >= 0
                || (!text.isEmpty() && (text.charAt(0) == ' ' || text.charAt(text.length() - 1) == ' '));
        return quote ? '"' + text.replace("\"", "\"\"") + '"' : text;
    }

    /** Whether a spreadsheet could read {@code text} as a formula (or it is a value this writer quoted so). */
    static boolean needsNeutralising(String text) {
        if (text.isEmpty() || PLAIN_NUMBER.matcher(text).matches()) {
            return false;
        }
        char first = text.charAt(0);
        return first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r'
                || NEUTRALISED.matcher(text).matches();
    }

    /**
     * The value a neutralised cell stood for: one leading quote fewer when quotes are followed by a
     * formula character, the text unchanged otherwise (so {@code 's-Hertogenbosch} keeps its quote).
     */
    public static String unneutralise(String cell) {
        return cell != null && NEUTRALISED.matcher(cell).matches() ? cell.substring(1) : cell;
    }
}

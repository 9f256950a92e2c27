package org.loyaltyengine.customers.internal;

import org.loyaltyengine.IoFailedException;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.loyaltyengine.customers.Address;
import org.loyaltyengine.customers.CustomerProfile;
import org.loyaltyengine.customers.ImportSummary.RowRejection;
import org.loyaltyengine.internal.CsvTable;
import org.loyaltyengine.spi.InvalidValueException;

/**
 * Reads a customer import file into rows with their line numbers, through Apache Commons CSV.
 *
 * <p>The header (line 1) names the columns; names are matched without regard to case, spaces or
 * dashes, in English or in the seed's Dutch ({@code klantnummer}, {@code naam}, ...); a column
 * {@code field.<name>} carries a custom field; columns without a name are not read. An unknown
 * column, a repeated one, or a header with neither a {@code name} nor a {@code number} column refuses
 * the whole file before anything is imported. A file without names can only update (SPEC CU-8).
 *
 * <p>A record the parser cannot read (a stray quote after a quoted value, a quote never closed) is
 * reported at the line it starts on, and reading resumes at the next line with a fresh parser: one
 * broken row does not take the rest of the file with it. Records whose values are all blank are
 * skipped and not counted. A cell that an export neutralised against formula injection
 * ({@code '=...}) is read back without its quote ({@link CsvTable#unneutralise}).
 */
public final class CustomerCsv {
    /** One readable row: the line it starts on and its values by canonical column name. */
    record Row(int line, Map<String, String> values) {
        String get(String column) {
            String v = values.get(column);
            return v == null || v.isBlank() ? null : v;
        }
    }

    record Parsed(List<Row> rows, List<RowRejection> unreadable) {
    }

    static final List<String> COLUMNS = List.of("number", "name", "contact", "email", "phone", "delivery_street",
            "delivery_postal_code", "delivery_city", "delivery_country", "invoice_street", "invoice_postal_code",
            "invoice_city", "invoice_country", "language", "discount", "template", "price_lists", "autosplit",
            "calculate_vat", "vat_number", "remarks", "order_remarks", "tags");
    private static final Map<String, String> ALIASES = Map.ofEntries(
            Map.entry("customer_number", "number"), Map.entry("klantnummer", "number"), Map.entry("naam", "name"),
            Map.entry("contact_person", "contact"), Map.entry("contactpersoon", "contact"),
            Map.entry("e_mail", "email"), Map.entry("emailadres", "email"), Map.entry("e_mailadres", "email"),
            Map.entry("telefoon", "phone"), Map.entry("telefoonnummer", "phone"), Map.entry("korting", "discount"),
            Map.entry("discount_percent", "discount"), Map.entry("taal", "language"),
            Map.entry("voorkeurstaal", "language"), Map.entry("btw_nummer", "vat_number"),
            Map.entry("opmerkingen", "remarks"), Map.entry("default_order_remarks", "order_remarks"));

    private CustomerCsv() {
    }

    static Parsed read(String content, Character separator) {
        String text = content.startsWith("\uFEFF") ? content.substring(1) : content;
        int[] lineStarts = lineStarts(text);
        int firstLine = 0;
        while (firstLine < lineStarts.length && lineAt(text, lineStarts, firstLine).isBlank()) {
            firstLine++;
        }
        if (firstLine == lineStarts.length) {
            throw new InvalidValueException("the import file is empty; its first line must name the columns");
        }
        char sep = separator != null ? separator : detect(lineAt(text, lineStarts, firstLine));
        CSVFormat format = CSVFormat.DEFAULT.builder().setDelimiter(sep).setIgnoreEmptyLines(true)
                .setIgnoreSurroundingSpaces(true).get();

        List<Row> rows = new ArrayList<>();
        List<RowRejection> unreadable = new ArrayList<>();
        List<String> header = null;
        int from = firstLine; // 0-based physical line where the current parser starts
        while (from < lineStarts.length) {
            try (CSVParser parser = CSVParser.builder().setReader(new StringReader(text.substring(lineStarts[from])))
                    .setFormat(format).get()) {
                Iterator<CSVRecord> records = parser.iterator();
                int resumeAt = lineStarts.length;
                while (true) {
                    int start = nextNonBlank(text, lineStarts, from + (int) parser.getCurrentLineNumber());
                    CSVRecord record;
                    try {
                        if (!records.hasNext()) {
                            break;
                        }
                        record = records.next();
                    } catch (UncheckedIOException | IllegalStateException broken) {
                        if (header == null) {
                            throw new InvalidValueException("the header line cannot be read: " + reason(broken));
                        }
                        unreadable.add(new RowRejection(start + 1, "ROW_UNREADABLE",
                                "line " + (start + 1) + " cannot be read as CSV (" + reason(broken)
                                        + "); check the quotes in this row"));
                        resumeAt = start + 1;
                        break;
                    }
                    List<String> values = record.toList();
                    if (header == null) {
                        header = header(values);
                        continue;
                    }
                    if (values.stream().allMatch(String::isBlank)) {
                        continue;
                    }
                    if (values.size() != header.size()) {
                        unreadable.add(new RowRejection(start + 1, "ROW_MALFORMED", "line " + (start + 1) + " has "
                                + values.size() + " fields but the header has " + header.size()
                                + "; check the separators and quotes in this row"));
                        continue;
                    }
                    Map<String, String> byColumn = new LinkedHashMap<>();
                    for (int i = 0; i < header.size(); i++) {
                        if (!header.get(i).isEmpty()) {
                            // An export neutralised cells a spreadsheet would run as formulas; read them back.
                            byColumn.put(header.get(i), CsvTable.unneutralise(values.get(i)));
                        }
                    }
                    rows.add(new Row(start + 1, byColumn));
                }
                from = resumeAt;
            } catch (IOException e) {
                throw new IoFailedException("reading the import file", e);
            }
        }
        return new Parsed(rows, unreadable);
    }

    /**
     * Stands in for the name of a row that has none while its other cells are checked: such a row may
     * only update (its name is then the stored one) or be left alone, and never creates a customer with
     * this name ({@link ImportRow#named()}).
     */
    static final String NO_NAME = "(no name)";

    /** Whether the row gives a name (not blank). */
    static boolean named(Row row) {
        return row.get("name") != null;
    }

    /**
     * The profile a row describes; for a row without a name (see {@link #named}), under {@link #NO_NAME}.
     *
     * @throws InvalidValueException naming the column and the fix
     */
    static CustomerProfile profile(Row row) {
        row.values().forEach(CustomerCsv::requirePrintable);
        CustomerProfile.Builder b = CustomerProfile.builder(named(row) ? row.get("name") : NO_NAME)
                .number(row.get("number")).contact(row.get("contact")).email(row.get("email")).phone(row.get("phone"))
                .deliveryAddress(new Address(row.get("delivery_street"), row.get("delivery_postal_code"),
                        row.get("delivery_city"), row.get("delivery_country")))
                .invoiceAddress(new Address(row.get("invoice_street"), row.get("invoice_postal_code"),
                        row.get("invoice_city"), row.get("invoice_country")))
                .language(row.get("language")).discountPercent(row.get("discount")).template(row.get("template"))
                .priceLists(list(row.get("price_lists"))).vatNumber(row.get("vat_number"))
                .remarks(row.get("remarks")).orderRemarks(row.get("order_remarks")).tags(list(row.get("tags")));
        if (row.get("autosplit") != null) {
            b.autosplit(yesNo("autosplit", row.get("autosplit")));
        }
        if (row.get("calculate_vat") != null) {
            b.calculateVat(yesNo("calculate_vat", row.get("calculate_vat")));
        }
        row.values().forEach((column, value) -> {
            if (column.startsWith(CustomerProfile.FIELD_PREFIX)) {
                b.field(column.substring(CustomerProfile.FIELD_PREFIX.length()), value);
            }
        });
        return b.build();
    }

    /**
     * A cell may not hold control characters (NUL, BEL, ESC, DEL, the C1 codes, ...) other than tab and
     * line breaks, which quoted CSV cells carry legitimately. A broken export or a hostile file puts them
     * there, never a person; PostgreSQL refuses NUL outright, so without this the stores would disagree
     * about the same row (the SPI value types hold the narrower rule per kind of text).
     */
    private static void requirePrintable(String column, String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.getType(c) == Character.CONTROL && c != '\t' && c != '\n' && c != '\r') {
                throw new InvalidValueException("column " + column + " holds the control character U+"
                        + String.format(Locale.ROOT, "%04X", (int) c) + " at position " + (i + 1)
                        + "; remove it from the file");
            }
        }
    }

    /**
     * What an import row that updates a known customer leaves: the customer's data with each non-blank
     * cell of the row written over it (the seed's "aanvullen"). A blank cell or a missing column keeps
     * the stored value, the name included, so a file with only numbers and e-mail addresses changes the
     * e-mail addresses and nothing else (SPEC CU-8).
     */
    static CustomerProfile merge(CustomerProfile stored, int line, Map<String, String> cells) {
        Map<String, String> merged = new LinkedHashMap<>(cells(stored));
        merged.putAll(cells);
        return profile(new Row(line, merged));
    }

    /** The non-blank cells of a row, by column, sorted (a payload value with a stable text form). */
    static Map<String, String> given(Row row) {
        Map<String, String> out = new java.util.TreeMap<>();
        row.values().forEach((k, v) -> {
            if (!v.isBlank()) {
                out.put(k, v);
            }
        });
        return java.util.Collections.unmodifiableMap(out);
    }

    /** Writes profiles as an import file: the import's columns plus {@code fieldColumns} (cells as {@link CsvTable} writes them). */
    static void write(List<CustomerProfile> profiles, List<String> fieldColumns, java.io.Writer out) {
        List<String> header = new ArrayList<>(COLUMNS);
        header.addAll(fieldColumns);
        CsvTable table = CsvTable.withHeader(';', header);
        for (CustomerProfile p : profiles) {
            Map<String, String> cells = cells(p);
            table.row(header.stream().map(c -> cells.getOrDefault(c, "")).toList());
        }
        table.writeTo(out);
    }

    /** A profile as the cells of an import row: the inverse of {@link #profile(Row)}. Public for the round-trip property test. */
    public static Map<String, String> cells(CustomerProfile p) {
        Map<String, String> c = new LinkedHashMap<>();
        c.put("number", p.number());
        c.put("name", p.name());
        c.put("contact", p.contact());
        c.put("email", p.email());
        c.put("phone", p.phone());
        address(c, "delivery_", p.deliveryAddress());
        address(c, "invoice_", p.invoiceAddress());
        c.put("language", p.language());
        c.put("discount", p.discountPercent() == null ? null : p.discountPercent().toPlainString());
        c.put("template", p.template());
        c.put("price_lists", String.join(",", p.priceLists()));
        c.put("autosplit", Boolean.toString(p.autosplit()));
        c.put("calculate_vat", Boolean.toString(p.calculateVat()));
        c.put("vat_number", p.vatNumber());
        c.put("remarks", p.remarks());
        c.put("order_remarks", p.orderRemarks());
        c.put("tags", String.join(",", p.tags()));
        p.customFields().forEach((k, v) -> c.put(CustomerProfile.FIELD_PREFIX + k, v));
        c.replaceAll((k, v) -> v == null ? "" : v);
        return c;
    }

    private static void address(Map<String, String> c, String prefix, Address a) {
        c.put(prefix + "street", a == null ? null : a.street());
        c.put(prefix + "postal_code", a == null ? null : a.postalCode());
        c.put(prefix + "city", a == null ? null : a.city());
        c.put(prefix + "country", a == null ? null : a.country());
    }

    private static boolean yesNo(String column, String value) {
        return switch (value.strip().toLowerCase(Locale.ROOT)) {
            case "true", "yes", "ja", "1" -> true;
            case "false", "no", "nee", "0" -> false;
            default -> throw new InvalidValueException("column " + column + " must be yes or no, was '" + value + "'");
        };
    }

    private static List<String> list(String value) {
        return value == null ? List.of() : Arrays.asList(value.split(","));
    }

    private static List<String> header(List<String> names) {
        List<String> out = new ArrayList<>();
        for (String raw : names) {
            String n = raw.strip().toLowerCase(Locale.ROOT).replace(' ', '_').replace('-', '_');
            String column;
            if (n.isEmpty()) {
                // Spreadsheets export trailing separators as nameless columns; their cells are not read.
                out.add("");
                continue;
            } else if (n.startsWith(CustomerProfile.FIELD_PREFIX)) {
                column = CustomerProfile.FIELD_PREFIX + raw.strip().substring(CustomerProfile.FIELD_PREFIX.length());
            } else {
                column = ALIASES.getOrDefault(n, n);
                if (!COLUMNS.contains(column)) {
                    throw new InvalidValueException("unknown column '" + raw.strip() + "' in the header; known columns: "
                            + String.join(", ", COLUMNS) + ", and field.<name> for a custom field");
                }
            }
            if (out.contains(column)) {
                throw new InvalidValueException("column '" + raw.strip() + "' appears twice in the header");
            }
            out.add(column);
        }
        if (!out.contains("name") && !out.contains("number")) {
            throw new InvalidValueException("the header has neither a 'name' nor a 'number' column; a row needs a"
                    + " name to create a customer or a number to update one");
        }
        return out;
    }

    /** The separator of the header line: the most frequent of ; , and tab (a tie goes to ;, then ,). */
    static char detect(String headerLine) {
        long semicolons = headerLine.chars().filter(c -> c == ';').count();
        long commas = headerLine.chars().filter(c -> c == ',').count();
        long tabs = headerLine.chars().filter(c -> c == '\t').count();
        if (tabs > semicolons && tabs > commas) {
            return '\t';
        }
        return commas > semicolons ? ',' : ';';
    }

    private static String reason(RuntimeException e) {
        Throwable t = e.getCause() != null ? e.getCause() : e;
        String m = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        // The parser's position is relative to where it was restarted; the caller names the file line.
        int at = m.indexOf(" at line");
        return (at > 0 ? m.substring(0, at) : m).strip();
    }

    /** Offsets where physical lines start; a line ends at \n, \r\n or a lone \r, as the parser counts. */
    private static int[] lineStarts(String text) {
        int[] starts = new int[16];
        int n = 0;
        starts[n++] = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\n' || (c == '\r' && (i + 1 == text.length() || text.charAt(i + 1) != '\n'))) {
                if (i + 1 < text.length()) {
                    if (n == starts.length) {
                        starts = Arrays.copyOf(starts, n * 2);
                    }
                    starts[n++] = i + 1;
                }
            }
        }
        return Arrays.copyOf(starts, n);
    }

    private static String lineAt(String text, int[] starts, int line) {
        int end = line + 1 < starts.length ? starts[line + 1] : text.length();
        return text.substring(starts[line], end);
    }

    private static int nextNonBlank(String text, int[] starts, int line) {
        int l = line;
        while (l < starts.length - 1 && lineAt(text, starts, l).isBlank()) {
            l++;
        }
        return l;
    }
}

package org.loyaltyengine.spi.conformance;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * The boundary values of the input contract, one list a kind of field: identifiers, single-line names,
 * multi-line text, amounts, business dates and recorded times, each value with the verdict the contract
 * gives it.
 *
 * <p>It exists apart from {@link InputContractCases}, which applies these values to every field a store
 * keeps, so that the limits of each kind stand together and can be read against docs/architecture.md,
 * "Input contract", without the probes around them.
 */
final class InputValues {
    private InputValues() {
    }

    /** A value of a kind of field, with the verdict. */
    record Value<V>(String label, V value, boolean accepted) {
    }

    static <V> Value<V> ok(String label, V value) {
        return new Value<>(label, value, true);
    }

    static <V> Value<V> no(String label, V value) {
        return new Value<>(label, value, false);
    }

    private static String chars(int n) {
        StringBuilder s = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            s.append((char) ('a' + i % 26));
        }
        return s.toString();
    }

    /** Identifiers: keys the stores compare and index (tenant, numbers, ids, keys, users). */
    static List<Value<String>> identifiers(int max) {
        List<Value<String>> v = new ArrayList<>();
        v.add(ok("of 1 character", "a"));
        v.add(ok("of exactly " + max + " characters", chars(max)));
        v.add(ok("with an inner space", "a b"));
        v.add(ok("with letters beyond ASCII", "Žluťoučký-kůň_ß"));
        v.add(ok("with characters beyond the BMP (two UTF-16 units each)", "\uD83D\uDE00".repeat(max / 2)));
        v.add(ok("with punctuation", "A-1/2.3:4#5"));
        v.add(no("of " + (max + 1) + " characters", chars(max + 1)));
        v.add(no("null", null));
        v.add(no("empty", ""));
        v.add(no("blank", "   "));
        v.add(no("with a leading space", " a"));
        v.add(no("with a trailing space", "a "));
        v.add(no("with a trailing no-break space", "a\u00A0"));
        v.add(no("with an inner no-break space", "a\u00A0b"));
        v.add(no("with an inner ideographic space", "a\u3000b"));
        v.add(no("with a tab", "a\tb"));
        v.add(no("with a newline", "a\nb"));
        v.add(no("with a carriage return", "a\rb"));
        v.add(no("with NUL", "a\u0000b"));
        v.add(no("with ESC", "a\u001Bb"));
        v.add(no("with DEL", "a\u007Fb"));
        v.add(no("with a C1 control (NEL)", "a\u0085b"));
        v.add(no("with a line separator", "a\u2028b"));
        v.add(no("with a right-to-left override", "a\u202Eb"));
        v.add(no("with a right-to-left isolate", "a\u2067b"));
        v.add(no("with a right-to-left mark", "a\u200Fb"));
        v.add(no("with a zero-width space", "a\u200Bb"));
        v.add(no("with a zero-width joiner", "a\u200Db"));
        v.add(no("with a byte order mark", "\uFEFFa"));
        v.add(no("with a lone surrogate", "a\uD800b"));
        return v;
    }

    /** Single-line text: names of people, products and rules. */
    static List<Value<String>> names(int max) {
        List<Value<String>> v = new ArrayList<>();
        v.add(ok("of exactly " + max + " characters", chars(max)));
        v.add(ok("with accents and an apostrophe", "Zoë O'Brien-Łukasiewicz"));
        v.add(ok("in Arabic script", "مريم"));
        v.add(ok("with an emoji sequence (zero-width joiner)", "Ana \uD83D\uDC69\u200D\uD83D\uDCBB"));
        v.add(ok("with a trailing space", "Jan "));
        v.add(no("of " + (max + 1) + " characters", chars(max + 1)));
        v.add(no("null", null));
        v.add(no("blank", "  "));
        v.add(no("with a newline", "a\nb"));
        v.add(no("with a tab", "a\tb"));
        v.add(no("with NUL", "a\u0000b"));
        v.add(no("with ESC", "a\u001B[31mb"));
        v.add(no("with a right-to-left override", "a\u202Eb"));
        v.add(no("with a left-to-right embedding", "a\u202Ab"));
        v.add(no("with a first-strong isolate", "a\u2068b"));
        v.add(no("with a zero-width space", "a\u200Bb"));
        v.add(no("with a lone surrogate", "a\uDC00"));
        return v;
    }

    /** Multi-line text: ledger notes, remarks, attribute and setting values. */
    static List<Value<String>> multiLine(int max, boolean optional) {
        List<Value<String>> v = new ArrayList<>();
        v.add(ok("of exactly " + max + " characters", chars(max)));
        v.add(ok("with newlines", "line 1\nline 2\r\nline 3"));
        v.add(ok("with a tab", "a\tb"));
        v.add(ok("with a right-to-left script", "שלום עולם"));
        v.add(no("of " + (max + 1) + " characters", chars(max + 1)));
        v.add(no("with NUL", "a\u0000b"));
        v.add(no("with BEL", "a\u0007b"));
        v.add(no("with ESC", "a\u001B[2Jb"));
        v.add(no("with a C1 control (NEL)", "a\u0085b"));
        v.add(no("with a line separator", "a\u2028b"));
        v.add(no("with a right-to-left override", "a\u202Eb"));
        v.add(no("with a pop directional isolate", "a\u2069b"));
        v.add(no("with a lone surrogate", "a\uD800"));
        if (optional) {
            v.add(ok("null", null));
        }
        return v;
    }

    /** Amounts and points as the stores keep them: at most 28 integer digits and 10 decimals. */
    static List<Value<String>> amounts() {
        return List.of(
                ok("with 10 decimals", "0.0000000001"),
                ok("negative with 10 decimals", "-0.0000000001"),
                ok("with 28 integer digits and 10 decimals", "9999999999999999999999999999.9999999999"),
                ok("negative with 28 integer digits", "-9999999999999999999999999999"),
                ok("in exponent form within the digits", "1E+27"),
                ok("with trailing zeros (scale kept)", "12.5000"),
                no("with 11 decimals", "0.00000000001"),
                no("with 11 decimals, trailing zero", "1.00000000000"),
                no("of 10.00000000000000000001", "10.00000000000000000001"),
                no("with 29 integer digits", "10000000000000000000000000000"),
                no("negative with 29 integer digits", "-10000000000000000000000000000"),
                no("of 1E+28", "1E+28"),
                no("of 1E+40", "1E+40"),
                no("of 1E+400", "1E+400"));
    }

    /** Business dates: 1900-01-01 to 2199-12-31. */
    static List<Value<LocalDate>> dates() {
        return List.of(
                ok("1900-01-01", LocalDate.of(1900, 1, 1)),
                ok("2199-12-31", LocalDate.of(2199, 12, 31)),
                no("1899-12-31", LocalDate.of(1899, 12, 31)),
                no("2200-01-01", LocalDate.of(2200, 1, 1)),
                no("LocalDate.MIN", LocalDate.MIN),
                no("LocalDate.MAX", LocalDate.MAX),
                no("null", null));
    }

    /** Recorded times: 1900-01-01T00:00:00Z to 2261-12-31T23:59:59.999999999Z. */
    static List<Value<Instant>> instants() {
        return List.of(
                ok("1900-01-01T00:00:00Z", Instant.parse("1900-01-01T00:00:00Z")),
                ok("2261-12-31T23:59:59.999999999Z", Instant.parse("2261-12-31T23:59:59.999999999Z")),
                no("1899-12-31T23:59:59.999999999Z", Instant.parse("1899-12-31T23:59:59.999999999Z")),
                no("2262-01-01T00:00:00Z", Instant.parse("2262-01-01T00:00:00Z")),
                no("Instant.MIN", Instant.MIN),
                no("Instant.MAX", Instant.MAX));
    }
}

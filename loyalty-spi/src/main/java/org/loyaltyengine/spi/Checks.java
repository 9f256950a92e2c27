package org.loyaltyengine.spi;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.Collections;

/**
 * Argument checks shared by the compact constructors; each failure is an {@link InvalidValueException}
 * that names the field and the fix. The limits are those of {@link Limits}, the input contract.
 */
public final class Checks {
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private Checks() {
    }

    /** Not null and not blank; nothing more (see {@link #identifier}, {@link #name}, {@link #multiLine}). */
    public static String text(String value, String field) {
        if (value == null || value.isBlank()) {
            throw new InvalidValueException(field + " must not be blank");
        }
        return value;
    }

    /** Null when blank, else at most {@code maxLength} characters; for request records that normalise. */
    public static String optionalText(String value, String field, int maxLength) {
        if (value != null && value.length() > maxLength) {
            throw new InvalidValueException(field + " is longer than " + maxLength + " characters");
        }
        return value == null || value.isBlank() ? null : value;
    }

    public static <T> T notNull(T value, String field) {
        if (value == null) {
            throw new InvalidValueException(field + " is required");
        }
        return value;
    }

    /**
     * As {@link #notNull(Object, String)} for the field {@code field + " " + of} ("price of line", "7"). This
     * and the other checks that take {@code of} put the name together only for a value they refuse: the
     * records of the store are checked on every read and write (an account, a document line), and a name
     * built for every value that passes was a measurable part of a command's allocation.
     */
    public static <T> T notNull(T value, String field, Object of) {
        if (value == null) {
            throw new InvalidValueException(field + " " + of + " is required");
        }
        return value;
    }

    /**
     * The two sides of a compare-and-set replace ({@link Cards#update}, {@link Customers#update}): both
     * given, and the replacement keeps the key of the row read, since the read is what it is compared with.
     */
    public static <T> void replacing(T read, T replacement, java.util.function.Function<T, String> key, String what) {
        notNull(read, what + " as read");
        notNull(replacement, what);
        if (!key.apply(read).equals(key.apply(replacement))) {
            throw new InvalidValueException(what + " " + key.apply(replacement) + " replaces " + what + " "
                    + key.apply(read) + "; a replacement keeps the key of what was read");
        }
    }

    // ------------------------------------------------------------------ text

    /**
     * An identifier (a key the stores compare and index): not blank, at most {@code maxLength}
     * characters, no leading or trailing whitespace, no whitespace inside but U+0020, and no control,
     * format or separator character or unpaired surrogate (see {@link Limits}).
     */
    public static String identifier(String value, String field, int maxLength) {
        if (isPlainIdentifier(value, maxLength)) {
            return value;
        }
        text(value, field);
        length(value, field, maxLength);
        int first = value.codePointAt(0);
        int last = value.codePointBefore(value.length());
        if (isSpace(first) || isSpace(last)) {
            throw new InvalidValueException(field + " must not begin or end with whitespace; strip it first");
        }
        for (int i = 0; i < value.length(); ) {
            int cp = value.codePointAt(i);
            if (isSpace(cp) && cp != ' ') {
                throw refused(field, cp, i, "identifiers may hold no whitespace but the plain space");
            }
            if (Character.getType(cp) == Character.FORMAT) {
                throw refused(field, cp, i, "identifiers may hold no format character (bidi controls, zero-width"
                        + " characters)");
            }
            textCharacter(field, cp, i, false);
            i += Character.charCount(cp);
        }
        return value;
    }

    /** Null, or an {@link #identifier}. */
    public static String optionalIdentifier(String value, String field, int maxLength) {
        return value == null ? null : identifier(value, field, maxLength);
    }

    /**
     * A name (single-line text): not blank, at most {@code maxLength} characters, no control or
     * separator character, no bidi control or other format character except U+200C and U+200D.
     */
    public static String name(String value, String field, int maxLength) {
        if (isPlainName(value, maxLength)) {
            return value;
        }
        text(value, field);
        return characters(value, field, maxLength, false);
    }

    /** Null, or a {@link #name}. */
    public static String optionalName(String value, String field, int maxLength) {
        return value == null ? null : name(value, field, maxLength);
    }

    /** Null, or a {@link #name}, for the field {@code field + " " + of} (see {@link #notNull(Object, String, Object)}). */
    public static String optionalName(String value, String field, Object of, int maxLength) {
        if (value == null || isPlainName(value, maxLength)) {
            return value;
        }
        return name(value, field + " " + of, maxLength);
    }

    /**
     * Multi-line text (a note, remarks, a message, an attribute value): may be empty, at most
     * {@code maxLength} characters, as a {@link #name} but may hold line feed, carriage return and tab.
     */
    public static String multiLine(String value, String field, int maxLength) {
        if (isPlain(value, maxLength)) {
            return value;
        }
        notNull(value, field);
        return characters(value, field, maxLength, true);
    }

    /** Multi-line text that must say something (a note, a message): not blank, else as {@link #multiLine}. */
    public static String requiredMultiLine(String value, String field, int maxLength) {
        text(value, field);
        return multiLine(value, field, maxLength);
    }

    /** Null, or {@link #multiLine} text. */
    public static String optionalMultiLine(String value, String field, int maxLength) {
        return value == null ? null : multiLine(value, field, maxLength);
    }

    /** Whether a lookup key could have been stored as an identifier at all (a key that could not is never found). */
    public static boolean isIdentifier(String value, int maxLength) {
        try {
            identifier(value, "key", maxLength);
            return true;
        } catch (InvalidValueException e) {
            return false;
        }
    }

    /**
     * Whether {@code value} is at most {@code maxLength} characters of printable ASCII (U+0020 to U+007E):
     * such text passes every character check of an identifier, a name and multi-line text, so those
     * return at once without the per-code-point look-ups of the full check (nearly every key, code and
     * attribute a command handles is of this kind). Blankness and edge spaces are for the caller.
     */
    private static boolean isPlain(String value, int maxLength) {
        if (value == null || value.length() > maxLength) {
            return false;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c > 0x7E) {
                return false;
            }
        }
        return true;
    }

    /** Plain text ({@link #isPlain}) that is a name: not blank. */
    private static boolean isPlainName(String value, int maxLength) {
        return isPlain(value, maxLength) && !value.isBlank();
    }

    /** Plain text ({@link #isPlain}) that is an identifier: not empty, no space at either end. */
    private static boolean isPlainIdentifier(String value, int maxLength) {
        return isPlain(value, maxLength) && !value.isEmpty() && value.charAt(0) != ' '
                && value.charAt(value.length() - 1) != ' ';
    }

    private static String characters(String value, String field, int maxLength, boolean multiLine) {
        length(value, field, maxLength);
        for (int i = 0; i < value.length(); ) {
            int cp = value.codePointAt(i);
            if (Character.getType(cp) == Character.FORMAT && cp != 0x200C && cp != 0x200D) {
                throw refused(field, cp, i, "text may hold no bidi control or invisible format character");
            }
            textCharacter(field, cp, i, multiLine);
            i += Character.charCount(cp);
        }
        return value;
    }

    private static void length(String value, String field, int maxLength) {
        if (value.length() > maxLength) {
            throw new InvalidValueException(field + " has " + value.length() + " characters, more than the "
                    + maxLength + " allowed; shorten it");
        }
    }

    /** Controls (NUL, ESC, DEL, C1), line and paragraph separators and unpaired surrogates, in any text. */
    private static void textCharacter(String field, int cp, int at, boolean multiLine) {
        if (Character.isISOControl(cp) && !(multiLine && (cp == '\n' || cp == '\r' || cp == '\t'))) {
            throw refused(field, cp, at, multiLine ? "text may hold no control character but line breaks and tab"
                    : "it must be a single line without control characters");
        }
        int type = Character.getType(cp);
        if (type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR) {
            throw refused(field, cp, at, "write line breaks as line feed");
        }
        if (type == Character.SURROGATE) {
            throw refused(field, cp, at, "an unpaired surrogate is not a character and no database can keep it");
        }
    }

    private static boolean isSpace(int cp) {
        return Character.isWhitespace(cp) || Character.isSpaceChar(cp);
    }

    private static InvalidValueException refused(String field, int cp, int at, String why) {
        String name = Character.getName(cp);
        return new InvalidValueException(String.format(java.util.Locale.ROOT, "%s holds U+%04X%s at position %d: %s", field, cp,
                name == null ? "" : " (" + name + ")", at, why));
    }

    // ------------------------------------------------------------------ numbers

    /**
     * An amount, quantity, number of points or percentage as the stores keep it: at most
     * {@link Limits#MAX_INTEGER_DIGITS} integer digits and {@link Limits#MAX_SCALE} decimals. More is
     * refused, never rounded.
     */
    public static BigDecimal decimal(BigDecimal value, String field) {
        notNull(value, field);
        if (value.scale() > Limits.MAX_SCALE) {
            throw new InvalidValueException(field + " " + abbreviated(value) + " has " + value.scale()
                    + " decimals, more than the " + Limits.MAX_SCALE + " a store keeps; round it first");
        }
        if ((long) value.precision() - value.scale() > Limits.MAX_INTEGER_DIGITS) {
            throw new InvalidValueException(field + " " + abbreviated(value) + " has more than "
                    + Limits.MAX_INTEGER_DIGITS + " integer digits, more than a store keeps");
        }
        return value;
    }

    /** Null, or a {@link #decimal}. */
    public static BigDecimal optionalDecimal(BigDecimal value, String field) {
        return value == null ? null : decimal(value, field);
    }

    /** A {@link #decimal} for the field {@code field + " " + of} (see {@link #notNull(Object, String, Object)}). */
    public static BigDecimal decimal(BigDecimal value, String field, Object of) {
        return fitsStore(value) ? value : decimal(value, field + " " + of);
    }

    /** Null, or a {@link #decimal}, for the field {@code field + " " + of}. */
    public static BigDecimal optionalDecimal(BigDecimal value, String field, Object of) {
        return value == null ? null : decimal(value, field, of);
    }

    /** The conditions of {@link #decimal}, without a name for the message. */
    private static boolean fitsStore(BigDecimal value) {
        return value != null && value.scale() <= Limits.MAX_SCALE
                && (long) value.precision() - value.scale() <= Limits.MAX_INTEGER_DIGITS;
    }

    /** Parses a decimal written as text ({@code "12.50"}); garbage or null is a typed error naming the field. */
    public static BigDecimal parseDecimal(String value, String field) {
        text(value, field);
        try {
            return new BigDecimal(value.strip());
        } catch (NumberFormatException | ArithmeticException e) {
            throw new InvalidValueException(field + " must be a number such as 12.50, was '"
                    + (value.length() > 40 ? value.substring(0, 40) + "..." : value) + "'");
        }
    }

    private static String abbreviated(BigDecimal value) {
        // toString, not toPlainString: 1E+400 stays short in a message.
        String s = value.toString();
        return s.length() > 60 ? s.substring(0, 60) + "..." : s;
    }

    public static BigDecimal positive(BigDecimal value, String field) {
        decimal(value, field);
        if (value.signum() <= 0) {
            throw new InvalidValueException(field + " must be greater than zero, was " + abbreviated(value));
        }
        return value;
    }

    public static BigDecimal nonNegative(BigDecimal value, String field) {
        decimal(value, field);
        if (value.signum() < 0) {
            throw new InvalidValueException(field + " must not be negative, was " + abbreviated(value));
        }
        return value;
    }

    /** A {@link #nonNegative} decimal for the field {@code field + " " + of} (see {@link #notNull(Object, String, Object)}). */
    public static BigDecimal nonNegative(BigDecimal value, String field, Object of) {
        return fitsStore(value) && value.signum() >= 0 ? value : nonNegative(value, field + " " + of);
    }

    public static BigDecimal percent(BigDecimal value, String field) {
        nonNegative(value, field);
        if (value.compareTo(HUNDRED) > 0) {
            throw new InvalidValueException(field + " must be between 0 and 100, was " + abbreviated(value));
        }
        return value;
    }

    // ------------------------------------------------------------------ dates and times

    /** A business date from {@link Limits#EARLIEST_DATE} to {@link Limits#LATEST_DATE}. */
    public static LocalDate date(LocalDate value, String field) {
        notNull(value, field);
        if (value.isBefore(Limits.EARLIEST_DATE) || value.isAfter(Limits.LATEST_DATE)) {
            throw new InvalidValueException(field + " " + value + " is outside " + Limits.EARLIEST_DATE + " to "
                    + Limits.LATEST_DATE + ", the business dates a store accepts");
        }
        return value;
    }

    /** A time from {@link Limits#EARLIEST_INSTANT} to {@link Limits#LATEST_INSTANT}. */
    public static Instant instant(Instant value, String field) {
        notNull(value, field);
        if (value.isBefore(Limits.EARLIEST_INSTANT) || value.isAfter(Limits.LATEST_INSTANT)) {
            throw new InvalidValueException(field + " " + value + " is outside " + Limits.EARLIEST_INSTANT + " to "
                    + Limits.LATEST_INSTANT + ", the times a store accepts");
        }
        return value;
    }

    /** Null, or an {@link #instant}. */
    public static Instant optionalInstant(Instant value, String field) {
        return value == null ? null : instant(value, field);
    }

    // ------------------------------------------------------------------ collections

    /**
     * The keys {@link Ledger#entriesOf} takes, as it promises to check them: a collection, no null in it, at most
     * {@link Accounts#MAX_PAGE} keys. Returned as given.
     */
    public static java.util.Collection<AccountKey> accountKeys(java.util.Collection<AccountKey> accounts) {
        notNull(accounts, "account keys");
        if (accounts.size() > Accounts.MAX_PAGE) {
            throw new InvalidValueException("entries are read for at most " + Accounts.MAX_PAGE
                    + " accounts at once, was " + accounts.size());
        }
        for (AccountKey key : accounts) {
            if (key == null) {
                throw new InvalidValueException("account keys must not contain null");
            }
        }
        return accounts;
    }

    /** An immutable copy of a list; null becomes empty, null elements are refused. */
    public static <T> List<T> list(List<T> values, String field) {
        if (values == null) {
            return List.of();
        }
        for (T v : values) {
            if (v == null) {
                throw new InvalidValueException(field + " must not contain null");
            }
        }
        return List.copyOf(values);
    }

    /**
     * An immutable, key-sorted copy of a map whose keys are identifiers of at most
     * {@link Limits#ATTRIBUTE_KEY} characters and whose values are {@link #multiLine} text of at most
     * {@link Limits#TEXT}. Sorted so that {@code toString()} (and so the idempotency fingerprint of a
     * payload) is the same in every JVM.
     */
    public static Map<String, String> sortedMap(Map<String, String> values, String field) {
        return sortedMap(values, field, Limits.RECORD_TEXT);
    }

    /** As {@link #sortedMap(Map, String)}, with at most {@code maxText} characters of keys and values together. */
    public static Map<String, String> sortedMap(Map<String, String> values, String field, int maxText) {
        if (values == null || values.isEmpty()) {
            return Map.of();
        }
        TreeMap<String, String> copy = new TreeMap<>();
        long[] total = new long[1];
        // Through forEach, not the entries: an unmodifiable map (a document's, saved again) wraps each entry.
        values.forEach((k, v) -> {
            // An entry's names are built only when it fails: every document, line and outcome is checked so.
            if (!isPlainIdentifier(k, Limits.ATTRIBUTE_KEY)) {
                identifier(k, field + " key", Limits.ATTRIBUTE_KEY);
            }
            if (!isPlain(v, Limits.TEXT)) {
                multiLine(v, field + "[" + k + "]", Limits.TEXT);
            }
            copy.put(k, v);
            total[0] += k.length() + v.length();
        });
        recordText(total[0], field, maxText);
        return Collections.unmodifiableSortedMap(copy);
    }

    /** Refuses a record whose text, all of it together, is more than one row of every store holds. */
    static void recordText(long characters, String field, int maxText) {
        if (characters > maxText) {
            throw new InvalidValueException(field + " hold " + characters + " characters together, more than the "
                    + maxText + " one record may hold; keep large content outside the loyalty store");
        }
    }

    /** The characters of a map's keys and values together. */
    static long textOf(Map<String, String> values) {
        // Through forEach, not the entries: an unmodifiable map hands out each entry in a wrapper of its
        // own, and a document counts every line's attributes each time one is made (twice per save).
        long[] n = new long[1];
        values.forEach((k, v) -> n[0] += k.length() + v.length());
        return n[0];
    }
}

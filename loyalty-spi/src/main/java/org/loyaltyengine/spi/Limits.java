package org.loyaltyengine.spi;

import java.time.Instant;
import java.time.LocalDate;

/**
 * The input contract: the one place that says what every store accepts. The value types check it in
 * their compact constructors (through {@link Checks}), so the in-memory store, the JPA store on each
 * database and a host's own store all accept and refuse exactly the same values, and the schema
 * scripts' columns are sized from these numbers.
 *
 * <p>Lengths count UTF-16 code units ({@link String#length()}), so a character beyond the Basic
 * Multilingual Plane (an emoji) counts two: never more than the columns hold, which count characters.
 *
 * <ul>
 *   <li><b>Identifiers</b> (tenant, card and customer numbers, customer, document, line and hold ids,
 *       idempotency keys, account owners, programs, document types and statuses, user names,
 *       permission names, attribute and setting keys): not blank, no leading or trailing whitespace,
 *       no whitespace inside but the plain space U+0020, no control character (C0, DEL, C1), no format
 *       character (bidi embeddings, overrides, isolates and marks, zero-width characters, the byte
 *       order mark, soft hyphen), no line or paragraph separator, no unpaired surrogate. They compare
 *       exactly, as Java compares strings: case, accents and spacing all count, on every database.</li>
 *   <li><b>Names</b> (card holders, customers, products, rules): single-line text; not blank, no control
 *       character, no line or paragraph separator, no bidi control (U+202A-U+202E, U+2066-U+2069,
 *       U+200E, U+200F, U+061C) nor any other format character except the zero-width non-joiner and
 *       joiner (U+200C, U+200D) that some scripts and emoji need, no unpaired surrogate.</li>
 *   <li><b>Multi-line text</b> (ledger notes, remarks, messages, attribute and setting values): as names,
 *       and may hold line feed, carriage return and tab, and may be empty.</li>
 *   <li><b>Amounts and points</b>: at most {@value #MAX_INTEGER_DIGITS} integer digits and
 *       {@value #MAX_SCALE} decimals (the NUMERIC(38,10) columns); more is refused, never rounded.</li>
 *   <li><b>Business dates</b>: {@link #EARLIEST_DATE} to {@link #LATEST_DATE}.</li>
 *   <li><b>Times</b> (recorded, placed, expires, settled, decided): {@link #EARLIEST_INSTANT} to
 *       {@link #LATEST_INSTANT}, within the epoch nanoseconds a 64-bit column holds.</li>
 * </ul>
 */
public final class Limits {
    /** Tenant ids (column {@code tenant VARCHAR(64)}). */
    public static final int TENANT_ID = 64;
    /** POS card numbers ({@code card_number VARCHAR(64)}). */
    public static final int CARD_NUMBER = 64;
    /** Customer numbers ({@code customer_number VARCHAR(64)}). */
    public static final int CUSTOMER_NUMBER = 64;
    /**
     * Idempotency keys ({@code idempotency_key VARCHAR(200)}); shorter than {@link #IDENTIFIER} because
     * hold ids, document ids and import rows are derived from a key with a suffix.
     */
    public static final int IDEMPOTENCY_KEY = 200;
    /**
     * Customer, document, line and hold ids, account owners, user names ({@code *_ref}, {@code actor},
     * {@code settled_by VARCHAR(255)}).
     */
    public static final int IDENTIFIER = 255;
    /**
     * Programs, document types and statuses, rule-set names, command names, reason and notice codes,
     * permission names ({@code program}, {@code doc_type}, {@code status}, {@code rule_set VARCHAR(100)}).
     */
    public static final int CODE = 100;
    /** Unit codes: a currency or a host's credit type ({@code unit_code VARCHAR(64)}). */
    public static final int UNIT_CODE = 64;
    /** A document's currency code ({@code currency VARCHAR(16)}). */
    public static final int DOCUMENT_CURRENCY = 16;
    /** Keys of attribute maps and settings (kept in text columns). */
    public static final int ATTRIBUTE_KEY = 255;
    /** Names of card holders, customers, products and rules ({@code first_name}, {@code name}, {@code rule_name VARCHAR(255)}). */
    public static final int NAME = 255;
    /** A ledger entry's note ({@code note VARCHAR(2000)}). */
    public static final int NOTE = 2000;
    /** Attribute and setting values, rejection and notice messages (kept in text columns). */
    public static final int TEXT = 10_000;
    /**
     * The text of one map of a record, keys and values together: a customer's or a line's attributes, a
     * program's settings, an outcome's values. Each value within {@link #TEXT} is not enough: 2,100 of
     * them are 42 MB, more than MariaDB takes in one packet (16 MB by default) while the other stores
     * keep it. A million characters are at most 3 MB as UTF-8.
     */
    public static final int RECORD_TEXT = 1_000_000;
    /**
     * The text of one document, its attributes and all its lines' together (an audit record holds a
     * subject's state before and after, so twice a record): at most 12 MB as UTF-8, under MariaDB's packet.
     */
    public static final int DOCUMENT_TEXT = 4_000_000;
    /** An outcome's fingerprint ({@code fingerprint VARCHAR(500)}). */
    public static final int FINGERPRINT = 500;

    /** Decimals of an amount, a quantity, points or a percentage (NUMERIC(38,10)). */
    public static final int MAX_SCALE = 10;
    /** Integer digits of an amount, a quantity, points or a percentage (NUMERIC(38,10): 38 - 10). */
    public static final int MAX_INTEGER_DIGITS = 28;

    /** The first business date the stores accept. */
    public static final LocalDate EARLIEST_DATE = LocalDate.of(1900, 1, 1);
    /**
     * The last business date the stores accept: far enough for any validity or expiry, near enough that
     * a date computed from it (a year later, an expiry) still fits every DATE column.
     */
    public static final LocalDate LATEST_DATE = LocalDate.of(2199, 12, 31);
    /** The first time the stores accept. */
    public static final Instant EARLIEST_INSTANT = Instant.parse("1900-01-01T00:00:00Z");
    /** The last time the stores accept; epoch nanoseconds in a signed 64-bit column end in April 2262. */
    public static final Instant LATEST_INSTANT = Instant.parse("2261-12-31T23:59:59.999999999Z");

    private Limits() {
    }
}

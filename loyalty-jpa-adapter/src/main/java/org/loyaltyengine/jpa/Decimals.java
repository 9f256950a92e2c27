package org.loyaltyengine.jpa;

import java.math.BigDecimal;
import java.time.Instant;

import org.loyaltyengine.spi.InvalidValueException;

/**
 * Column conversions that must round-trip exactly. A NUMERIC(38,10) column returns every value at
 * scale 10, so each amount keeps its own scale in a companion column and is put back to it on read;
 * instants are epoch nanoseconds because SQL timestamps stop at microseconds on PostgreSQL.
 */
final class Decimals {
    static final int MAX_SCALE = 10;
    private static final int MAX_INTEGER_DIGITS = 28;
    private static final long NANOS = 1_000_000_000L;

    private Decimals() {
    }

    /** Refuses what the amount columns cannot hold instead of letting the database round it. */
    static BigDecimal storable(BigDecimal value, String field) {
        if (value == null) {
            return null;
        }
        if (value.scale() > MAX_SCALE || value.precision() - value.scale() > MAX_INTEGER_DIGITS) {
            throw new InvalidValueException(field + " " + value.toPlainString() + " does not fit the store's amount"
                    + " columns (at most " + MAX_INTEGER_DIGITS + " integer digits and " + MAX_SCALE + " decimals)");
        }
        return value;
    }

    static Integer scaleOf(BigDecimal value) {
        return value == null ? null : value.scale();
    }

    static BigDecimal read(BigDecimal stored, Integer scale) {
        return stored == null ? null : stored.setScale(scale);
    }

    static Long nanos(Instant at) {
        if (at == null) {
            return null;
        }
        try {
            return Math.addExact(Math.multiplyExact(at.getEpochSecond(), NANOS), at.getNano());
        } catch (ArithmeticException e) {
            throw new InvalidValueException("time " + at + " is outside the years 1678-2262 the store can keep");
        }
    }

    static Instant instant(Long nanos) {
        return nanos == null ? null : Instant.ofEpochSecond(Math.floorDiv(nanos, NANOS), Math.floorMod(nanos, NANOS));
    }
}

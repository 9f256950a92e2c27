package org.loyaltyengine.spi;

/**
 * What an account counts: points, money in one currency, or a host-defined credit type (hours,
 * copies, tickets).
 */
public record Unit(Kind kind, String code) implements Comparable<Unit> {
    public enum Kind { POINTS, CURRENCY, CREDIT }

    public Unit {
        Checks.notNull(kind, "unit kind");
        Checks.identifier(code, "unit code", Limits.UNIT_CODE);
        if (kind == Kind.CURRENCY) {
            Money.currency(code);
        }
    }

    public static Unit points() {
        return new Unit(Kind.POINTS, "PTS");
    }

    public static Unit currency(String isoCode) {
        return new Unit(Kind.CURRENCY, isoCode);
    }

    public static Unit credit(String creditType) {
        return new Unit(Kind.CREDIT, creditType);
    }

    @Override
    public int compareTo(Unit o) {
        int c = kind.compareTo(o.kind);
        return c != 0 ? c : code.compareTo(o.code);
    }

    @Override
    public String toString() {
        return kind == Kind.POINTS ? code : kind.name().toLowerCase(java.util.Locale.ROOT) + ":" + code;
    }
}

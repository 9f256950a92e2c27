package org.loyaltyengine.jpa;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.loyaltyengine.spi.AccountKey;
import org.loyaltyengine.spi.Balance;
import org.loyaltyengine.spi.DocumentLine;
import org.loyaltyengine.spi.EntryKind;
import org.loyaltyengine.spi.HoldEvent;
import org.loyaltyengine.spi.HoldState;
import org.loyaltyengine.spi.LedgerEntry;
import org.loyaltyengine.spi.Notice;
import org.loyaltyengine.spi.Outcome;
import org.loyaltyengine.spi.Rejection;
import org.loyaltyengine.spi.RuleRef;
import org.loyaltyengine.spi.StoreException;
import org.loyaltyengine.spi.Unit;

/**
 * The text form of the nested values the store keeps in one column (outcomes, document lines,
 * attribute maps). Each field is written as {@code <length>:<chars>}, or {@code -} for null, so any
 * character can appear in a value without escaping, and the reader is strict: a wrong length, a
 * missing colon or trailing text is an error rather than a silently different value.
 *
 * <p>Chosen over a JSON library because the shapes are few and fixed, BigDecimal scale and Instant
 * nanoseconds must survive exactly, and the adapter should not pull a JSON stack into a host.
 * The leading {@link #FORMAT} tag lets a later release read the rows an earlier one wrote.
 */
final class TextCodec {
    static final String FORMAT = "LE1";

    private TextCodec() {
    }

    // ------------------------------------------------------------------ public shapes

    static String outcome(Outcome o) {
        Writer w = new Writer();
        w.text(o.status().name()).text(o.command()).text(o.idempotencyKey()).bool(o.dryRun()).text(o.ruleSet())
                .integer(o.ruleVersion());
        w.list(o.rulesFired(), Writer::text);
        w.list(o.rejections(), (x, r) -> x.text(r.code()).text(r.message()).text(r.rule()));
        w.list(o.entries(), TextCodec::entry);
        w.list(o.holds(), (x, h) -> {
            x.text(h.holdId());
            key(x, h.account());
            x.decimal(h.amount()).text(h.state().name()).text(h.document()).text(h.line());
            rule(x, h.rule());
        });
        w.list(o.balances(), (x, b) -> {
            key(x, b.account());
            x.decimal(b.balance()).decimal(b.held());
        });
        w.list(o.notices(), (x, n) -> x.text(n.code()).text(n.message()).text(n.rule()));
        w.map(o.values());
        w.instant(o.decidedAt());
        // Last, so that an outcome written before outcomes recorded their actor still reads back.
        if (o.actor() != null) {
            w.text(o.actor());
        }
        return w.done();
    }

    static Outcome outcome(String s) {
        return strictly(() -> outcomeOf(s));
    }

    private static Outcome outcomeOf(String s) {
        Reader r = new Reader(s);
        Outcome o = new Outcome(Outcome.Status.valueOf(r.text()), r.text(), r.text(), r.bool(), r.text(), (int) r.integer(),
                r.list(Reader::text),
                r.list(x -> new Rejection(x.text(), x.text(), x.text())),
                r.list(TextCodec::entry),
                r.list(x -> new HoldEvent(x.text(), key(x), x.decimal(), HoldState.valueOf(x.text()), x.text(),
                        x.text(), rule(x))),
                r.list(x -> new Balance(key(x), x.decimal(), x.decimal())),
                r.list(x -> new Notice(x.text(), x.text(), x.text())),
                r.map(),
                r.instant(),
                r.atEnd() ? null : r.text());
        r.end();
        return o;
    }

    static String map(Map<String, String> values) {
        return new Writer().map(values).done();
    }

    static Map<String, String> map(String s) {
        return strictly(() -> {
            Reader r = new Reader(s);
            Map<String, String> m = r.map();
            r.end();
            return m;
        });
    }

    static String lines(List<DocumentLine> lines) {
        Writer w = new Writer();
        w.list(lines, (x, l) -> x.text(l.lineId()).text(l.product()).decimal(l.quantity()).decimal(l.amount())
                .map(l.attributes()));
        return w.done();
    }

    static List<DocumentLine> lines(String s) {
        return strictly(() -> {
            Reader r = new Reader(s);
            List<DocumentLine> lines = r.list(x -> new DocumentLine(x.text(), x.text(), x.decimal(), x.decimal(),
                    x.map()));
            r.end();
            return lines;
        });
    }

    /**
     * Reads a column; a value it cannot parse (a number, date, time or name that is not one) is a
     * corrupt row, typed, not a NumberFormatException. A row that parses but breaks the input contract
     * (written by hand, or by an older release) is the value type's InvalidValueException.
     */
    private static <T> T strictly(java.util.function.Supplier<T> read) {
        try {
            return read.get();
        } catch (org.loyaltyengine.spi.LoyaltyException e) {
            throw e;
        } catch (RuntimeException e) {
            throw corrupt("a field does not parse: " + e);
        }
    }

    private static StoreException corrupt(String why) {
        return StoreException.failed("a stored value cannot be read back (" + why
                + "); the row was not written by this adapter or was edited by hand", null);
    }

    // ------------------------------------------------------------------ nested records

    private static void entry(Writer w, LedgerEntry e) {
        w.integer(e.sequence());
        key(w, e.account());
        w.text(e.kind().name()).decimal(e.amount()).text(e.document()).text(e.line()).date(e.businessDate())
                .instant(e.recordedAt()).text(e.actor()).text(e.note()).text(e.idempotencyKey());
        rule(w, e.rule());
        w.text(e.holdId());
    }

    private static LedgerEntry entry(Reader r) {
        return new LedgerEntry(r.integer(), key(r), EntryKind.valueOf(r.text()), r.decimal(), r.text(), r.text(),
                r.date(), r.instant(), r.text(), r.text(), r.text(), rule(r), r.text());
    }

    private static void key(Writer w, AccountKey k) {
        w.text(k.owner()).text(k.program()).text(k.unit().kind().name()).text(k.unit().code());
    }

    private static AccountKey key(Reader r) {
        return new AccountKey(r.text(), r.text(), new Unit(Unit.Kind.valueOf(r.text()), r.text()));
    }

    private static void rule(Writer w, RuleRef rule) {
        if (rule == null) {
            w.text(null);
        } else {
            w.text("R").text(rule.ruleSet()).integer(rule.version()).text(rule.rule());
        }
    }

    private static RuleRef rule(Reader r) {
        return r.text() == null ? null : new RuleRef(r.text(), (int) r.integer(), r.text());
    }

    // ------------------------------------------------------------------ the field format

    private static final class Writer {
        private final StringBuilder out = new StringBuilder(FORMAT);

        Writer text(String value) {
            if (value == null) {
                out.append('-');
            } else {
                out.append(value.length()).append(':').append(value);
            }
            return this;
        }

        Writer integer(long value) {
            return text(Long.toString(value));
        }

        Writer bool(boolean value) {
            return text(value ? "T" : "F");
        }

        /** toString, not toPlainString: it is the form BigDecimal's constructor reads back with the same scale. */
        Writer decimal(BigDecimal value) {
            return text(value == null ? null : value.toString());
        }

        Writer date(LocalDate value) {
            return text(value == null ? null : value.toString());
        }

        Writer instant(Instant value) {
            return text(value == null ? null : value.toString());
        }

        <T> Writer list(List<T> values, java.util.function.BiConsumer<Writer, T> item) {
            integer(values.size());
            values.forEach(v -> item.accept(this, v));
            return this;
        }

        Writer map(Map<String, String> values) {
            integer(values.size());
            values.forEach((k, v) -> text(k).text(v));
            return this;
        }

        String done() {
            return out.toString();
        }
    }

    private static final class Reader {
        private final String in;
        private int pos;

        Reader(String in) {
            if (in == null || !in.startsWith(FORMAT)) {
                throw corrupt("it does not start with " + FORMAT);
            }
            this.in = in;
            this.pos = FORMAT.length();
        }

        String text() {
            if (pos >= in.length()) {
                throw corrupt("it ends early at " + pos);
            }
            if (in.charAt(pos) == '-') {
                pos++;
                return null;
            }
            int colon = in.indexOf(':', pos);
            if (colon < 0 || colon == pos || colon - pos > 10) {
                throw corrupt("no field length at " + pos);
            }
            int length;
            try {
                length = Integer.parseInt(in, pos, colon, 10);
            } catch (NumberFormatException e) {
                throw corrupt("a malformed field length at " + pos);
            }
            int end = colon + 1 + length;
            if (length < 0 || end > in.length()) {
                throw corrupt("a field at " + pos + " runs past the end");
            }
            pos = end;
            return in.substring(colon + 1, end);
        }

        private String required() {
            String s = text();
            if (s == null) {
                throw corrupt("a required field is null before " + pos);
            }
            return s;
        }

        long integer() {
            return Long.parseLong(required());
        }

        boolean bool() {
            String s = required();
            if (!s.equals("T") && !s.equals("F")) {
                throw corrupt("'" + s + "' is not a boolean");
            }
            return s.equals("T");
        }

        BigDecimal decimal() {
            String s = text();
            return s == null ? null : new BigDecimal(s);
        }

        LocalDate date() {
            String s = text();
            return s == null ? null : LocalDate.parse(s);
        }

        Instant instant() {
            String s = text();
            return s == null ? null : Instant.parse(s);
        }

        <T> List<T> list(Function<Reader, T> item) {
            long n = integer();
            List<T> values = new ArrayList<>();
            for (long i = 0; i < n; i++) {
                values.add(item.apply(this));
            }
            return values;
        }

        Map<String, String> map() {
            long n = integer();
            Map<String, String> values = new LinkedHashMap<>();
            for (long i = 0; i < n; i++) {
                values.put(required(), required());
            }
            return values;
        }

        boolean atEnd() {
            return pos == in.length();
        }

        void end() {
            if (pos != in.length()) {
                throw corrupt("unexpected text after position " + pos);
            }
        }

        private StoreException corrupt(String why) {
            return TextCodec.corrupt(why);
        }
    }
}

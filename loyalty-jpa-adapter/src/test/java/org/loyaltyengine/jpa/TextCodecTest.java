package org.loyaltyengine.jpa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
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

/** The column codec gives back exactly what it was given, including scale, nanoseconds and odd text. */
@Tag("X-4")
class TextCodecTest {

    @Property(tries = 300)
    void outcome_roundTripsExactly(@ForAll("outcomes") Outcome outcome) {
        assertEquals(outcome, TextCodec.outcome(TextCodec.outcome(outcome)));
    }

    @Property(tries = 300)
    void lines_roundTripExactly(@ForAll("texts") String id, @ForAll("decimals") BigDecimal amount,
                                @ForAll("maps") Map<String, String> attributes) {
        List<DocumentLine> lines = List.of(new DocumentLine(id, null, BigDecimal.ONE, amount, attributes),
                new DocumentLine("2", id, amount.negate(), BigDecimal.ZERO, Map.of()));
        assertEquals(lines, TextCodec.lines(TextCodec.lines(lines)));
    }

    @Test
    @Tag("X-8")
    void outcome_keepsItsActor_andOneStoredBeforeActorsWereRecordedStillReadsBack() {
        // Written by hand in the format of the release before: no actor after the decision time.
        String before = "LE17:APPLIED8:pos.draw2:k11:F2:rs1:71:01:01:01:01:01:01:020:2026-03-14T09:00:00Z";
        Outcome old = TextCodec.outcome(before);
        assertEquals("pos.draw", old.command());
        assertEquals(Instant.parse("2026-03-14T09:00:00Z"), old.decidedAt());
        assertEquals(null, old.actor(), "an old row names no actor; the store does not invent one");
        assertEquals("anna", TextCodec.outcome(before + "4:anna").actor());
        assertEquals(before + "4:anna", TextCodec.outcome(new Outcome(old.status(), old.command(),
                old.idempotencyKey(), false, "rs", 7, List.of(), List.of(), List.of(), List.of(), List.of(), List.of(),
                Map.of(), old.decidedAt(), "anna")));
        assertThrows(StoreException.class, () -> TextCodec.outcome(before + "4:anna" + "1:x"));
    }

    @Test
    void outcome_fromACorruptedColumnFailsTypedInsteadOfReadingSomethingElse() {
        String stored = TextCodec.map(Map.of("rate", "0.20"));
        assertThrows(StoreException.class, () -> TextCodec.map(stored + "x"));
        assertThrows(StoreException.class, () -> TextCodec.map(stored.substring(0, stored.length() - 1)));
        assertThrows(StoreException.class, () -> TextCodec.map("{\"rate\":\"0.20\"}"));
    }

    @Provide
    Arbitrary<String> texts() {
        // Digits, colons and dashes are the codec's own syntax; they must pass through as data. Only
        // what the input contract lets into an identifier: no control characters, no edge spaces.
        return Arbitraries.strings().withChars("ab:-0129 \u00e9\u20ac").ofMinLength(1).ofMaxLength(12)
                .filter(s -> !s.isBlank() && s.strip().equals(s));
    }

    /** Free text as notes, messages and attribute values may hold it: line breaks and tabs too. */
    Arbitrary<String> lines() {
        return Arbitraries.strings().withChars("ab:-0129 \n\r\t\u00e9\u20ac").ofMinLength(1).ofMaxLength(12)
                .filter(s -> !s.isBlank());
    }

    @Provide
    Arbitrary<BigDecimal> decimals() {
        return Combinators.combine(Arbitraries.longs().between(-10_000_000L, 10_000_000L), Arbitraries.integers()
                .between(-2, 10)).as(BigDecimal::valueOf);
    }

    @Provide
    Arbitrary<Map<String, String>> maps() {
        return Arbitraries.maps(texts(), lines()).ofMaxSize(3);
    }

    @Provide
    Arbitrary<Outcome> outcomes() {
        Arbitrary<Instant> instants = Arbitraries.longs().between(0, 4_000_000_000L)
                .flatMap(s -> Arbitraries.integers().between(0, 999_999_999).map(n -> Instant.ofEpochSecond(s, n)));
        Arbitrary<AccountKey> keys = texts().map(o -> new AccountKey(o, "pos-card", Unit.currency("CZK")));
        Arbitrary<RuleRef> rules = texts().map(r -> new RuleRef("rs", 3, r));
        Arbitrary<LedgerEntry> entries = Combinators.combine(keys, decimals().filter(d -> d.signum() != 0), instants,
                texts(), lines(), rules).as((k, amount, at, ref, note, rule) -> new LedgerEntry(42, k, EntryKind.CAPTURE,
                amount, ref, null, LocalDate.of(2026, 2, 28), at, "cashier", note, null, rule, "h-" + ref));
        Arbitrary<HoldEvent> holds = Combinators.combine(texts(), keys, decimals(), rules.injectNull(0.5))
                .as((id, k, amount, rule) -> new HoldEvent(id, k, amount, HoldState.RELEASED, null, id, rule));
        Arbitrary<Balance> balances = Combinators.combine(keys, decimals(), decimals()).as(Balance::new);
        Arbitrary<Rejection> rejections = Combinators.combine(texts(), lines(), texts().injectNull(0.5))
                .as(Rejection::new);
        Arbitrary<Notice> notices = Combinators.combine(texts(), lines(), texts().injectNull(0.5)).as(Notice::new);
        return Combinators.combine(
                rejections.list().ofMaxSize(2), entries.list().ofMaxSize(3), holds.list().ofMaxSize(2),
                balances.list().ofMaxSize(2), notices.list().ofMaxSize(2), maps(), instants, texts().injectNull(0.3))
                .as((rejected, es, hs, bs, ns, values, at, key) -> new Outcome(
                        rejected.isEmpty() ? Outcome.Status.APPLIED : Outcome.Status.REJECTED, "pos.draw", key,
                        key == null, key, 7, List.of("rule: a", "rule:-b"), rejected, es, hs, bs, ns, values, at,
                        key == null ? null : "user " + key));
    }
}

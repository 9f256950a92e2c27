package org.loyaltyengine.testing.credits;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.BeforeEach;
import org.loyaltyengine.CommandContext;
import org.loyaltyengine.LoyaltyEngine;
import org.loyaltyengine.credits.CreditRequests.ConfirmSale;
import org.loyaltyengine.credits.CreditRequests.Consume;
import org.loyaltyengine.credits.CreditRequests.Counting;
import org.loyaltyengine.credits.CreditRequests.DefineType;
import org.loyaltyengine.credits.CreditRequests.SaleLine;
import org.loyaltyengine.credits.CreditRequests.Sell;
import org.loyaltyengine.credits.CreditRequests.Source;
import org.loyaltyengine.credits.CreditRequests.SourceDocument;
import org.loyaltyengine.credits.CreditRequests.UseCredits;
import org.loyaltyengine.credits.CreditRequests.WorkLine;
import org.loyaltyengine.credits.Credits;
import org.loyaltyengine.credits.Holding;
import org.loyaltyengine.credits.LotStatement;
import org.loyaltyengine.credits.Portfolio;
import org.loyaltyengine.rules.facts.CreditWorkAnswer;
import org.loyaltyengine.spi.Actor;
import org.loyaltyengine.spi.LoyaltyStore;
import org.loyaltyengine.spi.Money;
import org.loyaltyengine.spi.Outcome;
import org.loyaltyengine.spi.TenantId;
import org.loyaltyengine.testing.MutableClock;
import org.loyaltyengine.testing.TenantSnapshot;

/**
 * What the prepaid-credits contract suites (seed 002, SPEC CR-1..CR-8, X-13) share: an engine on the store under
 * test, a fresh tenant per test, an office user who may do everything, and fixtures that read like the ERP's
 * credits module. Two credit types recur: {@code HOUR} (technician hours, counted in fractions, face value
 * 80.00 EUR) and {@code TICKET} (support tickets, whole, face value 25.00 EUR).
 */
public abstract class CreditsContractBase {
    protected static final Actor OFFICE = Actor.of("office-ann", Credits.TYPES_PERMISSION,
            Credits.CUSTOMERS_PERMISSION, Credits.SETTINGS_PERMISSION, Credits.MANUAL_PERMISSION);
    /** A technician: registers work on documents, holds none of the program's permissions. */
    protected static final Actor TECHNICIAN = Actor.of("tech-bob");

    protected MutableClock clock;
    protected LoyaltyEngine engine;
    protected LoyaltyStore store;
    protected Credits credits;
    protected TenantId tenant;
    private final AtomicLong keys = new AtomicLong();

    /** The store under test; a new one, or a shared one (each test uses a fresh tenant). */
    protected abstract LoyaltyStore newStore();

    @BeforeEach
    void setUpEngine() {
        clock = new MutableClock(Instant.parse("2026-01-05T08:00:00Z"));
        store = newStore();
        engine = LoyaltyEngine.builder().store(store).clock(clock).build();
        credits = engine.credits();
        tenant = TenantId.of("credits-" + UUID.randomUUID().toString().substring(0, 12));
    }

    // ------------------------------------------------------------------ contexts

    /** A command of the office on a business date, under a fresh key. */
    protected CommandContext on(LocalDate day) {
        return as(OFFICE, day);
    }

    protected CommandContext as(Actor actor, LocalDate day) {
        return CommandContext.of(tenant, actor, "k" + keys.incrementAndGet(), day);
    }

    protected static LocalDate day(String iso) {
        return LocalDate.parse(iso);
    }

    protected static Money eur(String amount) {
        return Money.of(amount, "EUR");
    }

    protected static BigDecimal dec(String value) {
        return new BigDecimal(value);
    }

    // ------------------------------------------------------------------ fixtures

    /** HOUR (fractional, 80.00 EUR) and TICKET (whole, 25.00 EUR), defined on {@code date}. */
    protected void defineHourAndTicket(LocalDate date) {
        applied(credits.defineType(on(date), new DefineType("HOUR", "Technician hour", "hour", Counting.FRACTIONAL,
                eur("80.00"))));
        applied(credits.defineType(on(date), new DefineType("TICKET", "Support ticket", "ticket", Counting.WHOLE,
                eur("25.00"))));
    }

    protected void usesCredits(String customer, LocalDate date) {
        applied(credits.useCredits(on(date), new UseCredits(customer, true)));
    }

    protected static SaleLine lot(String line, String type, String quantity, String price, String validUntil) {
        return new SaleLine(line, type, dec(quantity), eur(price), validUntil == null ? null : day(validUntil));
    }

    protected Outcome sell(LocalDate date, String sale, String customer, SaleLine... lines) {
        return credits.sell(on(date), new Sell(sale, customer, List.of(lines)));
    }

    /** A sale registered and confirmed on one day. */
    protected void sellConfirmed(LocalDate date, String sale, String customer, SaleLine... lines) {
        applied(sell(date, sale, customer, lines));
        applied(credits.confirmSale(on(date), new ConfirmSale(sale)));
    }

    protected static SourceDocument doc(Source kind, String id) {
        return new SourceDocument(kind, id);
    }

    protected static WorkLine work(String line, String type, String quantity, String description) {
        return WorkLine.of(line, type, quantity, description);
    }

    protected Outcome consume(LocalDate date, String customer, SourceDocument source, WorkLine... lines) {
        return credits.consume(on(date), new Consume(customer, source, List.of(lines), null));
    }

    protected static CreditWorkAnswer answer(Outcome o) {
        return o.result(CreditWorkAnswer.class).orElseThrow(() -> new AssertionError("no CreditWorkAnswer in " + o));
    }

    protected Portfolio portfolio(String customer, LocalDate date) {
        return credits.portfolio(tenant, customer, date);
    }

    protected TenantSnapshot snapshot() {
        return TenantSnapshot.of(store, tenant);
    }

    // ------------------------------------------------------------------ assertions

    protected static Outcome applied(Outcome o) {
        assertTrue(o.applied(), () -> "expected applied, was " + o.rejections());
        return o;
    }

    protected static Outcome rejected(Outcome o, String code) {
        assertTrue(o.rejected(), () -> "expected rejection " + code + ", was applied");
        assertEquals(List.of(code), o.reasonCodes());
        assertTrue(o.entries().isEmpty() && o.holds().isEmpty(), () -> "a rejection changed something: " + o);
        return o;
    }

    protected static void assertAmount(String expected, BigDecimal actual) {
        assertTrue(actual != null && new BigDecimal(expected).compareTo(actual) == 0,
                () -> "expected " + expected + ", was " + actual);
    }

    /** A holding as {bought, reserved, consumed, expired, remaining}. */
    protected static void assertHolding(Portfolio p, String type, String bought, String reserved, String consumed,
                                        String expired, String remaining) {
        Holding h = p.holding(type).orElseThrow(() -> new AssertionError("no holding of " + type + " in " + p));
        String what = type + " on " + p.date() + ": " + h;
        assertTrue(dec(bought).compareTo(h.bought()) == 0, () -> "bought of " + what);
        assertTrue(dec(reserved).compareTo(h.reserved()) == 0, () -> "reserved of " + what);
        assertTrue(dec(consumed).compareTo(h.consumed()) == 0, () -> "consumed of " + what);
        assertTrue(dec(expired).compareTo(h.expired()) == 0, () -> "expired of " + what);
        assertTrue(dec(remaining).compareTo(h.remaining()) == 0, () -> "remaining of " + what);
    }

    protected static LotStatement lotOf(Portfolio p, String lot) {
        return p.lots().stream().filter(l -> l.lot().equals(lot)).findFirst()
                .orElseThrow(() -> new AssertionError("no lot " + lot + " in " + p));
    }

    /** What a line drew, lot by lot, compared by value. */
    protected static void assertDraws(CreditWorkAnswer a, String line, String... lotAndQuantity) {
        Map<String, BigDecimal> draws = a.drawsOf(line);
        assertEquals(lotAndQuantity.length / 2, draws.size(), () -> "draws of line " + line + ": " + draws);
        for (int i = 0; i < lotAndQuantity.length; i += 2) {
            String lot = lotAndQuantity[i];
            assertTrue(draws.containsKey(lot), () -> "line " + line + " drew nothing from " + lot + ": " + draws
                    + " expected " + Arrays.toString(lotAndQuantity));
            assertAmount(lotAndQuantity[i + 1], draws.get(lot));
        }
    }

    /** The CSV's lines, without the line ends. */
    protected static List<String> csvLines(String csv) {
        return Arrays.asList(csv.split("\r?\n"));
    }

    /**
     * A CSV report is these lines, cell by cell; a cell that is a number in both is compared by value, so the
     * figures worked by hand need not spell out the scale the arithmetic left them in.
     */
    protected static void assertCsv(String csv, String... expected) {
        List<String> lines = csvLines(csv);
        assertEquals(expected.length, lines.size(), () -> "lines of\n" + csv);
        for (int i = 0; i < expected.length; i++) {
            String[] want = expected[i].split(",", -1);
            String[] got = lines.get(i).split(",", -1);
            String line = lines.get(i);
            String wanted = expected[i];
            assertEquals(want.length, got.length, () -> "cells of " + line + ", expected " + wanted);
            for (int c = 0; c < want.length; c++) {
                boolean same = want[c].equals(got[c]) || (number(want[c]) && number(got[c])
                        && new BigDecimal(want[c]).compareTo(new BigDecimal(got[c])) == 0);
                int cell = c;
                assertTrue(same, () -> "cell " + cell + " of " + line + ", expected " + wanted);
            }
        }
    }

    private static boolean number(String cell) {
        return cell.matches("-?\\d+(\\.\\d+)?");
    }
}

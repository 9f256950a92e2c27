package org.loyaltyengine.testing.points;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.loyaltyengine.testing.points.PointsFixtures.applied;
import static org.loyaltyengine.testing.points.PointsFixtures.assertAmount;
import static org.loyaltyengine.testing.points.PointsFixtures.eur;
import static org.loyaltyengine.testing.points.PointsFixtures.linePoints;
import static org.loyaltyengine.testing.points.PointsFixtures.pointsPaid;
import static org.loyaltyengine.testing.points.PointsFixtures.refund;
import static org.loyaltyengine.testing.points.PointsFixtures.rejected;
import static org.loyaltyengine.testing.points.PointsFixtures.service;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.loyaltyengine.CommandContext;
import org.loyaltyengine.IdempotencyConflictException;
import org.loyaltyengine.LoyaltyEngine;
import org.loyaltyengine.NoSuchEntityException;
import org.loyaltyengine.PermissionRequiredException;
import org.loyaltyengine.points.AccountingPosting;
import org.loyaltyengine.points.BookingView;
import org.loyaltyengine.points.PointsAnalysis;
import org.loyaltyengine.points.PointsMovement;
import org.loyaltyengine.points.PointsReports;
import org.loyaltyengine.points.PointsRequests;
import org.loyaltyengine.points.PointsRequests.Booking;
import org.loyaltyengine.points.PointsRequests.Cancellation;
import org.loyaltyengine.points.PointsRequests.ExpireYear;
import org.loyaltyengine.points.PointsRequests.ManualEntry;
import org.loyaltyengine.points.PointsRequests.Participation;
import org.loyaltyengine.points.PointsRequests.PointsPayment;
import org.loyaltyengine.points.PointsRequests.PriceChange;
import org.loyaltyengine.points.PointsRequests.Service;
import org.loyaltyengine.points.PointsRequests.Supplier;
import org.loyaltyengine.points.PointsRequests.TourOperator;
import org.loyaltyengine.points.SavingsPoints;
import org.loyaltyengine.rules.facts.PointsNotYetSpendable;
import org.loyaltyengine.rules.facts.PointsPaymentResult;
import org.loyaltyengine.spi.Actor;
import org.loyaltyengine.spi.CurrencyMismatchException;
import org.loyaltyengine.spi.EntryKind;
import org.loyaltyengine.spi.InvalidValueException;
import org.loyaltyengine.spi.LoyaltyStore;
import org.loyaltyengine.spi.Money;
import org.loyaltyengine.spi.Outcome;
import org.loyaltyengine.testing.MutableClock;
import org.loyaltyengine.testing.Spreadsheet;

/**
 * The savings points of a travel agency (seed 001) proven through the public API with the seed's
 * numbers. Abstract so that every store runs it: {@link SavingsPointsInMemoryTest} here, the JPA adapter
 * on its databases.
 */
public abstract class SavingsPointsContract {
    // One engine per store: it is stateless and compiling the rule set per test would dominate the
    // run; every test works in a fresh tenant, so tests cannot see each other. Keyed by the store, not
    // the test class, so one suite class nested in a contract that runs on several databases gets each
    // database's own engine.
    private static final java.util.Map<LoyaltyStore, LoyaltyEngine> ENGINES = new java.util.concurrent.ConcurrentHashMap<>();
    private PointsFixtures f;

    /**
     * The store under test, asked before each test. Return one shared store (each test uses a fresh
     * tenant): a new store per call builds, and compiles the rules for, a new engine per test.
     */
    protected abstract LoyaltyStore newStore();

    @BeforeEach
    void setUpAgency() {
        LoyaltyStore store = newStore();
        LoyaltyEngine engine = ENGINES.computeIfAbsent(store, s -> LoyaltyEngine.builder().store(s)
                .clock(new MutableClock(Instant.parse("2026-03-14T09:00:00Z"))).build());
        f = new PointsFixtures(engine, store);
        f.customer("c1").customer("c2");
        f.supplier(Supplier.enabled("TUI"));
        f.set("rate", "0.20", "paymentType", "SPAARPUNTEN", "directlyAvailable", "true");
    }

    // ------------------------------------------------------------------ SP-1 rates and their precedence

    @Test
    @Tag("SP-1")
    void book_globalRate020_gives20PointsPer100Eur() {
        Outcome o = applied(f.book("B1", "c1", service("1", "TUI", "flight", "100.00")));
        assertEquals(1, o.entries().size());
        assertEquals(EntryKind.EARN, o.entries().get(0).kind());
        assertAmount("20", o.entries().get(0).amount());
        assertAmount("20", f.balance("c1"));
        assertTrue(o.rulesFired().contains("rate: the global rate"));
    }

    @Test
    @Tag("SP-1")
    void book_supplierRate_beatsGlobalRate() {
        f.supplier(Supplier.enabled("SUNWEB").withRate("0.50"));
        Outcome o = applied(f.book("B1", "c1", service("1", "SUNWEB", "hotel", "100.00")));
        assertAmount("50", o.entries().get(0).amount());
        assertTrue(o.rulesFired().contains("rate: the supplier's own rate"));
    }

    @Test
    @Tag("SP-1")
    void book_productTypeStructure_beatsSupplierAndGlobalRate() {
        f.supplier(Supplier.enabled("SUNWEB").withRate("0.50").withProductRate("cruise", "1.00"));
        Outcome o = applied(f.book("B1", "c1", service("1", "SUNWEB", "cruise", "100.00"),
                service("2", "SUNWEB", "hotel", "100.00"), service("3", "TUI", "cruise", "100.00")));
        assertEquals("100.00", linePoints(o, "1"));
        assertEquals("50.00", linePoints(o, "2"));
        assertEquals("20.00", linePoints(o, "3"));
        assertAmount("170", f.balance("c1"));
        assertTrue(o.rulesFired().contains("rate: the supplier's structure for the product type"));
    }

    @Test
    @Tag("SP-1")
    void book_noRateAnywhere_earnsNothing() {
        f.set("rate", "");
        Outcome o = applied(f.book("B1", "c1", service("1", "TUI", "flight", "100.00")));
        assertTrue(o.entries().isEmpty());
        assertEquals("0.00", linePoints(o, "1"));
    }

    // ------------------------------------------------------------------ SP-2..SP-5 what earns

    @Test
    @Tag("SP-2")
    void book_supplierNotEnabled_earnsNothing() {
        f.supplier(new Supplier("OTHER", false, new BigDecimal("0.50"), null));
        Outcome o = applied(f.book("B1", "c1", service("1", "OTHER", "hotel", "500.00"),
                service("2", "TUI", "flight", "100.00")));
        assertEquals("0.00", linePoints(o, "1"));
        assertAmount("20", f.balance("c1"));
    }

    @Test
    @Tag("SP-3")
    void book_lineBelowBaseAmount_earnsNothing() {
        f.set("baseAmount", "50.00");
        Outcome o = applied(f.book("B1", "c1", service("1", "TUI", "transfer", "49.99"),
                service("2", "TUI", "transfer", "50.00")));
        assertEquals("0.00", linePoints(o, "1"));
        assertEquals("10.00", linePoints(o, "2"));
        assertAmount("10", f.balance("c1"));
    }

    @Test
    @Tag("SP-4")
    void book_roundingFactor10_rounds136DownTo130() {
        f.set("roundingFactor", "10");
        // 680.00 x 0.20 = 136 points
        Outcome o = applied(f.book("B1", "c1", service("1", "TUI", "package", "680.00")));
        assertEquals("130.00", linePoints(o, "1"));
        assertAmount("130", f.balance("c1"));
    }

    @Test
    @Tag("SP-4")
    void book_withoutFactor_keepsTwoDecimals() {
        // 136.55 x 0.20 = 27.31
        Outcome o = applied(f.book("B1", "c1", service("1", "TUI", "flight", "136.55")));
        assertAmount("27.31", o.entries().get(0).amount());
    }

    @Test
    @Tag("SP-5")
    void book_negativePointsWithoutSetting_rejectedNothingWritten() {
        Outcome o = rejected(f.book("B1", "c1", service("1", "TUI", "flight", "200.00"),
                service("2", "TUI", "discount", "-100.00")), "NEGATIVE_POINTS_NOT_ALLOWED");
        assertTrue(o.rejections().get(0).message().contains("negativePointsAllowed"));
        assertAmount("0", f.balance("c1"));
        assertThrows(NoSuchEntityException.class, () -> f.points.booking(f.agency, PointsFixtures.READER, "B1"));
    }

    @Test
    @Tag("SP-5")
    void book_negativePointsAllowed_creditLineTakesPoints() {
        f.set("negativePointsAllowed", "true");
        Outcome o = applied(f.book("B1", "c1", service("1", "TUI", "flight", "200.00"),
                new Service("2", "TUI", "goodwill", eur("0.00"), new BigDecimal("-15"))));
        assertEquals("-15.00", linePoints(o, "2"));
        assertAmount("25", f.balance("c1"));
    }

    @Test
    @Tag("SP-5")
    @Tag("X-8")
    void book_pointsTypedInByHand_needTheAdministrationPermission() {
        Outcome refused = rejected(f.book("B1", "c1", new Service("1", "TUI", "flight", eur("100.00"),
                new BigDecimal("100000"))), "PERMISSION_REQUIRED");
        assertTrue(refused.rejections().get(0).message().contains(SavingsPoints.ADMIN_PERMISSION));
        assertAmount("0", f.balance("c1"));
        assertThrows(NoSuchEntityException.class, () -> f.points.booking(f.agency, PointsFixtures.READER, "B1"));

        Outcome o = applied(f.points.book(f.admin(), new Booking("B1", "c1", List.of(new Service("1", "TUI",
                "flight", eur("100.00"), new BigDecimal("50"))))));
        assertEquals("50.00", linePoints(o, "1"));
        assertAmount("50", f.balance("c1"));
    }

    // ------------------------------------------------------------------ SP-6 price changes

    @Test
    @Tag("SP-6")
    void changePrice_recalculationOn_adjustsByTheDifference() {
        f.set("recalculateOnPriceChange", "true");
        applied(f.book("B1", "c1", service("1", "TUI", "flight", "100.00")));
        Outcome o = applied(f.points.changePrice(f.clerk(), new PriceChange("B1", "1", eur("150.00"))));
        assertEquals(EntryKind.ADJUST, o.entries().get(0).kind());
        assertAmount("10", o.entries().get(0).amount());
        assertAmount("30", f.balance("c1"));
        assertAmount("30", f.points.booking(f.agency, PointsFixtures.READER, "B1").lines().get(0).points());
    }

    @Test
    @Tag("SP-6")
    @Tag("SP-7")
    void changePrice_customerOptedOutSinceTheBooking_aCutStillTakesBackARaiseEarnsNothing() {
        f.set("recalculateOnPriceChange", "true");
        applied(f.book("B1", "c1", service("1", "TUI", "flight", "500.00"), service("2", "TUI", "hotel", "500.00")));
        applied(f.points.setParticipation(f.admin(), new Participation("c1", false)));
        Outcome cut = applied(f.points.changePrice(f.clerk(), new PriceChange("B1", "1", eur("0.00"))));
        assertEquals(1, cut.entries().size());
        assertEquals(EntryKind.ADJUST, cut.entries().get(0).kind());
        assertAmount("-100", cut.entries().get(0).amount());
        assertAmount("100", f.balance("c1"));
        assertAmount("0", f.points.booking(f.agency, PointsFixtures.READER, "B1").lines().get(0).points());
        Outcome raise = applied(f.points.changePrice(f.clerk(), new PriceChange("B1", "2", eur("1000.00"))));
        assertTrue(raise.entries().isEmpty());
        assertAmount("100", f.balance("c1"));
        assertAmount("100", f.points.booking(f.agency, PointsFixtures.READER, "B1").lines().get(1).points());
    }

    @Test
    @Tag("SP-6")
    @Tag("X-13")
    void changePrice_ratesChangedSinceTheBooking_aRaiseNeverTakesBackACutNeverEarns() {
        f.set("recalculateOnPriceChange", "true");
        applied(f.book("B1", "c1", service("1", "TUI", "flight", "500.00")));
        assertAmount("100", f.balance("c1"));
        // The tour operator's own rate is lowered after the booking: a raise of the price must not cost points.
        f.supplier(Supplier.enabled("TUI").withRate("0.10"));
        Outcome raise = applied(f.points.changePrice(f.clerk(), new PriceChange("B1", "1", eur("600.00"))));
        assertTrue(raise.entries().isEmpty(), () -> "a raise moved " + raise.entries());
        assertAmount("100", f.balance("c1"));
        // Raised to 0.40 after that: a cut of the price must not earn points.
        f.supplier(Supplier.enabled("TUI").withRate("0.40"));
        Outcome cut = applied(f.points.changePrice(f.clerk(), new PriceChange("B1", "1", eur("400.00"))));
        assertTrue(cut.entries().isEmpty(), () -> "a cut moved " + cut.entries());
        assertAmount("100", f.balance("c1"));
        assertAmount("100", f.points.booking(f.agency, PointsFixtures.READER, "B1").lines().get(0).points());
        // A cut far enough still takes back: 100.00 x 0.40 = 40 points held.
        Outcome deep = applied(f.points.changePrice(f.clerk(), new PriceChange("B1", "1", eur("100.00"))));
        assertAmount("-60", deep.entries().get(0).amount());
        assertAmount("40", f.balance("c1"));
    }

    @Test
    @Tag("SP-6")
    void changePrice_recalculationOff_pointsStay() {
        applied(f.book("B1", "c1", service("1", "TUI", "flight", "100.00")));
        Outcome o = applied(f.points.changePrice(f.clerk(), new PriceChange("B1", "1", eur("150.00"))));
        assertTrue(o.entries().isEmpty());
        assertAmount("20", f.balance("c1"));
        BookingView b = f.points.booking(f.agency, PointsFixtures.READER, "B1");
        assertAmount("150.00", b.total().amount());
        assertAmount("20", b.lines().get(0).points());
    }

    // ------------------------------------------------------------------ SP-7 participation, manual entries

    @Test
    @Tag("SP-7")
    void book_customerOptedOut_earnsNothing() {
        applied(f.points.setParticipation(f.admin(), new Participation("c1", false)));
        Outcome o = applied(f.book("B1", "c1", service("1", "TUI", "flight", "100.00")));
        assertTrue(o.entries().isEmpty());
        assertEquals("NOT_IN_SAVINGS_PLAN", o.notices().get(0).code());
        assertAmount("0", f.balance("c1"));
    }

    @Test
    @Tag("SP-7")
    @Tag("SP-19")
    void manualEntry_withPermission_postsWithNoteAndUser() {
        Outcome o = applied(f.points.manualEntry(f.admin(), new ManualEntry("c1", new BigDecimal("75.50"),
                "paper savings card")));
        assertEquals(EntryKind.MANUAL, o.entries().get(0).kind());
        assertEquals("paper savings card", o.entries().get(0).note());
        assertEquals("admin-bert", o.entries().get(0).actor());
        assertAmount("75.50", f.balance("c1"));
    }

    @Test
    @Tag("SP-7")
    @Tag("SP-19")
    void manualEntry_withoutPermission_rejectedNothingWritten() {
        rejected(f.points.manualEntry(f.clerk(), new ManualEntry("c1", BigDecimal.TEN, "goodwill")),
                "PERMISSION_REQUIRED");
        rejected(f.points.setParticipation(f.clerk(), new Participation("c1", false)), "PERMISSION_REQUIRED");
        assertAmount("0", f.balance("c1"));
    }

    @Test
    @Tag("SP-7")
    void manualEntry_deductionBelowZero_rejected() {
        rejected(f.points.manualEntry(f.admin(), new ManualEntry("c1", new BigDecimal("-1"), "correction")),
                "INSUFFICIENT_POINTS");
    }

    // ------------------------------------------------------------------ SP-8..SP-12 payment with points

    @Test
    @Tag("SP-8")
    void payWithPoints_noPaymentTypeConfigured_rejectedNamingTheSetting() {
        f.set("paymentType", "");
        applied(f.book("B1", "c1", service("1", "TUI", "flight", "500.00")));
        Outcome o = rejected(f.payWithPoints("B1", "10.00"), "POINTS_PAYMENT_TYPE_MISSING");
        assertTrue(o.rejections().get(0).message().contains("paymentType"));
        assertAmount("100", f.balance("c1"));
    }

    @Test
    @Tag("SP-8")
    void booking_showsMoneyPointsAndRemainder() {
        applied(f.book("B1", "c1", service("1", "TUI", "flight", "500.00")));
        applied(f.payMoney("B1", "300.00"));
        Outcome o = applied(f.payWithPoints("B1", "50.00"));
        assertEquals("50.00", pointsPaid(o));
        BookingView b = f.points.booking(f.agency, PointsFixtures.READER, "B1");
        assertAmount("500.00", b.total().amount());
        assertAmount("300.00", b.paidMoney().amount());
        assertAmount("50.00", b.paidPointsValue().amount());
        assertAmount("50", b.paidPoints());
        assertAmount("150.00", b.remainder().amount());
        assertAmount("50", f.balance("c1"));
    }

    @Test
    @Tag("SP-8")
    void payMoney_withThePointsPaymentType_rejected() {
        applied(f.book("B1", "c1", service("1", "TUI", "flight", "500.00")));
        rejected(f.points.payMoney(f.clerk(), new PointsRequests.MoneyPayment("B1", "SPAARPUNTEN", eur("10.00"))),
                "USE_PAYMENT_WITH_POINTS");
    }

    @Test
    @Tag("SP-9")
    void payWithPoints_balanceEqualToMinimum_rejected_moreThanMinimum_applied() {
        f.set("pointsMinimum", "100");
        applied(f.book("B1", "c1", service("1", "TUI", "flight", "500.00"))); // 100 points
        rejected(f.payWithPoints("B1", "10.00"), "POINTS_MINIMUM_NOT_REACHED");
        applied(f.points.manualEntry(f.admin(), new ManualEntry("c1", new BigDecimal("0.01"), "top-up")));
        applied(f.payWithPoints("B1", "10.00"));
        assertAmount("90.01", f.balance("c1"));
    }

    @Test
    @Tag("SP-10")
    void payWithPoints_bookingBelowPaymentMinimum_rejected() {
        f.set("paymentMinimum", "250.00");
        applied(f.book("B1", "c1", service("1", "TUI", "flight", "249.99")));
        applied(f.book("B2", "c1", service("1", "TUI", "flight", "250.00")));
        rejected(f.payWithPoints("B1", "10.00"), "BOOKING_BELOW_PAYMENT_MINIMUM");
        applied(f.payWithPoints("B2", "10.00"));
    }

    @Test
    @Tag("SP-11")
    void payWithPoints_beyondMaximumPercentage_rejected() {
        f.set("paymentMaximumPercent", "10");
        applied(f.book("B1", "c1", service("1", "TUI", "flight", "1000.00"))); // 200 points, cap 100.00
        applied(f.payWithPoints("B1", "60.00"));
        rejected(f.payWithPoints("B1", "40.01"), "PAYMENT_MAXIMUM_EXCEEDED");
        applied(f.payWithPoints("B1", "40.00"));
        assertAmount("100.00", f.points.booking(f.agency, PointsFixtures.READER, "B1").paidPointsValue().amount());
    }

    @Test
    @Tag("SP-11")
    void payWithPoints_withCap_neverBeyondBalance() {
        f.set("paymentMaximumPercent", "100");
        applied(f.book("B1", "c1", service("1", "TUI", "flight", "100.00"))); // 20 points
        rejected(f.payWithPoints("B1", "20.01"), "INSUFFICIENT_POINTS");
        applied(f.payWithPoints("B1", "20.00"));
        assertAmount("0", f.balance("c1"));
    }

    @Test
    @Tag("SP-11")
    void payWithPoints_capEmpty_saverMayGoNegativeAndAnalysisShowsIt() {
        applied(f.book("B1", "c1", service("1", "TUI", "flight", "100.00"))); // 20 points
        Outcome o = applied(f.payWithPoints("B1", "50.00"));
        assertEquals("NEGATIVE_BALANCE", o.notices().get(0).code());
        assertAmount("-30", f.balance("c1"));
        PointsAnalysis a = f.points.analysis(f.agency, PointsFixtures.READER, "c1");
        assertAmount("-30", a.years().get(0).available());
    }

    @Test
    @Tag("SP-11")
    void payWithPoints_capEmpty_customerWhoNeverSaved_rejected() {
        applied(f.book("B1", "c1", service("1", "TUI", "flight", "100.00")));
        applied(f.book("B2", "c2", new Service("1", "TUI", "flight", eur("100.00"), BigDecimal.ZERO)));
        rejected(f.payWithPoints("B2", "1.00"), "INSUFFICIENT_POINTS");
        assertAmount("0", f.balance("c2"));
    }

    @Test
    @Tag("SP-12")
    void payWithPoints_settleOnlyInEarningDossier() {
        f.set("settleOnlyInEarningDossier", "true");
        f.supplier(new Supplier("OTHER", false, null, null));
        applied(f.book("B1", "c1", service("1", "TUI", "flight", "500.00")));
        applied(f.book("B2", "c1", service("1", "OTHER", "hotel", "500.00")));
        rejected(f.payWithPoints("B2", "10.00"), "NOT_AN_EARNING_DOSSIER");
        applied(f.payWithPoints("B1", "10.00"));
    }

    // ------------------------------------------------------------------ SP-13 availability

    @Test
    @Tag("SP-13")
    @Tag("SP-24")
    void payWithPoints_notDirectlyAvailable_spendableFromFirstJanuaryNextYear() {
        f.set("directlyAvailable", "false", "paymentMaximumPercent", "100");
        f.on("2025-12-30");
        applied(f.book("B1", "c1", service("1", "TUI", "flight", "500.00"))); // 100 points in 2025
        rejected(f.payWithPoints("B1", "10.00"), "POINTS_NOT_YET_SPENDABLE");
        f.on("2025-12-31");
        rejected(f.payWithPoints("B1", "10.00"), "POINTS_NOT_YET_SPENDABLE");
        f.on("2026-01-01");
        applied(f.book("B2", "c1", service("1", "TUI", "flight", "500.00"))); // 100 more, in 2026
        applied(f.payWithPoints("B2", "100.00"));
        // the 100 left are those of 2026
        rejected(f.payWithPoints("B2", "0.01"), "POINTS_NOT_YET_SPENDABLE");
        assertAmount("100", f.balance("c1"));
    }

    @Test
    @Tag("SP-13")
    void payWithPoints_directlyAvailable_spendableTheSameDay() {
        f.set("paymentMaximumPercent", "100");
        applied(f.book("B1", "c1", service("1", "TUI", "flight", "500.00")));
        applied(f.payWithPoints("B1", "100.00"));
        assertAmount("0", f.balance("c1"));
    }

    // ------------------------------------------------------------------ SP-14 expiry

    @Test
    @Tag("SP-14")
    void expireYear_yearWithoutEarning_expiresAllUnusedPoints_once() {
        f.set("expiryEnabled", "true");
        f.on("2024-05-01");
        applied(f.book("B1", "c1", service("1", "TUI", "flight", "500.00"))); // 100 in 2024
        f.on("2024-12-31");
        Outcome y2024 = applied(f.points.expireYear(f.admin(), new ExpireYear(2024)));
        assertTrue(y2024.entries().isEmpty(), "c1 earned in 2024");
        f.on("2025-12-31");
        Outcome y2025 = applied(f.points.expireYear(f.admin(), new ExpireYear(2025)));
        assertEquals(1, y2025.entries().size());
        assertEquals(EntryKind.EXPIRE, y2025.entries().get(0).kind());
        assertAmount("-100", y2025.entries().get(0).amount());
        assertAmount("0", f.balance("c1"));
        Outcome again = applied(f.points.expireYear(f.admin(), new ExpireYear(2025)));
        assertTrue(again.entries().isEmpty());
        assertEquals("ALREADY_EXPIRED", again.notices().get(0).code());
        assertAmount("0", f.balance("c1"));
    }

    @Test
    @Tag("SP-14")
    void expireYear_acrossTwoYearsWithoutEarning_expiresOnceAndLaterEarningsStay() {
        f.set("expiryEnabled", "true");
        f.on("2023-06-01");
        applied(f.book("B1", "c1", service("1", "TUI", "flight", "500.00"))); // 100 in 2023
        f.on("2024-02-01");
        applied(f.payMoney("B1", "100.00"));
        f.on("2025-01-02");
        Outcome y2024 = applied(f.points.expireYear(f.admin(), new ExpireYear(2024)));
        assertAmount("-100", y2024.entries().get(0).amount());
        f.on("2025-03-01");
        applied(f.book("B2", "c1", service("1", "TUI", "flight", "250.00"))); // 50 in 2025
        f.on("2026-01-01");
        assertTrue(applied(f.points.expireYear(f.admin(), new ExpireYear(2025))).entries().isEmpty());
        f.on("2027-01-01");
        Outcome y2026 = applied(f.points.expireYear(f.admin(), new ExpireYear(2026)));
        assertAmount("-50", y2026.entries().get(0).amount());
        PointsAnalysis a = f.points.analysis(f.agency, PointsFixtures.READER, "c1");
        assertAmount("150", a.totalExpired());
        assertAmount("0", a.balance());
    }

    @Test
    @Tag("SP-14")
    void expireYear_beforeYearEndOrSwitchedOff_rejected() {
        rejected(f.points.expireYear(f.admin(), new ExpireYear(2026)), "EXPIRY_NOT_ENABLED");
        f.set("expiryEnabled", "true");
        rejected(f.points.expireYear(f.admin(), new ExpireYear(2026)), "YEAR_NOT_ENDED");
    }

    // ------------------------------------------------------------------ SP-15 points as a currency

    @Test
    @Tag("SP-15")
    void payWithPoints_pointValue030_takes33334PointsFor100() {
        f.set("pointValue", "0.30");
        applied(f.points.manualEntry(f.admin(), new ManualEntry("c1", new BigDecimal("400"), "opening balance")));
        applied(f.book("B1", "c1", service("1", "TUI", "flight", "100.00")));
        Outcome o = applied(f.payWithPoints("B1", "100.00"));
        assertEquals("333.34", pointsPaid(o));
        assertAmount("-333.34", o.entries().get(0).amount());
        assertAmount("86.66", f.balance("c1")); // 400 + 20 - 333.34 (100.00 / 0.30 rounded up)
    }

    @Test
    @Tag("SP-15")
    @Tag("SP-18")
    void configure_newPointValue_revaluesUnspentPointsFromThenOn() {
        f.set("liabilityAccount", "1700", "expenseAccount", "4700", "receivableAccount", "1300",
                "expiryRevenueAccount", "8700");
        applied(f.book("B1", "c1", service("1", "TUI", "flight", "500.00"))); // 100 points at 1.00
        f.on("2026-04-01");
        f.set("pointValue", "0.30");
        PointsAnalysis a = f.points.analysis(f.agency, PointsFixtures.READER, "c1");
        assertAmount("30.00", a.balanceValue().amount());
        List<AccountingPosting> postings = f.points.reports().accounting(f.agency, PointsFixtures.READER, LocalDate.of(2026, 1, 1),
                LocalDate.of(2026, 12, 31));
        assertEquals(2, postings.size());
        AccountingPosting earn = postings.get(0);
        assertEquals("4700", earn.debitAccount());
        assertEquals("1700", earn.creditAccount());
        assertAmount("100.00", earn.value().amount());
        AccountingPosting revalue = postings.get(1);
        assertEquals("REVALUE", revalue.entry());
        assertEquals("1700", revalue.debitAccount());
        assertEquals("4700", revalue.creditAccount());
        assertAmount("70.00", revalue.value().amount());
    }

    // ------------------------------------------------------------------ SP-16 points column

    @Test
    @Tag("SP-16")
    void booking_eachLineShowsItsPoints() {
        applied(f.book("B1", "c1", service("1", "TUI", "flight", "100.00"), service("2", "TUI", "hotel", "250.00")));
        BookingView b = f.points.booking(f.agency, PointsFixtures.READER, "B1");
        assertAmount("20", b.lines().get(0).points());
        assertAmount("50", b.lines().get(1).points());
        assertAmount("70", b.earnedPoints());
    }

    // ------------------------------------------------------------------ SP-17 analysis and monthly list

    @Test
    @Tag("SP-17")
    void analysis_perYear_revenueEarnedUsedExpiredAvailable() {
        f.set("expiryEnabled", "true");
        f.on("2024-03-01");
        applied(f.book("B1", "c1", service("1", "TUI", "flight", "500.00"))); // 100
        f.on("2024-06-01");
        applied(f.payWithPoints("B1", "30.00"));
        f.on("2025-12-31");
        applied(f.points.expireYear(f.admin(), new ExpireYear(2025))); // 70 expire
        f.on("2026-02-01");
        applied(f.book("B2", "c1", service("1", "TUI", "flight", "1000.00"))); // 200
        PointsAnalysis a = f.points.analysis(f.agency, PointsFixtures.READER, "c1");
        assertEquals(3, a.years().size());
        PointsAnalysis.Year y24 = a.years().get(0);
        assertEquals(2024, y24.year());
        assertAmount("500.00", y24.revenue().amount());
        assertAmount("100", y24.earned());
        assertAmount("30", y24.used());
        assertAmount("70", y24.available());
        PointsAnalysis.Year y25 = a.years().get(1);
        assertAmount("70", y25.expired());
        assertAmount("0", y25.available());
        assertAmount("200", a.years().get(2).available());
        assertAmount("200", a.balance());
        String csv = f.points.reports().analysisCsv(f.agency, PointsFixtures.READER, "c1");
        assertEquals("customer,year,revenue,currency,earned,used,expired,available", csv.lines().findFirst().orElseThrow());
        assertTrue(csv.contains("c1,2024,500.00,EUR,100.00,30.00,0,70.00"), csv);
    }

    @Test
    @Tag("SP-17")
    void statement_printableLinePerYearAndBalanceValue() {
        f.set("pointValue", "0.30");
        applied(f.book("B1", "c1", service("1", "TUI", "flight", "500.00"))); // 100 points
        String statement = f.points.reports().statement(f.agency, PointsFixtures.READER, "c1");
        List<String> lines = statement.lines().toList();
        assertEquals("Savings points statement: Customer c1 (c1)", lines.get(0));
        assertTrue(lines.get(2).startsWith("2026 ") && lines.get(2).contains("500.00 EUR")
                && lines.get(2).trim().endsWith("100.00"), statement);
        assertEquals("Balance: 100.00 points, worth 30.00 EUR", lines.get(3));
    }

    @Test
    @Tag("SP-17")
    @Tag("SP-19")
    void monthlyList_allMovementsOfTheMonthWithUser() {
        applied(f.book("B1", "c1", service("1", "TUI", "flight", "100.00")));
        applied(f.book("B2", "c2", service("1", "TUI", "flight", "200.00")));
        f.on("2026-04-02");
        applied(f.book("B3", "c2", service("1", "TUI", "flight", "300.00")));
        List<PointsMovement> march = f.points.monthlyList(f.agency, PointsFixtures.READER, YearMonth.of(2026, 3));
        assertEquals(2, march.size());
        assertEquals("c1", march.get(0).customerId());
        assertEquals("clerk-anna", march.get(0).user());
        assertAmount("40", march.get(1).points());
        String csv = f.points.reports().monthlyListCsv(f.agency, PointsFixtures.READER, YearMonth.of(2026, 3));
        assertEquals(3, csv.lines().count());
        assertTrue(csv.lines().skip(1).allMatch(l -> l.contains(",clerk-anna,")), csv);
    }

    @Test
    @Tag("SP-17")
    @Tag("SP-18")
    @Tag("X-12")
    void reportsCsv_cellsASpreadsheetWouldRunAsFormulasAreNeutralisedAndNegativeNumbersStay() {
        f.set("liabilityAccount", "1700", "expenseAccount", "4700", "receivableAccount", "1300",
                "expiryRevenueAccount", "8700");
        f.customer("@SUM(A1:A9)");
        applied(f.book("-2+3+cmd|' /C calc'!A0", "@SUM(A1:A9)", service("1", "TUI", "flight", "500.00")));
        applied(f.points.manualEntry(f.admin(), new ManualEntry("c1", new BigDecimal("50"), "=cmd|' /C calc'!A0")));
        applied(f.points.manualEntry(f.as(Actor.of("@evil-admin", SavingsPoints.ADMIN_PERMISSION)),
                new ManualEntry("c1", new BigDecimal("-30.00"),
                "+HYPERLINK(\"http://evil.example\",\"click\")")));

        String monthly = f.points.reports().monthlyListCsv(f.agency, PointsFixtures.READER, YearMonth.of(2026, 3));
        String analysis = f.points.reports().analysisCsv(f.agency, PointsFixtures.READER, "@SUM(A1:A9)");
        String accounting = f.points.reports().accountingCsv(f.agency, PointsFixtures.READER, LocalDate.of(2026, 1, 1),
                LocalDate.of(2026, 12, 31));
        for (String csv : List.of(monthly, analysis, accounting)) {
            Spreadsheet.assertNoFormulaCells(csv, ',');
        }
        assertTrue(monthly.contains(",\"'=cmd|' /C calc'!A0\","), monthly);
        assertTrue(monthly.contains(",\"'+HYPERLINK(\"\"http://evil.example\"\",\"\"click\"\")\","), monthly);
        assertTrue(monthly.contains(",\"'@SUM(A1:A9)\","), monthly);
        assertTrue(monthly.contains(",\"'-2+3+cmd|' /C calc'!A0\","), monthly);
        assertTrue(monthly.contains(",-30.00,"), monthly); // a plain negative number stays a number
        assertTrue(monthly.contains(",\"'@evil-admin\","), monthly);
        assertTrue(analysis.lines().skip(1).allMatch(l -> l.startsWith("\"'@SUM(A1:A9)\",2026,500.00,EUR,")), analysis);
        assertTrue(accounting.contains(",\"'@SUM(A1:A9)\",\"'-2+3+cmd|' /C calc'!A0\","), accounting);
    }

    // ------------------------------------------------------------------ SP-18 accounting

    @Test
    @Tag("SP-18")
    void accounting_earnRedeemExpire_balancedOnConfiguredAccounts() {
        f.set("liabilityAccount", "1700", "expenseAccount", "4700", "receivableAccount", "1300",
                "expiryRevenueAccount", "8700", "expiryEnabled", "true");
        f.on("2024-03-01");
        applied(f.book("B1", "c1", service("1", "TUI", "flight", "500.00"))); // 100
        applied(f.payWithPoints("B1", "40.00"));
        f.on("2025-12-31");
        applied(f.points.expireYear(f.admin(), new ExpireYear(2025))); // 60
        List<AccountingPosting> p = f.points.reports().accounting(f.agency, PointsFixtures.READER, LocalDate.of(2024, 1, 1),
                LocalDate.of(2025, 12, 31));
        assertEquals(3, p.size());
        assertEquals(List.of("4700>1700", "1700>1300", "1700>8700"), p.stream()
                .map(x -> x.debitAccount() + ">" + x.creditAccount()).toList());
        assertEquals(List.of("100.00", "40.00", "60.00"), p.stream().map(x -> x.value().amount().toPlainString()).toList());
        BigDecimal liability = p.stream().map(x -> x.creditAccount().equals("1700") ? x.value().amount()
                : x.debitAccount().equals("1700") ? x.value().amount().negate() : BigDecimal.ZERO)
                .reduce(BigDecimal.ZERO, BigDecimal::add);
        assertAmount("0", liability);
        assertTrue(f.points.reports().accountingCsv(f.agency, PointsFixtures.READER, LocalDate.of(2024, 1, 1), LocalDate.of(2025, 12, 31))
                .startsWith("sequence,date,customer,document,entry,debit,credit,points,pointValue,value,currency"));
    }

    @Test
    @Tag("SP-18")
    @Tag("X-10")
    void reports_missingOrReversedPeriod_typedErrorOnceThereIsSomethingToReport() {
        f.set("liabilityAccount", "1600", "expenseAccount", "4000", "receivableAccount", "1300",
                "expiryRevenueAccount", "8000");
        applied(f.book("B1", "c1", service("1", "TUI", "flight", "100.00")));
        LocalDate jan = LocalDate.of(2026, 1, 1);
        LocalDate dec = LocalDate.of(2026, 12, 31);
        assertThrows(InvalidValueException.class, () -> f.points.reports().accounting(f.agency, PointsFixtures.READER, null, dec));
        assertThrows(InvalidValueException.class, () -> f.points.reports().accounting(f.agency, PointsFixtures.READER, jan, null));
        assertThrows(InvalidValueException.class, () -> f.points.reports().accountingCsv(f.agency, PointsFixtures.READER, null, null));
        assertThrows(InvalidValueException.class, () -> f.points.reports().accounting(f.agency, PointsFixtures.READER, dec, jan));
        assertThrows(InvalidValueException.class, () -> f.points.reports().monthlyList(f.agency, PointsFixtures.READER, null));
        assertThrows(InvalidValueException.class, () -> f.points.reports().monthlyListCsv(f.agency, PointsFixtures.READER, null));
        assertEquals(1, f.points.reports().accounting(f.agency, PointsFixtures.READER, jan, dec).size());
    }

    @Test
    @Tag("SP-18")
    void accounting_accountsNotConfigured_typedErrorNamingThem() {
        InvalidValueException e = assertThrows(InvalidValueException.class, () -> f.points.reports()
                .accounting(f.agency, PointsFixtures.READER, LocalDate.of(2026, 1, 1), LocalDate.of(2026, 12, 31)));
        assertTrue(e.getMessage().contains("liabilityAccount"));
    }

    // ------------------------------------------------------------------ SP-19 permissions

    @Test
    @Tag("SP-19")
    void configure_keepsTheSettingsReadBackAsGiven() {
        applied(f.points.configure(f.admin(), f.points.settings(f.agency).with(java.util.Map.of("pointsMinimum", "50"))));
        org.loyaltyengine.rules.facts.PointsSettings s = f.points.settings(f.agency);
        assertAmount("50", s.pointsMinimum());
        assertAmount("0.20", s.rate());
        assertEquals("SPAARPUNTEN", s.paymentType());
    }

    @Test
    @Tag("SP-19")
    @Tag("X-10")
    void configure_settingsOutsideTheirRange_refusedNamingTheSetting() {
        org.loyaltyengine.rules.facts.PointsSettings now = f.points.settings(f.agency);
        java.util.Map<String, String> beyond = java.util.Map.of("rate", "1000.01", "baseAmount", "1000000001",
                "roundingFactor", "1000001", "pointsMinimum", "1E+10", "paymentMinimum", "1000000000.01",
                "pointValue", "10000.01");
        beyond.forEach((name, value) -> {
            org.loyaltyengine.spi.InvalidValueException e = assertThrows(
                    org.loyaltyengine.spi.InvalidValueException.class, () -> now.with(java.util.Map.of(name, value)));
            assertTrue(e.getMessage().contains("'" + name + "'"), e.getMessage());
        });
        assertThrows(org.loyaltyengine.spi.InvalidValueException.class,
                () -> now.with(java.util.Map.of("rate", "0.2000000000000000000001")));
        applied(f.points.configure(f.admin(), now.with(java.util.Map.of("rate", "1000", "pointValue", "10000"))));
        assertAmount("1000", f.points.settings(f.agency).rate());
    }

    @Test
    @Tag("SP-19")
    @Tag("X-9")
    void configure_currencyOfAProgramInUse_rejectedAndBookingsStayInTheirCurrency() {
        applied(f.book("B1", "c1", service("1", "TUI", "flight", "500.00")));
        org.loyaltyengine.rules.facts.PointsSettings now = f.points.settings(f.agency);
        Outcome o = rejected(f.points.configure(f.admin(), now.with(java.util.Map.of("currency", "USD"))),
                "CURRENCY_IN_USE");
        assertTrue(o.rejections().get(0).message().contains("EUR"), o.rejections().get(0).message());
        assertEquals("EUR", f.points.settings(f.agency).currency());
        // A price change in another currency than the booking's is a typed error, whatever the settings say.
        assertThrows(CurrencyMismatchException.class, () -> f.points.changePrice(f.clerk(),
                new PriceChange("B1", "1", Money.of("1000.00", "USD"))));
        assertAmount("100", f.balance("c1"));
        assertAmount("500.00", f.points.booking(f.agency, PointsFixtures.READER, "B1").total().amount());
        assertEquals("EUR", f.points.analysis(f.agency, PointsFixtures.READER, "c1").years().get(0).revenue().currency().getCurrencyCode());
        // Before the program is used the currency is free.
        PointsFixtures fresh = new PointsFixtures(f.engine, f.store);
        applied(fresh.points.configure(fresh.admin(), now.with(java.util.Map.of("currency", "USD"))));
        assertEquals("USD", fresh.points.settings(fresh.agency).currency());
    }

    @Test
    @Tag("SP-19")
    void configureAndDefineSupplier_withoutPermission_rejected() {
        rejected(f.points.configure(f.clerk(), org.loyaltyengine.rules.facts.PointsSettings.defaults()),
                "PERMISSION_REQUIRED");
        rejected(f.points.defineSupplier(f.clerk(), Supplier.enabled("X")), "PERMISSION_REQUIRED");
        assertThrows(NoSuchEntityException.class, () -> f.book("B1", "c1", service("1", "X", "flight", "1.00")));
    }

    // ------------------------------------------------------------------ X-13 returns

    @Test
    @Tag("X-13")
    void cancel_line_takesBackItsPointsOnce() {
        applied(f.book("B1", "c1", service("1", "TUI", "flight", "100.00"), service("2", "TUI", "hotel", "250.00")));
        Outcome o = applied(f.points.cancel(f.clerk(), Cancellation.ofLine("B1", "2")));
        assertEquals(EntryKind.REVERSE, o.entries().get(0).kind());
        assertAmount("-50", o.entries().get(0).amount());
        assertAmount("20", f.balance("c1"));
        Outcome twice = applied(f.points.cancel(f.clerk(), Cancellation.ofLine("B1", "2")));
        assertTrue(twice.entries().isEmpty());
        assertEquals("ALREADY_CANCELLED", twice.notices().get(0).code());
        assertAmount("20", f.balance("c1"));
        assertAmount("100.00", f.points.booking(f.agency, PointsFixtures.READER, "B1").total().amount());
    }

    @Test
    @Tag("X-13")
    void cancel_line_givesBackPointsPaidBeyondTheNewPrice() {
        f.set("pointValue", "0.50");
        applied(f.points.manualEntry(f.admin(), new ManualEntry("c1", new BigDecimal("500"), "opening balance")));
        applied(f.book("B1", "c1", service("1", "TUI", "flight", "100.00"), service("2", "TUI", "hotel", "200.00")));
        applied(f.payWithPoints("B1", "150.00")); // 300 points
        assertAmount("260", f.balance("c1")); // 500 + 60 - 300
        Outcome o = applied(f.points.cancel(f.clerk(), Cancellation.ofLine("B1", "2")));
        // line 2 loses its 40 points; 150.00 paid in points on a price of 100.00: 50.00 = 100 points back
        assertEquals("50.00", refund(o).value().toPlainString());
        assertEquals("100.00", refund(o).points().toPlainString());
        assertAmount("320", f.balance("c1"));
        BookingView b = f.points.booking(f.agency, PointsFixtures.READER, "B1");
        assertAmount("100.00", b.paidPointsValue().amount());
        assertAmount("200", b.paidPoints());
        assertAmount("0.00", b.remainder().amount());
    }

    @Test
    @Tag("X-13")
    void cancel_booking_reversesEarningsAndGivesBackAllPointsPaid_once() {
        f.set("recalculateOnPriceChange", "true");
        applied(f.book("B0", "c1", service("1", "TUI", "flight", "1000.00"))); // 200
        applied(f.book("B1", "c1", service("1", "TUI", "flight", "100.00"), service("2", "TUI", "hotel", "250.00")));
        applied(f.points.changePrice(f.clerk(), new PriceChange("B1", "1", eur("150.00")))); // +10
        applied(f.payWithPoints("B1", "60.00"));
        assertAmount("220", f.balance("c1")); // 200 + 20 + 50 + 10 - 60
        Outcome o = applied(f.points.cancel(f.clerk(), Cancellation.ofBooking("B1")));
        assertEquals(3, o.entries().size());
        assertAmount("200", f.balance("c1")); // 220 - 30 - 50 + 60
        Outcome twice = applied(f.points.cancel(f.clerk(), Cancellation.ofBooking("B1")));
        assertTrue(twice.entries().isEmpty());
        assertAmount("200", f.balance("c1"));
        assertEquals("CANCELLED", f.points.booking(f.agency, PointsFixtures.READER, "B1").status());
        rejected(f.payWithPoints("B1", "1.00"), "BOOKING_CANCELLED");
    }

    @Test
    @Tag("X-13")
    @Tag("SP-6")
    void changePrice_belowWhatPointsPaid_givesTheDifferenceBack() {
        applied(f.points.manualEntry(f.admin(), new ManualEntry("c1", new BigDecimal("100"), "opening balance")));
        applied(f.book("B1", "c1", service("1", "TUI", "flight", "200.00"))); // 40 points
        applied(f.payWithPoints("B1", "100.00")); // 100 points
        Outcome o = applied(f.points.changePrice(f.clerk(), new PriceChange("B1", "1", eur("80.00"))));
        assertEquals("20.00", refund(o).points().toPlainString());
        assertAmount("60", f.balance("c1")); // 140 - 100 + 20
        BookingView b = f.points.booking(f.agency, PointsFixtures.READER, "B1");
        assertAmount("80.00", b.paidPointsValue().amount());
        assertAmount("0.00", b.remainder().amount());
    }

    @Test
    @Tag("SP-19")
    void payments_recordWhoTookThem() {
        applied(f.book("B1", "c1", service("1", "TUI", "flight", "500.00")));
        applied(f.payMoney("B1", "300.00"));
        applied(f.payWithPoints("B1", "50.00"));
        BookingView b = f.points.booking(f.agency, PointsFixtures.READER, "B1");
        assertEquals(2, b.payments().size());
        assertTrue(b.payments().contains("BANK 300.00 EUR by clerk-anna on 2026-03-14"), b.payments()::toString);
        assertTrue(b.payments().contains("points 50.00 EUR = 50.00 points by clerk-anna on 2026-03-14"),
                b.payments()::toString);
    }

    // ------------------------------------------------------------------ value conservation (issue: trust)

    @Test
    @Tag("X-13")
    @Tag("X-3")
    void cancel_lineLeavingANegativeTotal_givesBackAtMostThePointsPaid() {
        f.set("rate", "", "negativePointsAllowed", "true");
        applied(f.points.manualEntry(f.admin(), new ManualEntry("c1", new BigDecimal("1000"), "opening balance")));
        applied(f.book("B1", "c1", service("1", "TUI", "flight", "100.00"), service("2", "TUI", "credit", "-30.00")));
        applied(f.payWithPoints("B1", "70.00")); // 70 points
        assertAmount("930", f.balance("c1"));
        Outcome o = applied(f.points.cancel(f.clerk(), Cancellation.ofLine("B1", "1")));
        // the new price is -30.00: every point paid comes back, and not one more
        assertEquals("70.00", refund(o).points().toPlainString());
        assertEquals(1, o.entries().size());
        assertAmount("70", o.entries().get(0).amount());
        assertAmount("1000", f.balance("c1"));
        BookingView b = f.points.booking(f.agency, PointsFixtures.READER, "B1");
        assertAmount("0", b.paidPoints());
        assertAmount("0.00", b.paidPointsValue().amount());
    }

    @Test
    @Tag("X-13")
    @Tag("SP-6")
    void changePrice_belowZeroWithoutRecalculation_givesBackAtMostThePointsPaid() {
        f.set("rate", "");
        applied(f.points.manualEntry(f.admin(), new ManualEntry("c1", new BigDecimal("1000"), "opening balance")));
        applied(f.book("B1", "c1", service("1", "TUI", "flight", "100.00")));
        applied(f.payWithPoints("B1", "100.00"));
        Outcome o = applied(f.points.changePrice(f.clerk(), new PriceChange("B1", "1", eur("-50.00"))));
        assertEquals("100.00", refund(o).points().toPlainString());
        assertAmount("1000", f.balance("c1"));
        // a second cut gives nothing more: nothing is left that points paid
        assertTrue(applied(f.points.changePrice(f.clerk(), new PriceChange("B1", "1", eur("-80.00")))).entries()
                .isEmpty());
        assertAmount("1000", f.balance("c1"));
    }

    @Test
    @Tag("X-13")
    @Tag("X-9")
    void changePrice_cutWorthLessThanAHundredthOfAPoint_movesNothingAndKeepsTheValuePaid() {
        f.set("rate", "", "pointValue", "2.50");
        applied(f.points.manualEntry(f.admin(), new ManualEntry("c1", new BigDecimal("10"), "opening balance")));
        applied(f.book("B1", "c1", service("1", "TUI", "flight", "1.00")));
        applied(f.payWithPoints("B1", "1.00")); // 0.40 points
        Outcome cut = applied(f.points.changePrice(f.clerk(), new PriceChange("B1", "1", eur("0.99"))));
        assertTrue(cut.entries().isEmpty());
        assertEquals("REFUND_BELOW_ONE_HUNDREDTH_POINT", cut.notices().get(0).code());
        assertAmount("1.00", f.points.booking(f.agency, PointsFixtures.READER, "B1").paidPointsValue().amount());
        Outcome cancel = applied(f.points.cancel(f.clerk(), Cancellation.ofBooking("B1")));
        assertEquals("0.40", refund(cancel).points().toPlainString());
        assertAmount("10", f.balance("c1"));
    }

    @Test
    @Tag("SP-15")
    @Tag("X-9")
    void payWithPoints_amountWorthLessThanAHundredthOfAPoint_stillTakesAHundredth() {
        f.set("pointValue", "2.50");
        applied(f.points.manualEntry(f.admin(), new ManualEntry("c1", new BigDecimal("10"), "opening balance")));
        applied(f.book("B1", "c1", service("1", "TUI", "flight", "1.00")));
        BigDecimal before = f.balance("c1");
        Outcome o = applied(f.payWithPoints("B1", "0.01"));
        // 0.01 / 2.50 = 0.004 points: never paid for nothing, the points are rounded up to 0.01
        assertEquals("0.01", pointsPaid(o));
        assertEquals(1, o.entries().size());
        assertAmount("-0.01", o.entries().get(0).amount());
        assertAmount(before.subtract(new BigDecimal("0.01")).toPlainString(), f.balance("c1"));
    }

    @Test
    @Tag("SP-15")
    @Tag("X-9")
    void payWithPoints_splitPayments_neverCheaperThanOnePaymentNorBelowTheirWorth() {
        f.set("pointValue", "0.30", "rate", "");
        applied(f.points.manualEntry(f.admin(), new ManualEntry("c1", new BigDecimal("100"), "opening balance")));
        applied(f.book("B1", "c1", service("1", "TUI", "flight", "1.00")));
        applied(f.book("B2", "c1", service("1", "TUI", "flight", "1.00")));
        BigDecimal whole = new BigDecimal(pointsPaid(applied(f.payWithPoints("B1", "1.00"))));
        BigDecimal split = BigDecimal.ZERO;
        for (int i = 0; i < 10; i++) {
            BigDecimal p = new BigDecimal(pointsPaid(applied(f.payWithPoints("B2", "0.10"))));
            assertTrue(p.multiply(new BigDecimal("0.30")).compareTo(new BigDecimal("0.10")) >= 0,
                    () -> p + " points at 0.30 are worth less than 0.10");
            split = split.add(p);
        }
        assertAmount("3.34", whole); // 1.00 / 0.30 = 3.333..., rounded up
        assertTrue(split.compareTo(whole) >= 0, "ten payments of 0.10 took " + split + " points, one of 1.00 " + whole);
        assertAmount(new BigDecimal("100").subtract(whole).subtract(split).toPlainString(), f.balance("c1"));
    }

    @Test
    @Tag("SP-14")
    @Tag("X-13")
    void cancel_afterThePointsExpired_takesNothingBack() {
        f.set("expiryEnabled", "true");
        f.on("2024-05-01");
        applied(f.book("B1", "c1", service("1", "TUI", "flight", "500.00"))); // 100 in 2024
        f.on("2025-12-31");
        applied(f.points.expireYear(f.admin(), new ExpireYear(2025)));
        assertAmount("0", f.balance("c1"));
        f.on("2026-02-01");
        Outcome o = applied(f.points.cancel(f.clerk(), Cancellation.ofBooking("B1")));
        assertTrue(o.entries().isEmpty(), () -> "took back expired points: " + o.entries());
        assertEquals("POINTS_ALREADY_EXPIRED", o.notices().get(0).code());
        assertAmount("0", f.balance("c1"));
        PointsAnalysis a = f.points.analysis(f.agency, PointsFixtures.READER, "c1");
        assertAmount("100", a.totalExpired());
    }

    @Test
    @Tag("SP-14")
    @Tag("X-13")
    void cancel_afterPartOfThePointsExpired_takesBackOnlyTheUnexpiredRemainder() {
        f.set("expiryEnabled", "true");
        f.supplier(new Supplier("OTHER", false, null, null));
        f.on("2024-05-01");
        applied(f.book("B1", "c1", service("1", "TUI", "flight", "500.00"))); // 100 in 2024
        applied(f.book("B2", "c1", service("1", "OTHER", "hotel", "300.00"))); // earns nothing
        applied(f.payWithPoints("B2", "60.00"));
        f.on("2025-12-31");
        assertAmount("-40", applied(f.points.expireYear(f.admin(), new ExpireYear(2025))).entries().get(0).amount());
        f.on("2026-02-01");
        Outcome o = applied(f.points.cancel(f.clerk(), Cancellation.ofBooking("B1")));
        // 60 of B1's points were used, 40 expired: the cancellation takes back the 60
        assertEquals(1, o.entries().size());
        assertAmount("-60", o.entries().get(0).amount());
        assertAmount("-60", f.balance("c1"));
    }

    @Test
    @Tag("SP-14")
    @Tag("X-13")
    void cancel_afterAnExpiry_givesBackThePointsPaidInFull() {
        f.set("expiryEnabled", "true", "rate", "");
        f.on("2024-05-01");
        applied(f.points.manualEntry(f.admin(), new ManualEntry("c1", new BigDecimal("100"), "opening balance")));
        applied(f.book("B1", "c1", service("1", "TUI", "flight", "100.00")));
        applied(f.payWithPoints("B1", "60.00"));
        f.on("2025-12-31");
        assertAmount("-40", applied(f.points.expireYear(f.admin(), new ExpireYear(2025))).entries().get(0).amount());
        f.on("2026-02-01");
        Outcome o = applied(f.points.cancel(f.clerk(), Cancellation.ofBooking("B1")));
        // the 60 were used, not expired: they come back, and the 40 that expired stay expired
        assertEquals("60.00", refund(o).points().toPlainString());
        assertAmount("60", f.balance("c1"));
        PointsAnalysis a = f.points.analysis(f.agency, PointsFixtures.READER, "c1");
        assertAmount("40", a.totalExpired());
        assertAmount("0", a.totalUsed());
    }

    @Test
    @Tag("SP-14")
    @Tag("SP-6")
    void changePrice_afterThePointsExpired_takesNothingBack() {
        f.set("expiryEnabled", "true", "recalculateOnPriceChange", "true");
        f.on("2024-05-01");
        applied(f.book("B1", "c1", service("1", "TUI", "flight", "500.00"))); // 100 in 2024
        f.on("2025-12-31");
        applied(f.points.expireYear(f.admin(), new ExpireYear(2025)));
        f.on("2026-02-01");
        assertTrue(applied(f.points.changePrice(f.clerk(), new PriceChange("B1", "1", eur("250.00")))).entries()
                .isEmpty());
        assertAmount("0", f.balance("c1"));
        // a raise above the first price earns the difference again, and a cut back takes only that back
        assertAmount("20", applied(f.points.changePrice(f.clerk(), new PriceChange("B1", "1", eur("600.00"))))
                .entries().get(0).amount());
        assertAmount("-20", applied(f.points.changePrice(f.clerk(), new PriceChange("B1", "1", eur("100.00"))))
                .entries().get(0).amount());
        assertAmount("0", f.balance("c1"));
    }

    @Test
    @Tag("SP-14")
    void expireYear_runLate_pointsCreditedAfterTheYearEndDoNotExpire() {
        f.set("expiryEnabled", "true");
        f.supplier(new Supplier("OTHER", false, null, null));
        f.on("2024-05-01");
        applied(f.book("B1", "c1", service("1", "TUI", "flight", "500.00"))); // 100 in 2024
        f.on("2026-01-05");
        applied(f.book("B2", "c1", service("1", "TUI", "flight", "250.00"))); // 50 in 2026
        applied(f.book("B3", "c1", service("1", "OTHER", "hotel", "300.00")));
        applied(f.payWithPoints("B3", "80.00")); // 150 - 80 = 70
        f.on("2026-01-15");
        Outcome o = applied(f.points.expireYear(f.admin(), new ExpireYear(2025)));
        // of the 100 held at the end of 2025, 80 were used since: 20 expire; the 50 of 2026 stay
        assertAmount("-20", o.entries().get(0).amount());
        assertAmount("50", f.balance("c1"));
    }

    // ------------------------------------------------------------------ bad input: typed errors, nothing written

    @Test
    @Tag("X-10")
    void book_unknownSupplierOrCustomer_typedErrorNothingWritten() {
        NoSuchEntityException e = assertThrows(NoSuchEntityException.class,
                () -> f.book("B1", "c1", service("1", "NOPE", "flight", "100.00")));
        assertEquals("NO_SUCH_SUPPLIER", e.code());
        assertEquals("NO_SUCH_CUSTOMER", assertThrows(NoSuchEntityException.class,
                () -> f.book("B1", "c9", service("1", "TUI", "flight", "100.00"))).code());
        assertThrows(NoSuchEntityException.class, () -> f.points.booking(f.agency, PointsFixtures.READER, "B1"));
        assertAmount("0", f.balance("c1"));
    }

    @Test
    @Tag("X-10")
    void payWithPoints_otherCurrencyThanBooking_typedErrorNothingWritten() {
        applied(f.book("B1", "c1", service("1", "TUI", "flight", "100.00")));
        assertThrows(CurrencyMismatchException.class, () -> f.points.payWithPoints(f.clerk(),
                new PointsPayment("B1", Money.of("10.00", "USD"))));
        assertThrows(CurrencyMismatchException.class, () -> f.points.book(f.clerk(),
                Booking.of("B2", "c1", Service.of("1", "TUI", "flight", Money.of("10.00", "USD")))));
        assertAmount("20", f.balance("c1"));
        assertAmount("0", f.points.booking(f.agency, PointsFixtures.READER, "B1").paidPoints());
    }

    @Test
    @Tag("X-10")
    @Tag("SP-8")
    void payWithPoints_rejected_outcomeCarriesNoValuesThatReadAsApplied() {
        applied(f.book("B1", "c1", service("1", "TUI", "flight", "100.00")));
        applied(f.payMoney("B1", "100.00"));
        Outcome o = rejected(f.payWithPoints("B1", "1.00"), "PAYMENT_EXCEEDS_REMAINDER");
        // pointsPaid=1.00 in a refused payment reads as points taken; nothing was.
        assertTrue(o.values().isEmpty(), () -> "values of a rejected payment: " + o.values());
        assertTrue(o.result(org.loyaltyengine.rules.facts.PointsPaymentResult.class).isEmpty());
        assertTrue(o.entries().isEmpty());
        assertAmount("0", f.points.booking(f.agency, PointsFixtures.READER, "B1").paidPoints());
    }

    @Test
    @Tag("X-10")
    void payWithPoints_moreThanTheBookingTotal_rejectedNothingWritten() {
        applied(f.points.manualEntry(f.admin(), new ManualEntry("c1", new BigDecimal("1000"), "opening balance")));
        applied(f.book("B1", "c1", service("1", "TUI", "flight", "100.00")));
        rejected(f.payWithPoints("B1", "100.01"), "PAYMENT_EXCEEDS_REMAINDER");
        assertAmount("1020", f.balance("c1"));
        assertNull(f.points.booking(f.agency, PointsFixtures.READER, "B1").lines().get(0).manualPoints());
    }

    @Test
    @Tag("X-10")
    void requests_badValues_typedErrors() {
        assertThrows(InvalidValueException.class, () -> new ManualEntry("c1", new BigDecimal("1.001"), "x"));
        assertThrows(InvalidValueException.class, () -> new PointsPayment("B1", eur("0.00")));
        assertThrows(InvalidValueException.class, () -> Booking.of("B1", "c1"));
        assertThrows(InvalidValueException.class, () -> org.loyaltyengine.rules.facts.PointsSettings.defaults()
                .with(java.util.Map.of("paymentMaximumPercent", "120")));
        assertThrows(InvalidValueException.class, () -> org.loyaltyengine.rules.facts.PointsSettings.defaults()
                .with(java.util.Map.of("rate", "lots")));
    }

    @Test
    @Tag("X-5")
    @Tag("SP-11")
    void payWithPoints_concurrentPayments_neverOverdrawWithACap() throws Exception {
        f.set("paymentMaximumPercent", "100");
        applied(f.book("B1", "c1", service("1", "TUI", "flight", "500.00"))); // 100 points
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            List<java.util.concurrent.Future<Outcome>> results = new java.util.ArrayList<>();
            for (int i = 0; i < 12; i++) {
                results.add(pool.submit(() -> f.payWithPoints("B1", "10.00")));
            }
            long applied = 0;
            for (java.util.concurrent.Future<Outcome> r : results) {
                applied += r.get().applied() ? 1 : 0;
            }
            assertEquals(10, applied);
            assertAmount("0", f.balance("c1"));
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    @Tag("X-5")
    @Tag("SP-1")
    void defineSupplier_concurrentDefinitionsOfOneSupplierAllApplyAndOneRateHolds() throws Exception {
        List<java.util.concurrent.Callable<Outcome>> definitions = new java.util.ArrayList<>();
        for (int i = 1; i <= 6; i++) {
            Supplier supplier = Supplier.enabled("SUNWEB").withRate("0." + i + "0");
            CommandContext ctx = f.admin();
            definitions.add(() -> f.points.defineSupplier(ctx, supplier));
        }
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(definitions.size());
        try {
            // As one after the other: the first creates the supplier, every later one changes it.
            for (java.util.concurrent.Future<Outcome> r : pool.invokeAll(definitions)) {
                applied(r.get());
            }
        } finally {
            pool.shutdownNow();
        }
        Outcome o = applied(f.book("B1", "c1", service("1", "SUNWEB", "hotel", "100.00")));
        BigDecimal earned = o.entries().get(0).amount();
        assertTrue(List.of("10", "20", "30", "40", "50", "60").stream().anyMatch(p -> new BigDecimal(p)
                .compareTo(earned) == 0), () -> "earned " + earned + " at one of the defined rates");
    }

    // ------------------------------------------------------------------ through the pipeline

    @Test
    @Tag("X-4")
    @Tag("X-6")
    void payWithPoints_repeatAndDryRun() {
        applied(f.book("B1", "c1", service("1", "TUI", "flight", "500.00")));
        CommandContext ctx = f.clerk();
        Outcome preview = f.points.payWithPoints(ctx.asDryRun(), new PointsPayment("B1", eur("10.00")));
        assertTrue(preview.applied() && preview.dryRun());
        assertAmount("100", f.balance("c1"));
        Outcome first = applied(f.points.payWithPoints(ctx, new PointsPayment("B1", eur("10.00"))));
        assertEquals(first, f.points.payWithPoints(ctx, new PointsPayment("B1", eur("10.00"))));
        assertAmount("90", f.balance("c1"));
        assertThrows(IdempotencyConflictException.class,
                () -> f.points.payWithPoints(ctx, new PointsPayment("B1", eur("20.00"))));
    }

    // ------------------------------------------------------------------ SP-22 reading customers' points

    @Test
    @Tag("SP-22")
    @Tag("X-8")
    void reads_ofCustomersPoints_needTheReadPermission_refusedBeforeAnythingIsRead() {
        applied(f.book("B1", "c1", service("1", "TUI", "flight", "500.00")));
        f.set("liabilityAccount", "1700", "expenseAccount", "4700", "receivableAccount", "1300",
                "expiryRevenueAccount", "8700");
        LocalDate jan = LocalDate.of(2026, 1, 1);
        LocalDate dec = LocalDate.of(2026, 12, 31);
        YearMonth march = YearMonth.of(2026, 3);
        PointsReports reports = f.points.reports();
        List<org.junit.jupiter.api.function.Executable> reads = List.of(
                () -> f.points.booking(f.agency, PointsFixtures.CLERK, "B1"),
                () -> f.points.analysis(f.agency, PointsFixtures.CLERK, "c1"),
                () -> f.points.monthlyList(f.agency, PointsFixtures.CLERK, march),
                () -> reports.analysis(f.agency, PointsFixtures.CLERK, "c1"),
                () -> reports.analysisCsv(f.agency, PointsFixtures.CLERK, "c1"),
                () -> reports.statement(f.agency, PointsFixtures.CLERK, "c1"),
                () -> reports.monthlyList(f.agency, PointsFixtures.CLERK, march),
                () -> reports.monthlyListCsv(f.agency, PointsFixtures.CLERK, march),
                () -> reports.accounting(f.agency, PointsFixtures.CLERK, jan, dec),
                () -> reports.accountingCsv(f.agency, PointsFixtures.CLERK, jan, dec),
                // refused before the customer or booking is looked up: the refused user learns nothing
                () -> f.points.booking(f.agency, PointsFixtures.CLERK, "NO-SUCH-BOOKING"),
                () -> reports.statement(f.agency, PointsFixtures.CLERK, "no-such-customer"),
                () -> reports.accounting(f.agency, PointsFixtures.CLERK, dec, jan));
        for (org.junit.jupiter.api.function.Executable read : reads) {
            PermissionRequiredException e = assertThrows(PermissionRequiredException.class, read);
            assertEquals("PERMISSION_REQUIRED", e.code());
            assertTrue(e.getMessage().contains(SavingsPoints.READ_PERMISSION) && e.getMessage().contains("clerk-anna"),
                    e.getMessage());
        }
        assertThrows(InvalidValueException.class, () -> f.points.analysis(f.agency, null, "c1"));
        // with the permission, or the administration's, every read answers
        for (Actor reader : List.of(PointsFixtures.READER, PointsFixtures.ADMIN)) {
            assertAmount("100", f.points.booking(f.agency, reader, "B1").earnedPoints());
            assertAmount("100", f.points.analysis(f.agency, reader, "c1").balance());
            assertEquals(1, f.points.monthlyList(f.agency, reader, march).size());
            assertTrue(reports.statement(f.agency, reader, "c1").contains("Balance: 100.00 points"));
            assertTrue(reports.analysisCsv(f.agency, reader, "c1").contains("c1,2026,500.00,EUR,100.00"));
            assertEquals(1, reports.accounting(f.agency, reader, jan, dec).size());
            assertTrue(reports.accountingCsv(f.agency, reader, jan, dec).contains("1700"));
            assertTrue(reports.monthlyListCsv(f.agency, reader, march).contains("EARN"));
        }
        assertThrows(NoSuchEntityException.class, () -> f.points.booking(f.agency, PointsFixtures.READER, "NO-SUCH"));
    }

    // ------------------------------------------------------------------ SP-23 the expiry belongs to its year

    @Test
    @Tag("SP-23")
    @Tag("SP-14")
    @Tag("SP-17")
    void expireYear_runInJanuary_isBookedOn31DecemberAndShownInTheYearItClosed() {
        f.set("expiryEnabled", "true", "liabilityAccount", "1700", "expenseAccount", "4700", "receivableAccount",
                "1300", "expiryRevenueAccount", "8700");
        f.on("2024-05-01");
        applied(f.book("B1", "c1", service("1", "TUI", "flight", "500.00"))); // 100 in 2024, none in 2025
        f.on("2026-01-10");
        applied(f.book("B2", "c1", service("1", "TUI", "flight", "100.00"))); // 20 in 2026
        f.on("2026-01-15");
        CommandContext run = f.admin();
        Outcome preview = applied(f.points.expireYear(run.asDryRun(), new ExpireYear(2025)));
        assertEquals(LocalDate.of(2025, 12, 31), preview.entries().get(0).businessDate());
        Outcome o = applied(f.points.expireYear(run, new ExpireYear(2025)));
        assertEquals(1, o.entries().size());
        assertAmount("-100", o.entries().get(0).amount());
        assertEquals(LocalDate.of(2025, 12, 31), o.entries().get(0).businessDate());
        assertEquals(o, f.points.expireYear(run, new ExpireYear(2025)), "a repeat of the run replays it");

        PointsAnalysis a = f.points.analysis(f.agency, PointsFixtures.READER, "c1");
        PointsAnalysis.Year y2025 = a.years().stream().filter(y -> y.year() == 2025).findFirst().orElseThrow();
        PointsAnalysis.Year y2026 = a.years().stream().filter(y -> y.year() == 2026).findFirst().orElseThrow();
        assertAmount("100", y2025.expired());
        assertAmount("0", y2025.available());
        assertAmount("0", y2026.expired());
        assertAmount("20", y2026.earned());
        assertAmount("20", y2026.available());
        assertAmount("20", a.balance());
        assertTrue(f.points.monthlyList(f.agency, PointsFixtures.READER, YearMonth.of(2025, 12)).stream()
                .anyMatch(m -> m.entry().equals("EXPIRE") && m.points().compareTo(new BigDecimal("-100")) == 0));
        assertTrue(f.points.monthlyList(f.agency, PointsFixtures.READER, YearMonth.of(2026, 1)).stream()
                .noneMatch(m -> m.entry().equals("EXPIRE")));
        List<AccountingPosting> dec2025 = f.points.reports().accounting(f.agency, PointsFixtures.READER,
                LocalDate.of(2025, 12, 1), LocalDate.of(2025, 12, 31));
        assertEquals(1, dec2025.size());
        assertEquals("8700", dec2025.get(0).creditAccount());
        assertEquals(LocalDate.of(2025, 12, 31), dec2025.get(0).date());
    }

    @Test
    @Tag("SP-23")
    void expireYear_runBeforeTheYearEnd_stillRefused_onTheYearEndItself_bookedThatDay() {
        f.set("expiryEnabled", "true");
        f.on("2024-05-01");
        applied(f.book("B1", "c1", service("1", "TUI", "flight", "500.00")));
        f.on("2025-12-30");
        rejected(f.points.expireYear(f.admin(), new ExpireYear(2025)), "YEAR_NOT_ENDED");
        f.on("2025-12-31");
        Outcome o = applied(f.points.expireYear(f.admin(), new ExpireYear(2025)));
        assertEquals(LocalDate.of(2025, 12, 31), o.entries().get(0).businessDate());
        assertAmount("0", f.balance("c1"));
    }

    // ------------------------------------------------------------------ SP-24 points not yet spendable

    @Test
    @Tag("SP-24")
    @Tag("SP-13")
    void payWithPoints_pointsSavedThisYear_refusalNamesThemAndTheDayTheyBecomeSpendable() {
        f.set("directlyAvailable", "false");
        f.on("2026-06-10");
        applied(f.book("B1", "c1", service("1", "TUI", "package", "1000.00"))); // 200 points, from 2027
        Outcome o = rejected(f.payWithPoints("B1", "150.00"), "POINTS_NOT_YET_SPENDABLE");
        PointsNotYetSpendable detail = o.result(PointsNotYetSpendable.class).orElseThrow(
                () -> new AssertionError("no typed detail in " + o.values()));
        assertEquals("c1", detail.customerId());
        assertAmount("150", detail.pointsNeeded());
        assertAmount("0", detail.spendable());
        assertAmount("200", detail.notYetSpendable());
        assertEquals(2026, detail.earnedIn());
        assertEquals(LocalDate.of(2027, 1, 1), detail.spendableFrom());
        String message = o.rejections().get(0).message();
        assertTrue(message.contains("200.00 points earned in 2026 become spendable on 2027-01-01"), message);
        assertTrue(!message.contains("no saved points"), message);
        assertTrue(o.entries().isEmpty());
        assertTrue(o.result(PointsPaymentResult.class).isEmpty(), "a refusal carries no payment");
        assertAmount("200", f.balance("c1"));
        // more than the customer holds at all: a want of points, which still names the points to come
        Outcome short_ = rejected(f.payWithPoints("B1", "300.00"), "INSUFFICIENT_POINTS");
        assertTrue(short_.rejections().get(0).message().contains("200.00 points earned in 2026 become spendable on"
                + " 2027-01-01"), short_.rejections().get(0).message());
        f.on("2027-01-01");
        applied(f.payWithPoints("B1", "150.00"));
        assertAmount("50", f.balance("c1"));
    }

    @Test
    @Tag("SP-24")
    @Tag("SP-11")
    void payWithPoints_capEmptyAndSavedBefore_pointsOfThisYearDoNotStopGoingNegative() {
        f.set("directlyAvailable", "false");
        f.on("2025-06-10");
        applied(f.book("B1", "c1", service("1", "TUI", "package", "100.00"))); // 20 points, spendable in 2026
        f.on("2026-06-10");
        applied(f.book("B2", "c1", service("1", "TUI", "package", "1000.00"))); // 200 more, from 2027
        // a saver may go negative without a cap: the points of this year need not be waited for
        applied(f.payWithPoints("B2", "150.00"));
        assertAmount("70", f.balance("c1"));
        // with a cap, no: the 20 of 2025 are spent, the 70 left are of 2026 and spendable from 2027
        f.set("paymentMaximumPercent", "100");
        Outcome o = rejected(f.payWithPoints("B2", "60.00"), "POINTS_NOT_YET_SPENDABLE");
        assertAmount("70", o.result(PointsNotYetSpendable.class).orElseThrow().notYetSpendable());
        assertAmount("0", o.result(PointsNotYetSpendable.class).orElseThrow().spendable());
    }

    // ------------------------------------------------------------------ SP-20 suppliers of a tour operator

    @Test
    @Tag("SP-20")
    @Tag("SP-1")
    void book_suppliersOfATourOperator_shareItsRates_theirOwnSettingsFirst() {
        applied(f.points.defineTourOperator(f.admin(), TourOperator.enabled("TUI-GROUP").withRate("0.30")
                .withProductRate("cruise", "0.50")));
        f.supplier(Supplier.of("TUI-NL", "TUI-GROUP"));
        f.supplier(Supplier.of("TUI-BE", "TUI-GROUP").withRate("0.40"));
        f.supplier(Supplier.of("TUI-DE", "TUI-GROUP").withProductRate("cruise", "1.00"));
        Outcome o = applied(f.book("B1", "c1", service("1", "TUI-NL", "hotel", "100.00"),
                service("2", "TUI-NL", "cruise", "100.00"), service("3", "TUI-BE", "cruise", "100.00"),
                service("4", "TUI-DE", "cruise", "100.00"), service("5", "TUI-DE", "hotel", "100.00"),
                service("6", "TUI", "cruise", "100.00")));
        assertEquals("30.00", linePoints(o, "1"));  // the tour operator's rate
        assertEquals("50.00", linePoints(o, "2"));  // the tour operator's structure for cruises
        assertEquals("40.00", linePoints(o, "3"));  // the supplier's own rate beats the tour operator's structure
        assertEquals("100.00", linePoints(o, "4")); // the supplier's own structure beats everything
        assertEquals("30.00", linePoints(o, "5"));  // no own rate for hotels: the tour operator's rate
        assertEquals("20.00", linePoints(o, "6"));  // a supplier of no tour operator: the global rate
        assertAmount("270", f.balance("c1"));
        assertTrue(o.rulesFired().containsAll(List.of("rate: the tour operator's rate",
                "rate: the tour operator's structure for the product type", "rate: the supplier's own rate",
                "rate: the supplier's structure for the product type", "rate: the global rate")), o.rulesFired()::toString);
        // shared, not copied: the tour operator's new rate is its suppliers' from the next booking on
        applied(f.points.defineTourOperator(f.admin(), TourOperator.enabled("TUI-GROUP").withRate("0.10")));
        Outcome later = applied(f.book("B2", "c1", service("1", "TUI-NL", "hotel", "100.00"),
                service("2", "TUI-NL", "cruise", "100.00"), service("3", "TUI-BE", "hotel", "100.00")));
        assertEquals("10.00", linePoints(later, "1"));
        assertEquals("10.00", linePoints(later, "2"));
        assertEquals("40.00", linePoints(later, "3"));
        assertEquals(2, f.engine.audit().history(f.agency, org.loyaltyengine.AuditTrail.POINTS_TOUR_OPERATOR,
                "TUI-GROUP").size());
    }

    @Test
    @Tag("SP-20")
    @Tag("SP-2")
    void book_aTourOperatorsSwitch_holdsForItsSuppliersThatSetNone() {
        applied(f.points.defineTourOperator(f.admin(), new TourOperator("DER", false, new BigDecimal("0.50"), null)));
        f.supplier(Supplier.of("DER-1", "DER"));
        f.supplier(Supplier.of("DER-2", "DER").withEnabled(true));
        applied(f.points.defineTourOperator(f.admin(), TourOperator.enabled("SUN").withRate("0.50")));
        f.supplier(Supplier.of("SUN-1", "SUN").withEnabled(false));
        Outcome o = applied(f.book("B1", "c1", service("1", "DER-1", "hotel", "100.00"),
                service("2", "DER-2", "hotel", "100.00"), service("3", "SUN-1", "hotel", "100.00")));
        assertEquals("0.00", linePoints(o, "1"));
        assertEquals("50.00", linePoints(o, "2"));
        assertEquals("0.00", linePoints(o, "3"));
        assertAmount("50", f.balance("c1"));
    }

    @Test
    @Tag("SP-20")
    @Tag("SP-6")
    void changePrice_lineOfATourOperatorsSupplier_recalculatesAtTheTourOperatorsRate() {
        f.set("recalculateOnPriceChange", "true");
        applied(f.points.defineTourOperator(f.admin(), TourOperator.enabled("TUI-GROUP").withRate("0.30")));
        f.supplier(Supplier.of("TUI-NL", "TUI-GROUP"));
        applied(f.book("B1", "c1", service("1", "TUI-NL", "hotel", "100.00")));
        Outcome o = applied(f.points.changePrice(f.clerk(), new PriceChange("B1", "1", eur("200.00"))));
        assertAmount("30", o.entries().get(0).amount());
        assertAmount("60", f.balance("c1"));
    }

    @Test
    @Tag("SP-20")
    @Tag("X-10")
    @Tag("X-8")
    void defineSupplier_unknownTourOperatorOrNoSwitch_typedErrorNothingWritten() {
        NoSuchEntityException e = assertThrows(NoSuchEntityException.class,
                () -> f.points.defineSupplier(f.admin(), Supplier.of("X-1", "NOBODY")));
        assertEquals("NO_SUCH_TOUR_OPERATOR", e.code());
        assertEquals("NO_SUCH_SUPPLIER", assertThrows(NoSuchEntityException.class,
                () -> f.book("B1", "c1", service("1", "X-1", "hotel", "100.00"))).code());
        assertThrows(InvalidValueException.class, () -> new Supplier("X-2", null, null, null, null));
        assertThrows(InvalidValueException.class, () -> TourOperator.enabled("T").withRate("-0.10"));
        assertThrows(InvalidValueException.class, () -> TourOperator.enabled("T").withRate("1000.01"));
        assertThrows(InvalidValueException.class, () -> TourOperator.enabled(" "));
        rejected(f.points.defineTourOperator(f.clerk(), TourOperator.enabled("T")), "PERMISSION_REQUIRED");
        assertThrows(NoSuchEntityException.class, () -> f.points.defineSupplier(f.admin(), Supplier.of("X-3", "T")));
        assertAmount("0", f.balance("c1"));
    }

    // ------------------------------------------------------------------ SP-21 own currency at payment time

    @Test
    @Tag("SP-21")
    @Tag("SP-15")
    void payWithPoints_ownRateOrPoints_refusedWithoutOwnCurrencyAllowed_nothingWritten() {
        f.set("pointValue", "0.30");
        applied(f.book("B1", "c1", service("1", "TUI", "package", "5000.00"))); // 1000 points
        for (PointsPayment p : List.of(PointsPayment.atRate("B1", eur("100.00"), new BigDecimal("0.25")),
                PointsPayment.ofPoints("B1", eur("100.00"), new BigDecimal("250")))) {
            Outcome o = rejected(f.points.payWithPoints(f.clerk(), p), "OWN_CURRENCY_NOT_ALLOWED");
            assertTrue(o.rejections().get(0).message().contains("ownCurrencyAllowed"), o.rejections().get(0).message());
            assertTrue(o.entries().isEmpty());
        }
        assertAmount("1000", f.balance("c1"));
        assertAmount("0", f.points.booking(f.agency, PointsFixtures.READER, "B1").paidPoints());
    }

    @Test
    @Tag("SP-21")
    @Tag("SP-15")
    @Tag("X-13")
    void payWithPoints_ownCurrencyAllowed_rateOrPointsGivenAtPayment_storedValueStays_givenBackAsTaken() {
        f.set("pointValue", "0.30", "ownCurrencyAllowed", "true");
        applied(f.book("B1", "c1", service("1", "TUI", "package", "5000.00"),
                service("2", "TUI", "hotel", "200.00"))); // 1000 + 40 points
        Outcome atRate = applied(f.points.payWithPoints(f.clerk(), PointsPayment.atRate("B1", eur("100.00"),
                new BigDecimal("0.30"))));
        assertEquals("333.34", pointsPaid(atRate)); // 100.00 / 0.30 rounded up, as at the stored value
        Outcome ownRate = applied(f.points.payWithPoints(f.clerk(), PointsPayment.atRate("B1", eur("100.00"),
                new BigDecimal("0.25"))));
        assertEquals("400.00", pointsPaid(ownRate));
        assertAmount("0.25", ownRate.result(PointsPaymentResult.class).orElseThrow().pointValue());
        Outcome ownPoints = applied(f.points.payWithPoints(f.clerk(), PointsPayment.ofPoints("B1", eur("30.00"),
                new BigDecimal("120"))));
        assertEquals("120.00", pointsPaid(ownPoints));
        assertAmount("0.25", ownPoints.result(PointsPaymentResult.class).orElseThrow().pointValue());
        // the stored point value is not the payment's to change
        assertAmount("0.30", f.points.settings(f.agency).pointValue());
        assertEquals("100.00", pointsPaid(applied(f.payWithPoints("B1", "30.00"))));
        assertAmount("86.66", f.balance("c1")); // 1040 - 333.34 - 400 - 120 - 100
        BookingView b = f.points.booking(f.agency, PointsFixtures.READER, "B1");
        assertAmount("953.34", b.paidPoints());
        assertAmount("260.00", b.paidPointsValue().amount());
        // a cut below what points paid gives back at the booking's own rate, never more than was taken: the
        // 60.00 paid beyond the 200.00 left, 953.34 x 60 / 260 = 220.00 points
        Outcome cut = applied(f.points.cancel(f.clerk(), Cancellation.ofLine("B1", "1")));
        assertAmount("220.00", refund(cut).points());
        assertAmount("953.34", refund(cut).points().add(f.points.booking(f.agency, PointsFixtures.READER, "B1")
                .paidPoints()));
        assertTrue(refund(cut).points().compareTo(new BigDecimal("953.34")) <= 0);
        Outcome all = applied(f.points.cancel(f.clerk(), Cancellation.ofBooking("B1")));
        BigDecimal givenBack = refund(cut).points().add(all.result(org.loyaltyengine.rules.facts.PointsRefundResult.class)
                .map(org.loyaltyengine.rules.facts.PointsRefundResult::points).orElse(BigDecimal.ZERO));
        assertAmount("953.34", givenBack); // every point taken, back once
        assertAmount("0", f.balance("c1"));
        assertTrue(applied(f.points.cancel(f.clerk(), Cancellation.ofBooking("B1"))).entries().isEmpty());
    }

    @Test
    @Tag("SP-21")
    @Tag("SP-11")
    void payWithPoints_ownRate_theChecksCountThePointsItTakes() {
        f.set("ownCurrencyAllowed", "true", "paymentMaximumPercent", "100");
        applied(f.book("B1", "c1", service("1", "TUI", "package", "500.00"))); // 100 points, worth 1.00 each
        // 30.00 at 0.25 a point takes 120 points: more than the 100 there are
        Outcome o = rejected(f.points.payWithPoints(f.clerk(), PointsPayment.atRate("B1", eur("30.00"),
                new BigDecimal("0.25"))), "INSUFFICIENT_POINTS");
        assertTrue(o.rejections().get(0).message().contains("120.00"), o.rejections().get(0).message());
        assertAmount("100", f.balance("c1"));
    }

    @Test
    @Tag("SP-21")
    @Tag("SP-18")
    void accounting_paymentAtItsOwnRate_receivableAtThatRate_differenceToExpense_liabilityAtThePointValue() {
        f.set("liabilityAccount", "1700", "expenseAccount", "4700", "receivableAccount", "1300",
                "expiryRevenueAccount", "8700", "ownCurrencyAllowed", "true", "pointValue", "0.50");
        applied(f.book("B1", "c1", service("1", "TUI", "package", "1000.00"))); // 200 points at 0.50: 100.00
        applied(f.points.payWithPoints(f.clerk(), PointsPayment.ofPoints("B1", eur("20.00"), new BigDecimal("80"))));
        List<AccountingPosting> p = f.points.reports().accounting(f.agency, PointsFixtures.READER,
                LocalDate.of(2026, 1, 1), LocalDate.of(2026, 12, 31));
        assertEquals(List.of("EARN 4700>1700 100.00", "REDEEM 1700>1300 20.00", "RATE_DIFFERENCE 1700>4700 20.00"),
                p.stream().map(x -> x.entry() + " " + x.debitAccount() + ">" + x.creditAccount() + " "
                        + x.value().amount().toPlainString()).toList());
        BigDecimal liability = p.stream().map(x -> x.creditAccount().equals("1700") ? x.value().amount()
                : x.debitAccount().equals("1700") ? x.value().amount().negate() : BigDecimal.ZERO)
                .reduce(BigDecimal.ZERO, BigDecimal::add);
        assertAmount("60.00", liability); // the 120 points left, at 0.50
        assertTrue(f.points.reports().accountingCsv(f.agency, PointsFixtures.READER, LocalDate.of(2026, 1, 1),
                LocalDate.of(2026, 12, 31)).contains("RATE_DIFFERENCE"));
    }

    @Test
    @Tag("SP-21")
    @Tag("SP-18")
    @Tag("X-13")
    void accounting_cancelledBookingPaidAtItsOwnRate_givesBackAtThatRate_receivableAndExpenseNetToZero() {
        f.set("liabilityAccount", "1700", "expenseAccount", "4700", "receivableAccount", "1300",
                "expiryRevenueAccount", "8700", "ownCurrencyAllowed", "true", "pointValue", "0.50");
        applied(f.book("B1", "c1", service("1", "TUI", "package", "1000.00"))); // 200 points at 0.50: 100.00
        applied(f.points.payWithPoints(f.clerk(), PointsPayment.ofPoints("B1", eur("20.00"), new BigDecimal("80"))));
        applied(f.points.cancel(f.clerk(), Cancellation.ofBooking("B1")));
        assertAmount("0", f.balance("c1"));
        List<AccountingPosting> p = f.points.reports().accounting(f.agency, PointsFixtures.READER,
                LocalDate.of(2026, 1, 1), LocalDate.of(2026, 12, 31));
        List<String> read = p.stream().map(x -> x.entry() + " " + x.debitAccount() + ">" + x.creditAccount() + " "
                + x.points().stripTrailingZeros().toPlainString() + " " + x.value().amount().toPlainString()).toList();
        // the 80 points come back for the 20.00 they paid: the receivable takes back 20.00, and their other
        // 20.00 at the point value comes from the expense account, as the payment put it there
        assertTrue(read.contains("REVERSE 1300>1700 80 20.00"), read.toString());
        assertTrue(read.contains("RATE_DIFFERENCE 4700>1700 80 20.00"), read.toString());
        for (String account : List.of("1700", "4700", "1300")) {
            BigDecimal net = p.stream().map(x -> x.creditAccount().equals(account) ? x.value().amount()
                    : x.debitAccount().equals(account) ? x.value().amount().negate() : BigDecimal.ZERO)
                    .reduce(BigDecimal.ZERO, BigDecimal::add);
            assertEquals(0, net.signum(), () -> "account " + account + " nets " + net + " after the booking was "
                    + "cancelled: " + read);
        }
    }

    @Test
    @Tag("SP-21")
    @Tag("X-10")
    void pointsPayment_badRateOrPoints_typedErrors() {
        Money amount = eur("100.00");
        assertThrows(InvalidValueException.class, () -> new PointsPayment("B1", amount, new BigDecimal("0.25"),
                new BigDecimal("400")));
        assertThrows(InvalidValueException.class, () -> PointsPayment.atRate("B1", amount, BigDecimal.ZERO));
        assertThrows(InvalidValueException.class, () -> PointsPayment.atRate("B1", amount, new BigDecimal("-0.30")));
        assertThrows(InvalidValueException.class, () -> PointsPayment.atRate("B1", amount, new BigDecimal("10000.01")));
        assertThrows(InvalidValueException.class, () -> PointsPayment.atRate("B1", amount, new BigDecimal("1E-400")));
        assertThrows(InvalidValueException.class, () -> PointsPayment.ofPoints("B1", amount, BigDecimal.ZERO));
        assertThrows(InvalidValueException.class, () -> PointsPayment.ofPoints("B1", amount, new BigDecimal("1.001")));
        // a point that would pay more than the highest point value (10,000.00) is a typing error
        assertThrows(InvalidValueException.class, () -> PointsPayment.ofPoints("B1", eur("100.01"),
                new BigDecimal("0.01")));
        assertThrows(InvalidValueException.class, () -> PointsPayment.atRate("B1", amount, null));
    }
}

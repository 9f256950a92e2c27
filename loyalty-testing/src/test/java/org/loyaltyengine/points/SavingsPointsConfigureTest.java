package org.loyaltyengine.points;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.loyaltyengine.testing.points.PointsFixtures.applied;
import static org.loyaltyengine.testing.points.PointsFixtures.assertAmount;
import static org.loyaltyengine.testing.points.PointsFixtures.rejected;
import static org.loyaltyengine.testing.points.PointsFixtures.service;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.loyaltyengine.LoyaltyEngine;
import org.loyaltyengine.points.PointsRequests.Configure;
import org.loyaltyengine.points.PointsRequests.Configure.Setting;
import org.loyaltyengine.points.PointsRequests.Supplier;
import org.loyaltyengine.rules.facts.PointsSettings;
import org.loyaltyengine.spi.InMemoryStore;
import org.loyaltyengine.spi.InvalidValueException;
import org.loyaltyengine.spi.Outcome;
import org.loyaltyengine.testing.MutableClock;
import org.loyaltyengine.testing.points.PointsFixtures;

/**
 * The typed configuration of the savings points ({@link Configure}): one setting or several changed, the
 * others kept, stored as the same settings the whole-settings path stores, and checked before it is sent.
 */
class SavingsPointsConfigureTest {
    private static final InMemoryStore STORE = new InMemoryStore();
    private static final LoyaltyEngine ENGINE = LoyaltyEngine.builder().store(STORE)
            .clock(new MutableClock(Instant.parse("2026-03-14T09:00:00Z"))).build();
    private PointsFixtures f;

    @BeforeEach
    void setUpAgency() {
        f = new PointsFixtures(ENGINE, STORE);
        f.customer("c1");
        f.supplier(Supplier.enabled("TUI"));
    }

    private Map<String, String> stored(PointsFixtures agency) {
        Map<String, String> settings = agency.store.inTransaction(agency.agency,
                tx -> tx.settings().of("savings-points"));
        return new TreeMap<>(settings);
    }

    @Test
    @Tag("SP-19")
    void configure_oneSettingAtATime_keepsTheOthers() {
        applied(f.points.configure(f.admin(), Configure.set(Setting.RATE, new BigDecimal("0.20"))));
        applied(f.points.configure(f.admin(), Configure.set(Setting.PAYMENT_TYPE, "SPAARPUNTEN")));
        applied(f.points.configure(f.admin(), Configure.set(Setting.DIRECTLY_AVAILABLE, true)));
        PointsSettings s = f.points.settings(f.agency);
        assertAmount("0.20", s.rate());
        assertEquals("SPAARPUNTEN", s.paymentType());
        assertTrue(s.directlyAvailable());
        assertEquals("EUR", s.currency());
        assertAmount("1", s.pointValue());
        // 100.00 x 0.20: the rate set first still earns after two other changes.
        assertAmount("20", applied(f.book("B1", "c1", service("1", "TUI", "flight", "100.00"))).entries().get(0)
                .amount());
    }

    @Test
    @Tag("SP-19")
    void configure_severalAtOnceAndCleared_changesExactlyThose() {
        applied(f.points.configure(f.admin(), Configure.set(Setting.RATE, "0.20").and(Setting.POINTS_MINIMUM, "50")
                .and(Setting.PAYMENT_MAXIMUM_PERCENT, new BigDecimal("25"))));
        applied(f.points.configure(f.admin(), Configure.clear(Setting.PAYMENT_MAXIMUM_PERCENT)
                .and(Setting.BASE_AMOUNT, "10.00")));
        PointsSettings s = f.points.settings(f.agency);
        assertAmount("0.20", s.rate());
        assertAmount("50", s.pointsMinimum());
        assertAmount("10.00", s.baseAmount());
        assertNull(s.paymentMaximumPercent());
    }

    @Test
    @Tag("SP-19")
    @Tag("SP-15")
    void configure_storedAsTheSettingsMapTheWholeSettingsPathStores() {
        applied(f.points.configure(f.admin(), Configure.of(Map.of("rate", "0.20", "pointValue", "0.30"))));
        Map<String, String> expected = new TreeMap<>(Map.of("currency", "EUR", "rate", "0.20", "pointValue", "0.30",
                "negativePointsAllowed", "false", "recalculateOnPriceChange", "false",
                "settleOnlyInEarningDossier", "false", "directlyAvailable", "false", "expiryEnabled", "false",
                "changedBy", "admin-bert on 2026-03-14"));
        expected.put("ownCurrencyAllowed", "false");
        assertEquals(expected, stored(f));

        PointsFixtures other = new PointsFixtures(ENGINE, STORE);
        applied(other.points.configure(other.admin(), PointsSettings.defaults().with(Map.of("rate", "0.20",
                "pointValue", "0.30"))));
        assertEquals(expected, stored(other));
        // The balance is valued at the point value set: 100 points are worth 30.00.
        applied(f.points.manualEntry(f.admin(), new PointsRequests.ManualEntry("c1", new BigDecimal("100"), "start")));
        assertAmount("30.00", f.points.analysis(f.agency, PointsFixtures.READER, "c1").balanceValue().amount());
    }

    @Test
    @Tag("SP-19")
    void configure_withoutPermission_rejectedAndNothingChanges() {
        applied(f.points.configure(f.admin(), Configure.set(Setting.RATE, "0.20")));
        Map<String, String> before = stored(f);
        rejected(f.points.configure(f.clerk(), Configure.set(Setting.RATE, "5")), "PERMISSION_REQUIRED");
        assertEquals(before, stored(f));
    }

    @Test
    @Tag("SP-19")
    @Tag("X-9")
    void configure_currencyOfAProgramInUse_rejected() {
        applied(f.points.configure(f.admin(), Configure.set(Setting.RATE, "0.20")));
        applied(f.book("B1", "c1", service("1", "TUI", "flight", "100.00")));
        Outcome o = rejected(f.points.configure(f.admin(), Configure.set(Setting.CURRENCY, "USD")), "CURRENCY_IN_USE");
        assertTrue(o.rejections().get(0).message().contains("1 booking(s)"), o.rejections().get(0).message());
        assertEquals("EUR", f.points.settings(f.agency).currency());
    }

    @Test
    @Tag("SP-19")
    @Tag("X-10")
    void configure_badRequests_typedErrorsNamingTheSetting() {
        assertTrue(assertThrows(InvalidValueException.class, () -> Configure.of(Map.of("bonus", "1"))).getMessage()
                .contains("'bonus'"));
        assertTrue(assertThrows(InvalidValueException.class, () -> Configure.set(Setting.RATE, "1000.01"))
                .getMessage().contains("'rate'"));
        assertTrue(assertThrows(InvalidValueException.class, () -> Configure.set(Setting.RATE, "lots"))
                .getMessage().contains("'rate'"));
        assertTrue(assertThrows(InvalidValueException.class, () -> Configure.set(Setting.EXPIRY_ENABLED, "yes"))
                .getMessage().contains("'expiryEnabled'"));
        assertTrue(assertThrows(InvalidValueException.class, () -> Configure.clear(Setting.CURRENCY))
                .getMessage().contains("'currency'"));
        assertTrue(assertThrows(InvalidValueException.class, () -> Configure.clear(Setting.POINT_VALUE))
                .getMessage().contains("'pointValue'"));
        assertTrue(assertThrows(InvalidValueException.class, () -> Configure.set(Setting.EXPIRY_ENABLED, BigDecimal.ONE))
                .getMessage().contains("'expiryEnabled'"));
        assertTrue(assertThrows(InvalidValueException.class, () -> Configure.set(Setting.RATE, true))
                .getMessage().contains("'rate'"));
        assertThrows(InvalidValueException.class, () -> Configure.set(Setting.RATE, (String) null));
        assertThrows(InvalidValueException.class, () -> new Configure(new TreeMap<>()));
        assertThrows(InvalidValueException.class, () -> new Configure(null));
        assertThrows(InvalidValueException.class, () -> Configure.of(Map.of("changedBy", "someone")));
    }
}

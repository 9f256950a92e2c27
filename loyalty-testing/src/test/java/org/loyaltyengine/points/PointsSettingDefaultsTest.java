package org.loyaltyengine.points;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.loyaltyengine.LoyaltyEngine;
import org.loyaltyengine.RuleSource;
import org.loyaltyengine.points.PointsRequests.Supplier;
import org.loyaltyengine.rules.facts.PointsSettings;
import org.loyaltyengine.spi.InMemoryStore;
import org.loyaltyengine.spi.InvalidValueException;
import org.loyaltyengine.testing.points.PointsFixtures;

/**
 * The settings of an agency that never configured the program are data of the rule-set version in force on
 * the business date ({@code setting.<name>} of its {@code ruleset.properties}), not constants of the code;
 * a configured program keeps what it stored.
 */
@Tag("SP-1")
@Tag("SP-19")
@Tag("X-11")
class PointsSettingDefaultsTest {
    private static final String V2_DEFAULTS = """
            setting.currency=EUR
            setting.rate=0.10
            setting.baseAmount=
            setting.roundingFactor=
            setting.paymentType=SPAARPUNTEN
            setting.pointsMinimum=
            setting.paymentMinimum=
            setting.paymentMaximumPercent=50
            setting.negativePointsAllowed=false
            setting.recalculateOnPriceChange=true
            setting.settleOnlyInEarningDossier=false
            setting.directlyAvailable=true
            setting.expiryEnabled=false
            setting.pointValue=0.50
            setting.ownCurrencyAllowed=false
            setting.liabilityAccount=
            setting.expenseAccount=
            setting.receivableAccount=
            setting.expiryRevenueAccount=
            """;

    /** The packaged savings-points v1, a v2 from June 2026 with other defaults, a v3 from September naming no point value. */
    private static Path rules(Path dir) throws IOException {
        for (Map.Entry<String, String> f : RuleSource.defaults().only("savings-points/v1").files().entrySet()) {
            for (String version : new String[] {"v1", "v2", "v3"}) {
                Path target = dir.resolve(f.getKey().replace("savings-points/v1/", "savings-points/" + version + "/"));
                Files.createDirectories(target.getParent());
                Files.writeString(target, f.getValue());
            }
        }
        Files.writeString(dir.resolve("savings-points/v2/ruleset.properties"),
                "effective-from=2026-06-01\ndescription=other defaults\n" + V2_DEFAULTS);
        Files.writeString(dir.resolve("savings-points/v3/ruleset.properties"),
                "effective-from=2026-09-01\ndescription=no point value\n"
                        + V2_DEFAULTS.replace("setting.pointValue=0.50\n", ""));
        return dir;
    }

    private static PointsFixtures agency(Path dir, String today) throws IOException {
        InMemoryStore store = new InMemoryStore();
        LoyaltyEngine engine = LoyaltyEngine.builder().store(store)
                .clock(java.time.Clock.fixed(Instant.parse(today + "T09:00:00Z"), ZoneOffset.UTC))
                .rules(RuleSource.folder(rules(dir))).build();
        return new PointsFixtures(engine, store).customer("c1");
    }

    @Test
    void theShippedVersionLeavesEverySettingEmptyOrOffWithOnePointWorthOneEuro() {
        PointsSettings s = LoyaltyEngine.builder().store(new InMemoryStore()).build().savingsPoints()
                .settings(org.loyaltyengine.spi.TenantId.of("new-agency"));
        assertEquals("EUR", s.currency());
        assertEquals(0, new BigDecimal("1").compareTo(s.pointValue()));
        assertNull(s.rate());
        assertNull(s.paymentType());
        assertNull(s.paymentMaximumPercent());
        assertFalse(s.directlyAvailable());
        assertFalse(s.expiryEnabled());
        assertFalse(s.recalculateOnPriceChange());
        assertNull(s.liabilityAccount());
    }

    @Test
    void aProgramNeverConfiguredEarnsAtTheDefaultsOfTheVersionInForceOnTheBusinessDate(@TempDir Path dir)
            throws IOException {
        PointsFixtures f = agency(dir, "2026-06-02");
        f.on("2026-05-01").supplier(new Supplier("TUI", true, null, new java.util.TreeMap<>()));
        // v1: no rate, nothing earned.
        PointsFixtures.applied(f.book("B1", "c1", PointsFixtures.service("1", "TUI", "package", "500.00")));
        assertEquals(0, f.balance("c1").signum());
        // v2: 0.10 per euro.
        f.on("2026-06-10");
        PointsFixtures.applied(f.book("B2", "c1", PointsFixtures.service("1", "TUI", "package", "500.00")));
        assertEquals(0, new BigDecimal("50.00").compareTo(f.balance("c1")));
        // v2's payment type and point value: 10.00 takes 20 points.
        PointsFixtures.applied(f.payWithPoints("B2", "10.00"));
        assertEquals(0, new BigDecimal("30.00").compareTo(f.balance("c1")));
        assertEquals(0, new BigDecimal("0.50").compareTo(f.points.settings(f.agency).pointValue()));
    }

    @Test
    void aVersionThatGivesNoDefaultIsATypedErrorNamingTheSettingAndNothingIsWritten(@TempDir Path dir)
            throws IOException {
        PointsFixtures f = agency(dir, "2026-06-02");
        f.on("2026-06-10").supplier(new Supplier("TUI", true, null, new java.util.TreeMap<>()));
        f.on("2026-09-10");
        InvalidValueException e = assertThrows(InvalidValueException.class,
                () -> f.book("B1", "c1", PointsFixtures.service("1", "TUI", "package", "500.00")));
        assertTrue(e.getMessage().contains("pointValue") && e.getMessage().contains("savings-points v3"),
                e.getMessage());
        assertEquals(0, f.balance("c1").signum());
        assertThrows(org.loyaltyengine.NoSuchEntityException.class, () -> f.points.booking(f.agency, PointsFixtures.READER, "B1"));
    }

    @Test
    void aConfiguredProgramKeepsWhatItStoredWhateverTheDefaults(@TempDir Path dir) throws IOException {
        PointsFixtures f = agency(dir, "2026-06-02");
        f.on("2026-05-01").set("rate", "0.20").supplier(new Supplier("TUI", true, null, new java.util.TreeMap<>()));
        f.on("2026-06-10");
        PointsFixtures.applied(f.book("B1", "c1", PointsFixtures.service("1", "TUI", "package", "500.00")));
        assertEquals(0, new BigDecimal("100.00").compareTo(f.balance("c1")));
        PointsSettings s = f.points.settings(f.agency);
        assertEquals(0, BigDecimal.ONE.compareTo(s.pointValue()));
        assertNull(s.paymentType(), "a setting the configuration left empty stays empty");
        assertFalse(s.directlyAvailable());
    }
}

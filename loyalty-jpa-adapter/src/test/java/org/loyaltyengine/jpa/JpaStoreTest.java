package org.loyaltyengine.jpa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.reflect.Modifier;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.Persistence;
import jakarta.persistence.PessimisticLockException;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.loyaltyengine.spi.AccountKey;
import org.loyaltyengine.spi.EntryKind;
import org.loyaltyengine.spi.Hold;
import org.loyaltyengine.spi.HoldState;
import org.loyaltyengine.spi.InvalidValueException;
import org.loyaltyengine.spi.StoreException;
import org.loyaltyengine.spi.TenantId;

/** What the adapter promises beyond the SPI suite: retries, typed failures, exact values, a small surface. */
class JpaStoreTest {
    private static JpaStore store;
    private final TenantId tenant = JpaStoreContract.freshTenant();

    /** A store of its own on the shared H2 pool, with few, fast retries. */
    @BeforeAll
    static void build() {
        store = JpaStore.builder()
                .property("jakarta.persistence.nonJtaDataSource", TestDatabase.handle(TestDatabase.H2).faults())
                .maxAttempts(3)
                .retryBackoff(Duration.ZERO)
                .build();
    }

    @AfterAll
    static void close() {
        store.close();
    }

    @Test
    @Tag("X-5")
    void inTransaction_transientFailureIsReRunOnAFreshTransaction() {
        AtomicInteger runs = new AtomicInteger();
        long before = store.retries();
        String result = store.inTransaction(tenant, tx -> {
            if (runs.incrementAndGet() == 1) {
                // However the work wraps it, a deadlock's SQLState is found and the work runs again.
                throw new IllegalStateException("wrapped", new SQLException("deadlock detected", "40P01"));
            }
            return "done";
        });
        assertEquals("done", result);
        assertEquals(2, runs.get());
        assertEquals(before + 1, store.retries());
    }

    @Test
    @Tag("X-5")
    void inTransaction_transientFailuresBeyondTheLimitAreAStoreFailureNotARejection() {
        AtomicInteger runs = new AtomicInteger();
        StoreException e = assertThrows(StoreException.class, () -> store.inTransaction(tenant, tx -> {
            runs.incrementAndGet();
            throw new PessimisticLockException("lock wait timeout");
        }));
        assertEquals(3, runs.get());
        assertEquals("STORE_FAILED", e.code());
        assertFalse(e.outcomeUnknown());
        assertInstanceOf(PessimisticLockException.class, e.getCause());
    }

    @Test
    void inTransaction_aBusinessFailureIsNotRetried() {
        AtomicInteger runs = new AtomicInteger();
        assertThrows(IllegalArgumentException.class, () -> store.inTransaction(tenant, tx -> {
            runs.incrementAndGet();
            throw new IllegalArgumentException("not a database problem");
        }));
        assertEquals(1, runs.get());
    }

    @Test
    void inTransaction_nestedOnOneThreadIsRefused() {
        // Also across tenants: the store's ThreadLocal guards the thread, whatever tenant is asked for.
        assertThrows(org.loyaltyengine.spi.IllegalStoreUseException.class,
                () -> store.inTransaction(tenant, tx -> store.inTransaction(JpaStoreContract.freshTenant(), inner -> 1)));
    }

    @Test
    void builder_runsOnAHostsOwnFactoryAndLeavesItOpen() {
        EntityManagerFactory hosts = Persistence.createEntityManagerFactory(JpaStore.PERSISTENCE_UNIT,
                Map.of("jakarta.persistence.nonJtaDataSource", TestDatabase.handle(TestDatabase.H2).faults()));
        try (JpaStore onHostFactory = JpaStore.builder().entityManagerFactory(hosts).build()) {
            AccountKey a = Commands.account("host");
            onHostFactory.inTransaction(tenant, tx -> tx.accounts().open(a, BigDecimal.ZERO));
            assertTrue(store.inTransaction(tenant, tx -> tx.accounts().find(a)).isPresent());
        }
        assertTrue(hosts.isOpen(), "the host's factory is the host's to close");
        hosts.close();
    }

    @Test
    void builder_withoutAFactoryOrPropertiesSaysWhatToGive() {
        InvalidValueException e = assertThrows(InvalidValueException.class, () -> JpaStore.builder().build());
        assertTrue(e.getMessage().contains("entityManagerFactory"), e.getMessage());
        assertThrows(InvalidValueException.class, () -> JpaStore.builder().maxAttempts(0));
    }

    @Test
    @Tag("X-9")
    void amounts_beyondTheColumnsAreRefusedNotRounded() {
        AccountKey a = Commands.account("precise");
        store.inTransaction(tenant, tx -> tx.accounts().open(a, null));
        assertThrows(InvalidValueException.class, () -> store.inTransaction(tenant, tx -> tx.ledger().append(
                Commands.entry(a, EntryKind.ADJUST, new BigDecimal("0.00000000001"), "k", null))));
        BigDecimal exact = new BigDecimal("1234.5678901234");
        store.inTransaction(tenant, tx -> tx.ledger().append(Commands.entry(a, EntryKind.ADJUST, exact, "k", null)));
        assertEquals(exact, store.inTransaction(tenant, tx -> tx.accounts().find(a).orElseThrow().balance()));
        assertEquals(exact, store.inTransaction(tenant, tx -> tx.ledger().entries(a).get(0).amount()));
    }

    @Test
    void holds_keepTheirInstantsToTheNanosecond() {
        AccountKey a = Commands.account("nanos");
        Instant placed = Instant.parse("2026-03-01T10:15:30.123456789Z");
        Hold hold = Hold.pending("h-nanos", a, new BigDecimal("2.50"), "receipt", "1", placed, placed.plusNanos(1),
                "cashier", Commands.RULE);
        store.inTransaction(tenant, tx -> {
            tx.accounts().open(a, null);
            return tx.holds().place(hold);
        });
        assertEquals(hold, store.inTransaction(tenant, tx -> tx.holds().find("h-nanos").orElseThrow()));
        Instant settled = placed.plusSeconds(60).plusNanos(7);
        store.inTransaction(tenant, tx -> tx.holds().settle("h-nanos", HoldState.EXPIRED, settled, "sweeper",
                Commands.RULE));
        assertEquals(hold.settle(HoldState.EXPIRED, settled, "sweeper", Commands.RULE),
                store.inTransaction(tenant, tx -> tx.holds().find("h-nanos").orElseThrow()));
    }

    @Test
    void publicSurface_isJpaStoreAndItsBuilder() throws IOException {
        Path classes = Path.of(JpaStore.class.getProtectionDomain().getCodeSource().getLocation().getPath(),
                "org/loyaltyengine/jpa");
        Set<String> exported = new TreeSet<>();
        try (Stream<Path> files = Files.list(classes)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".class")).toList()) {
                String name = "org.loyaltyengine.jpa." + f.getFileName().toString().replace(".class", "");
                Class<?> type = Class.forName(name, false, JpaStore.class.getClassLoader());
                if (Modifier.isPublic(type.getModifiers())) {
                    exported.add(type.getSimpleName());
                }
            }
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
        assertEquals(Set.of("JpaStore", "Builder"), exported);
    }

    @Test
    void mappingFile_namesExactlyTheEntities() throws IOException {
        String orm = new String(JpaStore.class.getResourceAsStream("/" + JpaStore.MAPPING_FILE).readAllBytes());
        Matcher m = Pattern.compile("<entity class=\"([^\"]+)\"").matcher(orm);
        List<String> named = m.results().map(r -> r.group(1)).toList();
        assertEquals(JpaStore.entities().stream().map(Class::getName).toList(), named);
        JpaStore.entities().forEach(e -> assertFalse(Modifier.isPublic(e.getModifiers()), e + " is public"));
    }

    @Test
    void schemaScripts_createTheSameTablesAndIndexesOnEveryDatabase() {
        Pattern object = Pattern.compile("CREATE (?:TABLE|INDEX) IF NOT EXISTS (\\w+)");
        Set<String> reference = null;
        for (TestDatabase db : TestDatabase.values()) {
            Set<String> names = new TreeSet<>();
            db.statements().forEach(s -> object.matcher(s).results().forEach(r -> names.add(r.group(1))));
            if (reference == null) {
                reference = names;
            }
            assertEquals(reference, names, db.label + " schema differs from " + TestDatabase.values()[0].label);
        }
        assertTrue(reference.contains("le_outcome") && reference.contains("le_hold_transition"), reference.toString());
    }
}

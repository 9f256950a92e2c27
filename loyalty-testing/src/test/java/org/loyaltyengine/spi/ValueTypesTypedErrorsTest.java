package org.loyaltyengine.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.loyaltyengine.spi.conformance.GarbageSweep;

/** Every value type refuses bad input with a typed error naming the field, never an NPE or NFE (SPEC X-10). */
@Tag("X-10")
class ValueTypesTypedErrorsTest {
    private static final AccountKey KEY = new AccountKey("o", "p", Unit.points());
    private static final RuleRef RULE = new RuleRef("set", 1, "rule");
    private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");

    @Test
    void factories_namedInTheIssue_failTypedAndNameTheField() {
        InvalidValueException nullAmount = assertThrows(InvalidValueException.class, () -> Money.of((String) null, "EUR"));
        assertTrue(nullAmount.getMessage().contains("amount"), nullAmount.getMessage());
        assertThrows(InvalidValueException.class, () -> Money.of((BigDecimal) null, "EUR"));
        InvalidValueException garbage = assertThrows(InvalidValueException.class, () -> Money.of("abc", "EUR"));
        assertTrue(garbage.getMessage().contains("amount") && garbage.getMessage().contains("abc"), garbage.getMessage());
        assertThrows(InvalidValueException.class, () -> Money.of("1E+400", "CZK"));
        assertThrows(InvalidValueException.class, () -> Money.of("1E-2147483647", "CZK"));
        InvalidValueException permission = assertThrows(InvalidValueException.class,
                () -> Actor.of("u", (String) null));
        assertTrue(permission.getMessage().contains("permission"), permission.getMessage());
        assertThrows(InvalidValueException.class, () -> Actor.of("u\n", "p"));
        assertThrows(InvalidValueException.class, () -> Actor.of("u\u0000", "p"));
        assertThrows(InvalidValueException.class, () -> Actor.of("evil\u202Egnp.exe", "p"));
        assertEquals(Set.of(), Actor.of("u", (String[]) null).permissions());
        assertEquals("INVALID_VALUE", assertThrows(InvalidValueException.class,
                () -> Checks.list(java.util.Arrays.asList("a", null), "lines")).code());
    }

    private static final class Set {
        static java.util.Set<String> of() {
            return java.util.Set.of();
        }
    }

    @Test
    void everyValueType_refusesNullsAndGarbageTyped() {
        GarbageSweep sweep = new GarbageSweep()
                .sample(AccountKey.class, KEY)
                .sample(RuleRef.class, RULE)
                .sample(Unit.class, Unit.points(), Unit.currency("EUR"))
                .sample(IdempotencyKey.class, IdempotencyKey.of("k"))
                .sample(Outcome.class, new Outcome(Outcome.Status.APPLIED, "c", "k", false, "s", 1, List.of(),
                        List.of(), List.of(), List.of(), List.of(), List.of(), Map.of(), NOW, "u"))
                .sample(Account.class, new Account(KEY, null, BigDecimal.ONE, BigDecimal.ZERO))
                .sample(Unit.Kind.class, Unit.Kind.CREDIT);
        List<Class<?>> types = List.of(Account.class, AccountKey.class, Actor.class, Balance.class, Card.class,
                Customer.class, Document.class, DocumentLine.class, Hold.class, HoldEvent.class, IdempotencyKey.class,
                LedgerEntry.class, Money.class, Notice.class, Outcome.class, Rejection.class, RuleRef.class,
                StoredOutcome.class, TenantId.class, Unit.class, Checks.class);
        assertEquals(List.of(), sweep.sweep(types, 300));
    }
}

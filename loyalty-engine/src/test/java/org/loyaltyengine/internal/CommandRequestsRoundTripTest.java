package org.loyaltyengine.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.loyaltyengine.LoyaltyEngine;
import org.loyaltyengine.points.PointsRequests;
import org.loyaltyengine.spi.CommandLogEntry;
import org.loyaltyengine.spi.IdempotencyKey;
import org.loyaltyengine.spi.Money;
import org.loyaltyengine.spi.Outcome;
import org.loyaltyengine.spi.TenantId;

/**
 * Every request of every command of every program reads back from its canonical JSON as an equal record
 * (SPEC X-11): one request of each registered type, built from plain values, through the engine's own
 * {@code readRequest}. The commands come from the engine's registry, so a program's new command is in this
 * test the day it is registered; that every command the engine runs is registered, the pipeline asserts on
 * every command every test runs.
 */
@Tag("X-11")
class CommandRequestsRoundTripTest {
    private static final Instant AT = Instant.parse("2026-03-31T09:00:00Z");
    /**
     * Values a component must have to pass its record's checks, by {@code Record.component} or by component
     * name in any record.
     */
    private static final Map<String, Object> BY_NAME = new java.util.HashMap<>();

    static {
        BY_NAME.put("email", "anna@example.com");
        BY_NAME.put("phone", "+31 20 555 0101");
        BY_NAME.put("language", "nl");
        BY_NAME.put("year", 2025);
        BY_NAME.put("ranOn", LocalDate.of(2026, 1, 2));
        // A card (not a voucher) has no last valid day.
        BY_NAME.put("Card.validUntil", null);
        // A points payment names the point value or the points, not both.
        BY_NAME.put("PointsPayment.points", null);
        // The savings points' settings, each checked for its kind.
        BY_NAME.put("Configure.changes", new TreeMap<>(Map.of(PointsRequests.Configure.Setting.CURRENCY, "EUR",
                PointsRequests.Configure.Setting.RATE, "0.20", PointsRequests.Configure.Setting.DIRECTLY_AVAILABLE,
                "true")));
    }

    private final LoyaltyEngine engine = LoyaltyEngine.builder().build();

    @Test
    void readRequest_ofEveryRegisteredCommand_givesAnEqualRequest() {
        Map<String, Set<Class<?>>> commands = engine.commandLog().commands();
        List<String> read = new ArrayList<>();
        List<String> failed = new ArrayList<>();
        for (Map.Entry<String, Set<Class<?>>> c : commands.entrySet()) {
            for (Class<?> type : c.getValue()) {
                try {
                    Object request = sample(type);
                    String json = CanonicalJson.write(request);

                    Object back = engine.commandLog().readRequest(entry(c.getKey(), type, json));

                    assertEquals(request, back, c.getKey() + " from " + json);
                    assertEquals(json, CanonicalJson.write(back), c.getKey() + ": written again, the same text");
                    read.add(c.getKey());
                } catch (AssertionError | RuntimeException e) {
                    // Every command's failure at once, not the first one's.
                    failed.add(c.getKey() + " (" + type.getName() + "): " + e.getMessage());
                }
            }
        }
        assertEquals(List.of(), failed);
        // Five programs: POS card 13 commands (the reservations' expiry's batch chunk among them), savings points
        // 12 (the year-end expiry's batch chunk among them), credits 11 (the lot expiry's batch chunk among them),
        // customer card 14 (enrolment of one customer and of all under one name, and the bulk enrolment's batch
        // chunk), customers 6: 56 request types.
        assertEquals(56, read.size(), read.toString());
        assertTrue(commands.keySet().containsAll(List.of("pos-card.add-item", "savings-points.book",
                "credits.consume", "customer-card.lock", "customers.import-row")), commands.keySet().toString());
    }

    private static CommandLogEntry entry(String command, Class<?> type, String json) {
        Outcome outcome = new Outcome(Outcome.Status.APPLIED, command, "k1", false, null, 0, List.of(), List.of(),
                List.of(), List.of(), List.of(), List.of(), Map.of(), AT, "tester");
        return new CommandLogEntry(1, TenantId.of("t1"), IdempotencyKey.of("k1"), command, type.getName(), "tester",
                List.of(), LocalDate.of(2026, 3, 31), AT, json, outcome);
    }

    /** A request of {@code type}: a record built through its canonical constructor from plain values. */
    private static Object sample(Type type) {
        return sample(type, "");
    }

    private static Object sample(Type type, String name) {
        if (BY_NAME.containsKey(name)) {
            return BY_NAME.get(name);
        }
        int dot = name.indexOf('.');
        if (dot > 0 && BY_NAME.containsKey(name.substring(dot + 1))) {
            return BY_NAME.get(name.substring(dot + 1));
        }
        if (type instanceof ParameterizedType p) {
            Class<?> raw = (Class<?>) p.getRawType();
            Type[] args = p.getActualTypeArguments();
            if (List.class.isAssignableFrom(raw)) {
                return List.of(sample(args[0], name));
            }
            if (SortedMap.class.isAssignableFrom(raw) || Map.class.isAssignableFrom(raw)) {
                TreeMap<Object, Object> map = new TreeMap<>();
                map.put(sample(args[0], name + ".key"), sample(args[1], name + ".value"));
                return map;
            }
            throw new AssertionError("no sample for " + type);
        }
        Class<?> c = (Class<?>) type;
        if (c == String.class) {
            return "X1";
        }
        if (c == BigDecimal.class) {
            return new BigDecimal("0.50");
        }
        if (c == int.class || c == Integer.class) {
            return 2;
        }
        if (c == long.class || c == Long.class) {
            return 30L;
        }
        if (c == boolean.class || c == Boolean.class) {
            return true;
        }
        if (c == LocalDate.class) {
            return LocalDate.of(2026, 3, 31);
        }
        if (c == Instant.class) {
            return AT;
        }
        if (c == YearMonth.class) {
            return YearMonth.of(2026, 3);
        }
        if (c == Currency.class) {
            return Currency.getInstance("EUR");
        }
        if (c == Money.class) {
            return Money.of("12.50", "EUR");
        }
        if (c.isEnum()) {
            return c.getEnumConstants()[0];
        }
        if (c.isRecord()) {
            RecordComponent[] components = c.getRecordComponents();
            Object[] values = new Object[components.length];
            Class<?>[] types = new Class<?>[components.length];
            for (int i = 0; i < components.length; i++) {
                values[i] = sample(components[i].getGenericType(), c.getSimpleName() + "." + components[i].getName());
                types[i] = components[i].getType();
            }
            try {
                Constructor<?> canonical = c.getDeclaredConstructor(types);
                canonical.setAccessible(true);
                return canonical.newInstance(values);
            } catch (InvocationTargetException e) {
                throw new AssertionError("no sample of " + c.getName() + " from " + List.of(values) + ": "
                        + e.getCause(), e.getCause());
            } catch (ReflectiveOperationException e) {
                throw new AssertionError(e);
            }
        }
        throw new AssertionError("no sample for " + c.getName());
    }
}

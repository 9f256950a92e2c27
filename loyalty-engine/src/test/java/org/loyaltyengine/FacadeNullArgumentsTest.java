package org.loyaltyengine;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.loyaltyengine.spi.Actor;
import org.loyaltyengine.spi.LoyaltyException;
import org.loyaltyengine.spi.TenantId;

/**
 * A host that passes null to any public method of any facade the engine exposes (commands, reads,
 * reports, exports) gets a typed {@link LoyaltyException}, never a NullPointerException from deep inside
 * (SPEC X-10). Found by reflection, so a new method is covered the day it appears.
 */
@Tag("X-10")
class FacadeNullArgumentsTest {
    private static final TenantId TENANT = TenantId.of("nulls");
    /** Holds every permission, so that a command gets past its permission to the null. */
    private static final Actor ANYONE = Actor.of("admin", "pos-card.cards", "pos-card.settings", "pos-card.manual",
            "customer-card.settings", "customer-card.catalogue", "customer-card.enrol", "customer-card.manual",
            "points-admin", "customers.write", "customers.import", "customers.settings");

    private static CommandContext ctx(String key) {
        return CommandContext.of(TENANT, ANYONE, key, java.time.LocalDate.of(2026, 3, 14));
    }

    @Test
    void everyFacadeMethod_givenNulls_failsTypedOrAnswers() {
        LoyaltyEngine engine = LoyaltyEngine.builder().build();
        List<String> untyped = new ArrayList<>();
        int tried = 0;
        for (Object facade : facades(engine)) {
            for (Method m : facade.getClass().getMethods()) {
                if (m.getDeclaringClass() == Object.class || Modifier.isStatic(m.getModifiers())
                        || m.getParameterCount() == 0 || hasPrimitive(m)) {
                    continue;
                }
                // Once with every argument null, once with a real context and tenant and the rest
                // null, so that the null reaches past the first check.
                for (boolean real : new boolean[] {false, true}) {
                    tried++;
                    Object[] args = new Object[m.getParameterCount()];
                    if (real) {
                        for (int i = 0; i < args.length; i++) {
                            Class<?> p = m.getParameterTypes()[i];
                            args[i] = p == CommandContext.class ? ctx(i + "-" + m.getName() + tried)
                                    : p == TenantId.class ? TENANT : null;
                        }
                    }
                    try {
                        m.invoke(facade, args);
                    } catch (InvocationTargetException e) {
                        if (!(e.getCause() instanceof LoyaltyException)) {
                            untyped.add(facade.getClass().getSimpleName() + "." + m.getName() + (real ? " (real context)"
                                    : "") + " threw " + e.getCause());
                        }
                    } catch (IllegalAccessException e) {
                        throw new AssertionError(e);
                    }
                }
            }
        }
        assertTrue(tried > 40, "tried " + tried + " methods");
        assertTrue(untyped.isEmpty(), () -> String.join("\n", untyped));
    }

    @Test
    void builderAndRuleSources_givenNulls_failTyped() {
        List<org.junit.jupiter.api.function.Executable> calls = List.of(
                () -> RuleSource.folder(null), () -> RuleSource.classpath(null),
                () -> LoyaltyEngine.builder().store(null), () -> LoyaltyEngine.builder().rules(null),
                () -> LoyaltyEngine.builder().clock(null));
        for (org.junit.jupiter.api.function.Executable call : calls) {
            org.junit.jupiter.api.Assertions.assertThrows(LoyaltyException.class, call);
        }
    }

    private static boolean hasPrimitive(Method m) {
        for (Class<?> p : m.getParameterTypes()) {
            if (p.isPrimitive()) {
                return true;
            }
        }
        return false;
    }

    /** The engine's facades and every facade they hand out (reports, the audit trail). */
    private static List<Object> facades(LoyaltyEngine engine) {
        List<Object> found = new ArrayList<>();
        Set<Class<?>> seen = new HashSet<>();
        Deque<Object> todo = new ArrayDeque<>(List.of(engine.posCards(), engine.customerCards(),
                engine.savingsPoints(), engine.customers(), engine.audit()));
        while (!todo.isEmpty()) {
            Object f = todo.pop();
            if (!seen.add(f.getClass())) {
                continue;
            }
            found.add(f);
            for (Method m : f.getClass().getMethods()) {
                if (m.getParameterCount() == 0 && !Modifier.isStatic(m.getModifiers())
                        && m.getReturnType().getName().startsWith("org.loyaltyengine.")
                        && !m.getReturnType().isRecord() && !m.getReturnType().isEnum()) {
                    try {
                        Object next = m.invoke(f);
                        if (next != null) {
                            todo.push(next);
                        }
                    } catch (ReflectiveOperationException e) {
                        throw new AssertionError(e);
                    }
                }
            }
        }
        return found;
    }
}

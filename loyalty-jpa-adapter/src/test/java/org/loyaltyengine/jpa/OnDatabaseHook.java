package org.loyaltyengine.jpa;

import java.util.Optional;

import net.jqwik.api.lifecycle.LifecycleContext;
import net.jqwik.api.lifecycle.SkipExecutionHook;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;

/**
 * {@link OnDatabase} for jqwik properties, which JUnit Jupiter's execution conditions do not reach: H2 always
 * runs, a server database when it answers, and under {@code CI=true} always (so that CI fails rather than
 * skips when a server is down), decided by the same {@link OnDatabase.Condition#decide}.
 */
final class OnDatabaseHook implements SkipExecutionHook {
    @Override
    public SkipResult shouldBeSkipped(LifecycleContext context) {
        Optional<TestDatabase> db = context.optionalContainerClass().map(c -> c.getAnnotation(OnDatabase.class))
                .map(OnDatabase::value);
        ConditionEvaluationResult decided = OnDatabase.Condition.decide(db);
        return decided.isDisabled() ? SkipResult.skip(decided.getReason().orElse("database not reachable"))
                : SkipResult.doNotSkip();
    }
}

package org.loyaltyengine.jpa;

import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.Optional;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;

import net.jqwik.api.lifecycle.AddLifecycleHook;
import net.jqwik.api.lifecycle.LifecycleContext;
import net.jqwik.api.lifecycle.SkipExecutionHook;

/**
 * Runs a test class against one database. H2 always runs (it is in-process). A server database runs
 * when it answers; when it does not, the class is skipped with a message that says how to start it,
 * except under {@code CI=true}, where it runs and fails: CI must prove the adapter on real servers,
 * not report green because they were down.
 *
 * <p>The same decision serves JUnit Jupiter classes (an execution condition) and jqwik property classes (a skip
 * hook), which Jupiter's conditions do not reach.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@Inherited
@ExtendWith(OnDatabase.Condition.class)
@AddLifecycleHook(OnDatabase.PropertiesCondition.class)
@interface OnDatabase {
    TestDatabase value();

    /** The decision for a jqwik property class that names its database. */
    final class PropertiesCondition implements SkipExecutionHook {
        @Override
        public SkipResult shouldBeSkipped(LifecycleContext context) {
            Optional<OnDatabase> on = context.findAnnotation(OnDatabase.class);
            if (on.isEmpty() || on.get().value().running().isPresent()) {
                return SkipResult.doNotSkip();
            }
            return SkipResult.skip(on.get().value().skipped());
        }
    }

    /** Decides per class, by the annotation on the class or any class enclosing it. */
    final class Condition implements ExecutionCondition {
        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            Optional<TestDatabase> db = database(context);
            if (db.isEmpty()) {
                return ConditionEvaluationResult.enabled("in-process database");
            }
            return db.get().running().map(ConditionEvaluationResult::enabled)
                    .orElseGet(() -> ConditionEvaluationResult.disabled(db.get().skipped()));
        }

        /** Nested classes inherited from an abstract contract sit in the concrete class's context, not its source. */
        private static Optional<TestDatabase> database(ExtensionContext context) {
            for (Optional<ExtensionContext> c = Optional.of(context); c.isPresent(); c = c.get().getParent()) {
                Optional<OnDatabase> on = c.get().getTestClass().map(k -> k.getAnnotation(OnDatabase.class));
                if (on.isPresent() && on.get() != null) {
                    return Optional.of(on.get().value());
                }
            }
            return Optional.empty();
        }
    }
}

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

/**
 * Runs a test class against one database. H2 always runs (it is in-process). A server database runs
 * when it answers; when it does not, the class is skipped with a message that says how to start it,
 * except under {@code CI=true}, where it runs and fails: CI must prove the adapter on real servers,
 * not report green because they were down.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@Inherited
@ExtendWith(OnDatabase.Condition.class)
@interface OnDatabase {
    TestDatabase value();

    /** Decides per class, by the annotation on the class or any class enclosing it. */
    final class Condition implements ExecutionCondition {
        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            return decide(database(context));
        }

        /** Whether tests on {@code db} run now; the jqwik properties on a database ask the same ({@code OnDatabaseHook}). */
        static ConditionEvaluationResult decide(Optional<TestDatabase> db) {
            if (db.isEmpty() || db.get() == TestDatabase.H2) {
                return ConditionEvaluationResult.enabled("in-process database");
            }
            if (db.get().reachable()) {
                return ConditionEvaluationResult.enabled(db.get().label + " answers at " + db.get().where());
            }
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                return ConditionEvaluationResult.enabled(db.get().label + " does not answer at " + db.get().where()
                        + ", and CI=true: running so that the tests fail instead of skipping");
            }
            return ConditionEvaluationResult.disabled("SKIPPED: " + db.get().label + " does not answer at "
                    + db.get().where() + ". Start it with loyalty-jpa-adapter/src/test/scripts/start-databases.sh"
                    + " (under CI=true these tests fail instead of skipping)");
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

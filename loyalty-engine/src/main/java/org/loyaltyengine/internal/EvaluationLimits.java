package org.loyaltyengine.internal;

import java.time.Duration;

import org.loyaltyengine.spi.InvalidValueException;

/**
 * The most rule firings, and the longest time, one evaluation may take before it is stopped with
 * {@link org.loyaltyengine.RuleLimitExceededException}. Rules that keep inserting facts that trigger them
 * again would otherwise run until the heap is gone, holding the tenant's locks.
 */
public record EvaluationLimits(long maxRuleFirings, Duration maxEvaluationTime) {
    /**
     * Generous for every shipped scenario and batch: the savings-points year-end expiry, the largest,
     * fires about one rule per points account (docs/architecture.md, "Rules", has the measurements).
     */
    public static final EvaluationLimits DEFAULT = new EvaluationLimits(1_000_000, Duration.ofSeconds(60));

    public EvaluationLimits {
        if (maxRuleFirings < 1) {
            throw new InvalidValueException("maxRuleFirings must be at least 1, not " + maxRuleFirings);
        }
        if (maxEvaluationTime == null || maxEvaluationTime.isNegative() || maxEvaluationTime.isZero()) {
            throw new InvalidValueException("maxEvaluationTime must be a positive duration, not " + maxEvaluationTime);
        }
    }
}

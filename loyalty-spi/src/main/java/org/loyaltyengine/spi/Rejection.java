package org.loyaltyengine.spi;

/**
 * Why a command was not applied: a stable upper-case reason code (for the host's logic and
 * translations) and a message a cashier or clerk can act on.
 */
public record Rejection(String code, String message, String rule) {
    public Rejection {
        Checks.identifier(code, "reason code", Limits.CODE);
        Checks.requiredMultiLine(message, "reason message", Limits.TEXT);
        Checks.optionalName(rule, "reason rule", Limits.NAME);
    }
}

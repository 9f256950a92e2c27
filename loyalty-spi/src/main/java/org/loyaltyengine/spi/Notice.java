package org.loyaltyengine.spi;

/** Something the host should show the user that does not stop the command ("card full"). */
public record Notice(String code, String message, String rule) {
    public Notice {
        Checks.identifier(code, "notice code", Limits.CODE);
        Checks.requiredMultiLine(message, "notice message", Limits.TEXT);
        Checks.optionalName(rule, "notice rule", Limits.NAME);
    }
}

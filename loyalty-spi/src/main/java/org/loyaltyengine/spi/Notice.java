package org.loyaltyengine.spi;

/** Something the host should show the user that does not stop the command ("card full"). */
public record Notice(String code, String message, String rule) {
    public Notice {
        Checks.text(code, "notice code");
        Checks.text(message, "notice message");
    }
}

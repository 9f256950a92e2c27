package org.loyaltyengine.cli;

import org.loyaltyengine.spi.LoyaltyException;

/** explain was asked for a key the log holds no command under (for the tenant, when one was named). */
final class NoLoggedCommandException extends LoyaltyException {
    private static final long serialVersionUID = 1L;

    NoLoggedCommandException(String key, String tenant, String log) {
        super("NO_LOGGED_COMMAND", "no command is logged under key " + key + (tenant == null ? "" : " for tenant "
                + tenant) + " in " + log);
    }
}

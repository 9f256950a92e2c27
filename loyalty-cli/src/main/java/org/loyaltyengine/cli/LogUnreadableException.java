package org.loyaltyengine.cli;

import org.loyaltyengine.spi.LoyaltyException;

/**
 * A live store's command log could not be opened or read: a wrong URL, user or password, a database that does
 * not exist, a store without the log's table. The message names the URL with its password masked and never the
 * password itself.
 */
final class LogUnreadableException extends LoyaltyException {
    private static final long serialVersionUID = 1L;

    LogUnreadableException(String message) {
        super("LOG_UNREADABLE", message);
    }
}

package org.loyaltyengine;

import java.util.Locale;

import org.loyaltyengine.spi.LoyaltyException;

/** A command names a card, receipt, customer or product the tenant does not have. Code: {@code NO_SUCH_<KIND>}. */
public class NoSuchEntityException extends LoyaltyException {
    private static final long serialVersionUID = 1L;

    public NoSuchEntityException(String kind, String id) {
        super("NO_SUCH_" + kind.toUpperCase(Locale.ROOT).replace(' ', '_'), "no " + kind + " '" + id + "' in this tenant");
    }
}

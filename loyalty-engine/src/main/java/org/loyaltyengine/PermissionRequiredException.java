package org.loyaltyengine;

import org.loyaltyengine.spi.LoyaltyException;

/**
 * A read that shows customers' data was asked for by a user without the permission it needs. Code:
 * {@code PERMISSION_REQUIRED}, the reason code a command without its permission is rejected with, so a host
 * maps both to one message. A read decides nothing and stores nothing, so there is no outcome to reject: the
 * read is refused before it opens the store, and the user learns nothing about what is there.
 */
public class PermissionRequiredException extends LoyaltyException {
    private static final long serialVersionUID = 1L;

    /** @param what the read refused, e.g. {@code "the savings-points analysis"} */
    public PermissionRequiredException(String what, String user, String permission) {
        super("PERMISSION_REQUIRED", what + " needs the permission " + permission + ", which user " + user
                + " does not have; ask an administrator to grant it");
    }
}

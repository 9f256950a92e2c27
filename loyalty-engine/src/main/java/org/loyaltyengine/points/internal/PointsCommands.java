package org.loyaltyengine.points.internal;

import org.loyaltyengine.internal.Permission;
import org.loyaltyengine.points.SavingsPoints;

/** What the points commands share in how they are declared: their names and the administration permission. */
final class PointsCommands {
    /** The points administration (SPEC SP-7, SP-19): settings, suppliers, participation, manual entries, expiry. */
    static final Permission ADMIN = Permission.of(SavingsPoints.ADMIN_PERMISSION);

    private PointsCommands() {
    }

    /** A command's name as outcomes record it, {@code savings-points.<name>}. */
    static String name(String command) {
        return SavingsPoints.PROGRAM + "." + command;
    }
}

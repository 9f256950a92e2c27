package org.loyaltyengine;

import java.time.LocalDate;

import org.loyaltyengine.spi.Actor;
import org.loyaltyengine.spi.Checks;
import org.loyaltyengine.spi.IdempotencyKey;
import org.loyaltyengine.spi.TenantId;

/**
 * Who asks for a command, for which tenant, under which idempotency key, on which business date,
 * and whether it is only a preview.
 *
 * <p>The business date picks the rule-set version in force (SPEC X-1). A dry run decides exactly as
 * a commit would and writes nothing (SPEC X-6). Reusing a key returns the first outcome (SPEC X-4);
 * a rejected outcome is stored too, so a retry after fixing the cause needs a new key.
 */
public record CommandContext(TenantId tenant, Actor actor, IdempotencyKey key, LocalDate businessDate,
                             boolean dryRun) {
    public CommandContext {
        Checks.notNull(tenant, "tenant");
        Checks.notNull(actor, "actor");
        Checks.notNull(key, "idempotency key");
        Checks.date(businessDate, "business date");
    }

    public static CommandContext of(TenantId tenant, Actor actor, String key, LocalDate businessDate) {
        return new CommandContext(tenant, actor, IdempotencyKey.of(key), businessDate, false);
    }

    /** The same command as a preview: decided in full, nothing written. */
    public CommandContext asDryRun() {
        return new CommandContext(tenant, actor, key, businessDate, true);
    }
}

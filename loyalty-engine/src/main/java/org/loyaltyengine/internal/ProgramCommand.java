package org.loyaltyengine.internal;

import java.math.BigDecimal;
import java.util.Map;

import org.loyaltyengine.CommandContext;
import org.loyaltyengine.spi.AccountKey;
import org.loyaltyengine.spi.Checks;
import org.loyaltyengine.spi.StoreTransaction;

/**
 * A program's command handler named {@code <program>.<name>} and decided by the program's rule set of
 * the same name; it touches no accounts unless a subclass says so. The permission it needs is a
 * constructor argument without a default, so no command is declared without one.
 */
public abstract class ProgramCommand<P> implements CommandHandler<P> {
    private final String program;
    private final String name;
    private final Permission permission;

    protected ProgramCommand(String program, String name, Permission permission) {
        this.program = program;
        this.name = name;
        this.permission = Checks.notNull(permission, "permission of " + program + "." + name);
    }

    @Override
    public String command() {
        return program + "." + name;
    }

    @Override
    public String ruleSet() {
        return program;
    }

    @Override
    public Permission permission() {
        return permission;
    }

    @Override
    public Map<AccountKey, BigDecimal> accounts(StoreTransaction tx, P payload, CommandContext ctx) {
        return Map.of();
    }
}

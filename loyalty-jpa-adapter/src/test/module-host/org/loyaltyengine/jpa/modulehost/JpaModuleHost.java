package org.loyaltyengine.jpa.modulehost;

import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.LocalDate;

import org.loyaltyengine.CommandContext;
import org.loyaltyengine.LoyaltyEngine;
import org.loyaltyengine.jpa.JpaStore;
import org.loyaltyengine.pos.PosCards;
import org.loyaltyengine.pos.PosRequests.ChangeCredit;
import org.loyaltyengine.spi.Actor;
import org.loyaltyengine.spi.Card;
import org.loyaltyengine.spi.Money;
import org.loyaltyengine.spi.Outcome;
import org.loyaltyengine.spi.TenantId;

/**
 * Creates the schema from the shipped H2 script (read as a resource of the adapter's module), builds an
 * engine on a {@code JpaStore} over an in-memory H2 database, defines a POS card and changes its credit,
 * and reads the card back. Prints {@code key=value} lines; exits non-zero on any exception.
 */
public final class JpaModuleHost {
    private static final TenantId TENANT = TenantId.of("jpa-module-host");
    private static final String URL = "jdbc:h2:mem:module-host;DB_CLOSE_DELAY=-1";

    public static void main(String[] args) throws Exception {
        print("jpa.module", JpaStore.class.getModule().getName());
        print("jpa.automatic", JpaStore.class.getModule().getDescriptor().isAutomatic());
        print("provider.module", Class.forName("org.hibernate.Session", false,
                JpaModuleHost.class.getClassLoader()).getModule().getName());
        print("exported.org.loyaltyengine.jpa", JpaStore.class.getModule().isExported("org.loyaltyengine.jpa"));

        String script;
        try (InputStream in = JpaStore.class.getResourceAsStream("/org/loyaltyengine/jpa/schema/h2.sql")) {
            print("schema.readable", in != null);
            script = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        try (Connection c = DriverManager.getConnection(URL); Statement s = c.createStatement()) {
            StringBuilder sql = new StringBuilder();
            script.lines().filter(l -> !l.strip().startsWith("--")).forEach(l -> sql.append(l).append('\n'));
            for (String statement : sql.toString().split(";")) {
                if (!statement.isBlank()) {
                    s.execute(statement);
                }
            }
        }

        try (JpaStore store = JpaStore.builder().property("jakarta.persistence.jdbc.url", URL).build()) {
            LoyaltyEngine engine = LoyaltyEngine.builder().store(store).build();
            PosCards pos = engine.posCards();
            Actor manager = Actor.of("manager", PosCards.CARDS_PERMISSION, PosCards.MANUAL_PERMISSION);
            applied("pos.defineCard", pos.defineCard(CommandContext.of(TENANT, manager, "k-1", LocalDate.of(2026, 3, 2)),
                    new Card("4242", "Petr", "Svoboda", BigDecimal.ZERO, true, true, Money.currency("CZK"))));
            applied("pos.changeCredit", pos.changeCredit(CommandContext.of(TENANT, manager, "k-2",
                    LocalDate.of(2026, 3, 2)), new ChangeCredit("4242", Money.of("200.00", "CZK"), "initial deposit")));
            print("pos.credit", pos.statement(TENANT, "4242").credit().toPlainString());
        }
        // The rows are in the database, not in a cache: count them over plain JDBC.
        try (Connection c = DriverManager.getConnection(URL); Statement s = c.createStatement();
             var rs = s.executeQuery("SELECT COUNT(*) FROM le_outcome")) {
            rs.next();
            print("db.outcomes", rs.getLong(1));
        }
    }

    private static void applied(String command, Outcome outcome) {
        print(command, outcome.applied() ? "applied" : "rejected " + outcome.rejections());
    }

    private static void print(String key, Object value) {
        System.out.println(key + "=" + value);
    }
}

package org.loyaltyengine.jpa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.logging.Logger;

import javax.sql.DataSource;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.loyaltyengine.spi.Outcome;
import org.loyaltyengine.spi.TenantId;
import org.loyaltyengine.testing.pos.CardTopUps;

/**
 * How many JDBC statements one command sends through the engine on this database (SPEC X-4's path, issue 14):
 * a manual top-up of a card whose account exists, and the repeat of its idempotency key. The count is of
 * statements executed on the connection (a batch is one), taken by a data source that wraps the store's
 * pool; nothing here is timed. Hand-written JDBC does the same top-up in 4 (lock the account row, insert
 * the entry, update the balance, insert the outcome); the engine also reads the key and the card, and
 * writes the command log (SPEC X-11).
 */
abstract class CommandStatementsContract {
    private JpaStore store;
    private Counting counting;
    private CardTopUps commands;

    /** The database the concrete class names with {@link OnDatabase}. */
    TestDatabase database() {
        return getClass().getAnnotation(OnDatabase.class).value();
    }

    @BeforeEach
    void buildStore() {
        counting = new Counting(TestDatabase.handle(database()).faults());
        store = JpaStore.builder().property("jakarta.persistence.nonJtaDataSource", counting).build();
        commands = new CardTopUps(store, TenantId.of("stmts-" + UUID.randomUUID().toString().substring(0, 12)));
    }

    @AfterEach
    void closeStore() {
        store.close();
    }

    private Outcome topUp(String key, String amount) {
        return commands.topUp(key, "7001", amount);
    }

    /** A card with credit and an account opened by a first top-up, so the measured one finds both. */
    private void cardWithAccount() {
        assertTrue(commands.defineCard("7001").applied());
        assertTrue(topUp("first", "100.00").applied());
    }

    @Test
    @Tag("X-4")
    void topUp_sendsSevenStatements() {
        cardWithAccount();
        counting.reset();
        Outcome outcome = topUp("second", "50.00");
        assertTrue(outcome.applied(), outcome.toString());
        // The key looked up once, the card read once, the account row locked, the entry inserted, the
        // balance updated, the outcome and the command log inserted: 7. Before, the key was looked up again
        // before the outcome was saved (8).
        assertEquals(7, counting.statements().size(), counting.describe());
        assertEquals(0, new BigDecimal("150.00").compareTo(outcome.balances().get(0).balance()), outcome.toString());
    }

    @Test
    @Tag("X-4")
    void topUp_repeatedKeySendsOneStatement() {
        cardWithAccount();
        Outcome first = topUp("again", "20.00");
        counting.reset();
        Outcome repeat = topUp("again", "20.00");
        assertEquals(first, repeat);
        assertEquals(1, counting.statements().size(), counting.describe());
    }

    /** A data source that records the SQL of every statement executed on its connections. */
    static final class Counting implements DataSource {
        private final DataSource target;
        private final List<String> executed = java.util.Collections.synchronizedList(new ArrayList<>());

        Counting(DataSource target) {
            this.target = target;
        }

        void reset() {
            executed.clear();
        }

        List<String> statements() {
            return List.copyOf(executed);
        }

        String describe() {
            return statements().size() + " statements:\n  " + String.join("\n  ", statements());
        }

        @Override
        public Connection getConnection() throws SQLException {
            return connection(target.getConnection());
        }

        @Override
        public Connection getConnection(String username, String password) throws SQLException {
            return connection(target.getConnection(username, password));
        }

        private Connection connection(Connection real) {
            InvocationHandler handler = (proxy, method, args) -> {
                Object result = invoke(real, method, args);
                if (result instanceof Statement s) {
                    String sql = args != null && args.length > 0 && args[0] instanceof String q ? q : null;
                    return statement(s, sql);
                }
                return result;
            };
            return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(),
                    new Class<?>[] {Connection.class}, handler);
        }

        private Statement statement(Statement real, String prepared) {
            List<Class<?>> types = new ArrayList<>(List.of(Statement.class));
            if (real instanceof java.sql.CallableStatement) {
                types.add(java.sql.CallableStatement.class);
            }
            if (real instanceof java.sql.PreparedStatement) {
                types.add(java.sql.PreparedStatement.class);
            }
            InvocationHandler handler = (proxy, method, args) -> {
                String name = method.getName();
                if (name.startsWith("execute")) {
                    String sql = args != null && args.length > 0 && args[0] instanceof String q ? q : prepared;
                    executed.add(name.equals("executeBatch") ? "[batch] " + sql : sql);
                }
                return invoke(real, method, args);
            };
            return (Statement) Proxy.newProxyInstance(Statement.class.getClassLoader(), types.toArray(Class<?>[]::new),
                    handler);
        }

        private static Object invoke(Object target, java.lang.reflect.Method method, Object[] args) throws Throwable {
            try {
                return method.invoke(target, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        }

        @Override
        public PrintWriter getLogWriter() throws SQLException {
            return target.getLogWriter();
        }

        @Override
        public void setLogWriter(PrintWriter out) throws SQLException {
            target.setLogWriter(out);
        }

        @Override
        public void setLoginTimeout(int seconds) throws SQLException {
            target.setLoginTimeout(seconds);
        }

        @Override
        public int getLoginTimeout() throws SQLException {
            return target.getLoginTimeout();
        }

        @Override
        public Logger getParentLogger() throws SQLFeatureNotSupportedException {
            return target.getParentLogger();
        }

        @Override
        public <T> T unwrap(Class<T> iface) throws SQLException {
            return target.unwrap(iface);
        }

        @Override
        public boolean isWrapperFor(Class<?> iface) throws SQLException {
            return target.isWrapperFor(iface);
        }
    }
}

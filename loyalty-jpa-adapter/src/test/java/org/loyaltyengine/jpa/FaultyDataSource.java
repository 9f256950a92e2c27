package org.loyaltyengine.jpa;

import java.io.PrintWriter;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Logger;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;

/**
 * A pool whose next commit can be made to lose its connection, the way a network cut or a killed
 * server process does: {@link Fault#BEFORE_COMMIT} closes the physical connection so the commit
 * never reaches the server (which rolls back); {@link Fault#AFTER_COMMIT} lets the commit happen and
 * then cuts the connection before the client hears the answer. {@link #failNextStatement} cuts it
 * in the middle of a transaction's work instead.
 */
final class FaultyDataSource implements DataSource {
    enum Fault { BEFORE_COMMIT, AFTER_COMMIT }

    private final AtomicReference<Boolean> statementArmed = new AtomicReference<>();
    private final AtomicReference<SQLException> statementRefused = new AtomicReference<>();

    private final HikariDataSource pool;
    private final AtomicReference<Fault> armed = new AtomicReference<>();

    FaultyDataSource(HikariDataSource pool) {
        this.pool = pool;
    }

    /** The next commit on any connection of this pool fails as {@code fault} says. */
    void failNextCommit(Fault fault) {
        armed.set(fault);
    }

    /** The next statement prepared on any connection of this pool finds its connection cut (a network cut mid-work). */
    void failNextStatement() {
        statementArmed.set(Boolean.TRUE);
    }

    /**
     * The next statement prepared on any connection of this pool is refused by the database with
     * {@code refusal} (a value too long, a syntax error, a constraint, a deadlock), the connection staying
     * usable: a value the value types let through but the database would not take.
     */
    void refuseNextStatement(SQLException refusal) {
        statementRefused.set(refusal);
    }

    boolean armed() {
        return armed.get() != null || statementArmed.get() != null || statementRefused.get() != null;
    }

    @Override
    public Connection getConnection() throws SQLException {
        return wrap(pool.getConnection());
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        return wrap(pool.getConnection(username, password));
    }

    private Connection wrap(Connection pooled) {
        InvocationHandler handler = (proxy, method, args) -> {
            if (method.getName().equals("prepareStatement") && statementArmed.getAndSet(null) != null) {
                cut(pooled);
            }
            if (method.getName().equals("prepareStatement")) {
                SQLException refusal = statementRefused.getAndSet(null);
                if (refusal != null) {
                    throw refusal;
                }
            }
            if (method.getName().equals("commit") && method.getParameterCount() == 0) {
                Fault fault = armed.getAndSet(null);
                if (fault == Fault.BEFORE_COMMIT) {
                    cut(pooled);
                    // Now the real commit fails on the dead connection, as it would after a network cut.
                } else if (fault == Fault.AFTER_COMMIT) {
                    pooled.commit();
                    cut(pooled);
                    throw new SQLException("connection reset after the commit was sent (injected)", "08006");
                }
            }
            try {
                return method.invoke(pooled, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        };
        return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
                handler);
    }

    /**
     * Closes the physical connection under the pool's proxy, and marks the pool's connections evicted
     * so the dead one is dropped when the store gives it back instead of being handed out again.
     * (Evicting only this one would close it under the store's feet while still in use.)
     */
    private void cut(Connection pooled) throws SQLException {
        pooled.unwrap(Connection.class).close();
        pool.getHikariPoolMXBean().softEvictConnections();
    }

    @Override
    public PrintWriter getLogWriter() throws SQLException {
        return pool.getLogWriter();
    }

    @Override
    public void setLogWriter(PrintWriter out) throws SQLException {
        pool.setLogWriter(out);
    }

    @Override
    public void setLoginTimeout(int seconds) throws SQLException {
        pool.setLoginTimeout(seconds);
    }

    @Override
    public int getLoginTimeout() throws SQLException {
        return pool.getLoginTimeout();
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        return pool.getParentLogger();
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        return pool.unwrap(iface);
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) throws SQLException {
        return pool.isWrapperFor(iface);
    }
}

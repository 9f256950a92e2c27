package org.loyaltyengine.cli;

import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

import org.loyaltyengine.CommandHistory;
import org.loyaltyengine.LoyaltyEngine;
import org.loyaltyengine.RuleSource;
import org.loyaltyengine.jpa.JpaStore;
import org.loyaltyengine.spi.Actor;
import org.loyaltyengine.spi.CommandLogEntry;
import org.loyaltyengine.spi.CommandLogQuery;
import org.loyaltyengine.spi.LoyaltyException;
import org.loyaltyengine.spi.TenantId;

/**
 * The command log of a live store, read through the JPA adapter as the engine reads it ({@link CommandHistory}
 * over a {@link JpaStore}), one tenant's, a page at a time. The tool must never change the store it studies, so
 * every connection is read-only where the database enforces it: JDBC {@code setReadOnly(true)} on every
 * connection of the pool (PostgreSQL then begins each transaction READ ONLY), and on MariaDB, whose driver
 * treats the flag as a hint, {@code SET SESSION TRANSACTION READ ONLY} as each connection opens. An H2 URL is
 * opened with {@code IFEXISTS=TRUE} (a mistyped path is an error, not a new empty database) and
 * {@code ACCESS_MODE_DATA=r}. Other databases are refused: their read-only guarantees are unproven here.
 */
final class JdbcLog implements LogSource {
    /** The user the log is read as: the reading needs the log's read permission and nothing else. */
    private static final Actor READER = Actor.of("loyalty-cli", CommandHistory.READ_PERMISSION);

    private final String url;
    private final String user;
    private final String password;
    private final String tenant;
    private HikariDataSource pool;
    private JpaStore store;
    private LoyaltyEngine engine;

    /** {@code url} starts with {@code jdbc:}; the caller checked that {@code tenant} is given. */
    JdbcLog(String url, String user, String password, String tenant) {
        this.url = url;
        this.user = user;
        this.password = password == null ? "" : password;
        this.tenant = tenant;
    }

    /** Whether the tool reads a log at this URL: PostgreSQL, MariaDB and H2. */
    static boolean supported(String url) {
        String u = url.toLowerCase(Locale.ROOT);
        return u.startsWith("jdbc:postgresql:") || u.startsWith("jdbc:mariadb:") || u.startsWith("jdbc:h2:");
    }

    @Override
    public String describe() {
        return LogSource.masked(url);
    }

    /** The URL the pool opens: for H2 with the two settings that keep it from creating or writing anything. */
    static String readOnlyUrl(String url) {
        if (!url.toLowerCase(Locale.ROOT).startsWith("jdbc:h2:")) {
            return url;
        }
        // Settings of the URL's own that would undo ours are dropped; ours come last.
        StringBuilder u = new StringBuilder();
        String[] parts = url.split(";");
        u.append(parts[0]);
        for (int i = 1; i < parts.length; i++) {
            String name = parts[i].split("=", 2)[0].strip().toUpperCase(Locale.ROOT);
            if (!name.equals("IFEXISTS") && !name.equals("ACCESS_MODE_DATA") && !parts[i].isBlank()) {
                u.append(';').append(parts[i]);
            }
        }
        return u.append(";IFEXISTS=TRUE;ACCESS_MODE_DATA=r").toString();
    }

    @Override
    public void forEach(Consumer<CommandLogEntry> each) {
        CommandLogQuery page = CommandLogQuery.all().limit(CommandLogQuery.MAX_LIMIT);
        while (true) {
            List<CommandLogEntry> read = page(page);
            // Handed on outside the read's error handling: what the consumer throws is its own, not the log's.
            read.forEach(each);
            if (read.size() < page.limit()) {
                return;
            }
            page = page.after(read.get(read.size() - 1).sequence());
        }
    }

    private List<CommandLogEntry> page(CommandLogQuery page) {
        try {
            open();
            return engine.commandLog().read(TenantId.of(tenant), READER, page);
        } catch (RuntimeException e) {
            throw new LogUnreadableException("cannot read the command log of tenant " + tenant + " at " + describe()
                    + (user == null ? "" : " as " + user) + ": " + scrubbed(cause(e)));
        }
    }

    private void open() {
        if (store != null) {
            return;
        }
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(readOnlyUrl(url));
        if (user != null) {
            config.setUsername(user);
        }
        config.setPassword(password);
        config.setReadOnly(true);
        if (url.toLowerCase(Locale.ROOT).startsWith("jdbc:mariadb:")) {
            config.setConnectionInitSql("SET SESSION TRANSACTION READ ONLY");
        }
        config.setMaximumPoolSize(2);
        config.setMinimumIdle(0);
        config.setConnectionTimeout(15_000);
        config.setPoolName("loyalty-log");
        // The first connection is made here, so that a wrong URL or password is reported before anything else.
        pool = new HikariDataSource(config);
        store = JpaStore.builder().property("jakarta.persistence.nonJtaDataSource", pool).build();
        engine = LoyaltyEngine.builder().store(store).rules(RuleSource.defaults()).build();
    }

    /** The message a reader can act on: the database's own words, from the first SQL error in the chain. */
    private static String cause(Throwable e) {
        Throwable deepest = e;
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException) {
                return t.getMessage();
            }
            deepest = t;
        }
        if (e instanceof LoyaltyException le) {
            return le.code() + ": " + le.getMessage();
        }
        return deepest.getClass().getSimpleName() + ": " + deepest.getMessage();
    }

    /** Drivers do not echo passwords, but a message that did would print it: masked wherever it appears. */
    private String scrubbed(String message) {
        String text = message == null ? "(no message)" : LogSource.masked(message);
        return password.length() >= 3 ? text.replace(password, "***") : text;
    }

    @Override
    public void close() {
        try {
            if (store != null) {
                store.close();
            }
        } finally {
            if (pool != null) {
                pool.close();
            }
        }
    }
}

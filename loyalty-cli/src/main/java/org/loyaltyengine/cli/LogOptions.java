package org.loyaltyengine.cli;

import java.nio.file.Files;
import java.nio.file.Path;

import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * The options that name a command log, shared by whatif and explain: a JSON-lines export or the JDBC URL of
 * the live store, with the tenant, the database user and its password. The password comes from
 * {@code --password} (asked for without echo when given no value) or the environment variable
 * {@value #PASSWORD_VARIABLE}, which keeps it out of the process list; it is never printed.
 */
final class LogOptions {
    static final String PASSWORD_VARIABLE = "LOYALTY_LOG_PASSWORD";

    @Option(names = "--log", required = true, paramLabel = "FILE|JDBC-URL", description = "the command log: its"
            + " JSON-lines export, or the JDBC URL of the live store (jdbc:postgresql:, jdbc:mariadb:, jdbc:h2:),"
            + " read through a read-only connection")
    String log;

    @Option(names = "--tenant", paramLabel = "TENANT", description = "the tenant; required with a JDBC URL, and"
            + " with an export that holds several tenants' logs")
    String tenant;

    @Option(names = "--user", paramLabel = "USER", description = "the database user, with a JDBC URL")
    String user;

    @Option(names = "--password", paramLabel = "PASSWORD", arity = "0..1", interactive = true,
            description = "the database user's password, with a JDBC URL; without a value it is asked for. Default:"
                    + " the environment variable " + PASSWORD_VARIABLE)
    String password;

    boolean jdbc() {
        return log.regionMatches(true, 0, "jdbc:", 0, 5);
    }

    /** The log as messages show it: a URL with its password masked. */
    String describe() {
        return jdbc() ? LogSource.masked(log) : log;
    }

    /** The source, checked: a file that exists, or a URL of a database the tool reads, with its tenant. */
    LogSource open(CommandLine line) {
        if (!jdbc()) {
            Path file = Path.of(log);
            if (!Files.isRegularFile(file)) {
                throw new CommandLine.ParameterException(line, "the log " + log + " does not exist or is not a file");
            }
            return new FileLog(file, tenant);
        }
        if (!JdbcLog.supported(log)) {
            throw new CommandLine.ParameterException(line, "the log " + describe() + " is not a PostgreSQL,"
                    + " MariaDB or H2 URL (jdbc:postgresql:, jdbc:mariadb:, jdbc:h2:), the databases it is read from");
        }
        if (tenant == null) {
            throw new CommandLine.ParameterException(line, "a live store holds the logs of many tenants: name one"
                    + " with --tenant");
        }
        String secret = password != null ? password : System.getenv(PASSWORD_VARIABLE);
        return new JdbcLog(log, user, secret, tenant);
    }
}

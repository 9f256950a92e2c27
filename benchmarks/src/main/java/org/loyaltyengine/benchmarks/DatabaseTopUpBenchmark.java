package org.loyaltyengine.benchmarks;

import java.sql.SQLException;
import java.util.concurrent.TimeUnit;

import org.loyaltyengine.jpa.JpaStore;
import org.loyaltyengine.spi.Outcome;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Timeout;
import org.openjdk.jmh.infra.BenchmarkParams;

/**
 * One manual top-up of a POS credit card end to end on PostgreSQL and on MariaDB (issue 14, P2): the whole
 * engine ({@code pos-card.change-credit}: idempotency look-up, the card read, the account locked, the rules, the
 * entry, the balance, the outcome and the command log) through {@link JpaStore} (Hibernate ORM, HikariCP),
 * against hand-written JDBC on the same pool and tables doing the top-up's writes the way the baseline
 * does: lock the account row ({@code SELECT ... FOR UPDATE}), insert the entry, update the balance, insert the
 * outcome (with a SHA-256 fingerprint of the request), commit. The engine also reads the key and the card and
 * writes the command log (SPEC X-11); that is part of what the ratio measures. Every thread tops up a card of its
 * own, so the threads do not wait on each other's row locks ({@link TopUpDatabase}).
 *
 * <p>Two modes in one run: {@code thrpt} (operations per millisecond over all threads; times 1,000 is commands
 * per second) and {@code sample} (every call's time, so JMH reports {@code p0.50}, {@code p0.99}, {@code p0.999}
 * in milliseconds). The {@code database} parameter picks the database: {@code LOYALTY_POSTGRESQL_URL} and
 * {@code LOYALTY_MARIADB_URL} (with {@code _USER}, {@code _PASSWORD}; defaults the adapter's tests use, database
 * {@code test}); the adapter's shipped script creates the tables if they are missing. For figures, 1 and 8
 * threads on both databases (about 7 minutes per thread count), results as JSON:
 * <pre>
 * mvn -B -o -q -pl benchmarks -am package -DskipTests
 * java -jar benchmarks/target/benchmarks.jar DatabaseTopUpBenchmark -f 1 -wi 3 -w 10s -i 5 -r 10s -t 1 -rf json -rff db-topup-t1.json
 * java -jar benchmarks/target/benchmarks.jar DatabaseTopUpBenchmark -f 1 -wi 3 -w 10s -i 5 -r 10s -t 8 -rf json -rff db-topup-t8.json
 * </pre>
 * Add {@code -p database=mariadb} (or {@code postgresql}) for one database only. The 10-minute run at 8 threads
 * is {@link TopUpSoak}.
 */
@BenchmarkMode({Mode.Throughput, Mode.SampleTime})
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g", "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn"})
@Timeout(time = 2, timeUnit = TimeUnit.MINUTES)
public class DatabaseTopUpBenchmark {

    /** The pool, the store and the engine, shared by the threads as a host shares them. */
    @State(Scope.Benchmark)
    public static class Database {
        @Param({"postgresql", "mariadb"})
        public String database;
        TopUpDatabase db;

        @Setup(Level.Trial)
        public void open(BenchmarkParams params) {
            db = TopUpDatabase.open(database, params.getThreads());
        }

        @TearDown(Level.Trial)
        public void close() {
            db.close();
        }
    }

    /** One thread's card and JDBC account. */
    @State(Scope.Thread)
    public static class Till {
        TopUpDatabase.Teller teller;

        @Setup(Level.Trial)
        public void open(Database database) {
            teller = database.db.teller();
        }
    }

    @Benchmark
    public Outcome engine(Database database, Till till) {
        return database.db.engineTopUp(till.teller);
    }

    @Benchmark
    public int plainJdbc(Database database, Till till) throws SQLException {
        return database.db.jdbcTopUp(till.teller);
    }
}

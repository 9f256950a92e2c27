package org.loyaltyengine.jpa;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

import org.loyaltyengine.spi.TenantId;
import org.loyaltyengine.testing.ScaleOutWorkload;

/**
 * One engine instance of {@link GaleraScaleOutTest}, in a JVM of its own: its own connection pool to one
 * database node, its own JpaStore and LoyaltyEngine, running its share of the {@link ScaleOutWorkload} and
 * writing its figures (with the store's count of re-run transactions) to a file.
 *
 * <pre>java -cp ... org.loyaltyengine.jpa.ScaleOutInstance JDBC_URL TENANT INSTANCE THREADS SECONDS OUT_FILE GO_FILE</pre>
 *
 * After its warm-up it writes {@code OUT_FILE.ready} and waits until {@code GO_FILE} exists, so that every
 * instance starts its measured run at the same moment.
 */
public final class ScaleOutInstance {
    private ScaleOutInstance() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 7) {
            System.err.println("usage: ScaleOutInstance JDBC_URL TENANT INSTANCE THREADS SECONDS OUT_FILE GO_FILE");
            System.exit(2);
        }
        int threads = Integer.parseInt(args[3]);
        try (HikariDataSource pool = pool(args[0], threads + 2, "instance-" + args[2]);
             JpaStore store = store(pool)) {
            current = store;
            ScaleOutWorkload.Figures figures = new ScaleOutWorkload(TenantId.of(args[1]))
                    .runOn(store, args[2], threads, Duration.ofSeconds(Long.parseLong(args[4])), Integer.MAX_VALUE,
                            () -> ready(Path.of(args[5] + ".ready"), Path.of(args[6])))
                    .withRetries(store.retries() - warmRetries[0]);
            Files.writeString(Path.of(args[5]), figures.toText());
            System.out.printf("instance %s on %s: %d commands, %.1f/s, %d retries, %d errors%n", args[2], args[0],
                    figures.commands(), figures.perSecond(), figures.retries(), figures.errors());
        }
    }

    private static final long[] warmRetries = new long[1];
    private static JpaStore current;

    /** Says the instance is warm, and waits for the go (at most ten minutes). */
    private static void ready(Path ready, Path go) {
        warmRetries[0] = current.retries();
        try {
            Files.writeString(ready, "warm");
            for (int i = 0; i < 6000 && !Files.exists(go); i++) {
                Thread.sleep(100);
            }
        } catch (Exception e) {
            throw new IllegalStateException("waiting for the go failed", e);
        }
    }

    static HikariDataSource pool(String url, int size, String name) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setUsername("root");
        config.setPassword("");
        // As the adapter's other database tests: the weakest level the guards are proven at.
        config.setTransactionIsolation("TRANSACTION_READ_COMMITTED");
        config.setMaximumPoolSize(size);
        config.setPoolName(name);
        return new HikariDataSource(config);
    }

    /** More attempts than the default: certification conflicts on three hot cards from three nodes are frequent. */
    static JpaStore store(HikariDataSource pool) {
        return JpaStore.builder().property("jakarta.persistence.nonJtaDataSource", pool).maxAttempts(40).build();
    }
}

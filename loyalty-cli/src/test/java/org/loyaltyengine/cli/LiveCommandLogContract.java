package org.loyaltyengine.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.loyaltyengine.CommandContext;
import org.loyaltyengine.LoyaltyEngine;
import org.loyaltyengine.RuleSource;
import org.loyaltyengine.customers.CustomerProfile;
import org.loyaltyengine.customers.CustomerRequests;
import org.loyaltyengine.customers.Customers;
import org.loyaltyengine.jpa.JpaStore;
import org.loyaltyengine.points.PointsRequests.Booking;
import org.loyaltyengine.points.PointsRequests.Configure;
import org.loyaltyengine.points.PointsRequests.ManualEntry;
import org.loyaltyengine.points.PointsRequests.Service;
import org.loyaltyengine.points.PointsRequests.Supplier;
import org.loyaltyengine.points.SavingsPoints;
import org.loyaltyengine.rules.facts.PointsSettings;
import org.loyaltyengine.spi.Actor;
import org.loyaltyengine.spi.Money;
import org.loyaltyengine.spi.Outcome;

/**
 * {@code bin/loyalty explain} and {@code whatif} with {@code --log jdbc:...} on a live JPA store (SPEC X-11): the
 * commands are written through the engine on the store, then the tool runs as a process against the database.
 * The same runs on H2 (always) and on PostgreSQL and MariaDB (when they answer, or always under {@code CI=true}),
 * one subclass per database. Every run is made once, before the tests look at it, between two counts of every
 * row of the store's tables: nothing the tool does may change them.
 */
@Tag("X-11")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class LiveCommandLogContract {
    /** The store's tables, as the schema scripts create them. */
    static final List<String> TABLES = List.of("le_command_log", "le_ledger_entry", "le_hold_transition", "le_hold",
            "le_outcome", "le_document", "le_setting", "le_card", "le_customer", "le_account_lock", "le_account");

    private static final Actor ADMIN = Actor.of("bert", SavingsPoints.ADMIN_PERMISSION, Customers.WRITE_PERMISSION);
    private static final Actor CLERK = Actor.of("anna");
    private static final LocalDate DAY = LocalDate.of(2026, 3, 2);

    /** A tenant of this run's own, so that runs on a shared database never see each other's log. */
    final String tenant = "cli-live-" + UUID.randomUUID().toString().substring(0, 8);
    private final Map<String, Loyalty.Run> runs = new LinkedHashMap<>();
    private final List<String> written = new ArrayList<>();
    private Map<String, Long> before;
    private Map<String, Long> after;
    private Path dir;
    private Path candidate;
    private Outcome booking;

    // ------------------------------------------------------------------ the database, per subclass

    /** The JDBC URL the store is written through and the tool reads. */
    abstract String url();

    abstract String user();

    abstract String password();

    /** The schema script the adapter ships for the database: h2, postgresql, mariadb. */
    abstract String script();

    /** {@code --log URL --user U --password P} of a login the database refuses; {@link #wrongSecret} in it. */
    abstract List<String> wrongLogin();

    /** The password of {@link #wrongLogin}, which no output may show. */
    abstract String wrongSecret();

    /** Whether the tool's runs may overlap: not on an H2 file, which one process opens at a time. */
    abstract boolean parallel();

    /** Creates the tables, when the database does not have them from this script yet. */
    abstract void prepare(Connection c, List<String> statements) throws SQLException;

    /** Skips the class when the database is not there to run on (a server, outside CI); H2 always runs. */
    void require() {
    }

    /** Extra runs of a subclass, made with the others, by name. */
    Map<String, List<String>> moreRuns() {
        return Map.of();
    }

    Connection connect() throws SQLException {
        return java.sql.DriverManager.getConnection(url(), user(), password());
    }

    // ------------------------------------------------------------------ the commands and the runs

    @BeforeAll
    void writeCommandsAndRunTheTool() throws Exception {
        require();
        dir = Files.createTempDirectory("live-log");
        candidate = dir.resolve("candidate/savings-points/v2");
        copy(Loyalty.ROOT.resolve("rules/savings-points/v1"), candidate);
        Path earning = candidate.resolve("earning.drl");
        Files.writeString(earning, Files.readString(earning).replace("RoundingMode.DOWN", "RoundingMode.HALF_UP"));
        Files.writeString(candidate.resolve("ruleset.properties"), Files.readString(candidate.resolve(
                "ruleset.properties")).replace("effective-from=2020-01-01", "effective-from=2027-01-01"));

        try (Connection c = connect()) {
            prepare(c, SchemaScript.statements(script()));
        }
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url());
        config.setUsername(user());
        config.setPassword(password());
        config.setTransactionIsolation("TRANSACTION_READ_COMMITTED");
        config.setMaximumPoolSize(4);
        try (HikariDataSource pool = new HikariDataSource(config);
             JpaStore store = JpaStore.builder().property("jakarta.persistence.nonJtaDataSource", pool).build()) {
            write(LoyaltyEngine.builder().store(store).rules(RuleSource.folder(Loyalty.ROOT.resolve("rules")))
                    .clock(new Ticking()).build());
        }

        String bookingKey = written.get(5);
        Map<String, List<String>> asked = new LinkedHashMap<>();
        asked.put("booking", login("explain", bookingKey, "--rules", Loyalty.ROOT.resolve("rules").toString()));
        asked.put("refused", login("explain", written.get(written.size() - 2), "--rules",
                Loyalty.ROOT.resolve("rules").toString()));
        asked.put("permission", login("explain", written.get(written.size() - 1), "--rules",
                Loyalty.ROOT.resolve("rules").toString()));
        asked.put("unknown", login("explain", "no-such-key"));
        asked.put("whatif", login("whatif", "--set", "savings-points", "--candidate", candidate.toString(), "--rules",
                Loyalty.ROOT.resolve("rules").toString()));
        List<String> wrong = new ArrayList<>(List.of("explain", bookingKey, "--tenant", tenant));
        wrong.addAll(wrongLogin());
        asked.put("wrong", wrong);
        asked.put("no-tenant", List.of("explain", bookingKey, "--log", url(), "--user", user()));
        asked.putAll(moreRuns());

        before = counts();
        List<String> names = new ArrayList<>(asked.keySet());
        Map<String, String> env = password().isEmpty() ? Map.of() : Map.of("LOYALTY_LOG_PASSWORD", password());
        List<Loyalty.Run> done = new ArrayList<>();
        if (parallel()) {
            // The password comes from the environment in every run (runAll passes none: see login()).
            done.addAll(Loyalty.runAll(dir, names.stream().map(asked::get).toList()));
        } else {
            for (String n : names) {
                done.add(Loyalty.run(dir, env, asked.get(n).toArray(String[]::new)));
            }
        }
        for (int i = 0; i < names.size(); i++) {
            runs.put(names.get(i), done.get(i));
        }
        after = counts();
    }

    /** The tool's arguments for the log of this run's tenant; the password on the command line when parallel. */
    private List<String> login(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--log", url(), "--tenant", tenant, "--user", user()));
        if (parallel() && !password().isEmpty()) {
            all.addAll(List.of("--password", password()));
        }
        return all;
    }

    /**
     * Settings and a supplier, two customers, eight bookings, a deduction of more points than c1 has (refused by
     * the rules) and a configuration by a user without the permission (refused before any rule). Keys in order.
     */
    private void write(LoyaltyEngine engine) {
        SavingsPoints points = engine.savingsPoints();
        applied(points.configure(next(ADMIN), Configure.all(PointsSettings.defaults().with(Map.of("rate", "0.10",
                "roundingFactor", "10")))));
        applied(points.defineSupplier(next(ADMIN), Supplier.enabled("TUI")));
        applied(engine.customers().create(next(ADMIN), CustomerRequests.Create.withId("c1", CustomerProfile.named(
                "Customer 1"))));
        applied(engine.customers().create(next(ADMIN), CustomerRequests.Create.withId("c2", CustomerProfile.named(
                "Customer 2"))));
        for (int b = 0; b < 8; b++) {
            // 1,234.56 + 100 b earns 123.45 + 10 b points before rounding (x 0.10, cut to hundredths), always below
            // the half of the factor 10; the last booking's 1,275.00 earns 127.50, on the half.
            BigDecimal price = b == 7 ? new BigDecimal("1275.00") : new BigDecimal("1234.56").add(BigDecimal.valueOf(
                    b * 100L));
            Outcome o = points.book(next(CLERK), new Booking("B" + b, "c" + (1 + b % 2), List.of(new Service("1", "TUI",
                    "flight", Money.of(price, "EUR"), null))));
            applied(o);
            if (b == 1) {
                booking = o;
            }
        }
        Outcome refused = points.manualEntry(next(ADMIN), new ManualEntry("c1", new BigDecimal("-100000"), "all"));
        assertEquals(List.of("INSUFFICIENT_POINTS"), refused.reasonCodes(), refused::toString);
        Outcome noPermission = points.defineSupplier(next(CLERK), Supplier.enabled("CSA"));
        assertEquals(List.of("PERMISSION_REQUIRED"), noPermission.reasonCodes(), noPermission::toString);
    }

    private CommandContext next(Actor actor) {
        written.add("live-" + (written.size() + 1));
        return CommandContext.of(org.loyaltyengine.spi.TenantId.of(tenant), actor, written.get(written.size() - 1),
                DAY.plusDays(written.size() / 4));
    }

    private Map<String, Long> counts() throws SQLException {
        Map<String, Long> counts = new LinkedHashMap<>();
        try (Connection c = connect(); Statement s = c.createStatement()) {
            for (String t : TABLES) {
                try (var rs = s.executeQuery("SELECT COUNT(*) FROM " + t)) {
                    rs.next();
                    counts.put(t, rs.getLong(1));
                }
            }
        }
        return counts;
    }

    @AfterAll
    void removeTheFolder() throws IOException {
        if (dir != null) {
            try (Stream<Path> walk = Files.walk(dir)) {
                walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    Loyalty.Run run(String name) {
        return runs.get(name);
    }

    // ------------------------------------------------------------------ the tests

    @Test
    void noRunChangesARowOfTheStore() {
        assertEquals(before, after);
        assertTrue(before.get("le_command_log") >= written.size(), before::toString);
    }

    @Test
    void explainShowsTheCommandTheFactsTheRulesInOrderAndTheDecision() {
        Loyalty.Run run = run("booking");
        assertEquals(0, run.exit(), run::describe);
        List<String> out = run.out();
        assertEquals("command:       savings-points.book (org.loyaltyengine.points.PointsRequests$Booking)", out.get(0));
        assertTrue(out.get(1).startsWith("key:           live-6 (tenant " + tenant + ", log sequence "), run::describe);
        assertTrue(out.stream().anyMatch(l -> l.startsWith("request:       {\"bookingId\":\"B1\",\"customerId\":\"c2\"")),
                run::describe);
        int facts = out.indexOf(out.stream().filter(l -> l.startsWith("facts:")).findFirst().orElseThrow());
        assertTrue(out.get(facts).startsWith("facts:         as the rules saw them, from the tenant's 5 earlier logged"
                + " commands run again in memory under "), run::describe);
        // The settings the first command wrote, the customer's account and the line's price, as given.
        List<String> given = out.subList(facts, out.indexOf("rule set:      savings-points v1"));
        assertTrue(given.stream().anyMatch(l -> l.startsWith("  savings-points v1 was given ")), run::describe);
        assertTrue(given.stream().anyMatch(l -> l.startsWith("    PointsSettings ") && l.contains("\"rate\":\"0.10\"")
                && l.contains("\"roundingFactor\":\"10\"")), run::describe);
        assertTrue(given.stream().anyMatch(l -> l.contains("\"1334.56\"")), run::describe);
        assertTrue(given.stream().anyMatch(l -> l.startsWith("    CommandInfo ") && l.contains("\"anna\"")
                && l.contains("\"savings-points.book\"")), run::describe);
        assertTrue(given.contains("run again:     decided as logged (APPLIED)"), run::describe);
        assertFalse(given.stream().anyMatch(l -> l.contains("caveat")), run::describe);
        int at = out.indexOf("rules fired, in order:");
        List<String> fired = new ArrayList<>();
        for (int i = 0; i < booking.rulesFired().size(); i++) {
            fired.add("  " + (i + 1) + ". " + booking.rulesFired().get(i));
        }
        assertEquals(fired, out.subList(at + 1, at + 1 + fired.size()));
        assertTrue(out.contains("outcome:       APPLIED"), run::describe);
        // 1,334.56 x 0.10 = 133.45, rounded down to the factor of 10.
        assertTrue(out.stream().anyMatch(l -> l.startsWith("  entry EARN 130.00 PTS ") && l.contains(" on c2/savings-points,"
                + " B1/1 ")), run::describe);
    }

    @Test
    void explainOfARuleRefusalShowsTheBalanceTheRulesSaw() {
        Loyalty.Run run = run("refused");
        assertEquals(0, run.exit(), run::describe);
        assertEquals("command:       savings-points.manual-entry (org.loyaltyengine.points.PointsRequests$ManualEntry)",
                run.out().get(0), run::describe);
        assertTrue(run.out().contains("run again:     decided as logged (REJECTED)"), run::describe);
        assertTrue(run.out().stream().anyMatch(l -> l.startsWith("  rejected INSUFFICIENT_POINTS")), run::describe);
    }

    @Test
    void explainOfAPermissionRefusalSaysNoRuleWasEvaluated() {
        Loyalty.Run run = run("permission");
        assertEquals(0, run.exit(), run::describe);
        assertTrue(run.out().contains("  no rule was evaluated: the command was decided before any fact was read (a"
                + " command refused for its permission reaches no rule)"), run::describe);
        assertTrue(run.out().contains("run again:     decided as logged (REJECTED)"), run::describe);
    }

    @Test
    void aKeyNotLoggedIsATypedErrorThatShowsNoPassword() {
        Loyalty.Run run = run("unknown");
        assertEquals(1, run.exit(), run::describe);
        assertEquals(List.of(), run.out(), run::describe);
        assertEquals(List.of("loyalty explain: NO_LOGGED_COMMAND: no command is logged under key no-such-key for"
                + " tenant " + tenant + " in " + LogSource.masked(url())), run.err());
        noPassword(run, password());
    }

    @Test
    void whatifReplaysTheLiveLogInMemory() {
        Loyalty.Run run = run("whatif");
        assertEquals(0, run.exit(), run::describe);
        assertTrue(run.out().contains("baseline: " + written.size() + " of " + written.size()
                + " logged outcomes reproduced under " + Loyalty.ROOT.resolve("rules")), run::describe);
        // Rounded half up instead of down, only the last booking's 127.50 points change: 130 instead of 120, on c2.
        assertTrue(run.out().contains("whatif savings-points with " + candidate + " over " + written.size()
                + " commands: 1 of 2 accounts would change"), run::describe);
        assertTrue(run.out().stream().anyMatch(l -> l.startsWith(tenant) && l.contains(" c2 ") && l.contains(" +10.00 ")),
                run::describe);
        noPassword(run, password());
    }

    @Test
    void aLoginTheDatabaseRefusesIsOneCleanLine() {
        Loyalty.Run run = run("wrong");
        assertEquals(1, run.exit(), run::describe);
        assertEquals(List.of(), run.out(), run::describe);
        assertEquals(1, run.err().size(), run::describe);
        assertTrue(run.err().get(0).startsWith("loyalty explain: LOG_UNREADABLE: cannot read the command log of tenant "
                + tenant + " at "), run::describe);
        noPassword(run, wrongSecret());
    }

    @Test
    void aJdbcLogNeedsTheTenant() {
        Loyalty.Run run = run("no-tenant");
        assertEquals(2, run.exit(), run::describe);
        assertEquals("a live store holds the logs of many tenants: name one with --tenant", run.err().get(0));
    }

    static void noPassword(Loyalty.Run run, String password) {
        if (!password.isEmpty()) {
            assertFalse(String.join("\n", run.out()).contains(password), run::describe);
            assertFalse(String.join("\n", run.err()).contains(password), run::describe);
        }
    }

    private static void applied(Outcome o) {
        assertTrue(o.applied(), o::toString);
    }

    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path p : walk.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }

    /** Whether a server database's tests run: it answers, or CI=true says they must (and then fail). */
    static void requireServer(String label, String url, String user, String password) {
        boolean answers;
        java.sql.DriverManager.setLoginTimeout(3);
        try (Connection c = java.sql.DriverManager.getConnection(url, user, password)) {
            answers = c.isValid(3);
        } catch (SQLException e) {
            answers = false;
        }
        Assumptions.assumeTrue(answers || "true".equalsIgnoreCase(System.getenv("CI")), "SKIPPED: " + label
                + " does not answer at " + url + " (under CI=true these tests fail instead of skipping)");
    }

    /** Each command reads one second later than the one before. */
    private static final class Ticking extends Clock {
        private Instant now = Instant.parse("2026-03-02T08:00:00Z");

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public synchronized Instant instant() {
            now = now.plusSeconds(1);
            return now;
        }
    }
}

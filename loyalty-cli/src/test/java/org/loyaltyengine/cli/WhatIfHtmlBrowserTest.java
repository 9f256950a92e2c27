package org.loyaltyengine.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.loyaltyengine.CommandContext;
import org.loyaltyengine.CommandHistory;
import org.loyaltyengine.LoyaltyEngine;
import org.loyaltyengine.RuleSource;
import org.loyaltyengine.customers.CustomerProfile;
import org.loyaltyengine.customers.CustomerRequests;
import org.loyaltyengine.customers.Customers;
import org.loyaltyengine.points.PointsRequests.Booking;
import org.loyaltyengine.points.PointsRequests.Configure;
import org.loyaltyengine.points.PointsRequests.ManualEntry;
import org.loyaltyengine.points.PointsRequests.Service;
import org.loyaltyengine.points.PointsRequests.Supplier;
import org.loyaltyengine.points.SavingsPoints;
import org.loyaltyengine.rules.facts.PointsSettings;
import org.loyaltyengine.spi.Actor;
import org.loyaltyengine.spi.CommandLogQuery;
import org.loyaltyengine.spi.InMemoryStore;
import org.loyaltyengine.spi.Money;
import org.loyaltyengine.spi.Outcome;
import org.loyaltyengine.spi.TenantId;

/**
 * {@code bin/loyalty whatif --html} renders in a browser: the report of a small log (savings-points bookings at
 * rate 0.10 with rounding factor 10, replayed under a candidate that rounds half up to the factor instead of
 * down, as in {@link WhatIfTest}) is opened in headless Chromium, which must paint it (a screenshot of the
 * expected size, not one colour, with the histogram's green bars) and whose rendered DOM must show the totals
 * worked out here without the engine. One customer's id is markup: it must render as text.
 *
 * <p>Needs {@code /usr/bin/chromium} (Debian's {@code chromium}; {@code loyalty-cli/src/test/scripts/
 * install-chromium.sh} installs it, and CI runs that script): without it the browser test is skipped, and
 * under {@code CI=true} it fails. The report of a candidate that changes nothing, and {@code --top}'s check, need
 * no browser.
 */
@Tag("X-11")
class WhatIfHtmlBrowserTest {
    /** Debian's Chromium; {@code -Dwhatif.chromium=PATH} names another binary (or a missing one, to see the skip). */
    private static final Path CHROMIUM = Path.of(System.getProperty("whatif.chromium", "/usr/bin/chromium"));
    private static final int BOOKINGS = 300;
    private static final TenantId TENANT = TenantId.of("agency-1");
    private static final Actor ADMIN = Actor.of("bert", SavingsPoints.ADMIN_PERMISSION, Customers.WRITE_PERMISSION);
    private static final Actor CLERK = Actor.of("anna");
    private static final LocalDate FIRST_DAY = LocalDate.of(2026, 1, 5);
    /** A customer id that is markup: the report must show it, not run it. */
    private static final String HOSTILE = "<script>alert(1)</script>";
    private static final List<String> CUSTOMERS = List.of("c0", "c1", "c2", "c3", "c4", "c5", "c6", "c7", "c8",
            "c9", HOSTILE, "a&b \"q\"");
    /** Whose deduction of all it would have under the candidate is refused now and would be applied. */
    private static final String FLIPPED = "c7";
    private static final int TOP = 5;

    @TempDir
    static Path dir;

    private static Path log;
    private static Path candidate;
    private static int commands;
    /** Per customer, in whole points: the balance now and under the candidate (after the flipped deduction). */
    private static final Map<String, long[]> expected = new TreeMap<>();

    @BeforeAll
    static void aLog() throws IOException {
        candidate = dir.resolve("candidate/savings-points/v2");
        copy(Loyalty.ROOT.resolve("rules/savings-points/v1"), candidate);
        Path earning = candidate.resolve("earning.drl");
        String rule = Files.readString(earning);
        String down = "points.divide($s.roundingFactor(), 0, RoundingMode.DOWN)";
        assertTrue(rule.contains(down), "the shipped earning rule rounds down to the factor");
        Files.writeString(earning, rule.replace(down, "points.divide($s.roundingFactor(), 0, RoundingMode.HALF_UP)"));
        Files.writeString(candidate.resolve("ruleset.properties"), Files.readString(candidate.resolve(
                "ruleset.properties")).replace("effective-from=2020-01-01", "effective-from=2027-01-01"));

        Ticking clock = new Ticking();
        LoyaltyEngine engine = LoyaltyEngine.builder().store(new InMemoryStore())
                .rules(RuleSource.folder(Loyalty.ROOT.resolve("rules"))).clock(clock).build();
        SavingsPoints points = engine.savingsPoints();
        int[] n = {0};
        java.util.function.Function<Actor, CommandContext> next = actor -> CommandContext.of(TENANT, actor,
                "k" + (++n[0]), FIRST_DAY.plusDays(n[0] / 100));
        applied(points.configure(next.apply(ADMIN), Configure.all(PointsSettings.defaults().with(Map.of(
                "rate", "0.10", "roundingFactor", "10")))));
        applied(points.defineSupplier(next.apply(ADMIN), Supplier.enabled("TUI")));
        for (String c : CUSTOMERS) {
            applied(engine.customers().create(next.apply(ADMIN), CustomerRequests.Create.withId(c,
                    CustomerProfile.named("Customer " + c))));
            expected.put(c, new long[2]);
        }
        long seed = 7;
        for (int b = 0; b < BOOKINGS; b++) {
            String customer = CUSTOMERS.get(b % CUSTOMERS.size());
            seed = seed * 6364136223846793005L + 1442695040888963407L;
            long cents = 10_000 + Math.floorMod(seed >>> 17, 200_000); // 100.00 to 2,099.99
            // A price of P cents earns h = floor(P / 10) hundredths; floor(h / 1000) tens of points now and
            // floor((h + 500) / 1000) tens under the candidate.
            long h = cents / 10;
            expected.get(customer)[0] += (h / 1000) * 10;
            expected.get(customer)[1] += ((h + 500) / 1000) * 10;
            applied(points.book(next.apply(CLERK), new Booking("B" + b, customer, List.of(new Service("1", "TUI",
                    "flight", Money.of(BigDecimal.valueOf(cents, 2), "EUR"), null)))));
        }
        // The markup id gains most of the gainers, so that it is among the accounts most affected: 20 bookings
        // of 150.00 (h = 1,500) earn 10 points each now and 20 under the candidate.
        for (int b = 0; b < 20; b++) {
            expected.get(HOSTILE)[0] += 10;
            expected.get(HOSTILE)[1] += 20;
            applied(points.book(next.apply(CLERK), new Booking("X" + b, HOSTILE, List.of(new Service("1", "TUI",
                    "flight", Money.of(new BigDecimal("150.00"), "EUR"), null)))));
        }
        long[] f = expected.get(FLIPPED);
        assertTrue(f[1] > f[0], "the candidate gives " + FLIPPED + " more points");
        Outcome refused = points.manualEntry(next.apply(ADMIN), new ManualEntry(FLIPPED, BigDecimal.valueOf(-f[1]),
                "all of it"));
        assertEquals(List.of("INSUFFICIENT_POINTS"), refused.reasonCodes());
        f[1] = 0;
        commands = n[0];

        log = dir.resolve("log.jsonl");
        try (var out = Files.newBufferedWriter(log, StandardCharsets.UTF_8)) {
            assertEquals(commands, engine.commandLog().export(TENANT, Actor.of("auditor",
                    CommandHistory.READ_PERMISSION), CommandLogQuery.all(), out));
        }
    }

    @Test
    void theReportRendersInABrowserWithTheTotalsAndTheMarkupIdAsText() throws IOException {
        if (!Files.isExecutable(CHROMIUM)) {
            String why = CHROMIUM + " is missing: install Debian's chromium (bash loyalty-cli/src/test/scripts/"
                    + "install-chromium.sh) to render the what-if HTML report";
            if ("true".equals(System.getenv("CI"))) {
                fail(why + "; under CI=true this test must run");
            }
            Assumptions.abort(why + "; skipped as CI is not \"true\"");
        }
        Path html = dir.resolve("whatif report.html");
        Loyalty.Run run = Loyalty.run(dir, "whatif", "--set", "savings-points", "--candidate", candidate.toString(),
                "--log", log.toString(), "--rules", Loyalty.ROOT.resolve("rules").toString(), "--html",
                html.toString(), "--top", Integer.toString(TOP));
        assertEquals(0, run.exit(), run::describe);
        assertTrue(run.err().isEmpty(), "no progress line when stderr is not a terminal\n" + run.describe());
        assertTrue(run.out().contains("HTML report written to " + html), run::describe);

        // The figures, by hand: each customer's difference in whole points (the flipped one ends at 0).
        Map<String, Long> differences = new TreeMap<>();
        expected.forEach((c, p) -> {
            if (p[1] != p[0]) {
                differences.put(c, p[1] - p[0]);
            }
        });
        assertTrue(differences.containsKey(HOSTILE), "the markup id's account changes: " + differences);
        long total = differences.values().stream().mapToLong(Long::longValue).sum();

        String file = Files.readString(html, StandardCharsets.UTF_8);
        assertFalse(Pattern.compile("<(script|link)\\b|\\bsrc=|@import|url\\(", Pattern.CASE_INSENSITIVE)
                .matcher(file).find(), "self-contained: no script, no external resource");

        String dom = chromium(List.of("--dump-dom", html.toUri().toString())).trim();
        assertTrue(dom.startsWith("<!DOCTYPE html>") && dom.endsWith("</html>"), () -> "a rendered DOM:\n" + dom);
        assertEquals(Integer.toString(commands), byId(dom, "commands-replayed"));
        assertEquals(Integer.toString(commands), byId(dom, "baseline-reproduced"));
        assertEquals(Integer.toString(differences.size()), byId(dom, "accounts-changed"));
        assertEquals(Integer.toString(CUSTOMERS.size()), byId(dom, "accounts-total"));
        assertEquals((total > 0 ? "+" : "") + total + ".00", byId(dom, "total-difference"));
        assertEquals("1", byId(dom, "became-applied"));
        assertEquals("0", byId(dom, "became-rejected"));
        assertEquals("0", byId(dom, "candidate-errors"));
        assertEquals("savings-points", byId(dom, "rule-set"));

        // The markup id is text in a cell, and the browser built no script element from it.
        assertFalse(dom.toLowerCase().contains("<script"), "no script element in the rendered DOM");
        assertTrue(dom.contains("<td>&lt;script&gt;alert(1)&lt;/script&gt;</td>"), "the id shown as text");

        // The accounts most affected: TOP rows, their differences the TOP largest by size, largest first.
        List<Long> rows = new ArrayList<>();
        Matcher row = Pattern.compile("<tr class=\"account\">(?:<td[^>]*>[^<]*</td>){6}<td class=\"n\">([^<]*)</td>")
                .matcher(dom);
        while (row.find()) {
            rows.add(new BigDecimal(row.group(1)).longValueExact());
        }
        List<Long> largest = differences.values().stream().sorted(Comparator.comparing((Long d) -> Math.abs(d))
                .reversed()).limit(TOP).toList();
        assertEquals(largest.stream().map(Math::abs).toList(), rows.stream().map(Math::abs).toList(), dom);

        // The histogram: every changed account in exactly one bucket, and each bucket holds what falls in it.
        Matcher bucket = Pattern.compile("<g class=\"bucket\" data-from=\"([-0-9.]+)\" data-to=\"([-0-9.]+)\""
                + " data-count=\"([0-9]+)\">").matcher(dom);
        int counted = 0;
        int buckets = 0;
        while (bucket.find()) {
            BigDecimal from = new BigDecimal(bucket.group(1));
            BigDecimal to = new BigDecimal(bucket.group(2));
            long inIt = differences.values().stream().filter(d -> from.compareTo(BigDecimal.valueOf(d)) <= 0
                    && BigDecimal.valueOf(d).compareTo(to) < 0).count();
            assertEquals(inIt, Long.parseLong(bucket.group(3)), bucket.group());
            counted += Integer.parseInt(bucket.group(3));
            buckets++;
        }
        assertTrue(buckets >= 2 && buckets <= 12, "buckets: " + buckets);
        assertEquals(differences.size(), counted);

        Path png = dir.resolve("whatif.png");
        chromium(List.of("--screenshot=" + png, "--window-size=1280,2000", html.toUri().toString()));
        assertTrue(Files.size(png) > 0, "a screenshot was written");
        BufferedImage image = ImageIO.read(png.toFile());
        assertEquals(1280, image.getWidth());
        assertEquals(2000, image.getHeight());
        Set<Integer> colours = new HashSet<>();
        int green = 0;
        for (int y = 0; y < image.getHeight(); y += 2) {
            for (int x = 0; x < image.getWidth(); x += 2) {
                int rgb = image.getRGB(x, y) & 0xFFFFFF;
                colours.add(rgb);
                // The bars of gains are #22aa77; a few levels either way for the browser's colour handling.
                if (near(rgb >> 16 & 0xFF, 0x22) && near(rgb >> 8 & 0xFF, 0xAA) && near(rgb & 0xFF, 0x77)) {
                    green++;
                }
            }
        }
        assertTrue(colours.size() > 2, "not blank: " + colours.size() + " colours");
        assertTrue(green > 100, "the histogram's bars are painted: " + green + " green pixels sampled");
        // Kept under target/ for whoever wants to look at what the browser drew (a CI artifact).
        Path kept = Loyalty.ROOT.resolve("loyalty-cli/target/whatif-html");
        Files.createDirectories(kept);
        Files.copy(html, kept.resolve("whatif.html"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Files.copy(png, kept.resolve("whatif.png"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    @Test
    void aCandidateThatChangesNothingReportsNoAccountAndTopIsACount() throws IOException {
        // The shipped version itself as the candidate: the same decisions, nothing to draw.
        Path same = dir.resolve("same/savings-points/v2");
        copy(Loyalty.ROOT.resolve("rules/savings-points/v1"), same);
        Path html = dir.resolve("same.html");
        List<Loyalty.Run> runs = Loyalty.runAll(dir, List.of(
                List.of("whatif", "--set", "savings-points", "--candidate", same.toString(), "--log", log.toString(),
                        "--rules", Loyalty.ROOT.resolve("rules").toString(), "--html", html.toString()),
                List.of("whatif", "--set", "savings-points", "--candidate", candidate.toString(), "--log",
                        log.toString(), "--html", html.toString(), "--top", "-1")));
        assertEquals(0, runs.get(0).exit(), runs.get(0)::describe);
        String file = Files.readString(html, StandardCharsets.UTF_8);
        assertEquals("0", byId(file, "accounts-changed"));
        assertEquals(Integer.toString(CUSTOMERS.size()), byId(file, "accounts-total"));
        assertEquals("0", byId(file, "total-difference"));
        assertEquals("0", byId(file, "became-applied"));
        assertTrue(file.contains("<p id=\"histogram-empty\">No account would change.</p>"), file);
        assertFalse(file.contains("<tr class=\"account\">"), file);
        assertEquals(2, runs.get(1).exit(), runs.get(1)::describe);
        assertEquals("--top is a count of accounts, 0 or more, not -1", runs.get(1).err().get(0));
    }

    private static boolean near(int value, int want) {
        return Math.abs(value - want) <= 6;
    }

    /** The text of the element with this id in the rendered DOM. */
    private static String byId(String dom, String id) {
        Matcher m = Pattern.compile("id=\"" + Pattern.quote(id) + "\"[^>]*>([^<]*)<").matcher(dom);
        assertTrue(m.find(), () -> "an element with id " + id + " in\n" + dom);
        return m.group(1);
    }

    /** Headless Chromium with these arguments; its standard output. */
    private static String chromium(List<String> args) throws IOException {
        List<String> command = new ArrayList<>(List.of(CHROMIUM.toString(), "--headless", "--no-sandbox",
                "--disable-gpu", "--user-data-dir=" + Files.createTempDirectory(dir, "chromium-profile")));
        command.addAll(args);
        Path out = Files.createTempFile(dir, "chromium-out", ".txt");
        Path err = Files.createTempFile(dir, "chromium-err", ".txt");
        Process p = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        try {
            if (!p.waitFor(2, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                fail(String.join(" ", command) + " did not end\n" + Files.readString(err));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        assertEquals(0, p.exitValue(), () -> String.join(" ", command) + " failed\n" + read(err));
        return Files.readString(out, StandardCharsets.UTF_8);
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void applied(Outcome o) {
        assertTrue(o.applied(), o::toString);
    }

    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> walk = Files.walk(from)) {
            walk.forEach(p -> {
                try {
                    Path target = to.resolve(from.relativize(p).toString());
                    if (Files.isDirectory(p)) {
                        Files.createDirectories(target);
                    } else {
                        Files.copy(p, target);
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }

    /** A clock a second later at each reading: every command gets a time of its own. */
    private static final class Ticking extends Clock {
        private Instant now = Instant.parse("2026-01-05T08:00:00Z");

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            now = now.plusSeconds(1);
            return now;
        }
    }
}

package org.loyaltyengine.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.function.IntConsumer;

import org.loyaltyengine.IoFailedException;
import org.loyaltyengine.RuleCompilationException;
import org.loyaltyengine.RuleSource;
import org.loyaltyengine.cli.Replay.Movement;
import org.loyaltyengine.cli.Replay.Result;
import org.loyaltyengine.cli.Replay.TenantAccount;
import org.loyaltyengine.spi.AccountKey;
import org.loyaltyengine.spi.Balance;
import org.loyaltyengine.spi.CommandLogEntry;
import org.loyaltyengine.spi.InvalidValueException;
import org.loyaltyengine.spi.Outcome;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code loyalty whatif}: the commands of an exported command log run again under a candidate version of one
 * rule set, against the same commands run again under the versions that decided them; per account, what would
 * change. Reads the export and the rule folders only: every command runs on an in-memory store.
 */
@Command(name = "whatif", sortOptions = false,
        header = "Replays a command log under a candidate rule version and reports what would change.",
        description = "Reads a command log, its JSON-lines export (engine.commandLog().export) or a live store's"
                + " through a read-only JDBC connection (--log jdbc:... --tenant T --user U, the password from"
                + " --password or LOYALTY_LOG_PASSWORD), and runs every"
                + " command again, in order, on an empty in-memory store: once under the rules folder as it is (the"
                + " baseline, which must reproduce every logged outcome) and once with the candidate folder as the"
                + " only version of its rule set, in force on every business date of the log. Prints per account"
                + " the balance under the baseline and under the candidate, how many commands moved it differently"
                + " and which commands change between applied and rejected, with totals, and the replay rate;"
                + " --csv writes the rows, --html a self-contained HTML report (totals, the accounts most affected,"
                + " a histogram of the change per account)."
                + " Nothing is written to the live store.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
                "0:the baseline reproduced the log; the differences are listed",
                "1:the baseline did not reproduce every logged outcome (listed), or a file or the live store's log could not"
                        + " be read",
                "2:usage error (a missing file or folder, an unknown option)"})
final class WhatIfCommand implements Callable<Integer> {
    /** At most this many commands that do not reproduce, or that flip, are listed one by one. */
    private static final int LISTED = 10;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--set", required = true, paramLabel = "RULE-SET", description = "the rule set under study,"
            + " e.g. savings-points")
    String set;

    @Option(names = "--candidate", required = true, paramLabel = "DIR", description = "the candidate version"
            + " folder, <rules-dir>/<set>/v<N>")
    Path candidate;

    @CommandLine.Mixin
    LogOptions log;

    @Option(names = "--rules", paramLabel = "RULES-DIR", description = "the rules folder the log was decided"
            + " under (default: the candidate's grandparent folder)")
    Path rules;

    @Option(names = "--csv", paramLabel = "FILE", description = "also write the per-account rows to FILE")
    Path csv;

    @Option(names = "--html", paramLabel = "FILE", description = "also write the report as one self-contained HTML"
            + " file: the totals, the accounts most affected and a histogram of the change per account")
    Path html;

    @Option(names = "--top", paramLabel = "N", defaultValue = "20", description = "how many of the accounts most"
            + " affected the HTML report lists (default: ${DEFAULT-VALUE})")
    int top;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;

    /** One account's figures under the two runs. */
    static final class Row {
        BigDecimal before;
        BigDecimal after;
        int entriesDiffering;
        int becameApplied;
        int becameRejected;

        boolean changed() {
            return entriesDiffering > 0 || becameApplied > 0 || becameRejected > 0
                    || orZero(before).compareTo(orZero(after)) != 0;
        }

        BigDecimal difference() {
            return orZero(after).subtract(orZero(before));
        }
    }

    /** A kind of difference: how many there were, and the first {@value #LISTED} described. */
    static final class Listed {
        final List<String> first = new ArrayList<>();
        int count;

        /** One more, unless {@code line} is null (no difference). */
        void add(String line) {
            if (line != null) {
                count++;
                if (first.size() < LISTED) {
                    first.add(line);
                }
            }
        }
    }

    @Override
    public Integer call() throws IOException {
        CommandLine line = spec.commandLine();
        PrintWriter out = line.getOut();
        PrintWriter err = line.getErr();
        if (!Files.isDirectory(candidate)) {
            throw new CommandLine.ParameterException(line, "the candidate " + candidate + " is not a folder");
        }
        if (top < 0) {
            throw new CommandLine.ParameterException(line, "--top is a count of accounts, 0 or more, not " + top);
        }
        if (CandidateRules.versionOf(candidate) < 1) {
            throw new CommandLine.ParameterException(line, "the candidate folder is named v<N> (v1, v2 ...), not "
                    + candidate.getFileName());
        }
        Path rulesDir = rules != null ? rules : candidate.toAbsolutePath().getParent().getParent();
        if (rulesDir == null || !Files.isDirectory(rulesDir)) {
            throw new CommandLine.ParameterException(line, "the rules folder " + rulesDir + " is not a folder");
        }

        // The log is gone through twice, one entry (or one page of a live store's) at a time: once to count it
        // and find its first business date, which the candidate's version is in force from, then to replay it.
        // Nothing is ever written to a live store; the replay runs in memory only.
        try (LogSource source = log.open(line)) {
            return replay(source, out, err, rulesDir);
        }
    }

    private int replay(LogSource source, PrintWriter out, PrintWriter err, Path rulesDir) {
        long[] count = {0};
        LocalDate[] earliest = {null};
        source.forEach(e -> {
            count[0]++;
            if (earliest[0] == null || e.businessDate().isBefore(earliest[0])) {
                earliest[0] = e.businessDate();
            }
        });
        if (count[0] > Integer.MAX_VALUE) {
            throw new InvalidValueException("whatif replays at most " + Integer.MAX_VALUE + " commands at a time; the"
                    + " log holds " + count[0]);
        }
        int commands = (int) count[0];
        if (commands == 0) {
            out.println("whatif: " + log.describe() + " holds no command" + (log.tenant == null ? "" : " of tenant "
                    + log.tenant) + "; nothing to replay");
            return LoyaltyCli.OK;
        }
        LocalDate first = earliest[0];
        RuleSource baselineRules;
        RuleSource candidateRules;
        try {
            baselineRules = RuleSource.folder(rulesDir);
            candidateRules = CandidateRules.build(baselineRules, set, candidate, first);
        } catch (RuleCompilationException e) {
            e.errors().forEach(r -> out.println(new Problem(r.file(), r.line(), r.message())));
            out.println("whatif: the rules cannot be read");
            return LoyaltyCli.PROBLEMS;
        }

        // The engine compiles a version when a command first needs it, and a candidate that does not compile
        // would make every command of its set fail: its problems are listed first, as verify lists them.
        List<org.loyaltyengine.RuleError> problems = candidateRules.only(set + "/v" + CandidateRules.versionOf(
                candidate)).describe().allProblems();
        if (!problems.isEmpty()) {
            problems.forEach(r -> out.println(new Problem(r.file(), r.line(), r.message())));
            out.println("whatif: the candidate does not compile; nothing was replayed");
            return LoyaltyCli.PROBLEMS;
        }
        boolean terminal = System.console() != null;
        long started = System.nanoTime();
        // The two replays run side by side, entry by entry, and each pair of results is compared and dropped at
        // once: what the comparison keeps is per account (the rows) and a count with the first few of each kind
        // of difference, so the heap holds the log, the two stores and the rows, never a result per command.
        Replay baseline = new Replay(baselineRules);
        Replay tried = new Replay(candidateRules);
        Map<TenantAccount, Row> rows = new TreeMap<>(Comparator.comparing((TenantAccount t) -> t.tenant().value())
                .thenComparing(TenantAccount::account));
        Listed unfaithful = new Listed();
        Listed flips = new Listed();
        Listed errors = new Listed();
        int[] becameApplied = {0};
        IntConsumer progress = progress(err, terminal, "replay", commands);
        int[] done = {0};
        try {
            source.forEach(e -> {
                // A live store's log may have grown since it was counted: the replay is of what was counted.
                if (done[0] >= commands) {
                    return;
                }
                Result base = baseline.step(e);
                unfaithful.add(Replay.baselineDifference(base));
                compare(base, tried.step(e), rows, flips, errors, becameApplied);
                if (++done[0] % 500 == 0) {
                    progress.accept(done[0]);
                }
            });
        } catch (RuleCompilationException e) {
            // A version that does not compile: its problems as verify lists them, the candidate's under its set.
            endProgress(err, terminal);
            e.errors().forEach(r -> out.println(new Problem(r.file(), r.line(), r.message())));
            out.println("whatif: the rules do not compile; bin/loyalty verify lists every problem");
            return LoyaltyCli.PROBLEMS;
        }
        endProgress(err, terminal);
        out.println(rateLine("baseline", commands, baseline.seconds()));
        out.println(rateLine("candidate", commands, tried.seconds()));
        double seconds = (System.nanoTime() - started) / 1e9;

        out.println("baseline: " + (commands - unfaithful.count) + " of " + commands
                + " logged outcomes reproduced under " + rulesDir);
        if (unfaithful.count > 0) {
            out.println("baseline: " + unfaithful.count + " do not reproduce (the what-if below is not to be"
                    + " trusted); the first:");
            unfaithful.first.forEach(u -> out.println("  " + u));
        }

        report(out, rows, flips, errors, commands);
        if (csv != null) {
            writeCsv(rows);
            out.println("per-account rows written to " + csv);
        }
        if (html != null) {
            WhatIfHtml.write(html, new WhatIfHtml.Summary(set, candidate.toString(), rulesDir.toString(),
                    commands, commands - unfaithful.count, becameApplied[0],
                    flips.count - becameApplied[0], errors.count, rows, top));
            out.println("HTML report written to " + html);
        }
        out.printf(java.util.Locale.ROOT, "replayed %d commands twice in %.1f s: %.0f commands/s%n", commands,
                seconds, 2 * commands / Math.max(seconds, 1e-9));
        return unfaithful.count == 0 ? LoyaltyCli.OK : LoyaltyCli.PROBLEMS;
    }

    /** Clears the progress line, on a terminal, so that what follows starts on a clean line. */
    private static void endProgress(PrintWriter err, boolean terminal) {
        if (terminal) {
            err.print("\r" + " ".repeat(100) + "\r");
            err.flush();
        }
    }

    /**
     * What one replay took, printed when it ends (on stdout, so that a script or a log keeps it), e.g.
     * {@code whatif: baseline replayed 100000 commands in 52.4 s, 1908 commands/s}.
     */
    static String rateLine(String run, int commands, double seconds) {
        return String.format(java.util.Locale.ROOT, "whatif: %s replayed %d commands in %.1f s, %d commands/s", run,
                commands, seconds, Math.round(commands / Math.max(seconds, 1e-9)));
    }

    /** A progress line on a terminal only: a script's or a test's stderr stays for errors. */
    private static IntConsumer progress(PrintWriter err, boolean terminal, String run, int total) {
        if (!terminal) {
            return done -> { };
        }
        long started = System.nanoTime();
        return done -> {
            err.print("\r" + progressLine(run, done, total, (System.nanoTime() - started) / 1e9));
            err.flush();
        };
    }

    /**
     * The progress line: a bar, the count, the rate so far and the time left at that rate, e.g.
     * {@code whatif: baseline [########------------] 4000/10000 commands, 800/s, 8 s left}.
     */
    static String progressLine(String run, int done, int total, double seconds) {
        int width = 20;
        int filled = total <= 0 ? width : (int) Math.min(width, (long) done * width / total);
        double rate = done / Math.max(seconds, 1e-9);
        long left = done == 0 ? -1 : (long) Math.ceil((total - done) / rate);
        return "whatif: " + run + " [" + "#".repeat(filled) + "-".repeat(width - filled) + "] " + done + "/" + total
                + " commands, " + Math.round(rate) + "/s, " + (left < 0 ? "?" : duration(left)) + " left";
    }

    private static String duration(long seconds) {
        if (seconds < 60) {
            return seconds + " s";
        }
        if (seconds < 3600) {
            return seconds / 60 + " min " + seconds % 60 + " s";
        }
        return seconds / 3600 + " h " + seconds % 3600 / 60 + " min";
    }

    private static void compare(Result base, Result cand, Map<TenantAccount, Row> rows, Listed flips,
                                Listed errors, int[] becameApplied) {
        CommandLogEntry e = base.entry();
        if (cand.error() != null) {
            errors.add(Replay.describe(e) + ": " + cand.error());
        }
        Set<AccountKey> touched = new LinkedHashSet<>();
        Map<AccountKey, List<Movement>> baseMoves = moves(base.outcome(), touched);
        Map<AccountKey, List<Movement>> candMoves = moves(cand.outcome(), touched);
        for (AccountKey account : touched) {
            Row row = rows.computeIfAbsent(new TenantAccount(e.tenant(), account), k -> new Row());
            if (!baseMoves.getOrDefault(account, List.of()).equals(candMoves.getOrDefault(account, List.of()))) {
                row.entriesDiffering++;
            }
        }
        balances(base.outcome(), e, rows, true);
        balances(cand.outcome(), e, rows, false);
        if (base.applied() != cand.applied() && base.outcome() != null && cand.outcome() != null) {
            flips.add(Replay.describe(e) + ": " + (base.applied() ? "applied, would be rejected "
                    + cand.outcome().reasonCodes() : "rejected " + base.outcome().reasonCodes() + ", would be applied"));
            if (cand.applied()) {
                becameApplied[0]++;
            }
            for (AccountKey account : touched) {
                Row row = rows.get(new TenantAccount(e.tenant(), account));
                if (cand.applied()) {
                    row.becameApplied++;
                } else {
                    row.becameRejected++;
                }
            }
        }
    }

    private static Map<AccountKey, List<Movement>> moves(Outcome o, Set<AccountKey> touched) {
        Map<AccountKey, List<Movement>> moves = new TreeMap<>();
        if (o == null) {
            return moves;
        }
        o.entries().forEach(en -> {
            touched.add(en.account());
            moves.computeIfAbsent(en.account(), k -> new ArrayList<>()).add(Movement.of(en));
        });
        o.balances().forEach(b -> touched.add(b.account()));
        return moves;
    }

    private static void balances(Outcome o, CommandLogEntry e, Map<TenantAccount, Row> rows, boolean before) {
        if (o == null) {
            return;
        }
        for (Balance b : o.balances()) {
            Row row = rows.computeIfAbsent(new TenantAccount(e.tenant(), b.account()), k -> new Row());
            if (before) {
                row.before = b.balance();
            } else {
                row.after = b.balance();
            }
        }
    }

    private void report(PrintWriter out, Map<TenantAccount, Row> rows, Listed flips, Listed errors,
                        int commands) {
        List<Map.Entry<TenantAccount, Row>> changed = rows.entrySet().stream().filter(r -> r.getValue().changed())
                .toList();
        out.println("whatif " + set + " with " + candidate + " over " + commands + " commands: " + changed.size()
                + " of " + rows.size() + " accounts would change");
        if (!changed.isEmpty()) {
            String format = "%-12s %-24s %-16s %14s %14s %14s %8s %8s %8s%n";
            out.printf(java.util.Locale.ROOT, format, "tenant", "account", "program", "balance now", "would be",
                    "difference", "entries", "applied", "rejected");
            BigDecimal total = BigDecimal.ZERO;
            int entries = 0;
            for (Map.Entry<TenantAccount, Row> r : changed) {
                Row row = r.getValue();
                AccountKey a = r.getKey().account();
                out.printf(java.util.Locale.ROOT, format, r.getKey().tenant().value(), a.owner(), a.program(),
                        plain(row.before), plain(row.after), signed(row.difference()), row.entriesDiffering,
                        row.becameApplied, row.becameRejected);
                total = total.add(row.difference());
                entries += row.entriesDiffering;
            }
            out.printf(java.util.Locale.ROOT, format, "total", changed.size() + " accounts", "", "", "", signed(total),
                    entries, "", "");
        }
        out.println(commands(flips.count) + " would change between applied and rejected"
                + (flips.count == 0 ? "" : "; the first:"));
        flips.first.forEach(f -> out.println("  " + f));
        if (errors.count > 0) {
            out.println(commands(errors.count) + " would throw under the candidate; the first:");
            errors.first.forEach(f -> out.println("  " + f));
        }
    }

    private void writeCsv(Map<TenantAccount, Row> rows) {
        StringBuilder text = new StringBuilder(
                "tenant,owner,program,unit,balance_before,balance_after,difference,entries_differing,"
                        + "became_applied,became_rejected\n");
        rows.forEach((k, row) -> {
            if (row.changed()) {
                AccountKey a = k.account();
                text.append(String.join(",", csvField(k.tenant().value()), csvField(a.owner()), csvField(a.program()),
                        csvField(a.unit().toString()), plain(row.before), plain(row.after),
                        row.difference().toPlainString(), Integer.toString(row.entriesDiffering),
                        Integer.toString(row.becameApplied), Integer.toString(row.becameRejected))).append('\n');
            }
        });
        try {
            Files.writeString(csv, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IoFailedException("writing the per-account rows to " + csv, e);
        }
    }

    private static String commands(int n) {
        return n + (n == 1 ? " command" : " commands");
    }

    private static String csvField(String s) {
        return s.contains(",") || s.contains("\"") || s.contains("\n") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }

    private static BigDecimal orZero(BigDecimal b) {
        return b == null ? BigDecimal.ZERO : b;
    }

    private static String plain(BigDecimal b) {
        return b == null ? "-" : b.toPlainString();
    }

    private static String signed(BigDecimal b) {
        return (b.signum() > 0 ? "+" : "") + b.toPlainString();
    }
}

package org.loyaltyengine.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import org.loyaltyengine.RuleSource;
import org.loyaltyengine.spi.CommandLogEntry;
import org.loyaltyengine.spi.LedgerEntry;
import org.loyaltyengine.spi.Outcome;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code loyalty explain <key>}: one logged command: what was asked, by whom, under which rule-set version, the
 * facts the rules saw, the rules that fired in the order they fired, and what was decided. The log is an export
 * or the live store's (read-only); the facts come from running the tenant's log up to the command again on an
 * in-memory store under the rules folder ({@link ExplainReplay}), never from the live store.
 */
@Command(name = "explain", sortOptions = false,
        header = "Shows one logged command: its request, the rules that fired and the outcome.",
        description = "Finds the command logged under KEY in a command log (its JSON-lines export, or a live store's"
                + " through a read-only JDBC connection: --log jdbc:... --tenant T --user U, the password from"
                + " --password or LOYALTY_LOG_PASSWORD) and prints its command, tenant, acting user and permissions,"
                + " business date and recorded time, the request as canonical JSON, the facts the rules saw, the"
                + " rule set and version that decided it, the rules that fired in the order they fired, and the"
                + " outcome: status, reasons, ledger entries, balances and notices. The facts are found by running"
                + " the tenant's logged commands up to it again, in memory, under the rules folder (--rules); when"
                + " they cannot be found exactly, it says so and why.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
                "0:the command was found and shown",
                "1:no command is logged under the key (NO_LOGGED_COMMAND), or the log could not be read"
                        + " (LOG_UNREADABLE)",
                "2:usage error (a missing file, a key logged for several tenants without --tenant, a JDBC URL"
                        + " without --tenant)"})
final class ExplainCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "KEY", description = "the command's idempotency key")
    String key;

    @CommandLine.Mixin
    LogOptions log;

    @Option(names = "--rules", paramLabel = "RULES-DIR", defaultValue = "rules", description = "the rules folder"
            + " the log was decided under, to find the facts the rules saw (default: ${DEFAULT-VALUE}, in the"
            + " current folder)")
    Path rules;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;

    @Override
    public Integer call() {
        CommandLine line = spec.commandLine();
        PrintWriter out = line.getOut();
        List<CommandLogEntry> entries;
        try (LogSource source = log.open(line)) {
            entries = source.entries();
        }
        List<CommandLogEntry> found = entries.stream().filter(e -> e.key().value().equals(key)).toList();
        if (found.isEmpty()) {
            throw new NoLoggedCommandException(key, log.tenant, log.describe());
        }
        if (found.size() > 1) {
            // A key is unique within its tenant: several entries are several tenants'.
            throw new CommandLine.ParameterException(line, "key " + key + " is logged for tenants "
                    + found.stream().map(e -> e.tenant().value()).toList() + "; name one with --tenant");
        }
        CommandLogEntry entry = found.get(0);
        printCommand(out, entry);
        if (Files.isDirectory(rules)) {
            ExplainReplay.print(out, ExplainReplay.explain(RuleSource.folder(rules), entries, entry), rules);
        } else {
            out.println("facts:         not shown: there is no rules folder " + rules + " to run the log again under;"
                    + " name the one it was decided under with --rules");
        }
        printDecision(out, entry);
        return LoyaltyCli.OK;
    }

    private static void printCommand(PrintWriter out, CommandLogEntry e) {
        out.println("command:       " + e.command() + " (" + e.requestType() + ")");
        out.println("key:           " + e.key().value() + " (tenant " + e.tenant().value() + ", log sequence "
                + e.sequence() + ")");
        out.println("actor:         " + e.actor() + " " + e.permissions());
        out.println("business date: " + e.businessDate() + ", recorded at " + e.recordedAt());
        out.println("request:       " + e.request());
    }

    private static void printDecision(PrintWriter out, CommandLogEntry e) {
        Outcome o = e.outcome();
        out.println("rule set:      " + (e.ruleSet() == null ? "(none)" : e.ruleSet() + " v" + e.ruleVersion()));
        if (o.rulesFired().isEmpty()) {
            out.println("rules fired:   (none)");
        } else {
            out.println("rules fired, in order:");
            for (int i = 0; i < o.rulesFired().size(); i++) {
                out.println("  " + (i + 1) + ". " + o.rulesFired().get(i));
            }
        }
        out.println("outcome:       " + o.status());
        o.rejections().forEach(r -> out.println("  rejected " + r.code() + (r.rule() == null ? "" : " by \"" + r.rule()
                + "\"") + ": " + r.message()));
        for (LedgerEntry en : o.entries()) {
            out.println("  entry " + en.kind() + " " + en.amount().toPlainString() + " " + en.account().unit()
                    + " on " + en.account().owner() + "/" + en.account().program()
                    + (en.document() == null ? "" : ", " + en.document() + (en.line() == null ? "" : "/" + en.line()))
                    + " by \"" + en.rule().rule() + "\"");
        }
        o.balances().forEach(b -> out.println("  balance " + b.account().owner() + "/" + b.account().program() + " "
                + b.balance().toPlainString() + (b.held().signum() == 0 ? "" : ", held " + b.held().toPlainString())));
        o.notices().forEach(n -> out.println("  notice " + n.code() + ": " + n.message()));
    }
}

package org.loyaltyengine.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import org.loyaltyengine.CommandHistory;
import org.loyaltyengine.spi.CommandLogEntry;
import org.loyaltyengine.spi.LedgerEntry;
import org.loyaltyengine.spi.Outcome;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code loyalty explain <key>}: one logged command as the log holds it: what was asked, by whom, under which
 * rule-set version, the rules that fired in the order they fired, and what was decided.
 */
@Command(name = "explain", sortOptions = false,
        header = "Shows one logged command: its request, the rules that fired and the outcome.",
        description = "Finds the command logged under KEY in the JSON-lines export of a command log and prints"
                + " its command, tenant, acting user and permissions, business date and recorded time, the request"
                + " as canonical JSON, the rule set and version that decided it, the rules that fired in the order"
                + " they fired, and the outcome: status, reasons, ledger entries, balances and notices.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
                "0:the command was found and shown",
                "1:no command is logged under the key, or the log could not be read",
                "2:usage error (a missing file, a key logged for several tenants without --tenant)"})
final class ExplainCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "KEY", description = "the command's idempotency key")
    String key;

    @Option(names = "--log", required = true, paramLabel = "FILE", description = "the exported command log"
            + " (JSON lines)")
    Path log;

    @Option(names = "--tenant", paramLabel = "TENANT", description = "the tenant, when the log holds several")
    String tenant;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;

    @Override
    public Integer call() throws IOException {
        CommandLine line = spec.commandLine();
        PrintWriter out = line.getOut();
        if (!Files.isRegularFile(log)) {
            throw new CommandLine.ParameterException(line, "the log " + log + " does not exist or is not a file");
        }
        List<CommandLogEntry> entries;
        try (Reader in = Files.newBufferedReader(log, StandardCharsets.UTF_8)) {
            entries = CommandHistory.importFrom(in);
        }
        List<CommandLogEntry> found = entries.stream().filter(e -> e.key().value().equals(key)
                && (tenant == null || e.tenant().value().equals(tenant))).toList();
        if (found.isEmpty()) {
            out.println("explain: no command is logged under key " + key
                    + (tenant == null ? "" : " for tenant " + tenant) + " in " + log);
            return LoyaltyCli.PROBLEMS;
        }
        if (found.size() > 1) {
            // A key is unique within its tenant: several entries are several tenants'.
            throw new CommandLine.ParameterException(line, "key " + key + " is logged for tenants "
                    + found.stream().map(e -> e.tenant().value()).toList() + "; name one with --tenant");
        }
        print(out, found.get(0));
        return LoyaltyCli.OK;
    }

    private static void print(PrintWriter out, CommandLogEntry e) {
        Outcome o = e.outcome();
        out.println("command:       " + e.command() + " (" + e.requestType() + ")");
        out.println("key:           " + e.key().value() + " (tenant " + e.tenant().value() + ", log sequence "
                + e.sequence() + ")");
        out.println("actor:         " + e.actor() + " " + e.permissions());
        out.println("business date: " + e.businessDate() + ", recorded at " + e.recordedAt());
        out.println("request:       " + e.request());
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

package org.loyaltyengine;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.loyaltyengine.internal.CanonicalJson;
import org.loyaltyengine.internal.CommandRequests;
import org.loyaltyengine.internal.EvaluationRecorder;
import org.loyaltyengine.spi.Actor;
import org.loyaltyengine.spi.Checks;
import org.loyaltyengine.spi.CommandLogEntry;
import org.loyaltyengine.spi.CommandLogQuery;
import org.loyaltyengine.spi.IdempotencyKey;
import org.loyaltyengine.spi.IllegalStoreUseException;
import org.loyaltyengine.spi.InvalidValueException;
import org.loyaltyengine.spi.LoyaltyException;
import org.loyaltyengine.spi.LoyaltyStore;
import org.loyaltyengine.spi.Outcome;
import org.loyaltyengine.spi.TenantId;

/**
 * The command log (SPEC X-11): every command the engine executed for a tenant, applied or rejected, with
 * its request as canonical JSON, who asked, the business date, when it was decided, and the outcome with
 * the rule-set version and the rules that fired. Read it by period and command, export it as JSON lines
 * and import such a file again (docs/command-log.md), rebuild a logged request ({@link #readRequest}) and
 * run it once more ({@link #rerun}).
 *
 * <p>Reading shows what customers did and what they were given, so it needs {@link #READ_PERMISSION}; the
 * refusal comes before the store is opened.
 */
public final class CommandHistory {
    /** The permission to read and export the command log. */
    public static final String READ_PERMISSION = "command-log.read";

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final LoyaltyStore store;
    private final CommandRequests requests;

    CommandHistory(LoyaltyStore store, CommandRequests requests) {
        this.store = store;
        this.requests = requests;
    }

    /** The entries the query asks for, oldest first. */
    public List<CommandLogEntry> read(TenantId tenant, Actor reader, CommandLogQuery query) {
        Checks.notNull(tenant, "tenant");
        allowed(reader, "the command log");
        Checks.notNull(query, "command log query");
        return store.inTransaction(tenant, tx -> {
            if (!tx.commandLog().kept()) {
                throw new IllegalStoreUseException("this store keeps no command log; a store keeps one by"
                        + " implementing StoreTransaction.commandLog()");
            }
            return tx.commandLog().read(query);
        });
    }

    /**
     * Writes every entry the query matches as JSON lines, one entry a line (docs/command-log.md), reading
     * the log a page of {@code query.limit()} entries at a time. Returns how many it wrote.
     */
    public long export(TenantId tenant, Actor reader, CommandLogQuery query, Writer out) {
        Checks.notNull(out, "writer");
        allowed(reader, "an export of the command log");
        long written = 0;
        CommandLogQuery page = Checks.notNull(query, "command log query");
        try {
            while (true) {
                List<CommandLogEntry> entries = read(tenant, reader, page);
                for (CommandLogEntry e : entries) {
                    out.write(line(e));
                    out.write('\n');
                    written++;
                }
                if (entries.size() < page.limit()) {
                    break;
                }
                page = page.after(entries.get(entries.size() - 1).sequence());
            }
            out.flush();
        } catch (IOException e) {
            throw new IoFailedException("writing the command log export", e);
        }
        return written;
    }

    /**
     * Reads an export back, entry by entry in the file's order. A line that is not an entry is a typed error
     * naming its line number; blank lines are skipped.
     */
    public static List<CommandLogEntry> importFrom(Reader in) {
        List<CommandLogEntry> entries = new ArrayList<>();
        importFrom(in, entries::add);
        return entries;
    }

    /**
     * Reads an export back as a stream: each entry handed to {@code each} as soon as its line is read, in the
     * file's order, so that a reader of a log of any length holds one entry at a time. A line that is not an
     * entry is a typed error naming its line number (the entries before it have been handed on); blank lines
     * are skipped.
     *
     * @return how many entries were read
     */
    public static long importFrom(Reader in, Consumer<CommandLogEntry> each) {
        Checks.notNull(in, "reader");
        Checks.notNull(each, "consumer of entries");
        BufferedReader lines = in instanceof BufferedReader b ? b : new BufferedReader(in);
        int number = 0;
        long read = 0;
        try {
            for (String text = lines.readLine(); text != null; text = lines.readLine()) {
                number++;
                if (text.isBlank()) {
                    continue;
                }
                CommandLogEntry entry;
                try {
                    entry = entry(CanonicalJson.tree(text));
                } catch (LoyaltyException e) {
                    throw new InvalidValueException("line " + number + " of the command log is not an entry: "
                            + e.getMessage());
                }
                each.accept(entry);
                read++;
            }
        } catch (IOException e) {
            throw new IoFailedException("reading a command log export", e);
        }
        return read;
    }

    /**
     * The request record a logged entry holds, as the command received it: a value of the type the entry
     * names, which must be one the command takes.
     */
    public Object readRequest(CommandLogEntry entry) {
        Checks.notNull(entry, "command log entry");
        return requests.read(entry.command(), entry.requestType(), entry.request());
    }

    /**
     * Runs a logged command again on this engine, as its facade ran it: the request {@link #readRequest}
     * rebuilds, under the entry's tenant, key and business date, for its actor with the permissions logged.
     * What-if runs an import of a log entry by entry on an engine over an in-memory store, its clock set to
     * each entry's {@code recordedAt}, so that each command decides on the same state and time as it did.
     * The key is the entry's: on the store the command ran on, the rerun is a repeat and returns the first
     * outcome.
     */
    public Outcome rerun(CommandLogEntry entry) {
        Object request = readRequest(entry);
        CommandContext ctx = new CommandContext(entry.tenant(), new Actor(entry.actor(),
                Set.copyOf(entry.permissions())), entry.key(), entry.businessDate(), false);
        return requests.run(entry.command(), ctx, request);
    }

    /**
     * Explains a logged command (SPEC X-11): runs it again on this engine as {@link #rerun} does, recording each
     * evaluation it makes (the rule set and version, the facts inserted, the rules fired in order), and compares
     * the outcome with the logged one.
     *
     * <p>The facts are the ones the rules saw when the store holds what it held before the command, and the clock
     * reads the entry's {@code recordedAt}: an engine over an in-memory store on which the tenant's log up to the
     * entry has been rerun, entry by entry, as {@code bin/loyalty explain} does. The command is applied there like
     * any other. On the store the command ran on its key already has an outcome, and running it again would be a
     * repeat that evaluates nothing: then nothing runs, and the explanation says why it shows no facts. Whatever
     * makes the facts uncertain is named in {@link Explanation#caveats()}, never papered over.
     */
    public Explanation explain(CommandLogEntry entry) {
        Checks.notNull(entry, "command log entry");
        Object request = readRequest(entry);
        List<String> caveats = new ArrayList<>();
        if (store.inTransaction(entry.tenant(), tx -> tx.outcomes().find(entry.key())).isPresent()) {
            caveats.add("this store already holds an outcome under key " + entry.key().value() + ": running the"
                    + " command again would be a repeat that evaluates no rule, so the facts its rules saw cannot be"
                    + " shown; explain it on a store that holds what the log held before it (bin/loyalty explain"
                    + " reruns the log up to it in memory)");
            return new Explanation(entry, request, List.of(), null, false, caveats);
        }
        EvaluationRecorder.Recorded<Outcome> run;
        try {
            run = EvaluationRecorder.recording(() -> rerun(entry));
        } catch (LoyaltyException e) {
            caveats.add("running the command again threw " + e.code() + ": " + e.getMessage() + "; the facts its"
                    + " rules saw are not known");
            return new Explanation(entry, request, List.of(), null, false, caveats);
        }
        List<Explanation.Evaluation> evaluations = new ArrayList<>();
        for (EvaluationRecorder.Evaluation ev : run.evaluations()) {
            List<Explanation.Fact> facts = new ArrayList<>();
            for (EvaluationRecorder.Seen f : ev.facts()) {
                facts.add(new Explanation.Fact(f.type(), f.json(), f.exact()));
                if (!f.exact()) {
                    caveats.add("the fact " + f.type() + " of " + ev.ruleSet() + " v" + ev.version() + " has no JSON"
                            + " form and is shown as its text");
                }
            }
            evaluations.add(new Explanation.Evaluation(ev.ruleSet(), ev.version(), facts, ev.rulesFired()));
        }
        String difference = difference(run.result(), entry.outcome());
        if (difference != null) {
            caveats.add("running the command again decided otherwise than the log (" + difference + "): the state"
                    + " it ran on is not the one the command saw, so these are not the facts its rules saw");
        }
        return new Explanation(entry, request, evaluations, run.result(), difference == null, caveats);
    }

    /**
     * The first way {@code now} differs from the logged outcome, as a reader would put it; null when they agree.
     * Ledger entries are compared without the store's sequence numbers and times (a store numbers its own), and
     * messages are left out (the reason codes are the decision).
     */
    private static String difference(Outcome now, Outcome logged) {
        if (now.status() != logged.status()) {
            return "status " + now.status() + ", logged " + logged.status();
        }
        if (!now.reasonCodes().equals(logged.reasonCodes())) {
            return "reasons " + now.reasonCodes() + ", logged " + logged.reasonCodes();
        }
        if (!java.util.Objects.equals(now.ruleSet(), logged.ruleSet()) || now.ruleVersion() != logged.ruleVersion()) {
            return "rule set " + now.ruleSet() + " v" + now.ruleVersion() + ", logged " + logged.ruleSet() + " v"
                    + logged.ruleVersion();
        }
        if (!now.rulesFired().equals(logged.rulesFired())) {
            return "rules fired " + now.rulesFired() + ", logged " + logged.rulesFired();
        }
        if (!movements(now).equals(movements(logged))) {
            return "ledger entries " + movements(now) + ", logged " + movements(logged);
        }
        if (!now.balances().equals(logged.balances())) {
            return "balances " + now.balances() + ", logged " + logged.balances();
        }
        return null;
    }

    private static List<String> movements(Outcome o) {
        return o.entries().stream().map(e -> e.kind() + " " + e.amount().toPlainString() + " " + e.account().owner()
                + "/" + e.account().program() + " " + e.document() + "/" + e.line() + " by " + e.rule().rule())
                .toList();
    }

    /** Every command the engine runs, with the request types it takes: what {@link #readRequest} reads. */
    public Map<String, Set<Class<?>>> commands() {
        return requests.all();
    }

    private static void allowed(Actor reader, String what) {
        Checks.notNull(reader, "reader");
        if (!reader.may(READ_PERMISSION)) {
            throw new PermissionRequiredException(what, reader.user(), READ_PERMISSION);
        }
    }

    /** One line of the export: the entry's fields, the request and the outcome nested as JSON, keys sorted. */
    static String line(CommandLogEntry e) {
        ObjectNode line = NODES.objectNode();
        line.put("actor", e.actor());
        line.put("businessDate", e.businessDate().toString());
        line.put("command", e.command());
        line.put("idempotencyKey", e.key().value());
        line.set("outcome", CanonicalJson.tree(CanonicalJson.write(e.outcome())));
        ArrayNode permissions = line.putArray("permissions");
        e.permissions().forEach(permissions::add);
        line.put("recordedAt", e.recordedAt().toString());
        line.set("request", CanonicalJson.tree(e.request()));
        line.put("requestType", e.requestType());
        if (e.ruleSet() == null) {
            line.putNull("ruleSet");
        } else {
            line.put("ruleSet", e.ruleSet());
        }
        line.put("ruleVersion", e.ruleVersion());
        ArrayNode fired = line.putArray("rulesFired");
        e.rulesFired().forEach(fired::add);
        line.put("sequence", e.sequence());
        line.put("status", e.status().name());
        line.put("tenant", e.tenant().value());
        return CanonicalJson.write(line);
    }

    private static CommandLogEntry entry(JsonNode line) {
        if (!line.isObject()) {
            throw new InvalidValueException("an entry is a JSON object");
        }
        Outcome outcome = CanonicalJson.read(required(line, "outcome"), Outcome.class);
        CommandLogEntry e = new CommandLogEntry(required(line, "sequence").asLong(),
                TenantId.of(text(line, "tenant")), IdempotencyKey.of(text(line, "idempotencyKey")),
                text(line, "command"), text(line, "requestType"), text(line, "actor"), strings(line, "permissions"),
                java.time.LocalDate.parse(text(line, "businessDate")), java.time.Instant.parse(text(line,
                "recordedAt")), CanonicalJson.write(required(line, "request")), outcome);
        // The summary fields are the outcome's own; a file where they disagree was edited by hand.
        if (!e.status().name().equals(text(line, "status")) || required(line, "ruleVersion").asInt() != e.ruleVersion()
                || !java.util.Objects.equals(e.ruleSet(), line.path("ruleSet").isNull() ? null : text(line, "ruleSet"))
                || !e.rulesFired().equals(strings(line, "rulesFired"))) {
            throw new InvalidValueException("its status, rule set, version or rules fired are not its outcome's");
        }
        return e;
    }

    private static JsonNode required(JsonNode line, String field) {
        JsonNode value = line.get(field);
        if (value == null) {
            throw new InvalidValueException("it has no " + field);
        }
        return value;
    }

    private static String text(JsonNode line, String field) {
        JsonNode value = required(line, field);
        if (!value.isTextual()) {
            throw new InvalidValueException("its " + field + " is not text");
        }
        return value.asText();
    }

    private static List<String> strings(JsonNode line, String field) {
        JsonNode value = required(line, field);
        if (!value.isArray()) {
            throw new InvalidValueException("its " + field + " is not a list");
        }
        List<String> strings = new ArrayList<>();
        for (Iterator<JsonNode> i = value.elements(); i.hasNext(); ) {
            JsonNode s = i.next();
            if (!s.isTextual()) {
                throw new InvalidValueException("its " + field + " holds something other than text");
            }
            strings.add(s.asText());
        }
        return strings;
    }
}

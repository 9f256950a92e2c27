package org.loyaltyengine.cli;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.IntConsumer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.loyaltyengine.CommandContext;
import org.loyaltyengine.LoyaltyEngine;
import org.loyaltyengine.RuleSource;
import org.loyaltyengine.card.CardRequests;
import org.loyaltyengine.credits.CreditRequests;
import org.loyaltyengine.customers.CustomerRequests;
import org.loyaltyengine.pos.PosRequests;
import org.loyaltyengine.points.PointsRequests.ExpireYear;
import org.loyaltyengine.points.SavingsPoints;
import org.loyaltyengine.spi.AccountKey;
import org.loyaltyengine.spi.Actor;
import org.loyaltyengine.spi.Balance;
import org.loyaltyengine.spi.CommandLogEntry;
import org.loyaltyengine.spi.EntryKind;
import org.loyaltyengine.spi.InMemoryStore;
import org.loyaltyengine.spi.LedgerEntry;
import org.loyaltyengine.spi.LoyaltyException;
import org.loyaltyengine.spi.Outcome;
import org.loyaltyengine.spi.TenantId;

/**
 * Runs the commands of a command log again, in the log's order, on a fresh in-memory store through an engine
 * built on a given rule source (SPEC X-11: what-if and its baseline). Each command runs as it was logged: the
 * same tenant, idempotency key, acting user with the permissions it held, and business date, with a clock that
 * reads the time the command was recorded at, so that whatever the pipeline stamps (ledger entries, holds, the
 * outcome's decided time) is what it stamped then. Nothing but the in-memory store is ever written.
 *
 * <p>A logged request is rebuilt with {@code engine.commandLog().readRequest} and handed to the facade method
 * that takes its type (found on the facades' public interfaces, {@code Outcome m(CommandContext, Request)}), so
 * that it takes the path a host's call takes; the few methods that take the request's parts (a customer's
 * update, a field declaration) or nothing (the expiry jobs, enrolling every customer) are called with them. The
 * one command whose logged record is not the facade's request, the year-end expiry (it logs the request with the
 * day the job ran), is given its request from the JSON.
 */
final class Replay {
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * What one command did on replay, normalised for comparison: its outcome, or the typed error it threw
     * (a logged command never threw: a command that throws is not logged).
     */
    record Result(CommandLogEntry entry, Outcome outcome, String error) {
        boolean applied() {
            return outcome != null && outcome.applied();
        }
    }

    private final RuleSource rules;

    Replay(RuleSource rules) {
        this.rules = rules;
    }

    /**
     * Every entry run again, in order; {@code progress} is told how many ran, now and then. Entries whose
     * request cannot be rebuilt or routed are results with an error, as are commands that throw.
     */
    List<Result> run(List<CommandLogEntry> entries, IntConsumer progress) {
        SettableClock clock = new SettableClock();
        LoyaltyEngine engine = LoyaltyEngine.builder().store(new InMemoryStore()).rules(rules).clock(clock).build();
        Map<Class<?>, Route> routes = routes(engine);
        List<Result> results = new ArrayList<>(entries.size());
        int done = 0;
        for (CommandLogEntry e : entries) {
            clock.now = e.recordedAt();
            CommandContext ctx = new CommandContext(e.tenant(), new Actor(e.actor(), new HashSet<>(e.permissions())),
                    e.key(), e.businessDate(), false);
            Outcome outcome = null;
            String error = null;
            try {
                Object request = request(engine, e);
                Route route = routes.get(request.getClass());
                outcome = route != null ? route.invoke(ctx, request) : other(engine, ctx, request);
                if (outcome == null) {
                    error = "the replay cannot run a " + request.getClass().getName() + " (no facade method takes"
                            + " it alone)";
                }
            } catch (LoyaltyException ex) {
                error = ex.code() + ": " + ex.getMessage();
            }
            results.add(new Result(e, outcome, error));
            done++;
            if (done % 500 == 0) {
                progress.accept(done);
            }
        }
        return results;
    }

    private static Object request(LoyaltyEngine engine, CommandLogEntry e) {
        if ("savings-points.expire-year".equals(e.command())) {
            // Logged with the day the run ran (its own record); the facade takes the year.
            try {
                JsonNode node = JSON.readTree(e.request());
                JsonNode year = node.path("request").path("year");
                if (year.isInt()) {
                    return new ExpireYear(year.asInt());
                }
            } catch (java.io.IOException ex) {
                throw new org.loyaltyengine.spi.InvalidValueException("the request of " + e.key().value()
                        + " is not JSON: " + ex.getMessage());
            }
        }
        return engine.commandLog().readRequest(e);
    }

    /**
     * The commands whose facade method takes the request's parts, or nothing, rather than the request; null for
     * a request no facade method takes (an import row, the card enrolment a new customer triggers: they run
     * inside another call).
     */
    private static Outcome other(LoyaltyEngine engine, CommandContext ctx, Object request) {
        if (request instanceof CustomerRequests.Update u) {
            return engine.customers().update(ctx, u.customerId(), u.profile());
        }
        if (request instanceof CustomerRequests.DeclareField f) {
            return engine.customers().declareField(ctx, f.name(), f.type());
        }
        if (request instanceof PosRequests.ExpireHolds) {
            return engine.posCards().expireHolds(ctx);
        }
        if (request instanceof CardRequests.EnrolAll) {
            return engine.customerCards().enrolAll(ctx);
        }
        if (request instanceof CreditRequests.ExpireLots) {
            return engine.credits().expireLots(ctx);
        }
        return null;
    }

    /** The facade method taking each request type, over every program the engine has. */
    private static Map<Class<?>, Route> routes(LoyaltyEngine engine) {
        Map<Class<?>, Route> routes = new HashMap<>();
        List<Object> facades = List.of(engine.posCards(), engine.savingsPoints(), engine.customerCards(),
                engine.customers(), engine.credits());
        List<Class<?>> interfaces = List.of(org.loyaltyengine.pos.PosCards.class, SavingsPoints.class,
                org.loyaltyengine.card.CustomerCards.class, org.loyaltyengine.customers.Customers.class,
                org.loyaltyengine.credits.Credits.class);
        for (int i = 0; i < facades.size(); i++) {
            Object facade = facades.get(i);
            for (Method m : interfaces.get(i).getMethods()) {
                Class<?>[] params = m.getParameterTypes();
                if (Modifier.isStatic(m.getModifiers()) || m.getReturnType() != Outcome.class || params.length != 2
                        || params[0] != CommandContext.class || !params[1].isRecord()) {
                    continue;
                }
                Route other = routes.put(params[1], new Route(facade, m));
                if (other != null) {
                    // Two programs' methods taking one request type would make the routing a guess.
                    throw new IllegalStateException(params[1].getName() + " is taken by " + other.method() + " and "
                            + m);
                }
            }
        }
        return routes;
    }

    private record Route(Object facade, Method method) {
        Outcome invoke(CommandContext ctx, Object request) {
            try {
                return (Outcome) method.invoke(facade, ctx, request);
            } catch (InvocationTargetException e) {
                if (e.getCause() instanceof RuntimeException r) {
                    throw r;
                }
                throw new IllegalStateException(e.getCause());
            } catch (IllegalAccessException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** The clock of a replay: each command reads the instant it was recorded at. */
    private static final class SettableClock extends Clock {
        volatile Instant now = Instant.EPOCH;

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException("a replay's clock is in UTC");
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    // ------------------------------------------------------------------ normalised outcomes

    /** A ledger entry as compared: what moved where, by which rule, on which document, date and note. */
    record Movement(AccountKey account, EntryKind kind, BigDecimal amount, String document, String line,
                    LocalDate businessDate, String note, String rule) {
        static Movement of(LedgerEntry e) {
            return new Movement(e.account(), e.kind(), e.amount(), e.document(), e.line(), e.businessDate(), e.note(),
                    e.rule().rule());
        }
    }

    /**
     * An outcome in the form the baseline compares: status, reason codes, rule set, version and rules fired, the
     * entries (without the ledger's sequence numbers, which a log that starts after the store's first command
     * cannot reproduce) and the balances after. Messages are left out (text for people; the codes are the
     * decision), as are hold ids (made up by the store) and the decided time (the clock's, by construction).
     */
    record Normalised(Outcome.Status status, List<String> reasons, String ruleSet, int ruleVersion,
                      List<String> rulesFired, List<Movement> entries, List<Balance> balances) {
        static Normalised of(Outcome o) {
            return new Normalised(o.status(), o.reasonCodes(), o.ruleSet(), o.ruleVersion(), o.rulesFired(),
                    o.entries().stream().map(Movement::of).toList(), o.balances());
        }

        /** The first field that differs from {@code other}'s, described for a report; null when equal. */
        String firstDifference(Normalised other) {
            if (status != other.status) {
                return "status " + status + " was " + other.status;
            }
            if (!reasons.equals(other.reasons)) {
                return "reasons " + reasons + " were " + other.reasons;
            }
            if (!Objects.equals(ruleSet, other.ruleSet) || ruleVersion != other.ruleVersion) {
                return "rule set " + ruleSet + " v" + ruleVersion + " was " + other.ruleSet + " v" + other.ruleVersion;
            }
            if (!rulesFired.equals(other.rulesFired)) {
                return "rules fired " + rulesFired + " were " + other.rulesFired;
            }
            if (!entries.equals(other.entries)) {
                return "entries " + entries + " were " + other.entries;
            }
            if (!balances.equals(other.balances)) {
                return "balances " + balances + " were " + other.balances;
            }
            return null;
        }
    }

    /** How a replay under the recorded versions differs from the log: one line per entry that does not reproduce. */
    static List<String> baselineDifferences(List<Result> baseline) {
        List<String> differences = new ArrayList<>();
        for (Result r : baseline) {
            String why = r.error() != null ? "threw " + r.error()
                    : Normalised.of(r.outcome()).firstDifference(Normalised.of(r.entry().outcome()));
            if (why != null) {
                differences.add(describe(r.entry()) + ": " + why);
            }
        }
        return differences;
    }

    static String describe(CommandLogEntry e) {
        return "#" + e.sequence() + " " + e.command() + " key " + e.key().value() + " (tenant " + e.tenant().value()
                + ", " + e.businessDate() + ")";
    }

    /** The tenant a result's accounts belong to, with the account: what the what-if report is per. */
    record TenantAccount(TenantId tenant, AccountKey account) {
    }
}

package org.loyaltyengine.testing;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;

import org.loyaltyengine.CommandContext;
import org.loyaltyengine.LoyaltyEngine;
import org.loyaltyengine.pos.PosCards;
import org.loyaltyengine.pos.PosRequests.AbandonReceipt;
import org.loyaltyengine.pos.PosRequests.AddItem;
import org.loyaltyengine.pos.PosRequests.ChangeCredit;
import org.loyaltyengine.pos.PosRequests.IdentifyCard;
import org.loyaltyengine.pos.PosRequests.OpenReceipt;
import org.loyaltyengine.pos.PosRequests.PayReceipt;
import org.loyaltyengine.spi.Account;
import org.loyaltyengine.spi.AccountKey;
import org.loyaltyengine.spi.Actor;
import org.loyaltyengine.spi.Card;
import org.loyaltyengine.spi.Hold;
import org.loyaltyengine.spi.LedgerEntry;
import org.loyaltyengine.spi.LoyaltyStore;
import org.loyaltyengine.spi.Money;
import org.loyaltyengine.spi.Outcome;
import org.loyaltyengine.spi.StoredOutcome;
import org.loyaltyengine.spi.TenantId;

/**
 * The contention workload for several engine instances sharing one store (SPEC X-4, X-5): the engine keeps no
 * state between commands, so instances in threads of one JVM, in separate JVMs, or writing through different
 * nodes of a multi-primary cluster must leave the store as if one instance had run every command, one at a
 * time. Every instance runs the POS card program on the same tenant: a few hot cards and more cold ones,
 * manual draws that often ask more than is left, draws of far more than any card ever holds, top-ups,
 * receipts that reserve from a card (holds) and are paid, abandoned or left open, and racing idempotency
 * keys that every thread of every instance submits at about the same moment with the same request.
 *
 * <p>Afterwards {@link #verify} checks what the store holds: every card's balance is the sum of its entries,
 * its held amount the sum of its pending holds and what is available never below its floor; every stored
 * outcome's entries are exactly the entries the ledger holds under its key (so no key applied twice); every
 * racing key was applied once and every submission of it got the same outcome; every far-too-large draw was
 * refused.
 *
 * <p>{@link #prepare} runs once before the instances start; {@link #run} is one instance's share and returns
 * its {@link Figures}, which {@link Figures#toText} and {@link Figures#fromText} carry between JVMs.
 */
public final class ScaleOutWorkload {
    public static final int HOT = 3;
    public static final int COLD = 12;
    /** Each card's first deposit; draws and reservations outrun top-ups, so cards spend much time near empty. */
    public static final String STARTING_CREDIT = "150.00";
    /** A draw of this much always exceeds what a card holds: less than this is ever loaded in a run. */
    public static final String FAR_TOO_MUCH = "9999999.00";
    /**
     * Racing keys change each this many milliseconds, so submissions of one key meet: long enough that
     * instances doing a few commands a second (a loaded machine) still submit one key together.
     */
    public static final long RACE_SLOT_MILLIS = 1000;
    /** The till user: the same for every instance, since a stored outcome is replayed only to its own user. */
    public static final Actor TILL = Actor.of("scale-out-till", PosCards.CARDS_PERMISSION, PosCards.SETTINGS_PERMISSION,
            PosCards.MANUAL_PERMISSION);

    private final TenantId tenant;

    public ScaleOutWorkload(TenantId tenant) {
        this.tenant = tenant;
    }

    public TenantId tenant() {
        return tenant;
    }

    public static String hot(int i) {
        return "9" + String.format(java.util.Locale.ROOT, "%03d", i);
    }

    public static String cold(int i) {
        return "8" + String.format(java.util.Locale.ROOT, "%03d", i);
    }

    public static List<String> cards() {
        List<String> all = new ArrayList<>();
        IntStream.range(0, HOT).mapToObj(ScaleOutWorkload::hot).forEach(all::add);
        IntStream.range(0, COLD).mapToObj(ScaleOutWorkload::cold).forEach(all::add);
        return all;
    }

    private CommandContext ctx(String key) {
        return CommandContext.of(tenant, TILL, key, LocalDate.now(ZoneOffset.UTC));
    }

    /**
     * A new engine instance on {@code store} with the default rule sets and the system clock: what each
     * instance of a scale-out run builds for itself (the engine keeps no state of its own between commands).
     */
    public static LoyaltyEngine instance(LoyaltyStore store) {
        return LoyaltyEngine.builder().store(store).build();
    }

    /** {@link #prepare} through an engine instance of its own on {@code store}. */
    public void prepareOn(LoyaltyStore store) {
        prepare(instance(store));
    }

    /**
     * {@link #run} through an engine instance of its own on {@code store}, as a host in another JVM does, after a
     * warm-up on a tenant of the instance's own (the rule set compiled, the store's and the JVM's code paths
     * warm), so that the measured run is not its first commands. {@code ready} runs between the two: a host
     * starting several instances waits there until all are warm, so that they contend from the first second.
     */
    public Figures runOn(LoyaltyStore store, String instance, int threads, Duration duration, int maxCommandsPerThread,
                         Runnable ready) throws Exception {
        LoyaltyEngine engine = instance(store);
        ScaleOutWorkload warm = new ScaleOutWorkload(TenantId.of(tenant.value() + "-warm-" + instance));
        warm.prepare(engine);
        warm.run(engine, instance, threads, Duration.ofMinutes(5), 5);
        ready.run();
        return run(engine, instance, threads, duration, maxCommandsPerThread);
    }

    /** Defines the cards and loads each; keyed, so running it twice changes nothing. */
    public void prepare(LoyaltyEngine engine) {
        PosCards pos = engine.posCards();
        for (String number : cards()) {
            expectApplied(pos.defineCard(ctx("prep-define-" + number), new Card(number, "Scale", "Out",
                    BigDecimal.ZERO, true, true, Money.currency("CZK"))), "define " + number);
            expectApplied(pos.changeCredit(ctx("prep-load-" + number), new ChangeCredit(number,
                    Money.of(STARTING_CREDIT, "CZK"), "first deposit")), "load " + number);
        }
    }

    private static void expectApplied(Outcome o, String what) {
        if (!o.applied()) {
            throw new IllegalStateException(what + " was refused: " + o.reasonCodes());
        }
    }

    /**
     * One instance's share: {@code threads} threads, each running commands until {@code duration} has passed or
     * it has run {@code maxCommandsPerThread}. {@code instance} names the instance's keys and receipts, so
     * only the racing keys are shared between instances.
     */
    public Figures run(LoyaltyEngine engine, String instance, int threads, Duration duration, int maxCommandsPerThread)
            throws Exception {
        PosCards pos = engine.posCards();
        long deadline = System.nanoTime() + duration.toNanos();
        Tally tally = new Tally();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        long began = System.nanoTime();
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                String thread = instance + "-t" + t;
                Random random = new Random(thread.hashCode() * 31L + 7);
                running.add(pool.submit(() -> {
                    for (int i = 0; i < maxCommandsPerThread && System.nanoTime() < deadline; i++) {
                        step(pos, thread + "-" + i, random, tally);
                    }
                    return null;
                }));
            }
            for (Future<?> f : running) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
            pool.awaitTermination(1, TimeUnit.MINUTES);
        }
        long elapsed = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - began);
        return tally.figures(instance, elapsed);
    }

    /** One step: one command, or the commands of one receipt. */
    private void step(PosCards pos, String key, Random random, Tally tally) {
        String card = random.nextInt(10) < 7 ? hot(random.nextInt(HOT)) : cold(random.nextInt(COLD));
        int dice = random.nextInt(100);
        try {
            if (dice < 25) {
                tally.count(pos.changeCredit(ctx(key), new ChangeCredit(card,
                        Money.of("-" + (1 + random.nextInt(30)) + ".00", "CZK"), "draw")));
            } else if (dice < 30) {
                tally.overdraws.incrementAndGet();
                Outcome o = pos.changeCredit(ctx(key), new ChangeCredit(card, Money.of("-" + FAR_TOO_MUCH, "CZK"),
                        "far too much"));
                tally.count(o);
                if (o.rejected() && o.reasonCodes().contains("INSUFFICIENT_CREDIT")) {
                    tally.overdrawsRefused.incrementAndGet();
                } else {
                    tally.problem("a draw of " + FAR_TOO_MUCH + " from " + card + " was not refused: " + o);
                }
            } else if (dice < 45) {
                tally.count(pos.changeCredit(ctx(key), new ChangeCredit(card, czk(1 + random.nextInt(20)), "top-up")));
            } else if (dice < 85) {
                receipt(pos, key, card, random, tally);
            } else {
                race(pos, tally);
            }
        } catch (RuntimeException e) {
            tally.error(key, e);
        }
    }

    private void receipt(PosCards pos, String receipt, String card, Random random, Tally tally) {
        if (!tally.count(pos.openReceipt(ctx(receipt + "-open"), new OpenReceipt(receipt, Money.currency("CZK"))))
                .applied()) {
            tally.problem("receipt " + receipt + " could not be opened");
            return;
        }
        tally.count(pos.identifyCard(ctx(receipt + "-card"), new IdentifyCard(receipt, card, null)));
        int items = 1 + random.nextInt(2);
        for (int line = 1; line <= items; line++) {
            // Refused (INSUFFICIENT_CREDIT) when the card has less available than the price.
            tally.count(pos.addItem(ctx(receipt + "-item" + line), AddItem.of(receipt, "l" + line, "item",
                    czk(1 + random.nextInt(40)), "21")));
        }
        int end = random.nextInt(100);
        if (end < 60) {
            tally.count(pos.pay(ctx(receipt + "-pay"), new PayReceipt(receipt)));
        } else if (end < 85) {
            tally.count(pos.abandon(ctx(receipt + "-abandon"), new AbandonReceipt(receipt)));
        }
        // else left open: its reservations stay pending, and held must still equal the pending holds
    }

    /**
     * A key every thread of every instance submits with the same request while the clock is in one slot:
     * the first to commit applies it, every other submission gets that outcome back.
     */
    private void race(PosCards pos, Tally tally) {
        long slot = System.currentTimeMillis() / RACE_SLOT_MILLIS;
        String key = "race-" + slot;
        String card = hot((int) (slot % HOT));
        tally.raceSubmissions.incrementAndGet();
        Outcome o = pos.changeCredit(ctx(key), new ChangeCredit(card, czk(1), "race"));
        tally.count(o);
        String digest = digest(o);
        String before = tally.races.putIfAbsent(key, digest);
        if (before != null && !before.equals(digest)) {
            tally.problem("two submissions of " + key + " got different outcomes: " + before + " and " + digest);
        }
    }

    /** What two submissions of one key must agree on: the status, the entries' sequences and the decision time. */
    static String digest(Outcome o) {
        return o.status() + "@" + o.decidedAt() + ":" + o.entries().stream().map(e -> Long.toString(e.sequence()))
                .toList();
    }

    private static Money czk(int whole) {
        return Money.of(whole + ".00", "CZK");
    }

    /**
     * Checks the store after every instance has finished; empty when every guarantee held. {@code instances}
     * are the figures the instances returned (for the racing keys and the refused draws).
     */
    public List<String> verify(LoyaltyStore store, Collection<Figures> instances) {
        List<String> violations = new ArrayList<>();
        for (Figures f : instances) {
            violations.addAll(f.problems());
            if (f.overdraws() != f.overdrawsRefused()) {
                violations.add(f.instance() + ": " + (f.overdraws() - f.overdrawsRefused())
                        + " draws of far too much were not refused");
            }
        }
        Map<String, String> raced = new HashMap<>();
        for (Figures f : instances) {
            f.races().forEach((key, digest) -> {
                String other = raced.putIfAbsent(key, digest);
                if (other != null && !other.equals(digest)) {
                    violations.add("instances got different outcomes for " + key + ": " + other + " and " + digest);
                }
            });
        }
        store.inTransaction(tenant, tx -> {
            Map<String, List<Long>> ledgerByKey = new HashMap<>();
            for (String number : cards()) {
                AccountKey key = PosCards.accountOf(new Card(number, "Scale", "Out", BigDecimal.ZERO, true, true,
                        Money.currency("CZK")));
                Account a = tx.accounts().find(key).orElse(null);
                if (a == null) {
                    violations.add("card " + number + " has no account");
                    continue;
                }
                List<LedgerEntry> entries = tx.ledger().entries(key);
                BigDecimal sum = LedgerInvariants.sum(entries);
                BigDecimal held = tx.holds().pending(key).stream().map(Hold::amount).reduce(BigDecimal.ZERO,
                        BigDecimal::add);
                if (a.balance().compareTo(sum) != 0) {
                    violations.add("card " + number + ": balance " + a.balance() + " is not the sum of its entries "
                            + sum);
                }
                if (a.held().compareTo(held) != 0) {
                    violations.add("card " + number + ": held " + a.held() + " is not its pending holds " + held);
                }
                if (a.hasFloor() && a.available().compareTo(a.floor()) < 0) {
                    violations.add("card " + number + ": available " + a.available() + " is below its floor "
                            + a.floor());
                }
                for (LedgerEntry e : entries) {
                    ledgerByKey.computeIfAbsent(e.idempotencyKey(), k -> new ArrayList<>()).add(e.sequence());
                }
            }
            Map<String, StoredOutcome> outcomes = new LinkedHashMap<>();
            for (StoredOutcome s : tx.outcomes().all()) {
                outcomes.put(s.key().value(), s);
            }
            for (StoredOutcome s : outcomes.values()) {
                List<Long> reported = s.outcome().entries().stream().map(LedgerEntry::sequence).sorted().toList();
                List<Long> held = ledgerByKey.getOrDefault(s.key().value(), List.of()).stream().sorted().toList();
                if (!reported.equals(held)) {
                    violations.add("key " + s.key().value() + ": its outcome reports entries " + reported
                            + " but the ledger holds " + held + " under it");
                }
            }
            ledgerByKey.keySet().stream().filter(k -> !outcomes.containsKey(k)).forEach(k -> violations.add(
                    "entries under key " + k + ", which has no stored outcome"));
            raced.forEach((key, digest) -> {
                StoredOutcome s = outcomes.get(key);
                if (s == null) {
                    violations.add("racing key " + key + " was answered but no outcome is stored");
                } else if (!digest(s.outcome()).equals(digest)) {
                    violations.add("racing key " + key + ": the stored outcome " + digest(s.outcome())
                            + " is not what the submissions got, " + digest);
                } else if (s.outcome().applied() && s.outcome().entries().size() != 1) {
                    violations.add("racing key " + key + " moved " + s.outcome().entries().size() + " entries");
                }
            });
            return null;
        });
        return violations;
    }

    /** The counters of one instance, shared by its threads. */
    private static final class Tally {
        final AtomicLong commands = new AtomicLong();
        final AtomicLong applied = new AtomicLong();
        final AtomicLong rejected = new AtomicLong();
        final AtomicLong overdraws = new AtomicLong();
        final AtomicLong overdrawsRefused = new AtomicLong();
        final AtomicLong raceSubmissions = new AtomicLong();
        final AtomicLong errors = new AtomicLong();
        final Map<String, String> races = new ConcurrentHashMap<>();
        final List<String> problems = java.util.Collections.synchronizedList(new ArrayList<>());
        final List<String> errorSamples = java.util.Collections.synchronizedList(new ArrayList<>());

        Outcome count(Outcome o) {
            commands.incrementAndGet();
            (o.applied() ? applied : rejected).incrementAndGet();
            if (!o.applied() && o.reasonCodes().isEmpty()) {
                problem("an outcome neither applied nor refused with a reason: " + o);
            }
            return o;
        }

        void problem(String what) {
            if (problems.size() < 50) {
                problems.add(what);
            }
        }

        void error(String key, RuntimeException e) {
            errors.incrementAndGet();
            if (errorSamples.size() < 10) {
                errorSamples.add(key + ": " + e);
            }
        }

        Figures figures(String instance, long elapsedMillis) {
            return new Figures(instance, elapsedMillis, commands.get(), applied.get(), rejected.get(), overdraws.get(),
                    overdrawsRefused.get(), raceSubmissions.get(), errors.get(), 0, Map.copyOf(races),
                    List.copyOf(problems), List.copyOf(errorSamples));
        }
    }

    /**
     * What one instance did. {@code errors} are commands that threw (a store that gave up retrying, say): not a
     * violation of any guarantee by themselves, but reported. {@code retries} is the store's count of re-run
     * transactions, which the host fills in ({@link #withRetries}); the workload cannot see it.
     */
    public record Figures(String instance, long elapsedMillis, long commands, long applied, long rejected,
                          long overdraws, long overdrawsRefused, long raceSubmissions, long errors, long retries,
                          Map<String, String> races, List<String> problems, List<String> errorSamples) {
        public Figures {
            races = Map.copyOf(races);
            problems = List.copyOf(problems);
            errorSamples = List.copyOf(errorSamples);
        }

        public double perSecond() {
            return commands * 1000.0 / Math.max(1, elapsedMillis);
        }

        public Figures withRetries(long count) {
            return new Figures(instance, elapsedMillis, commands, applied, rejected, overdraws, overdrawsRefused,
                    raceSubmissions, errors, count, races, problems, errorSamples);
        }

        /** As {@link java.util.Properties} text, for a host that runs instances in other JVMs. */
        public String toText() {
            java.util.Properties p = new java.util.Properties();
            p.setProperty("instance", instance);
            long[] numbers = {elapsedMillis, commands, applied, rejected, overdraws, overdrawsRefused,
                    raceSubmissions, errors, retries};
            for (int i = 0; i < NUMBERS.size(); i++) {
                p.setProperty(NUMBERS.get(i), Long.toString(numbers[i]));
            }
            races.forEach((k, v) -> p.setProperty("race." + k, v));
            for (int i = 0; i < problems.size(); i++) {
                p.setProperty("problem." + i, problems.get(i));
            }
            for (int i = 0; i < errorSamples.size(); i++) {
                p.setProperty("error." + i, errorSamples.get(i));
            }
            java.io.StringWriter out = new java.io.StringWriter();
            try {
                p.store(out, null);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            return out.toString();
        }

        private static final List<String> NUMBERS = List.of("elapsedMillis", "commands", "applied", "rejected",
                "overdraws", "overdrawsRefused", "raceSubmissions", "errors", "retries");

        public static Figures fromText(String text) {
            java.util.Properties p = new java.util.Properties();
            try {
                p.load(new java.io.StringReader(text));
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            long[] n = NUMBERS.stream().mapToLong(k -> Long.parseLong(p.getProperty(k))).toArray();
            Map<String, String> races = new HashMap<>();
            List<String> problems = new ArrayList<>();
            List<String> errors = new ArrayList<>();
            for (String k : p.stringPropertyNames()) {
                if (k.startsWith("race.")) {
                    races.put(k.substring(5), p.getProperty(k));
                } else if (k.startsWith("problem.")) {
                    problems.add(p.getProperty(k));
                } else if (k.startsWith("error.")) {
                    errors.add(p.getProperty(k));
                }
            }
            return new Figures(p.getProperty("instance"), n[0], n[1], n[2], n[3], n[4], n[5], n[6], n[7], n[8], races,
                    problems, errors);
        }
    }
}

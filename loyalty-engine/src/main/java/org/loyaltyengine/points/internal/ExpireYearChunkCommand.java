package org.loyaltyengine.points.internal;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import org.loyaltyengine.CommandContext;
import org.loyaltyengine.internal.AccountChunkCommand;
import org.loyaltyengine.internal.Applied;
import org.loyaltyengine.internal.BatchChunkPage;
import org.loyaltyengine.internal.BatchJobDocument;
import org.loyaltyengine.internal.Command;
import org.loyaltyengine.internal.Permission;
import org.loyaltyengine.internal.StoreView;
import org.loyaltyengine.internal.Write;
import org.loyaltyengine.points.PointsRequests.ExpireYear;
import org.loyaltyengine.points.SavingsPoints;
import org.loyaltyengine.rules.facts.Decision;
import org.loyaltyengine.spi.Account;
import org.loyaltyengine.spi.AccountKey;
import org.loyaltyengine.spi.Checks;
import org.loyaltyengine.spi.LedgerEntry;
import org.loyaltyengine.spi.LockKey;
import org.loyaltyengine.spi.Unit;

/**
 * {@code savings-points.expire-year-chunk}: one chunk of the year-end expiry in batch mode (SPEC SP-14, SP-25):
 * the next page of points accounts after where the job's document says the chunk before ended, decided by the
 * same rules on the same facts as {@link ExpireYearCommand} decides every account at once, so batch and one run
 * expire the same points. The chunk writes the job's document in its own transaction, so the document names
 * exactly the chunks applied.
 */
final class ExpireYearChunkCommand implements Command<ExpireYearChunkCommand.Chunk, ExpireYearChunkCommand.Context> {
    /**
     * One chunk as the command takes it ({@link AccountChunkCommand.Request}).
     *
     * @param request the year's expiry that the job runs in chunks
     */
    record Chunk(ExpireYear request, LocalDate ranOn, String job, int chunk, int chunkSize, AccountKey after)
            implements AccountChunkCommand.Request {
        Chunk {
            Checks.notNull(request, "expiry request");
            AccountChunkCommand.Request.check(ranOn, job, chunk, chunkSize);
        }
    }

    /** The year's context over the chunk's accounts, and the job's document once the chunk is applied. */
    record Context(ExpireYearCommand.Context year, BatchJobDocument job) {
    }

    /** The job's parameters as its document keeps them, which a run again with the same key must repeat. */
    static String parameters(ExpireYear request) {
        return "year=" + request.year();
    }

    private final PointsRules rules;
    private final ExpireYearCommand year;

    ExpireYearChunkCommand(PointsRules rules, ExpireYearCommand year) {
        this.rules = rules;
        this.year = year;
    }

    @Override
    public String name() {
        return PointsCommands.name("expire-year-chunk");
    }

    @Override
    public Object fingerprinted(Chunk request) {
        return new Chunk(request.request(), request.ranOn(), request.job(), request.chunk(), request.chunkSize(), null);
    }

    @Override
    public String ruleSet() {
        return SavingsPoints.PROGRAM;
    }

    @Override
    public Permission permission(Chunk request) {
        return PointsCommands.ADMIN;
    }

    @Override
    public Set<LockKey> keys(Chunk chunk, CommandContext ctx) {
        // As the whole run: no points account opens while the chunk reads its page; the year's run document; and
        // the job's document, so two runs of one job take its chunks one after the other.
        Set<LockKey> keys = new TreeSet<>();
        keys.add(PointsLocks.PROGRAM_WIDE);
        keys.add(ExpiryDocument.lock(chunk.request().year()));
        keys.add(BatchJobDocument.lock(chunk.job()));
        return keys;
    }

    @Override
    public Set<LockKey> keysOf(Context c) {
        return year.keysOf(c.year());
    }

    /**
     * The chunk's page as the job's document places it (read under the program's key and the job's), read once per
     * view: the load takes the page keysBeforeLoad read.
     */
    private static BatchChunkPage page(StoreView view, Chunk chunk) {
        return view.once(chunk, BatchChunkPage.class, v -> BatchChunkPage.read(v, SavingsPoints.PROGRAM, chunk));
    }

    /** The page's points accounts: the ones the chunk decides on. */
    private static List<AccountKey> points(BatchChunkPage page) {
        List<AccountKey> keys = new ArrayList<>(page.accounts().size());
        for (Account a : page.accounts()) {
            if (a.key().unit().equals(Unit.points())) {
                keys.add(a.key());
            }
        }
        return keys;
    }

    @Override
    public Set<LockKey> keysBeforeLoad(StoreView view, Chunk chunk, CommandContext ctx) {
        // The customers of the page, as keysOf names them from the context: locked before the entries are read,
        // so the pipeline reads the chunk's entries once, not once before and once under the locks. The load takes
        // the page read here, on the same view: it cannot move meanwhile, since no points account opens (the
        // program's key) and the job's document cannot move (the job's key). Unordered: the pipeline sorts the
        // keys it locks.
        List<AccountKey> points = points(page(view, chunk));
        Set<LockKey> keys = new java.util.HashSet<>(points.size() * 2);
        for (AccountKey key : points) {
            keys.add(PointsLocks.customer(key.owner()));
        }
        return keys;
    }

    @Override
    public Context load(StoreView view, Chunk chunk, CommandContext ctx) {
        ExpireYear request = chunk.request();
        BatchChunkPage page = page(view, chunk);
        // The page's entries in one read of the store, not one per account.
        Map<AccountKey, List<LedgerEntry>> byAccount = view.entriesOf(points(page));
        TreeMap<AccountKey, List<LedgerEntry>> entries = new TreeMap<>();
        byAccount.forEach((key, list) -> entries.put(key, List.copyOf(list)));
        int y = request.year();
        ExpiryDocument run = ExpiryDocument.read(view, y).isPresent() ? null
                : new ExpiryDocument(y, chunk.ranOn(), ctx.actor().user(), 0);
        BatchJobDocument job = page.applied(chunk, name(), parameters(request), ctx, entries.size());
        return new Context(new ExpireYearCommand.Context(request, rules.settings(view, ctx.businessDate()), entries,
                PointsFacts.expiryRuns(view), run), job);
    }

    @Override
    public Map<AccountKey, BigDecimal> accounts(Context c) {
        return year.accounts(c.year());
    }

    @Override
    public List<Object> facts(Context c, Map<AccountKey, Account> accounts) {
        return year.facts(c.year(), accounts);
    }

    @Override
    public List<Write> writes(Context c, Decision decision, Applied applied) {
        List<Write> writes = new ArrayList<>(year.writes(c.year(), decision, applied));
        writes.add(Write.save(c.job().toDocument()));
        return writes;
    }
}

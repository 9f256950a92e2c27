package org.loyaltyengine.credits.internal;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import org.loyaltyengine.CommandContext;
import org.loyaltyengine.credits.CreditRequests.ExpireLots;
import org.loyaltyengine.credits.Credits;
import org.loyaltyengine.credits.internal.Stored.Lot;
import org.loyaltyengine.internal.Applied;
import org.loyaltyengine.internal.BatchChunkPage;
import org.loyaltyengine.internal.BatchJobDocument;
import org.loyaltyengine.internal.Command;
import org.loyaltyengine.internal.Permission;
import org.loyaltyengine.internal.StoreView;
import org.loyaltyengine.internal.Write;
import org.loyaltyengine.rules.facts.Decision;
import org.loyaltyengine.spi.Account;
import org.loyaltyengine.spi.AccountKey;
import org.loyaltyengine.spi.Accounts;
import org.loyaltyengine.spi.Checks;
import org.loyaltyengine.spi.Document;
import org.loyaltyengine.spi.InvalidValueException;
import org.loyaltyengine.spi.Limits;
import org.loyaltyengine.spi.LockKey;

/**
 * {@code credits.expire-lots-chunk}: one chunk of the lot expiry in batch mode (SPEC CR-3, CR-8, SP-25): the next
 * page of the program's accounts after where the job's document says the chunk before ended, and of them the lots
 * {@link ExpireLotsCommand} would expire, decided by the same rules on the same facts, so batch and one sweep
 * expire the same credits. The chunk writes the job's document in its own transaction.
 */
final class ExpireLotsChunkCommand implements Command<ExpireLotsChunkCommand.Chunk, ExpireLotsChunkCommand.Context> {
    /** The job's parameters as its document keeps them: the sweep takes none but the business date. */
    static final String PARAMETERS = "";

    /**
     * One chunk as the command takes it.
     *
     * @param after where the chunk before ended, for a dry run; left out of the fingerprint (a chunk is the job's
     *              n-th, wherever the one before happened to end)
     */
    record Chunk(LocalDate ranOn, String job, int chunk, int chunkSize, AccountKey after) {
        Chunk {
            Checks.date(ranOn, "day the job ran");
            Checks.identifier(job, "batch job", Limits.IDEMPOTENCY_KEY);
            if (chunk < 1 || chunkSize < 1 || chunkSize > Accounts.MAX_PAGE) {
                throw new InvalidValueException("chunk " + chunk + " of " + chunkSize + " accounts is no chunk of a job");
            }
        }
    }

    /** The sweep's context over the chunk's lots, every account of the page, and the job's document once applied. */
    record Context(ExpireLotsCommand.Context lots, List<Account> page, BatchJobDocument job) {
    }

    private final ExpireLotsCommand sweep;

    ExpireLotsChunkCommand(ExpireLotsCommand sweep) {
        this.sweep = sweep;
    }

    @Override
    public String name() {
        return Credits.PROGRAM + ".expire-lots-chunk";
    }

    @Override
    public Object fingerprinted(Chunk c) {
        return new Chunk(c.ranOn(), c.job(), c.chunk(), c.chunkSize(), null);
    }

    @Override
    public String ruleSet() {
        return sweep.ruleSet();
    }

    /** As the sweep's. */
    @Override
    public Permission permission(Chunk request) {
        return sweep.permission(new ExpireLots());
    }

    /** The job's document, so two runs of one job take its chunks one after the other. */
    @Override
    public Set<LockKey> keys(Chunk chunk, CommandContext ctx) {
        return Set.of(BatchJobDocument.lock(chunk.job()));
    }

    @Override
    public Context load(StoreView view, Chunk chunk, CommandContext ctx) {
        BatchChunkPage page = BatchChunkPage.read(view, Credits.PROGRAM, chunk.job(), chunk.chunk(), chunk.chunkSize(),
                chunk.after());
        Map<String, List<Lot>> bySale = new HashMap<>();
        List<Lot> lots = new ArrayList<>();
        for (Account a : page.accounts()) {
            lotOf(view, a.key(), bySale).filter(l -> "CONFIRMED".equals(l.saleStatus()) && l.validUntil() != null
                    && l.validUntil().isBefore(ctx.businessDate())).ifPresent(lots::add);
        }
        return new Context(new ExpireLotsCommand.Context(ctx.businessDate(), lots), page.accounts(),
                page.applied(chunk.job(), name(), PARAMETERS, chunk.chunkSize(), chunk.ranOn(), ctx,
                        page.accounts().size()));
    }

    /**
     * The lot whose account this is ({@code lot:<sale>/<line>}), if it is one. A sale's id and a line's may both
     * hold a slash, so each split is tried against the documents; the sales read are kept for the chunk's other
     * lots.
     */
    private static Optional<Lot> lotOf(StoreView view, AccountKey account, Map<String, List<Lot>> bySale) {
        String owner = account.owner();
        if (!owner.startsWith("lot:")) {
            return Optional.empty();
        }
        for (int slash = owner.indexOf('/'); slash > 0; slash = owner.indexOf('/', slash + 1)) {
            String sale = owner.substring("lot:".length(), slash);
            List<Lot> lots = bySale.computeIfAbsent(sale, s -> lotsOf(view, s));
            for (Lot l : lots) {
                if (l.account().equals(account)) {
                    return Optional.of(l);
                }
            }
        }
        return Optional.empty();
    }

    private static List<Lot> lotsOf(StoreView view, String sale) {
        if (sale.startsWith(Stored.CORRECTION_LOT)) {
            return view.document(Stored.CORRECTION, sale.substring(Stored.CORRECTION_LOT.length()))
                    .map(Stored::correctionLots).orElse(List.of());
        }
        Optional<Document> d = view.document(Stored.SALE, sale);
        return d.map(Stored::lots).orElse(List.of());
    }

    @Override
    public Set<LockKey> keysOf(Context c) {
        return new TreeSet<>(sweep.keysOf(c.lots()));
    }

    /** Every account of the page, so the outcome shows what the chunk took; those of its expired lots may change. */
    @Override
    public Map<AccountKey, BigDecimal> accounts(Context c) {
        Map<AccountKey, BigDecimal> accounts = new LinkedHashMap<>();
        c.page().forEach(a -> accounts.put(a.key(), a.floor()));
        accounts.putAll(sweep.accounts(c.lots()));
        return accounts;
    }

    @Override
    public List<Object> facts(Context c, Map<AccountKey, Account> accounts) {
        return sweep.facts(c.lots(), accounts);
    }

    @Override
    public List<Write> writes(Context c, Decision decision, Applied applied) {
        return List.of(Write.save(c.job().toDocument()));
    }
}

package org.loyaltyengine.pos.internal;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.loyaltyengine.CommandContext;
import org.loyaltyengine.internal.Applied;
import org.loyaltyengine.internal.BatchChunkPage;
import org.loyaltyengine.internal.BatchJobDocument;
import org.loyaltyengine.internal.Command;
import org.loyaltyengine.internal.Permission;
import org.loyaltyengine.internal.StoreView;
import org.loyaltyengine.internal.Write;
import org.loyaltyengine.pos.PosCards;
import org.loyaltyengine.pos.PosRequests.ExpireHolds;
import org.loyaltyengine.rules.facts.Decision;
import org.loyaltyengine.spi.Account;
import org.loyaltyengine.spi.AccountKey;
import org.loyaltyengine.spi.Accounts;
import org.loyaltyengine.spi.Checks;
import org.loyaltyengine.spi.Hold;
import org.loyaltyengine.spi.InvalidValueException;
import org.loyaltyengine.spi.Limits;
import org.loyaltyengine.spi.LockKey;

/**
 * {@code pos-card.expire-holds-chunk}: one chunk of the reservations' expiry in batch mode (SPEC PC-5, SP-25): the
 * next page of the program's accounts after where the job's document says the chunk before ended, and of their
 * pending reservations those whose time had come when the chunk read them, decided by the same rules on the same
 * facts as {@link ExpireHoldsCommand}, so batch and one sweep expire the same reservations. The chunk writes the
 * job's document in its own transaction.
 */
final class ExpireHoldsChunkCommand implements Command<ExpireHoldsChunkCommand.Chunk, ExpireHoldsChunkCommand.Context> {
    /** The job's parameters as its document keeps them: the sweep takes none (the clock says what is overdue). */
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

    /** The sweep's context over the chunk's reservations, every account of the page, and the job's document. */
    record Context(ExpireHoldsCommand.Context overdue, List<Account> page, BatchJobDocument job) {
    }

    private final Clock clock;
    private final ExpireHoldsCommand sweep;

    ExpireHoldsChunkCommand(Clock clock, ExpireHoldsCommand sweep) {
        this.clock = clock;
        this.sweep = sweep;
    }

    @Override
    public String name() {
        return PosCards.PROGRAM + ".expire-holds-chunk";
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
        return sweep.permission(new ExpireHolds());
    }

    /** The job's document, so two runs of one job take its chunks one after the other. */
    @Override
    public Set<LockKey> keys(Chunk chunk, CommandContext ctx) {
        return Set.of(BatchJobDocument.lock(chunk.job()));
    }

    @Override
    public Context load(StoreView view, Chunk chunk, CommandContext ctx) {
        BatchChunkPage page = BatchChunkPage.read(view, PosCards.PROGRAM, chunk.job(), chunk.chunk(), chunk.chunkSize(),
                chunk.after());
        // Overdue as the sweep reads it: expiring at or before now (Holds.expiredBy).
        Instant now = clock.instant();
        List<Hold> overdue = new ArrayList<>();
        for (Account a : page.accounts()) {
            for (Hold h : view.pendingHolds(a.key())) {
                if (h.expiresAt() != null && !h.expiresAt().isAfter(now)) {
                    overdue.add(h);
                }
            }
        }
        return new Context(new ExpireHoldsCommand.Context(overdue), page.accounts(),
                page.applied(chunk.job(), name(), PARAMETERS, chunk.chunkSize(), chunk.ranOn(), ctx,
                        page.accounts().size()));
    }

    /** The receipts of the overdue reservations, as the sweep locks them. */
    @Override
    public Set<LockKey> keysOf(Context c) {
        return sweep.keysOf(c.overdue());
    }

    /** Every account of the page, so the outcome shows what the chunk took; those with overdue reservations change. */
    @Override
    public Map<AccountKey, BigDecimal> accounts(Context c) {
        Map<AccountKey, BigDecimal> accounts = new LinkedHashMap<>();
        c.page().forEach(a -> accounts.put(a.key(), a.floor()));
        return accounts;
    }

    @Override
    public List<Object> facts(Context c, Map<AccountKey, Account> accounts) {
        return sweep.facts(c.overdue(), accounts);
    }

    @Override
    public List<Write> writes(Context c, Decision decision, Applied applied) {
        return List.of(Write.save(c.job().toDocument()));
    }
}

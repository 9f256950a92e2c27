package org.loyaltyengine.pos.internal;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.loyaltyengine.CommandContext;
import org.loyaltyengine.internal.AccountChunkCommand;
import org.loyaltyengine.internal.StoreView;
import org.loyaltyengine.pos.PosCards;
import org.loyaltyengine.pos.PosRequests.ExpireHolds;
import org.loyaltyengine.spi.Account;
import org.loyaltyengine.spi.AccountKey;
import org.loyaltyengine.spi.Hold;

/**
 * {@code pos-card.expire-holds-chunk}: one chunk of the reservations' expiry in batch mode (SPEC PC-5, SP-25): the
 * next page of the program's accounts after where the job's document says the chunk before ended, and of their
 * pending reservations those whose time had come when the chunk read them, decided by the same rules on the same
 * facts as {@link ExpireHoldsCommand}, so batch and one sweep expire the same reservations. The chunk writes the
 * job's document in its own transaction.
 */
final class ExpireHoldsChunkCommand
        extends AccountChunkCommand<ExpireHoldsChunkCommand.Chunk, ExpireHolds, ExpireHoldsCommand.Context> {
    /** The job's parameters as its document keeps them: the sweep takes none (the clock says what is overdue). */
    private static final String PARAMETERS = "";

    /** One chunk as the command takes it ({@link AccountChunkCommand.Request}). */
    record Chunk(LocalDate ranOn, String job, int chunk, int chunkSize, AccountKey after)
            implements AccountChunkCommand.Request {
        Chunk {
            AccountChunkCommand.Request.check(ranOn, job, chunk, chunkSize);
        }
    }

    private final Clock clock;

    ExpireHoldsChunkCommand(Clock clock, ExpireHoldsCommand sweep) {
        super(PosCards.PROGRAM, PosCards.PROGRAM + ".expire-holds-chunk", PARAMETERS, sweep, new ExpireHolds(),
                Chunk::new);
        this.clock = clock;
    }

    /**
     * The page's pending reservations overdue as the sweep reads them: expiring at or before now
     * (Holds.expiredBy). The sweep locks their receipts; their accounts are the page's.
     */
    @Override
    protected ExpireHoldsCommand.Context sweepOver(StoreView view, List<Account> page, CommandContext ctx) {
        Instant now = clock.instant();
        List<Hold> overdue = new ArrayList<>();
        for (Account a : page) {
            for (Hold h : view.pendingHolds(a.key())) {
                if (h.expiresAt() != null && !h.expiresAt().isAfter(now)) {
                    overdue.add(h);
                }
            }
        }
        return new ExpireHoldsCommand.Context(overdue);
    }
}

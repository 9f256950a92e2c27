package org.loyaltyengine.internal;

import java.util.List;
import java.util.Optional;

import org.loyaltyengine.CommandContext;
import org.loyaltyengine.spi.Account;
import org.loyaltyengine.spi.AccountKey;

/**
 * The page of a program's accounts that a batch job's chunk takes ({@link BatchJobRunner}), read in the chunk
 * command's {@code load}: the next page after where the job's document says the chunk before ended, or, for a
 * dry run, which writes no document, after where the runner says it did. Every chunk command pages alike, so a
 * job's document means the same whatever the job decides.
 *
 * @param accounts    the chunk's accounts, at most the chunk size
 * @param nothingLeft whether no account of the program comes after them
 * @param stored      the job's document as the chunk read it; empty before the first chunk is applied
 */
public record BatchChunkPage(List<Account> accounts, boolean nothingLeft, Optional<BatchJobDocument> stored) {
    public BatchChunkPage {
        accounts = List.copyOf(accounts);
    }

    /** The page {@code chunk} of a job over {@code program}'s accounts takes. */
    public static BatchChunkPage read(StoreView view, String program, AccountChunkCommand.Request chunk) {
        Optional<BatchJobDocument> stored = BatchJobDocument.read(view, chunk.job());
        // Where the document says the chunk before ended; without one (a dry run), where the runner says it did.
        AccountKey from = stored.filter(d -> d.chunks() == chunk.chunk() - 1).map(BatchJobDocument::last)
                .orElse(chunk.after());
        // One more than the chunk takes, to learn whether any is left once it is applied.
        List<Account> page = view.accountsOf(program, from, chunk.chunkSize() + 1);
        boolean nothingLeft = page.size() <= chunk.chunkSize();
        return new BatchChunkPage(nothingLeft ? page : page.subList(0, chunk.chunkSize()), nothingLeft, stored);
    }

    /**
     * The job's document once this chunk is applied, which the chunk command writes with its decision.
     *
     * @param taken how many of the page's accounts the job counts (all of them, unless the job skips some)
     */
    public BatchJobDocument applied(AccountChunkCommand.Request chunk, String command, String parameters,
                                    CommandContext ctx, int taken) {
        BatchJobDocument d = stored.orElseGet(() -> new BatchJobDocument(chunk.job(), command, parameters,
                chunk.chunkSize(), 0, 0, null, null, false, ctx.businessDate(), chunk.ranOn(), ctx.actor().user(), 0))
                .afterChunk(taken, accounts.isEmpty() ? null : accounts.get(accounts.size() - 1).key(), nothingLeft);
        // Built here, in load, so that a document the store would refuse refuses the chunk before it decides.
        d.toDocument();
        return d;
    }
}

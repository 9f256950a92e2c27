package org.loyaltyengine.internal;

import java.time.LocalDate;
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

    /**
     * @param chunk 1 for the first
     * @param after where the chunk before ended when no document says so (a dry run); null for the first
     */
    public static BatchChunkPage read(StoreView view, String program, String job, int chunk, int chunkSize,
                                      AccountKey after) {
        Optional<BatchJobDocument> stored = BatchJobDocument.read(view, job);
        AccountKey from = stored.filter(d -> d.chunks() == chunk - 1).map(BatchJobDocument::last).orElse(after);
        // One more than the chunk takes, to learn whether any is left once it is applied.
        List<Account> page = view.accountsOf(program, from, chunkSize + 1);
        boolean nothingLeft = page.size() <= chunkSize;
        return new BatchChunkPage(nothingLeft ? page : page.subList(0, chunkSize), nothingLeft, stored);
    }

    /**
     * The job's document once this chunk is applied, which the chunk command writes with its decision.
     *
     * @param taken how many of the page's accounts the job counts (all of them, unless the job skips some)
     */
    public BatchJobDocument applied(String job, String command, String parameters, int chunkSize, LocalDate ranOn,
                                    CommandContext ctx, int taken) {
        BatchJobDocument d = stored.orElseGet(() -> new BatchJobDocument(job, command, parameters, chunkSize, 0, 0,
                null, null, false, ctx.businessDate(), ranOn, ctx.actor().user(), 0))
                .afterChunk(taken, accounts.isEmpty() ? null : accounts.get(accounts.size() - 1).key(), nothingLeft);
        // Built here, in load, so that a document the store would refuse refuses the chunk before it decides.
        d.toDocument();
        return d;
    }
}

package org.loyaltyengine.internal;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import org.loyaltyengine.CommandContext;
import org.loyaltyengine.spi.Customer;

/**
 * The page of the tenant's customers that a batch job's chunk takes ({@link BatchJobRunner.Pages#CUSTOMERS}), read
 * in the chunk command's {@code load}, as {@link BatchChunkPage} reads a page of accounts: after where the job's
 * document says the chunk before ended, or, for a dry run, after where the runner says it did.
 *
 * @param customers   the chunk's customers by id, at most the chunk size
 * @param nothingLeft whether no customer comes after them
 * @param stored      the job's document as the chunk read it; empty before the first chunk is applied
 */
public record BatchCustomerPage(List<Customer> customers, boolean nothingLeft, Optional<BatchJobDocument> stored) {
    public BatchCustomerPage {
        customers = List.copyOf(customers);
    }

    /**
     * @param chunk 1 for the first
     * @param after where the chunk before ended when no document says so (a dry run); null for the first
     */
    public static BatchCustomerPage read(StoreView view, String job, int chunk, int chunkSize, String after) {
        Optional<BatchJobDocument> stored = BatchJobDocument.read(view, job);
        String from = stored.filter(d -> d.chunks() == chunk - 1).map(BatchJobDocument::lastId).orElse(after);
        // One more than the chunk takes, to learn whether any is left once it is applied.
        List<Customer> page = view.customersAfter(from, chunkSize + 1);
        boolean nothingLeft = page.size() <= chunkSize;
        return new BatchCustomerPage(nothingLeft ? page : page.subList(0, chunkSize), nothingLeft, stored);
    }

    /**
     * The job's document once this chunk is applied, which the chunk command writes with its decision.
     *
     * @param taken how many of the page's customers the job counts
     */
    public BatchJobDocument applied(String job, String command, String parameters, int chunkSize, LocalDate ranOn,
                                    CommandContext ctx, int taken) {
        BatchJobDocument d = stored.orElseGet(() -> new BatchJobDocument(job, command, parameters, chunkSize, 0, 0,
                null, null, false, ctx.businessDate(), ranOn, ctx.actor().user(), 0))
                .afterChunk(taken, customers.isEmpty() ? null : customers.get(customers.size() - 1).id(), nothingLeft);
        // Built here, in load, so that a document the store would refuse refuses the chunk before it decides.
        d.toDocument();
        return d;
    }
}

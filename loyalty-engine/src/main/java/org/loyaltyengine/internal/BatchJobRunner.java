package org.loyaltyengine.internal;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import org.loyaltyengine.Batch;
import org.loyaltyengine.BatchChunk;
import org.loyaltyengine.BatchOutcome;
import org.loyaltyengine.CommandContext;
import org.loyaltyengine.IdempotencyConflictException;
import org.loyaltyengine.InternalDefectException;
import org.loyaltyengine.spi.Account;
import org.loyaltyengine.spi.AccountKey;
import org.loyaltyengine.spi.Checks;
import org.loyaltyengine.spi.IdempotencyKey;
import org.loyaltyengine.spi.InvalidValueException;
import org.loyaltyengine.spi.Limits;
import org.loyaltyengine.spi.Outcome;

/**
 * Runs a job over a whole customer base in batch mode (SPEC SP-25): the job's chunks one after the other, each
 * one pipeline command under {@code <job key>/chunk-<n>}, so the pipeline owns each chunk's transaction, locks,
 * permission and idempotency and nothing here writes. Chunks an earlier run of the job applied (its
 * {@link BatchJobDocument} says how many) are run again under their keys and answer with their stored outcomes;
 * the rest run. Only one chunk's outcome is held at a time. What a job decides is its chunk command's: this
 * class knows only keys, pages and the job's document, so every batch job refuses, resumes and reports alike.
 */
public final class BatchJobRunner {
    /** What a chunk's key adds to the job's: {@code /chunk-} and up to ten digits. */
    private static final int CHUNK_SUFFIX = "/chunk-".length() + 10;

    /** The longest key a batch job may have, so that its chunks' keys fit. */
    public static final int MAX_JOB_KEY = Limits.IDEMPOTENCY_KEY - CHUNK_SUFFIX;

    /**
     * One kind of batch job.
     *
     * @param command    the chunks' command: it pages with {@link BatchChunkPage} (accounts) or
     *                   {@link BatchCustomerPage} (customers) and writes the job's document with each chunk
     * @param parameters the job's own parameters as its document keeps them (a year), which a run again with the
     *                   same key must repeat
     * @param pages      what the chunks take, in the store's page order, as a dry run pages it
     * @param chunks     the request of each chunk
     * @param <K>        what a page is keyed by: an account's key, a customer's id
     */
    public record Job<P, K>(Command<P, ?> command, String parameters, Pages<K> pages, ChunkRequests<P, K> chunks) {
        public Job {
            Checks.notNull(command, "batch command");
            Checks.notNull(parameters, "batch parameters");
            Checks.notNull(pages, "batch pages");
            Checks.notNull(chunks, "batch chunk requests");
        }

        /** A job whose chunks take {@code program}'s accounts. */
        public static <P> Job<P, AccountKey> overAccounts(Command<P, ?> command, String program, String parameters,
                                                          ChunkRequests<P, AccountKey> chunks) {
            return new Job<>(command, parameters, Pages.accountsOf(program), chunks);
        }

        /** A job whose chunks take the tenant's customers. */
        public static <P> Job<P, String> overCustomers(Command<P, ?> command, String parameters,
                                                       ChunkRequests<P, String> chunks) {
            return new Job<>(command, parameters, Pages.CUSTOMERS, chunks);
        }
    }

    /** How a job's items are paged: for a dry run, which has no document to learn the next page from. */
    public interface Pages<K> {
        /** A tenant's customers by id ({@link org.loyaltyengine.spi.Customers#page}). */
        Pages<String> CUSTOMERS = new Pages<>() {
            @Override
            public List<String> after(StoreView view, String after, int limit) {
                return view.customersAfter(after, limit).stream().map(org.loyaltyengine.spi.Customer::id).toList();
            }

            @Override
            public String last(BatchJobDocument d) {
                return d.lastId();
            }
        };

        /** Up to {@code limit} keys after {@code after} (null: from the first), in the store's page order. */
        List<K> after(StoreView view, K after, int limit);

        /** Where the job's document says its last applied chunk ended; null before the first. */
        K last(BatchJobDocument d);

        static Pages<AccountKey> accountsOf(String program) {
            Checks.identifier(program, "batch program", Limits.CODE);
            return new Pages<>() {
                @Override
                public List<AccountKey> after(StoreView view, AccountKey after, int limit) {
                    return view.accountsOf(program, after, limit).stream().map(Account::key).toList();
                }

                @Override
                public AccountKey last(BatchJobDocument d) {
                    return d.last();
                }
            };
        }
    }

    /** The request of a job's {@code number}-th chunk. */
    @FunctionalInterface
    public interface ChunkRequests<P, K> {
        /**
         * @param ranOn the day the job's first chunk ran
         * @param after where the chunk before ended, for a dry run, which writes no document to learn it from;
         *              null otherwise and for the first chunk
         */
        P chunk(LocalDate ranOn, String job, int number, int chunkSize, K after);
    }

    private final CommandPipeline pipeline;

    public BatchJobRunner(CommandPipeline pipeline) {
        this.pipeline = pipeline;
    }

    /**
     * @param ctx   the job's context; its key is the job's, and each chunk runs on its business date, or on the
     *              one the job's document keeps when an earlier run began it (so a job resumed the next day
     *              finishes as the day it began, and its applied chunks answer under their fingerprints)
     * @param ranOn the day the job runs, unless its document says an earlier run began it
     */
    public <P, K> BatchOutcome run(CommandContext ctx, LocalDate ranOn, Batch batch, Job<P, K> job) {
        Checks.notNull(ctx, "command context");
        Checks.notNull(batch, "batch");
        Checks.notNull(job, "batch job");
        String key = ctx.key().value();
        if (key.length() > MAX_JOB_KEY) {
            throw new InvalidValueException("a batch job's key has at most " + MAX_JOB_KEY
                    + " characters, so that its chunks' keys (<key>/chunk-<n>) fit; was " + key.length());
        }
        boolean dryRun = ctx.dryRun() || batch.dryRun();
        Optional<BatchJobDocument> stored = document(ctx, key);
        LocalDate date = ctx.businessDate();
        if (stored.isPresent()) {
            BatchJobDocument d = stored.get();
            // The same key is the same job: run again with other parameters, it would be another one.
            if (!d.command().equals(job.command().name()) || !d.request().equals(job.parameters())
                    || d.chunkSize() != batch.chunkSize()) {
                throw new IdempotencyConflictException(key);
            }
            ranOn = d.ranOn();
            date = d.date();
        }
        CommandContext booked = new CommandContext(ctx.tenant(), ctx.actor(), ctx.key(), date, dryRun);
        int before = stored.map(BatchJobDocument::chunks).orElse(0);
        Tally tally = new Tally();
        for (int n = 1; n <= before; n++) {
            Outcome o = chunk(booked, job, job.chunks().chunk(ranOn, key, n, batch.chunkSize(), null), n, batch,
                    tally, true);
            if (o.status() != Outcome.Status.APPLIED) {
                return tally.outcome(ctx.key(), dryRun, false, o);
            }
        }
        K after = stored.map(job.pages()::last).orElse(null);
        boolean done = stored.map(BatchJobDocument::done).orElse(false);
        for (int n = before + 1; !done; n++) {
            K next = null;
            if (dryRun) {
                // A dry run writes no document to learn from where the next chunk starts: the page as it is now.
                K from = after;
                List<K> page = pipeline.store().inTransaction(ctx.tenant(),
                        tx -> job.pages().after(StoreView.of(tx), from, batch.chunkSize() + 1));
                if (page.isEmpty() && n > 1) {
                    break;
                }
                done = page.size() <= batch.chunkSize();
                next = page.isEmpty() ? after : page.get(Math.min(page.size(), batch.chunkSize()) - 1);
            }
            Outcome o = chunk(booked, job, job.chunks().chunk(ranOn, key, n, batch.chunkSize(), after), n, batch,
                    tally, false);
            if (o.status() != Outcome.Status.APPLIED) {
                return tally.outcome(ctx.key(), dryRun, false, o);
            }
            if (dryRun) {
                after = next;
            } else {
                int applied = n;
                BatchJobDocument d = document(ctx, key).orElseThrow(() -> new InternalDefectException(
                        "chunk " + applied + " of " + key + " applied without its document"));
                after = job.pages().last(d);
                done = d.done();
            }
        }
        return tally.outcome(ctx.key(), dryRun, true, null);
    }

    private Optional<BatchJobDocument> document(CommandContext ctx, String key) {
        return pipeline.store().inTransaction(ctx.tenant(), tx -> BatchJobDocument.read(StoreView.of(tx), key));
    }

    private <P, K> Outcome chunk(CommandContext booked, Job<P, K> job, P request, int number, Batch batch, Tally tally,
                              boolean replayed) {
        IdempotencyKey key = IdempotencyKey.of(booked.key().value() + "/chunk-" + number);
        CommandContext ctx = new CommandContext(booked.tenant(), booked.actor(), key, booked.businessDate(),
                booked.dryRun());
        Outcome o = pipeline.run(ctx, request, job.command());
        tally.add(o, replayed);
        batch.progress().chunkDone(new BatchChunk(number, key, o, replayed, tally.accounts));
        return o;
    }

    private static final class Tally {
        int chunks;
        int replayed;
        long accounts;
        long entries;

        void add(Outcome o, boolean wasReplayed) {
            chunks++;
            if (wasReplayed) {
                replayed++;
            }
            if (o.status() == Outcome.Status.APPLIED) {
                // A chunk's outcome shows every account it took, changed or not.
                accounts += o.balances().size();
                entries += o.entries().size();
            }
        }

        BatchOutcome outcome(IdempotencyKey job, boolean dryRun, boolean finished, Outcome rejected) {
            return new BatchOutcome(job, dryRun, finished, chunks, replayed, accounts, entries, rejected);
        }
    }
}

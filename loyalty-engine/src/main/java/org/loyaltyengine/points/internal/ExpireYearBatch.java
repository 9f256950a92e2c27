package org.loyaltyengine.points.internal;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import org.loyaltyengine.Batch;
import org.loyaltyengine.BatchChunk;
import org.loyaltyengine.BatchOutcome;
import org.loyaltyengine.CommandContext;
import org.loyaltyengine.IdempotencyConflictException;
import org.loyaltyengine.internal.BatchJobDocument;
import org.loyaltyengine.internal.CommandPipeline;
import org.loyaltyengine.internal.StoreView;
import org.loyaltyengine.points.PointsRequests.ExpireYear;
import org.loyaltyengine.points.SavingsPoints;
import org.loyaltyengine.spi.Account;
import org.loyaltyengine.spi.AccountKey;
import org.loyaltyengine.spi.IdempotencyKey;
import org.loyaltyengine.spi.InvalidValueException;
import org.loyaltyengine.spi.Limits;
import org.loyaltyengine.spi.Outcome;

/**
 * The year-end expiry in batch mode (SPEC SP-25): the job's chunks one after the other, each one pipeline
 * command ({@link ExpireYearChunkCommand}) under {@code <job key>/chunk-<n>}, so the pipeline owns each chunk's
 * transaction, locks and idempotency and nothing here writes. Chunks an earlier run of the job applied (its
 * document says how many) are run again under their keys and answer with their stored outcomes; the rest run.
 * Only one chunk's outcome is held at a time.
 */
final class ExpireYearBatch {
    /** What a chunk's key adds to the job's: {@code /chunk-} and up to ten digits. */
    private static final int CHUNK_SUFFIX = "/chunk-".length() + 10;

    private final CommandPipeline pipeline;
    private final ExpireYearChunkCommand command;

    ExpireYearBatch(CommandPipeline pipeline, ExpireYearChunkCommand command) {
        this.pipeline = pipeline;
        this.command = command;
    }

    /**
     * @param booked the job's context as each chunk runs it: booked on the year end (SPEC SP-23)
     * @param ranOn  the day the job runs, unless its document says an earlier run began it
     */
    BatchOutcome run(CommandContext booked, LocalDate ranOn, ExpireYear request, Batch batch) {
        String job = booked.key().value();
        if (job.length() > Limits.IDEMPOTENCY_KEY - CHUNK_SUFFIX) {
            throw new InvalidValueException("a batch job's key has at most " + (Limits.IDEMPOTENCY_KEY - CHUNK_SUFFIX)
                    + " characters, so that its chunks' keys (<key>/chunk-<n>) fit; was " + job.length());
        }
        boolean dryRun = booked.dryRun() || batch.dryRun();
        Optional<BatchJobDocument> stored = pipeline.store().inTransaction(booked.tenant(),
                tx -> BatchJobDocument.read(StoreView.of(tx), job));
        if (stored.isPresent()) {
            BatchJobDocument d = stored.get();
            // The same key is the same job: run again with other parameters, it would be another one.
            if (!d.command().equals(command.name()) || !d.request().equals(ExpireYearChunkCommand.parameters(request))
                    || d.chunkSize() != batch.chunkSize()) {
                throw new IdempotencyConflictException(job);
            }
            ranOn = d.ranOn();
        }
        int applied = stored.map(BatchJobDocument::chunks).orElse(0);
        Tally tally = new Tally();
        for (int n = 1; n <= applied; n++) {
            Outcome o = chunk(booked, dryRun, new ExpireYearChunkCommand.Chunk(request, ranOn, job, n,
                    batch.chunkSize(), null), batch, tally, true);
            if (o.status() != Outcome.Status.APPLIED) {
                return tally.outcome(booked.key(), dryRun, false, o);
            }
        }
        AccountKey after = stored.map(BatchJobDocument::last).orElse(null);
        boolean done = stored.map(BatchJobDocument::done).orElse(false);
        for (int n = applied + 1; !done; n++) {
            AccountKey next = null;
            if (dryRun) {
                // A dry run writes no document to learn from where the next chunk starts: the page as it is now.
                AccountKey from = after;
                List<Account> page = pipeline.store().inTransaction(booked.tenant(),
                        tx -> StoreView.of(tx).accountsOf(SavingsPoints.PROGRAM, from, batch.chunkSize() + 1));
                if (page.isEmpty() && n > 1) {
                    break;
                }
                done = page.size() <= batch.chunkSize();
                next = page.isEmpty() ? after : page.get(Math.min(page.size(), batch.chunkSize()) - 1).key();
            }
            Outcome o = chunk(booked, dryRun, new ExpireYearChunkCommand.Chunk(request, ranOn, job, n,
                    batch.chunkSize(), after), batch, tally, false);
            if (o.status() != Outcome.Status.APPLIED) {
                return tally.outcome(booked.key(), dryRun, false, o);
            }
            if (dryRun) {
                after = next;
            } else {
                BatchJobDocument d = pipeline.store().inTransaction(booked.tenant(),
                        tx -> BatchJobDocument.read(StoreView.of(tx), job)).orElseThrow(() ->
                        new org.loyaltyengine.InternalDefectException("chunk " + job + " applied without its document"));
                after = d.last();
                done = d.done();
            }
        }
        return tally.outcome(booked.key(), dryRun, true, null);
    }

    private Outcome chunk(CommandContext booked, boolean dryRun, ExpireYearChunkCommand.Chunk chunk, Batch batch,
                          Tally tally, boolean replayed) {
        IdempotencyKey key = IdempotencyKey.of(chunk.job() + "/chunk-" + chunk.chunk());
        CommandContext ctx = new CommandContext(booked.tenant(), booked.actor(), key, booked.businessDate(), dryRun);
        Outcome o = pipeline.run(ctx, chunk, command);
        tally.add(o, replayed);
        batch.progress().chunkDone(new BatchChunk(chunk.chunk(), key, o, replayed, tally.accounts));
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

package org.loyaltyengine.internal;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.loyaltyengine.CommandContext;
import org.loyaltyengine.rules.facts.Decision;
import org.loyaltyengine.spi.Account;
import org.loyaltyengine.spi.AccountKey;
import org.loyaltyengine.spi.Accounts;
import org.loyaltyengine.spi.Checks;
import org.loyaltyengine.spi.InvalidValueException;
import org.loyaltyengine.spi.Limits;
import org.loyaltyengine.spi.LockKey;

/**
 * One chunk of a program's sweep in batch mode (SPEC SP-25): the next page of the program's accounts after where
 * the job's document says the chunk before ended ({@link BatchChunkPage}), the sweep's context read over that page
 * alone, and the decision left to the sweep's own rules on the sweep's own facts, so batch and one sweep change the
 * same. The chunk locks the job's document and writes it with its decision, in its own transaction, which the
 * pipeline owns as every command's: a chunk is one command on the {@link Command} contract.
 *
 * @param <P> the chunk's request: each command keeps a record of its own, since its log names the record's type
 * @param <R> the sweep's request
 * @param <S> the sweep's context
 */
public abstract class AccountChunkCommand<P extends AccountChunkCommand.Request, R, S>
        implements Command<P, AccountChunkCommand.Context<S>> {

    /** What the request of a chunk over a program's accounts says of the chunk, whatever else its job asks. */
    public interface Request {
        /** The day the job's first chunk ran. */
        LocalDate ranOn();

        /** The job's idempotency key, which names its document. */
        String job();

        /** 1 for the first. */
        int chunk();

        int chunkSize();

        /**
         * Where the chunk before ended, for a dry run, which writes no job document to read it from; left out of
         * the fingerprint, since a chunk is the job's n-th wherever the one before happened to end.
         */
        AccountKey after();

        /** What a chunk's record checks in its compact constructor. */
        static void check(LocalDate ranOn, String job, int chunk, int chunkSize) {
            Checks.date(ranOn, "day the job ran");
            Checks.identifier(job, "batch job", Limits.IDEMPOTENCY_KEY);
            if (chunk < 1 || chunkSize < 1 || chunkSize > Accounts.MAX_PAGE) {
                throw new InvalidValueException("chunk " + chunk + " of " + chunkSize + " accounts is no chunk of a job");
            }
        }
    }

    /**
     * @param sweep the sweep's context over the page's accounts
     * @param page  every account of the page
     * @param job   the job's document once the chunk is applied
     */
    public record Context<S>(S sweep, List<Account> page, BatchJobDocument job) {
    }

    private final String program;
    private final String name;
    private final String parameters;
    private final Command<R, S> sweep;
    private final R sweepRequest;
    private final BatchJobRunner.ChunkRequests<P, AccountKey> requests;

    /**
     * @param parameters   the job's parameters as its document keeps them
     * @param sweepRequest the sweep's request, whose permission each chunk needs
     * @param requests     the chunk's request record from its parts
     */
    protected AccountChunkCommand(String program, String name, String parameters, Command<R, S> sweep,
                                  R sweepRequest, BatchJobRunner.ChunkRequests<P, AccountKey> requests) {
        this.program = program;
        this.name = name;
        this.parameters = parameters;
        this.sweep = sweep;
        this.sweepRequest = sweepRequest;
        this.requests = requests;
    }

    /** The job the {@link BatchJobRunner} runs in chunks of this command. */
    public final BatchJobRunner.Job<P, AccountKey> job() {
        return BatchJobRunner.Job.overAccounts(this, program, parameters, requests);
    }

    /** The sweep's context over the page's accounts only, read as the sweep reads its own. */
    protected abstract S sweepOver(StoreView view, List<Account> page, CommandContext ctx);

    /** The accounts the sweep's context names with the floors it opens them with; the page's own floors if none. */
    protected Map<AccountKey, BigDecimal> sweepAccounts(S context) {
        return Map.of();
    }

    protected final Command<R, S> sweep() {
        return sweep;
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final Object fingerprinted(P c) {
        return requests.chunk(c.ranOn(), c.job(), c.chunk(), c.chunkSize(), null);
    }

    @Override
    public final String ruleSet() {
        return sweep.ruleSet();
    }

    /** As the sweep's. */
    @Override
    public final Permission permission(P request) {
        return sweep.permission(sweepRequest);
    }

    /** The job's document, so two runs of one job take its chunks one after the other. */
    @Override
    public final Set<LockKey> keys(P chunk, CommandContext ctx) {
        return Set.of(BatchJobDocument.lock(chunk.job()));
    }

    @Override
    public final Context<S> load(StoreView view, P chunk, CommandContext ctx) {
        BatchChunkPage page = BatchChunkPage.read(view, program, chunk);
        return new Context<>(sweepOver(view, page.accounts(), ctx), page.accounts(),
                page.applied(chunk, name, parameters, ctx, page.accounts().size()));
    }

    /** As the sweep locks its context. */
    @Override
    public final Set<LockKey> keysOf(Context<S> c) {
        return sweep.keysOf(c.sweep());
    }

    /**
     * Every account of the page, so the outcome shows what the chunk took, and those the sweep's context names
     * ({@link #sweepAccounts}), of which only some change.
     */
    @Override
    public final Map<AccountKey, BigDecimal> accounts(Context<S> c) {
        Map<AccountKey, BigDecimal> accounts = new LinkedHashMap<>();
        c.page().forEach(a -> accounts.put(a.key(), a.floor()));
        accounts.putAll(sweepAccounts(c.sweep()));
        return accounts;
    }

    @Override
    public final List<Object> facts(Context<S> c, Map<AccountKey, Account> accounts) {
        return sweep.facts(c.sweep(), accounts);
    }

    /** The sweep's writes, and the job's document. */
    @Override
    public final List<Write> writes(Context<S> c, Decision decision, Applied applied) {
        List<Write> writes = new ArrayList<>(sweep.writes(c.sweep(), decision, applied));
        writes.add(Write.save(c.job().toDocument()));
        return writes;
    }

    @Override
    public final List<AuditSubject> audited(Context<S> c, Decision decision) {
        return sweep.audited(c.sweep(), decision);
    }
}

package org.loyaltyengine.card.internal;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.loyaltyengine.CommandContext;
import org.loyaltyengine.card.CustomerCards;
import org.loyaltyengine.internal.Applied;
import org.loyaltyengine.internal.AuditSubject;
import org.loyaltyengine.internal.BatchCustomerPage;
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
import org.loyaltyengine.spi.Customer;
import org.loyaltyengine.spi.InvalidValueException;
import org.loyaltyengine.spi.Limits;
import org.loyaltyengine.spi.LockKey;

/**
 * {@code customer-card.enrol-chunk}: one chunk of the bulk enrolment in batch mode (SPEC CC-3, CC-4, SP-25): the
 * next page of the practice's customers by id after where the job's document says the chunk before ended, and of
 * them those who do not take part, each enrolled retroactively by the same rules on the same facts as
 * {@link EnrolAllCommand} enrols them all at once. Their enrolments are learnt from the page, so they are locked
 * from the context and the page read again under them. The chunk writes the job's document in its own transaction.
 */
final class EnrolAllChunkCommand implements Command<EnrolAllChunkCommand.Chunk, EnrolAllChunkCommand.Context> {
    /** The job's parameters as its document keeps them: the bulk enrolment takes none but the business date. */
    static final String PARAMETERS = "";

    /**
     * One chunk as the command takes it.
     *
     * @param after where the chunk before ended, for a dry run; left out of the fingerprint (a chunk is the job's
     *              n-th, wherever the one before happened to end)
     */
    record Chunk(LocalDate ranOn, String job, int chunk, int chunkSize, String after) {
        Chunk {
            Checks.date(ranOn, "day the job ran");
            Checks.identifier(job, "batch job", Limits.IDEMPOTENCY_KEY);
            Checks.optionalIdentifier(after, "customer a chunk comes after", Limits.IDENTIFIER);
            if (chunk < 1 || chunkSize < 1 || chunkSize > Accounts.MAX_PAGE) {
                throw new InvalidValueException("chunk " + chunk + " of " + chunkSize + " customers is no chunk of a job");
            }
        }
    }

    /** The page's customers who did not take part when it was read, their enrolment, and the job's document. */
    record Context(List<String> candidates, Enrolments.Context enrolments, BatchJobDocument job) {
    }

    private final CardSettingsInForce settingsInForce;

    EnrolAllChunkCommand(CardSettingsInForce settingsInForce) {
        this.settingsInForce = settingsInForce;
    }

    @Override
    public String name() {
        return CustomerCards.PROGRAM + ".enrol-chunk";
    }

    @Override
    public Object fingerprinted(Chunk c) {
        return new Chunk(c.ranOn(), c.job(), c.chunk(), c.chunkSize(), null);
    }

    @Override
    public String ruleSet() {
        return CustomerCards.PROGRAM;
    }

    /** As the bulk enrolment's. */
    @Override
    public Permission permission(Chunk request) {
        return Permission.of(CustomerCards.ENROL_ALL_PERMISSION);
    }

    /** The job's document, so two runs of one job take its chunks one after the other. */
    @Override
    public Set<LockKey> keys(Chunk chunk, CommandContext ctx) {
        return Set.of(BatchJobDocument.lock(chunk.job()));
    }

    @Override
    public Context load(StoreView view, Chunk chunk, CommandContext ctx) {
        BatchCustomerPage page = BatchCustomerPage.read(view, chunk.job(), chunk.chunk(), chunk.chunkSize(),
                chunk.after());
        List<String> candidates = new ArrayList<>();
        for (Customer c : page.customers()) {
            if (view.document(CardDocuments.ENROLMENT, c.id()).isEmpty()) {
                candidates.add(c.id());
            }
        }
        Enrolments.Context enrolments = Enrolments.load(view, settingsInForce.on(view, ctx.businessDate()), candidates,
                false, ctx);
        return new Context(List.copyOf(candidates), enrolments, page.applied(chunk.job(), name(), PARAMETERS,
                chunk.chunkSize(), chunk.ranOn(), ctx, enrolments.customers().size()));
    }

    /** Each candidate's enrolment, as {@link EnrolAllCommand} locks it before it reads, and their cards. */
    @Override
    public Set<LockKey> keysOf(Context c) {
        Set<LockKey> keys = new TreeSet<>(Enrolments.keysOf(c.enrolments()));
        c.candidates().forEach(id -> keys.add(CardDocuments.enrolment(id)));
        return keys;
    }

    @Override
    public Map<AccountKey, BigDecimal> accounts(Context c) {
        return Enrolments.accounts(c.enrolments());
    }

    @Override
    public List<Object> facts(Context c, Map<AccountKey, Account> accounts) {
        return Enrolments.facts(c.enrolments());
    }

    @Override
    public List<Write> writes(Context c, Decision decision, Applied applied) {
        List<Write> writes = new ArrayList<>(Enrolments.writes(c.enrolments()));
        writes.add(Write.save(c.job().toDocument()));
        return writes;
    }

    @Override
    public List<AuditSubject> audited(Context c, Decision decision) {
        return Enrolments.audited(c.enrolments());
    }
}

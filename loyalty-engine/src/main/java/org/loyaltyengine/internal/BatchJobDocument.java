package org.loyaltyengine.internal;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.loyaltyengine.spi.AccountKey;
import org.loyaltyengine.spi.Document;
import org.loyaltyengine.spi.LockKey;
import org.loyaltyengine.spi.Unit;

/**
 * How far a batch job has come (SPEC X-4 for jobs over a whole customer base), the one place that knows its
 * stored form: a {@code batch-job} {@link Document} named by the job's idempotency key, status {@code RUNNING}
 * or {@code DONE}, dated on the business date of its chunks. Each chunk's command writes it in the chunk's own
 * transaction, so the document says exactly which chunks were applied: a chunk that failed left it as the
 * chunk before it did, and a job run again with the same key continues where it says.
 *
 * @param command   the chunks' command, and what the job must be run with again
 * @param request   the job's own parameters as text (a year), which a run again must repeat
 * @param chunkSize how many accounts each chunk takes, which a run again must repeat too
 * @param chunks    how many chunks were applied
 * @param accounts  how many accounts those chunks took
 * @param last      the last account the last applied chunk took, in the store's page order; null for none (and
 *                  for a job that pages customers)
 * @param lastId    the last customer the last applied chunk took, for a job that pages customers; null otherwise
 * @param ranOn     the day the job's first chunk ran, which every chunk is run with (and fingerprinted by)
 * @param version   the version read (0 for none stored yet)
 */
public record BatchJobDocument(String job, String command, String request, int chunkSize, int chunks, long accounts,
                               AccountKey last, String lastId, boolean done, LocalDate date, LocalDate ranOn, String user,
                               long version) {
    public static final String TYPE = "batch-job";

    public static LockKey lock(String job) {
        return LockKey.document(TYPE, job);
    }

    public static Optional<BatchJobDocument> read(StoreView view, String job) {
        return view.document(TYPE, job).map(BatchJobDocument::from);
    }

    static BatchJobDocument from(Document d) {
        Map<String, String> a = d.attributes();
        AccountKey last = a.containsKey("lastOwner") ? new AccountKey(a.get("lastOwner"), a.get("lastProgram"),
                new Unit(Unit.Kind.valueOf(a.get("lastUnitKind")), a.get("lastUnitCode"))) : null;
        return new BatchJobDocument(d.id(), a.get("command"), a.get("request"), Integer.parseInt(a.get("chunkSize")),
                Integer.parseInt(a.get("chunks")), Long.parseLong(a.get("accounts")), last, a.get("lastId"),
                "DONE".equals(d.status()),
                d.date(), LocalDate.parse(a.get("ranOn")), a.get("user"), d.version());
    }

    /** The document once one more chunk of {@code taken} accounts, ending at {@code lastTaken}, is applied. */
    public BatchJobDocument afterChunk(int taken, AccountKey lastTaken, boolean nothingLeft) {
        return new BatchJobDocument(job, command, request, chunkSize, chunks + 1, accounts + taken,
                lastTaken != null ? lastTaken : last, lastId, nothingLeft, date, ranOn, user, version);
    }

    /** The document once one more chunk of {@code taken} customers, ending at {@code lastTaken}, is applied. */
    public BatchJobDocument afterChunk(int taken, String lastTaken, boolean nothingLeft) {
        return new BatchJobDocument(job, command, request, chunkSize, chunks + 1, accounts + taken, last,
                lastTaken != null ? lastTaken : lastId, nothingLeft, date, ranOn, user, version);
    }

    public Document toDocument() {
        Map<String, String> a = new TreeMap<>();
        a.put("command", command);
        a.put("request", request);
        a.put("chunkSize", Integer.toString(chunkSize));
        a.put("chunks", Integer.toString(chunks));
        a.put("accounts", Long.toString(accounts));
        a.put("ranOn", ranOn.toString());
        a.put("user", user);
        if (lastId != null) {
            a.put("lastId", lastId);
        }
        if (last != null) {
            a.put("lastOwner", last.owner());
            a.put("lastProgram", last.program());
            a.put("lastUnitKind", last.unit().kind().name());
            a.put("lastUnitCode", last.unit().code());
        }
        return new Document(TYPE, job, null, done ? "DONE" : "RUNNING", date, null, a, List.of(), version);
    }
}

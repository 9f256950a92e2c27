package org.loyaltyengine.credits.internal;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

import org.loyaltyengine.CommandContext;
import org.loyaltyengine.credits.CreditRequests.CreditNote;
import org.loyaltyengine.credits.Credits;
import org.loyaltyengine.credits.internal.Stored.Lot;
import org.loyaltyengine.credits.internal.Stored.UsageLine;
import org.loyaltyengine.internal.Applied;
import org.loyaltyengine.internal.Command;
import org.loyaltyengine.internal.Permission;
import org.loyaltyengine.internal.StoreView;
import org.loyaltyengine.internal.Write;
import org.loyaltyengine.rules.facts.CreditReturn;
import org.loyaltyengine.rules.facts.CreditReturnLine;
import org.loyaltyengine.rules.facts.CreditUnsettle;
import org.loyaltyengine.rules.facts.Decision;
import org.loyaltyengine.spi.Account;
import org.loyaltyengine.spi.AccountKey;
import org.loyaltyengine.spi.Document;
import org.loyaltyengine.spi.EntryKind;
import org.loyaltyengine.spi.LedgerEntry;
import org.loyaltyengine.spi.LockKey;

/**
 * {@code credits.credit-note}: a credit note on a consuming document gives what its lines drew back to the lots
 * (and the overdraft account) they came from, once (SPEC X-13); what a later lot settled of an overdrawn part
 * goes back to that lot ({@link CreditUnsettle}). The usage record keeps which note credited a line.
 */
final class CreditNoteCommand implements Command<CreditNote, CreditNoteCommand.Context> {
    record Context(CreditNote request, Optional<Document> usage, List<CreditReturnLine> lines,
                   List<CreditUnsettle> unsettles, CommandContext ctx) {
    }

    @Override
    public String name() {
        return Credits.PROGRAM + ".credit-note";
    }

    @Override
    public String ruleSet() {
        return Credits.PROGRAM;
    }

    @Override
    public Permission permission(CreditNote request) {
        return Permission.none();
    }

    @Override
    public Set<LockKey> keys(CreditNote request, CommandContext ctx) {
        return Set.of(LockKey.document(Stored.USAGE, request.consumed().reference()),
                Stored.customerKey(request.customerId()));
    }

    @Override
    public Context load(StoreView view, CreditNote note, CommandContext ctx) {
        String reference = note.consumed().reference();
        Optional<Document> usage = Stored.usage(view, reference, note.customerId());
        List<CreditReturnLine> lines = new ArrayList<>();
        Map<String, List<UsageLine>> overdrawnByType = new TreeMap<>();
        for (UsageLine l : usage.map(Stored::usageLines).orElse(List.of())) {
            if (!note.lineIds().contains(l.lineId())) {
                continue;
            }
            l.draws().forEach((lot, q) -> lines.add(new CreditReturnLine(reference, l.lineId(), lot,
                    Stored.lotAccount(lot, l.type()), q, l.creditedBy())));
            if (l.overdrawn().signum() > 0) {
                lines.add(new CreditReturnLine(reference, l.lineId(), null,
                        Stored.overdraftAccount(note.customerId(), l.type()), l.overdrawn(), l.creditedBy()));
                if (l.creditedBy() == null) {
                    overdrawnByType.computeIfAbsent(l.type(), t -> new ArrayList<>()).add(l);
                }
            }
        }
        List<CreditUnsettle> unsettles = new ArrayList<>();
        overdrawnByType.forEach((type, overdrawn) -> unsettles.addAll(unsettles(view, reference, note.customerId(),
                type, overdrawn)));
        return new Context(note, usage, lines, unsettles, ctx);
    }

    /**
     * What of the overdrawn parts being given back later lots settled already. The overdraft still owes part
     * of what went negative; the rest a lot's confirmation settled, and that much is taken back from the lots
     * that settled, the last settled first, so the overdraft never rises above zero.
     */
    private static List<CreditUnsettle> unsettles(StoreView view, String reference, String customerId, String type,
                                                  List<UsageLine> overdrawn) {
        AccountKey overdraft = Stored.overdraftAccount(customerId, type);
        BigDecimal owed = view.account(overdraft).map(a -> a.balance().negate().max(BigDecimal.ZERO))
                .orElse(BigDecimal.ZERO);
        BigDecimal back = overdrawn.stream().map(UsageLine::overdrawn).reduce(BigDecimal.ZERO, BigDecimal::add);
        BigDecimal settled = back.subtract(owed);
        if (settled.signum() <= 0) {
            return List.of();
        }
        // The order the lots settled in is the ledger's: a lot settles once, when its sale is confirmed, and
        // sales of one day may be confirmed in any order, so neither the date nor the sale id can tell it.
        Map<Lot, Long> settledAt = new LinkedHashMap<>();
        Map<Lot, BigDecimal> settledBy = new LinkedHashMap<>();
        for (Lot lot : Stored.lotsOf(view, customerId)) {
            if (!lot.type().equals(type)) {
                continue;
            }
            BigDecimal fromLot = BigDecimal.ZERO;
            long first = Long.MAX_VALUE;
            for (LedgerEntry e : view.entries(lot.account())) {
                if (e.kind() == EntryKind.SETTLE) {
                    fromLot = fromLot.subtract(e.amount());
                    if (e.amount().signum() < 0) {
                        first = Math.min(first, e.sequence());
                    }
                }
            }
            if (fromLot.signum() > 0) {
                settledAt.put(lot, first);
                settledBy.put(lot, fromLot);
            }
        }
        List<Lot> lots = new ArrayList<>(settledAt.keySet());
        lots.sort(Comparator.comparing((Lot l) -> settledAt.get(l)).reversed());
        List<CreditUnsettle> unsettles = new ArrayList<>();
        int line = 0;
        BigDecimal lineLeft = overdrawn.get(0).overdrawn();
        for (Lot lot : lots) {
            BigDecimal fromLot = settledBy.get(lot);
            while (fromLot.signum() > 0 && settled.signum() > 0) {
                BigDecimal q = fromLot.min(settled).min(lineLeft);
                if (q.signum() <= 0) {
                    break;
                }
                unsettles.add(new CreditUnsettle(reference, overdrawn.get(line).lineId(), lot.lot(), lot.account(),
                        overdraft, q));
                fromLot = fromLot.subtract(q);
                settled = settled.subtract(q);
                lineLeft = lineLeft.subtract(q);
                if (lineLeft.signum() == 0 && line + 1 < overdrawn.size()) {
                    lineLeft = overdrawn.get(++line).overdrawn();
                }
            }
            if (settled.signum() <= 0) {
                break;
            }
        }
        return unsettles;
    }

    @Override
    public Map<AccountKey, BigDecimal> accounts(Context c) {
        Map<AccountKey, BigDecimal> accounts = new LinkedHashMap<>();
        for (CreditReturnLine l : c.lines()) {
            accounts.put(l.account(), l.lot() == null ? null : BigDecimal.ZERO);
        }
        for (CreditUnsettle u : c.unsettles()) {
            accounts.put(u.lotAccount(), BigDecimal.ZERO);
            accounts.put(u.overdraft(), null);
        }
        return accounts;
    }

    @Override
    public List<Object> facts(Context c, Map<AccountKey, Account> accounts) {
        List<Object> facts = new ArrayList<>();
        facts.add(new CreditReturn(c.request().creditNoteId(), entryDocument(c.request()), c.request().consumed().reference(),
                c.request().customerId()));
        facts.addAll(c.lines());
        facts.addAll(c.unsettles());
        return facts;
    }

    /** The document the entries of a credit note name. */
    static String entryDocument(CreditNote note) {
        return "credit-note:" + note.creditNoteId();
    }

    @Override
    public List<Write> writes(Context c, Decision decision, Applied applied) {
        if (c.usage().isEmpty() || c.lines().isEmpty()) {
            return List.of();
        }
        Document read = c.usage().get();
        List<UsageLine> lines = new ArrayList<>();
        for (UsageLine l : Stored.usageLines(read)) {
            boolean credits = l.creditedBy() == null && c.request().lineIds().contains(l.lineId())
                    && (!l.draws().isEmpty() || l.overdrawn().signum() > 0);
            lines.add(credits ? l.credited(c.request().creditNoteId(), c.ctx().businessDate()) : l);
        }
        return List.of(new Write.SaveDocument(Stored.usageDocument(read, read.id(), read.owner(), read.date(), null,
                lines, null)));
    }
}

package org.loyaltyengine.credits.internal;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

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
import org.loyaltyengine.rules.facts.CreditSettled;
import org.loyaltyengine.rules.facts.Decision;
import org.loyaltyengine.spi.Account;
import org.loyaltyengine.spi.AccountKey;
import org.loyaltyengine.spi.Document;
import org.loyaltyengine.spi.EntryKind;
import org.loyaltyengine.spi.LedgerEntry;
import org.loyaltyengine.spi.LockKey;

/**
 * {@code credits.credit-note}: a credit note on a consuming document gives what its lines drew back to the lots
 * (and the overdraft account) they came from, once (SPEC X-13). The usage record keeps which note credited a line.
 */
final class CreditNoteCommand implements Command<CreditNote, CreditNoteCommand.Context> {
    record Context(CreditNote request, Optional<Document> usage, List<CreditReturnLine> lines,
                   List<Settlement> settlements, CommandContext ctx) {
    }

    /** What a lot of a type still has settled of the customer's debt, in the order the lots first settled. */
    record Settlement(String type, Lot lot, BigDecimal settled) {
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
        for (UsageLine l : usage.map(Stored::usageLines).orElse(List.of())) {
            if (!note.lineIds().contains(l.lineId())) {
                continue;
            }
            l.draws().forEach((lot, q) -> lines.add(new CreditReturnLine(reference, l.lineId(), lot,
                    Stored.lotAccount(lot, l.type()), q, l.creditedBy())));
            if (l.overdrawn().signum() > 0) {
                lines.add(new CreditReturnLine(reference, l.lineId(), null,
                        Stored.overdraftAccount(note.customerId(), l.type()), l.overdrawn(), l.creditedBy()));
            }
        }
        return new Context(note, usage, lines, settlements(view, note.customerId(), lines), ctx);
    }

    /**
     * For each type whose overdrawn work the note gives back, the lots that settled the customer's debt in it and
     * still have settled part (what their SETTLE entries add up to), in the order they first settled.
     */
    private static List<Settlement> settlements(StoreView view, String customerId, List<CreditReturnLine> lines) {
        Set<String> types = new java.util.TreeSet<>();
        for (CreditReturnLine l : lines) {
            if (l.lot() == null && !l.credited()) {
                types.add(l.account().unit().code());
            }
        }
        if (types.isEmpty()) {
            return List.of();
        }
        record First(long sequence, Settlement settlement) {
        }
        List<First> found = new ArrayList<>();
        for (Lot lot : Stored.lotsOf(view, customerId)) {
            if (!types.contains(lot.type())) {
                continue;
            }
            BigDecimal settled = BigDecimal.ZERO;
            long first = Long.MAX_VALUE;
            for (LedgerEntry e : view.entries(lot.account())) {
                if (e.kind() == EntryKind.SETTLE) {
                    settled = settled.subtract(e.amount());
                    first = Math.min(first, e.sequence());
                }
            }
            if (settled.signum() > 0) {
                found.add(new First(first, new Settlement(lot.type(), lot, settled)));
            }
        }
        found.sort(java.util.Comparator.comparingLong(First::sequence));
        return found.stream().map(First::settlement).toList();
    }

    @Override
    public Map<AccountKey, BigDecimal> accounts(Context c) {
        Map<AccountKey, BigDecimal> accounts = new LinkedHashMap<>();
        for (CreditReturnLine l : c.lines()) {
            accounts.put(l.account(), l.lot() == null ? null : BigDecimal.ZERO);
        }
        for (Settlement s : c.settlements()) {
            accounts.put(s.lot().account(), BigDecimal.ZERO);
        }
        return accounts;
    }

    @Override
    public List<Object> facts(Context c, Map<AccountKey, Account> accounts) {
        List<Object> facts = new ArrayList<>();
        facts.add(new CreditReturn(c.request().creditNoteId(), entryDocument(c.request()), c.request().consumed().reference(),
                c.request().customerId()));
        facts.addAll(c.lines());
        // Per type, what the note gives back to the overdraft, and the lots that settled it, the last first.
        Map<String, BigDecimal> returned = new java.util.HashMap<>();
        for (CreditReturnLine l : c.lines()) {
            if (l.lot() == null && !l.credited()) {
                returned.merge(l.account().unit().code(), l.quantity(), BigDecimal::add);
            }
        }
        Map<String, BigDecimal> after = new java.util.HashMap<>();
        List<Settlement> lastFirst = new ArrayList<>(c.settlements());
        java.util.Collections.reverse(lastFirst);
        for (Settlement s : lastFirst) {
            AccountKey overdraft = Stored.overdraftAccount(c.request().customerId(), s.type());
            Account a = accounts.get(overdraft);
            BigDecimal settledAfter = after.getOrDefault(s.type(), BigDecimal.ZERO);
            facts.add(new CreditSettled(c.request().customerId(), s.type(), s.lot().lot(), s.lot().account(), overdraft,
                    a == null ? BigDecimal.ZERO : a.balance(), returned.getOrDefault(s.type(), BigDecimal.ZERO),
                    s.settled(), settledAfter));
            after.put(s.type(), settledAfter.add(s.settled()));
        }
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

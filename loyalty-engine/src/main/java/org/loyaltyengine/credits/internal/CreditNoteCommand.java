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
import org.loyaltyengine.credits.internal.Stored.UsageLine;
import org.loyaltyengine.internal.Applied;
import org.loyaltyengine.internal.Command;
import org.loyaltyengine.internal.Permission;
import org.loyaltyengine.internal.StoreView;
import org.loyaltyengine.internal.Write;
import org.loyaltyengine.rules.facts.CreditReturn;
import org.loyaltyengine.rules.facts.CreditReturnLine;
import org.loyaltyengine.rules.facts.Decision;
import org.loyaltyengine.spi.Account;
import org.loyaltyengine.spi.AccountKey;
import org.loyaltyengine.spi.Document;
import org.loyaltyengine.spi.LockKey;

/**
 * {@code credits.credit-note}: a credit note on a consuming document gives what its lines drew back to the lots
 * (and the overdraft account) they came from, once (SPEC X-13). The usage record keeps which note credited a line.
 */
final class CreditNoteCommand implements Command<CreditNote, CreditNoteCommand.Context> {
    record Context(CreditNote request, Optional<Document> usage, List<CreditReturnLine> lines, CommandContext ctx) {
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
        return new Context(note, usage, lines, ctx);
    }

    @Override
    public Map<AccountKey, BigDecimal> accounts(Context c) {
        Map<AccountKey, BigDecimal> accounts = new LinkedHashMap<>();
        for (CreditReturnLine l : c.lines()) {
            accounts.put(l.account(), l.lot() == null ? null : BigDecimal.ZERO);
        }
        return accounts;
    }

    @Override
    public List<Object> facts(Context c, Map<AccountKey, Account> accounts) {
        List<Object> facts = new ArrayList<>();
        facts.add(new CreditReturn(c.request().creditNoteId(), entryDocument(c.request()), c.request().consumed().reference(),
                c.request().customerId()));
        facts.addAll(c.lines());
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

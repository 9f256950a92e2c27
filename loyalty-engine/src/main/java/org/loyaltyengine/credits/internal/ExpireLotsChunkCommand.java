package org.loyaltyengine.credits.internal;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.loyaltyengine.CommandContext;
import org.loyaltyengine.credits.CreditRequests.ExpireLots;
import org.loyaltyengine.credits.Credits;
import org.loyaltyengine.credits.internal.Stored.Lot;
import org.loyaltyengine.internal.AccountChunkCommand;
import org.loyaltyengine.internal.StoreView;
import org.loyaltyengine.spi.Account;
import org.loyaltyengine.spi.AccountKey;
import org.loyaltyengine.spi.Document;

/**
 * {@code credits.expire-lots-chunk}: one chunk of the lot expiry in batch mode (SPEC CR-3, CR-8, SP-25): the next
 * page of the program's accounts after where the job's document says the chunk before ended, and of them the lots
 * {@link ExpireLotsCommand} would expire, decided by the same rules on the same facts, so batch and one sweep
 * expire the same credits. The chunk writes the job's document in its own transaction.
 */
final class ExpireLotsChunkCommand
        extends AccountChunkCommand<ExpireLotsChunkCommand.Chunk, ExpireLots, ExpireLotsCommand.Context> {
    /** The job's parameters as its document keeps them: the sweep takes none but the business date. */
    private static final String PARAMETERS = "";

    /** One chunk as the command takes it ({@link AccountChunkCommand.Request}). */
    record Chunk(LocalDate ranOn, String job, int chunk, int chunkSize, AccountKey after)
            implements AccountChunkCommand.Request {
        Chunk {
            AccountChunkCommand.Request.check(ranOn, job, chunk, chunkSize);
        }
    }

    ExpireLotsChunkCommand(ExpireLotsCommand sweep) {
        super(Credits.PROGRAM, Credits.PROGRAM + ".expire-lots-chunk", PARAMETERS, sweep, new ExpireLots(),
                Chunk::new);
    }

    /** The page's lots that the sweep would expire on the business date. */
    @Override
    protected ExpireLotsCommand.Context sweepOver(StoreView view, List<Account> page, CommandContext ctx) {
        Map<String, List<Lot>> bySale = new HashMap<>();
        List<Lot> lots = new ArrayList<>();
        for (Account a : page) {
            lotOf(view, a.key(), bySale).filter(l -> "CONFIRMED".equals(l.saleStatus()) && l.validUntil() != null
                    && l.validUntil().isBefore(ctx.businessDate())).ifPresent(lots::add);
        }
        return new ExpireLotsCommand.Context(ctx.businessDate(), lots);
    }

    /** The expired lots' accounts as the sweep opens them: they may change. */
    @Override
    protected Map<AccountKey, BigDecimal> sweepAccounts(ExpireLotsCommand.Context lots) {
        return sweep().accounts(lots);
    }

    /**
     * The lot whose account this is ({@code lot:<sale>/<line>}), if it is one. A sale's id and a line's may both
     * hold a slash, so each split is tried against the documents; the sales read are kept for the chunk's other
     * lots.
     */
    private static Optional<Lot> lotOf(StoreView view, AccountKey account, Map<String, List<Lot>> bySale) {
        String owner = account.owner();
        if (!owner.startsWith("lot:")) {
            return Optional.empty();
        }
        for (int slash = owner.indexOf('/'); slash > 0; slash = owner.indexOf('/', slash + 1)) {
            String sale = owner.substring("lot:".length(), slash);
            List<Lot> lots = bySale.computeIfAbsent(sale, s -> lotsOf(view, s));
            for (Lot l : lots) {
                if (l.account().equals(account)) {
                    return Optional.of(l);
                }
            }
        }
        return Optional.empty();
    }

    private static List<Lot> lotsOf(StoreView view, String sale) {
        if (sale.startsWith(Stored.CORRECTION_LOT)) {
            return view.document(Stored.CORRECTION, sale.substring(Stored.CORRECTION_LOT.length()))
                    .map(Stored::correctionLots).orElse(List.of());
        }
        Optional<Document> d = view.document(Stored.SALE, sale);
        return d.map(Stored::lots).orElse(List.of());
    }
}

package org.loyaltyengine.card.internal;

import java.util.Set;
import java.util.TreeSet;

import org.loyaltyengine.card.CustomerCards;
import org.loyaltyengine.spi.LockKey;

/**
 * The keys the customer-card commands lock, so that what they read holds until they commit.
 *
 * <p>A customer's card is guarded by that customer's key ({@link #customer}): every command that reads or
 * writes a customer's card ledger, enrolment or sales holds it (a lock, an unlock, a credit note, a
 * settlement, an enrolment, a manual line). The pipeline reads a command's context before it locks the
 * card account, and an account not opened yet has nothing to lock; so without the customer's key a sale
 * locked while its customer is being enrolled would read "not enrolled" and be left out by the
 * enrolment's listing of the customer's sales. Holding the customer's key, each decides on that
 * customer's card as the one before left it, and commands on different customers do not wait for each
 * other. Unlocks and credit notes name only a document: they learn whose key from it
 * ({@code Command.keysOf}).
 *
 * <p>What concerns every customer at once is guarded by the program's settings key
 * ({@link #PROGRAM_WIDE}): the currency may change only while no card account and no sale is kept in
 * another one ({@code configure} lists both). A customer whose card has entries, or who has a sale on
 * record, keeps the currency fixed for good: neither is ever removed, and the change of currency finds
 * and refuses on it. So only a command that may be the first to keep something in the currency (a sale
 * or a manual value for a customer with neither entries nor sales) holds the settings key too, and a
 * first sale and a change of currency never pass each other. Any other setting a command reads (the
 * default percentage, the thresholds) may change meanwhile: the command then decides as if it ran just
 * before the change, since the change reads nothing the command writes.
 *
 * <p>Order: every command locks the documents of its request first, then the keys learnt from its
 * context; the settings key sorts before every customer key, and no command takes it after a customer's
 * key (the customer's key is learnt together with it, never locked up front), so no two commands wait
 * for each other in a circle.
 */
final class CardLocks {
    /** The program's settings, and with them the currency every card and sale is kept in. */
    static final LockKey PROGRAM_WIDE = LockKey.settings(CustomerCards.PROGRAM);

    private CardLocks() {
    }

    /** A customer's card: its ledger, enrolment and sales. */
    static LockKey customer(String customerId) {
        return new LockKey(LockKey.Kind.CUSTOMER, CustomerCards.PROGRAM, customerId);
    }

    /** A customer's card and the settlement documents a command may mark taken back (CC-12). */
    static Set<LockKey> customerAndSettlements(String customerId, java.util.List<org.loyaltyengine.spi.Document> settlements) {
        Set<LockKey> keys = new TreeSet<>();
        keys.add(customer(customerId));
        settlements.forEach(d -> keys.add(LockKey.document(CardDocuments.SETTLEMENT, d.id())));
        return keys;
    }

    /**
     * The keys of a command on a customer's card: the customer's, and the program's when the command may be
     * the first to keep anything of this customer in the practice's currency.
     *
     * @param keptAlready whether the customer's card has entries or the customer has a sale on record
     */
    static Set<LockKey> cardOf(String customerId, boolean keptAlready) {
        Set<LockKey> keys = new TreeSet<>();
        keys.add(customer(customerId));
        if (!keptAlready) {
            keys.add(PROGRAM_WIDE);
        }
        return keys;
    }
}

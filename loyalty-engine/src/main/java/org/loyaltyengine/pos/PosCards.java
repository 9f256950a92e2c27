package org.loyaltyengine.pos;

import java.time.LocalDate;
import java.util.Optional;

import org.loyaltyengine.Batch;
import org.loyaltyengine.BatchOutcome;
import org.loyaltyengine.CommandContext;
import org.loyaltyengine.pos.PosRequests.AbandonReceipt;
import org.loyaltyengine.pos.PosRequests.AddItem;
import org.loyaltyengine.pos.PosRequests.CardSearch;
import org.loyaltyengine.pos.PosRequests.ChangeCredit;
import org.loyaltyengine.pos.PosRequests.Configure;
import org.loyaltyengine.pos.PosRequests.DeleteItem;
import org.loyaltyengine.pos.PosRequests.IdentifyCard;
import org.loyaltyengine.pos.PosRequests.OpenReceipt;
import org.loyaltyengine.pos.PosRequests.PayReceipt;
import org.loyaltyengine.pos.PosRequests.Refund;
import org.loyaltyengine.pos.PosRequests.RemoveCard;
import org.loyaltyengine.spi.AccountKey;
import org.loyaltyengine.spi.Card;
import org.loyaltyengine.spi.Outcome;
import org.loyaltyengine.spi.TenantId;
import org.loyaltyengine.spi.Unit;

/**
 * The POS discount and credit card program (seed 004, SPEC PC-1..PC-8): every state-changing call is
 * a command with an idempotency key, decided by the {@code pos-card} rule set, and returns an
 * {@link Outcome}. Reads ({@link #statement}, {@link #receipt}, {@link #card}) take no key. A host
 * gets it from {@code LoyaltyEngine.posCards()}.
 *
 * <p>A typical receipt: {@link #openReceipt}, {@link #identifyCard}, {@link #addItem} for each item,
 * then {@link #pay} or {@link #abandon}.
 */
public interface PosCards {
    /** The rule set and account program name. */
    String PROGRAM = "pos-card";
    /** The permission to create cards and change their definition: holder, discount, credit switches. */
    String CARDS_PERMISSION = "pos-card.cards";
    /** The permission to change the program's settings (how long a reservation holds, whether a mode is required). */
    String SETTINGS_PERMISSION = "pos-card.settings";
    /** The permission for a manual top-up or deduction of a card's credit. */
    String MANUAL_PERMISSION = "pos-card.manual";
    /**
     * The permission to refund a paid receipt (SPEC X-13): it gives credit back to a card and takes loaded credit
     * off it, so, like a manual change of credit, it is not every cashier's to do.
     */
    String REFUND_PERMISSION = "pos-card.refund";

    /** The credit account of a card. */
    static AccountKey accountOf(Card card) {
        return new AccountKey("card:" + card.number(), PROGRAM, Unit.currency(card.currency().getCurrencyCode()));
    }

    /**
     * Creates a card, or changes the definition of an existing one (SPEC PC-1); its currency never changes.
     * The outcome carries no typed result.
     */
    Outcome defineCard(CommandContext ctx, Card card);

    /**
     * Sets the program settings of the tenant. Until then a reservation holds for the default of the rule-set
     * version in force ({@code setting.holdMinutes} in {@code rules/pos-card/v1/ruleset.properties}: 720
     * minutes, 12 hours; and {@code setting.requireModeChoice}: false). The outcome carries no typed result.
     */
    Outcome configure(CommandContext ctx, Configure settings);

    /** Opens a receipt in a currency; its id is used once. The outcome carries no typed result. */
    Outcome openReceipt(CommandContext ctx, OpenReceipt open);

    /**
     * Identifies a card on a receipt (SPEC PC-2); items added from now on get its discount or draw its credit.
     * An applied outcome carries a {@link org.loyaltyengine.rules.facts.PosCardIdentified} with the mode the
     * card works in and whether the cashier chose it ({@code outcome.result(PosCardIdentified.class)}), and a
     * PosReceiptMoved (the receipt stays open). A card with both a discount and credit drawing, identified
     * without a mode, draws credit; where the settings require a choice it is refused (CARD_MODE_REQUIRED,
     * SPEC PC-11).
     */
    Outcome identifyCard(CommandContext ctx, IdentifyCard identify);

    /**
     * Removes the card from a receipt: the items that follow get no discount and draw no credit (SPEC PC-2).
     * An applied outcome carries a {@link org.loyaltyengine.rules.facts.PosReceiptMoved} (the receipt stays open).
     */
    Outcome removeCard(CommandContext ctx, RemoveCard remove);

    /**
     * Adds an item (SPEC PC-3, PC-4, PC-5): in discount mode it gets the card's percentage off, and an
     * applied outcome carries a {@link org.loyaltyengine.rules.facts.PosItemDiscount} (so does an item with
     * the cashier's discount); in credit mode its price is reserved from the card's credit, and the outcome
     * carries a {@link org.loyaltyengine.rules.facts.PosItemReservation}. Every applied outcome carries a
     * {@link org.loyaltyengine.rules.facts.PosReceiptMoved} (the receipt stays open).
     */
    Outcome addItem(CommandContext ctx, AddItem item);

    /**
     * Deletes an item from an open receipt; a reservation made for it is returned (SPEC PC-5). An applied
     * outcome carries a {@link org.loyaltyengine.rules.facts.PosReceiptMoved} (the receipt stays open).
     */
    Outcome deleteItem(CommandContext ctx, DeleteItem delete);

    /**
     * Pays a receipt: reservations become draws, credit items load the card (SPEC PC-4, PC-5). An applied
     * outcome carries a {@link org.loyaltyengine.rules.facts.PosReceiptMoved} with the status the rules closed the receipt in ({@code PAID}); its entries and
     * hold events are what the payment did.
     */
    Outcome pay(CommandContext ctx, PayReceipt pay);

    /**
     * Abandons a receipt: every reservation on it is returned (SPEC PC-5). An applied outcome carries a
     * {@link org.loyaltyengine.rules.facts.PosReceiptMoved} with the status the rules closed the receipt in ({@code ABANDONED}).
     */
    Outcome abandon(CommandContext ctx, AbandonReceipt abandon);

    /**
     * A manual top-up (positive) or deduction (negative) with a note (SPEC PC-4, PC-7). The outcome carries no
     * typed result: its entry is the change.
     */
    Outcome changeCredit(CommandContext ctx, ChangeCredit change);

    /**
     * Refunds a paid receipt, whole or by line (SPEC X-13): what the card's credit paid for the lines goes back
     * to the card, what their top-ups (credit items, SPEC PC-4) loaded onto it is taken back; a discounted line
     * gives nothing back to the card (the discount was never card value) but is refunded all the same. A line is
     * refunded once: a later refund naming it is refused ({@code LINE_ALREADY_REFUNDED}), a whole refund takes
     * only the lines not refunded yet ({@code RECEIPT_ALREADY_REFUNDED} when none is left). Refused, with nothing
     * changed: a receipt not paid ({@code RECEIPT_NOT_PAID}), a refund id used before ({@code REFUND_EXISTS}), a
     * deleted line ({@code LINE_DELETED}), an unknown line ({@code NO_SUCH_RECEIPT_LINE}), and a top-up whose
     * credit was spent ({@code CREDIT_ALREADY_SPENT}, with a
     * {@link org.loyaltyengine.rules.facts.PosRefundShortfall}). An applied outcome carries a
     * {@link org.loyaltyengine.rules.facts.PosRefunded}; its entries (kind REVERSE, on the receipt and line) are
     * what moved. Needs {@link #REFUND_PERMISSION}.
     */
    Outcome refund(CommandContext ctx, Refund refund);

    /**
     * Expires every reservation whose time has passed (run it periodically, e.g. every few minutes). The
     * outcome carries no typed result: its hold events are the reservations expired.
     */
    Outcome expireHolds(CommandContext ctx);

    /**
     * {@link #expireHolds(CommandContext)} in batch mode (SPEC PC-5, SP-25): the program's accounts in chunks of
     * {@link Batch#chunkSize()}, each chunk one command ({@code pos-card.expire-holds-chunk}) with its own
     * transaction and idempotency key {@code <job key>/chunk-<n>}, expiring by the same rules the reservations of
     * its accounts whose time has passed, so the job expires what the single sweep expires. A job interrupted
     * half-way and run again with the same key replays the chunks applied and runs the rest; the same key with
     * another chunk size is refused ({@link org.loyaltyengine.IdempotencyConflictException}) and changes nothing.
     * A dry run (in the batch or the context) decides every chunk and writes nothing. Needs what the sweep needs.
     *
     * @throws org.loyaltyengine.spi.InvalidValueException if the job's key is too long to name its chunks
     */
    BatchOutcome expireHolds(CommandContext ctx, Batch batch);

    /** The card with this number, if the tenant has one. */
    Optional<Card> card(TenantId tenant, String number);

    /**
     * A page of the card list, searched by number and name, each card with its credit (SPEC PC-9). Like the
     * program's other reads it takes no actor: the till that shows a card's statement shows its list.
     */
    CardList cards(TenantId tenant, CardSearch search);

    /**
     * The card's credit, held and available amounts and its movement history (SPEC PC-7); for a voucher past its
     * validity today (the engine clock's date) {@link CardStatement#expired()}, its credit the value it still
     * holds (SPEC PC-12).
     */
    CardStatement statement(TenantId tenant, String cardNumber);

    /**
     * The vouchers past their validity on {@code on} (its day after their last valid day), each with the value
     * it still holds, and the sum of that value per currency (SPEC PC-12). An expiry books nothing: the value
     * stays on the voucher until the shop writes it off ({@link #changeCredit}, a deduction with a note) or
     * extends the voucher ({@link #defineCard} with a later valid-until date). Like the program's other reads it
     * takes no actor.
     */
    ExpiredVouchers expiredVouchers(TenantId tenant, LocalDate on);

    /** A receipt with its items, discounts and reservations. */
    ReceiptView receipt(TenantId tenant, String receiptId);
}

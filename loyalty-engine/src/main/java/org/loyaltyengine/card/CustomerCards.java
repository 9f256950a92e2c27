package org.loyaltyengine.card;

import java.time.LocalDate;
import java.util.List;

import org.loyaltyengine.Batch;
import org.loyaltyengine.BatchOutcome;
import org.loyaltyengine.CommandContext;
import org.loyaltyengine.card.CardRequests.AddValue;
import org.loyaltyengine.card.CardRequests.AutoEnrol;
import org.loyaltyengine.card.CardRequests.Configure;
import org.loyaltyengine.card.CardRequests.CreditNote;
import org.loyaltyengine.card.CardRequests.DefineProduct;
import org.loyaltyengine.card.CardRequests.Enrol;
import org.loyaltyengine.card.CardRequests.RemoveLine;
import org.loyaltyengine.card.CardRequests.Sale;
import org.loyaltyengine.card.CardRequests.Settle;
import org.loyaltyengine.card.CardRequests.Unlock;
import org.loyaltyengine.rules.facts.CardSettlementResult;
import org.loyaltyengine.rules.facts.CardStatusResult;
import org.loyaltyengine.spi.AccountKey;
import org.loyaltyengine.rules.facts.CardAutoEnrolled;
import org.loyaltyengine.spi.Outcome;
import org.loyaltyengine.spi.TenantId;
import org.loyaltyengine.spi.Unit;

/**
 * The customer card of a veterinary practice (seed 000, SPEC CC-1..CC-9, X-13, CC-10..CC-14): every state-changing
 * call is a command with an idempotency key, decided by the {@code customer-card} rule set, and returns
 * an {@link Outcome}. Reads ({@link #card}, {@link #fullCards}, {@link #history}) take no key. The engine
 * builds the one implementation ({@code LoyaltyEngine.customerCards()}).
 *
 * <p>How it keeps its state:
 * <ul>
 *   <li>The card's money is a ledger account per customer ({@link #accountOf}): a line going on the
 *       card is an EARN entry, an unlock a REVERSE entry, a return an ADJUST entry, a manual line a
 *       MANUAL entry, and a settlement one SETTLE entry that brings the account back to zero. The
 *       open card is everything after the last SETTLE entry in force; settled lines stay in the history. A
 *       settlement taken back (its document unlocked, CC-12) is undone by a REVERSE entry of its document
 *       without a line, and the card is open again since the settlement before it.</li>
 *   <li>Settings are the program settings of the tenant. The product catalogue is one program
 *       document per product whose lines are its validity periods, so a sale is
 *       judged by the period in force on its own date. (The SPI has no catalogue repository yet; a
 *       document keeps a product's whole history together and is saved with a version check.)</li>
 *   <li>Every consultation or sale the practice locks is recorded, for customers
 *       who take part and for those who do not, so enrolment can look back (CC-4). Enrolment itself
 *       is a document per customer.</li>
 *   <li>A practice's card commands decide one at a time: each holds the practice's cards while it reads
 *       a card's ledger, so the currency cannot change under it and no two commands decide on the same
 *       card at once.</li>
 * </ul>
 *
 * <p>Decisions where the seed and SPEC are silent or differ:
 * <ul>
 *   <li>The percentage in force on a sale date is the product's own from its validity history, else the
 *       practice's current default (the default has no history of its own).</li>
 *   <li>The seed's thresholds only raise a warning ("card full"); so a card that is not full can still
 *       be settled, with the notice {@code CARD_NOT_FULL}, and with no threshold set it is never full.</li>
 *   <li>Unlocking takes off only what is on the open card: a settled line was paid out already and
 *       stays settled; locking again does not put it on a second time. A return is a credit note.</li>
 *   <li>A document with a credit note cannot be unlocked ({@code DOCUMENT_HAS_RETURNS}); a credit note
 *       does not take off again what a clerk removed by hand; a line fully returned is refused
 *       ({@code LINE_ALREADY_RETURNED}); a clerk's removal takes off only what returns left of a line.</li>
 *   <li>Every product sold must be in the catalogue, non-eligible ones included: an unknown product is
 *       an input error ({@code NO_SUCH_PRODUCT}), never silently "not eligible".</li>
 *   <li>Manual lines need the permission {@value #MANUAL_PERMISSION}.</li>
 *   <li>Settlement books one SETTLE entry on the settling document; the host adds the negative free
 *       booking (outcome value {@code freeBooking}) to that document itself.</li>
 *   <li>A request whose documents could not be kept (an unknown customer or product, a sale of another
 *       customer, a document too large to store) is refused with a typed error before anything is
 *       decided or written.</li>
 * </ul>
 *
 * <p>Rounding happens in one place, the rules ({@code accrual.drl}): a line's card value is rounded
 * half-up to cents once, when it goes on the card, and is moved unchanged afterwards, so settled amounts
 * plus the open card equal the sum of the line values exactly (SPEC CC-8).
 */
public interface CustomerCards {
    /** The rule set and account program name. */
    String PROGRAM = "customer-card";
    /** The permission manual card lines need. */
    String MANUAL_PERMISSION = "customer-card.manual";
    /** The permission to change the practice's card settings (default percentage, thresholds, auto-enrolment). */
    String SETTINGS_PERMISSION = "customer-card.settings";
    /** The permission to change the catalogue: a product's eligibility and percentage. */
    String CATALOGUE_PERMISSION = "customer-card.catalogue";
    /** The permission to enrol every customer at once, each with the card value of their past purchases. */
    String ENROL_ALL_PERMISSION = "customer-card.enrol";

    /** The card account of a customer in the practice's currency. */
    static AccountKey accountOf(String customerId, String currency) {
        return new AccountKey(customerId, PROGRAM, Unit.currency(currency));
    }

    // ------------------------------------------------------------------ settings and catalogue

    /**
     * Sets the practice's card settings (SPEC CC-1, CC-3); needs {@value #SETTINGS_PERMISSION}. The
     * currency cannot change while a card or a sale is kept in another one ({@code CurrencyMismatchException}).
     * The default percentage is in force from the context's business date on (CC-10): the earlier ones stay
     * in force for the sales made under them, so a sale earns the default of its own date (one dated before
     * the first default ever configured earns that first one); configuring again on the same date replaces
     * that date's. The outcome carries no typed result.
     */
    Outcome configure(CommandContext ctx, Configure settings);

    /**
     * Adds (or replaces) a validity period of a product: eligible or not, own percentage (SPEC CC-2);
     * needs {@value #CATALOGUE_PERMISSION}. The outcome carries no typed result.
     */
    Outcome defineProduct(CommandContext ctx, DefineProduct product);

    // ------------------------------------------------------------------ enrolment

    /**
     * Enrols a customer (SPEC CC-3); the customer's earlier locked purchases count at once, each with
     * the eligibility and percentage in force on its own date (SPEC CC-4). The outcome carries no typed
     * result: its entries are what the enrolment put on the card.
     */
    Outcome enrol(CommandContext ctx, Enrol enrol);

    /**
     * The customer stops taking part (CC-11, the customer record's "Klantenkaart" box unticked), as enrolment
     * needs no permission; a customer who does not take part is refused ({@code CUSTOMER_NOT_ENROLLED}).
     * Nothing is booked, so no value is lost or given: the open card stays as it is, shown by {@link #card}
     * (not enrolled) and left out of {@link #overview} and {@link #fullCards}; it cannot be settled or added
     * to, but an unlock or a credit note still takes a line off it. Sales locked meanwhile are only recorded,
     * as for any customer who does not take part. Joining again ({@link #enrol}) takes up the same open card
     * and counts the sales recorded meanwhile, each with what was in force on its own date, as a first
     * enrolment does; {@link #enrolAll} leaves a customer who stopped out. The outcome carries no typed
     * result.
     */
    Outcome withdraw(CommandContext ctx, CardRequests.Withdraw withdraw);

    /**
     * Enrols a customer the engine did not create (one the host's own customer master or a migration wrote
     * to the store) as the practice's auto-enrolment enrols each customer the engine creates (SPEC CC-3):
     * the rules in force decide from the practice's settings, and the customer takes part from this
     * business date, enrolled {@code automatic}. A practice that does not auto-enrol, or a customer who
     * takes part already, is left as it is: the outcome is applied and enrols nobody. Nothing is counted
     * back (that is {@link #enrol}): it is meant for a customer new to the practice. An outcome that
     * enrolled the customer carries {@code outcome.result(CardAutoEnrolled.class)}.
     */
    Outcome autoEnrol(CommandContext ctx, AutoEnrol autoEnrol);

    /**
     * Enrols every existing customer who never took part (one who stopped, {@link #withdraw}, is left out),
     * retroactively like {@link #enrol};
     * needs {@value #ENROL_ALL_PERMISSION}. The customers are those of the practice when the call is
     * made; one created meanwhile is left to auto-enrolment or the next bulk enrolment. The outcome
     * carries no typed result.
     */
    Outcome enrolAll(CommandContext ctx);

    /**
     * {@link #enrolAll(CommandContext)} in batch mode (SPEC CC-3, CC-4, SP-25): the practice's customers by id in
     * chunks of {@link Batch#chunkSize()}, each chunk one command ({@code customer-card.enrol-chunk}) with its own
     * transaction and idempotency key {@code <job key>/chunk-<n>}, enrolling by the same rules those of its
     * customers who never took part, so the job enrols whom the single command enrols, each card counted back
     * alike. The outcome's {@code accounts} counts the customers the chunks enrolled (their cards). A job
     * interrupted half-way and run again with the same key replays the chunks applied and runs the rest, on the
     * business date the job began; the same key with another chunk size is refused
     * ({@link org.loyaltyengine.IdempotencyConflictException}) and changes nothing. A dry run (in the batch or the
     * context) decides every chunk and writes nothing. Needs {@value #ENROL_ALL_PERMISSION}: without it the first
     * chunk is refused ({@code PERMISSION_REQUIRED}) and the job stops with that outcome.
     *
     * @throws org.loyaltyengine.spi.InvalidValueException if the job's key is too long to name its chunks
     */
    BatchOutcome enrolAll(CommandContext ctx, Batch batch);

    // ------------------------------------------------------------------ documents

    /**
     * Locks a consultation or sale (SPEC CC-5): it is recorded, and when the customer takes part its
     * eligible lines go on the card. Locking a document again after {@link #unlock} puts on the card
     * only what is not on a card already, so lock, unlock, lock gives the same card as one lock. Its
     * entries are what went on the card. For a customer who takes part the outcome also answers for the
     * card as the lock leaves it (CC-14): a {@link org.loyaltyengine.rules.facts.CardStatusResult} (full,
     * thresholds reached), the {@link org.loyaltyengine.rules.facts.CardFigures}, and, while the card is
     * full, the notice {@code CARD_FULL} (the seed's "Klantenkaart vol"), on every lock that leaves it full
     * until it is settled. A customer who does not take part gets the notice {@code CUSTOMER_NOT_ENROLLED}
     * and no status.
     */
    Outcome lock(CommandContext ctx, Sale sale);

    /**
     * Unlocks a consultation or sale: its lines leave the open card by reversal entries (SPEC CC-5). A line
     * settled already, on another document, stays settled.
     *
     * <p>When the card was settled on this document (CC-12: the free booking is part of the document, which is
     * editable again once unlocked), the unlock takes that settlement back: exactly the amount it paid out goes
     * back on the card by one REVERSE entry of the document without a line, the card is open again since the
     * settlement before it, with every line that settlement paid out, and the document's own lines then leave
     * the card as any unlocked line does. The outcome then carries
     * {@code outcome.result(CardSettlementReversed.class)}: the amount back on the card and the free booking the
     * host withdraws from the document. Taken back once: a second unlock finds the document unlocked
     * ({@code DOCUMENT_NOT_LOCKED}). A settlement the card was settled again after, on another document, stays
     * ({@code CARD_SETTLED_SINCE}): that later one is taken back first. Two settlements on the document go back
     * together. A customer who stopped taking part (CC-11) gets the amount back on the open card they keep.
     * Without a settlement on the document the outcome carries no typed result.
     */
    Outcome unlock(CommandContext ctx, Unlock unlock);

    /**
     * Takes back the settlement booked on a consultation or sale that is still being made, not locked (CC-12):
     * the host removed the negative free booking from it. As {@link #unlock} does for a locked document, the
     * amount the settlement paid out goes back on the card, and the document's own lines it put on at once leave
     * the card again (the document is not locked: they go on when it is); the outcome carries
     * {@code outcome.result(CardSettlementReversed.class)}. The document stays as it is, to be changed, locked
     * or settled on again. Refused: a locked document ({@code DOCUMENT_LOCKED}: unlock it), a document without a
     * settlement in force ({@code NO_SETTLEMENT}, so a second cancellation changes nothing), one the card was
     * settled again after ({@code CARD_SETTLED_SINCE}); a document never recorded is a
     * {@code NoSuchEntityException}. No permission, as {@link #settle} needs none.
     */
    Outcome cancelSettlement(CommandContext ctx, CardRequests.CancelSettlement cancel);

    /**
     * Returns lines of a locked sale (SPEC X-13): the returned share of each line's card value comes
     * off the card once. If the value was settled already, the reversal shows on the open card. The
     * outcome carries no typed result.
     */
    Outcome creditNote(CommandContext ctx, CreditNote note);

    // ------------------------------------------------------------------ settlement

    /**
     * What settling the customer's card on this document would deduct (SPEC CC-6): a dry run of
     * {@link #settle} with the same context, so the amount is the one the commit books, and the open
     * card lines it shows are the ones that dry run read. (Under a key a settlement used already, the
     * preview replays that settlement's outcome, and the open lines are the card as it stands.) The
     * preview's amount is the dry run's {@link CardSettlementResult#settlement()}, and its outcome carries
     * the same results as {@link #settle} would.
     */
    SettlementPreview previewSettlement(CommandContext ctx, Settle settle);

    /**
     * Settles the customer's open card on a consultation or sale being made (SPEC CC-6): the
     * document's own eligible lines join the card, the whole amount is booked as one negative free
     * booking on the document and a new card starts. The document is recorded as OPEN unless it was
     * known already; when it is locked later, the lines settled here are not put on the card again.
     *
     * <p>An applied outcome carries {@code outcome.result(CardSettlementResult.class)}: the amount settled
     * and the free booking; and {@code outcome.result(CardStatusResult.class)}: whether the card was
     * full when settled and which thresholds it reached (a card not full is settled with the notice
     * {@code CARD_NOT_FULL}).
     *
     * <p>The settlement can be taken back (CC-12): by unlocking the document once it is locked
     * ({@link #unlock}), or, while it is still being made, by {@link #cancelSettlement}.
     */
    Outcome settle(CommandContext ctx, Settle settle);

    // ------------------------------------------------------------------ manual lines

    /**
     * Puts a value on a card by hand, with a note; needs {@value #MANUAL_PERMISSION} (SPEC CC-7). The outcome
     * carries no typed result.
     */
    Outcome addValue(CommandContext ctx, AddValue add);

    /**
     * Takes one line off the open card by hand, with a note; needs {@value #MANUAL_PERMISSION} (SPEC CC-7).
     * The outcome carries no typed result.
     */
    Outcome removeLine(CommandContext ctx, RemoveLine remove);

    // ------------------------------------------------------------------ reads

    /**
     * The customer's open card: figures, thresholds met, full or not, and its lines (SPEC CC-1, CC-9),
     * with whether it is full decided by the rule-set version in force on {@code businessDate} (its
     * {@link CardStatusResult}).
     */
    CardStatus card(TenantId tenant, String customerId, LocalDate businessDate);

    /**
     * {@link #card(TenantId, String, LocalDate)} on the engine clock's date (UTC unless the engine was
     * built with another clock). A host whose business date is not the clock's day (a practice in
     * another time zone, a day closed late, a date asked about in advance) passes its date instead.
     */
    CardStatus card(TenantId tenant, String customerId);

    /**
     * Every customer of the practice whose card is full by the rule-set version in force on
     * {@code businessDate}, by customer id (SPEC CC-9).
     */
    List<CardStatus> fullCards(TenantId tenant, LocalDate businessDate);

    /** {@link #fullCards(TenantId, LocalDate)} on the engine clock's date, as for {@link #card(TenantId, String)}. */
    List<CardStatus> fullCards(TenantId tenant);

    /**
     * {@link #fullCards(TenantId, LocalDate)} as CSV (SPEC CC-9, X-12): a header line, then one line per
     * customer with a full card: {@code customer,amount,currency,units,purchases,visits,thresholds} (met
     * thresholds separated by {@code ;}). CRLF line ends, fields quoted as RFC 4180 says, and a cell a
     * spreadsheet would run as a formula neutralised with a leading quote.
     */
    String fullCardsCsv(TenantId tenant, LocalDate businessDate);

    /** {@link #fullCardsCsv(TenantId, LocalDate)} on the engine clock's date, as for {@link #card(TenantId, String)}. */
    String fullCardsCsv(TenantId tenant);

    /**
     * The practice's card overview (CC-13, the seed's "Klantenkaart" overview): every customer who takes
     * part, full or not, each with open amount, units, purchases, visits, thresholds met and whether the
     * card is full, by the rule-set version in force on {@code businessDate}, by customer id, read from one
     * snapshot. A customer who does not take part is not listed. {@link #fullCards} is its full ones.
     */
    List<CardStatus> overview(TenantId tenant, LocalDate businessDate);

    /** {@link #overview(TenantId, LocalDate)} on the engine clock's date, as for {@link #card(TenantId, String)}. */
    List<CardStatus> overview(TenantId tenant);

    /**
     * One page of {@link #overview(TenantId, LocalDate)} (SPEC CC-13, X-4), so that a host walks a customer base of
     * any size with a bounded heap: up to {@code limit} cards of the customers who take part and whose id comes
     * after {@code after}, by customer id in the store's page order ({@link org.loyaltyengine.spi.Customers#page}),
     * each page read from its own snapshot. Pass {@link CardPage#next()} as {@code after} for the next page; it is
     * null on the last. Walked to the end, the pages list every card the overview lists, once.
     *
     * @param after null for the first page
     * @param limit from 1 to {@value org.loyaltyengine.spi.Accounts#MAX_PAGE}
     */
    CardPage overview(TenantId tenant, LocalDate businessDate, String after, int limit);

    /** One page of {@link #fullCards(TenantId, LocalDate)}, as {@link #overview(TenantId, LocalDate, String, int)}. */
    CardPage fullCards(TenantId tenant, LocalDate businessDate, String after, int limit);

    /**
     * {@link #overview(TenantId, LocalDate)} as CSV, as {@link #fullCardsCsv} writes it with one more column:
     * {@code customer,amount,currency,units,purchases,visits,thresholds,full} ({@code true} or {@code false}).
     */
    String overviewCsv(TenantId tenant, LocalDate businessDate);

    /** {@link #overviewCsv(TenantId, LocalDate)} on the engine clock's date, as for {@link #card(TenantId, String)}. */
    String overviewCsv(TenantId tenant);

    /** Every movement on the customer's card, settled cards included, in the order booked. */
    List<CardEntry> history(TenantId tenant, String customerId);

    /** Whether the customer takes part in the card. */
    boolean isEnrolled(TenantId tenant, String customerId);
}

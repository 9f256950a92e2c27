package org.loyaltyengine.credits;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Optional;

import org.loyaltyengine.Batch;
import org.loyaltyengine.BatchOutcome;
import org.loyaltyengine.CommandContext;
import org.loyaltyengine.credits.CreditRequests.CancelSale;
import org.loyaltyengine.credits.CreditRequests.Configure;
import org.loyaltyengine.credits.CreditRequests.ConfirmSale;
import org.loyaltyengine.credits.CreditRequests.Consume;
import org.loyaltyengine.credits.CreditRequests.Correction;
import org.loyaltyengine.credits.CreditRequests.CreditNote;
import org.loyaltyengine.credits.CreditRequests.DefineType;
import org.loyaltyengine.credits.CreditRequests.Sell;
import org.loyaltyengine.credits.CreditRequests.UseCredits;
import org.loyaltyengine.spi.Outcome;
import org.loyaltyengine.spi.TenantId;

/**
 * The prepaid credits of an ERP (seed 002, SPEC CR-1..CR-8, X-13): the host defines credit types, sells them to
 * customers in lots, and registers work the same way for every customer; the engine answers per line what the
 * credits cover and what is billable, keeps each customer's portfolio, and reports usage, budget and revenue.
 * Every state-changing call is a command with an idempotency key, decided by the {@code credits} rule set. Reads
 * take no key. A host gets it from {@code LoyaltyEngine.credits()}.
 */
public interface Credits {
    /** The rule set and account program name. */
    String PROGRAM = "credits";
    /** The permission to define credit types. */
    String TYPES_PERMISSION = "credits.types";
    /** The permission to decide per customer whether credits apply. */
    String CUSTOMERS_PERMISSION = "credits.customers";
    /** The permission to change the program's settings. */
    String SETTINGS_PERMISSION = "credits.settings";
    /** The permission to register a consumption by hand, with a note. */
    String MANUAL_PERMISSION = "credits.manual";
    /** The permission to correct a customer's credits by hand: add free credits or write credits off. */
    String CORRECTIONS_PERMISSION = "credits.corrections";

    /** Defines a credit type or changes its definition (SPEC CR-1). The outcome carries no typed result. */
    Outcome defineType(CommandContext ctx, DefineType type);

    /**
     * Sets the program's settings. Until then the defaults of the rule-set version in force decide
     * ({@code rules/credits/v1/ruleset.properties}: no price above face value, no negative balance).
     */
    Outcome configure(CommandContext ctx, Configure settings);

    /** Decides whether credits apply to a customer (SPEC CR-2). The outcome carries no typed result. */
    Outcome useCredits(CommandContext ctx, UseCredits use);

    /**
     * Registers a sales document: each line is a lot, reserved for the customer while the document is open
     * (SPEC CR-3). A price above the face value is refused where the policy forbids it (PRICE_ABOVE_FACE_VALUE).
     */
    Outcome sell(CommandContext ctx, Sell sale);

    /**
     * Confirms an open sale: its credits become available, after settling what the customer owes of their type.
     * An applied outcome carries a {@link org.loyaltyengine.rules.facts.CreditSaleMoved}.
     */
    Outcome confirmSale(CommandContext ctx, ConfirmSale confirm);

    /**
     * Cancels a sale: an open one releases its reservation, a confirmed one takes its credits back; a sale any of
     * whose credits were used is refused (LOT_CONSUMED). An applied outcome carries a
     * {@link org.loyaltyengine.rules.facts.CreditSaleMoved}.
     */
    Outcome cancelSale(CommandContext ctx, CancelSale cancel);

    /**
     * Registers work on a document (SPEC CR-2, CR-4, CR-5), for a customer with or without credits alike. An
     * applied outcome carries a {@link org.loyaltyengine.rules.facts.CreditWorkAnswer}: per line what the credits
     * covered (from which lots, how many) and what is billable (quantity and amount). A customer without credits
     * gets every line billable and nothing is written.
     */
    Outcome consume(CommandContext ctx, Consume work);

    /**
     * A credit note on a consuming document (SPEC X-13): the credits its lines took go back to the lots they came
     * from, once (ALREADY_CREDITED after). An applied outcome carries a
     * {@link org.loyaltyengine.rules.facts.CreditReturned} when any credits went back.
     */
    Outcome creditNote(CommandContext ctx, CreditNote note);

    /**
     * An administrator's correction of a customer's credits of a type, with a note, under a correction id used
     * once per tenant (CORRECTION_ID_USED after); needs {@value #CORRECTIONS_PERMISSION}. Adding credits makes a
     * lot of its own at price 0: free credits, no deferred revenue, nothing recognised when work draws on them.
     * Taking credits off draws on the usable lots first in first out, as work does, but recognises no revenue:
     * the deferred revenue of what is written off is breakage, as for expiry. Never more than the usable lots
     * hold (CORRECTION_EXCEEDS_AVAILABLE), never reserved credits. Audited as {@code credits.correction}.
     */
    Outcome correct(CommandContext ctx, Correction correction);

    /** Expires what is left of every confirmed lot whose validity ended before the business date. */
    Outcome expireLots(CommandContext ctx);

    /**
     * {@link #expireLots(CommandContext)} in batch mode (SPEC CR-3, SP-25): the program's accounts in chunks of
     * {@link Batch#chunkSize()}, each chunk one command ({@code credits.expire-lots-chunk}) with its own transaction
     * and idempotency key {@code <job key>/chunk-<n>}, deciding its lots by the same rules, so the job expires what
     * the single sweep expires, lot by lot. A job interrupted half-way and run again with the same key replays the
     * chunks applied and runs the rest, on the business date the job began; the same key with another chunk size
     * is refused ({@link org.loyaltyengine.IdempotencyConflictException}) and changes nothing. A rejected chunk
     * stops the job with its outcome; a dry run (in the batch or the context) decides every chunk and writes
     * nothing. Needs what the single sweep needs.
     *
     * @throws org.loyaltyengine.spi.InvalidValueException if the job's key is too long to name its chunks
     */
    BatchOutcome expireLots(CommandContext ctx, Batch batch);

    /** The credit type with this code, if the tenant defined one. */
    Optional<CreditType> type(TenantId tenant, String code);

    /** Every credit type of the tenant, by code. */
    List<CreditType> types(TenantId tenant);

    /** A customer's portfolio at the end of a day, the present or any past one (SPEC CR-3). */
    Portfolio portfolio(TenantId tenant, String customerId, LocalDate date);

    /** What a customer's credits were used for in a period (SPEC CR-6). */
    UsageReport usage(TenantId tenant, String customerId, ReportPeriod period);

    /** {@link #usage} as CSV (SPEC X-12). */
    String usageCsv(TenantId tenant, String customerId, ReportPeriod period);

    /** A customer's budget for a year per type, as of a day (SPEC CR-7). */
    Budget budget(TenantId tenant, String customerId, int year, LocalDate asOf);

    /** {@link #budget} as CSV (SPEC X-12). */
    String budgetCsv(TenantId tenant, String customerId, int year, LocalDate asOf);

    /** Revenue recognition per month and type over every customer, {@code from} to {@code to} (SPEC CR-8). */
    RevenueReport revenue(TenantId tenant, YearMonth from, YearMonth to);

    /** {@link #revenue} as CSV (SPEC X-12). */
    String revenueCsv(TenantId tenant, YearMonth from, YearMonth to);
}

package org.loyaltyengine.points;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;

import org.loyaltyengine.PermissionRequiredException;
import org.loyaltyengine.spi.Actor;
import org.loyaltyengine.spi.InvalidValueException;
import org.loyaltyengine.spi.TenantId;

/**
 * The savings-points reports, as data and as CSV (SPEC SP-17, SP-18, X-12): the analysis per customer and
 * year, the monthly list of all points movements, and the accounting postings. Reached through
 * {@link SavingsPoints#reports()}.
 *
 * <p>The accounting postings are derived from the ledger rather than written as outcome values: the
 * ledger is the one append-only history of the points, so a report for any period can be produced (and
 * produced again) without keeping a second record that could drift from it, and entries made before the
 * accounts were configured are still accounted for. The accounts are the ones configured when the report
 * runs.
 *
 * <p>Every report shows customers' points, so each takes the user who reads it and needs
 * {@value SavingsPoints#READ_PERMISSION} (or {@value SavingsPoints#ADMIN_PERMISSION}); without it the report
 * throws {@link PermissionRequiredException} (code {@code PERMISSION_REQUIRED}) before it reads anything
 * (SPEC SP-22).
 */
public interface PointsReports {
    /** The analysis of one customer per year (SPEC SP-17). */
    PointsAnalysis analysis(TenantId tenant, Actor reader, String customerId);

    /** The analysis as CSV: one row per year, with a header. */
    String analysisCsv(TenantId tenant, Actor reader, String customerId);

    /**
     * The analysis as a printable statement for the customer (seed: "Printen" in the analysis): one line per
     * year and the balance with its value, in fixed-width columns.
     */
    String statement(TenantId tenant, Actor reader, String customerId);

    /** Every points movement with a business date in {@code month}, in ledger order (SPEC SP-17). */
    List<PointsMovement> monthlyList(TenantId tenant, Actor reader, YearMonth month);

    /** The monthly list as CSV, with a header. */
    String monthlyListCsv(TenantId tenant, Actor reader, YearMonth month);

    /**
     * The bookkeeping postings of every points entry dated {@code from..to} (inclusive), plus the revaluation
     * of unspent points on each change of the point value in that period (SPEC SP-15, SP-18).
     *
     * @throws InvalidValueException naming the account settings that are not configured
     */
    List<AccountingPosting> accounting(TenantId tenant, Actor reader, LocalDate from, LocalDate to);

    /** The accounting postings as CSV, with a header. */
    String accountingCsv(TenantId tenant, Actor reader, LocalDate from, LocalDate to);
}

package org.loyaltyengine.customers.internal;

import java.util.Map;

import org.loyaltyengine.customers.CustomerProfile;
import org.loyaltyengine.customers.ImportOptions;

/**
 * One row of an import file, as the import hands it to the pipeline (SPEC CU-3): its line, what to do
 * with a known number, its validated profile (for a new customer) and its non-blank cells (to update a
 * known one), and the earlier line of the file with the same number (0: none). {@code named} says
 * whether the row gives a name: a row without one carries its other cells under a stand-in name
 * ({@link CustomerCsv#NO_NAME}) and may only update or be left alone (SPEC CU-8).
 *
 * <p>{@code holder} is the customer the import found holding the row's number just before it submitted
 * the row (null: free), so that the row locks that customer, whose id the row itself cannot name, with
 * its own keys; under the lock the row checks that the number is still that customer's. It is no part
 * of what the row asks, so neither {@link #toString()} nor the fingerprint taken of the row's JSON
 * ({@code ImportCustomerRow.fingerprinted}) holds it: the same file under the same key is a replay even
 * after its rows created the number's holder. The command log keeps it, so the row can run again as it ran.
 */
record ImportRow(int line, ImportOptions.Duplicates mode, CustomerProfile profile, boolean named,
                 Map<String, String> cells, int firstLineWithNumber, String holder) {
    ImportRow {
        // Sorted, so the fingerprint of a row does not depend on the order of the file's columns.
        cells = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(cells));
    }

    /** The same row, expecting another holder of its number. */
    ImportRow expecting(String newHolder) {
        return new ImportRow(line, mode, profile, named, cells, firstLineWithNumber, newHolder);
    }

    /** Whether the row may update the customer holding its number: what the holder is looked up and locked for. */
    boolean mayUpdate() {
        return mode == ImportOptions.Duplicates.UPDATE && profile.number() != null && firstLineWithNumber == 0;
    }

    @Override
    public String toString() {
        return "ImportRow[line=" + line + ", mode=" + mode + ", profile=" + profile + ", named=" + named + ", cells=" + cells
                + ", firstLineWithNumber=" + firstLineWithNumber + "]";
    }
}

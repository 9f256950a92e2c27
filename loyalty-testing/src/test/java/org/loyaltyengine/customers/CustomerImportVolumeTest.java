package org.loyaltyengine.customers;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.StringReader;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.loyaltyengine.testing.customers.CustomersFixture;

/**
 * A 100,000-row import into the in-memory store (SPEC CU-3): it must finish, and it prints its rate
 * in rows per second. No time assertion: the figure depends on the machine and its load.
 */
@Tag("CU-3")
class CustomerImportVolumeTest {
    private static final int ROWS = Integer.getInteger("customers.volume.rows", 100_000);

    @Test
    void importCsv_hundredThousandRowsReportsRowsPerSecond() {
        StringBuilder csv = new StringBuilder(ROWS * 80 + 100).append("number;name;email;phone;discount;tags;remarks\n");
        for (int i = 1; i <= ROWS; i++) {
            // Every 10th row has no number, every 1000th a bad e-mail address.
            csv.append(i % 10 == 0 ? "" : String.format("N%06d", i)).append(';')
                    .append("Klant ").append(i).append(';')
                    .append(i % 1000 == 0 ? "geen-mail" : "klant" + i + "@example.nl").append(';')
                    .append("020-").append(1_000_000 + i).append(';')
                    .append(i % 7).append(';')
                    .append("webshop,regio").append(i % 12).append(';')
                    .append(i % 3 == 0 ? "\"Levering; achterom\"" : "").append('\n');
        }
        CustomersFixture f = new CustomersFixture(false);
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        long cpuStart = threads.getCurrentThreadCpuTime();
        long start = System.nanoTime();
        ImportSummary s = f.customers.importCsv(f.key("bulk"), new StringReader(csv.toString()), ImportOptions.updating());
        double seconds = (System.nanoTime() - start) / 1e9;
        double cpu = (threads.getCurrentThreadCpuTime() - cpuStart) / 1e9;
        // Wall time depends on what else runs on the machine; the importing thread's CPU time less so.
        System.out.printf("customers import: %d rows in %.1f s = %.0f rows/s (thread CPU %.1f s = %.0f rows per CPU-second)%n",
                ROWS, seconds, ROWS / seconds, cpu, ROWS / cpu);

        assertEquals(ROWS - ROWS / 1000, s.created());
        assertEquals(ROWS / 1000, s.rejected());
        assertEquals(0, s.updated() + s.ignored());
        assertEquals(ROWS - ROWS / 1000, f.stored().size());
    }
}

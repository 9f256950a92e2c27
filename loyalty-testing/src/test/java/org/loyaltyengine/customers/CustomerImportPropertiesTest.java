package org.loyaltyengine.customers;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.junit.jupiter.api.Tag;
import org.loyaltyengine.customers.internal.CustomerCsv;
import org.loyaltyengine.internal.CsvTable;
import org.loyaltyengine.spi.Customer;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;
import org.loyaltyengine.testing.customers.CustomerArbitraries;
import org.loyaltyengine.testing.customers.CustomersFixture;

/**
 * Importing a file twice with "update" leaves the same customers as importing it once (SPEC CU-3).
 * Rows carry a customer number from a small pool, so files hold duplicates inside themselves and
 * against earlier imports; some rows are invalid. Rows without a number are left out on purpose: the
 * seed says each of them creates a new customer, so a second run must create them again.
 */
@Tag("CU-3")
class CustomerImportPropertiesTest {
    record Row(String number, String name, String email, String discount, String remarks) {
    }

    @Provide
    Arbitrary<Row> rows() {
        Arbitrary<String> number = Arbitraries.of("K1", "K2", "K3", "K4", "K5", "K6");
        Arbitrary<String> name = Arbitraries.strings().withChars("abcXYZ ,;\"'éß\n").ofMinLength(0).ofMaxLength(12);
        Arbitrary<String> email = Arbitraries.of("", "jan@example.nl", "info@shop.be", "not-an-email");
        Arbitrary<String> discount = Arbitraries.of("", "0", "5", "7.5", "100", "120", "abc");
        Arbitrary<String> remarks = Arbitraries.strings().withChars("ab ;,\"\r\n").ofMaxLength(8);
        return Combinators.combine(number, name, email, discount, remarks).as(Row::new);
    }

    @Property(tries = 60)
    void importCsv_twiceWithUpdateEqualsOnce(@ForAll @Size(max = 15) List<@net.jqwik.api.From("rows") Row> rows,
                                             @ForAll boolean semicolons) {
        String csv = csv(rows, semicolons ? ';' : ',');
        CustomersFixture once = new CustomersFixture();
        once.customers.importCsv(once.key("imp-1"), new StringReader(csv), ImportOptions.updating());

        // The same tenant on a store of its own: customer ids are derived from tenant and key.
        CustomersFixture twice = new CustomersFixture(once.shop);
        twice.customers.importCsv(twice.key("imp-1"), new StringReader(csv), ImportOptions.updating());
        ImportSummary second = twice.customers.importCsv(twice.key("imp-2"), new StringReader(csv),
                ImportOptions.updating());

        List<Customer> expected = once.stored();
        assertEquals(expected, twice.stored());
        assertEquals(0, second.created());
    }

    @Provide
    Arbitrary<CustomerProfile> profiles() {
        return CustomerArbitraries.profiles();
    }

    /**
     * Any profile written as a CSV row by the export's writer (quoted, and neutralised where a
     * spreadsheet would see a formula) imports back unchanged, formula characters and quotes included.
     */
    @Property(tries = 80)
    void importCsv_aWrittenProfileReadsBackEqual(@ForAll("profiles") CustomerProfile profile, @ForAll boolean semicolons) {
        java.util.Map<String, String> cells = CustomerCsv.cells(profile);
        String csv = CsvTable.withHeader(semicolons ? ';' : ',', List.copyOf(cells.keySet()))
                .row(List.copyOf(cells.values())).toString();
        CustomersFixture f = new CustomersFixture(false);
        ImportSummary s = f.customers.importCsv(f.key("imp"), new StringReader(csv), ImportOptions.updating());
        assertEquals(1, s.created(), () -> s.rejections().toString());
        assertEquals(profile, f.customers.findByNumber(f.shop, profile.number()).orElseThrow().profile());
    }

    private static String csv(List<Row> rows, char separator) {
        StringWriter out = new StringWriter();
        try (CSVPrinter printer = new CSVPrinter(out, CSVFormat.DEFAULT.builder().setDelimiter(separator).get())) {
            printer.printRecord("number", "name", "email", "discount", "remarks");
            for (Row r : rows) {
                printer.printRecord(r.number(), r.name(), r.email(), r.discount(), r.remarks());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }
}

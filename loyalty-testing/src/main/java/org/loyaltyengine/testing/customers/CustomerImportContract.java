package org.loyaltyengine.testing.customers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.StringReader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.loyaltyengine.customers.Address;
import org.loyaltyengine.customers.CustomFieldType;
import org.loyaltyengine.customers.CustomerProfile;
import org.loyaltyengine.customers.Customers;
import org.loyaltyengine.customers.ImportOptions;
import org.loyaltyengine.customers.ImportSummary;
import org.loyaltyengine.customers.ImportSummary.RowRejection;
import org.loyaltyengine.rules.facts.CustomerSaved;
import org.loyaltyengine.spi.Customer;
import org.loyaltyengine.spi.InvalidValueException;
import org.loyaltyengine.spi.LoyaltyStore;
import org.loyaltyengine.testing.FaultyStore;
import org.loyaltyengine.testing.Spreadsheet;

/**
 * Bulk import of customers from CSV (seed 003 "Klanten importeren", SPEC CU-3). Abstract so that every
 * store runs it: {@link CustomerImportInMemoryTest} here, the JPA adapter on its databases. The property
 * tests and the volume run stay on the in-memory store.
 */
@Tag("CU-3")
public abstract class CustomerImportContract {
    private CustomersFixture f;
    private Customers customers;

    /** The store under test; a new one, or a shared one (each test uses fresh tenants). */
    protected abstract LoyaltyStore newStore();

    @BeforeEach
    void setUpShop() {
        f = new CustomersFixture(newStore());
        customers = f.customers;
    }

    /** Line -> reason code of every rejected row of hostile-import.csv, counted by hand (the header is line 1). */
    private static final Map<Integer, String> HOSTILE_REJECTIONS = new TreeMap<>(Map.ofEntries(
            Map.entry(7, "CUSTOMER_NAME_REQUIRED"),     // no name, and K003 is not known (CU-8)
            Map.entry(8, "DUPLICATE_NUMBER_IN_FILE"),   // K001 again (line 2)
            Map.entry(9, "INVALID_VALUE"),              // not an e-mail address
            Map.entry(10, "INVALID_VALUE"),             // undeclared custom field colour
            Map.entry(11, "INVALID_VALUE"),             // vip is yes/no, was "misschien"
            Map.entry(12, "INVALID_VALUE"),             // since is a date, was 15-01-2024
            Map.entry(13, "INVALID_VALUE"),             // name of 300 characters
            Map.entry(14, "ROW_UNREADABLE"),            // text after a closing quote
            Map.entry(19, "ROW_MALFORMED"),             // 13 fields
            Map.entry(20, "ROW_MALFORMED"),             // 2 fields
            Map.entry(22, "INVALID_VALUE"),             // discount 150
            Map.entry(23, "INVALID_VALUE"),             // discount "tien"
            Map.entry(24, "INVALID_VALUE"),             // language "nederlands"
            Map.entry(25, "INVALID_VALUE"),             // phone with letters
            Map.entry(26, "INVALID_VALUE"),             // number of 65 characters
            Map.entry(27, "INVALID_VALUE"),             // calculate_vat "misschien"
            Map.entry(29, "DUPLICATE_NUMBER_IN_FILE"),  // K002 again (line 3)
            Map.entry(31, "INVALID_VALUE"),             // e-mail with a space
            Map.entry(32, "INVALID_VALUE"),             // tag of 70 characters
            Map.entry(33, "ROW_UNREADABLE"),            // quote never closed
            Map.entry(35, "INVALID_VALUE"),             // remarks of 2001 characters
            Map.entry(36, "INVALID_VALUE"),             // since 2024-02-30
            Map.entry(38, "DUPLICATE_NUMBER_IN_FILE"),  // K100 again (line 16)
            Map.entry(39, "INVALID_VALUE"),             // discount -5
            Map.entry(40, "INVALID_VALUE"),             // e-mail "bad@"
            Map.entry(46, "CUSTOMER_NAME_REQUIRED"),    // name of blanks only, and K035 is not known (CU-8)
            Map.entry(47, "INVALID_VALUE"),             // language "n1"
            Map.entry(48, "INVALID_VALUE"),             // undeclared custom field colour
            Map.entry(49, "INVALID_VALUE"),             // vip "2"
            Map.entry(50, "INVALID_VALUE"),             // e-mail of 255 characters
            Map.entry(51, "INVALID_VALUE"),             // discount "10%"
            Map.entry(52, "INVALID_VALUE"),             // phone of 40 digits
            Map.entry(53, "INVALID_VALUE")));           // e-mail "a@b..nl"

    /** Numbers the corpus creates (lines 4, 5 and 41 create customers without a number). */
    private static final Set<String> HOSTILE_CREATED_NUMBERS = Set.of("K001", "K002", "K010", "K011", "K019", "K020",
            "K024", "K027", "K031", "K032", "K033", "K034");

    private void declareCorpusFields() {
        CustomersFixture.applied(customers.declareField(f.manager(), "vip", CustomFieldType.BOOLEAN));
        CustomersFixture.applied(customers.declareField(f.manager(), "since", CustomFieldType.DATE));
    }

    private static InputStream corpus() {
        return CustomerImportContract.class.getResourceAsStream("hostile-import.csv");
    }

    private ImportSummary importText(String key, String csv, ImportOptions options) {
        return customers.importCsv(f.key(key), new StringReader(csv), options);
    }

    private Map<String, String> namesByNumber() {
        return f.stored().stream().filter(c -> c.number() != null)
                .collect(Collectors.toMap(Customer::number, Customer::name, (a, b) -> a, TreeMap::new));
    }

    @Test
    @Tag("X-10")
    void importCsv_readerFailingUnchecked_typedErrorNothingImported() {
        java.io.Reader failing = new java.io.Reader() {
            private boolean first = true;

            @Override
            public int read(char[] buf, int off, int len) {
                if (first) {
                    // A whole row first, so a half-read file would show as an imported row.
                    first = false;
                    char[] head = "number;name\nK1;Jansen\n".toCharArray();
                    System.arraycopy(head, 0, buf, off, head.length);
                    return head.length;
                }
                // What a Reader over Files.lines or a BufferedReader stream wrapper throws.
                throw new java.io.UncheckedIOException(new java.io.IOException("network share went away"));
            }

            @Override
            public void close() {
            }
        };
        org.loyaltyengine.spi.LoyaltyException e = assertThrows(org.loyaltyengine.spi.LoyaltyException.class,
                () -> customers.importCsv(f.key("imp-io"), failing, ImportOptions.updating()));
        assertEquals("IO_FAILED", e.code());
        assertTrue(f.stored().isEmpty());
    }

    @Test
    void importCsv_hostileCorpusGivesExactCountsAndLines() {
        declareCorpusFields();
        String existing = f.create(CustomerProfile.builder("Bestaand BV").number("K100").build());
        ImportSummary s = customers.importCsv(f.key("imp-1"), corpus(), ImportOptions.updating());

        assertEquals(15, s.created());
        assertEquals(1, s.updated());
        assertEquals(0, s.ignored());
        assertEquals(33, s.rejected());
        Map<Integer, String> got = new TreeMap<>();
        for (RowRejection r : s.rejections()) {
            got.put(r.line(), r.code());
            assertTrue(r.message().contains("line " + r.line()), () -> "message names its line: " + r);
        }
        assertEquals(HOSTILE_REJECTIONS, got);

        // Nothing of a rejected row was written: exactly the accepted numbers exist, plus K100.
        Map<String, String> stored = namesByNumber();
        Set<String> expected = new java.util.TreeSet<>(HOSTILE_CREATED_NUMBERS);
        expected.add("K100");
        assertEquals(expected, stored.keySet());
        assertEquals(1 + 15, f.stored().size());
        assertEquals("Bakkerij de Vries", stored.get("K001"));
        assertEquals("Jansen, Pieters & Co", stored.get("K002"));
        assertEquals("Piet \"de\" Boer", stored.get("K010"));
        assertEquals("Slordig \" dubbel quote", stored.get("K020"));
        assertEquals("Emoji \uD83D\uDE9A BV", stored.get("K032"));
        assertEquals("Bestaand BV bijgewerkt", stored.get("K100"));
        Set<String> rejectedNames = Set.of("Dubbel in bestand", "Dubbel Tweede", "Bestaand Tweede Keer", "Slechte Mail",
                "Onbekend Veld", "Verkeerd Type");
        assertTrue(f.stored().stream().noneMatch(c -> rejectedNames.contains(c.name())));

        CustomerProfile k001 = customers.findByNumber(f.shop, "K001").orElseThrow().profile();
        assertEquals(new BigDecimal("5"), k001.discountPercent());
        assertEquals(List.of("groothandel", "vip"), k001.tags());
        assertEquals(Map.of("vip", "true", "since", "2024-01-15"), k001.customFields());
        assertEquals("Levering via achterdeur; bellen",
                customers.findByNumber(f.shop, "K002").orElseThrow().profile().remarks());
        assertEquals("regel een\nregel twee", customers.findByNumber(f.shop, "K011").orElseThrow().profile().remarks());
        assertEquals(new BigDecimal("7.5"), customers.findByNumber(f.shop, "K034").orElseThrow().profile().discountPercent());
        assertEquals(List.of("a", "b"), customers.findByNumber(f.shop, "K033").orElseThrow().profile().tags());
        assertEquals("en", customers.findByNumber(f.shop, "K031").orElseThrow().profile().language());
        assertEquals(existing, customers.findByNumber(f.shop, "K100").orElseThrow().id());
        assertEquals(2, f.stored().stream().filter(c -> c.name().equals("Zonder Nummer BV")).count());
        assertTrue(f.stored().stream().anyMatch(c -> c.name().equals("Spaties Rondom") && c.number() == null));
        // Every created customer got the programs' new-customer defaults, the updated one not again.
        assertEquals(16, f.hookedCustomers().size());
    }

    @Test
    void importCsv_sameKeyAgainIsAReplayAndANewKeyWithUpdateChangesNothing() {
        declareCorpusFields();
        f.create(CustomerProfile.builder("Bestaand BV").number("K100").build());
        ImportSummary first = customers.importCsv(f.key("imp-1"), corpus(), ImportOptions.updating());
        List<Customer> after = f.stored();

        ImportSummary replay = customers.importCsv(f.key("imp-1"), corpus(), ImportOptions.updating());
        assertEquals(first, replay);
        assertEquals(after, f.stored());

        ImportSummary rerun = customers.importCsv(f.key("imp-2"), corpus(), ImportOptions.updating());
        assertEquals(3, rerun.created()); // the rows without a number create again, as the seed says
        assertEquals(13, rerun.updated());
        assertEquals(33, rerun.rejected());
        List<Customer> withNumbers = f.stored().stream().filter(c -> c.number() != null).toList();
        assertEquals(after.stream().filter(c -> c.number() != null).toList(), withNumbers);
    }

    @Test
    void importCsv_updateWritesTheRowsCellsAndKeepsWhatItLeavesBlank() {
        f.create(CustomerProfile.builder("Jansen").number("K1").email("oud@jansen.nl").phone("020-1111111")
                .deliveryAddress(new Address("Dorpsstraat 1", "1234 AB", "Amsterdam", "NL")).discountPercent("5")
                .build());
        ImportSummary s = importText("imp", "number;name;phone;email;delivery_city\nK1;Jansen BV;;nieuw@jansen.nl;Haarlem\n",
                ImportOptions.updating());
        assertEquals(1, s.updated());
        CustomerProfile k1 = customers.findByNumber(f.shop, "K1").orElseThrow().profile();
        assertEquals("Jansen BV", k1.name());
        assertEquals("nieuw@jansen.nl", k1.email());
        assertEquals("020-1111111", k1.phone());
        assertEquals(new Address("Dorpsstraat 1", "1234 AB", "Haarlem", "NL"), k1.deliveryAddress());
        assertEquals(new BigDecimal("5"), k1.discountPercent());
    }

    // ------------------------------------------------------------------ CU-8 an update changes only the cells it has

    private CustomerProfile fullK1001() {
        return CustomerProfile.builder("Jansen").number("1001").email("oud@jansen.nl").phone("020-1111111")
                .deliveryAddress(new Address("Dorpsstraat 1", "1234 AB", "Amsterdam", "NL")).discountPercent("5")
                .remarks("Alleen ochtend").orderRemarks("Niet stapelen").tags(List.of("vip")).field("vip", "true")
                .build();
    }

    @Test
    @Tag("CU-8")
    void importCsv_anUpdateRowNeedsNoNameAndChangesOnlyTheCellsItHas() {
        CustomersFixture.applied(customers.declareField(f.manager(), "vip", CustomFieldType.BOOLEAN));
        String id = f.create(fullK1001());
        CustomerProfile stored = customers.find(f.shop, id).orElseThrow().profile();

        // The seed's own case: the name cell left empty keeps the name.
        ImportSummary s = importText("a", "number;name;email\n1001;;new@x.nl\n", ImportOptions.updating());
        assertEquals(List.of(), s.rejections());
        assertEquals(1, s.updated());
        CustomerProfile expected = stored.toBuilder().email("new@x.nl").build();
        assertEquals(expected, customers.find(f.shop, id).orElseThrow().profile());

        // A file without a name column updates as well; an empty cell keeps what is stored, it clears nothing.
        s = importText("b", "number;phone;remarks;field.vip\n1001;030-2222222;;false\n", ImportOptions.updating());
        assertEquals(1, s.updated());
        expected = expected.toBuilder().phone("030-2222222").field("vip", "false").build();
        assertEquals(expected, customers.find(f.shop, id).orElseThrow().profile());
        assertEquals("Alleen ochtend", expected.remarks());
        assertEquals(1, f.stored().size());
        assertEquals(List.of(id), f.hookedCustomers());

        // Its cells are still checked: a bad value refuses the row and changes nothing.
        for (String bad : List.of("number;email\n1001;bad@\n", "number;field.vip\n1001;misschien\n",
                "number;discount\n1001;150\n")) {
            s = importText("bad-" + bad.hashCode(), bad, ImportOptions.updating());
            assertEquals(0, s.updated(), bad);
            assertEquals(List.of(2), s.rejectedLines(), bad);
            assertEquals("INVALID_VALUE", s.rejections().get(0).code(), bad);
        }
        assertEquals(expected, customers.find(f.shop, id).orElseThrow().profile());
        // A number twice in one file is refused on its later line, named or not.
        s = importText("d", "number;email\n1001;a@x.nl\n1001;b@x.nl\n", ImportOptions.updating());
        assertEquals(1, s.updated());
        assertEquals("DUPLICATE_NUMBER_IN_FILE", s.rejections().get(0).code());
        assertEquals(expected.toBuilder().email("a@x.nl").build(), customers.find(f.shop, id).orElseThrow().profile());
    }

    @Test
    @Tag("CU-8")
    void importCsv_aRowWithoutANameCreatesNoCustomer() {
        String id = f.create(CustomerProfile.builder("Jansen").number("1001").email("oud@jansen.nl").build());
        ImportSummary s = importText("imp", "number;email\n1001;new@x.nl\n1002;nieuw@x.nl\n;zonder@x.nl\n",
                ImportOptions.updating());
        assertEquals(1, s.updated());
        assertEquals(0, s.created());
        assertEquals(List.of(3, 4), s.rejectedLines());
        for (RowRejection r : s.rejections()) {
            assertEquals("CUSTOMER_NAME_REQUIRED", r.code());
            assertTrue(r.message().contains("line " + r.line()) && r.message().contains("name"), r.message());
        }
        assertTrue(s.rejections().get(0).message().contains("1002"), s.rejections().get(0).message());
        assertEquals(1, f.stored().size());
        assertEquals(List.of(id), f.hookedCustomers());
        assertEquals("new@x.nl", customers.find(f.shop, id).orElseThrow().profile().email());
        assertEquals("Jansen", customers.find(f.shop, id).orElseThrow().profile().name());

        // Left alone (IGNORE), a known number needs no name either; an unknown one is refused the same way.
        s = importText("ign", "number;email\n1001;ander@x.nl\n1003;b@x.nl\n", ImportOptions.ignoring());
        assertEquals(1, s.ignored());
        assertEquals(List.of(3), s.rejectedLines());
        assertEquals("CUSTOMER_NAME_REQUIRED", s.rejections().get(0).code());
        assertEquals("new@x.nl", customers.find(f.shop, id).orElseThrow().profile().email());

        // A row with a name still creates, in the same file as rows that only update.
        s = importText("mixed", "number;name;email\n1001;;x@x.nl\n1004;Pietersen;p@x.nl\n", ImportOptions.updating());
        assertEquals(1, s.updated());
        assertEquals(1, s.created());
        assertEquals("Pietersen", customers.findByNumber(f.shop, "1004").orElseThrow().profile().name());
        assertEquals(2, f.hookedCustomers().size());
        // A file that can neither create nor update is refused as a whole.
        assertThrows(InvalidValueException.class, () -> importText("none", "email;phone\nx@x.nl;0201234567\n",
                ImportOptions.updating()));
    }

    @Test
    @Tag("X-12")
    void exportCsv_importsBackIntoTheSameCustomers() {
        declareCorpusFields();
        f.create(CustomerProfile.builder("Jansen; \"de\" Vries, BV").number("K1").email("jan@example.nl")
                .remarks("regel een\nregel twee").tags(List.of("vip", "b2b")).discountPercent("12.5")
                .deliveryAddress(new Address("Kade 1", "1011 AB", "Amsterdam", "NL")).calculateVat(false)
                .field("vip", "ja").build());
        f.create(CustomerProfile.builder("Pietersen").number("K2").field("since", "2020-02-29").build());
        java.io.StringWriter out = new java.io.StringWriter();
        customers.exportCsv(f.shop, out);

        CustomersFixture other = new CustomersFixture(newStore());
        other.customers.declareField(other.manager(), "vip", CustomFieldType.BOOLEAN);
        other.customers.declareField(other.manager(), "since", CustomFieldType.DATE);
        ImportSummary s = other.customers.importCsv(other.next(), new StringReader(out.toString()),
                ImportOptions.updating());
        assertEquals(new ImportSummary(2, 0, 0, 0, List.of()), s);
        for (String number : List.of("K1", "K2")) {
            assertEquals(customers.findByNumber(f.shop, number).orElseThrow().profile(),
                    other.customers.findByNumber(other.shop, number).orElseThrow().profile());
        }
        // Exported and imported back into the same shop with update, nothing changes.
        List<Customer> before = f.stored();
        assertEquals(2, customers.importCsv(f.next(), new StringReader(out.toString()), ImportOptions.updating())
                .updated());
        assertEquals(before, f.stored());
    }

    @Test
    @Tag("X-12")
    void exportCsv_neutralisesFormulaCellsAndImportsBackUnchanged() {
        f.create(CustomerProfile.builder("=cmd|' /C calc'!A0").number("K1").remarks("@SUM(A1:A9)")
                .contact("+HYPERLINK(\"http://evil.example\",\"x\")").phone("-1")
                .deliveryAddress(new Address("'=al gequoot", null, "'s-Hertogenbosch", null)).build());
        f.create(CustomerProfile.builder("-2+3+cmd|' /C calc'!A0").number("K2").orderRemarks("\tverborgen").build());
        java.io.StringWriter out = new java.io.StringWriter();
        customers.exportCsv(f.shop, out);
        String csv = out.toString();

        Spreadsheet.assertNoFormulaCells(csv, ';');
        assertTrue(csv.contains(";\"'=cmd|' /C calc'!A0\";"), csv);
        assertTrue(csv.contains(";\"'+HYPERLINK(\"\"http://evil.example\"\",\"\"x\"\")\";"), csv);
        assertTrue(csv.contains(";\"'@SUM(A1:A9)\";"), csv);
        assertTrue(csv.contains(";\"''=al gequoot\";"), csv);
        assertTrue(csv.contains(";'s-Hertogenbosch;"), csv); // a quote before an ordinary letter is the city's
        assertTrue(csv.contains(";-1;"), csv);                // a plain number is not a formula

        CustomersFixture other = new CustomersFixture(newStore());
        assertEquals(2, other.customers.importCsv(other.next(), new StringReader(csv), ImportOptions.updating())
                .created());
        for (String number : List.of("K1", "K2")) {
            assertEquals(customers.findByNumber(f.shop, number).orElseThrow().profile(),
                    other.customers.findByNumber(other.shop, number).orElseThrow().profile());
        }
    }

    @Test
    void importCsv_ignoreLeavesKnownCustomersAlone() {
        f.create(CustomerProfile.builder("Bestaand BV").number("K100").email("oud@bestaand.nl").build());
        ImportSummary s = importText("imp", "number,name,email\nK100,Nieuwe Naam,nieuw@bestaand.nl\nK101,Nieuw BV,\n",
                ImportOptions.ignoring());
        assertEquals(new ImportSummary(1, 0, 1, 0, List.of()), s);
        CustomerProfile k100 = customers.findByNumber(f.shop, "K100").orElseThrow().profile();
        assertEquals("Bestaand BV", k100.name());
        assertEquals("oud@bestaand.nl", k100.email());
    }

    @Test
    void importCsv_detectsOrTakesTheSeparatorAndReadsQuotedCommasAndNewlines() {
        ImportSummary comma = importText("a", "Klantnummer,Naam,Opmerkingen\r\nA1,\"Jansen, J.\",\"twee\r\nregels\"\r\n",
                ImportOptions.updating());
        assertEquals(1, comma.created());
        CustomerProfile a1 = customers.findByNumber(f.shop, "A1").orElseThrow().profile();
        assertEquals("Jansen, J.", a1.name());
        assertEquals("twee\r\nregels", a1.remarks());
        ImportSummary tabs = importText("b", "number\tname\t\t\nB1\tTab BV\t\t\n", ImportOptions.updating());
        assertEquals(1, tabs.created());
        ImportSummary chosen = importText("c", "number|name\nC1|Pipe BV\n", ImportOptions.updating().withSeparator('|'));
        assertEquals(1, chosen.created());
        assertEquals("Pipe BV", customers.findByNumber(f.shop, "C1").orElseThrow().profile().name());
    }

    @Test
    void importCsv_withAndWithoutBomReadTheSame() {
        String csv = "number;name\nK1;Één BV\n";
        byte[] plain = csv.getBytes(StandardCharsets.UTF_8);
        byte[] bom = ("\uFEFF" + csv).getBytes(StandardCharsets.UTF_8);
        assertEquals(1, customers.importCsv(f.key("plain"), new ByteArrayInputStream(plain), ImportOptions.updating())
                .created());
        ImportSummary second = customers.importCsv(f.key("bom"), new ByteArrayInputStream(bom), ImportOptions.updating());
        assertEquals(1, second.updated());
        assertEquals(1, f.stored().size());
        assertEquals("Één BV", f.stored().get(0).name());
    }

    @Test
    @Tag("X-10")
    void importCsv_aBrokenFileIsRefusedBeforeAnyRow() {
        assertThrows(InvalidValueException.class, () -> importText("a", "", ImportOptions.updating()));
        assertThrows(InvalidValueException.class, () -> importText("b", "number;naam;kleur\nK1;Jansen;rood\n",
                ImportOptions.updating()));
        assertThrows(InvalidValueException.class, () -> importText("c", "email;phone\na@b.nl;020-1234567\n",
                ImportOptions.updating()));
        assertThrows(InvalidValueException.class, () -> importText("d", "name;naam\nJansen;Jansen\n",
                ImportOptions.updating()));
        assertThrows(InvalidValueException.class, () -> importText("k".repeat(191), "name\nJansen\n",
                ImportOptions.updating()));
        byte[] latin1 = "number;name\nK1;Caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1);
        assertThrows(InvalidValueException.class, () -> customers.importCsv(f.key("e"),
                new ByteArrayInputStream(latin1), ImportOptions.updating()));
        assertTrue(f.stored().isEmpty());
    }

    @Test
    void importCsv_aDryRunDecidesEveryRowAndWritesNothing() {
        declareCorpusFields();
        f.create(CustomerProfile.builder("Bestaand BV").number("K100").build());
        ImportSummary preview = customers.importCsv(f.key("imp-1").asDryRun(), corpus(), ImportOptions.updating());
        assertEquals(new ImportSummary(15, 1, 0, 33, preview.rejections()), preview);
        assertEquals(1, f.stored().size());
        assertEquals(1, f.hookedCustomers().size());
    }

    @Test
    void importCsv_aKeyReusedForAnotherFileRejectsTheChangedRows() {
        importText("imp", "number;name\nK1;Jansen\nK2;Pietersen\n", ImportOptions.updating());
        ImportSummary s = importText("imp", "number;name\nK1;Jansen\nK2;Anders\n", ImportOptions.updating());
        assertEquals(1, s.created());
        assertEquals(List.of(3), s.rejectedLines());
        assertEquals("IMPORT_KEY_REUSED", s.rejections().get(0).code());
        assertEquals("Pietersen", customers.findByNumber(f.shop, "K2").orElseThrow().profile().name());
        assertFalse(s.rejections().get(0).message().isBlank());
    }

    @Test
    @Tag("X-10")
    void importCsv_aControlCharacterRejectsItsRowAndTheRowsAfterItAreImported() {
        ImportSummary s = importText("imp", "number;name;remarks\nN1;Eerste;\nN2;Twee\u0000de;\nN3;Derde;bel\u0007\n"
                + "N4;Vierde;\"regel een\nregel twee\"\n", ImportOptions.updating());

        assertEquals(2, s.created());
        assertEquals(List.of(3, 4), s.rejectedLines());
        assertEquals(List.of("INVALID_VALUE", "INVALID_VALUE"), s.rejections().stream().map(RowRejection::code).toList());
        assertTrue(s.rejections().get(0).message().contains("name"), s.rejections().get(0).message());
        assertTrue(s.rejections().get(1).message().contains("remarks"), s.rejections().get(1).message());
        assertEquals(Set.of("N1", "N4"), namesByNumber().keySet());
    }

    @Test
    @Tag("X-5")
    void importCsv_aNumberTakenWhileTheFileIsImportedIsUpdatedNotDoubled() throws Exception {
        org.loyaltyengine.testing.Interleaving race = new org.loyaltyengine.testing.Interleaving(newStore());
        CustomersFixture shop = new CustomersFixture(race);
        org.loyaltyengine.CommandContext theirs = shop.next();
        // Theirs takes K7 while the import's first row is deciding: after the import looked the file's
        // numbers up (K7 was free then), before the row for K7 runs.
        java.util.concurrent.Future<org.loyaltyengine.spi.Outcome> meanwhile = race.once(
                org.loyaltyengine.testing.Interleaving.Point.BEFORE_LOCK,
                () -> shop.customers.create(theirs, CustomerProfile.builder("Eerder BV").number("K7").build()));
        ImportSummary s = shop.customers.importCsv(shop.next(), new StringReader(
                "number;name;email\nK6;Zes BV;\nK7;Zeven BV;zeven@example.nl\n"), ImportOptions.updating());
        org.loyaltyengine.spi.Outcome other = meanwhile.get(30, java.util.concurrent.TimeUnit.SECONDS);

        assertEquals(0, s.rejected(), () -> s.rejections().toString());
        List<Customer> k7 = shop.stored().stream().filter(c -> "K7".equals(c.number())).toList();
        assertEquals(1, k7.size(), k7::toString);
        assertEquals("zeven@example.nl", k7.get(0).attributes().get("email"));
        if (other.applied()) {
            // Theirs first: the row found K7 held by another customer than it looked up, and updated that one.
            assertEquals(new ImportSummary(1, 1, 0, 0, List.of()), s);
            assertEquals(other.result(CustomerSaved.class).orElseThrow().customerId(), k7.get(0).id());
            assertEquals("Zeven BV", k7.get(0).name());
        } else {
            // The row first (a store that runs a tenant's transactions one at a time may order them so).
            assertEquals(List.of("CUSTOMER_NUMBER_TAKEN"), other.reasonCodes());
            assertEquals(new ImportSummary(2, 0, 0, 0, List.of()), s);
        }
    }

    @Test
    @Tag("X-10")
    void importCsv_aRowTheStoreRefusesIsARejectedRowAndTheRestGoesOn() {
        CustomersFixture faulty = new CustomersFixture(new FaultyStore(newStore()).refuse("Geweigerd BV"));
        ImportSummary s = faulty.customers.importCsv(faulty.next(), new StringReader(
                "number;name\nN1;Eerste BV\nN2;Geweigerd BV\nN3;Derde BV\n"), ImportOptions.updating());

        assertEquals(2, s.created());
        assertEquals(List.of(3), s.rejectedLines());
        assertEquals("STORE_FAILED", s.rejections().get(0).code());
        assertTrue(s.rejections().get(0).message().startsWith("line 3: "), s.rejections().get(0).message());
        assertEquals(List.of("Derde BV", "Eerste BV"), faulty.stored().stream().map(Customer::name).sorted().toList());
    }

    @Test
    @Tag("X-10")
    void importCsv_aRowWhoseCommitReplyIsLostIsSettledByReplayingItsKey() {
        CustomersFixture faulty = new CustomersFixture(new FaultyStore(newStore()).loseCommitReply("Verloren BV"));
        ImportSummary s = faulty.customers.importCsv(faulty.next(), new StringReader(
                "number;name\nN1;Eerste BV\nN2;Verloren BV\nN3;Derde BV\n"), ImportOptions.updating());

        // The row did commit: it is created, once, and the summary says so.
        assertEquals(new ImportSummary(3, 0, 0, 0, List.of()), s);
        assertEquals(List.of("Derde BV", "Eerste BV", "Verloren BV"),
                faulty.stored().stream().map(Customer::name).sorted().toList());
    }
}

package org.loyaltyengine.testing.credits;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.loyaltyengine.AuditRecord;
import org.loyaltyengine.AuditTrail;
import org.loyaltyengine.CommandContext;
import org.loyaltyengine.IdempotencyConflictException;
import org.loyaltyengine.credits.CreditRequests.Configure;
import org.loyaltyengine.credits.CreditRequests.Consume;
import org.loyaltyengine.credits.CreditRequests.Counting;
import org.loyaltyengine.credits.CreditRequests.DefineType;
import org.loyaltyengine.credits.CreditRequests.Source;
import org.loyaltyengine.credits.CreditRequests.UseCredits;
import org.loyaltyengine.credits.CreditType;
import org.loyaltyengine.credits.Credits;
import org.loyaltyengine.credits.Portfolio;
import org.loyaltyengine.credits.ReportPeriod;
import org.loyaltyengine.rules.facts.CreditWorkAnswer;
import org.loyaltyengine.spi.Actor;
import org.loyaltyengine.spi.InvalidValueException;
import org.loyaltyengine.spi.Outcome;
import org.loyaltyengine.testing.TenantSnapshot;

/**
 * Credit types and who uses credits (seed 002 "Verschillende types credits", SPEC CR-1, CR-2), the permissions
 * and audit trail of the program's administration and its idempotency, through the public API.
 * Abstract so that every store runs it.
 */
public abstract class CreditTypesContract extends CreditsContractBase {
    private static final LocalDate DAY = LocalDate.of(2026, 1, 5);

    @Test
    @Tag("CR-1")
    void aTypeKeepsCodeNameUnitCountingAndFaceValue_andADefinitionCanChangeButNotItsCurrency() {
        defineHourAndTicket(DAY);
        assertEquals(new CreditType("HOUR", "Technician hour", "hour", Counting.FRACTIONAL, eur("80.00")),
                credits.type(tenant, "HOUR").orElseThrow());
        CreditType ticket = credits.type(tenant, "TICKET").orElseThrow();
        assertTrue(ticket.whole());
        assertEquals("ticket", ticket.unit());
        assertAmount("25.00", ticket.faceValue().amount());
        assertEquals(List.of("HOUR", "TICKET"), credits.types(tenant).stream().map(CreditType::code).toList());
        assertTrue(credits.type(tenant, "COPY").isEmpty());

        // A new name and face value: the definition changes.
        applied(credits.defineType(on(DAY), new DefineType("HOUR", "Senior technician hour", "hour",
                Counting.FRACTIONAL, eur("95.00"))));
        assertEquals(new CreditType("HOUR", "Senior technician hour", "hour", Counting.FRACTIONAL, eur("95.00")),
                credits.type(tenant, "HOUR").orElseThrow());
        // Another currency is another type.
        TenantSnapshot before = snapshot();
        Outcome otherCurrency = rejected(credits.defineType(on(DAY), new DefineType("HOUR", "Hour", "hour",
                Counting.FRACTIONAL, org.loyaltyengine.spi.Money.of("2000.00", "CZK"))), "TYPE_CURRENCY_FIXED");
        assertTrue(otherCurrency.rejections().get(0).message().contains("EUR"), otherCurrency.rejections().toString());
        assertEquals(before.parts(), snapshot().parts());
        assertAmount("95.00", credits.type(tenant, "HOUR").orElseThrow().faceValue().amount());
    }

    @Test
    @Tag("CR-1")
    void aTypeWithoutAPositiveFaceValueOrAName_isATypedError() {
        assertThrows(InvalidValueException.class, () -> new DefineType("HOUR", "Hour", "hour", Counting.FRACTIONAL,
                eur("0.00")));
        assertThrows(InvalidValueException.class, () -> new DefineType("HOUR", "Hour", "hour", Counting.FRACTIONAL,
                eur("-80.00")));
        assertThrows(InvalidValueException.class, () -> new DefineType("HOUR", " ", "hour", Counting.FRACTIONAL,
                eur("80.00")));
        assertThrows(InvalidValueException.class, () -> new DefineType("HOUR", "Hour", "hour", null, eur("80.00")));
    }

    @Test
    @Tag("CR-1")
    void aCustomerHoldsSeveralTypes_trackedApart() {
        defineHourAndTicket(DAY);
        usesCredits("C1", DAY);
        usesCredits("C2", DAY);
        sellConfirmed(DAY, "S1", "C1", lot("1", "HOUR", "10", "72.00", null), lot("2", "TICKET", "5", "25.00", null));
        sellConfirmed(DAY, "S2", "C2", lot("1", "HOUR", "4", "80.00", null));

        Outcome o = applied(consume(DAY, "C1", doc(Source.SERVICE_REPORT, "SR-1"), work("1", "HOUR", "3", "repair")));
        assertDraws(answer(o), "1", "S1/1", "3");

        // C1: 10 - 3 = 7 hours; the tickets untouched at 5. C2's hours are C2's own: 4.
        Portfolio c1 = portfolio("C1", DAY);
        assertHolding(c1, "HOUR", "10", "0", "3", "0", "7");
        assertHolding(c1, "TICKET", "5", "0", "0", "0", "5");
        assertHolding(portfolio("C2", DAY), "HOUR", "4", "0", "0", "0", "4");
        assertTrue(portfolio("C2", DAY).holding("TICKET").isEmpty());
    }

    /**
     * The seed: "De registratie blijft daarom hetzelfde, of het nu over een klant met of zonder credits gaat." The
     * same service report lines for a customer with credits and one without: the first consumes, the second is
     * wholly billable at face value and writes nothing.
     */
    @Test
    @Tag("CR-2")
    @Tag("CR-4")
    void theSameServiceReport_consumesForACustomerWithCredits_andIsWhollyBillableForOneWithout() {
        defineHourAndTicket(DAY);
        usesCredits("WITH", DAY);
        applied(credits.useCredits(on(DAY), new UseCredits("SWITCHED-OFF", false)));
        sellConfirmed(DAY, "S1", "WITH", lot("1", "HOUR", "10", "72.00", null), lot("2", "TICKET", "3", "20.00", null));

        CreditWorkAnswer with = answer(applied(consume(DAY, "WITH", doc(Source.SERVICE_REPORT, "SR-1"),
                work("1", "HOUR", "2", "server install"), work("2", "TICKET", "1", "ticket"))));
        assertAmount("2", with.coveredOf("1"));
        assertAmount("0", with.billableOf("1"));
        assertAmount("1", with.coveredOf("2"));
        assertAmount("0", with.billableAmountOf("2"));
        assertHolding(portfolio("WITH", DAY), "HOUR", "10", "0", "2", "0", "8");

        for (String customer : List.of("NEVER-SET", "SWITCHED-OFF")) {
            TenantSnapshot before = snapshot();
            Outcome o = applied(consume(DAY, customer, doc(Source.SERVICE_REPORT, "SR-" + customer),
                    work("1", "HOUR", "2", "server install"), work("2", "TICKET", "1", "ticket")));
            CreditWorkAnswer without = answer(o);
            // Billed at face value: 2 x 80.00 = 160.00 and 1 x 25.00 = 25.00; nothing covered.
            assertAmount("0", without.coveredOf("1"));
            assertAmount("2", without.billableOf("1"));
            assertAmount("160.00", without.billableAmountOf("1"));
            assertAmount("1", without.billableOf("2"));
            assertAmount("25.00", without.billableAmountOf("2"));
            assertTrue(without.drawsOf("1").isEmpty() && without.drawsOf("2").isEmpty());
            assertTrue(o.entries().isEmpty(), () -> "a customer without credits got entries: " + o.entries());
            assertEquals(before.parts(), snapshot().parts(), customer + ": nothing but the outcome is written");
            assertTrue(credits.usage(tenant, customer, ReportPeriod.month(java.time.YearMonth.of(2026, 1))).rows()
                    .isEmpty());
            Portfolio p = portfolio(customer, DAY);
            assertFalse(p.usesCredits());
            assertTrue(p.holdings().isEmpty() && p.lots().isEmpty());
        }
        assertTrue(portfolio("WITH", DAY).usesCredits());
    }

    @Test
    @Tag("CR-2")
    void creditsAreSoldOnlyToACustomerWhoUsesThem() {
        defineHourAndTicket(DAY);
        TenantSnapshot before = snapshot();
        rejected(sell(DAY, "S1", "C9", lot("1", "HOUR", "10", "72.00", null)), "CUSTOMER_WITHOUT_CREDITS");
        assertEquals(before.parts(), snapshot().parts());
    }

    // ------------------------------------------------------------------ X-8 permissions and audit

    @Test
    @Tag("X-8")
    @Tag("CR-1")
    void definingTypes_switchingCustomers_andSettings_eachNeedTheirPermission_andWriteNothingWithout() {
        defineHourAndTicket(DAY);
        usesCredits("C1", DAY);
        sellConfirmed(DAY, "S1", "C1", lot("1", "HOUR", "10", "72.00", null));
        TenantSnapshot before = snapshot();
        Actor everyOtherPermission = Actor.of("clerk", Credits.CUSTOMERS_PERMISSION, Credits.SETTINGS_PERMISSION,
                Credits.MANUAL_PERMISSION);

        Outcome type = rejected(credits.defineType(as(everyOtherPermission, DAY), new DefineType("COPY", "Copy",
                "copy", Counting.WHOLE, eur("0.10"))), "PERMISSION_REQUIRED");
        assertTrue(type.rejections().get(0).message().contains(Credits.TYPES_PERMISSION), type.toString());
        assertEquals("clerk", type.actor());
        rejected(credits.useCredits(as(TECHNICIAN, DAY), new UseCredits("C2", true)), "PERMISSION_REQUIRED");
        rejected(credits.configure(as(TECHNICIAN, DAY), new Configure(true, true)), "PERMISSION_REQUIRED");
        Outcome manual = rejected(credits.consume(as(TECHNICIAN, DAY), new Consume("C1", doc(Source.MANUAL, "M-1"),
                List.of(work("1", "HOUR", "1", "phone call")), "called about the backup")), "PERMISSION_REQUIRED");
        assertTrue(manual.rejections().get(0).message().contains(Credits.MANUAL_PERMISSION), manual.toString());

        assertEquals(before.parts(), snapshot().parts(), "a refusal writes nothing but its outcome");
        assertEquals(List.of("HOUR", "TICKET"), credits.types(tenant).stream().map(CreditType::code).toList());
        assertFalse(portfolio("C2", DAY).usesCredits());
        assertHolding(portfolio("C1", DAY), "HOUR", "10", "0", "0", "0", "10");

        // The technician's ordinary work on a document needs no permission.
        applied(credits.consume(as(TECHNICIAN, DAY), new Consume("C1", doc(Source.HELPDESK_TICKET, "H-1"),
                List.of(work("1", "HOUR", "1", "reset")), null)));
    }

    @Test
    @Tag("X-8")
    @Tag("CR-1")
    void typeDefinitions_customerSwitches_andSettings_areAuditedWithTheirActor() {
        CommandContext first = on(DAY);
        applied(credits.defineType(first, new DefineType("HOUR", "Technician hour", "hour", Counting.FRACTIONAL,
                eur("80.00"))));
        Actor lead = Actor.of("lead-cas", Credits.TYPES_PERMISSION, Credits.CUSTOMERS_PERMISSION,
                Credits.SETTINGS_PERMISSION);
        applied(credits.defineType(as(lead, DAY), new DefineType("HOUR", "Technician hour", "hour",
                Counting.FRACTIONAL, eur("85.00"))));
        List<AuditRecord> type = engine.audit().history(tenant, AuditTrail.CREDITS_TYPE, "HOUR");
        assertEquals(2, type.size());
        assertEquals("office-ann", type.get(0).actor());
        assertEquals("credits.define-type", type.get(0).command());
        assertEquals(first.key().value(), type.get(0).idempotencyKey());
        assertEquals(DAY, type.get(0).businessDate());
        assertTrue(type.get(0).before().isEmpty(), "created: nothing before");
        assertEquals("80.00", type.get(0).after().get("attribute.faceValue"));
        assertEquals("lead-cas", type.get(1).actor());
        assertEquals("80.00", type.get(1).before().get("attribute.faceValue"));
        assertEquals("85.00", type.get(1).after().get("attribute.faceValue"));

        applied(credits.useCredits(as(lead, DAY), new UseCredits("C1", true)));
        AuditRecord customer = engine.audit().history(tenant, AuditTrail.CREDITS_CUSTOMER, "C1").get(0);
        assertEquals("lead-cas", customer.actor());
        assertEquals("credits.use-credits", customer.command());
        assertEquals("USES_CREDITS", customer.after().get("status"));

        applied(credits.configure(as(lead, DAY), new Configure(false, true)));
        AuditRecord settings = engine.audit().history(tenant, AuditTrail.CREDITS_SETTINGS).get(0);
        assertEquals("lead-cas", settings.actor());
        assertEquals("credits.configure", settings.command());

        // A refusal is no change: nothing audited.
        rejected(credits.defineType(as(TECHNICIAN, DAY), new DefineType("HOUR", "Hour", "hour", Counting.FRACTIONAL,
                eur("1.00"))), "PERMISSION_REQUIRED");
        assertEquals(2, engine.audit().history(tenant, AuditTrail.CREDITS_TYPE, "HOUR").size());
    }

    /** The office's ordinary work keeps its actor too: on every stored outcome and on every entry it wrote. */
    @Test
    @Tag("X-8")
    @Tag("CR-4")
    void sales_work_creditNotes_andTheSweep_keepTheirActor_onTheirOutcomesAndEntries() {
        defineHourAndTicket(DAY);
        usesCredits("C1", DAY);
        Actor sales = Actor.of("sales-dan");
        Actor tech = TECHNICIAN;
        applied(credits.sell(as(sales, DAY), new org.loyaltyengine.credits.CreditRequests.Sell("S1", "C1",
                List.of(lot("1", "HOUR", "4", "72.00", "2026-01-31")))));
        applied(credits.confirmSale(as(sales, DAY), new org.loyaltyengine.credits.CreditRequests.ConfirmSale("S1")));
        applied(credits.consume(as(tech, DAY), new Consume("C1", doc(Source.SERVICE_REPORT, "SR-1"),
                List.of(work("1", "HOUR", "1", "visit")), null)));
        applied(credits.creditNote(as(sales, DAY), new org.loyaltyengine.credits.CreditRequests.CreditNote("CN-1",
                "C1", doc(Source.SERVICE_REPORT, "SR-1"), List.of("1"))));
        Outcome sweep = applied(credits.expireLots(as(tech, LocalDate.of(2026, 2, 1))));
        assertEquals(1, sweep.entries().size());

        List<org.loyaltyengine.spi.StoredOutcome> outcomes = store.inTransaction(tenant, tx -> tx.outcomes().all());
        java.util.Map<String, String> actorByCommand = new java.util.TreeMap<>();
        for (org.loyaltyengine.spi.StoredOutcome o : outcomes) {
            actorByCommand.merge(o.outcome().command(), o.outcome().actor(), (a, b) -> a.equals(b) ? a : a + "+" + b);
            for (org.loyaltyengine.spi.LedgerEntry e : o.outcome().entries()) {
                assertEquals(o.outcome().actor(), e.actor(), () -> "entry " + e + " of " + o.outcome().command());
            }
        }
        assertEquals(java.util.Map.of("credits.define-type", "office-ann", "credits.use-credits", "office-ann",
                "credits.sell", "sales-dan", "credits.confirm-sale", "sales-dan", "credits.consume", "tech-bob",
                "credits.credit-note", "sales-dan", "credits.expire-lots", "tech-bob"), actorByCommand);
    }

    // ------------------------------------------------------------------ X-4 idempotency

    @Test
    @Tag("X-4")
    @Tag("CR-4")
    void aRepeatedKey_replaysTheFirstOutcome_andWithAnotherRequestIsAConflict() {
        defineHourAndTicket(DAY);
        usesCredits("C1", DAY);
        sellConfirmed(DAY, "S1", "C1", lot("1", "HOUR", "10", "72.00", null));
        CommandContext ctx = CommandContext.of(tenant, OFFICE, "sr-1-once", DAY);
        Consume work = new Consume("C1", doc(Source.SERVICE_REPORT, "SR-1"), List.of(work("1", "HOUR", "3", "x")),
                null);
        Outcome first = applied(credits.consume(ctx, work));
        TenantSnapshot after = snapshot();

        assertEquals(first, credits.consume(ctx, work), "a repeat returns the first outcome");
        assertEquals(after, snapshot(), "and changes nothing");
        assertHolding(portfolio("C1", DAY), "HOUR", "10", "0", "3", "0", "7");

        Consume other = new Consume("C1", doc(Source.SERVICE_REPORT, "SR-1"), List.of(work("1", "HOUR", "4", "x")),
                null);
        IdempotencyConflictException e = assertThrows(IdempotencyConflictException.class,
                () -> credits.consume(ctx, other));
        assertEquals("IDEMPOTENCY_CONFLICT", e.code());
        assertEquals(after, snapshot());
    }
}

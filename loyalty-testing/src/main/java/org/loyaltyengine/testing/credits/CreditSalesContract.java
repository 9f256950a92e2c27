package org.loyaltyengine.testing.credits;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.loyaltyengine.NoSuchEntityException;
import org.loyaltyengine.credits.CreditRequests.CancelSale;
import org.loyaltyengine.credits.CreditRequests.Configure;
import org.loyaltyengine.credits.CreditRequests.ConfirmSale;
import org.loyaltyengine.credits.CreditRequests.SaleLine;
import org.loyaltyengine.credits.CreditRequests.Sell;
import org.loyaltyengine.credits.CreditRequests.Source;
import org.loyaltyengine.credits.LotStatement;
import org.loyaltyengine.credits.Portfolio;
import org.loyaltyengine.rules.facts.CreditSaleMoved;
import org.loyaltyengine.rules.facts.CreditWorkAnswer;
import org.loyaltyengine.spi.EntryKind;
import org.loyaltyengine.spi.InvalidValueException;
import org.loyaltyengine.spi.LoyaltyException;
import org.loyaltyengine.spi.Money;
import org.loyaltyengine.spi.Outcome;
import org.loyaltyengine.testing.TenantSnapshot;

/**
 * Sales of credits in lots (seed 002: "Door een verkoopdocument aan te maken, worden automatisch credits
 * gereserveerd voor de klant. Deze portefeuille van credits is te allen tijde opvraagbaar."; SPEC CR-3): a lot
 * keeps its quantity and the price paid per credit, possibly below face value; an open sales document holds its
 * credits, confirming makes them available, cancelling releases them; a lot may have a validity; the portfolio
 * answers for today and any past day. Abstract so that every store runs it.
 */
public abstract class CreditSalesContract extends CreditsContractBase {
    private static final LocalDate JAN_5 = LocalDate.of(2026, 1, 5);
    private static final LocalDate JAN_10 = LocalDate.of(2026, 1, 10);
    private static final LocalDate JAN_11 = LocalDate.of(2026, 1, 11);
    private static final LocalDate JAN_12 = LocalDate.of(2026, 1, 12);
    private static final LocalDate JAN_13 = LocalDate.of(2026, 1, 13);

    private void customerC1() {
        defineHourAndTicket(JAN_5);
        usesCredits("C1", JAN_5);
    }

    @Test
    @Tag("CR-3")
    void aLotKeepsQuantityAndPricePaid_anOpenSaleReserves_confirmingMakesAvailable_cancellingReleases() {
        customerC1();
        // Ten hours at 72.00 instead of their face value of 80.00: below face value is allowed.
        Outcome sold = applied(sell(JAN_10, "S1", "C1", lot("1", "HOUR", "10", "72.00", null),
                lot("2", "TICKET", "4", "20.00", "2026-06-30")));
        assertEquals(2, sold.holds().size(), "each lot is held while the sales document is open");

        Portfolio open = portfolio("C1", JAN_10);
        assertHolding(open, "HOUR", "10", "10", "0", "0", "0");
        assertHolding(open, "TICKET", "4", "4", "0", "0", "0");
        LotStatement hours = lotOf(open, "S1/1");
        assertEquals("OPEN", hours.status());
        assertEquals(JAN_10, hours.soldOn());
        assertAmount("10", hours.quantity());
        assertEquals(eur("72.00").amount().compareTo(hours.unitPrice().amount()), 0);
        assertEquals("EUR", hours.unitPrice().currency().getCurrencyCode());
        assertEquals(LocalDate.of(2026, 6, 30), lotOf(open, "S1/2").validUntil());

        // Reserved credits cover no work: the two hours are billable at face value, 2 x 80.00.
        CreditWorkAnswer whileOpen = answer(applied(consume(JAN_11, "C1", doc(Source.INVOICE, "F-1"),
                work("1", "HOUR", "2", "install"))));
        assertAmount("0", whileOpen.coveredOf("1"));
        assertAmount("2", whileOpen.billableOf("1"));
        assertAmount("160.00", whileOpen.billableAmountOf("1"));

        Outcome confirmed = applied(credits.confirmSale(on(JAN_12), new ConfirmSale("S1")));
        assertEquals(new CreditSaleMoved("S1", "CONFIRM", "CONFIRMED"), confirmed.result(CreditSaleMoved.class)
                .orElseThrow());
        assertHolding(portfolio("C1", JAN_12), "HOUR", "10", "0", "0", "0", "10");
        assertEquals("CONFIRMED", lotOf(portfolio("C1", JAN_12), "S1/1").status());
        // The day before it still reads as it was then.
        assertHolding(portfolio("C1", JAN_11), "HOUR", "10", "10", "0", "0", "0");
        assertEquals("OPEN", lotOf(portfolio("C1", JAN_11), "S1/1").status());

        applied(sell(JAN_12, "S2", "C1", lot("1", "HOUR", "5", "80.00", null)));
        assertHolding(portfolio("C1", JAN_12), "HOUR", "15", "5", "0", "0", "10");
        Outcome cancelled = applied(credits.cancelSale(on(JAN_13), new CancelSale("S2")));
        assertEquals("CANCELLED", cancelled.result(CreditSaleMoved.class).orElseThrow().status());
        // Released: S2 no longer counts; on the 12th it was still reserved.
        assertHolding(portfolio("C1", JAN_13), "HOUR", "10", "0", "0", "0", "10");
        assertEquals("CANCELLED", lotOf(portfolio("C1", JAN_13), "S2/1").status());
        assertHolding(portfolio("C1", JAN_12), "HOUR", "15", "5", "0", "0", "10");
        // And before the sale, nothing of it.
        assertTrue(portfolio("C1", JAN_5).holdings().isEmpty());

        TenantSnapshot before = snapshot();
        rejected(credits.confirmSale(on(JAN_13), new ConfirmSale("S2")), "SALE_CANCELLED");
        rejected(credits.cancelSale(on(JAN_13), new CancelSale("S2")), "SALE_CANCELLED");
        rejected(credits.confirmSale(on(JAN_13), new ConfirmSale("S1")), "SALE_ALREADY_CONFIRMED");
        rejected(sell(JAN_13, "S1", "C1", lot("1", "HOUR", "1", "80.00", null)), "SALE_EXISTS");
        assertEquals(before.parts(), snapshot().parts());
    }

    @Test
    @Tag("CR-3")
    void cancellingAConfirmedSaleNoneOfWhoseCreditsWereUsed_takesItsCreditsBack() {
        customerC1();
        sellConfirmed(JAN_10, "S1", "C1", lot("1", "HOUR", "10", "72.00", null));
        Outcome o = applied(credits.cancelSale(on(JAN_12), new CancelSale("S1")));
        assertEquals(1, o.entries().size());
        assertEquals(EntryKind.REVERSE, o.entries().get(0).kind());
        assertAmount("-10", o.entries().get(0).amount());
        assertHolding(portfolio("C1", JAN_12), "HOUR", "0", "0", "0", "0", "0");
        assertHolding(portfolio("C1", JAN_11), "HOUR", "10", "0", "0", "0", "10");
        CreditWorkAnswer after = answer(applied(consume(JAN_12, "C1", doc(Source.INVOICE, "F-1"),
                work("1", "HOUR", "1", null))));
        assertAmount("1", after.billableOf("1"));
    }

    @Test
    @Tag("CR-3")
    void aLotIsUsableUpToItsLastValidDay_thenWhatIsLeftExpires_beforeAndAfterTheSweep() {
        customerC1();
        sellConfirmed(JAN_10, "S1", "C1", lot("1", "HOUR", "10", "72.00", "2026-03-31"));
        LocalDate lastDay = LocalDate.of(2026, 3, 31);
        LocalDate dayAfter = LocalDate.of(2026, 4, 1);
        assertDraws(answer(applied(consume(lastDay, "C1", doc(Source.EVENT, "EV-1"), work("1", "HOUR", "4",
                "workshop")))), "1", "S1/1", "4");

        // The day after: 6 left but past validity, so the work is billable and the 6 read as expired.
        CreditWorkAnswer late = answer(applied(consume(dayAfter, "C1", doc(Source.EVENT, "EV-2"),
                work("1", "HOUR", "1", "workshop"))));
        assertAmount("0", late.coveredOf("1"));
        assertAmount("1", late.billableOf("1"));
        assertHolding(portfolio("C1", dayAfter), "HOUR", "10", "0", "4", "6", "0");
        assertHolding(portfolio("C1", lastDay), "HOUR", "10", "0", "4", "0", "6");

        Outcome sweep = applied(credits.expireLots(on(dayAfter)));
        assertEquals(1, sweep.entries().size());
        assertEquals(EntryKind.EXPIRE, sweep.entries().get(0).kind());
        assertAmount("-6", sweep.entries().get(0).amount());
        assertHolding(portfolio("C1", dayAfter), "HOUR", "10", "0", "4", "6", "0");
        assertHolding(portfolio("C1", lastDay), "HOUR", "10", "0", "4", "0", "6");
        LotStatement l = lotOf(portfolio("C1", dayAfter), "S1/1");
        assertAmount("6", l.expired());
        assertAmount("0", l.remaining());

        assertTrue(applied(credits.expireLots(on(LocalDate.of(2026, 4, 2)))).entries().isEmpty(),
                "a second sweep expires nothing more");
        assertHolding(portfolio("C1", LocalDate.of(2026, 4, 2)), "HOUR", "10", "0", "4", "6", "0");
    }

    @Test
    @Tag("CR-3")
    void aPriceAboveFaceValue_isRefusedUnlessThePolicyAllowsIt_andTheRefusalWritesNothing() {
        customerC1();
        TenantSnapshot before = snapshot();
        Outcome refused = rejected(sell(JAN_10, "S1", "C1", lot("1", "HOUR", "2", "80.01", null)),
                "PRICE_ABOVE_FACE_VALUE");
        assertTrue(refused.rejections().get(0).message().contains("80.00"), refused.rejections().toString());
        assertEquals(before.parts(), snapshot().parts());
        assertTrue(portfolio("C1", JAN_10).lots().isEmpty());

        // At face value exactly: allowed.
        applied(sell(JAN_10, "S2", "C1", lot("1", "HOUR", "2", "80.00", null)));
        applied(credits.configure(on(JAN_10), new Configure(true, false)));
        applied(sell(JAN_10, "S3", "C1", lot("1", "HOUR", "2", "90.00", null)));
        assertHolding(portfolio("C1", JAN_10), "HOUR", "4", "4", "0", "0", "0");
    }

    @Test
    @Tag("CR-3")
    @Tag("X-10")
    void badSales_getATypedErrorOrReason_andWriteNothing() {
        customerC1();
        sellConfirmed(JAN_10, "S0", "C1", lot("1", "HOUR", "3", "70.00", null));
        TenantSnapshot before = snapshot();

        NoSuchEntityException unknown = assertThrows(NoSuchEntityException.class, () -> sell(JAN_10, "S1", "C1",
                lot("1", "HOUR", "1", "70.00", null), lot("2", "COPY", "100", "0.05", null)));
        assertEquals("NO_SUCH_CREDIT_TYPE", unknown.code());
        assertEquals(before, snapshot(), "an unknown type is refused before anything is stored");

        rejected(sell(JAN_10, "S2", "C1", lot("1", "TICKET", "2.5", "20.00", null)), "FRACTIONAL_QUANTITY");

        LoyaltyException currency = assertThrows(LoyaltyException.class, () -> credits.sell(on(JAN_10),
                new Sell("S3", "C1", List.of(new SaleLine("1", "HOUR", dec("1"), Money.of("1000.00", "CZK"), null)))));
        assertEquals("CURRENCY_MISMATCH", currency.code());

        // Ten decimals of an hour at 70.00 is a lot worth more decimals than a store keeps: typed, and nothing kept.
        assertThrows(InvalidValueException.class, () -> sell(JAN_10, "S5", "C1", lot("1", "HOUR", "0.0000000001",
                "70.00", null)));
        assertThrows(InvalidValueException.class, () -> lot("1", "HOUR", "-2", "70.00", null));
        assertThrows(InvalidValueException.class, () -> lot("1", "HOUR", "0", "70.00", null));
        assertThrows(InvalidValueException.class, () -> lot("1", "HOUR", "2", "-70.00", null));
        assertThrows(InvalidValueException.class, () -> new Sell("S4", "C1", List.of()));
        assertThrows(InvalidValueException.class, () -> new Sell("S4", "C1", List.of(lot("1", "HOUR", "1", "1.00",
                null), lot("1", "TICKET", "1", "1.00", null))));
        NoSuchEntityException noSale = assertThrows(NoSuchEntityException.class,
                () -> credits.confirmSale(on(JAN_10), new ConfirmSale("S-NONE")));
        assertEquals("NO_SUCH_SALE", noSale.code());

        assertEquals(before.parts(), snapshot().parts());
        assertHolding(portfolio("C1", JAN_10), "HOUR", "3", "0", "0", "0", "3");
        assertEquals(List.of("S0/1"), portfolio("C1", JAN_10).lots().stream().map(LotStatement::lot).toList());
    }
}

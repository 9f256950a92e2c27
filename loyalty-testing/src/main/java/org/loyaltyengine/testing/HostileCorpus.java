package org.loyaltyengine.testing;

import static org.loyaltyengine.testing.HostileCorpusContract.Shop.czk;
import static org.loyaltyengine.testing.HostileCorpusContract.Shop.eur;
import static org.loyaltyengine.testing.HostileCorpusContract.Shop.sale;
import static org.loyaltyengine.testing.HostileCorpusContract.Shop.saleLine;

import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.loyaltyengine.CommandContext;
import org.loyaltyengine.card.CardRequests;
import org.loyaltyengine.customers.Address;
import org.loyaltyengine.customers.CustomFieldType;
import org.loyaltyengine.customers.CustomerProfile;
import org.loyaltyengine.customers.ImportOptions;
import org.loyaltyengine.customers.WebshopOrder;
import org.loyaltyengine.points.PointsRequests;
import org.loyaltyengine.pos.PosRequests;
import org.loyaltyengine.pos.PosRequests.AddItem;
import org.loyaltyengine.pos.PosRequests.CardMode;
import org.loyaltyengine.rules.facts.PointsSettings;
import org.loyaltyengine.spi.Actor;
import org.loyaltyengine.spi.Card;
import org.loyaltyengine.spi.IdempotencyKey;
import org.loyaltyengine.spi.Money;
import org.loyaltyengine.spi.TenantId;
import org.loyaltyengine.testing.HostileCorpusContract.Expect;
import org.loyaltyengine.testing.HostileCorpusContract.HostileCase;
import org.loyaltyengine.testing.HostileCorpusContract.Shop;

/**
 * The hostile inputs, as data: one line per case, its name, what the engine must answer, and the
 * attack on the {@link Shop}. Add a case by adding a line; {@link HostileCorpusContract} runs every one
 * on every store and checks that the tenant did not change.
 */
final class HostileCorpus {
    /** A megabyte of text: far beyond any column. */
    static final String MEGABYTE = "x".repeat(1 << 20);
    private static final String INVALID = "INVALID_VALUE";
    private static final String MISMATCH = "CURRENCY_MISMATCH";
    private static final String CONFLICT = "IDEMPOTENCY_CONFLICT";

    private final List<HostileCase> cases = new ArrayList<>();

    private HostileCorpus() {
    }

    static List<HostileCase> cases() {
        HostileCorpus c = new HostileCorpus();
        c.context();
        c.pos();
        c.customerCard();
        c.savingsPoints();
        c.customers();
        c.imports();
        c.inputContract();
        c.permissions();
        return List.copyOf(c.cases);
    }

    private void error(String name, String code, Function<Shop, Object> attack) {
        cases.add(new HostileCase(name, Expect.error(code), attack));
    }

    private void rejected(String name, String code, Function<Shop, Object> attack) {
        cases.add(new HostileCase(name, Expect.rejected(code), attack));
    }

    // ------------------------------------------------------------------ context: tenant, key, actor, date

    private void context() {
        error("tenant: blank", INVALID, s -> TenantId.of("   "));
        error("tenant: null", INVALID, s -> TenantId.of(null));
        error("tenant: 65 characters", INVALID, s -> TenantId.of("t".repeat(65)));
        error("tenant: a megabyte", INVALID, s -> TenantId.of(MEGABYTE));
        error("key: blank", INVALID, s -> IdempotencyKey.of(""));
        error("key: 201 characters", INVALID, s -> IdempotencyKey.of("k".repeat(201)));
        error("key: a megabyte", INVALID, s -> IdempotencyKey.of(MEGABYTE));
        error("context: no actor", INVALID, s -> s.pos().openReceipt(CommandContext.of(s.tenant, null, s.key(),
                Shop.DAY), new PosRequests.OpenReceipt("R9", Money.currency("CZK"))));
        error("context: no business date", INVALID, s -> s.pos().openReceipt(CommandContext.of(s.tenant,
                Shop.CASHIER, s.key(), null), new PosRequests.OpenReceipt("R9", Money.currency("CZK"))));
        error("context: no tenant", INVALID, s -> s.pos().openReceipt(CommandContext.of(null, Shop.CASHIER,
                s.key(), Shop.DAY), new PosRequests.OpenReceipt("R9", Money.currency("CZK"))));
        error("actor: blank user", INVALID, s -> Actor.of(" "));
        error("date: before every POS rule version", "NO_RULE_VERSION_IN_FORCE", s -> s.pos().openReceipt(
                CommandContext.of(s.tenant, Shop.CASHIER, s.key(), LocalDate.of(1950, 1, 1)),
                new PosRequests.OpenReceipt("R9", Money.currency("CZK"))));
        error("date: 1999 for a manual credit change", "NO_RULE_VERSION_IN_FORCE", s -> s.pos().changeCredit(
                CommandContext.of(s.tenant, Shop.OWNER, s.key(), LocalDate.of(1999, 12, 31)),
                new PosRequests.ChangeCredit("C1", czk("100.00"), "back-dated")));
        error("date: before every customer-card rule version", "NO_RULE_VERSION_IN_FORCE", s -> s.cards().lock(
                CommandContext.of(s.tenant, Shop.CLERK, s.key(), LocalDate.of(1950, 1, 1)),
                sale("S9", s.k1, saleLine("1", "food", "1", "10.00"))));
        error("date: before every savings-points rule version", "NO_RULE_VERSION_IN_FORCE", s -> s.points()
                .manualEntry(CommandContext.of(s.tenant, Shop.OWNER, s.key(), LocalDate.of(1950, 1, 1)),
                        new PointsRequests.ManualEntry(s.k1, new BigDecimal("10"), "back-dated")));
        error("date: before every customers rule version", "NO_RULE_VERSION_IN_FORCE", s -> s.customers().create(
                CommandContext.of(s.tenant, Shop.CLERK, s.key(), LocalDate.of(1950, 1, 1)),
                CustomerProfile.builder("Oud BV").build()));
        error("replay: the seeded top-up's key with another amount", CONFLICT, s -> s.pos().changeCredit(
                CommandContext.of(s.tenant, Shop.OWNER, Shop.SEED_TOP_UP, Shop.DAY),
                new PosRequests.ChangeCredit("C1", czk("5000.00"), "opening balance")));
        error("replay: the seeded top-up's key with another note", CONFLICT, s -> s.pos().changeCredit(
                CommandContext.of(s.tenant, Shop.OWNER, Shop.SEED_TOP_UP, Shop.DAY),
                new PosRequests.ChangeCredit("C1", czk("500.00"), "opening balance, corrected")));
        error("replay: the seeded top-up's key for another command", CONFLICT, s -> s.pos().openReceipt(
                CommandContext.of(s.tenant, Shop.OWNER, Shop.SEED_TOP_UP, Shop.DAY),
                new PosRequests.OpenReceipt("R9", Money.currency("CZK"))));
        error("replay: the seeded top-up's key on another business date", CONFLICT, s -> s.pos().changeCredit(
                CommandContext.of(s.tenant, Shop.OWNER, Shop.SEED_TOP_UP, Shop.DAY.plusDays(1)),
                new PosRequests.ChangeCredit("C1", czk("500.00"), "opening balance")));
        // The same key and payload from another user: the owner's outcome is not theirs to see.
        error("replay: the seeded top-up's key and payload from the cashier", CONFLICT, s -> s.pos().changeCredit(
                CommandContext.of(s.tenant, Shop.CASHIER, Shop.SEED_TOP_UP, Shop.DAY),
                new PosRequests.ChangeCredit("C1", czk("500.00"), "opening balance")));
        error("replay: the seeded top-up's key and payload from the cashier, dry run", CONFLICT, s -> s.pos()
                .changeCredit(CommandContext.of(s.tenant, Shop.CASHIER, Shop.SEED_TOP_UP, Shop.DAY).asDryRun(),
                        new PosRequests.ChangeCredit("C1", czk("500.00"), "opening balance")));
        error("replay: the seeded top-up's key and payload from the clerk", CONFLICT, s -> s.pos().changeCredit(
                CommandContext.of(s.tenant, Shop.CLERK, Shop.SEED_TOP_UP, Shop.DAY),
                new PosRequests.ChangeCredit("C1", czk("500.00"), "opening balance")));
        error("replay: the seeded customer's key and profile from the cashier", CONFLICT, s -> s.customers().create(
                CommandContext.of(s.tenant, Shop.CASHIER, Shop.SEED_CUSTOMER, Shop.DAY),
                CustomerProfile.builder("Bakkerij de Vries").number("K1").email("info@devries.nl").build()));
        error("replay: the seeded customer's key with another name", CONFLICT, s -> s.customers().create(
                CommandContext.of(s.tenant, Shop.OWNER, Shop.SEED_CUSTOMER, Shop.DAY),
                CustomerProfile.builder("Bakkerij de Vries en Zonen").number("K1").email("info@devries.nl").build()));
        error("replay: the seeded customer's key for a points entry", CONFLICT, s -> s.points().manualEntry(
                CommandContext.of(s.tenant, Shop.OWNER, Shop.SEED_CUSTOMER, Shop.DAY),
                new PointsRequests.ManualEntry(s.k1, new BigDecimal("1000"), "bonus")));
        error("tenant isolation: another tenant's card on a new tenant", "NO_SUCH_RECEIPT", s -> s.pos().identifyCard(
                CommandContext.of(TenantId.of(s.tenant.value() + "-x"), Shop.CASHIER, s.key(), Shop.DAY),
                new PosRequests.IdentifyCard("R1", "C1", CardMode.CREDIT)));
        error("tenant isolation: drawing another tenant's card", "NO_SUCH_CARD", s -> s.pos().changeCredit(
                CommandContext.of(TenantId.of(s.tenant.value() + "-x"), Shop.OWNER, s.key(), Shop.DAY),
                new PosRequests.ChangeCredit("C1", czk("-100.00"), "steal")));
        error("tenant isolation: locking on another tenant's customer", "NO_SUCH_CUSTOMER", s -> s.cards().lock(
                CommandContext.of(TenantId.of(s.tenant.value() + "-x"), Shop.CLERK, s.key(), Shop.DAY),
                sale("S9", s.k1, saleLine("1", "food", "1", "10.00"))));
    }

    // ------------------------------------------------------------------ POS card

    private void pos() {
        error("pos card: blank number", INVALID, s -> new Card(" ", "A", "B", BigDecimal.ZERO, false, false,
                Money.currency("CZK")));
        error("pos card: discount -1%", INVALID, s -> new Card("X1", "A", "B", new BigDecimal("-1"), false, false,
                Money.currency("CZK")));
        error("pos card: discount 101%", INVALID, s -> new Card("X1", "A", "B", new BigDecimal("101"), false, false,
                Money.currency("CZK")));
        error("pos card: no currency", INVALID, s -> new Card("X1", "A", "B", BigDecimal.ZERO, false, false, null));
        error("pos card: currency XYZ", INVALID, s -> Money.currency("XYZ"));
        error("pos card: currency lower case", INVALID, s -> Money.currency("czk"));
        error("pos card: redefined in another currency", MISMATCH, s -> s.pos().defineCard(s.owner(),
                new Card("E1", "Eva", "Dvořák", BigDecimal.ZERO, true, true, Money.currency("CZK"))));
        error("pos settings: hold minutes 0", INVALID, s -> new PosRequests.Configure(0));
        error("pos settings: hold minutes -5", INVALID, s -> new PosRequests.Configure(-5));
        error("pos settings: hold minutes Long.MIN_VALUE", INVALID, s -> new PosRequests.Configure(Long.MIN_VALUE));
        rejected("open receipt: id of an open receipt", "RECEIPT_EXISTS", s -> s.pos().openReceipt(s.cashier(),
                new PosRequests.OpenReceipt("R1", Money.currency("CZK"))));
        rejected("open receipt: id of a paid receipt", "RECEIPT_EXISTS", s -> s.pos().openReceipt(s.cashier(),
                new PosRequests.OpenReceipt("R2", Money.currency("CZK"))));
        error("open receipt: blank id", INVALID, s -> new PosRequests.OpenReceipt("", Money.currency("CZK")));
        error("open receipt: no currency", INVALID, s -> new PosRequests.OpenReceipt("R9", null));
        error("identify: unknown receipt", "NO_SUCH_RECEIPT", s -> s.pos().identifyCard(s.cashier(),
                new PosRequests.IdentifyCard("R404", "C1", null)));
        error("identify: unknown card", "NO_SUCH_CARD", s -> s.pos().identifyCard(s.cashier(),
                new PosRequests.IdentifyCard("R4", "X404", null)));
        error("identify: a EUR card on a CZK receipt", MISMATCH, s -> s.pos().identifyCard(s.cashier(),
                new PosRequests.IdentifyCard("R4", "E1", null)));
        rejected("identify: a second card on a receipt", "ONE_CARD_PER_RECEIPT", s -> s.pos().identifyCard(
                s.cashier(), new PosRequests.IdentifyCard("R1", "D1", null)));
        rejected("identify: the card again", "CARD_ALREADY_ACTIVE", s -> s.pos().identifyCard(s.cashier(),
                new PosRequests.IdentifyCard("R1", "C1", CardMode.CREDIT)));
        rejected("identify: on a paid receipt", "RECEIPT_NOT_OPEN", s -> s.pos().identifyCard(s.cashier(),
                new PosRequests.IdentifyCard("R2", "D1", null)));
        rejected("identify: credit drawing on a receipt with discounts", "DISCOUNT_WITH_CREDIT_DRAWING", s -> s.pos()
                .identifyCard(s.cashier(), new PosRequests.IdentifyCard("R5", "C1", CardMode.CREDIT)));
        rejected("identify: the drawing card again in discount mode", "DISCOUNT_WITH_CREDIT_DRAWING", s -> s.pos()
                .identifyCard(s.cashier(), new PosRequests.IdentifyCard("R1", "C1", CardMode.DISCOUNT)));
        rejected("identify: credit mode for a discount card", "CREDIT_DRAWING_NOT_ENABLED", s -> s.pos().identifyCard(
                s.cashier(), new PosRequests.IdentifyCard("R4", "D1", CardMode.CREDIT)));
        error("identify: blank card number", INVALID, s -> new PosRequests.IdentifyCard("R4", " ", null));
        error("identify: a megabyte card number", INVALID, s -> s.pos().identifyCard(s.cashier(),
                new PosRequests.IdentifyCard("R4", MEGABYTE, null)));
        rejected("remove card: none on the receipt", "NO_ACTIVE_CARD", s -> s.pos().removeCard(s.cashier(),
                new PosRequests.RemoveCard("R4")));
        error("remove card: unknown receipt", "NO_SUCH_RECEIPT", s -> s.pos().removeCard(s.cashier(),
                new PosRequests.RemoveCard("R404")));
        rejected("remove card: on a paid receipt", "RECEIPT_NOT_OPEN", s -> s.pos().removeCard(s.cashier(),
                new PosRequests.RemoveCard("R2")));
        error("add item: price 0", INVALID, s -> AddItem.of("R4", "1", "gum", czk("0.00"), "21"));
        error("add item: price -10", INVALID, s -> AddItem.of("R4", "1", "gum", czk("-10.00"), "21"));
        error("add item: 3 decimals of CZK", INVALID, s -> AddItem.of("R4", "1", "gum", czk("1.001"), "21"));
        error("add item: 20 decimals of CZK", INVALID, s -> AddItem.of("R4", "1", "gum",
                czk("10.00000000000000000001"), "21"));
        error("add item: VAT 101%", INVALID, s -> AddItem.of("R4", "1", "gum", czk("10.00"), "101"));
        error("add item: VAT -1%", INVALID, s -> AddItem.of("R4", "1", "gum", czk("10.00"), "-1"));
        error("add item: cashier's discount 150%", INVALID, s -> AddItem.of("R4", "1", "gum", czk("10.00"), "21")
                .withManualDiscount("150"));
        error("add item: cashier's discount -5%", INVALID, s -> AddItem.of("R4", "1", "gum", czk("10.00"), "21")
                .withManualDiscount("-5"));
        error("add item: blank product", INVALID, s -> AddItem.of("R4", "1", " ", czk("10.00"), "21"));
        error("add item: blank line id", INVALID, s -> AddItem.of("R4", "", "gum", czk("10.00"), "21"));
        error("add item: no price", INVALID, s -> new AddItem("R4", "1", "gum", null, false, BigDecimal.ZERO, null));
        error("add item: no VAT", INVALID, s -> new AddItem("R4", "1", "gum", czk("10.00"), false, null, null));
        error("add item: EUR price on a CZK receipt", MISMATCH, s -> s.pos().addItem(s.cashier(),
                AddItem.of("R4", "1", "gum", eur("10.00"), "21")));
        error("add item: unknown receipt", "NO_SUCH_RECEIPT", s -> s.pos().addItem(s.cashier(),
                AddItem.of("R404", "1", "gum", czk("10.00"), "21")));
        rejected("add item: line id already on the receipt", "LINE_EXISTS", s -> s.pos().addItem(s.cashier(),
                AddItem.of("R1", "1", "gum", czk("10.00"), "21")));
        rejected("add item: a cashier's discount on the receipt that draws credit", "DISCOUNT_WITH_CREDIT_DRAWING",
                s -> s.pos().addItem(s.cashier(), AddItem.of("R1", "9", "gum", czk("10.00"), "21").withManualDiscount("50")));
        rejected("add item: on a paid receipt", "RECEIPT_NOT_OPEN", s -> s.pos().addItem(s.cashier(),
                AddItem.of("R2", "9", "gum", czk("10.00"), "21")));
        rejected("add item: beyond the card's credit", "INSUFFICIENT_CREDIT", s -> s.pos().addItem(s.cashier(),
                AddItem.of("R1", "9", "tv", czk("100000.00"), "21")));
        error("add item: 1E400 CZK drawn from credit", INVALID, s -> s.pos().addItem(s.cashier(),
                AddItem.of("R1", "9", "planet", new Money(new BigDecimal("1E400"), Money.currency("CZK")), "21")));
        rejected("add item: one haler beyond the credit", "INSUFFICIENT_CREDIT", s -> s.pos().addItem(s.cashier(),
                AddItem.of("R1", "9", "exact", czk("455.01"), "21")));
        rejected("top-up: VAT 21%", "CREDIT_ITEM_VAT_NOT_ZERO", s -> s.pos().addItem(s.cashier(),
                new AddItem("R1", "9", "credit top-up", czk("100.00"), true, new BigDecimal("21"), null)));
        rejected("top-up: no card on the receipt", "NO_CARD_TO_LOAD", s -> s.pos().addItem(s.cashier(),
                AddItem.topUp("R4", "9", czk("100.00"))));
        rejected("top-up: a card that cannot be loaded", "CARD_NOT_LOADABLE", s -> s.pos().addItem(s.cashier(),
                AddItem.topUp("R3", "9", czk("100.00"))));
        rejected("top-up: with a cashier's discount", "DISCOUNT_ON_CREDIT_ITEM", s -> s.pos().addItem(s.cashier(),
                AddItem.topUp("R1", "9", czk("100.00")).withManualDiscount("50")));
        error("delete item: unknown line", "NO_SUCH_RECEIPT_LINE", s -> s.pos().deleteItem(s.cashier(),
                new PosRequests.DeleteItem("R1", "404")));
        error("delete item: unknown receipt", "NO_SUCH_RECEIPT", s -> s.pos().deleteItem(s.cashier(),
                new PosRequests.DeleteItem("R404", "1")));
        rejected("delete item: on a paid receipt", "RECEIPT_NOT_OPEN", s -> s.pos().deleteItem(s.cashier(),
                new PosRequests.DeleteItem("R2", "1")));
        error("delete item: blank line", INVALID, s -> new PosRequests.DeleteItem("R1", " "));
        error("pay: unknown receipt", "NO_SUCH_RECEIPT", s -> s.pos().pay(s.cashier(),
                new PosRequests.PayReceipt("R404")));
        rejected("pay: a paid receipt again", "RECEIPT_NOT_OPEN", s -> s.pos().pay(s.cashier(),
                new PosRequests.PayReceipt("R2")));
        rejected("abandon: a paid receipt", "RECEIPT_NOT_OPEN", s -> s.pos().abandon(s.cashier(),
                new PosRequests.AbandonReceipt("R2")));
        error("abandon: unknown receipt", "NO_SUCH_RECEIPT", s -> s.pos().abandon(s.cashier(),
                new PosRequests.AbandonReceipt("R404")));
        error("abandon: blank receipt", INVALID, s -> new PosRequests.AbandonReceipt(""));
        error("credit change: zero", INVALID, s -> new PosRequests.ChangeCredit("C1", czk("0.00"), "nothing"));
        error("credit change: blank note", INVALID, s -> new PosRequests.ChangeCredit("C1", czk("10.00"), " "));
        error("credit change: no amount", INVALID, s -> new PosRequests.ChangeCredit("C1", null, "note"));
        error("credit change: unknown card", "NO_SUCH_CARD", s -> s.pos().changeCredit(s.owner(),
                new PosRequests.ChangeCredit("X404", czk("10.00"), "note")));
        error("credit change: EUR on a CZK card", MISMATCH, s -> s.pos().changeCredit(s.owner(),
                new PosRequests.ChangeCredit("C1", eur("10.00"), "note")));
        error("credit change: CZK on a EUR card", MISMATCH, s -> s.pos().changeCredit(s.owner(),
                new PosRequests.ChangeCredit("E1", czk("10.00"), "note")));
        rejected("credit change: deduction below zero", "INSUFFICIENT_CREDIT", s -> s.pos().changeCredit(s.owner(),
                new PosRequests.ChangeCredit("C1", czk("-100000.00"), "overdraw")));
        rejected("credit change: deduction of the reserved credit", "INSUFFICIENT_CREDIT", s -> s.pos().changeCredit(
                s.owner(), new PosRequests.ChangeCredit("C1", czk("-500.00"), "take the reserved part too")));
        error("credit change: -1E400 CZK", INVALID, s -> s.pos().changeCredit(s.owner(),
                new PosRequests.ChangeCredit("C1", new Money(new BigDecimal("-1E400"), Money.currency("CZK")), "x")));
        rejected("credit change: deduction on an empty card", "INSUFFICIENT_CREDIT", s -> s.pos().changeCredit(
                s.owner(), new PosRequests.ChangeCredit("E1", eur("-0.01"), "one cent")));
    }

    // ------------------------------------------------------------------ customer card

    private void customerCard() {
        error("card settings: default -1%", INVALID, s -> CardRequests.Configure.percent("-1"));
        error("card settings: default 100.01%", INVALID, s -> CardRequests.Configure.percent("100.01"));
        error("card settings: no default", INVALID, s -> new CardRequests.Configure(null, null, null, null, null,
                false, null));
        error("card settings: minimum units 0", INVALID, s -> new CardRequests.Configure(BigDecimal.TEN,
                BigDecimal.ZERO, null, null, null, false, null));
        error("card settings: minimum purchases -1", INVALID, s -> new CardRequests.Configure(BigDecimal.TEN, null, -1,
                null, null, false, null));
        error("card settings: minimum visits 0", INVALID, s -> new CardRequests.Configure(BigDecimal.TEN, null, null,
                0, null, false, null));
        error("card settings: minimum amount -0.01", INVALID, s -> new CardRequests.Configure(BigDecimal.TEN, null,
                null, null, new BigDecimal("-0.01"), false, null));
        error("product: blank id", INVALID, s -> new CardRequests.DefineProduct(" ", LocalDate.of(2020, 1, 1), true,
                null));
        error("product: no valid-from date", INVALID, s -> new CardRequests.DefineProduct("toys", null, true, null));
        error("product: 101%", INVALID, s -> new CardRequests.DefineProduct("toys", LocalDate.of(2020, 1, 1), true,
                new BigDecimal("101")));
        error("product: -0.5%", INVALID, s -> new CardRequests.DefineProduct("toys", LocalDate.of(2020, 1, 1), true,
                new BigDecimal("-0.5")));
        error("enrol: unknown customer", "NO_SUCH_CUSTOMER", s -> s.cards().enrol(s.clerk(),
                new CardRequests.Enrol("nobody")));
        rejected("enrol: already enrolled", "ALREADY_ENROLLED", s -> s.cards().enrol(s.clerk(),
                new CardRequests.Enrol(s.k1)));
        error("enrol: blank customer", INVALID, s -> new CardRequests.Enrol(""));
        error("enrol: a megabyte customer id", INVALID, s -> s.cards().enrol(s.clerk(),
                new CardRequests.Enrol(MEGABYTE)));
        error("lock: unknown customer", "NO_SUCH_CUSTOMER", s -> s.cards().lock(s.clerk(),
                sale("S9", "nobody", saleLine("1", "food", "1", "10.00"))));
        rejected("lock: the locked sale again", "DOCUMENT_ALREADY_LOCKED", s -> s.cards().lock(s.clerk(),
                sale("S1", s.k1, saleLine("1", "food", "2", "30.00"))));
        rejected("lock: the locked sale with other lines", "DOCUMENT_ALREADY_LOCKED", s -> s.cards().lock(s.clerk(),
                sale("S1", s.k1, saleLine("1", "food", "200", "3000.00"))));
        error("lock: quantity 0", INVALID, s -> saleLine("1", "food", "0", "10.00"));
        error("lock: quantity -2", INVALID, s -> saleLine("1", "food", "-2", "10.00"));
        error("lock: amount -10", INVALID, s -> saleLine("1", "food", "1", "-10.00"));
        error("lock: amount with 3 decimals", INVALID, s -> saleLine("1", "food", "1", "10.005"));
        error("lock: no amount", INVALID, s -> new CardRequests.SaleLine("1", "food", BigDecimal.ONE, null));
        error("lock: line in USD on a EUR sale", MISMATCH, s -> new CardRequests.Sale("S9", s.k1, Shop.DAY,
                Money.currency("EUR"), List.of(new CardRequests.SaleLine("1", "food", BigDecimal.ONE,
                        Money.of("10.00", "USD")))));
        error("lock: one line id twice", INVALID, s -> sale("S9", s.k1, saleLine("1", "food", "1", "10.00"),
                saleLine("1", "food", "1", "20.00")));
        error("lock: no document date", INVALID, s -> new CardRequests.Sale("S9", s.k1, null, Money.currency("EUR"),
                List.of(saleLine("1", "food", "1", "10.00"))));
        error("lock: blank document id", INVALID, s -> sale(" ", s.k1, saleLine("1", "food", "1", "10.00")));
        error("lock: a USD sale on a EUR card", MISMATCH, s -> s.cards().lock(s.clerk(), new CardRequests.Sale("S9",
                s.k1, Shop.DAY, Money.currency("USD"), List.of(new CardRequests.SaleLine("1", "food",
                        BigDecimal.ONE, Money.of("10.00", "USD"))))));
        error("unlock: unknown document", "NO_SUCH_DOCUMENT", s -> s.cards().unlock(s.clerk(),
                new CardRequests.Unlock("S404")));
        error("unlock: blank document", INVALID, s -> new CardRequests.Unlock(""));
        error("cancel settlement: unknown document", "NO_SUCH_DOCUMENT", s -> s.cards().cancelSettlement(s.clerk(),
                new CardRequests.CancelSettlement("S404")));
        error("cancel settlement: blank document", INVALID, s -> new CardRequests.CancelSettlement(""));
        error("credit note: unknown document", "NO_SUCH_DOCUMENT", s -> s.cards().creditNote(s.clerk(),
                new CardRequests.CreditNote("CN9", "S404", List.of(new CardRequests.ReturnLine("1", BigDecimal.ONE)))));
        error("credit note: unknown line", "NO_SUCH_DOCUMENT_LINE", s -> s.cards().creditNote(s.clerk(),
                new CardRequests.CreditNote("CN9", "S1", List.of(new CardRequests.ReturnLine("404", BigDecimal.ONE)))));
        rejected("credit note: more units than sold", "RETURN_EXCEEDS_QUANTITY", s -> s.cards().creditNote(s.clerk(),
                new CardRequests.CreditNote("CN9", "S1", List.of(new CardRequests.ReturnLine("1",
                        new BigDecimal("3"))))));
        rejected("credit note: 2.000001 of 2 units", "RETURN_EXCEEDS_QUANTITY", s -> s.cards().creditNote(s.clerk(),
                new CardRequests.CreditNote("CN9", "S1", List.of(new CardRequests.ReturnLine("1",
                        new BigDecimal("2.000001"))))));
        error("credit note: 0 units", INVALID, s -> new CardRequests.ReturnLine("1", BigDecimal.ZERO));
        error("credit note: -1 unit", INVALID, s -> new CardRequests.ReturnLine("1", BigDecimal.ONE.negate()));
        error("credit note: no lines", INVALID, s -> new CardRequests.CreditNote("CN9", "S1", List.of()));
        error("credit note: one line twice", INVALID, s -> new CardRequests.CreditNote("CN9", "S1", List.of(
                new CardRequests.ReturnLine("1", BigDecimal.ONE), new CardRequests.ReturnLine("1", BigDecimal.ONE))));
        rejected("settle: customer not enrolled", "CUSTOMER_NOT_ENROLLED", s -> s.cards().settle(s.clerk(),
                new CardRequests.Settle(sale("S9", s.k3, saleLine("1", "food", "1", "10.00")))));
        error("settle: no document", INVALID, s -> new CardRequests.Settle(null));
        error("settle: on the locked sale with a line it does not have", INVALID, s -> s.cards().settle(s.clerk(),
                new CardRequests.Settle(sale("S1", s.k1, saleLine("1", "food", "2", "30.00"),
                        saleLine("2", "food", "1", "5000.00")))));
        error("settle: on the locked sale with more units than it was locked with", INVALID, s -> s.cards().settle(
                s.clerk(), new CardRequests.Settle(sale("S1", s.k1, saleLine("1", "food", "200", "3000.00")))));
        error("card settings: CZK while the sales are kept in EUR", MISMATCH, s -> s.cards().configure(s.owner(),
                new CardRequests.Configure(BigDecimal.TEN, null, null, null, null, false, Money.currency("CZK"))));
        rejected("add value: without the permission", "PERMISSION_REQUIRED", s -> s.cards().addValue(s.clerk(),
                new CardRequests.AddValue(s.k1, "m1", eur("1000.00"), "gift")));
        error("add value: zero", INVALID, s -> new CardRequests.AddValue(s.k1, "m1", eur("0.00"), "gift"));
        error("add value: negative", INVALID, s -> new CardRequests.AddValue(s.k1, "m1", eur("-5.00"), "gift"));
        error("add value: blank note", INVALID, s -> new CardRequests.AddValue(s.k1, "m1", eur("5.00"), ""));
        error("add value: USD on a EUR card", MISMATCH, s -> s.cards().addValue(s.owner(),
                new CardRequests.AddValue(s.k1, "m1", Money.of("5.00", "USD"), "gift")));
        error("add value: unknown customer", "NO_SUCH_CUSTOMER", s -> s.cards().addValue(s.owner(),
                new CardRequests.AddValue("nobody", "m1", eur("5.00"), "gift")));
        rejected("add value: customer not enrolled", "CUSTOMER_NOT_ENROLLED", s -> s.cards().addValue(s.owner(),
                new CardRequests.AddValue(s.k3, "m1", eur("5.00"), "gift")));
        rejected("remove line: without the permission", "PERMISSION_REQUIRED", s -> s.cards().removeLine(s.clerk(),
                new CardRequests.RemoveLine(s.k1, "S1", "1", "oops")));
        rejected("remove line: not on the card", "LINE_NOT_ON_CARD", s -> s.cards().removeLine(s.owner(),
                new CardRequests.RemoveLine(s.k1, "S404", "1", "oops")));
        error("remove line: blank note", INVALID, s -> new CardRequests.RemoveLine(s.k1, "S1", "1", " "));
        error("remove line: blank line", INVALID, s -> new CardRequests.RemoveLine(s.k1, "S1", "", "oops"));
    }

    // ------------------------------------------------------------------ savings points

    private void savingsPoints() {
        rejected("points settings: without the permission", "PERMISSION_REQUIRED", s -> s.points().configure(
                s.clerk(), PointsSettings.defaults().with(Map.of("rate", "5"))));
        rejected("points settings: another currency once bookings exist", "CURRENCY_IN_USE", s -> s.points().configure(
                s.owner(), s.points().settings(s.tenant).with(Map.of("currency", "USD"))));
        error("points settings: unknown setting", INVALID, s -> PointsSettings.defaults().with(Map.of("bonus", "1")));
        error("points settings: rate not a number", INVALID, s -> PointsSettings.defaults().with(Map.of("rate",
                "twenty")));
        error("points settings: flag not a boolean", INVALID, s -> PointsSettings.defaults().with(Map.of(
                "expiryEnabled", "maybe")));
        rejected("supplier: without the permission", "PERMISSION_REQUIRED", s -> s.points().defineSupplier(s.clerk(),
                PointsRequests.Supplier.enabled("KLM")));
        error("supplier: blank code", INVALID, s -> PointsRequests.Supplier.enabled(" "));
        error("supplier: rate -1", INVALID, s -> PointsRequests.Supplier.enabled("KLM").withRate("-1"));
        error("supplier: product rate -0.01", INVALID, s -> PointsRequests.Supplier.enabled("KLM")
                .withProductRate("hotel", "-0.01"));
        error("supplier: of a tour operator the agency does not have", "NO_SUCH_TOUR_OPERATOR", s -> s.points()
                .defineSupplier(s.owner(), PointsRequests.Supplier.of("KLM", "NOBODY")));
        error("supplier: no switch and no tour operator", INVALID, s -> new PointsRequests.Supplier("KLM", null, null,
                null, null));
        error("tour operator: rate 1E+40", INVALID, s -> PointsRequests.TourOperator.enabled("SKY").withRate("1E+40"));
        rejected("tour operator: without the permission", "PERMISSION_REQUIRED", s -> s.points().defineTourOperator(
                s.clerk(), PointsRequests.TourOperator.enabled("SKY")));
        error("points payment: both a rate and points", INVALID, s -> new PointsRequests.PointsPayment("B1",
                eur("10.00"), new BigDecimal("0.25"), new BigDecimal("40")));
        error("points payment: own rate 0", INVALID, s -> PointsRequests.PointsPayment.atRate("B1", eur("10.00"),
                BigDecimal.ZERO));
        error("points payment: 0.001 own points", INVALID, s -> PointsRequests.PointsPayment.ofPoints("B1",
                eur("10.00"), new BigDecimal("0.001")));
        rejected("points payment: own rate without own currency", "OWN_CURRENCY_NOT_ALLOWED", s -> s.points()
                .payWithPoints(s.clerk(), PointsRequests.PointsPayment.atRate("B1", eur("1.00"), new BigDecimal("0.01"))));
        error("points read: analysis without the read permission", "PERMISSION_REQUIRED", s -> s.points()
                .analysis(s.tenant, HostileCorpusContract.Shop.CASHIER, s.k1));
        rejected("book: booking id taken", "BOOKING_EXISTS", s -> s.points().book(s.clerk(), PointsRequests.Booking.of(
                "B1", s.k1, PointsRequests.Service.of("1", "TUI", "flight", eur("999.00")))));
        error("book: unknown customer", "NO_SUCH_CUSTOMER", s -> s.points().book(s.clerk(), PointsRequests.Booking.of(
                "B9", "nobody", PointsRequests.Service.of("1", "TUI", "flight", eur("100.00")))));
        error("book: unknown supplier", "NO_SUCH_SUPPLIER", s -> s.points().book(s.clerk(), PointsRequests.Booking.of(
                "B9", s.k1, PointsRequests.Service.of("1", "NOPE", "flight", eur("100.00")))));
        error("book: no services", INVALID, s -> new PointsRequests.Booking("B9", s.k1, List.of()));
        error("book: one line id twice", INVALID, s -> PointsRequests.Booking.of("B9", s.k1,
                PointsRequests.Service.of("1", "TUI", "flight", eur("100.00")),
                PointsRequests.Service.of("1", "TUI", "hotel", eur("100.00"))));
        error("book: EUR and USD lines", MISMATCH, s -> PointsRequests.Booking.of("B9", s.k1,
                PointsRequests.Service.of("1", "TUI", "flight", eur("100.00")),
                PointsRequests.Service.of("2", "TUI", "hotel", Money.of("100.00", "USD"))));
        error("book: a USD booking in a EUR plan", MISMATCH, s -> s.points().book(s.clerk(), PointsRequests.Booking.of(
                "B9", s.k1, PointsRequests.Service.of("1", "TUI", "flight", Money.of("100.00", "USD")))));
        error("book: points with 3 decimals", INVALID, s -> new PointsRequests.Service("1", "TUI", "flight",
                eur("100.00"), new BigDecimal("1.001")));
        error("book: blank supplier", INVALID, s -> PointsRequests.Service.of("1", "", "flight", eur("100.00")));
        error("book: no price", INVALID, s -> PointsRequests.Service.of("1", "TUI", "flight", null));
        error("price change: unknown booking", "NO_SUCH_BOOKING", s -> s.points().changePrice(s.clerk(),
                new PointsRequests.PriceChange("B404", "1", eur("10.00"))));
        error("price change: unknown line", "NO_SUCH_BOOKING_LINE", s -> s.points().changePrice(s.clerk(),
                new PointsRequests.PriceChange("B1", "404", eur("10.00"))));
        error("price change: USD on a EUR booking", MISMATCH, s -> s.points().changePrice(s.clerk(),
                new PointsRequests.PriceChange("B1", "1", Money.of("10.00", "USD"))));
        error("price change: no price", INVALID, s -> new PointsRequests.PriceChange("B1", "1", null));
        rejected("points payment: more points than the customer has", "INSUFFICIENT_POINTS", s -> s.points()
                .payWithPoints(s.clerk(), new PointsRequests.PointsPayment("B1", eur("450.00"))));
        error("points payment: 1E400 EUR", INVALID, s -> s.points().payWithPoints(s.clerk(),
                new PointsRequests.PointsPayment("B1", new Money(new BigDecimal("1E400"), Money.currency("EUR")))));
        error("points payment: zero", INVALID, s -> new PointsRequests.PointsPayment("B1", eur("0.00")));
        error("points payment: negative", INVALID, s -> new PointsRequests.PointsPayment("B1", eur("-20.00")));
        error("points payment: 3 decimals", INVALID, s -> new PointsRequests.PointsPayment("B1", eur("0.001")));
        error("points payment: unknown booking", "NO_SUCH_BOOKING", s -> s.points().payWithPoints(s.clerk(),
                new PointsRequests.PointsPayment("B404", eur("10.00"))));
        error("points payment: USD on a EUR booking", MISMATCH, s -> s.points().payWithPoints(s.clerk(),
                new PointsRequests.PointsPayment("B1", Money.of("10.00", "USD"))));
        rejected("money payment: beyond what is owed", "PAYMENT_EXCEEDS_REMAINDER", s -> s.points().payMoney(s.clerk(),
                new PointsRequests.MoneyPayment("B1", "BANK", eur("100000.00"))));
        error("money payment: blank type", INVALID, s -> new PointsRequests.MoneyPayment("B1", " ", eur("10.00")));
        error("money payment: zero", INVALID, s -> new PointsRequests.MoneyPayment("B1", "BANK", eur("0.00")));
        error("money payment: unknown booking", "NO_SUCH_BOOKING", s -> s.points().payMoney(s.clerk(),
                new PointsRequests.MoneyPayment("B404", "BANK", eur("10.00"))));
        error("cancel: unknown booking", "NO_SUCH_BOOKING", s -> s.points().cancel(s.clerk(),
                PointsRequests.Cancellation.ofBooking("B404")));
        error("cancel: unknown line", "NO_SUCH_BOOKING_LINE", s -> s.points().cancel(s.clerk(),
                PointsRequests.Cancellation.ofLine("B1", "404")));
        error("cancel: blank booking", INVALID, s -> PointsRequests.Cancellation.ofBooking(""));
        rejected("manual points: without the permission", "PERMISSION_REQUIRED", s -> s.points().manualEntry(s.clerk(),
                new PointsRequests.ManualEntry(s.k1, new BigDecimal("1000"), "bonus")));
        error("manual points: zero", INVALID, s -> new PointsRequests.ManualEntry(s.k1, BigDecimal.ZERO, "bonus"));
        error("manual points: 3 decimals", INVALID, s -> new PointsRequests.ManualEntry(s.k1, new BigDecimal("0.001"),
                "bonus"));
        error("manual points: blank note", INVALID, s -> new PointsRequests.ManualEntry(s.k1, BigDecimal.TEN, " "));
        error("manual points: no points", INVALID, s -> new PointsRequests.ManualEntry(s.k1, null, "bonus"));
        error("manual points: unknown customer", "NO_SUCH_CUSTOMER", s -> s.points().manualEntry(s.owner(),
                new PointsRequests.ManualEntry("nobody", BigDecimal.TEN, "bonus")));
        rejected("manual points: deduction below zero", "INSUFFICIENT_POINTS", s -> s.points().manualEntry(
                s.owner(), new PointsRequests.ManualEntry(s.k1, new BigDecimal("-1000000"), "take it all")));
        error("manual points: -1E40 points", INVALID, s -> s.points().manualEntry(
                s.owner(), new PointsRequests.ManualEntry(s.k1, new BigDecimal("-1E40"), "take it all")));
        error("points monthly list: no month", INVALID, s -> s.points().reports().monthlyList(s.tenant, Shop.OWNER, null));
        error("points accounting: period given backwards", INVALID, s -> s.points().reports().accounting(s.tenant, Shop.OWNER,
                java.time.LocalDate.of(2026, 12, 31), java.time.LocalDate.of(2026, 1, 1)));
        error("year end: 1899", INVALID, s -> new PointsRequests.ExpireYear(1899));
        error("year end: 10000", INVALID, s -> new PointsRequests.ExpireYear(10000));
        error("year end: Integer.MIN_VALUE", INVALID, s -> new PointsRequests.ExpireYear(Integer.MIN_VALUE));
        rejected("year end: expiry not enabled", "EXPIRY_NOT_ENABLED", s -> s.points().expireYear(s.owner(),
                new PointsRequests.ExpireYear(2025)));
        error("participation: blank customer", INVALID, s -> new PointsRequests.Participation(" ", false));
        rejected("participation: without the permission", "PERMISSION_REQUIRED", s -> s.points().setParticipation(
                s.clerk(), new PointsRequests.Participation(s.k1, false)));
    }

    // ------------------------------------------------------------------ customers

    private void customers() {
        error("customer: blank name", INVALID, s -> CustomerProfile.builder("  ").build());
        error("customer: name of 256 characters", INVALID, s -> CustomerProfile.builder("n".repeat(256)).build());
        error("customer: name of a megabyte", INVALID, s -> CustomerProfile.builder(MEGABYTE).build());
        error("customer: number of 65 characters", INVALID, s -> CustomerProfile.builder("A").number("9".repeat(65))
                .build());
        error("customer: e-mail without a domain", INVALID, s -> CustomerProfile.builder("A").email("bad@").build());
        error("customer: e-mail with a space", INVALID, s -> CustomerProfile.builder("A").email("a b@c.nl").build());
        error("customer: e-mail of a megabyte", INVALID, s -> CustomerProfile.builder("A").email(MEGABYTE + "@x.nl")
                .build());
        error("customer: phone with letters", INVALID, s -> CustomerProfile.builder("A").phone("call me").build());
        error("customer: phone of 40 digits", INVALID, s -> CustomerProfile.builder("A").phone("1".repeat(40)).build());
        error("customer: language 'nederlands'", INVALID, s -> CustomerProfile.builder("A").language("nederlands")
                .build());
        error("customer: discount 150%", INVALID, s -> CustomerProfile.builder("A").discountPercent("150").build());
        error("customer: discount -5%", INVALID, s -> CustomerProfile.builder("A").discountPercent("-5").build());
        error("customer: discount 'ten'", INVALID, s -> CustomerProfile.builder("A").discountPercent("ten").build());
        error("customer: remarks of 2001 characters", INVALID, s -> CustomerProfile.builder("A")
                .remarks("r".repeat(2001)).build());
        error("customer: remarks of a megabyte", INVALID, s -> CustomerProfile.builder("A").remarks(MEGABYTE).build());
        error("customer: VAT number with symbols", INVALID, s -> CustomerProfile.builder("A").vatNumber("NL<script>")
                .build());
        error("customer: undeclared custom field", INVALID, s -> s.customers().create(s.clerk(),
                CustomerProfile.builder("A").field("colour", "red").build()));
        error("customer: boolean field 'maybe'", INVALID, s -> s.customers().create(s.clerk(),
                CustomerProfile.builder("A").field("vip", "misschien").build()));
        rejected("customer: number taken", "CUSTOMER_NUMBER_TAKEN", s -> s.customers().create(s.clerk(),
                CustomerProfile.builder("Dubbel BV").number("K1").build()));
        error("customer update: unknown customer", "NO_SUCH_CUSTOMER", s -> s.customers().update(s.clerk(), "nobody",
                CustomerProfile.builder("A").build()));
        rejected("customer update: another customer's number", "CUSTOMER_NUMBER_TAKEN", s -> s.customers().update(
                s.clerk(), s.k2, CustomerProfile.builder("Jansen BV").number("K1").build()));
        rejected("custom field: without the permission", "PERMISSION_REQUIRED", s -> s.customers().declareField(
                s.clerk(), "since", CustomFieldType.DATE));
        rejected("customers settings: without the permission", "PERMISSION_REQUIRED", s -> s.customers().configure(
                s.clerk(), new org.loyaltyengine.customers.CustomerRequests.Configure(true)));
        error("customers settings: none", INVALID, s -> s.customers().configure(s.owner(), null));
        error("custom field: name starting with a digit", INVALID, s -> s.customers().declareField(s.owner(),
                "1since", CustomFieldType.DATE));
        error("custom field: name with a space", INVALID, s -> s.customers().declareField(s.owner(), "in dienst",
                CustomFieldType.DATE));
        rejected("order: received again", "ORDER_ALREADY_RECEIVED", s -> s.customers().receiveOrder(s.clerk(),
                WebshopOrder.of("O1", "K1", null, Money.currency("EUR"), List.of(new WebshopOrder.Line("1", "widget",
                        BigDecimal.ONE, new BigDecimal("10.00"))))));
        rejected("order: unknown customer and no buyer", "ORDER_CUSTOMER_UNKNOWN", s -> s.customers().receiveOrder(
                s.clerk(), WebshopOrder.of("O9", "K404", null, Money.currency("EUR"), List.of(new WebshopOrder.Line(
                        "1", "widget", BigDecimal.ONE, new BigDecimal("10.00"))))));
        error("order: quantity 0", INVALID, s -> new WebshopOrder.Line("1", "widget", BigDecimal.ZERO, BigDecimal.TEN));
        error("order: quantity -1", INVALID, s -> new WebshopOrder.Line("1", "widget", BigDecimal.ONE.negate(),
                BigDecimal.TEN));
        error("order: amount -10", INVALID, s -> new WebshopOrder.Line("1", "widget", BigDecimal.ONE,
                new BigDecimal("-10")));
        error("order: buyer carries another number", INVALID, s -> WebshopOrder.of("O9", "K1",
                CustomerProfile.builder("A").number("K2").build(), Money.currency("EUR"), List.of(
                        new WebshopOrder.Line("1", "widget", BigDecimal.ONE, BigDecimal.TEN))));
        error("order: 100.005 EUR line", INVALID, s -> WebshopOrder.of("O9", "K1", null, Money.currency("EUR"), List.of(
                new WebshopOrder.Line("1", "widget", BigDecimal.ONE, new BigDecimal("100.005")))));
        error("order: webshop with a slash", INVALID, s -> WebshopOrder.of("O9", null, CustomerProfile.named("A"),
                Money.currency("EUR"), List.of(new WebshopOrder.Line("1", "widget", BigDecimal.ONE, BigDecimal.TEN)))
                .withBuyerReference("shop/nl", "1"));
        error("order: buyer reference with a newline", INVALID, s -> WebshopOrder.of("O9", null,
                CustomerProfile.named("A"), Money.currency("EUR"), List.of(new WebshopOrder.Line("1", "widget",
                        BigDecimal.ONE, BigDecimal.TEN))).withBuyerReference("shop-nl", "1\n2"));
        error("order: buyer reference of a megabyte", INVALID, s -> WebshopOrder.of("O9", null,
                CustomerProfile.named("A"), Money.currency("EUR"), List.of(new WebshopOrder.Line("1", "widget",
                        BigDecimal.ONE, BigDecimal.TEN))).withBuyerReference("shop-nl", MEGABYTE));
        error("order: blank id", INVALID, s -> WebshopOrder.of(" ", "K1", null, Money.currency("EUR"), List.of(
                new WebshopOrder.Line("1", "widget", BigDecimal.ONE, BigDecimal.TEN))));
        error("address: blank is fine but a megabyte street is not", INVALID, s -> CustomerProfile.builder("A")
                .deliveryAddress(new Address(MEGABYTE, null, null, null)).build());
    }

    // ------------------------------------------------------------------ CSV import: files and rows

    private void imports() {
        fileError("import file: empty", "");
        fileError("import file: only blank lines", "\n\n   \n");
        fileError("import file: unknown column", "number;name;kleur\nK9;A;rood\n");
        fileError("import file: neither a name nor a number column", "email;phone\na@b.nl;020-1234567\n");
        row("import file: no name column, an unknown number", "CUSTOMER_NAME_REQUIRED", "number;email\nK9;a@b.nl\n");
        fileError("import file: a column twice", "name;naam\nA;B\n");
        fileError("import file: header never closes its quote", "\"number;name\nK9;A\n");
        error("import file: not UTF-8", INVALID, s -> s.customers().importCsv(s.clerk(), new ByteArrayInputStream(
                "number;name\nK9;Caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1)), ImportOptions.updating()));
        error("import file: key of 191 characters", INVALID, s -> s.customers().importCsv(CommandContext.of(s.tenant,
                Shop.CLERK, s.key() + "k".repeat(191), Shop.DAY), new StringReader("name\nA\n"), ImportOptions.updating()));
        row("import row: NUL in the name", INVALID, "number;name\nK9;Nul\u0000BV\n");
        row("import row: ESC in the remarks", INVALID, "number;name;remarks\nK9;A;\u001b[31mred\n");
        row("import row: DEL in the city", INVALID, "number;name;delivery_city\nK9;A;Ams\u007fterdam\n");
        row("import row: C1 control in the contact", INVALID, "number;name;contact\nK9;A;Jan\u0085Jansen\n");
        row("import row: no name, an unknown number", "CUSTOMER_NAME_REQUIRED", "number;name\nK9;\n");
        row("import row: name of blanks, an unknown number", "CUSTOMER_NAME_REQUIRED", "number;name\nK9;   \n");
        row("import row: no name and no number", "CUSTOMER_NAME_REQUIRED", "number;name;email\n;;a@b.nl\n");
        row("import row: name of 300 characters", INVALID, "number;name\nK9;" + "n".repeat(300) + "\n");
        row("import row: not an e-mail address", INVALID, "number;name;email\nK9;A;not-an-email\n");
        row("import row: discount 150", INVALID, "number;name;discount\nK9;A;150\n");
        row("import row: discount 'tien'", INVALID, "number;name;discount\nK9;A;tien\n");
        row("import row: discount -5", INVALID, "number;name;discount\nK9;A;-5\n");
        row("import row: discount with a formula", INVALID, "number;name;discount\nK9;A;=1+1\n");
        row("import row: language 'nederlands'", INVALID, "number;name;language\nK9;A;nederlands\n");
        row("import row: calculate_vat 'misschien'", INVALID, "number;name;calculate_vat\nK9;A;misschien\n");
        row("import row: undeclared custom field", INVALID, "number;name;field.colour\nK9;A;rood\n");
        row("import row: boolean field 'misschien'", INVALID, "number;name;field.vip\nK9;A;misschien\n");
        row("import row: number of 65 characters", INVALID, "number;name\n" + "9".repeat(65) + ";A\n");
        row("import row: remarks of 2001 characters", INVALID, "number;name;remarks\nK9;A;" + "r".repeat(2001) + "\n");
        row("import row: text after a closing quote", "ROW_UNREADABLE", "number;name\nK9;\"A\"B\n");
        row("import row: quote never closed", "ROW_UNREADABLE", "number;name\nK9;\"A\n");
        row("import row: too many fields", "ROW_MALFORMED", "number;name\nK9;A;B;C\n");
        row("import row: too few fields", "ROW_MALFORMED", "number;name;email\nK9;A\n");
        rejected("import row: a bad row when told to ignore known numbers", INVALID, s -> s.customers().importCsv(
                s.clerk(), new StringReader("number;name;email\nK9;A;bad@\n"), ImportOptions.ignoring()));
        row("import row: the same new number twice, both bad", INVALID, "number;name;email\nK9;A;x@\nK9;B;y@\n");
    }

    // ------------------------------------------------------------------ the input contract, the same on every store

    private void inputContract() {
        error("tenant: trailing space", INVALID, s -> TenantId.of(s.tenant.value() + " "));
        error("tenant: leading space", INVALID, s -> TenantId.of(" " + s.tenant.value()));
        error("key: trailing space", INVALID, s -> IdempotencyKey.of("k "));
        error("key: a newline", INVALID, s -> IdempotencyKey.of("k\nk"));
        error("key: NUL", INVALID, s -> IdempotencyKey.of("k\u0000"));
        error("card: number with a trailing space", INVALID, s -> new Card("C1 ", "Petr", "Svoboda", BigDecimal.ZERO,
                true, true, Money.currency("CZK")));
        error("card: number with NUL", INVALID, s -> new Card("C\u00001", "Petr", "Svoboda", BigDecimal.ZERO, true,
                true, Money.currency("CZK")));
        error("card: holder name of a megabyte", INVALID, s -> new Card("X1", MEGABYTE, "B", BigDecimal.ZERO, false,
                false, Money.currency("CZK")));
        error("card: holder name with NUL", INVALID, s -> new Card("X1", "Ev\u0000a", "B", BigDecimal.ZERO, false,
                false, Money.currency("CZK")));
        error("card: discount with 20 decimals", INVALID, s -> new Card("X1", "A", "B",
                new BigDecimal("10.00000000000000000001"), false, false, Money.currency("CZK")));
        error("actor: a newline in the name", INVALID, s -> Actor.of("eva\nroot"));
        error("actor: NUL in the name", INVALID, s -> Actor.of("eva\u0000"));
        error("actor: a right-to-left override", INVALID, s -> Actor.of("eva\u202Eadmin"));
        error("actor: a zero-width space", INVALID, s -> Actor.of("ev\u200Ba"));
        error("actor: a trailing space", INVALID, s -> Actor.of("eva "));
        error("actor: a null permission", INVALID, s -> Actor.of("eva", (String) null));
        error("actor: a megabyte name", INVALID, s -> Actor.of(MEGABYTE));
        error("date: LocalDate.MAX", INVALID, s -> CommandContext.of(s.tenant, Shop.CASHIER, s.key(), LocalDate.MAX));
        error("date: LocalDate.MIN", INVALID, s -> CommandContext.of(s.tenant, Shop.CASHIER, s.key(), LocalDate.MIN)
                .businessDate());
        error("date: the year 2200", INVALID, s -> CommandContext.of(s.tenant, Shop.CASHIER, s.key(),
                LocalDate.of(2200, 1, 1)));
        error("money: null amount", INVALID, s -> Money.of((String) null, "CZK"));
        error("money: 'abc'", INVALID, s -> Money.of("abc", "CZK"));
        error("money: 1E400", INVALID, s -> Money.of("1E400", "CZK"));
        error("money: 1E+2147483647", INVALID, s -> Money.of("1E+2147483647", "CZK"));
        error("money: 29 integer digits", INVALID, s -> Money.of("1" + "0".repeat(28), "CZK"));
        error("add item: VAT 'abc'", INVALID, s -> AddItem.of("R4", "1", "gum", czk("10.00"), "abc"));
        error("add item: receipt id of a megabyte", INVALID, s -> AddItem.of(MEGABYTE, "1", "gum", czk("10.00"), "21"));
        error("add item: NUL in the product", INVALID, s -> AddItem.of("R4", "1", "g\u0000um", czk("10.00"), "21"));
        error("open receipt: id with a trailing space", INVALID, s -> new PosRequests.OpenReceipt("R1 ",
                Money.currency("CZK")));
        error("top-up: 1E400 CZK", INVALID, s -> new PosRequests.ChangeCredit("C1", Money.of("1E400", "CZK"), "x"));
        error("top-up: note of a megabyte", INVALID, s -> new PosRequests.ChangeCredit("C1", czk("1.00"), MEGABYTE));
        error("top-up: NUL in the note", INVALID, s -> new PosRequests.ChangeCredit("C1", czk("1.00"), "a\u0000b"));
        error("customer card: add 1E400", INVALID, s -> new CardRequests.AddValue(s.k1, "paper",
                Money.of("1E400", "EUR"), "x"));
        error("customer card: product valid from LocalDate.MIN", INVALID, s -> new CardRequests.DefineProduct("food",
                LocalDate.MIN, true, BigDecimal.TEN));
        error("customer card: percent with 20 decimals", INVALID, s -> new CardRequests.DefineProduct("food",
                Shop.DAY, true, new BigDecimal("10.00000000000000000001")));
        error("customer card: sale line quantity 1E40", INVALID, s -> saleLine("1", "food", "1E40", "10.00"));
        error("points: manual entry of 1E40", INVALID, s -> new PointsRequests.ManualEntry(s.k1, new BigDecimal("1E40"),
                "x"));
        error("points: manual entry with 20 decimals", INVALID, s -> new PointsRequests.ManualEntry(s.k1,
                new BigDecimal("1.00000000000000000001"), "x"));
        error("customer: NUL in the name", INVALID, s -> CustomerProfile.builder("Bak\u0000kerij").build());
        error("customer: NUL in the number", INVALID, s -> CustomerProfile.builder("A").number("K\u00009").build());
        error("order: line of 10.00000000000000000001 EUR", INVALID, s -> new WebshopOrder.Line("1", "widget",
                BigDecimal.ONE, new BigDecimal("10.00000000000000000001")));
        error("pos: a null card", INVALID, s -> s.pos().defineCard(s.owner(), null));
        error("pos: a null item", INVALID, s -> s.pos().addItem(s.cashier(), null));
    }

    // ------------------------------------------------------------------ permissions: refused before any rule runs

    private void permissions() {
        String denied = "PERMISSION_REQUIRED";
        rejected("pos settings: by a cashier", denied, s -> s.pos().configure(s.cashier(),
                new PosRequests.Configure(30)));
        error("pos settings: Long.MAX_VALUE minutes", INVALID, s -> new PosRequests.Configure(Long.MAX_VALUE));
        error("pos settings: a billion minutes", INVALID, s -> new PosRequests.Configure(1_000_000_000L));
        rejected("pos top-up: by a cashier", denied, s -> s.pos().changeCredit(s.cashier(),
                new PosRequests.ChangeCredit("C1", czk("1000.00"), "gift to myself")));
        rejected("pos card: a 100% discount by a cashier", denied, s -> s.pos().defineCard(s.cashier(),
                new Card("D1", "Jana", "Nováková", new BigDecimal("100"), false, false, Money.currency("CZK"))));
        rejected("pos card: a new card by a cashier", denied, s -> s.pos().defineCard(s.cashier(),
                new Card("X9", "Jana", "Nováková", BigDecimal.ZERO, true, true, Money.currency("CZK"))));
        rejected("customer card: default percentage by a cashier", denied, s -> s.cards().configure(s.cashier(),
                new CardRequests.Configure(new BigDecimal("100"), null, null, null, null, false,
                        Money.currency("EUR"))));
        rejected("customer card: a product's percentage by a cashier", denied, s -> s.cards().defineProduct(
                s.cashier(), new CardRequests.DefineProduct("food", Shop.DAY, true, new BigDecimal("100"))));
        rejected("customer card: enrol everyone by a cashier", denied, s -> s.cards().enrolAll(s.cashier()));
        rejected("points: year-end expiry by a cashier", denied, s -> s.points().expireYear(s.cashier(),
                new PointsRequests.ExpireYear(2025)));
        rejected("customer: a 100% discount by a cashier", denied, s -> s.customers().update(s.cashier(), s.k2,
                CustomerProfile.builder("Jansen BV").discountPercent("100").build()));
        rejected("customer: a new customer by a cashier", denied, s -> s.customers().create(s.cashier(),
                CustomerProfile.builder("Eigen BV").discountPercent("100").build()));
        rejected("import: a discount of 100% by a cashier", denied, s -> s.customers().importCsv(s.cashier(),
                new StringReader("number;name;discount\nK2;Jansen;100\n"), ImportOptions.updating()));
    }

    private void fileError(String name, String csv) {
        error(name, INVALID, s -> s.customers().importCsv(s.clerk(), new StringReader(csv), ImportOptions.updating()));
    }

    private void row(String name, String code, String csv) {
        rejected(name, code, s -> s.customers().importCsv(s.clerk(), new StringReader(csv), ImportOptions.updating()));
    }

}

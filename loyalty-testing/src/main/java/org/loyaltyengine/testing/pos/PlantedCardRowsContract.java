package org.loyaltyengine.testing.pos;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.loyaltyengine.CommandContext;
import org.loyaltyengine.LoyaltyEngine;
import org.loyaltyengine.pos.PosCards;
import org.loyaltyengine.pos.PosRequests.CardSearch;
import org.loyaltyengine.pos.PosRequests.IdentifyCard;
import org.loyaltyengine.pos.PosRequests.OpenReceipt;
import org.loyaltyengine.spi.Actor;
import org.loyaltyengine.spi.Card;
import org.loyaltyengine.spi.LoyaltyException;
import org.loyaltyengine.spi.LoyaltyStore;
import org.loyaltyengine.spi.Money;
import org.loyaltyengine.spi.TenantId;

/**
 * Card rows written behind the store's back (by a host's SQL, a hand repair, an older tool) with a kind or a
 * valid-until date the card model does not allow (SPEC PC-12, X-10): every read and every command that meets
 * such a row ends in a typed {@link LoyaltyException} with the stable code {@code INVALID_VALUE} that names the
 * card, never the JDK's or Hibernate's exception, and the command changes nothing.
 *
 * <p>For a store whose rows can be written without it (a database): the concrete class plants the value with
 * the store's own means, plain SQL for the JPA adapter.
 */
public abstract class PlantedCardRowsContract {
    private static final LocalDate DAY = LocalDate.of(2026, 3, 14);
    private static final Actor CASHIER = Actor.of("cashier-eva", PosCards.CARDS_PERMISSION,
            PosCards.SETTINGS_PERMISSION);

    private final AtomicLong keys = new AtomicLong();
    private PosCards pos;
    private TenantId shop;

    /** The store under test; a new one, or a shared one (each test uses a fresh tenant). */
    protected abstract LoyaltyStore newStore();

    /** Writes {@code kind} into the stored card's kind, behind the store's back. */
    protected abstract void plantKind(TenantId tenant, String number, String kind) throws Exception;

    /** Writes {@code validUntil} into the stored card's valid-until date, behind the store's back. */
    protected abstract void plantValidUntil(TenantId tenant, String number, LocalDate validUntil) throws Exception;

    @BeforeEach
    void shop() {
        pos = LoyaltyEngine.builder().store(newStore()).build().posCards();
        shop = TenantId.of("planted-" + UUID.randomUUID().toString().substring(0, 12));
    }

    private CommandContext next() {
        return CommandContext.of(shop, CASHIER, "p" + keys.incrementAndGet(), DAY);
    }

    private void define(Card card) {
        assertTrue(pos.defineCard(next(), card).applied());
    }

    private static Card customerCard(String number) {
        return new Card(number, "Petr", "Svoboda", BigDecimal.ZERO, true, true, Money.currency("CZK"));
    }

    private void assertTypedEverywhere(String number, String inMessage) {
        LoyaltyException read = assertThrows(LoyaltyException.class, () -> pos.card(shop, number));
        assertEquals("INVALID_VALUE", read.code());
        assertTrue(read.getMessage().contains(number) && read.getMessage().contains(inMessage), read.getMessage());
        LoyaltyException list = assertThrows(LoyaltyException.class, () -> pos.cards(shop, CardSearch.all(10)));
        assertEquals("INVALID_VALUE", list.code());
        assertTrue(pos.openReceipt(next(), new OpenReceipt("R1", Money.currency("CZK"))).applied());
        LoyaltyException identify = assertThrows(LoyaltyException.class,
                () -> pos.identifyCard(next(), new IdentifyCard("R1", number, null)));
        assertEquals("INVALID_VALUE", identify.code());
        // The receipt the command would have changed still has no card.
        assertEquals(null, pos.receipt(shop, "R1").cardNumber());
    }

    @Test
    @Tag("PC-12")
    @Tag("X-10")
    public void aKindTheModelDoesNotKnow_isATypedErrorOnEveryRead() throws Exception {
        define(customerCard("9001"));
        plantKind(shop, "9001", "BOGUS");
        assertTypedEverywhere("9001", "BOGUS");
    }

    @Test
    @Tag("PC-12")
    @Tag("X-10")
    public void aValidUntilDateOnACustomerCard_isATypedError() throws Exception {
        define(customerCard("9002"));
        plantValidUntil(shop, "9002", LocalDate.of(2026, 12, 31));
        assertTypedEverywhere("9002", "valid-until");
    }

    @Test
    @Tag("PC-12")
    @Tag("X-10")
    public void aVoucherDateOutsideTheModelsRange_isATypedError() throws Exception {
        define(Card.voucher("9003", "Gift", "Certificate", Money.currency("CZK"), LocalDate.of(2026, 12, 31)));
        plantValidUntil(shop, "9003", LocalDate.of(1000, 1, 1));
        assertTypedEverywhere("9003", "9003");
    }
}

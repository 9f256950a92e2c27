package org.loyaltyengine.pos;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.loyaltyengine.pos.PosRequests.AbandonReceipt;
import org.loyaltyengine.pos.PosRequests.AddItem;
import org.loyaltyengine.pos.PosRequests.CardMode;
import org.loyaltyengine.pos.PosRequests.DeleteItem;
import org.loyaltyengine.pos.PosRequests.IdentifyCard;
import org.loyaltyengine.pos.PosRequests.OpenReceipt;
import org.loyaltyengine.pos.PosRequests.PayReceipt;
import org.loyaltyengine.pos.PosRequests.RemoveCard;
import org.loyaltyengine.spi.Money;

/**
 * The receipt requests spell out their text, and the idempotency fingerprint is taken of it: each must
 * read as a record's own {@code toString()} does, every component named in order, so that a repeat of a
 * request stored before is still a repeat and a request that differs in any component is not.
 */
@Tag("X-4")
class PosRequestTextTest {

    @Test
    void receiptRequests_readAsTheRecordsOwnText() throws ReflectiveOperationException {
        List<Record> requests = List.of(
                new OpenReceipt("R1", Money.currency("CZK")),
                new IdentifyCard("R1", "1001", null),
                new IdentifyCard("R1", "1001", CardMode.CREDIT),
                new RemoveCard("R1"),
                AddItem.of("R1", "2", "coffee", Money.of("45.00", "CZK"), "21"),
                new AddItem("R1", "3", "top-up", Money.of("100", "CZK"), true, BigDecimal.ZERO, new BigDecimal("1E+1")),
                new DeleteItem("R1", "2"),
                new PayReceipt("R1"),
                new AbandonReceipt("R1"));
        for (Record r : requests) {
            assertEquals(recordText(r), r.toString());
        }
    }

    /** What java.lang.runtime.ObjectMethods makes of a record: its simple name, then name=value per component. */
    private static String recordText(Record r) throws ReflectiveOperationException {
        List<String> parts = new ArrayList<>();
        for (RecordComponent c : r.getClass().getRecordComponents()) {
            parts.add(c.getName() + "=" + c.getAccessor().invoke(r));
        }
        return r.getClass().getSimpleName() + "[" + String.join(", ", parts) + "]";
    }
}

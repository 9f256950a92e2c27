package org.loyaltyengine.rules.facts;

import java.math.BigDecimal;
import java.util.List;

import org.loyaltyengine.spi.Checks;
import org.loyaltyengine.spi.InvalidValueException;
import org.loyaltyengine.spi.Limits;

/**
 * The result of a refund of a paid receipt (SPEC X-13): the lines it took, ordered by line id, what went
 * back to the card for what its credit paid ({@code givenBack}) and what was taken back from the card for
 * what the lines' top-ups loaded ({@code takenBack}); both zero for lines the card neither paid nor loaded
 * (a discounted line, a line without a card). The host reads it as {@code outcome.result(PosRefunded.class)}.
 */
public record PosRefunded(String receiptId, String refundId, List<String> lines, BigDecimal givenBack,
                          BigDecimal takenBack) {
    public PosRefunded {
        Checks.identifier(receiptId, "receipt id", Limits.IDENTIFIER);
        Checks.identifier(refundId, "refund id", Limits.IDENTIFIER);
        Checks.notNull(lines, "refunded lines");
        if (lines.isEmpty()) {
            throw new InvalidValueException("a refund takes at least one line");
        }
        lines.forEach(l -> Checks.identifier(l, "line id", Limits.IDENTIFIER));
        // The rules gather the lines in no particular order; a host reads them in one.
        lines = lines.stream().sorted().toList();
        Checks.notNull(givenBack, "amount given back");
        Checks.notNull(takenBack, "amount taken back");
    }
}

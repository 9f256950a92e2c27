package org.loyaltyengine.rules.facts;

import java.math.BigDecimal;
import java.util.Map;
import java.util.TreeMap;

/**
 * The result of a credit note (SPEC X-13): the credits given back per credited line of the consuming document
 * (a line that consumed none is not in it). Built by the rules line by line.
 */
public record CreditReturned(String creditNoteId, String reference, Map<String, BigDecimal> returned) {
    public CreditReturned {
        returned = Map.copyOf(returned);
    }

    /** The result decided so far, or an empty one. */
    public static CreditReturned of(Decision decision, String creditNoteId, String reference) {
        return decision.resultOf(CreditReturned.class).orElse(new CreditReturned(creditNoteId, reference, Map.of()));
    }

    public CreditReturned with(String line, BigDecimal quantity) {
        Map<String, BigDecimal> next = new TreeMap<>(returned);
        next.merge(line, quantity, BigDecimal::add);
        return new CreditReturned(creditNoteId, reference, next);
    }

    public BigDecimal returnedOf(String line) {
        return returned.getOrDefault(line, BigDecimal.ZERO);
    }
}

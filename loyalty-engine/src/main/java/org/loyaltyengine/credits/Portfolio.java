package org.loyaltyengine.credits;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/** A customer's "portefeuille van credits" on a date (SPEC CR-3): per type, and lot by lot. */
public record Portfolio(String customerId, LocalDate date, boolean usesCredits, List<Holding> holdings,
                        List<LotStatement> lots) {
    public Portfolio {
        holdings = List.copyOf(holdings);
        lots = List.copyOf(lots);
    }

    public Optional<Holding> holding(String type) {
        return holdings.stream().filter(h -> h.type().equals(type)).findFirst();
    }

    /** What remains of a type; zero for a type the customer never had. */
    public BigDecimal remaining(String type) {
        return holding(type).map(Holding::remaining).orElse(BigDecimal.ZERO);
    }
}

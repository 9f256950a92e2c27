package org.loyaltyengine.spi;

import java.math.BigDecimal;
import java.util.Map;
import java.util.Optional;

/** One line of a {@link Document}: a product or service, its quantity and amount, and program attributes. */
public record DocumentLine(String lineId, String product, BigDecimal quantity, BigDecimal amount,
                           Map<String, String> attributes) {
    public DocumentLine {
        Checks.identifier(lineId, "line id", Limits.IDENTIFIER);
        Checks.optionalName(product, "product of line", lineId, Limits.NAME);
        Checks.decimal(quantity, "quantity of line", lineId);
        Checks.decimal(amount, "amount of line", lineId);
        attributes = Checks.sortedMap(attributes, "line attributes");
    }

    public Optional<String> attribute(String name) {
        return Optional.ofNullable(attributes.get(name));
    }
}

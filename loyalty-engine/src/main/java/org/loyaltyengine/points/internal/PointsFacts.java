package org.loyaltyengine.points.internal;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.loyaltyengine.NoSuchEntityException;
import org.loyaltyengine.internal.StoreView;
import org.loyaltyengine.points.SavingsPoints;
import org.loyaltyengine.rules.facts.PointsCustomer;
import org.loyaltyengine.rules.facts.PointsLine;
import org.loyaltyengine.rules.facts.PointsSettings;
import org.loyaltyengine.spi.Account;
import org.loyaltyengine.spi.CurrencyMismatchException;
import org.loyaltyengine.spi.LedgerEntry;
import org.loyaltyengine.spi.Money;

/** The reads and facts the points commands share; each a pure function of what a command loaded. */
final class PointsFacts {
    private PointsFacts() {
    }

    static void requireCustomer(StoreView view, String customerId) {
        view.customer(customerId).orElseThrow(() -> new NoSuchEntityException("customer", customerId));
    }

    /** Each supplier once, in the order first named; the typed error for one the agency does not have. */
    static Map<String, SupplierDocument> suppliers(StoreView view, List<String> codes) {
        Map<String, SupplierDocument> found = new LinkedHashMap<>();
        for (String code : codes) {
            if (!found.containsKey(code)) {
                found.put(code, view.document(SupplierDocument.TYPE, code).map(SupplierDocument::from)
                        .orElseThrow(() -> new NoSuchEntityException("supplier", code)));
            }
        }
        return found;
    }

    static void requireCurrency(PointsSettings s, String currency, String what) {
        if (!s.currency().equals(currency)) {
            throw CurrencyMismatchException.of(what, currency, "the agency's points program", s.currency(),
                    "give it in " + s.currency() + ", the setting 'currency'");
        }
    }

    static void requireBookingCurrency(BookingDocument booking, Money amount) {
        if (!amount.currency().getCurrencyCode().equals(booking.currency())) {
            throw CurrencyMismatchException.of("the amount " + amount.amount().toPlainString(),
                    amount.currency().getCurrencyCode(), "booking " + booking.id(), booking.currency(),
                    "give it in " + booking.currency());
        }
    }

    /** The customer as the rules see them, from the locked account and the account's entries as loaded. */
    static PointsCustomer customer(String customerId, Account account, List<LedgerEntry> entries, boolean optedOut,
                                   LocalDate businessDate) {
        int year = businessDate.getYear();
        return new PointsCustomer(customerId, account.key(), account.balance(),
                PointsEntries.sum(entries, PointsEntries.earned().and(PointsEntries.inYear(year))),
                PointsEntries.sum(entries, PointsEntries.earned().and(PointsEntries.positive())
                        .and(e -> e.businessDate().getYear() < year)),
                PointsEntries.sum(entries, PointsEntries.earned().and(PointsEntries.positive())
                        .and(PointsEntries.inYear(year))), optedOut);
    }

    static PointsLine line(String bookingId, String lineId, SupplierDocument supplier, String productType,
                           BigDecimal amount, BigDecimal manualPoints, BigDecimal netPoints, BigDecimal expiredPoints,
                           boolean cancelled, boolean pricing) {
        return new PointsLine(bookingId, lineId, supplier.code(), productType, amount, manualPoints, supplier.enabled(),
                supplier.rate(), supplier.productRate(productType), netPoints, expiredPoints, cancelled, pricing);
    }
}

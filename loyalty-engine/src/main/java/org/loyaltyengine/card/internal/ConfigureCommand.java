package org.loyaltyengine.card.internal;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.loyaltyengine.AuditTrail;
import org.loyaltyengine.CommandContext;
import org.loyaltyengine.card.CardRequests.Configure;
import org.loyaltyengine.card.CustomerCards;
import org.loyaltyengine.internal.Applied;
import org.loyaltyengine.internal.AuditSubject;
import org.loyaltyengine.internal.Command;
import org.loyaltyengine.internal.Permission;
import org.loyaltyengine.internal.StoreView;
import org.loyaltyengine.internal.Write;
import org.loyaltyengine.rules.facts.Decision;
import org.loyaltyengine.spi.Account;
import org.loyaltyengine.spi.AccountKey;
import org.loyaltyengine.spi.CurrencyMismatchException;
import org.loyaltyengine.spi.Document;
import org.loyaltyengine.spi.LockKey;

/**
 * Sets the practice's card settings (SPEC CC-1, CC-3). The currency may change only while no card
 * account and no sale is kept in another one: a sale of a customer who does not take part has no card
 * account yet, but enrolment counts it later (CC-4), and in the new currency it would put one
 * currency's values on another's card. The default percentage configured is in force from the business
 * date on (CC-10): each configure adds a period, or replaces the one of the same date.
 */
final class ConfigureCommand implements Command<Configure, ConfigureCommand.Context> {
    /** The settings as read, and the settings to store, as the settings store keeps them. */
    record Context(Map<String, String> read, Map<String, String> values) {
        Context {
            read = Map.copyOf(read);
            values = Map.copyOf(values);
        }
    }

    @Override
    public String name() {
        return CustomerCards.PROGRAM + ".configure";
    }

    @Override
    public String ruleSet() {
        return CustomerCards.PROGRAM;
    }

    @Override
    public Permission permission(Configure request) {
        return Permission.of(CustomerCards.SETTINGS_PERMISSION);
    }

    /**
     * The settings: a change of currency waits for, and holds off, every command that may be the first to
     * keep a sale or a card value in the currency ({@link CardLocks}).
     */
    @Override
    public Set<LockKey> keys(Configure request, CommandContext ctx) {
        return Set.of(CardLocks.PROGRAM_WIDE);
    }

    @Override
    public Context load(StoreView view, Configure s, CommandContext ctx) {
        String code = s.currency().getCurrencyCode();
        for (Account a : view.accountsOf(CustomerCards.PROGRAM)) {
            if (!a.key().unit().code().equals(code)) {
                throw CurrencyMismatchException.of("the new currency setting", code, "the card of customer " + a.key().owner(),
                        a.key().unit().code(), "keep the currency while a card is kept in it");
            }
        }
        for (Document sale : view.documents(CardDocuments.SALE, null)) {
            if (!code.equals(sale.currency())) {
                throw CurrencyMismatchException.of("the new currency setting", code, "sale " + sale.id() + " of this practice",
                        sale.currency(), "keep the currency while a sale is kept in it");
            }
        }
        Map<String, String> read = view.settings(CustomerCards.PROGRAM);
        Map<String, String> values = new TreeMap<>();
        // The default percentage keeps its history (CC-10): the value configured is in force from the
        // business date on, the earlier periods stay for the sales made under them. A stored period that is
        // not valid (written by hand) is dropped: configuring again is the way out of bad settings.
        read.forEach((name, value) -> {
            if (CardSettingsInForce.isDefaultPeriod(name) && CardSettingsInForce.period(name, value).isPresent()) {
                values.put(name, value);
            }
        });
        values.put(CardSettingsInForce.defaultPercentFrom(ctx.businessDate()), s.defaultPercent().toPlainString());
        values.put("defaultPercent", s.defaultPercent().toPlainString());
        values.put("autoEnrol", Boolean.toString(s.autoEnrol()));
        values.put("currency", code);
        if (s.minUnits() != null) {
            values.put("minUnits", s.minUnits().toPlainString());
        }
        if (s.minPurchases() != null) {
            values.put("minPurchases", s.minPurchases().toString());
        }
        if (s.minVisits() != null) {
            values.put("minVisits", s.minVisits().toString());
        }
        if (s.minAmount() != null) {
            values.put("minAmount", s.minAmount().toPlainString());
        }
        return new Context(read, values);
    }

    @Override
    public List<Object> facts(Context context, Map<AccountKey, Account> accounts) {
        return List.of();
    }

    @Override
    public List<Write> writes(Context context, Decision decision, Applied applied) {
        return List.of(new Write.PutSettings(CustomerCards.PROGRAM, context.read(), context.values()));
    }

    @Override
    public List<AuditSubject> audited(Context context, Decision decision) {
        return List.of(AuditSubject.settings(AuditTrail.CARD_SETTINGS, CustomerCards.PROGRAM));
    }
}

package org.loyaltyengine.card.internal;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import org.loyaltyengine.card.CardEntry;
import org.loyaltyengine.card.CardLine;
import org.loyaltyengine.card.CardPage;
import org.loyaltyengine.card.CardStatus;
import org.loyaltyengine.card.CustomerCards;
import org.loyaltyengine.internal.CommandPipeline;
import org.loyaltyengine.internal.CsvTable;
import org.loyaltyengine.internal.Evaluator;
import org.loyaltyengine.internal.StoreView;
import org.loyaltyengine.rules.facts.CardFigures;
import org.loyaltyengine.rules.facts.CardOpenLines;
import org.loyaltyengine.rules.facts.CardSettings;
import org.loyaltyengine.rules.facts.CardStatusQuery;
import org.loyaltyengine.rules.facts.CardStatusResult;
import org.loyaltyengine.rules.facts.Decision;
import org.loyaltyengine.spi.Account;
import org.loyaltyengine.spi.Checks;
import org.loyaltyengine.spi.Document;
import org.loyaltyengine.spi.TenantId;

/**
 * The customer card's reads (SPEC CC-1, CC-9): each in one read-only transaction of the store, so what
 * it answers is one snapshot. Whether a card is full is the rules' answer, by the version in force on
 * the business date asked about.
 */
final class CardReports {
    private final CommandPipeline pipeline;
    private final CardSettingsInForce settingsInForce;

    CardReports(CommandPipeline pipeline, CardSettingsInForce settingsInForce) {
        this.pipeline = pipeline;
        this.settingsInForce = settingsInForce;
    }

    private <T> T read(TenantId tenant, Function<StoreView, T> query) {
        return pipeline.store().inTransaction(tenant, tx -> query.apply(StoreView.of(tx)));
    }

    CardStatus card(TenantId tenant, String customerId, LocalDate businessDate) {
        Checks.date(businessDate, "business date");
        return read(tenant, view -> {
            CardReads.requireCustomer(view, customerId);
            CardSettings settings = settingsInForce.on(view, businessDate);
            return status(view, customerId, settings, CardReads.enrolled(view, customerId), businessDate);
        });
    }

    List<CardStatus> fullCards(TenantId tenant, LocalDate businessDate) {
        return overview(tenant, businessDate).stream().filter(CardStatus::full).toList();
    }

    /**
     * One page of the overview (or of the full cards): the cards of the customers after {@code after} who take
     * part, up to {@code limit} of them, read a page of customers at a time, so that neither the heap nor the
     * read holds more than a page. Each page is its own snapshot.
     */
    CardPage page(TenantId tenant, LocalDate businessDate, String after, int limit, boolean fullOnly) {
        Checks.date(businessDate, "business date");
        Checks.optionalIdentifier(after, "customer the page comes after", org.loyaltyengine.spi.Limits.IDENTIFIER);
        org.loyaltyengine.spi.Customers.checkPage(limit);
        return read(tenant, view -> {
            CardSettings settings = settingsInForce.on(view, businessDate);
            List<CardStatus> cards = new ArrayList<>();
            String from = after;
            while (true) {
                List<org.loyaltyengine.spi.Customer> customers = view.customersAfter(from, limit);
                for (org.loyaltyengine.spi.Customer c : customers) {
                    from = c.id();
                    if (CardReads.enrolled(view, c.id())) {
                        CardStatus status = status(view, c.id(), settings, true, businessDate);
                        if (!fullOnly || status.full()) {
                            cards.add(status);
                            if (cards.size() == limit) {
                                // Whether any is left, so the last page says it is the last.
                                String last = from;
                                return new CardPage(cards, view.customersAfter(last, 1).isEmpty() ? null : last);
                            }
                        }
                    }
                }
                if (customers.size() < limit) {
                    return new CardPage(cards, null);
                }
            }
        });
    }

    /** Every customer who takes part, full or not, by customer id, from one snapshot (CC-13). */
    List<CardStatus> overview(TenantId tenant, LocalDate businessDate) {
        Checks.date(businessDate, "business date");
        return read(tenant, view -> {
            CardSettings settings = settingsInForce.on(view, businessDate);
            List<CardStatus> cards = new ArrayList<>();
            for (Document enrolment : view.documents(CardDocuments.ENROLMENT, null)) {
                if (!CardDocuments.isEnrolled(enrolment)) {
                    continue;
                }
                cards.add(status(view, enrolment.id(), settings, true, businessDate));
            }
            cards.sort(Comparator.comparing(CardStatus::customerId));
            return cards;
        });
    }

    String fullCardsCsv(TenantId tenant, LocalDate businessDate) {
        CsvTable csv = CsvTable.withHeader(',', List.of("customer", "amount", "currency", "units", "purchases", "visits",
                "thresholds"));
        for (CardStatus s : fullCards(tenant, businessDate)) {
            csv.row(List.of(s.customerId(), s.amount(), s.currency(), s.units(), s.purchases(), s.visits(),
                    String.join(";", s.thresholdsMet())));
        }
        return csv.toString();
    }

    String overviewCsv(TenantId tenant, LocalDate businessDate) {
        CsvTable csv = CsvTable.withHeader(',', List.of("customer", "amount", "currency", "units", "purchases", "visits",
                "thresholds", "full"));
        for (CardStatus s : overview(tenant, businessDate)) {
            csv.row(List.of(s.customerId(), s.amount(), s.currency(), s.units(), s.purchases(), s.visits(),
                    String.join(";", s.thresholdsMet()), Boolean.toString(s.full())));
        }
        return csv.toString();
    }

    /** The card's history in the currency of the settings in force on the engine clock's day. */
    List<CardEntry> history(TenantId tenant, String customerId) {
        LocalDate today = LocalDate.now(pipeline.clock());
        return read(tenant, view -> {
            CardReads.requireCustomer(view, customerId);
            return view.entries(CustomerCards.accountOf(customerId, settingsInForce.on(view, today).currency())).stream()
                    .map(e -> new CardEntry(e.sequence(), e.kind(), e.amount(), e.document(), e.line(), e.businessDate(),
                            e.recordedAt(), e.actor(), e.note(), e.rule().rule()))
                    .toList();
        });
    }

    boolean isEnrolled(TenantId tenant, String customerId) {
        return read(tenant, view -> {
            CardReads.requireCustomer(view, customerId);
            return CardReads.enrolled(view, customerId);
        });
    }

    /** The open card's lines as they stand, for a preview that replayed a settlement and so read nothing. */
    List<CardLine> openLines(TenantId tenant, String customerId, LocalDate businessDate) {
        return read(tenant, view -> {
            CardReads.requireCustomer(view, customerId);
            CardSettings settings = settingsInForce.on(view, businessDate);
            CardReads.CustomerCard card = CardReads.card(view, customerId, settings, false);
            Decision d = ask(card, settings, balance(view, card),
                    CardReads.openDocuments(view, card.entries(), Map.of()), businessDate);
            return CardFacts.openLines(d.resultOf(CardOpenLines.class));
        });
    }

    /** The open card's lines as a settlement's read found them, for its preview ({@link SettlementPreviewing}). */
    List<CardLine> openLines(SettleCommand.Context read, BigDecimal balance, LocalDate businessDate) {
        Decision d = ask(read.card(), read.settings(), balance, read.documents(), businessDate);
        return CardFacts.openLines(d.resultOf(CardOpenLines.class));
    }

    private CardStatus status(StoreView view, String customerId, CardSettings settings, boolean enrolled,
                              LocalDate businessDate) {
        CardReads.CustomerCard card = CardReads.card(view, customerId, settings, enrolled);
        BigDecimal balance = balance(view, card);
        Decision d = ask(card, settings, balance, CardReads.openDocuments(view, card.entries(), Map.of()),
                businessDate);
        // A rule set that answers nothing counts nothing and says no threshold is reached: the card is not full.
        CardFigures figures = d.resultOf(CardFigures.class)
                .orElse(new CardFigures(customerId, BigDecimal.ZERO, 0, 0));
        CardStatusResult answer = d.resultOf(CardStatusResult.class)
                .orElse(new CardStatusResult(customerId, false, List.of()));
        return new CardStatus(customerId, enrolled, settings.currency(), balance, figures.units(), figures.purchases(),
                figures.visits(), answer.thresholdsMet(), answer.full(),
                CardFacts.openLines(d.resultOf(CardOpenLines.class)));
    }

    private static BigDecimal balance(StoreView view, CardReads.CustomerCard card) {
        return view.account(card.account()).map(Account::balance).orElse(BigDecimal.ZERO);
    }

    /**
     * Asks the rules in force on the business date about the card as one read found it: how the open card
     * counts, whether it is full, and its lines (a status read: no key, nothing written).
     */
    private Decision ask(CardReads.CustomerCard card, CardSettings settings, BigDecimal balance,
                         Map<String, Optional<Document>> documents, LocalDate businessDate) {
        List<Object> facts = new ArrayList<>(List.of(new CardStatusQuery(card.customerId()), settings));
        facts.addAll(CardFacts.card(card));
        facts.addAll(CardFacts.openCard(card, balance, documents));
        return Evaluator.evaluate(pipeline.rules().inForce(CustomerCards.PROGRAM, businessDate), facts);
    }
}

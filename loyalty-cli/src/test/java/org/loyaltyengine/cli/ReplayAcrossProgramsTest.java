package org.loyaltyengine.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.loyaltyengine.CommandContext;
import org.loyaltyengine.CommandHistory;
import org.loyaltyengine.LoyaltyEngine;
import org.loyaltyengine.RuleSource;
import org.loyaltyengine.card.CardRequests.Configure;
import org.loyaltyengine.card.CustomerCards;
import org.loyaltyengine.customers.CustomerProfile;
import org.loyaltyengine.customers.Customers;
import org.loyaltyengine.customers.ImportOptions;
import org.loyaltyengine.spi.Actor;
import org.loyaltyengine.spi.CommandLogEntry;
import org.loyaltyengine.spi.CommandLogQuery;
import org.loyaltyengine.spi.InMemoryStore;
import org.loyaltyengine.spi.Money;
import org.loyaltyengine.spi.TenantId;
import org.loyaltyengine.testing.MutableClock;

/**
 * The what-if baseline beyond savings points (SPEC X-11): the rows of a customer import, each logged as a command
 * of its own, and a customer creation that enrols the customer on the
 * card automatically, replay from an exported log and reproduce every logged outcome.
 */
@Tag("X-11")
class ReplayAcrossProgramsTest {
    private static final TenantId PRACTICE = TenantId.of("vet-1");
    private static final Actor CLERK = Actor.of("anna", CustomerCards.SETTINGS_PERMISSION, Customers.WRITE_PERMISSION,
            Customers.IMPORT_PERMISSION, CommandHistory.READ_PERMISSION);

    @Test
    void importRowsAndAutomaticEnrolment_replayAsTheyRan() {
        MutableClock clock = new MutableClock(Instant.parse("2026-06-15T09:00:00Z"));
        LoyaltyEngine engine = LoyaltyEngine.builder().store(new InMemoryStore()).clock(clock).build();
        LocalDate day = LocalDate.of(2026, 6, 15);
        assertTrue(engine.customerCards().configure(CommandContext.of(PRACTICE, CLERK, "settings", day),
                new Configure(new BigDecimal("10"), null, 5, null, null, true, Money.currency("EUR"))).applied());
        engine.customers().importCsv(CommandContext.of(PRACTICE, CLERK, "import-1", day),
                new StringReader("number;name;email\n1001;Eva Bos;eva@bos.nl\n1002;Jan Smit;jan@smit.nl\n1003;;x\n"),
                ImportOptions.updating());
        assertTrue(engine.customers().create(CommandContext.of(PRACTICE, CLERK, "create-1", day),
                CustomerProfile.named("Piet Jansen")).applied());

        StringWriter export = new StringWriter();
        engine.commandLog().export(PRACTICE, CLERK, CommandLogQuery.all(), export);
        List<CommandLogEntry> log = CommandHistory.importFrom(new StringReader(export.toString()));
        Set<String> commands = new TreeSet<>();
        log.forEach(e -> commands.add(e.command()));
        // Each import row is a command of its own; the automatic enrolment is part of the creation that causes it.
        assertEquals(Set.of("customer-card.configure", "customers.create", "customers.import-row"), commands);
        // The row without a name is refused before it is a command (the summary reports it): two rows logged.
        assertEquals(2, log.stream().filter(e -> e.command().equals("customers.import-row")).count());

        Replay baseline = new Replay(RuleSource.defaults());
        List<String> differences = new ArrayList<>();
        for (CommandLogEntry e : log) {
            String why = Replay.baselineDifference(baseline.step(e));
            if (why != null) {
                differences.add(why);
            }
        }
        assertEquals(List.of(), differences);
    }
}

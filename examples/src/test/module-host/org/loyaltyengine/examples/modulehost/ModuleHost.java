package org.loyaltyengine.examples.modulehost;

import java.lang.reflect.InaccessibleObjectException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Currency;
import java.util.List;

import org.loyaltyengine.CommandContext;
import org.loyaltyengine.LoyaltyEngine;
import org.loyaltyengine.card.CardRequests;
import org.loyaltyengine.card.CustomerCards;
import org.loyaltyengine.customers.Customers;
import org.loyaltyengine.customers.CustomerProfile;
import org.loyaltyengine.customers.WebshopOrder;
import org.loyaltyengine.points.PointsRequests.Booking;
import org.loyaltyengine.points.PointsRequests.Configure;
import org.loyaltyengine.points.PointsRequests.Configure.Setting;
import org.loyaltyengine.points.PointsRequests.Service;
import org.loyaltyengine.points.PointsRequests.Supplier;
import org.loyaltyengine.points.SavingsPoints;
import org.loyaltyengine.pos.PosCards;
import org.loyaltyengine.pos.PosRequests.ChangeCredit;
import org.loyaltyengine.rules.facts.CustomerOrderReceived;
import org.loyaltyengine.rules.facts.PointsBookResult;
import org.loyaltyengine.spi.Actor;
import org.loyaltyengine.spi.Card;
import org.loyaltyengine.spi.InMemoryStore;
import org.loyaltyengine.spi.Money;
import org.loyaltyengine.spi.Outcome;
import org.loyaltyengine.spi.TenantId;

/**
 * Builds an engine on the in-memory store, runs commands of the four programs (so each rule set is
 * compiled by Drools and evaluated), then probes the engine module's encapsulation. Prints one
 * {@code key=value} line per finding for {@code ModulePathTest} to check; exits non-zero on any exception.
 */
public final class ModuleHost {
    private static final TenantId TENANT = TenantId.of("module-host");
    private static final LocalDate DAY = LocalDate.of(2026, 3, 2);
    private static int keys;

    public static void main(String[] args) throws Exception {
        Module engineModule = LoyaltyEngine.class.getModule();
        print("host.named", ModuleHost.class.getModule().isNamed());
        print("engine.module", engineModule.getName());
        print("engine.automatic", engineModule.getDescriptor().isAutomatic());
        print("spi.module", InMemoryStore.class.getModule().getName());
        print("kie.module", moduleOf("org.kie.api.KieBase"));
        print("drools.module", moduleOf("org.drools.mvel.MVELConstraint"));

        LoyaltyEngine engine = LoyaltyEngine.builder().store(new InMemoryStore()).build();

        PosCards pos = engine.posCards();
        Actor manager = Actor.of("manager", PosCards.CARDS_PERMISSION, PosCards.MANUAL_PERMISSION);
        applied("pos.defineCard", pos.defineCard(ctx(manager), new Card("4242", "Petr", "Svoboda", BigDecimal.ZERO,
                true, true, Money.currency("CZK"))));
        applied("pos.changeCredit", pos.changeCredit(ctx(manager), new ChangeCredit("4242",
                Money.of("200.00", "CZK"), "initial deposit")));
        print("pos.credit", pos.statement(TENANT, "4242").credit().toPlainString());

        Customers customers = engine.customers();
        Outcome order = customers.receiveOrder(ctx(Actor.of("warehouse", "customers.write")),
                WebshopOrder.of("W-1", "W-555", CustomerProfile.builder("Fietsenmaker Bos").build(),
                        Currency.getInstance("EUR"), List.of(new WebshopOrder.Line("1", "bell", BigDecimal.ONE,
                                new BigDecimal("45.00")))));
        applied("customers.receiveOrder", order);
        CustomerOrderReceived received = order.result(CustomerOrderReceived.class).orElseThrow();
        print("customers.action", received.customerAction());

        CustomerCards cards = engine.customerCards();
        applied("card.configure", cards.configure(ctx(Actor.of("owner", CustomerCards.SETTINGS_PERMISSION)),
                CardRequests.Configure.percent("5")));

        SavingsPoints points = engine.savingsPoints();
        Actor admin = Actor.of("office-manager", SavingsPoints.ADMIN_PERMISSION);
        applied("points.configure", points.configure(ctx(admin), Configure.set(Setting.RATE, new BigDecimal("0.20"))
                .and(Setting.ROUNDING_FACTOR, BigDecimal.TEN)));
        applied("points.defineSupplier", points.defineSupplier(ctx(admin), Supplier.enabled("TUI")));
        Outcome booked = points.book(ctx(Actor.of("travel-agent")), Booking.of("D-1", received.customerId(),
                Service.of("1", "TUI", "flight", Money.of(new BigDecimal("680.00"), "EUR"))));
        applied("points.book", booked);
        print("points.line1", booked.result(PointsBookResult.class).orElseThrow().linePoints().get("1")
                .stripTrailingZeros().toPlainString());

        // Encapsulation: the pipeline's package is in the engine module but exported to no host.
        print("exported.org.loyaltyengine", engineModule.isExported("org.loyaltyengine"));
        print("exported.org.loyaltyengine.rules.facts", engineModule.isExported("org.loyaltyengine.rules.facts"));
        print("exported.org.loyaltyengine.internal", engineModule.isExported("org.loyaltyengine.internal"));
        print("exported.org.loyaltyengine.pos.internal", engineModule.isExported("org.loyaltyengine.pos.internal"));
        print("open.org.loyaltyengine.internal", engineModule.isOpen("org.loyaltyengine.internal"));
        print("exported.org.loyaltyengine.internal.toHost",
                engineModule.isExported("org.loyaltyengine.internal", ModuleHost.class.getModule()));
        Class<?> pipeline = Class.forName("org.loyaltyengine.internal.CommandPipeline");
        try {
            pipeline.getDeclaredConstructors()[0].setAccessible(true);
            print("reflection.internal", "allowed");
        } catch (InaccessibleObjectException refused) {
            print("reflection.internal", "refused");
        }
    }

    private static CommandContext ctx(Actor actor) {
        return CommandContext.of(TENANT, actor, "module-host-" + (++keys), DAY);
    }

    private static void applied(String command, Outcome outcome) {
        print(command, outcome.applied() ? "applied" : "rejected " + outcome.rejections());
    }

    private static void print(String key, Object value) {
        System.out.println(key + "=" + value);
    }

    /** The module a library class is loaded in: named (automatic), not the class path's unnamed module. */
    private static String moduleOf(String className) throws ClassNotFoundException {
        Module m = Class.forName(className, false, ModuleHost.class.getClassLoader()).getModule();
        return m.getName() + (m.getDescriptor() != null && m.getDescriptor().isAutomatic() ? " (automatic)" : "");
    }
}

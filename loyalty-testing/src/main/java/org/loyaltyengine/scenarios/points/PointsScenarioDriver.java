package org.loyaltyengine.scenarios.points;

import static org.loyaltyengine.scenarios.ScenarioDriver.arg;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.loyaltyengine.CommandContext;
import org.loyaltyengine.LoyaltyEngine;
import org.loyaltyengine.points.PointsAnalysis;
import org.loyaltyengine.points.PointsRequests.Booking;
import org.loyaltyengine.points.PointsRequests.Cancellation;
import org.loyaltyengine.points.PointsRequests.Configure;
import org.loyaltyengine.points.PointsRequests.ExpireYear;
import org.loyaltyengine.points.PointsRequests.ManualEntry;
import org.loyaltyengine.points.PointsRequests.MoneyPayment;
import org.loyaltyengine.points.PointsRequests.Participation;
import org.loyaltyengine.points.PointsRequests.PointsPayment;
import org.loyaltyengine.points.PointsRequests.PriceChange;
import org.loyaltyengine.points.PointsRequests.Service;
import org.loyaltyengine.points.PointsRequests.Supplier;
import org.loyaltyengine.points.PointsRequests.TourOperator;
import org.loyaltyengine.points.SavingsPoints;
import org.loyaltyengine.rules.facts.PointsSettings;
import org.loyaltyengine.scenarios.ScenarioDriver;
import org.loyaltyengine.scenarios.ScenarioException;
import org.loyaltyengine.spi.Actor;
import org.loyaltyengine.spi.Customer;
import org.loyaltyengine.spi.LoyaltyStore;
import org.loyaltyengine.spi.Money;
import org.loyaltyengine.spi.Outcome;
import org.loyaltyengine.spi.TenantId;

/**
 * Runs {@code savings-points} scenarios. Amounts are in the {@code currency} argument, EUR by default.
 *
 * <p>Verbs: {@code customer id=} (a fixture, no outcome), {@code configure <setting>=<value> ...},
 * {@code supplier code= enabled= rate= product.<type>=<rate> tourOperator=} (a supplier of a tour operator
 * without {@code enabled} shares its switch), {@code tourOperator code= enabled= rate= product.<type>=<rate>},
 * {@code participation customer= takesPart=},
 * {@code book booking= customer= line= supplier= type= price= [points=]} or with
 * {@code lines="id:supplier:type:price[:points];..."}, {@code changePrice booking= line= price=},
 * {@code payWithPoints booking= amount= [rate=|points=]}, {@code payMoney booking= amount= [type=]},
 * {@code cancel booking= [line=]}, {@code manual customer= points= note=}, {@code expire year=}.
 *
 * <p>Checks: {@code balance customer=}, {@code points booking= line=}, {@code remainder booking=},
 * {@code paidPoints booking=}, and per analysis year {@code earned|used|expired|available customer= year=}.
 */
public final class PointsScenarioDriver implements ScenarioDriver {
    /** Who the checks read as: a scenario's checks read the points, they are not what a scenario proves. */
    private static final Actor READER = Actor.of("scenario-reader", SavingsPoints.READ_PERMISSION);

    @Override
    public String ruleSet() {
        return SavingsPoints.PROGRAM;
    }

    @Override
    public Outcome command(LoyaltyEngine engine, LoyaltyStore store, CommandContext ctx, String verb,
                           Map<String, String> a) {
        SavingsPoints points = engine.savingsPoints();
        String currency = a.getOrDefault("currency", "EUR");
        return switch (verb) {
            case "customer" -> {
                store.inTransaction(ctx.tenant(), tx -> {
                    Customer c = new Customer(arg(a, "id"), null, a.getOrDefault("name", arg(a, "id")), Map.of());
                    tx.customers().find(c.id()).ifPresentOrElse(read -> tx.customers().update(read, c),
                            () -> tx.customers().insert(c));
                    return null;
                });
                yield null;
            }
            case "configure" -> points.configure(ctx, Configure.all(PointsSettings.defaults().with(a)));
            case "supplier" -> {
                // A supplier of a tour operator that names no switch shares the tour operator's.
                String operator = a.get("tourOperator");
                Boolean enabled = a.containsKey("enabled") ? Boolean.valueOf(Boolean.parseBoolean(a.get("enabled")))
                        : operator == null ? Boolean.TRUE : null;
                yield points.defineSupplier(ctx, new Supplier(arg(a, "code"), enabled,
                        a.containsKey("rate") ? new BigDecimal(a.get("rate")) : null, productRates(a), operator));
            }
            case "tourOperator" -> points.defineTourOperator(ctx, new TourOperator(arg(a, "code"),
                    Boolean.parseBoolean(a.getOrDefault("enabled", "true")),
                    a.containsKey("rate") ? new BigDecimal(a.get("rate")) : null, productRates(a)));
            case "participation" -> points.setParticipation(ctx, new Participation(arg(a, "customer"),
                    Boolean.parseBoolean(arg(a, "takesPart"))));
            case "book" -> points.book(ctx, new Booking(arg(a, "booking"), arg(a, "customer"), services(a, currency)));
            case "changePrice" -> points.changePrice(ctx, new PriceChange(arg(a, "booking"), arg(a, "line"),
                    Money.of(arg(a, "price"), currency)));
            case "payWithPoints" -> points.payWithPoints(ctx, new PointsPayment(arg(a, "booking"),
                    Money.of(arg(a, "amount"), currency), a.containsKey("rate") ? new BigDecimal(a.get("rate")) : null,
                    a.containsKey("points") ? new BigDecimal(a.get("points")) : null));
            case "payMoney" -> points.payMoney(ctx, new MoneyPayment(arg(a, "booking"), a.getOrDefault("type", "BANK"),
                    Money.of(arg(a, "amount"), currency)));
            case "cancel" -> points.cancel(ctx, new Cancellation(arg(a, "booking"), a.get("line")));
            case "manual" -> points.manualEntry(ctx, new ManualEntry(arg(a, "customer"), new BigDecimal(arg(a, "points")),
                    arg(a, "note")));
            case "expire" -> points.expireYear(ctx, new ExpireYear(Integer.parseInt(arg(a, "year"))));
            default -> throw new ScenarioException("savings-points has no command '" + verb + "'");
        };
    }

    @Override
    public String check(LoyaltyEngine engine, TenantId tenant, String what, Map<String, String> a) {
        SavingsPoints points = engine.savingsPoints();
        return switch (what) {
            case "balance" -> points.analysis(tenant, READER, arg(a, "customer")).balance().toPlainString();
            case "points" -> points.booking(tenant, READER, arg(a, "booking")).lines().stream()
                    .filter(l -> l.lineId().equals(arg(a, "line"))).findFirst()
                    .orElseThrow(() -> new ScenarioException("booking " + a.get("booking") + " has no line " + a.get("line")))
                    .points().toPlainString();
            case "remainder" -> points.booking(tenant, READER, arg(a, "booking")).remainder().amount().toPlainString();
            case "paidPoints" -> points.booking(tenant, READER, arg(a, "booking")).paidPoints().toPlainString();
            case "earned", "used", "expired", "available" -> {
                int year = Integer.parseInt(arg(a, "year"));
                PointsAnalysis.Year row = points.analysis(tenant, READER, arg(a, "customer")).years().stream()
                        .filter(y -> y.year() == year).findFirst()
                        .orElseThrow(() -> new ScenarioException("no analysis row for " + year));
                yield (switch (what) {
                    case "earned" -> row.earned();
                    case "used" -> row.used();
                    case "expired" -> row.expired();
                    default -> row.available();
                }).toPlainString();
            }
            default -> throw new ScenarioException("savings-points has no check '" + what + "'");
        };
    }

    private static TreeMap<String, BigDecimal> productRates(Map<String, String> a) {
        TreeMap<String, BigDecimal> products = new TreeMap<>();
        a.forEach((k, v) -> {
            if (k.startsWith("product.")) {
                products.put(k.substring("product.".length()), new BigDecimal(v));
            }
        });
        return products;
    }

    private static List<Service> services(Map<String, String> a, String currency) {
        List<Service> services = new ArrayList<>();
        if (a.containsKey("lines")) {
            for (String line : a.get("lines").split(";")) {
                String[] p = line.trim().split(":");
                if (p.length < 4) {
                    throw new ScenarioException("a line is id:supplier:type:price[:points], was '" + line + "'");
                }
                services.add(new Service(p[0], p[1], p[2], Money.of(p[3], currency),
                        p.length > 4 ? new BigDecimal(p[4]) : null));
            }
        } else {
            services.add(new Service(a.getOrDefault("line", "1"), arg(a, "supplier"), a.getOrDefault("type", "package"),
                    Money.of(arg(a, "price"), currency), a.containsKey("points") ? new BigDecimal(a.get("points")) : null));
        }
        return services;
    }
}

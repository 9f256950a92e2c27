/**
 * The engine. Exported: {@code LoyaltyEngine} and its builder, {@code RuleSource}, the errors
 * ({@code org.loyaltyengine}), the four program facades with their requests and views, and the fact
 * model rule files are written against. Not exported, to any module: the pipeline and the registry
 * ({@code org.loyaltyengine.internal}) and each program's {@code internal} package; a host on the
 * module path can neither compile against them nor reach them by reflection, and neither can the test
 * library ({@code org.loyaltyengine.testing}), which uses the API alone.
 *
 * <p>Drools 10, kie, mvel2 and javaparser ship no module descriptors and are automatic modules
 * (Drools and kie name theirs with {@code Automatic-Module-Name}; mvel2's name, {@code mvel2}, comes
 * from its file name); hence the suppressed {@code requires-automatic} lint.
 */
@SuppressWarnings("requires-automatic")
module org.loyaltyengine.engine {
    // The SPI's records (Money, Outcome, TenantId ...) are in the facades' signatures.
    requires transitive org.loyaltyengine.spi;

    requires org.kie.api;
    requires org.kie.internal.api;
    requires org.drools.drl.ast;
    requires org.drools.drl.parser;
    requires org.drools.io;
    // Named although no class of it is imported: it is the DRL compiler and runtime that kie finds
    // through META-INF/kie.conf, so the engine cannot compile a rule set without it.
    requires org.drools.mvel;
    requires org.slf4j;
    requires com.github.javaparser.core;
    requires org.apache.commons.csv;
    // The command log's canonical JSON of requests and outcomes (docs/command-log.md).
    requires com.fasterxml.jackson.databind;
    requires com.fasterxml.jackson.datatype.jsr310;

    exports org.loyaltyengine;
    exports org.loyaltyengine.pos;
    exports org.loyaltyengine.card;
    exports org.loyaltyengine.points;
    exports org.loyaltyengine.customers;
    exports org.loyaltyengine.credits;
    exports org.loyaltyengine.rules.facts;

    // Some requests are records of internal packages (an import row, a year-end run, the batch jobs' chunks):
    // Jackson builds them again from the command log, and reaches nothing else there.
    opens org.loyaltyengine.customers.internal to com.fasterxml.jackson.databind;
    opens org.loyaltyengine.points.internal to com.fasterxml.jackson.databind;
    opens org.loyaltyengine.credits.internal to com.fasterxml.jackson.databind;
    opens org.loyaltyengine.pos.internal to com.fasterxml.jackson.databind;
    opens org.loyaltyengine.card.internal to com.fasterxml.jackson.databind;
}

package org.loyaltyengine.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.loyaltyengine.CommandContext;
import org.loyaltyengine.LoyaltyEngine;
import org.loyaltyengine.RuleError;
import org.loyaltyengine.RuleSource;
import org.loyaltyengine.UnsafeRuleException;
import org.loyaltyengine.pos.PosRequests.OpenReceipt;
import org.loyaltyengine.spi.Actor;
import org.loyaltyengine.spi.InMemoryStore;
import org.loyaltyengine.spi.Money;
import org.loyaltyengine.spi.TenantId;

/**
 * Rule files that try to reach outside the fact model (SPEC X-11): each is
 * refused, typed ({@code RULE_UNSAFE}), naming the file and the line of what it tried, before any of it
 * compiles or runs. Every case goes through the public API: a rule folder, an engine, a command.
 */
@Tag("X-11")
@Tag("X-1")
class HostileRuleFilesTest {
    private static final TenantId SHOP = TenantId.of("shop");
    private static final String FILE = "pos-card/v1/hostile.drl";

    /** A hostile file and the text on the line the refusal must name (the first line that contains it). */
    record Case(String name, String drl, String needle) {
        int line() {
            String[] lines = drl.split("\n", -1);
            for (int i = 0; i < lines.length; i++) {
                if (lines[i].contains(needle)) {
                    return i + 1;
                }
            }
            throw new IllegalArgumentException("case " + name + ": needle not found: " + needle);
        }

        @Override
        public String toString() {
            return name;
        }
    }

    private static final String HEAD = "package org.loyaltyengine.rules.hostile;\n"
            + "import org.loyaltyengine.rules.facts.*;\n";

    /** A file with one rule that fires when a receipt is opened, with extra lines before it, in its conditions and its consequence. */
    private static String rule(String before, String when, String then) {
        return HEAD + before + (before.isEmpty() || before.endsWith("\n") ? "" : "\n")
                + "rule \"hostile\"\n"
                + "when\n"
                + "    $o : PosOpenReceipt()\n"
                + "    $d : Decision()\n"
                + (when.isEmpty() ? "" : "    " + when + "\n")
                + "then\n"
                + "    " + then + "\n"
                + "end\n";
    }

    private static Case then(String name, String code, String needle) {
        return new Case(name, rule("", "", code), needle);
    }

    private static Case when(String name, String condition, String needle) {
        return new Case(name, rule("", condition, "$d.notice(\"x\", \"y\");"), needle);
    }

    private static Case before(String name, String declarations, String needle) {
        return new Case(name, rule(declarations, "", "$d.notice(\"x\", \"y\");"), needle);
    }

    static List<Case> cases() {
        List<Case> c = new ArrayList<>();
        // imports
        c.add(before("import java.io.File", "import java.io.File;", "java.io.File"));
        c.add(before("import java.io.*", "import java.io.*;", "java.io.*"));
        c.add(before("import java.lang.reflect.Method", "import java.lang.reflect.Method;", "reflect"));
        c.add(before("import java.nio.file.Files", "import java.nio.file.Files;", "nio"));
        c.add(before("import java.net.URL", "import java.net.URL;", "java.net"));
        c.add(before("import engine internals", "import org.loyaltyengine.internal.CommandPipeline;", "internal"));
        c.add(before("import the store SPI", "import org.loyaltyengine.spi.InMemoryStore;", "InMemoryStore"));
        c.add(before("explicit import of System", "import java.lang.System;", "java.lang.System"));
        c.add(before("import java.util.concurrent.*", "import java.util.concurrent.*;", "concurrent"));
        c.add(before("import function System.exit", "import function java.lang.System.exit;", "import function"));
        c.add(before("import accumulate", "import accumulate org.loyaltyengine.internal.Evaluator evil;",
                "import accumulate"));
        // fully qualified names and forbidden types in consequences
        c.add(then("fully qualified Files in a consequence",
                "java.nio.file.Files.writeString(java.nio.file.Path.of(\"/tmp/x\"), \"x\");", "java.nio"));
        c.add(then("new java.io.File", "$d.notice(\"h\", \"\" + new java.io.File(\"/etc/hostname\").exists());", "java.io.File"));
        c.add(then("copy /etc/hostname into the outcome",
                "$d.notice(\"h\", \"\" + java.nio.file.Files.readString(java.nio.file.Path.of(\"/etc/hostname\")));", "hostname"));
        c.add(then("Class.forName", "$d.notice(\"c\", \"\" + Class.forName(\"java.lang.Runtime\"));", "forName"));
        c.add(then("getClass().getClassLoader()", "$d.notice(\"c\", \"\" + $d.getClass().getClassLoader());", "getClassLoader"));
        c.add(then("getClass through a cast", "Object o = $d;\n    $d.notice(\"c\", \"\" + ((Object) o).getClass());",
                "getClass"));
        c.add(then("System.getenv", "$d.notice(\"home\", \"\" + System.getenv(\"HOME\"));", "getenv"));
        c.add(then("System.getProperty", "$d.notice(\"user\", \"\" + System.getProperty(\"user.name\"));", "getProperty"));
        c.add(then("System.exit", "System.exit(3);", "exit"));
        c.add(then("Runtime.exec", "Runtime.getRuntime().exec(\"true\");", "exec"));
        c.add(then("new Thread", "new Thread().start();", "Thread"));
        c.add(then("Thread.currentThread", "$d.notice(\"t\", \"\" + Thread.currentThread().getContextClassLoader());", "Thread"));
        c.add(then("new ProcessBuilder", "new ProcessBuilder(\"true\").start();", "ProcessBuilder"));
        c.add(then("new java.net.URL", "$d.notice(\"u\", \"\" + new java.net.URL(\"http://127.0.0.1/\"));", "java.net"));
        c.add(then("a socket", "new java.net.Socket(\"127.0.0.1\", 9);", "Socket"));
        c.add(then("ClassLoader.getSystemClassLoader", "$d.notice(\"l\", \"\" + ClassLoader.getSystemClassLoader());",
                "ClassLoader"));
        c.add(then("class name built by concatenation, then reflection",
                "String n = \"java.lang.\" + \"Run\" + \"time\";\n    Class.forName(n).getMethod(\"getRuntime\").invoke(null);",
                "forName"));
        c.add(new Case("an enum's declaring class", rule("import org.loyaltyengine.spi.EntryKind;", "",
                "$d.notice(\"c\", \"\" + EntryKind.EARN.getDeclaringClass().getClassLoader());"), "getDeclaringClass"));
        c.add(then("a Class through a primitive's TYPE constant",
                "$d.notice(\"c\", \"\" + Integer.TYPE.getName());", "Integer.TYPE"));
        c.add(then("a static method called through a value",
                "$d.notice(\"r\", \"\" + \"x\".getClass());\n    Object o = Integer.TYPE;", "getClass"));
        c.add(new Case("the clock through a chronology", rule("import java.time.LocalDate;", "",
                "$d.notice(\"d\", \"\" + LocalDate.of(2026, 1, 1).getChronology().dateNow());"), "dateNow"));
        // one call that builds something as large as its argument says: the heap, or hours of arithmetic
        c.add(then("a string repeated Integer.MAX_VALUE times", "$d.notice(\"x\", \"\" + \"x\".repeat(Integer.MAX_VALUE));",
                "repeat"));
        c.add(then("a string repeated a billion times", "$d.notice(\"x\", \"\" + \"x\".repeat(1000000000).length());",
                "repeat"));
        c.add(then("a repeat counted by a fact", "$d.notice(\"x\", \"\" + \"x\".repeat($o.receiptId().length()));", "repeat"));
        c.add(then("a string indented two billion columns", "$d.notice(\"x\", \"\" + \"x\".indent(2000000000));", "indent"));
        c.add(then("a format with a billion-column width", "$d.notice(\"x\", \"\" + String.format(\"%0999999999d\", 1));",
                "format"));
        c.add(then("formatted with an argument index and a huge width",
                "$d.notice(\"x\", \"\" + \"%1$0999999999d\".formatted(1));", "formatted"));
        c.add(then("a huge precision", "$d.notice(\"x\", \"\" + String.format(\"%.999999999f\", 1.5));", "format"));
        c.add(then("a plain format reads the machine's locale", "$d.notice(\"x\", \"\" + String.format(\"%s\", \"a\"));",
                "format"));
        c.add(then("upper case in the machine's locale", "$d.notice(\"x\", \"\" + \"i\".toUpperCase());", "toUpperCase"));
        c.add(then("a format taken from a fact", "$d.notice(\"x\", \"\" + String.format($o.receiptId(), 1));", "format"));
        c.add(new Case("BigInteger.pow with a huge exponent", rule("import java.math.BigInteger;", "",
                "$d.notice(\"x\", \"\" + BigInteger.valueOf(3).pow(500000000).bitLength());"), "pow"));
        c.add(new Case("BigDecimal.pow with 999999999", rule("import java.math.BigDecimal;", "",
                "$d.notice(\"x\", \"\" + new BigDecimal(\"1.1\").pow(999999999));"), "pow"));
        c.add(new Case("a shift by two billion bits", rule("import java.math.BigInteger;", "",
                "$d.notice(\"x\", \"\" + BigInteger.ONE.shiftLeft(2000000000).bitCount());"), "shiftLeft"));
        c.add(new Case("a decimal point moved a billion places", rule("import java.math.BigDecimal;", "",
                "$d.notice(\"x\", \"\" + BigDecimal.ONE.movePointRight(999999999));"), "movePointRight"));
        c.add(then("an array that claims the heap", "$d.notice(\"a\", \"\" + new long[Integer.MAX_VALUE - 8]);", "new long"));
        c.add(then("a class literal", "$d.notice(\"c\", \"\" + String.class);", "String.class"));
        c.add(then("the engine's own session", "drools.halt();", "drools"));
        c.add(then("kcontext", "$d.notice(\"kb\", \"\" + kcontext.getKieRuntime().getKieBase());", "kcontext"));
        c.add(then("LocalDate.now reads the clock", "$d.notice(\"today\", \"\" + java.time.LocalDate.now());", "now"));
        c.add(then("Math.random", "$d.notice(\"r\", \"\" + Math.random());", "random"));
        c.add(then("a double local for money", "double d = 0.1;\n    $d.notice(\"d\", \"\" + d);", "double d"));
        c.add(then("Double.valueOf for money", "$d.notice(\"d\", \"\" + Double.valueOf(\"0.1\"));", "Double.valueOf"));
        c.add(then("Math.sqrt for money", "$d.notice(\"d\", \"\" + Math.sqrt(2));", "Math.sqrt"));
        c.add(then("Integer.getInteger reads system properties", "$d.notice(\"p\", \"\" + Integer.getInteger(\"x\"));",
                "getInteger"));
        c.add(then("a second Decision", "insert(new Decision());", "new Decision"));
        c.add(then("faking the deciding rule", "$d.enterRule(\"someone else\");", "enterRule"));
        c.add(then("an endless loop", "while (true) { }", "while"));
        c.add(then("a counted loop", "for (int i = 0; i < 10; i++) { $d.notice(\"i\", \"\" + i); }", "for"));
        c.add(then("throw", "throw new RuntimeException(\"boom\");", "throw"));
        c.add(then("try/catch", "try { $d.notice(\"x\", \"\" + 1); } catch (Exception e) { }", "try"));
        c.add(then("a lambda", "java.util.List.of(1).forEach(x -> $d.notice(\"x\", \"\" + x));", "forEach"));
        c.add(then("a method reference", "java.util.function.Function f = Integer::parseInt;", "java.util.function"));
        c.add(then("an anonymous class", "$d.notice(\"o\", \"\" + new Object() { public String toString() { return \"\"; } });",
                "new Object"));
        c.add(then("a local class", "class Evil { }", "class Evil"));
        c.add(then("an annotation carrying a class", "@SuppressWarnings(\"x\") String s = \"y\";", "@SuppressWarnings"));
        c.add(then("synchronized", "synchronized ($d) { $d.notice(\"x\", \"\" + 1); }", "synchronized"));
        c.add(then("parallel streams", "$d.notice(\"s\", \"\" + $o.receiptId().chars().parallel().sum());", "parallel"));
        // names that would hide a type from the gate but not from the Java compiler
        c.add(then("a local in an inner block named like a type",
                "if ($d != null) { Object System = $d; }\n    System.exit(3);", "System.exit"));
        c.add(then("a for-each variable named like a type, used after the loop",
                "for (Object System : $d.postings()) { }\n    System.exit(3);", "System.exit"));
        c.add(then("an instanceof pattern named like a type",
                "if ($d instanceof Object System) { }\n    System.exit(3);", "System.exit"));
        c.add(new Case("a binding named like a type", HEAD + "rule \"hostile\"\nwhen\n    System : Decision()\n"
                + "then\n    System.exit(3);\nend\n", "System :"));
        // the working memory: facts are immutable, rules only insert new derived facts
        c.add(then("modify", "modify($o) { setReceiptId(\"x\") };", "modify"));
        c.add(then("retract", "retract($d);", "retract"));
        c.add(then("delete", "delete($o);", "delete"));
        c.add(then("update", "update($d);", "update"));
        c.add(then("insertLogical", "insertLogical(new PosCardMode(\"R\", \"CREDIT\"));", "insertLogical"));
        c.add(then("insert of an existing fact", "insert($d);", "insert"));
        c.add(then("insert of a non-fact", "insert(new java.lang.StringBuilder());", "StringBuilder"));
        // MVEL tricks
        c.add(new Case("dialect mvel on a rule", HEAD + "rule \"hostile\" dialect \"mvel\"\nwhen\n    $d : Decision()\n"
                + "then\n    $d.notice(\"x\", \"y\");\nend\n", "dialect"));
        c.add(before("dialect mvel for the package", "dialect \"mvel\"", "dialect"));
        c.add(then("an MVEL inline map", "$d.notice(\"m\", \"\" + [\"a\" : 1]);", "[\"a\""));
        c.add(then("MVEL property navigation to the class", "$d.notice(\"c\", \"\" + $d.class.classLoader);", "$d.class"));
        c.add(when("MVEL str[] operator", "PosOpenReceipt( receiptId str[startsWith] \"R\" )", "str["));
        c.add(when("a class property in a constraint", "PosOpenReceipt( class.name != null )", "class.name"));
        c.add(when("getClass in a constraint", "Decision( getClass() != null )", "getClass"));
        // unicode escapes
        c.add(then("a unicode escape in an identifier", "\\u0053ystem.exit(3);", "\\u0053"));
        c.add(then("a unicode newline that ends a comment", "// \\u000a System.exit(3);\n    $d.notice(\"x\", \"\" + 1);",
                "\\u000a"));
        // conditions: eval, from, accumulate, constraints
        c.add(when("an eval calling a static", "eval( System.currentTimeMillis() > 0 )", "currentTimeMillis"));
        c.add(when("an eval reaching the runtime", "eval( Runtime.getRuntime() != null )", "Runtime"));
        c.add(when("a constraint calling a static", "PosOpenReceipt( receiptId == System.getProperty(\"user.name\") )",
                "getProperty"));
        c.add(when("a from expression calling out", "$p : Object() from System.getProperties().values()",
                "getProperties"));
        c.add(when("a from with a qualified name", "$p : Object() from java.lang.System.getenv().values()",
                "java.lang.System"));
        c.add(when("accumulate with its own code",
                "$n : Object() from accumulate( PosItem( $a : amount ), init( int c = 0; ), action( c++; ), "
                        + "reverse( c--; ), result( c ) )", "accumulate"));
        c.add(when("accumulate with a custom function",
                "$n : Object() from accumulate( PosItem( $a : amount ), evil( $a ) )", "evil"));
        c.add(when("accumulate input that calls out",
                "$n : Number() from accumulate( PosItem( amount == System.getenv(\"X\") ), count( 1 ) )", "getenv"));
        c.add(when("a pattern of a forbidden type", "$t : Thread()", "Thread"));
        c.add(when("a pattern from an entry point", "PosItem() from entry-point \"outside\"", "entry-point"));
        // functions
        c.add(before("a function doing IO", "function void write(String p) {\n"
                + "    java.nio.file.Files.writeString(java.nio.file.Path.of(p), \"x\");\n}", "java.nio"));
        c.add(before("a function starting a thread", "function void run() {\n    new Thread().start();\n}", "Thread"));
        c.add(before("a function returning a forbidden type", "function Runtime rt() {\n    return null;\n}",
                "Runtime rt"));
        c.add(before("a recursive function", "function int loop(int n) {\n    return loop(n + 1);\n}", "function int"));
        c.add(before("mutual recursion", "function int ping(int n) {\n    return pong(n);\n}\n"
                + "function int pong(int n) {\n    return ping(n);\n}", "function int ping"));
        // globals, declared types, queries, attributes, package
        c.add(before("a global", "global java.util.List out;", "global"));
        c.add(before("a declared type extending Thread", "declare Evil extends java.lang.Thread\n    name : String\nend",
                "declare Evil"));
        c.add(before("a declared field that reads the environment",
                "declare Evil\n    home : String = System.getenv(\"HOME\")\nend", "home"));
        c.add(before("a declared field of a forbidden type", "declare Evil\n    file : java.io.File\nend", "file :"));
        c.add(before("a declared event", "declare Evil\n    @role(event)\n    name : String\nend", "declare Evil"));
        c.add(before("a declared type hiding java.lang", "declare Math\n    name : String\nend", "declare Math"));
        c.add(before("a declared enum", "declare enum Evil\n    A, B;\nend", "declare enum"));
        c.add(before("a query", "query \"evil\"\n    $p : PosCard()\nend", "query"));
        c.add(new Case("a timer", HEAD + "rule \"hostile\" timer (int: 1s 1s)\nwhen\n    $d : Decision()\n"
                + "then\n    $d.notice(\"x\", \"y\");\nend\n", "timer"));
        c.add(new Case("salience as an expression", HEAD + "rule \"hostile\" salience (System.nanoTime())\nwhen\n"
                + "    $d : Decision()\nthen\n    $d.notice(\"x\", \"y\");\nend\n", "salience"));
        c.add(new Case("a package inside the engine", "package org.loyaltyengine.internal;\n"
                + "import org.loyaltyengine.rules.facts.*;\nrule \"hostile\"\nwhen\n    $d : Decision()\n"
                + "then\n    $d.notice(\"x\", \"y\");\nend\n", "package"));
        c.add(new Case("the java.lang package", "package java.lang;\n"
                + "import org.loyaltyengine.rules.facts.*;\nrule \"hostile\"\nwhen\n    $d : Decision()\n"
                + "then\n    $d.notice(\"x\", \"y\");\nend\n", "package"));
        return c;
    }

    static Stream<Arguments> corpus() {
        return cases().stream().map(Arguments::of);
    }

    private static Path folder(Path dir, String drl) throws IOException {
        Path v1 = Files.createDirectories(dir.resolve("pos-card/v1"));
        Files.writeString(v1.resolve("ruleset.properties"), "effective-from=2020-01-01\n");
        Files.writeString(v1.resolve("hostile.drl"), drl);
        return dir;
    }

    private static void assertNames(UnsafeRuleException e, Case c) {
        assertEquals("RULE_UNSAFE", e.code());
        assertTrue(e.errors().stream().anyMatch(err -> err.file().equals(FILE) && err.line() == c.line()),
                "expected a refusal at " + FILE + ":" + c.line() + ", got:\n" + e.getMessage());
        for (RuleError err : e.errors()) {
            assertFalse(err.message().isBlank(), err.toString());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void aHostileFileIsRefusedWithFileAndLine(Case c, @TempDir Path dir) throws IOException {
        Path rules = folder(dir, c.drl());
        // First when verifying at start-up: the file is refused before it compiles.
        UnsafeRuleException atStart = assertThrows(UnsafeRuleException.class,
                () -> LoyaltyEngine.builder().rules(RuleSource.folder(rules)).verifyRulesOnBuild().build(), c.name());
        assertNames(atStart, c);
        // Then on first use: the command fails typed, and nothing is stored.
        InMemoryStore store = new InMemoryStore();
        LoyaltyEngine engine = LoyaltyEngine.builder().store(store).rules(RuleSource.folder(rules)).build();
        UnsafeRuleException onUse = assertThrows(UnsafeRuleException.class, () -> engine.posCards().openReceipt(
                CommandContext.of(SHOP, Actor.of("cashier"), "k1", LocalDate.of(2026, 1, 1)),
                new OpenReceipt("R1", Money.currency("CZK"))));
        assertNames(onUse, c);
        assertTrue(store.inTransaction(SHOP, tx -> tx.outcomes().all()).isEmpty());
    }

    @Test
    void theCorpusCoversAtLeastFortyEscapes() {
        assertTrue(cases().size() >= 40, "cases: " + cases().size());
    }

    /** A rule that would write a file and copy /etc/hostname into the outcome never runs. */
    @Test
    void aRefusedFileNeverRuns(@TempDir Path dir) throws IOException {
        Path marker = dir.resolve("written-by-a-rule");
        String drl = rule("function void touch(String p) {\n"
                        + "    java.nio.file.Files.writeString(java.nio.file.Path.of(p), \"x\");\n}\n", "",
                "touch(\"" + marker.toString().replace("\\", "\\\\") + "\");\n"
                        + "    $d.notice(\"host\", \"\" + java.nio.file.Files.readString(java.nio.file.Path.of(\"/etc/hostname\")));");
        Path rules = folder(dir.resolve("rules"), drl);
        InMemoryStore store = new InMemoryStore();
        LoyaltyEngine engine = LoyaltyEngine.builder().store(store).rules(RuleSource.folder(rules)).build();
        UnsafeRuleException e = assertThrows(UnsafeRuleException.class, () -> engine.posCards().openReceipt(
                CommandContext.of(SHOP, Actor.of("cashier"), "k1", LocalDate.of(2026, 1, 1)),
                new OpenReceipt("R1", Money.currency("CZK"))));
        assertEquals("RULE_UNSAFE", e.code());
        assertFalse(Files.exists(marker), "the rule ran and wrote " + marker);
        assertTrue(store.inTransaction(SHOP, tx -> tx.outcomes().all()).isEmpty());
    }

    /** What the shipped rules use stays allowed: functions, loops over collections, collect, accumulate, insert. */
    @Test
    void everyShippedRuleSetPassesTheGate() {
        LoyaltyEngine.builder().verifyRulesOnBuild().build();
    }
}

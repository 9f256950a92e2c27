package org.loyaltyengine.jpa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The JPA store on the module path, with Hibernate ORM and H2 as a host would run them. The other suites
 * of this module run with its classes patched into the module and surefire's {@code --add-opens} and
 * {@code --add-reads} to the class path, so they cannot show what the descriptor itself grants. This test
 * compiles the host module in {@code src/test/module-host} against the module path and runs it in a child
 * JVM with {@code --module-path} and {@code --module}.
 *
 * <p>The child's flags are what Hibernate ORM 6.6 needs on the module path, not what the store needs:
 * Hibernate is an automatic module and so declares no {@code requires}; the explicit modules it uses are
 * added by name. {@code jakarta.transaction} 2.0.1 requires {@code jakarta.cdi} and
 * {@code jakarta.interceptor}, which Hibernate does not bring, so it goes on the class path (automatic
 * modules read it there). jboss-logging 3.5's descriptor does not read {@code java.logging}, so it is told
 * to log through slf4j. Hibernate defines its entity proxies in the entities' package, so the store's
 * module must read the provider's: its descriptor {@code requires static org.hibernate.orm.core} (for the
 * plain-JDBC inserts), which grants that read whenever Hibernate is resolved, so the host needs no
 * {@code --add-reads}.
 */
@Tag("X-2")
class ModulePathTest {
    private static final String HOST = "org.loyaltyengine.jpa.modulehost";
    private static final Predicate<Path> TRANSACTION_API = p -> p.getFileName().toString()
            .startsWith("jakarta.transaction-api");

    @TempDir
    Path work;

    @Test
    void aHostModuleRunsTheEngineOnTheJpaStoreOnTheModulePath() throws Exception {
        List<Path> all = observable();
        List<Path> modulePath = all.stream().filter(TRANSACTION_API.negate()).toList();
        List<Path> classPath = all.stream().filter(TRANSACTION_API).toList();
        assertEquals(1, classPath.size(), "jakarta.transaction-api is on the test class path: " + all);

        Path classes = Files.createDirectories(work.resolve("host-classes"));
        List<String> errors = compile(all, Path.of("src/test/module-host"), classes);
        assertEquals(List.of(), errors, "the host compiles");

        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dorg.jboss.logging.provider=slf4j",
                "--module-path", join(modulePath) + File.pathSeparator + classes,
                "--class-path", join(classPath),
                "--add-modules", "org.jboss.logging,com.fasterxml.classmate,org.hibernate.commons.annotations,"
                        + "net.bytebuddy,jakarta.xml.bind",
                "--module", HOST + "/" + HOST + ".JpaModuleHost"));
        Process child = new ProcessBuilder(command).redirectErrorStream(true).start();
        String printed = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(child.waitFor(120, TimeUnit.SECONDS), printed);
        assertEquals(0, child.exitValue(), printed);
        Map<String, String> found = findings(printed);

        assertEquals("org.loyaltyengine.jpa", found.get("jpa.module"), printed);
        assertEquals("false", found.get("jpa.automatic"), printed);
        assertEquals("org.hibernate.orm.core", found.get("provider.module"), printed);
        assertEquals("true", found.get("exported.org.loyaltyengine.jpa"), printed);
        // The schema scripts are readable from another module: their package is open.
        assertEquals("true", found.get("schema.readable"), printed);
        // The provider read and wrote the package-private entities: their package is open.
        assertEquals("applied", found.get("pos.defineCard"), printed);
        assertEquals("applied", found.get("pos.changeCredit"), printed);
        assertEquals("200.00", found.get("pos.credit"), printed);
        assertEquals("2", found.get("db.outcomes"), printed);
    }

    /**
     * The jars and module folders this test runs with: surefire puts the module's own descriptor closure
     * on {@code jdk.module.path} and the rest on the class path. A folder counts only if it holds a
     * {@code module-info.class} (test-classes and loyalty-testing's classes do not, and are no module).
     */
    private static List<Path> observable() {
        String paths = System.getProperty("jdk.module.path", "") + File.pathSeparator
                + System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        return Stream.of(paths.split(File.pathSeparator)).filter(s -> !s.isBlank()).map(Path::of).distinct()
                .filter(p -> Files.isRegularFile(p) && p.toString().endsWith(".jar")
                        || Files.isRegularFile(p.resolve("module-info.class")))
                .toList();
    }

    /**
     * Compiles with the JDK's {@code javac} in a child process: this class runs inside the store's module,
     * which does not read {@code java.compiler}. Returns javac's output if it failed, else nothing.
     */
    private static List<String> compile(List<Path> modulePath, Path root, Path out) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "javac").toString(),
                "--release", "17", "--module-path", join(modulePath), "-d", out.toString()));
        try (Stream<Path> walk = Files.walk(root)) {
            walk.filter(p -> p.toString().endsWith(".java")).sorted().map(Path::toString).forEach(command::add);
        }
        Process javac = new ProcessBuilder(command).redirectErrorStream(true).start();
        String printed = new String(javac.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(javac.waitFor(120, TimeUnit.SECONDS), printed);
        return javac.exitValue() == 0 ? List.of() : List.of(printed);
    }

    private static Map<String, String> findings(String printed) {
        Map<String, String> found = new LinkedHashMap<>();
        printed.lines().filter(l -> l.matches("[a-z][a-zA-Z.]*=.*"))
                .forEach(l -> found.put(l.substring(0, l.indexOf('=')), l.substring(l.indexOf('=') + 1)));
        return found;
    }

    private static String join(List<Path> paths) {
        return paths.stream().map(Path::toString).collect(Collectors.joining(File.pathSeparator));
    }
}

package org.loyaltyengine.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The engine as a host on the module path sees it. The test suites run on the class path, where module
 * descriptors are ignored; this test takes the explicit modules (the SPI and the engine, as jars or class
 * folders with a {@code module-info.class}) and the automatic ones (Drools, kie, mvel2 ...) from its own
 * class path, compiles the host module in {@code src/test/module-host} against them, and runs it in a
 * child JVM with {@code --module-path} and {@code --module}, so that nothing is on the class path.
 */
@Tag("X-2")
class ModulePathTest {
    private static final String HOST = "org.loyaltyengine.examples.modulehost";

    @TempDir
    static Path work;
    private static List<Path> modulePath;

    @BeforeAll
    static void modulePath() {
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        // A folder on the module path must hold a module-info.class (the examples' own classes do not, and
        // are not a module); jars are explicit modules when they carry a descriptor, automatic otherwise.
        modulePath = Stream.of(classPath.split(File.pathSeparator)).filter(s -> !s.isBlank()).map(Path::of)
                .map(ModulePathTest::testLibraryAsJar)
                .filter(p -> Files.isRegularFile(p) && p.toString().endsWith(".jar")
                        || Files.isRegularFile(p.resolve("module-info.class")))
                .toList();
        assertTrue(modulePath.stream().anyMatch(ModulePathTest::isEngine), "the engine is on the test class path");
        assertTrue(modulePath.stream().anyMatch(p -> p.toString().contains("loyalty-testing")),
                "the test library is on the test class path");
    }

    /**
     * The test library as a host gets it: a jar whose manifest names its automatic module. A build that
     * stops before packaging hands this test the library's class folder, which on the module path would be
     * an automatic module named after the folder; it is packed into such a jar first.
     */
    private static Path testLibraryAsJar(Path entry) {
        if (!Files.isDirectory(entry) || !entry.toString().contains("loyalty-testing")) {
            return entry;
        }
        Path jar = work.resolve("loyalty-testing.jar");
        java.util.jar.Manifest manifest = new java.util.jar.Manifest();
        manifest.getMainAttributes().put(java.util.jar.Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().putValue("Automatic-Module-Name", "org.loyaltyengine.testing");
        try (java.util.jar.JarOutputStream out = new java.util.jar.JarOutputStream(Files.newOutputStream(jar), manifest);
             Stream<Path> files = Files.walk(entry)) {
            for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
                out.putNextEntry(new java.util.jar.JarEntry(entry.relativize(f).toString().replace('\\', '/')));
                Files.copy(f, out);
                out.closeEntry();
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return jar;
    }

    @Test
    void aHostModuleRunsEachProgramOnTheModulePath() throws Exception {
        Path classes = Files.createDirectories(work.resolve("host-classes"));
        List<Diagnostic<? extends JavaFileObject>> errors = compile(sources(Path.of("src/test/module-host")), classes);
        assertEquals(List.of(), errors.stream().map(ModulePathTest::describe).toList(), "the host compiles");

        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--module-path", join(modulePath) + File.pathSeparator + classes,
                "--module", HOST + "/" + HOST + ".ModuleHost"));
        Process child = new ProcessBuilder(command).redirectErrorStream(true).start();
        String printed = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(child.waitFor(120, TimeUnit.SECONDS), printed);
        assertEquals(0, child.exitValue(), printed);
        Map<String, String> found = findings(printed);

        // Named modules all the way: the host, the engine with its descriptor, the SPI; Drools automatic.
        assertEquals("true", found.get("host.named"), printed);
        assertEquals("org.loyaltyengine.engine", found.get("engine.module"), printed);
        assertEquals("false", found.get("engine.automatic"), printed);
        assertEquals("org.loyaltyengine.spi", found.get("spi.module"), printed);
        assertEquals("org.kie.api (automatic)", found.get("kie.module"), printed);
        assertEquals("org.drools.mvel (automatic)", found.get("drools.module"), printed);

        // One command of each program, each decided by its compiled rule set.
        for (String applied : List.of("pos.defineCard", "pos.changeCredit", "customers.receiveOrder",
                "card.configure", "points.configure", "points.defineSupplier", "points.book")) {
            assertEquals("applied", found.get(applied), applied + "\n" + printed);
        }
        assertEquals("200.00", found.get("pos.credit"), printed);
        assertEquals("CREATED", found.get("customers.action"), printed);
        // 680.00 EUR at 0.20 points per euro is 136, rounded down to the factor 10.
        assertEquals("130", found.get("points.line1"), printed);

        // The API packages are exported; the internal ones are neither exported, nor open, nor reflectable.
        assertEquals("true", found.get("exported.org.loyaltyengine"), printed);
        assertEquals("true", found.get("exported.org.loyaltyengine.rules.facts"), printed);
        assertEquals("false", found.get("exported.org.loyaltyengine.internal"), printed);
        assertEquals("false", found.get("exported.org.loyaltyengine.pos.internal"), printed);
        assertEquals("false", found.get("open.org.loyaltyengine.internal"), printed);
        assertEquals("false", found.get("exported.org.loyaltyengine.internal.toHost"), printed);
        assertEquals("refused", found.get("reflection.internal"), printed);
    }

    /**
     * A host's own tests as a module, with the test library on the module path beside the engine: the
     * scenarios of every packaged version pass, every rule is named by one, and the customers fixture works,
     * all through the engine's exported API, since the engine exports no internal package to the library.
     */
    @Test
    void aHostsTestsRunTheTestLibraryOnTheModulePath() throws Exception {
        Path classes = Files.createDirectories(work.resolve("tests-classes"));
        List<Diagnostic<? extends JavaFileObject>> errors = compile(sources(Path.of("src/test/module-tests")), classes);
        assertEquals(List.of(), errors.stream().map(ModulePathTest::describe).toList(), "the host's tests compile");

        String printed = run(classes, "org.loyaltyengine.examples.moduletests",
                "org.loyaltyengine.examples.moduletests.HostTests");
        Map<String, String> found = findings(printed);

        assertEquals("org.loyaltyengine.testing", found.get("testing.module"), printed);
        assertEquals("true", found.get("testing.automatic"), printed);
        // Five packaged rule sets, one version each, every scenario passing (RuleScenariosTest counts them
        // on the class path) and every rule named by an 'expect fired' line.
        assertEquals("5", found.get("versions"), printed);
        assertTrue(Integer.parseInt(found.get("scenarios.run")) > 100, printed);
        assertEquals("0", found.get("scenarios.failed"), printed);
        assertEquals("0", found.get("rules.unnamed"), printed);
        assertEquals("true", found.get("fixture.enrolled"), printed);
        assertEquals("false", found.get("exported.org.loyaltyengine.internal.toTesting"), printed);
        assertEquals("false", found.get("exported.org.loyaltyengine.customers.internal.toTesting"), printed);
    }

    /** Runs {@code main} of the module in a child JVM, the module path and {@code classes} as its module path. */
    private static String run(Path classes, String module, String main) throws Exception {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--module-path", join(modulePath) + File.pathSeparator + classes,
                "--module", module + "/" + main));
        Process child = new ProcessBuilder(command).redirectErrorStream(true).start();
        String printed = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(child.waitFor(300, TimeUnit.SECONDS), printed);
        assertEquals(0, child.exitValue(), printed);
        return printed;
    }

    @Test
    void aHostModuleCannotCompileAgainstTheInternalPackages() throws IOException {
        Path src = Files.createDirectories(work.resolve("intruder/org/example/intruder"));
        Files.writeString(work.resolve("intruder/module-info.java"),
                "module org.example.intruder { requires org.loyaltyengine.engine; }");
        Files.writeString(src.resolve("Intruder.java"), """
                package org.example.intruder;

                import org.loyaltyengine.internal.*;
                import org.loyaltyengine.pos.internal.*;

                public class Intruder {
                }
                """);
        List<Diagnostic<? extends JavaFileObject>> errors = compile(sources(work.resolve("intruder")),
                Files.createDirectories(work.resolve("intruder-classes")));

        // javac's key for "package ... is declared in module ..., which does not export it".
        String all = errors.stream().map(ModulePathTest::describe).collect(Collectors.joining("\n"));
        assertEquals(List.of("compiler.err.package.not.visible", "compiler.err.package.not.visible"),
                errors.stream().map(Diagnostic::getCode).toList(), all);
        assertTrue(describe(errors.get(0)).contains("package org.loyaltyengine.internal "), all);
        assertTrue(describe(errors.get(1)).contains("package org.loyaltyengine.pos.internal "), all);
    }

    private static List<Diagnostic<? extends JavaFileObject>> compile(List<Path> sources, Path out) throws IOException {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        try (StandardJavaFileManager files = javac.getStandardFileManager(diagnostics, Locale.ROOT,
                StandardCharsets.UTF_8)) {
            List<String> options = List.of("--release", "17", "--module-path", join(modulePath), "-d", out.toString());
            javac.getTask(new StringWriter(), files, diagnostics, options, null,
                    files.getJavaFileObjectsFromPaths(sources)).call();
        }
        return diagnostics.getDiagnostics().stream().filter(d -> d.getKind() == Diagnostic.Kind.ERROR).toList();
    }

    private static List<Path> sources(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(p -> p.toString().endsWith(".java")).sorted().toList();
        }
    }

    private static Map<String, String> findings(String printed) {
        Map<String, String> found = new LinkedHashMap<>();
        printed.lines().filter(l -> l.indexOf('=') > 0)
                .forEach(l -> found.put(l.substring(0, l.indexOf('=')), l.substring(l.indexOf('=') + 1)));
        return found;
    }

    private static boolean isEngine(Path p) {
        return p.toString().contains("loyalty-engine");
    }

    private static String join(List<Path> paths) {
        return paths.stream().map(Path::toString).collect(Collectors.joining(File.pathSeparator));
    }

    private static String describe(Diagnostic<? extends JavaFileObject> d) {
        return d.getCode() + ": " + d.getMessage(Locale.ROOT);
    }
}

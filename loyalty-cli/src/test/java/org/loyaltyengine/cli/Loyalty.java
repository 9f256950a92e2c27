package org.loyaltyengine.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code bin/loyalty} as an analyst or a script does: a process, its exit code, its output. The
 * module's tests run after its classes and {@code target/cli-classpath.txt} are written, which is all the
 * script needs.
 */
final class Loyalty {
    /** The project's root folder, where {@code bin/loyalty} is. */
    static final Path ROOT = Path.of(System.getProperty("basedir", "")).toAbsolutePath().getParent();
    /** The broken rule folders, one per kind of problem. */
    static final Path BROKEN = ROOT.resolve("loyalty-cli/src/test/resources/broken");

    /** One run: the exit code and what it printed, as lines. */
    record Run(List<String> command, int exit, List<String> out, List<String> err) {
        String describe() {
            return String.join(" ", command) + " exited " + exit + "\nstdout:\n" + String.join("\n", out)
                    + "\nstderr:\n" + String.join("\n", err);
        }
    }

    private Loyalty() {
    }

    /** {@code bin/loyalty args...} run in {@code dir}. */
    static Run run(Path dir, String... args) {
        return run(dir, java.util.Map.of(), args);
    }

    /** {@code bin/loyalty args...} run in {@code dir} with {@code env} added to the environment. */
    static Run run(Path dir, java.util.Map<String, String> env, String... args) {
        List<String> command = new ArrayList<>();
        command.add(ROOT.resolve("bin/loyalty").toString());
        command.addAll(List.of(args));
        try {
            Path out = Files.createTempFile("loyalty-out", ".txt");
            Path err = Files.createTempFile("loyalty-err", ".txt");
            try {
                ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile())
                        .redirectOutput(out.toFile()).redirectError(err.toFile());
                // The script runs the Java the tests run on, with its own options, whatever the machine's PATH.
                builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
                builder.environment().remove("LOYALTY_JAVA_OPTS");
                builder.environment().remove("LOYALTY_LOG_PASSWORD");
                builder.environment().putAll(env);
                Process p = builder.start();
                // A run takes seconds; a hung one fails the test instead of the build.
                assertTrue(p.waitFor(3, TimeUnit.MINUTES), String.join(" ", command) + " did not end");
                return new Run(List.of(args), p.exitValue(), Files.readAllLines(out, StandardCharsets.UTF_8),
                        Files.readAllLines(err, StandardCharsets.UTF_8));
            } finally {
                Files.deleteIfExists(out);
                Files.deleteIfExists(err);
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Several runs side by side (each JVM spends most of its time compiling rules on one core). */
    static List<Run> runAll(Path dir, List<List<String>> argsOfEach) {
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(2, Runtime.getRuntime().availableProcessors()));
        try {
            List<CompletableFuture<Run>> runs = argsOfEach.stream().map(args -> CompletableFuture.supplyAsync(
                    () -> run(dir, args.toArray(String[]::new)), pool)).toList();
            return runs.stream().map(CompletableFuture::join).toList();
        } finally {
            pool.shutdownNow();
        }
    }
}

package org.loyaltyengine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Rule sets packaged in a jar (as a host ships them, and as the engine ships its defaults): read whole, and
 * read the same by engines built at the same time on many threads.
 */
@Tag("X-1")
class RuleSourceJarTest {
    @TempDir
    Path dir;

    private Path jar(Map<String, byte[]> entries) throws IOException {
        Path jar = dir.resolve("rules.jar");
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream j = new JarOutputStream(out)) {
            j.putNextEntry(new JarEntry("host-rules/"));
            j.closeEntry();
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                j.putNextEntry(new JarEntry(e.getKey()));
                j.write(e.getValue());
                j.closeEntry();
            }
        }
        return jar;
    }

    private static <T> T withLoader(ClassLoader loader, Callable<T> call) throws Exception {
        Thread t = Thread.currentThread();
        ClassLoader before = t.getContextClassLoader();
        t.setContextClassLoader(loader);
        try {
            return call.call();
        } finally {
            t.setContextClassLoader(before);
        }
    }

    @Test
    void manyThreadsReadingOneJarAtOnce_allReadEveryFile() throws Exception {
        Path jar = jar(Map.of(
                "host-rules/shop/v1/manifest.properties", "effective-from=2026-01-01\n".getBytes(StandardCharsets.UTF_8),
                "host-rules/shop/v1/shop.drl", "package shop\n".getBytes(StandardCharsets.UTF_8),
                "other/ignored.txt", "x".getBytes(StandardCharsets.UTF_8)));
        Map<String, String> expected = Map.of("shop/v1/manifest.properties", "effective-from=2026-01-01\n",
                "shop/v1/shop.drl", "package shop\n");
        try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, null)) {
            ExecutorService pool = Executors.newFixedThreadPool(8);
            try {
                List<Future<Map<String, String>>> reads = new ArrayList<>();
                for (int i = 0; i < 400; i++) {
                    reads.add(pool.submit(() -> withLoader(loader, () -> RuleSource.classpath("host-rules").files())));
                }
                for (Future<Map<String, String>> read : reads) {
                    // Before the jar was read through a file system of its own, one thread closed the JVM's
                    // shared zip file system while another read it: ClosedFileSystemException.
                    assertEquals(expected, read.get());
                }
            } finally {
                pool.shutdownNow();
            }
        }
    }

    @Test
    void aRuleFileInAJarThatIsNotUtf8_isRefusedWithItsPath() throws Exception {
        Path jar = jar(Map.of("host-rules/shop/v1/shop.drl", new byte[] {'r', 'u', 'l', 'e', (byte) 0xC3, (byte) 0x28}));
        try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, null)) {
            RuleCompilationException e = assertThrows(RuleCompilationException.class,
                    () -> withLoader(loader, () -> RuleSource.classpath("host-rules")));
            assertTrue(e.getMessage().contains("shop/v1/shop.drl") || e.toString().contains("shop/v1/shop.drl"),
                    e::toString);
        }
    }
}

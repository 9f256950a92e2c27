package org.loyaltyengine;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.FileVisitOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * Where rule sets come from: the defaults packaged in the engine jar, another classpath folder, or a
 * folder on disk that analysts edit. Read once when the engine is built; every file is held as text.
 */
public final class RuleSource {
    /** The classpath folder the engine jar ships the repository's {@code rules/} under. */
    public static final String DEFAULT_CLASSPATH_ROOT = "loyalty-rules";

    private final String description;
    private final Map<String, String> files;

    private RuleSource(String description, Map<String, String> files) {
        this.description = description;
        this.files = Collections.unmodifiableMap(new TreeMap<>(files));
    }

    /** The rule sets shipped inside the engine jar. */
    public static RuleSource defaults() {
        return classpath(DEFAULT_CLASSPATH_ROOT);
    }

    /** Every file under {@code root} in every classpath entry (directories and jars). */
    public static RuleSource classpath(String root) {
        org.loyaltyengine.spi.Checks.notNull(root, "rule classpath root");
        Map<String, String> files = new TreeMap<>();
        try {
            ClassLoader loader = Thread.currentThread().getContextClassLoader() != null
                    ? Thread.currentThread().getContextClassLoader() : RuleSource.class.getClassLoader();
            Enumeration<URL> roots = loader.getResources(root);
            while (roots.hasMoreElements()) {
                URL url = roots.nextElement();
                if ("jar".equals(url.getProtocol())) {
                    readJar(url, files);
                } else {
                    readTree(Path.of(url.toURI()), files);
                }
            }
        } catch (IOException | UncheckedIOException e) {
            throw new RuleCompilationException("(rule source)", 0, List.of(new RuleError("classpath:" + root, 0,
                    "the rule sets cannot be read: " + e.getMessage())));
        } catch (URISyntaxException e) {
            throw new RuleCompilationException("(rule source)", 0, List.of(new RuleError("classpath:" + root, 0,
                    "the rule sets' location cannot be read: " + e.getMessage())));
        }
        return new RuleSource("classpath:" + root, files);
    }

    /** Every file under a folder on disk, laid out as {@code <set>/v<N>/...}. */
    public static RuleSource folder(Path folder) {
        org.loyaltyengine.spi.Checks.notNull(folder, "rule folder");
        if (!Files.isDirectory(folder)) {
            throw new org.loyaltyengine.spi.InvalidValueException("rule folder " + folder.toAbsolutePath()
                    + " does not exist or is not a directory");
        }
        Map<String, String> files = new TreeMap<>();
        try {
            readTree(folder, files);
        } catch (IOException | UncheckedIOException e) {
            throw new RuleCompilationException("(rule source)", 0, List.of(new RuleError(folder.toString(), 0,
                    "the rule folder cannot be read: " + e.getMessage())));
        }
        return new RuleSource(folder.toAbsolutePath().toString(), files);
    }

    /**
     * The files under a folder inside a jar, read from a jar file of its own: a zip file system is one per
     * jar for the whole JVM, so engines built at the same time (or any other code of the host) would close it
     * under each other's feet.
     */
    private static void readJar(URL url, Map<String, String> into) throws IOException {
        JarURLConnection connection = (JarURLConnection) url.openConnection();
        connection.setUseCaches(false);
        String folder = connection.getEntryName();
        String prefix = folder == null || folder.isEmpty() ? "" : folder.endsWith("/") ? folder : folder + "/";
        try (JarFile jar = connection.getJarFile()) {
            Enumeration<JarEntry> entries = jar.entries();
            while (entries.hasMoreElements()) {
                JarEntry entry = entries.nextElement();
                if (entry.isDirectory() || !entry.getName().startsWith(prefix)) {
                    continue;
                }
                String relative = entry.getName().substring(prefix.length());
                byte[] bytes;
                try (InputStream in = jar.getInputStream(entry)) {
                    bytes = in.readAllBytes();
                }
                String text;
                try {
                    text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                            .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
                } catch (CharacterCodingException e) {
                    if (ruleFile(relative)) {
                        throw new RuleCompilationException("(rule source)", 0, List.of(new RuleError(relative, 0,
                                "the file is not UTF-8 text; save it as UTF-8")));
                    }
                    continue;
                }
                into.putIfAbsent(relative, text);
            }
        }
    }

    private static boolean ruleFile(String relative) {
        return relative.endsWith(".drl") || relative.endsWith(".properties") || relative.endsWith(".scenario");
    }

    private static void readTree(Path root, Map<String, String> into) throws IOException {
        List<Path> paths = new ArrayList<>();
        // Linked sub-folders are followed: a rule file under a linked folder is still a rule file of
        // its version, not one silently left out (a link that loops is an error of the folder).
        try (Stream<Path> walk = Files.walk(root, FileVisitOption.FOLLOW_LINKS)) {
            walk.filter(Files::isRegularFile).forEach(paths::add);
        }
        // A linked sub-folder inside the tree is followed; a file whose real place is outside the rule
        // folder is not the analysts' policy (a link to /etc/passwd would be read, and its first line
        // shown in a syntax error): it is refused before it is read.
        Path realRoot = root.getFileSystem() == FileSystems.getDefault() ? root.toRealPath() : null;
        for (Path p : paths) {
            String relative = root.relativize(p).toString().replace('\\', '/');
            if (realRoot != null && !p.toRealPath().startsWith(realRoot)) {
                throw new RuleCompilationException("(rule source)", 0, List.of(new RuleError(relative, 0,
                        "the file is a link to " + p.toRealPath() + ", outside the rule folder " + realRoot
                                + "; copy it into the folder")));
            }
            String text;
            try {
                text = Files.readString(p, StandardCharsets.UTF_8);
            } catch (CharacterCodingException e) {
                if (ruleFile(relative)) {
                    throw new RuleCompilationException("(rule source)", 0, List.of(new RuleError(relative, 0,
                            "the file is not UTF-8 text; save it as UTF-8")));
                }
                continue; // not a file rule sets are made of (an image, a spreadsheet): it plays no part
            }
            into.putIfAbsent(relative, text);
        }
    }

    /** The files under one folder only (e.g. {@code pos-card/v2}), paths unchanged: one version on its own. */
    public RuleSource only(String folder) {
        String prefix = folder.endsWith("/") ? folder : folder + "/";
        Map<String, String> subset = new TreeMap<>();
        files.forEach((path, text) -> {
            if (path.startsWith(prefix)) {
                subset.put(path, text);
            }
        });
        return new RuleSource(description + "!" + folder, subset);
    }

    /**
     * Compiles every version in the source as an engine built on it would (the syntax, the allowlist of
     * what a rule file may use, the Drools compile) and describes what it holds: each version's manifest
     * and the names of its rules, and every problem found, each with file, line and message. Nothing
     * wrong in the files is thrown: a tool lists all of it ({@link RuleSourceDescription#allProblems()})
     * where {@link LoyaltyEngine#verifyRules()} stops at the first version that fails. Compiles the whole
     * source each time it is called; {@link #only} describes one version.
     */
    public RuleSourceDescription describe() {
        return org.loyaltyengine.internal.RuleSetRegistry.describe(this);
    }

    /** Relative path -> text of every file in the source. */
    public Map<String, String> files() {
        return files;
    }

    @Override
    public String toString() {
        return description;
    }
}

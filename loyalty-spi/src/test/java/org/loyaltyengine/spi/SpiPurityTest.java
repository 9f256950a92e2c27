package org.loyaltyengine.spi;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Keeps the SPI free of infrastructure (STYLE.md practice 6): no Drools, no JPA, no engine type
 * referenced by any compiled SPI class, and neither library on the module's own classpath.
 */
@Tag("X-2")
class SpiPurityTest {
    private static final List<String> FORBIDDEN = List.of("org/kie/", "org/drools/", "jakarta/persistence/",
            "javax/persistence/", "org/hibernate/", "org/loyaltyengine/internal/", "org/loyaltyengine/rules/");

    @Test
    void compiledSpiClasses_referenceNoInfrastructure() throws IOException, URISyntaxException {
        Path classes = Path.of(Account.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        List<Path> files;
        try (Stream<Path> walk = Files.walk(classes)) {
            files = walk.filter(p -> p.toString().endsWith(".class")).toList();
        }
        assertTrue(files.size() > 20, "expected the SPI's classes under " + classes);
        for (Path f : files) {
            // A class's constant pool holds every type it references, as internal names.
            String pool = new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1);
            for (String forbidden : FORBIDDEN) {
                assertFalse(pool.contains(forbidden), f.getFileName() + " references " + forbidden);
            }
        }
    }

    @Test
    void droolsAndJpa_areNotOnTheSpiClasspath() {
        assertThrows(ClassNotFoundException.class, () -> Class.forName("org.kie.api.KieBase"));
        assertThrows(ClassNotFoundException.class, () -> Class.forName("jakarta.persistence.Entity"));
    }
}

package org.loyaltyengine.cli;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;

import org.loyaltyengine.CommandHistory;
import org.loyaltyengine.IoFailedException;
import org.loyaltyengine.spi.CommandLogEntry;

/** A command log exported as JSON lines ({@code engine.commandLog().export}), of one tenant or of all. */
final class FileLog implements LogSource {
    private final Path file;
    private final String tenant;

    /** {@code tenant} null: every tenant's entries. */
    FileLog(Path file, String tenant) {
        this.file = file;
        this.tenant = tenant;
    }

    @Override
    public String describe() {
        return file.toString();
    }

    @Override
    public void forEach(Consumer<CommandLogEntry> each) {
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            CommandHistory.importFrom(in, e -> {
                if (tenant == null || e.tenant().value().equals(tenant)) {
                    each.accept(e);
                }
            });
        } catch (IOException e) {
            throw new IoFailedException("reading the command log " + file, e);
        }
    }

    @Override
    public void close() {
        // Each forEach opens and closes the file; nothing stays open between them.
    }
}

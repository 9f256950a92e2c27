package org.loyaltyengine.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.regex.Pattern;

import org.loyaltyengine.spi.CommandLogEntry;

/**
 * Where whatif and explain read a command log from: the JSON-lines export of one ({@link FileLog}) or the live
 * store itself, through a JDBC URL ({@link JdbcLog}). Either way the tool only reads it.
 */
interface LogSource extends AutoCloseable {
    /** The text that stands for the log in messages: the file, or the URL with any password in it masked. */
    String describe();

    /**
     * The log's entries handed to {@code each} one at a time, in the log's order, read as they are handed on
     * (a file line by line, a live store a page at a time), so that a log of any length is gone through with one
     * entry or one page in memory; those of one tenant only when the source was opened for one. May be called
     * again: each call reads the log from its start. What {@code each} throws passes through unchanged.
     */
    void forEach(Consumer<CommandLogEntry> each);

    /** The log's entries in the log's order, all in one list (for explain, which looks one up). */
    default List<CommandLogEntry> entries() {
        List<CommandLogEntry> entries = new ArrayList<>();
        forEach(entries::add);
        return entries;
    }

    @Override
    void close();

    /** The parameters a JDBC URL can carry a password in: {@code password=}, PostgreSQL's and H2's alike. */
    Pattern PASSWORD_PARAMETER = Pattern.compile("(?i)(password\\s*=)[^&;]*");
    /** {@code //user:secret@host}, which the MariaDB driver accepts. */
    Pattern USER_INFO = Pattern.compile("//([^/:@;?]*):[^/@;?]*@");

    /** The URL as messages may show it: any password it carries replaced by {@code ***}. */
    static String masked(String url) {
        String once = PASSWORD_PARAMETER.matcher(url).replaceAll("$1***");
        return USER_INFO.matcher(once).replaceAll("//$1:***@");
    }
}

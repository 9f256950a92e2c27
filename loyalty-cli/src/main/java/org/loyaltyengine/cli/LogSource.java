package org.loyaltyengine.cli;

import java.util.List;
import java.util.regex.Pattern;

import org.loyaltyengine.spi.CommandLogEntry;

/**
 * Where whatif and explain read a command log from: the JSON-lines export of one ({@link FileLog}) or the live
 * store itself, through a JDBC URL ({@link JdbcLog}). Either way the tool only reads it.
 */
interface LogSource extends AutoCloseable {
    /** The text that stands for the log in messages: the file, or the URL with any password in it masked. */
    String describe();

    /** The log's entries in the log's order; those of one tenant only when the source was opened for one. */
    List<CommandLogEntry> entries();

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

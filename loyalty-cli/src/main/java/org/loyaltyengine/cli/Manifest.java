package org.loyaltyengine.cli;

import java.io.IOException;
import java.io.StringReader;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

/**
 * A version's {@code ruleset.properties}: its values as {@link Properties} reads them (so the tool reads
 * what the engine reads), and the line each key is on, so that a problem with a value names its line.
 */
final class Manifest {
    private final Properties values = new Properties();
    private final Map<String, Integer> lines = new HashMap<>();

    Manifest(String text) throws IOException {
        try {
            values.load(new StringReader(text));
        } catch (IllegalArgumentException e) {
            // Properties.load refuses a malformed unicode escape with IllegalArgumentException.
            throw new IOException(e.getMessage(), e);
        }
        String[] physical = text.split("\r?\n", -1);
        boolean continued = false;
        for (int i = 0; i < physical.length; i++) {
            String l = physical[i];
            String s = l.stripLeading();
            if (continued) {
                // The rest of the value of the line before: no key starts here.
                continued = endsWithOddBackslashes(l);
                continue;
            }
            if (s.isEmpty() || s.startsWith("#") || s.startsWith("!")) {
                continue; // blank or a comment, which never continues onto the next line
            }
            continued = endsWithOddBackslashes(l);
            int end = 0;
            while (end < s.length()) {
                char c = s.charAt(end);
                if (c == '\\') {
                    end += 2;
                    continue;
                }
                if (c == '=' || c == ':' || Character.isWhitespace(c)) {
                    break;
                }
                end++;
            }
            String key = s.substring(0, Math.min(end, s.length()));
            // Properties keeps the last of two lines with one key; so does the line it is reported on.
            lines.put(key, i + 1);
        }
    }

    private static boolean endsWithOddBackslashes(String l) {
        int n = 0;
        for (int i = l.length() - 1; i >= 0 && l.charAt(i) == '\\'; i--) {
            n++;
        }
        return n % 2 == 1;
    }

    /** The value of {@code key}, or null when the manifest has no such line. */
    String get(String key) {
        return values.getProperty(key);
    }

    /** The line {@code key} is on, or 0 when the manifest has no such line. */
    int line(String key) {
        return lines.getOrDefault(key, 0);
    }
}

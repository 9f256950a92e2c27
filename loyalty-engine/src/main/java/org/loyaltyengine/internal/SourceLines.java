package org.loyaltyengine.internal;

/**
 * Where a piece of a rule file stands, as a line number: the Drools descriptors give code as text without
 * reliable offsets, so the gate finds it again in the file's text to report {@code file:line}.
 */
final class SourceLines {
    private SourceLines() {
    }

    static int lineAt(String text, int offset) {
        int line = 1;
        for (int i = 0; i < offset && i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }

    static int lineStart(String text, int line) {
        int offset = 0;
        for (int l = 1; l < line && offset >= 0; l++) {
            offset = text.indexOf('\n', offset);
            offset = offset < 0 ? -1 : offset + 1;
        }
        return Math.max(offset, 0);
    }

    /** The line in the file where {@code code} (as the parser handed it over) starts, searching from {@code from}. */
    static int lineOfText(String text, int from, String code, int fallback) {
        String head = code.strip();
        if (head.isEmpty()) {
            return fallback;
        }
        head = head.lines().findFirst().orElse(head).strip();
        int at = text.indexOf(head, from);
        return at < 0 ? fallback : lineAt(text, at);
    }
}

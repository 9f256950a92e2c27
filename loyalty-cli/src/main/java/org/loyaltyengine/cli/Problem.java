package org.loyaltyengine.cli;

/**
 * One problem the tool reports, printed as {@code path:line: message} (as compilers print theirs, so an
 * editor can jump to it), or {@code path: message} when no line is known.
 *
 * @param path    where, as the analyst can open it: the rules folder as given, then the path in it
 * @param line    the line in that file, 1-based; 0 when the problem is of the file or folder as a whole
 * @param message what is wrong, on one line
 */
record Problem(String path, int line, String message) {
    Problem {
        // One problem, one line: a script or an editor reads the output line by line.
        message = oneLine(message);
    }

    static String oneLine(String text) {
        StringBuilder out = new StringBuilder();
        for (String l : text.strip().split("\r?\n")) {
            String s = l.strip();
            // Drools' caret lines point into a copy of the expression, not into the file: noise here.
            if (s.isEmpty() || s.chars().allMatch(c -> c == '^' || c == ' ')) {
                continue;
            }
            if (!out.isEmpty()) {
                out.append(' ');
            }
            out.append(s);
        }
        return out.toString();
    }

    @Override
    public String toString() {
        return line > 0 ? path + ":" + line + ": " + message : path + ": " + message;
    }
}

package org.loyaltyengine.customers;

import java.util.List;

import org.loyaltyengine.spi.Checks;

/**
 * What an import did (SPEC CU-3): rows that created, updated or left alone (ignored) a customer, and
 * the rejected rows, each with its line number in the file and a reason a clerk can act on. Blank
 * lines are not rows and are not counted.
 */
public record ImportSummary(int created, int updated, int ignored, int rejected, List<RowRejection> rejections) {
    /** A row that was not imported: the file line it starts on (the header is line 1), a reason code, and why. */
    public record RowRejection(int line, String code, String message) {
        public RowRejection {
            Checks.text(code, "reason code");
            Checks.text(message, "reason message");
        }
    }

    public ImportSummary {
        rejections = Checks.list(rejections, "rejections");
    }

    public int rows() {
        return created + updated + ignored + rejected;
    }

    /** The lines of the rejected rows, in file order. */
    public List<Integer> rejectedLines() {
        return rejections.stream().map(RowRejection::line).toList();
    }
}

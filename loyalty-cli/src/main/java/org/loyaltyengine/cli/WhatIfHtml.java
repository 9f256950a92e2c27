package org.loyaltyengine.cli;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import org.loyaltyengine.IoFailedException;
import org.loyaltyengine.cli.Replay.TenantAccount;
import org.loyaltyengine.cli.WhatIfCommand.Row;
import org.loyaltyengine.spi.AccountKey;

/**
 * The what-if report as one HTML file an analyst opens in a browser: the totals, the accounts most affected and a
 * histogram of the change per account. Self-contained (inline CSS and SVG, no script, nothing fetched) so that it
 * can be mailed or archived as it is and opens offline. Every value that comes from the log or the command line is
 * escaped: an account id is whatever a caller once sent. The key figures carry stable element ids
 * ({@code total-difference}, {@code accounts-changed} ...) for whoever reads the file by program.
 */
final class WhatIfHtml {
    /** The histogram has at most about this many buckets; their width is a round number (1, 2 or 5 x 10^k). */
    private static final int BUCKETS = 10;
    private static final int CHART_WIDTH = 760;
    private static final int CHART_HEIGHT = 220;

    /** The figures of one what-if run, as the report shows them. */
    record Summary(String ruleSet, String candidate, String rulesFolder, int commands, int reproduced,
                   int becameApplied, int becameRejected, int candidateErrors, Map<TenantAccount, Row> rows, int top) {
    }

    /** One bucket of the histogram: differences from {@code from} (included) to {@code to} (excluded). */
    record Bucket(BigDecimal from, BigDecimal to, int count) {
    }

    private WhatIfHtml() {
    }

    /**
     * Writes the report to {@code file}.
     *
     * @throws IoFailedException if the file cannot be written (a folder that does not exist, a full disk)
     */
    static void write(Path file, Summary s) {
        try {
            Files.writeString(file, render(s), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IoFailedException("writing the HTML report to " + file, e);
        }
    }

    static String render(Summary s) {
        List<Map.Entry<TenantAccount, Row>> changed = s.rows().entrySet().stream().filter(r -> r.getValue().changed())
                .toList();
        BigDecimal total = changed.stream().map(r -> r.getValue().difference()).reduce(BigDecimal.ZERO,
                BigDecimal::add);
        StringBuilder h = new StringBuilder(16_384);
        h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<title>What-if: ").append(esc(s.ruleSet())).append(" with ").append(esc(s.candidate()))
                .append("</title>\n<style>\n")
                .append("body{font-family:sans-serif;margin:2em;color:#222;background:#fff}\n")
                .append("h1{font-size:1.5em}h2{font-size:1.2em;margin-top:2em}\n")
                .append("table{border-collapse:collapse}td,th{border:1px solid #bbb;padding:.3em .6em}\n")
                .append("th{background:#eef}td.n{text-align:right;font-variant-numeric:tabular-nums}\n")
                .append("td,th{white-space:nowrap}#totals th{text-align:left;font-weight:normal}\n")
                .append(".warn{background:#fdd;border:1px solid #c00;padding:.6em}\n")
                .append(".up{fill:#2a7}.down{fill:#c33}.zero{fill:#888}\n")
                .append("</style>\n</head>\n<body>\n");
        h.append("<h1>What-if: <span id=\"rule-set\">").append(esc(s.ruleSet())).append("</span> with <span id=\"")
                .append("candidate\">").append(esc(s.candidate())).append("</span></h1>\n");
        if (s.reproduced() != s.commands()) {
            h.append("<p class=\"warn\" id=\"baseline-warning\">Only ").append(s.reproduced()).append(" of ")
                    .append(s.commands()).append(" logged outcomes reproduced under the recorded versions: this"
                            + " what-if is not to be trusted (bin/loyalty whatif lists the first that do not).</p>\n");
        }

        h.append("<h2>Totals</h2>\n<table id=\"totals\">\n");
        totalRow(h, "commands-replayed", "Commands replayed", Integer.toString(s.commands()));
        totalRow(h, "baseline-reproduced", "Logged outcomes reproduced under " + s.rulesFolder(),
                Integer.toString(s.reproduced()));
        totalRow(h, "accounts-changed", "Accounts that would change", Integer.toString(changed.size()));
        totalRow(h, "accounts-total", "Accounts the log touches", Integer.toString(s.rows().size()));
        totalRow(h, "total-difference", "Total difference (candidate minus now)", signed(total));
        totalRow(h, "became-rejected", "Commands applied now, rejected under the candidate",
                Integer.toString(s.becameRejected()));
        totalRow(h, "became-applied", "Commands rejected now, applied under the candidate",
                Integer.toString(s.becameApplied()));
        totalRow(h, "candidate-errors", "Commands that would throw under the candidate",
                Integer.toString(s.candidateErrors()));
        h.append("</table>\n");

        List<Map.Entry<TenantAccount, Row>> top = new ArrayList<>(changed);
        // Most affected first; ties in the report's usual order (tenant, then account) so the file is stable.
        top.sort(Comparator.comparing((Map.Entry<TenantAccount, Row> r) -> r.getValue().difference().abs())
                .reversed());
        top = top.subList(0, Math.min(s.top(), top.size()));
        h.append("<h2>The ").append(top.size()).append(" accounts most affected</h2>\n");
        h.append("<table id=\"most-affected\">\n<thead><tr><th>tenant</th><th>account</th><th>program</th>")
                .append("<th>unit</th><th>balance now</th><th>would be</th><th>difference</th>")
                .append("<th>entries differing</th><th>became applied</th><th>became rejected</th></tr></thead>\n")
                .append("<tbody>\n");
        for (Map.Entry<TenantAccount, Row> r : top) {
            Row row = r.getValue();
            AccountKey a = r.getKey().account();
            h.append("<tr class=\"account\"><td>").append(esc(r.getKey().tenant().value())).append("</td><td>")
                    .append(esc(a.owner())).append("</td><td>").append(esc(a.program())).append("</td><td>")
                    .append(esc(a.unit().toString())).append("</td><td class=\"n\">").append(plain(row.before))
                    .append("</td><td class=\"n\">").append(plain(row.after)).append("</td><td class=\"n\">")
                    .append(signed(row.difference())).append("</td><td class=\"n\">").append(row.entriesDiffering)
                    .append("</td><td class=\"n\">").append(row.becameApplied).append("</td><td class=\"n\">")
                    .append(row.becameRejected).append("</td></tr>\n");
        }
        h.append("</tbody>\n</table>\n");

        List<Bucket> buckets = histogram(changed.stream().map(r -> r.getValue().difference()).toList());
        h.append("<h2>Change per account</h2>\n");
        histogramSvg(h, buckets);
        h.append("</body>\n</html>\n");
        return h.toString();
    }

    /**
     * The differences in buckets of one round width, the smallest of 1, 2 or 5 x 10^k that covers the range in
     * at most {@value #BUCKETS} buckets; the first starts at a multiple of the width.
     */
    static List<Bucket> histogram(List<BigDecimal> differences) {
        if (differences.isEmpty()) {
            return List.of();
        }
        BigDecimal min = differences.stream().min(Comparator.naturalOrder()).get();
        BigDecimal max = differences.stream().max(Comparator.naturalOrder()).get();
        BigDecimal width = roundWidth(max.subtract(min).divide(BigDecimal.valueOf(BUCKETS), 10, RoundingMode.UP));
        BigDecimal from = min.divide(width, 0, RoundingMode.FLOOR).multiply(width);
        int n = max.subtract(from).divide(width, 0, RoundingMode.FLOOR).intValueExact() + 1;
        int[] counts = new int[n];
        for (BigDecimal d : differences) {
            counts[d.subtract(from).divide(width, 0, RoundingMode.FLOOR).intValueExact()]++;
        }
        List<Bucket> buckets = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            BigDecimal lo = from.add(width.multiply(BigDecimal.valueOf(i)));
            buckets.add(new Bucket(lo.stripTrailingZeros(), lo.add(width).stripTrailingZeros(), counts[i]));
        }
        return buckets;
    }

    private static BigDecimal roundWidth(BigDecimal atLeast) {
        if (atLeast.signum() == 0) {
            return BigDecimal.ONE;
        }
        BigDecimal a = atLeast.stripTrailingZeros();
        BigDecimal power = BigDecimal.ONE.scaleByPowerOfTen(a.precision() - a.scale() - 1);
        for (int step : new int[] {1, 2, 5, 10}) {
            BigDecimal w = power.multiply(BigDecimal.valueOf(step));
            if (w.compareTo(atLeast) >= 0) {
                return w;
            }
        }
        throw new IllegalStateException("no round width covers " + atLeast);
    }

    private static void histogramSvg(StringBuilder h, List<Bucket> buckets) {
        if (buckets.isEmpty()) {
            h.append("<p id=\"histogram-empty\">No account would change.</p>\n");
            return;
        }
        int max = buckets.stream().mapToInt(Bucket::count).max().orElse(1);
        int bar = CHART_WIDTH / buckets.size();
        int top = 20;
        int bottom = 50;
        h.append("<svg id=\"histogram\" xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(CHART_WIDTH)
                .append("\" height=\"").append(CHART_HEIGHT + top + bottom).append("\" role=\"img\"")
                .append(" aria-label=\"accounts per difference\">\n");
        for (int i = 0; i < buckets.size(); i++) {
            Bucket b = buckets.get(i);
            int height = max == 0 ? 0 : (int) Math.round((double) b.count() * CHART_HEIGHT / max);
            int x = i * bar;
            String tone = b.to().signum() <= 0 ? "down" : b.from().signum() >= 0 ? "up" : "zero";
            String label = b.from().toPlainString() + " to " + b.to().toPlainString();
            h.append("<g class=\"bucket\" data-from=\"").append(b.from().toPlainString()).append("\" data-to=\"")
                    .append(b.to().toPlainString()).append("\" data-count=\"").append(b.count()).append("\">")
                    .append("<title>").append(label).append(": ").append(b.count()).append(b.count() == 1 ? " account" : " accounts")
                    .append("</title>")
                    .append("<rect class=\"").append(tone).append("\" x=\"").append(x + 2).append("\" y=\"")
                    .append(top + CHART_HEIGHT - height).append("\" width=\"").append(bar - 4).append("\" height=\"")
                    .append(height).append("\"/>")
                    .append("<text x=\"").append(x + bar / 2).append("\" y=\"").append(top + CHART_HEIGHT - height - 4)
                    .append("\" text-anchor=\"middle\" font-size=\"12\">").append(b.count()).append("</text>")
                    .append("<text x=\"").append(x + bar / 2).append("\" y=\"").append(top + CHART_HEIGHT + 16)
                    .append("\" text-anchor=\"middle\" font-size=\"10\">").append(b.from().toPlainString())
                    .append("</text><text x=\"").append(x + bar / 2).append("\" y=\"").append(top + CHART_HEIGHT + 30)
                    .append("\" text-anchor=\"middle\" font-size=\"10\">to ").append(b.to().toPlainString())
                    .append("</text></g>\n");
        }
        h.append("</svg>\n<p>Accounts per difference (candidate minus now); a bucket holds its lower bound, not its"
                + " upper.</p>\n");
    }

    private static void totalRow(StringBuilder h, String id, String label, String value) {
        h.append("<tr><th scope=\"row\">").append(esc(label)).append("</th><td class=\"n\" id=\"").append(id)
                .append("\">").append(esc(value)).append("</td></tr>\n");
    }

    /** Text for HTML element content and quoted attribute values. */
    static String esc(String s) {
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    private static String plain(BigDecimal b) {
        return b == null ? "-" : b.toPlainString();
    }

    private static String signed(BigDecimal b) {
        return (b.signum() > 0 ? "+" : "") + b.toPlainString();
    }
}

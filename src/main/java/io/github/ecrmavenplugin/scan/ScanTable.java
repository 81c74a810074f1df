package io.github.ecrmavenplugin.scan;

import io.github.ecrmavenplugin.model.Severity;
import io.github.ecrmavenplugin.registry.Finding;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The findings as lines for the build log: counts per severity, then the worst findings as a table. */
public final class ScanTable {

    private ScanTable() {}

    /** {@code CRITICAL 1, HIGH 0, MEDIUM 3, LOW 2, INFORMATIONAL 0}, rated severities worst first. */
    public static String counts(Map<Severity, Long> counts) {
        List<String> parts = new ArrayList<>();
        for (Severity severity : Severity.WORST_FIRST) {
            long n = counts.getOrDefault(severity, 0L);
            if (severity != Severity.UNDEFINED || n > 0) {
                parts.add(severity + " " + n);
            }
        }
        return String.join(", ", parts);
    }

    /** At most {@code limit} findings as aligned rows under a header, and a line saying how many more there are. */
    public static List<String> rows(List<Finding> findings, int limit) {
        List<String[]> cells = new ArrayList<>();
        cells.add(new String[] {"VULNERABILITY", "SEVERITY", "PACKAGE", "FIXED IN", "LINK"});
        findings.stream()
                .limit(limit)
                .forEach(f -> cells.add(new String[] {
                    f.id(),
                    f.severity().name(),
                    f.packageLabel(),
                    f.fixedIn().orElse("-"),
                    f.link().orElse("-")
                }));
        int[] widths = new int[5];
        for (String[] row : cells) {
            for (int i = 0; i < row.length; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        List<String> lines = new ArrayList<>();
        for (String[] row : cells) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.length; i++) {
                line.append(i == row.length - 1 ? row[i] : String.format("%-" + widths[i] + "s  ", row[i]));
            }
            lines.add(line.toString());
        }
        if (findings.size() > limit) {
            lines.add("... and " + (findings.size() - limit) + " more (all of them in the scan report)");
        }
        return lines;
    }
}

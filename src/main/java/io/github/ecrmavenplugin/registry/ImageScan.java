package io.github.ecrmavenplugin.registry;

import io.github.ecrmavenplugin.model.Severity;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What {@code DescribeImageScanFindings} says of one image, all pages read.
 *
 * @param status      ECR's scan status as it spells it ({@code COMPLETE}, {@code IN_PROGRESS}, ...); a string,
 *                    since ECR adds statuses
 * @param description ECR's words on the status, e.g. why a scan failed; empty when it gives none
 * @param findings    every finding, basic and enhanced alike; empty until the scan is complete
 * @param unlisted    per severity, how many findings ECR counts ({@code findingSeverityCounts}) beyond those it
 *                    listed: findings the gate cannot see; empty when the counts and the list agree
 */
public record ImageScan(
        String status, Optional<String> description, List<Finding> findings, Map<Severity, Long> unlisted) {

    public ImageScan {
        findings = List.copyOf(findings);
        Map<Severity, Long> positive = new EnumMap<>(Severity.class);
        unlisted.forEach((severity, n) -> {
            if (n > 0) {
                positive.put(severity, n);
            }
        });
        unlisted = positive.isEmpty() ? Map.of() : java.util.Collections.unmodifiableMap(positive);
    }

    /** A scan whose counts and list agree. */
    public ImageScan(String status, Optional<String> description, List<Finding> findings) {
        this(status, description, findings, Map.of());
    }
}

package io.github.ecrmavenplugin.registry;

import java.util.List;
import java.util.Optional;

/**
 * What {@code DescribeImageScanFindings} says of one image, all pages read.
 *
 * @param status      ECR's scan status as it spells it ({@code COMPLETE}, {@code IN_PROGRESS}, ...); a string,
 *                    since ECR adds statuses
 * @param description ECR's words on the status, e.g. why a scan failed; empty when it gives none
 * @param findings    every finding, basic and enhanced alike; empty until the scan is complete
 */
public record ImageScan(String status, Optional<String> description, List<Finding> findings) {

    public ImageScan {
        findings = List.copyOf(findings);
    }
}

package io.github.ecrmavenplugin.emulator;

import java.time.Duration;
import java.util.Locale;
import java.util.Set;

/**
 * How the emulator scans the images of a repository, on its own clock: {@code pending}, then {@code inProgress},
 * then {@code outcome} with the findings of {@code fixture}.
 *
 * @param pending     how long a new image's scan stays {@code PENDING}
 * @param inProgress  how long it then stays {@code IN_PROGRESS}
 * @param outcome     the final status: {@code COMPLETE} (reported {@code ACTIVE} under enhanced scanning, as
 *                    ECR does), {@code FAILED}, {@code UNSUPPORTED_IMAGE}, any other status of ECR's model, or
 *                    {@code NEVER}: the scan stays {@code IN_PROGRESS}
 * @param scanType    {@code BASIC}: only repositories with scan on push scan; {@code ENHANCED}: the registry's
 *                    enhanced scanning scans every pushed image, with Amazon Inspector's finding shapes
 * @param fixture     the findings: a file of {@code src/test/resources/emulator/scan-findings/} without
 *                    {@code .json} ({@code clean}, {@code critical}, {@code enhanced-critical}), or
 *                    {@code generated:N} for N basic findings (for paging)
 * @param description what {@code imageScanStatus.description} says at the outcome; null for ECR's usual words
 */
public record ScanPlan(
        Duration pending, Duration inProgress, String outcome, String scanType, String fixture, String description) {

    private static final Set<String> TYPES = Set.of("BASIC", "ENHANCED");

    /** A quick clean basic scan: what an image gets when no test said otherwise. */
    public static final ScanPlan DEFAULT =
            new ScanPlan(Duration.ofMillis(100), Duration.ofMillis(300), "COMPLETE", "BASIC", "clean", null);

    public ScanPlan {
        outcome = outcome.toUpperCase(Locale.ROOT);
        scanType = scanType.toUpperCase(Locale.ROOT);
        if (!TYPES.contains(scanType)) {
            throw new IllegalArgumentException("scanType is BASIC or ENHANCED: " + scanType);
        }
        ScanFixtures.check(fixture);
    }

    boolean enhanced() {
        return scanType.equals("ENHANCED");
    }

    /** The status {@code elapsed} after the scan started. */
    String statusAfter(Duration elapsed) {
        if (elapsed.compareTo(pending) < 0) {
            return "PENDING";
        }
        if (outcome.equals("NEVER") || elapsed.compareTo(pending.plus(inProgress)) < 0) {
            return "IN_PROGRESS";
        }
        return outcome.equals("COMPLETE") && enhanced() ? "ACTIVE" : outcome;
    }

    /** ECR's words for a final status. */
    String descriptionOf(String status) {
        if (description != null) {
            return description;
        }
        return switch (status) {
            case "COMPLETE" -> "The scan was completed successfully.";
            case "ACTIVE" -> "Continuous scan is selected for image.";
            case "FAILED" -> "The scan failed.";
            case "UNSUPPORTED_IMAGE" ->
                "UnsupportedImageError: The operating system and/or package manager are " + "not supported.";
            default -> null;
        };
    }
}

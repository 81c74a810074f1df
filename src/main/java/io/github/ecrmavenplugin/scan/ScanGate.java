package io.github.ecrmavenplugin.scan;

import io.github.ecrmavenplugin.model.Durations;
import io.github.ecrmavenplugin.model.InvalidConfigurationException;
import io.github.ecrmavenplugin.model.Severity;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * What the gate asks of the pushed image, validated from the POM: its scan's findings and, on request, ECR's
 * signature.
 *
 * @param threshold   findings at or above it fail the build; empty to report only ({@code failOnSeverity})
 * @param accepted    findings the team accepts ({@code ignoredFindings}, {@code ignoreFile})
 * @param timeout     the longest wait for the scan ({@code scanTimeout}); zero in plan mode
 * @param timeoutText {@code scanTimeout} as the POM wrote it, for messages
 * @param plan        plan mode: one read, no waiting, nothing started
 * @param requireSignature the image must be signed by ECR's managed signing ({@code requireSignature})
 */
public record ScanGate(
        Optional<Severity> threshold,
        List<AcceptedFinding> accepted,
        Duration timeout,
        String timeoutText,
        boolean plan,
        boolean requireSignature) {

    public ScanGate {
        accepted = List.copyOf(accepted);
    }

    /** The gate the POM's parameters describe. */
    public static ScanGate of(
            String failOnSeverity,
            String scanTimeout,
            boolean plan,
            List<AcceptedFinding> accepted,
            boolean requireSignature)
            throws InvalidConfigurationException {
        // Only a parameter left out turns the gate off: an empty value (-Decr.failOnSeverity=$UNSET) is refused.
        Optional<Severity> threshold = failOnSeverity == null
                ? Optional.empty()
                : Optional.of(Severity.threshold(failOnSeverity, "failOnSeverity"));
        Duration timeout = Durations.parse(scanTimeout, "scanTimeout");
        return new ScanGate(threshold, accepted, plan ? Duration.ZERO : timeout, scanTimeout, plan, requireSignature);
    }

    /** Whether findings at some severity fail the build (outside plan mode, which only reports). */
    boolean gates() {
        return threshold.isPresent() && !plan;
    }

    /**
     * Why the build cannot go on without reading the image from ECR: the gate vouches for its findings
     * ({@code failOnSeverity}) or its signature ({@code requireSignature}), outside plan mode; empty when it only
     * reports.
     */
    public Optional<String> vouchesFor() {
        if (plan) {
            return Optional.empty();
        }
        if (threshold.isPresent()) {
            return Optional.of("<failOnSeverity> " + threshold.get() + " cannot vouch for an image without findings");
        }
        if (requireSignature) {
            return Optional.of("<requireSignature> cannot vouch for an image whose signature it cannot read");
        }
        return Optional.empty();
    }
}

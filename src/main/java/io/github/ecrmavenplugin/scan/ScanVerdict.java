package io.github.ecrmavenplugin.scan;

import io.github.ecrmavenplugin.model.Severity;
import io.github.ecrmavenplugin.registry.Finding;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the gate makes of an image's findings: how many of each severity, which fail the build, which the team
 * accepted, and which acceptances have run out (their findings count again).
 *
 * @param counts    findings per severity, all of them, accepted ones included
 * @param blocking  findings at or above the threshold and not accepted, worst first; empty without a threshold
 * @param accepted  findings an unexpired acceptance covers
 * @param expired   acceptances past their last day that match a finding
 * @param threshold the severity that fails the build; empty to report only
 */
public record ScanVerdict(
        Map<Severity, Long> counts,
        List<Finding> blocking,
        List<Finding> accepted,
        List<AcceptedFinding> expired,
        Optional<Severity> threshold) {

    /** Worst first, then by id, then by package: the order of every list shown to people. */
    public static final Comparator<Finding> WORST_FIRST = Comparator.comparing(Finding::severity)
            .reversed()
            .thenComparing(Finding::id)
            .thenComparing(Finding::packageLabel);

    public static ScanVerdict of(
            List<Finding> findings, Optional<Severity> threshold, List<AcceptedFinding> acceptances, LocalDate today) {
        Map<Severity, Long> counts = new EnumMap<>(Severity.class);
        List<Finding> blocking = new ArrayList<>();
        List<Finding> accepted = new ArrayList<>();
        List<AcceptedFinding> expired = new ArrayList<>();
        for (Finding finding : findings) {
            counts.merge(finding.severity(), 1L, Long::sum);
            Optional<AcceptedFinding> acceptance = acceptances.stream()
                    .filter(a -> a.id().equalsIgnoreCase(finding.id()))
                    .findFirst();
            acceptance
                    .filter(a -> a.expiredOn(today))
                    .filter(a -> !expired.contains(a))
                    .ifPresent(expired::add);
            if (acceptance.isPresent() && !acceptance.get().expiredOn(today)) {
                accepted.add(finding);
            } else if (threshold.isPresent() && finding.severity().atLeast(threshold.get())) {
                blocking.add(finding);
            }
        }
        blocking.sort(WORST_FIRST);
        accepted.sort(WORST_FIRST);
        return new ScanVerdict(counts, List.copyOf(blocking), List.copyOf(accepted), List.copyOf(expired), threshold);
    }

    public boolean fails() {
        return !blocking.isEmpty();
    }

    /**
     * Whether the finding is of a severity this plugin does not know and not accepted, under a threshold: no
     * threshold can rank it, so it fails the build ({@link FindingsGate}).
     */
    public boolean unrankable(Finding finding) {
        return threshold.isPresent() && finding.unknownSeverity().isPresent() && !accepted.contains(finding);
    }

    public long total() {
        return counts.values().stream().mapToLong(Long::longValue).sum();
    }
}

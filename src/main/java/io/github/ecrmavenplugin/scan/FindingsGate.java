package io.github.ecrmavenplugin.scan;

import io.github.ecrmavenplugin.model.ImageReference;
import io.github.ecrmavenplugin.model.Severity;
import io.github.ecrmavenplugin.registry.Finding;
import io.github.ecrmavenplugin.registry.Image;
import io.github.ecrmavenplugin.registry.ImageScan;
import java.io.IOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Judges a finished scan: what its status means for the gate ({@link ScanStatuses}), the verdict on its findings
 * ({@link ScanVerdict}), the reports, and the failure when findings at or above the threshold are not accepted.
 */
final class FindingsGate {

    private static final int WORST_SHOWN = 20;

    private final BuildLog log;
    private final ScanGate gate;
    private final LocalDate today;

    FindingsGate(BuildLog log, ScanGate gate, LocalDate today) {
        this.log = log;
        this.gate = gate;
        this.today = today;
    }

    void judge(
            ImageReference target, Image image, String imageUri, ImageScan scan, Signing signing, ReportFiles reports)
            throws VerificationFailure, IOException {
        status(target, scan);
        unlisted(target, scan);
        unnamed(scan);
        ScanVerdict verdict = ScanVerdict.of(scan.findings(), gate.threshold(), gate.accepted(), today);
        log.info()
                .accept("ECR scan of " + target + " (" + scan.status() + "): " + verdict.total() + " finding"
                        + (verdict.total() == 1 ? "" : "s") + ": " + ScanTable.counts(verdict.counts()));
        reports.write(image, imageUri, scan, verdict, signing);
        log.info().accept("ECR scan reports: " + reports.json() + ", " + reports.sarif());
        for (AcceptedFinding expired : verdict.expired()) {
            log.warn()
                    .accept("Accepted finding " + expired.id() + " expired on "
                            + expired.expires().orElseThrow() + " (" + expired.origin()
                            + "): it counts again. Fix it, or renew the entry with a reason");
        }
        if (!verdict.accepted().isEmpty()) {
            log.info().accept("Accepted (ignored) findings: " + ScanReports.ids(verdict.accepted()));
        }
        unranked(target, scan, verdict);
        if (verdict.fails()) {
            List<String> lines = new ArrayList<>();
            lines.add("ECR found " + verdict.blocking().size() + " finding"
                    + (verdict.blocking().size() == 1 ? "" : "s") + " at or above "
                    + verdict.threshold().orElseThrow() + " in " + target + " (" + ScanTable.counts(verdict.counts())
                    + "): " + ScanReports.ids(verdict.blocking()));
            lines.addAll(ScanTable.rows(verdict.blocking(), WORST_SHOWN));
            lines.add("Fix them (a newer base image or dependency), or accept one with <ignoredFindings> or the "
                    + "<ignoreFile> (id, last day, reason). Every finding: " + reports.json());
            lines.forEach(log.error());
            throw new VerificationFailure(String.join(System.lineSeparator(), lines));
        }
        if (verdict.threshold().isEmpty() && verdict.total() > 0) {
            List<Finding> worst = new ArrayList<>(scan.findings());
            worst.sort(ScanVerdict.WORST_FIRST);
            ScanTable.rows(worst, 10).forEach(line -> log.info().accept("  " + line));
        }
    }

    /** A status other than complete: a warning, or a failure when the gate cannot vouch for the image. */
    private void status(ImageReference target, ImageScan scan) throws VerificationFailure {
        ScanStatuses.Handling handling = ScanStatuses.of(scan.status());
        String message = "ECR scan of " + target + " is " + scan.status() + ": " + handling.meaning()
                + scan.description().map(d -> ": " + d).orElse("");
        switch (handling.kind()) {
            case UNVERIFIED -> {
                if (gate.threshold().isPresent()) {
                    throw new VerificationFailure(
                            message + ". <failOnSeverity> " + gate.threshold().get()
                                    + " cannot vouch for an image without findings; fix the scan, or drop <failOnSeverity> "
                                    + "(-Decr.failOnSeverity) to only report");
                }
                log.warn().accept(message);
            }
            default -> {}
        }
    }

    /**
     * Findings ECR counts ({@code findingSeverityCounts}) beyond those it listed: the gate cannot see them, so it
     * cannot vouch for the image when one is at or above the threshold; below it, or without a gate, a warning.
     */
    private void unlisted(ImageReference target, ImageScan scan) throws VerificationFailure {
        if (scan.unlisted().isEmpty()) {
            return;
        }
        long total =
                scan.unlisted().values().stream().mapToLong(Long::longValue).sum();
        List<String> counts = new ArrayList<>();
        for (Severity severity : Severity.WORST_FIRST) {
            Long count = scan.unlisted().get(severity);
            if (count != null) {
                counts.add(severity + " " + count);
            }
        }
        String message = "ECR's scan of " + target + " counts " + total + " finding" + (total == 1 ? "" : "s")
                + " it did not list (" + String.join(", ", counts) + "): its findingSeverityCounts exceed the "
                + "findings it returned";
        Optional<Severity> threshold = gate.threshold();
        if (threshold.isPresent() && scan.unlisted().keySet().stream().anyMatch(s -> s.atLeast(threshold.get()))) {
            throw new VerificationFailure(message + ", so <failOnSeverity> " + threshold.get() + " cannot judge "
                    + "them. Run verify-image again; if it persists, compare with aws ecr "
                    + "describe-image-scan-findings");
        }
        log.warn().accept(message + "; they are not in the reports");
    }

    /**
     * Findings of a severity this plugin does not know (ECR added it), not accepted: no threshold can rank them, so a
     * gate cannot vouch for the image; without one, a warning.
     */
    private void unranked(ImageReference target, ImageScan scan, ScanVerdict verdict) throws VerificationFailure {
        List<Finding> unranked = scan.findings().stream()
                .filter(f -> f.unknownSeverity().isPresent())
                .filter(f -> !verdict.accepted().contains(f))
                .toList();
        if (unranked.isEmpty()) {
            return;
        }
        boolean fails = unranked.stream().anyMatch(verdict::unrankable);
        Map<String, Long> bySeverity = new TreeMap<>();
        unranked.forEach(f -> bySeverity.merge(f.unknownSeverity().orElseThrow(), 1L, Long::sum));
        List<String> counts = new ArrayList<>();
        bySeverity.forEach((severity, n) -> counts.add(severity + " " + n));
        String message = "ECR's scan of " + target + " has " + unranked.size() + " finding"
                + (unranked.size() == 1 ? "" : "s") + " of a severity this plugin does not know ("
                + String.join(", ", counts) + "): " + ScanReports.ids(unranked);
        if (fails) {
            throw new VerificationFailure(message + ". <failOnSeverity> "
                    + gate.threshold().get() + " cannot rank "
                    + (unranked.size() == 1 ? "it" : "them") + ": accept " + (unranked.size() == 1 ? "it" : "each")
                    + " with <ignoredFindings> or the <ignoreFile> if it is no risk, or use a version of this plugin "
                    + "that knows the severity");
        }
        log.warn().accept(message + "; listed as " + Severity.UNDEFINED);
    }

    /** Findings ECR gave no id: still gated by their severity, but no acceptance can name them. */
    private void unnamed(ImageScan scan) {
        long unnamed = scan.findings().stream().filter(f -> !f.hasId()).count();
        if (unnamed > 0) {
            log.warn()
                    .accept("ECR reported " + unnamed + " finding" + (unnamed == 1 ? "" : "s")
                            + " without a vulnerability id: listed as " + Finding.NO_ID + ", gated by severity like "
                            + "every finding, and not acceptable by id");
        }
    }
}

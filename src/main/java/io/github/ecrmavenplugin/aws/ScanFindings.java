package io.github.ecrmavenplugin.aws;

import io.github.ecrmavenplugin.model.Severity;
import io.github.ecrmavenplugin.registry.Finding;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.ecr.model.Attribute;
import software.amazon.awssdk.services.ecr.model.EnhancedImageScanFinding;
import software.amazon.awssdk.services.ecr.model.ImageScanFinding;
import software.amazon.awssdk.services.ecr.model.ImageScanFindings;
import software.amazon.awssdk.services.ecr.model.PackageVulnerabilityDetails;
import software.amazon.awssdk.services.ecr.model.VulnerablePackage;

/**
 * ECR's two shapes of findings as one: basic scanning's {@code findings} (the package in attributes, no fixed
 * version) and enhanced scanning's {@code enhancedFindings} (Amazon Inspector's, one finding per vulnerability
 * listing the vulnerable packages, each with the version that fixes it); an enhanced finding gives one
 * {@link Finding} per package.
 */
final class ScanFindings {

    /** {@code DescribeImageScanFindings} returns at most 1000 findings a page. */
    static final int PAGE_SIZE = 1000;

    private ScanFindings() {}

    static List<Finding> of(ImageScanFindings page) {
        List<Finding> findings = new ArrayList<>();
        if (page == null) {
            return findings;
        }
        for (ImageScanFinding basic : page.findings()) {
            findings.add(new Finding(
                    basic.name(),
                    Severity.fromRegistry(basic.severityAsString()),
                    attribute(basic, "package_name"),
                    attribute(basic, "package_version"),
                    Optional.empty(),
                    text(basic.uri()),
                    text(basic.description()),
                    "BASIC",
                    unknown(basic.severityAsString())));
        }
        for (EnhancedImageScanFinding enhanced : page.enhancedFindings()) {
            findings.addAll(of(enhanced));
        }
        return findings;
    }

    /** ECR's {@code findingSeverityCounts} of one page, per severity. */
    static Map<Severity, Long> counted(ImageScanFindings page) {
        Map<Severity, Long> counts = new EnumMap<>(Severity.class);
        if (page != null) {
            page.findingSeverityCountsAsStrings()
                    .forEach((severity, n) ->
                            counts.merge(Severity.fromRegistry(severity), n == null ? 0L : n.longValue(), Long::sum));
        }
        return counts;
    }

    /**
     * Per severity, how many findings ECR counts beyond those its pages listed. Every page carries the counts of
     * the whole scan: the largest of them is taken. The findings listed are counted one per package, as many as or
     * more than ECR's findings (an enhanced finding names several packages): whether ECR counts an enhanced finding
     * once or per package, no finding it listed is taken for an unlisted one.
     */
    static Map<Severity, Long> unlisted(List<Map<Severity, Long>> countedPerPage, List<Finding> findings) {
        Map<Severity, Long> listed = new EnumMap<>(Severity.class);
        findings.forEach(f -> listed.merge(f.severity(), 1L, Long::sum));
        Map<Severity, Long> counted = new EnumMap<>(Severity.class);
        countedPerPage.forEach(page -> page.forEach((severity, n) -> counted.merge(severity, n, Math::max)));
        Map<Severity, Long> unlisted = new EnumMap<>(Severity.class);
        counted.forEach((severity, n) -> {
            long missing = n - listed.getOrDefault(severity, 0L);
            if (missing > 0) {
                unlisted.put(severity, missing);
            }
        });
        return unlisted;
    }

    private static List<Finding> of(EnhancedImageScanFinding enhanced) {
        PackageVulnerabilityDetails details = enhanced.packageVulnerabilityDetails();
        String id = details != null && details.vulnerabilityId() != null ? details.vulnerabilityId() : enhanced.title();
        Severity severity = Severity.fromRegistry(enhanced.severity());
        Optional<String> link = details == null
                ? Optional.empty()
                : text(details.sourceUrl())
                        .or(() -> details.referenceUrls().stream().findFirst());
        Optional<String> description = text(enhanced.description());
        List<VulnerablePackage> packages = details == null ? List.of() : details.vulnerablePackages();
        if (packages.isEmpty()) {
            return List.of(new Finding(
                    id,
                    severity,
                    Optional.empty(),
                    Optional.empty(),
                    Optional.empty(),
                    link,
                    description,
                    "ENHANCED",
                    unknown(enhanced.severity())));
        }
        return packages.stream()
                .map(p -> new Finding(
                        id,
                        severity,
                        text(p.name()),
                        text(p.version()),
                        text(p.fixedInVersion()).filter(v -> !v.equals("NotAvailable")),
                        link,
                        description,
                        "ENHANCED",
                        unknown(enhanced.severity())))
                .toList();
    }

    /**
     * ECR's severity when this plugin does not know it. A finding without any severity is not one: ECR left it
     * unrated, as it does with {@code UNDEFINED}.
     */
    private static Optional<String> unknown(String severity) {
        return text(severity).filter(s -> !Severity.known(s)).map(String::strip);
    }

    private static Optional<String> attribute(ImageScanFinding finding, String key) {
        return finding.attributes().stream()
                .filter(a -> key.equals(a.key()))
                .map(Attribute::value)
                .findFirst()
                .flatMap(ScanFindings::text);
    }

    private static Optional<String> text(String value) {
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value);
    }
}

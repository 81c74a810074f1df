package io.github.ecrmavenplugin.aws;

import io.github.ecrmavenplugin.model.Severity;
import io.github.ecrmavenplugin.registry.Finding;
import java.util.ArrayList;
import java.util.List;
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
                    "BASIC"));
        }
        for (EnhancedImageScanFinding enhanced : page.enhancedFindings()) {
            findings.addAll(of(enhanced));
        }
        return findings;
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
                    id, severity, Optional.empty(), Optional.empty(), Optional.empty(), link, description, "ENHANCED"));
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
                        "ENHANCED"))
                .toList();
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

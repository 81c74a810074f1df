package io.github.ecrmavenplugin.scan;

import io.github.ecrmavenplugin.json.Json;
import io.github.ecrmavenplugin.model.Severity;
import io.github.ecrmavenplugin.registry.Finding;
import io.github.ecrmavenplugin.registry.Image;
import io.github.ecrmavenplugin.registry.ImageScan;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The scan as files for CI: a JSON report of every finding in one shape for basic and enhanced scanning, and a
 * SARIF 2.1.0 log, the format code-scanning dashboards read.
 */
public final class ScanReports {

    /** The schema SARIF producers name; dashboards accept it. */
    static final String SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";

    static final String TOOL_URI = "https://docs.aws.amazon.com/AmazonECR/latest/userguide/image-scanning.html";

    private ScanReports() {}

    /**
     * The JSON report of the image's scan and the gate's verdict.
     *
     * @param imageUri the image by digest, {@code <repository URI>@sha256:...}
     */
    public static String json(Image image, String imageUri, ImageScan scan, ScanVerdict verdict) {
        return json(image, imageUri, scan, verdict, new Signing(false, List.of(), java.util.Optional.empty()));
    }

    /** The same, with ECR's signing of the image. */
    static String json(Image image, String imageUri, ImageScan scan, ScanVerdict verdict, Signing signing) {
        Set<Finding> blocking = Set.copyOf(verdict.blocking());
        Set<Finding> accepted = Set.copyOf(verdict.accepted());
        Map<String, Object> report = new LinkedHashMap<>();
        Map<String, Object> imageJson = new LinkedHashMap<>();
        imageJson.put("repositoryName", image.repositoryName());
        imageJson.put("tags", image.tags());
        imageJson.put("digest", image.digest());
        imageJson.put("uri", imageUri);
        imageJson.put("sizeInBytes", image.sizeInBytes());
        imageJson.put("pushedAt", image.pushedAt().toString());
        report.put("image", imageJson);
        Map<String, Object> scanJson = new LinkedHashMap<>();
        scanJson.put("status", scan.status());
        scanJson.put("description", scan.description().orElse(null));
        report.put("scan", scanJson);
        report.put("signing", signing(signing));
        report.put("failOnSeverity", verdict.threshold().map(Enum::name).orElse(null));
        report.put("passed", !verdict.fails());
        Map<String, Object> counts = new LinkedHashMap<>();
        for (Severity severity : Severity.WORST_FIRST) {
            counts.put(severity.name(), verdict.counts().getOrDefault(severity, 0L));
        }
        report.put("severityCounts", counts);
        List<Object> findings = new ArrayList<>();
        for (Finding finding : sorted(scan.findings())) {
            Map<String, Object> f = new LinkedHashMap<>();
            f.put("id", finding.id());
            f.put("severity", finding.severity().name());
            f.put("packageName", finding.packageName().orElse(null));
            f.put("packageVersion", finding.packageVersion().orElse(null));
            f.put("fixedInVersion", finding.fixedIn().orElse(null));
            f.put("link", finding.link().orElse(null));
            f.put("description", finding.description().orElse(null));
            f.put("scanType", finding.scanType());
            f.put("accepted", accepted.contains(finding));
            f.put("failsBuild", blocking.contains(finding) || verdict.unrankable(finding));
            findings.add(f);
        }
        report.put("findings", findings);
        report.put(
                "expiredAcceptances",
                verdict.expired().stream()
                        .map(a -> Json.object(
                                "id", a.id(),
                                "expired", a.expires().map(Object::toString).orElse(null),
                                "reason", a.reason(),
                                "declaredIn", a.origin()))
                        .toList());
        return Json.pretty(report) + "\n";
    }

    private static Map<String, Object> signing(Signing signing) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("required", signing.required());
        json.put(
                "statuses",
                signing.statuses().stream()
                        .map(s -> Json.object(
                                "signingProfileArn", s.signingProfileArn(),
                                "status", s.status(),
                                "failureCode", s.failureCode().orElse(null),
                                "failureReason", s.failureReason().orElse(null)))
                        .toList());
        json.put("failure", signing.failure().orElse(null));
        return json;
    }

    /**
     * A SARIF log with one run: a rule per vulnerability, a result per finding, located at the image (an image has
     * no source file), with GitHub's {@code security-severity} so dashboards rank them as ECR does.
     *
     * @param imageUri the image by digest, {@code <repository URI>@sha256:...}
     */
    public static String sarif(String imageUri, ImageScan scan, ScanVerdict verdict, String toolVersion) {
        Set<Finding> accepted = Set.copyOf(verdict.accepted());
        List<Finding> findings = sorted(scan.findings());
        Map<String, Finding> rules = new LinkedHashMap<>();
        findings.forEach(f -> rules.putIfAbsent(f.id(), f));
        Map<String, Object> driver = new LinkedHashMap<>();
        driver.put("name", "Amazon ECR image scanning (ecr-maven-plugin)");
        driver.put("version", toolVersion);
        driver.put("informationUri", TOOL_URI);
        driver.put("rules", rules.values().stream().map(ScanReports::rule).toList());
        List<Object> results = new ArrayList<>();
        for (Finding finding : findings) {
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("ruleId", finding.id());
            result.put("level", level(finding.severity()));
            result.put(
                    "message",
                    Map.of(
                            "text",
                            finding.id() + " (" + finding.severity() + ") in " + finding.packageLabel()
                                    + finding.fixedIn()
                                            .map(v -> ", fixed in " + v)
                                            .orElse("")));
            Map<String, Object> location =
                    Map.of("physicalLocation", Map.of("artifactLocation", Map.of("uri", manifestUrl(imageUri))));
            result.put("locations", List.of(location));
            if (accepted.contains(finding)) {
                result.put(
                        "suppressions",
                        List.of(Map.of(
                                "kind", "external", "justification", "accepted in the build's ignored findings")));
            }
            results.add(result);
        }
        Map<String, Object> run = new LinkedHashMap<>();
        run.put("tool", Map.of("driver", driver));
        run.put("results", results);
        Map<String, Object> log = new LinkedHashMap<>();
        log.put("$schema", SARIF_SCHEMA);
        log.put("version", "2.1.0");
        log.put("runs", List.of(run));
        return Json.pretty(log) + "\n";
    }

    /**
     * Where the image lives as a URL, which SARIF requires of a location: {@code host/team/api@sha256:...} is no
     * URI (a port makes its first segment look like a scheme), its registry API URL
     * {@code https://host/v2/team/api/manifests/sha256:...} is.
     */
    static String manifestUrl(String imageUri) {
        int slash = imageUri.indexOf('/');
        int at = imageUri.lastIndexOf('@');
        return "https://" + imageUri.substring(0, slash) + "/v2/" + imageUri.substring(slash + 1, at) + "/manifests/"
                + imageUri.substring(at + 1);
    }

    private static Map<String, Object> rule(Finding finding) {
        Map<String, Object> rule = new LinkedHashMap<>();
        rule.put("id", finding.id());
        rule.put("shortDescription", Map.of("text", finding.id() + " (" + finding.severity() + ")"));
        finding.description().filter(d -> !d.isBlank()).ifPresent(d -> rule.put("fullDescription", Map.of("text", d)));
        // SARIF's helpUri must be an absolute URI; ECR passes on whatever text the vulnerability source gave.
        finding.link().ifPresent(link -> {
            if (absoluteUri(link)) {
                rule.put("helpUri", link);
            } else {
                rule.put("help", Map.of("text", link));
            }
        });
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("security-severity", securitySeverity(finding.severity()));
        properties.put(
                "tags", List.of("security", "vulnerability", finding.severity().name()));
        rule.put("properties", properties);
        return rule;
    }

    static boolean absoluteUri(String text) {
        try {
            return new URI(text).isAbsolute();
        } catch (URISyntaxException e) {
            return false;
        }
    }

    /** SARIF's levels: CRITICAL and HIGH are errors, MEDIUM a warning, the rest notes. */
    static String level(Severity severity) {
        return switch (severity) {
            case CRITICAL, HIGH -> "error";
            case MEDIUM -> "warning";
            default -> "note";
        };
    }

    /** A CVSS-like score per severity: what GitHub code scanning reads to rank security results. */
    private static String securitySeverity(Severity severity) {
        return switch (severity) {
            case CRITICAL -> "9.5";
            case HIGH -> "8.0";
            case MEDIUM -> "5.5";
            case LOW -> "2.0";
            default -> "0.0";
        };
    }

    private static List<Finding> sorted(List<Finding> findings) {
        List<Finding> copy = new ArrayList<>(findings);
        copy.sort(ScanVerdict.WORST_FIRST);
        return copy;
    }

    /** Distinct vulnerabilities among the findings, for the log. */
    public static String ids(List<Finding> findings) {
        return findings.stream().map(Finding::id).distinct().collect(Collectors.joining(", "));
    }
}

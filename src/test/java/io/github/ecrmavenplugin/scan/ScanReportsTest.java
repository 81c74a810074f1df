package io.github.ecrmavenplugin.scan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.github.ecrmavenplugin.aws.Registries;
import io.github.ecrmavenplugin.aws.TestConnections;
import io.github.ecrmavenplugin.emulator.EcrEmulator;
import io.github.ecrmavenplugin.emulator.RepositorySeed;
import io.github.ecrmavenplugin.emulator.ScanPlan;
import io.github.ecrmavenplugin.model.Severity;
import io.github.ecrmavenplugin.registry.Finding;
import io.github.ecrmavenplugin.registry.Image;
import io.github.ecrmavenplugin.registry.ImageScan;
import io.github.ecrmavenplugin.registry.Registry;
import java.io.InputStream;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The reports of a real (emulated) scan: the SARIF log validates against the SARIF 2.1.0 schema (from the npm
 * package {@code @microsoft/jest-sarif}, see {@code src/test/resources/sarif/README.md}), and the JSON report holds
 * every finding of a scan that takes several pages.
 */
class ScanReportsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static EcrEmulator emulator;
    private static Registry registry;
    private static JsonSchema sarifSchema;

    @BeforeAll
    static void start() throws Exception {
        emulator = EcrEmulator.builder().registryHost("127.0.0.1:5000").build().start();
        registry = Registries.connect(
                        new io.github.ecrmavenplugin.aws.ClientKey(
                                TestConnections.to(emulator),
                                io.github.ecrmavenplugin.aws.CredentialsSettings.DEFAULT,
                                Optional.empty()),
                        null,
                        s -> {})
                .registry();
        try (InputStream schema = ScanReportsTest.class.getResourceAsStream("/sarif/sarif-2.1.0-rtm.5.json")) {
            sarifSchema =
                    JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4).getSchema(schema);
        }
    }

    @AfterAll
    static void stop() {
        emulator.close();
    }

    private record Scanned(Image image, String uri, ImageScan scan) {}

    private static Scanned scanned(String repository, String fixture, String scanType) {
        emulator.seedRepository(new RepositorySeed(repository).scanOnPush(true));
        emulator.scanPlan(repository, new ScanPlan(Duration.ZERO, Duration.ZERO, "COMPLETE", scanType, fixture, null));
        emulator.registerPush(repository, "1.0", null, null);
        Image image = registry.image(repository, "1.0").orElseThrow();
        String uri = registry.describe(repository).orElseThrow().uri() + "@" + image.digest();
        return new Scanned(
                image, uri, registry.imageScan(repository, image.digest()).orElseThrow());
    }

    /** The schema's complaints, the first few of them. */
    private static List<String> validate(String sarif) throws Exception {
        return sarifSchema.validate(JSON.readTree(sarif)).stream()
                .map(ValidationMessage::getMessage)
                .limit(5)
                .toList();
    }

    @Test
    void sarifOfBasicAndEnhancedFindingsValidatesAgainstTheSchema() throws Exception {
        for (Scanned s : List.of(
                scanned("sarif/basic", "critical", "BASIC"),
                scanned("sarif/enhanced", "enhanced-critical", "ENHANCED"))) {
            AcceptedFinding accepted = new AcceptedFinding("CVE-2024-2961", Optional.empty(), "why", "pom");
            ScanVerdict verdict =
                    ScanVerdict.of(s.scan().findings(), Optional.of(Severity.HIGH), List.of(accepted), LocalDate.now());
            String sarif = ScanReports.sarif(s.uri(), s.scan(), verdict, "0.1.0");
            assertEquals(List.of(), validate(sarif));
            JsonNode run = JSON.readTree(sarif).get("runs").get(0);
            assertEquals(s.scan().findings().size(), run.get("results").size());
            assertEquals(
                    "CVE-2024-3094", run.get("results").get(0).get("ruleId").asText());
            assertEquals("error", run.get("results").get(0).get("level").asText());
            assertEquals(
                    "https://127.0.0.1:5000/v2/" + s.image().repositoryName() + "/manifests/"
                            + s.image().digest(),
                    run.get("results")
                            .get(0)
                            .get("locations")
                            .get(0)
                            .get("physicalLocation")
                            .get("artifactLocation")
                            .get("uri")
                            .asText());
        }
    }

    /** The validation is real: a log without its required version is refused. */
    @Test
    void theSchemaRefusesALogWithoutItsVersion() throws Exception {
        Scanned s = scanned("sarif/broken", "critical", "BASIC");
        String sarif = ScanReports.sarif(
                s.uri(),
                s.scan(),
                ScanVerdict.of(s.scan().findings(), Optional.empty(), List.of(), LocalDate.now()),
                "0.1.0");
        ObjectNode broken = (ObjectNode) JSON.readTree(sarif);
        broken.remove("version");
        assertFalse(sarifSchema.validate(broken).isEmpty());
    }

    @Test
    void theJsonReportListsEveryFindingOfAPagedScan() throws Exception {
        Scanned s = scanned("report/many", "generated:2345", "BASIC");
        ScanVerdict verdict =
                ScanVerdict.of(s.scan().findings(), Optional.of(Severity.CRITICAL), List.of(), LocalDate.now());
        JsonNode report = JSON.readTree(ScanReports.json(s.image(), s.uri(), s.scan(), verdict));
        assertEquals(2345, report.get("findings").size());
        assertEquals(s.image().digest(), report.get("image").get("digest").asText());
        assertEquals("COMPLETE", report.get("scan").get("status").asText());
        assertFalse(report.get("passed").asBoolean());
        long critical = report.get("severityCounts").get("CRITICAL").asLong();
        assertEquals(391, critical, "every sixth of 2345 generated findings");
        long failing = 0;
        for (JsonNode finding : report.get("findings")) {
            failing += finding.get("failsBuild").asBoolean() ? 1 : 0;
        }
        assertEquals(critical, failing);
        assertEquals(List.of(), validate(ScanReports.sarif(s.uri(), s.scan(), verdict, "0.1.0")));
    }

    private static Finding finding(String id, Severity severity, String fixedIn, String description) {
        return new Finding(
                id,
                severity,
                Optional.of("pkg"),
                Optional.of("1.0"),
                Optional.ofNullable(fixedIn),
                Optional.of("https://example.org/" + id),
                Optional.ofNullable(description),
                "ENHANCED");
    }

    private static final List<Finding> ONE_OF_EACH = List.of(
            finding("CVE-5", Severity.INFORMATIONAL, null, " "),
            finding("CVE-4", Severity.LOW, null, null),
            finding("CVE-3", Severity.MEDIUM, null, "medium"),
            finding("CVE-2", Severity.HIGH, "1.1", "high"),
            finding("CVE-1", Severity.CRITICAL, "1.2", "critical"));

    /** What dashboards read of each finding: its level, its score, its text, and whether the build accepted it. */
    @Test
    void sarifRanksEachSeverityAndMarksOnlyTheAcceptedFindingsAsSuppressed() throws Exception {
        ImageScan scan = new ImageScan("ACTIVE", Optional.empty(), ONE_OF_EACH);
        AcceptedFinding accepted = new AcceptedFinding("CVE-2", Optional.empty(), "why", "pom");
        ScanVerdict verdict =
                ScanVerdict.of(ONE_OF_EACH, Optional.of(Severity.HIGH), List.of(accepted), LocalDate.now());
        String uri = "127.0.0.1:5000/app@sha256:" + "ab".repeat(32);

        JsonNode run = JSON.readTree(ScanReports.sarif(uri, scan, verdict, "0.1.0"))
                .get("runs")
                .get(0);

        JsonNode rules = run.get("tool").get("driver").get("rules");
        JsonNode results = run.get("results");
        List<String> scores = new java.util.ArrayList<>();
        List<String> levels = new java.util.ArrayList<>();
        for (int i = 0; i < 5; i++) {
            scores.add(rules.get(i).get("properties").get("security-severity").asText());
            levels.add(results.get(i).get("level").asText());
            assertEquals(
                    i == 1, results.get(i).has("suppressions"), results.get(i).toString());
        }
        assertEquals(List.of("9.5", "8.0", "5.5", "2.0", "0.0"), scores);
        assertEquals(List.of("error", "error", "warning", "note", "note"), levels);
        assertEquals(
                "CVE-2 (HIGH) in pkg 1.0, fixed in 1.1",
                results.get(1).get("message").get("text").asText());
        assertEquals(
                "CVE-4 (LOW) in pkg 1.0",
                results.get(3).get("message").get("text").asText());
        assertEquals("high", rules.get(1).get("fullDescription").get("text").asText());
        assertFalse(rules.get(3).has("fullDescription"), rules.get(3).toString());
        assertFalse(rules.get(4).has("fullDescription"), rules.get(4).toString());
        assertEquals("https://example.org/CVE-1", rules.get(0).get("helpUri").asText());
        assertEquals(List.of(), validate(ScanReports.sarif(uri, scan, verdict, "0.1.0")));
    }

    @Test
    void theJsonReportSaysOfEachFindingWhetherItFailsTheBuildOrIsAccepted() throws Exception {
        ImageScan scan = new ImageScan("ACTIVE", Optional.of("watched"), ONE_OF_EACH);
        AcceptedFinding accepted = new AcceptedFinding("CVE-2", Optional.empty(), "why", "pom");
        ScanVerdict verdict =
                ScanVerdict.of(ONE_OF_EACH, Optional.of(Severity.HIGH), List.of(accepted), LocalDate.now());
        Image image = new Image("app", "sha256:" + "ab".repeat(32), List.of("1.0"), 2048, java.time.Instant.EPOCH);

        JsonNode report = JSON.readTree(ScanReports.json(image, "127.0.0.1:5000/app@" + image.digest(), scan, verdict));

        assertEquals("HIGH", report.get("failOnSeverity").asText());
        assertFalse(report.get("passed").asBoolean());
        assertEquals("watched", report.get("scan").get("description").asText());
        assertEquals(2048, report.get("image").get("sizeInBytes").asLong());
        assertEquals("1970-01-01T00:00:00Z", report.get("image").get("pushedAt").asText());
        JsonNode findings = report.get("findings");
        assertEquals("CVE-1", findings.get(0).get("id").asText());
        assertEquals(true, findings.get(0).get("failsBuild").asBoolean());
        assertEquals(false, findings.get(0).get("accepted").asBoolean());
        assertEquals("1.2", findings.get(0).get("fixedInVersion").asText());
        assertEquals(false, findings.get(1).get("failsBuild").asBoolean());
        assertEquals(true, findings.get(1).get("accepted").asBoolean());
        assertEquals("ENHANCED", findings.get(1).get("scanType").asText());
        assertEquals(false, report.get("signing").get("required").asBoolean());
        assertEquals(
                "CVE-1, CVE-2", ScanReports.ids(List.of(ONE_OF_EACH.get(4), ONE_OF_EACH.get(3), ONE_OF_EACH.get(3))));
    }
}

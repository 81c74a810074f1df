package io.github.ecrmavenplugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ecrmavenplugin.emulator.EcrEmulator;
import io.github.ecrmavenplugin.emulator.EmulatorExtension;
import io.github.ecrmavenplugin.emulator.RepositorySeed;
import io.github.ecrmavenplugin.emulator.ScanPlan;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.apache.maven.plugin.MojoFailureException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** verify-image against the emulator, for what the integration test does not play: enhanced scans, failed scans. */
class VerifyImageMojoTest {

    @RegisterExtension
    final EmulatorExtension emulatorExtension = MojoRunner.withCredentials(
            EmulatorExtension.perTest(EcrEmulator.builder().registryHost("127.0.0.1:5443")));

    private final EcrEmulator emulator = emulatorExtension.emulator();

    private String pushed(ScanPlan plan) {
        emulator.seedRepository(new RepositorySeed("app").scanOnPush(true));
        emulator.scanPlan("app", plan);
        String digest = "sha256:" + "d1".repeat(32);
        emulator.registerPush("app", "1.0", digest, 2048L);
        return digest;
    }

    @Test
    void enhancedFindingsFailWithTheirFixedVersionAndTheDigestIsPublished() throws Exception {
        String digest =
                pushed(new ScanPlan(Duration.ZERO, Duration.ZERO, "COMPLETE", "ENHANCED", "enhanced-critical", null));
        MojoRunner goal = MojoRunner.verifyImage(emulator).set("failOnSeverity", "critical");
        MojoFailureException e = assertThrows(MojoFailureException.class, goal::execute);
        assertTrue(e.getMessage().contains("ECR found 2 findings at or above CRITICAL in app:1.0"), e.getMessage());
        assertTrue(
                e.getMessage()
                        .matches("(?s).*CVE-2024-3094\\s+CRITICAL\\s+xz-utils 5\\.6\\.0\\s+5\\.6\\.1\\s+"
                                + "https://nvd\\.nist\\.gov/vuln/detail/CVE-2024-3094.*"),
                e.getMessage());
        assertEquals(digest, goal.projectProperties().getProperty("ecr.imageDigest"));
        assertEquals("127.0.0.1:5443/app@" + digest, goal.projectProperties().getProperty("ecr.imageUri"));
    }

    @Test
    void aFailedScanFailsTheGateWithEcrsDescriptionAndOnlyWarnsWithoutIt() throws Exception {
        pushed(new ScanPlan(Duration.ZERO, Duration.ZERO, "FAILED", "BASIC", "clean", "The scan failed: disk"));
        MojoFailureException e = assertThrows(
                MojoFailureException.class,
                () -> MojoRunner.verifyImage(emulator)
                        .set("failOnSeverity", "HIGH")
                        .execute());
        assertTrue(e.getMessage().contains("is FAILED: the scan failed: The scan failed: disk"), e.getMessage());

        MojoRunner reportOnly = MojoRunner.verifyImage(emulator);
        reportOnly.execute();
        assertTrue(
                reportOnly.log().stream().anyMatch(line -> line.startsWith("[WARNING]") && line.contains("is FAILED")),
                reportOnly.log()::toString);
    }

    @Test
    void offlineAGateFailsRatherThanPassAnImageItCannotRead() throws Exception {
        pushed(new ScanPlan(Duration.ZERO, Duration.ZERO, "COMPLETE", "BASIC", "critical", null));

        MojoFailureException gated = assertThrows(
                MojoFailureException.class,
                () -> MojoRunner.verifyImage(emulator)
                        .set("failOnSeverity", "HIGH")
                        .offline(true)
                        .execute());
        assertTrue(gated.getMessage().contains("Maven runs offline (-o)"), gated.getMessage());
        assertTrue(gated.getMessage().contains("<failOnSeverity> HIGH"), gated.getMessage());

        MojoFailureException signed = assertThrows(
                MojoFailureException.class,
                () -> MojoRunner.verifyImage(emulator)
                        .set("requireSignature", true)
                        .offline(true)
                        .execute());
        assertTrue(signed.getMessage().contains("<requireSignature>"), signed.getMessage());
        assertEquals(List.of(), emulator.calls(), "no call reached AWS");

        MojoRunner reportOnly = MojoRunner.verifyImage(emulator).offline(true);
        reportOnly.execute();
        assertTrue(
                reportOnly.log().stream()
                        .anyMatch(line -> line.startsWith("[WARNING]") && line.contains("Maven runs offline (-o)")),
                reportOnly::logText);
        MojoRunner planned = MojoRunner.verifyImage(emulator)
                .set("failOnSeverity", "HIGH")
                .set("plan", true)
                .offline(true);
        planned.execute();
        assertEquals(List.of(), emulator.calls(), "no call reached AWS");
    }

    @Test
    void findingsEcrCountsButDoesNotListFailTheGateAtTheirSeverity() throws Exception {
        pushed(new ScanPlan(Duration.ZERO, Duration.ZERO, "COMPLETE", "BASIC", "counted-not-listed", null));

        MojoFailureException e = assertThrows(
                MojoFailureException.class,
                () -> MojoRunner.verifyImage(emulator)
                        .set("failOnSeverity", "HIGH")
                        .execute());
        assertTrue(e.getMessage().contains("counts 1 finding it did not list (CRITICAL 1)"), e.getMessage());
        assertTrue(e.getMessage().contains("<failOnSeverity> HIGH cannot judge"), e.getMessage());

        MojoRunner reportOnly = MojoRunner.verifyImage(emulator);
        reportOnly.execute();
        assertTrue(
                reportOnly.log().stream()
                        .anyMatch(line -> line.startsWith("[WARNING]")
                                && line.contains("counts 1 finding it did not list (CRITICAL 1)")),
                reportOnly::logText);
    }

    @Test
    void findingsEcrCountsButDoesNotListBelowTheThresholdOnlyWarn() throws Exception {
        pushed(new ScanPlan(Duration.ZERO, Duration.ZERO, "COMPLETE", "BASIC", "counted-not-listed-low", null));

        MojoRunner gated = MojoRunner.verifyImage(emulator).set("failOnSeverity", "HIGH");
        gated.execute();

        assertTrue(
                gated.log().stream()
                        .anyMatch(line -> line.startsWith("[WARNING]")
                                && line.contains("counts 1 finding it did not list (LOW 1)")
                                && line.endsWith("; they are not in the reports")),
                gated::logText);
    }

    @Test
    void aFindingOfASeverityThePluginDoesNotKnowFailsTheGateAtAnyThreshold() throws Exception {
        pushed(new ScanPlan(Duration.ZERO, Duration.ZERO, "COMPLETE", "BASIC", "unknown-severity", null));

        MojoFailureException e = assertThrows(
                MojoFailureException.class,
                () -> MojoRunner.verifyImage(emulator)
                        .set("failOnSeverity", "CRITICAL")
                        .execute());
        assertTrue(
                e.getMessage().contains("1 finding of a severity this plugin does not know (SEVERE 1)"),
                e.getMessage());
        assertTrue(
                e.getMessage().contains("<failOnSeverity> CRITICAL cannot rank it: accept it with <ignoredFindings>"),
                e.getMessage());
        com.fasterxml.jackson.databind.JsonNode report = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(Files.readString(Path.of("target/mojo-runner/app/ecr-scan.json")));
        for (com.fasterxml.jackson.databind.JsonNode finding : report.get("findings")) {
            boolean severe = finding.get("id").asText().equals("CVE-2024-6387");
            assertEquals(severe, finding.get("failsBuild").asBoolean(), finding.toString());
        }

        MojoRunner accepted = MojoRunner.verifyImage(emulator)
                .set("failOnSeverity", "CRITICAL")
                .set("ignoredFindings", List.of(ignored("CVE-2024-6387")));
        accepted.execute();
        assertTrue(
                accepted.log().stream().noneMatch(line -> line.contains("does not know")),
                "an accepted finding is not reported as unranked: " + accepted.logText());

        MojoRunner reportOnly = MojoRunner.verifyImage(emulator);
        reportOnly.execute();
        assertTrue(
                reportOnly.log().stream().anyMatch(line -> line.startsWith("[WARNING]") && line.contains("(SEVERE 1)")),
                reportOnly::logText);
    }

    private static IgnoredFindingParameters ignored(String id) {
        IgnoredFindingParameters entry = new IgnoredFindingParameters();
        entry.id = id;
        entry.reason = "not reachable";
        return entry;
    }

    @Test
    void anImageEcrCannotScanFailsTheGateAndOnlyWarnsWithoutIt() throws Exception {
        pushed(new ScanPlan(Duration.ZERO, Duration.ZERO, "UNSUPPORTED_IMAGE", "BASIC", "clean", null));
        MojoFailureException e = assertThrows(
                MojoFailureException.class,
                () -> MojoRunner.verifyImage(emulator)
                        .set("failOnSeverity", "HIGH")
                        .execute());
        assertTrue(e.getMessage().contains("is UNSUPPORTED_IMAGE: ECR cannot scan this image"), e.getMessage());
        assertTrue(e.getMessage().contains("<failOnSeverity> HIGH cannot vouch"), e.getMessage());

        MojoRunner reportOnly = MojoRunner.verifyImage(emulator);
        reportOnly.execute();
        assertTrue(
                reportOnly.log().stream()
                        .anyMatch(line -> line.startsWith("[WARNING]") && line.contains("is UNSUPPORTED_IMAGE")),
                reportOnly::logText);
    }

    @Test
    void anImageEnhancedScanningNoLongerWatchesFailsTheGate() throws Exception {
        // Inspector closes the findings of an image whose scan duration ran out: ECR lists none
        pushed(new ScanPlan(
                Duration.ZERO, Duration.ZERO, "SCAN_ELIGIBILITY_EXPIRED", "ENHANCED", "enhanced-critical", null));
        MojoFailureException e = assertThrows(
                MojoFailureException.class,
                () -> MojoRunner.verifyImage(emulator)
                        .set("failOnSeverity", "HIGH")
                        .execute());
        assertTrue(e.getMessage().contains("is SCAN_ELIGIBILITY_EXPIRED"), e.getMessage());
        assertTrue(e.getMessage().contains("<failOnSeverity> HIGH cannot vouch"), e.getMessage());

        MojoRunner reportOnly = MojoRunner.verifyImage(emulator);
        reportOnly.execute();
        assertTrue(
                reportOnly.log().stream()
                        .anyMatch(line -> line.startsWith("[WARNING]") && line.contains("is SCAN_ELIGIBILITY_EXPIRED")),
                reportOnly::logText);
    }

    @Test
    void anUnknownSeverityNamesTheParameter() {
        MojoFailureException e = assertThrows(
                MojoFailureException.class,
                () -> MojoRunner.verifyImage(emulator)
                        .set("failOnSeverity", "SEVERE")
                        .execute());
        assertTrue(e.getMessage().contains("failOnSeverity"), e.getMessage());
    }

    @ParameterizedTest(name = "{0} scanning")
    @ValueSource(strings = {"BASIC", "ENHANCED"})
    void aFindingWithoutANameIsGatedByItsSeverityAndSaidSo(String scanType) throws Exception {
        pushed(new ScanPlan(Duration.ZERO, Duration.ZERO, "COMPLETE", scanType, "unnamed", null));
        MojoRunner goal = MojoRunner.verifyImage(emulator).set("failOnSeverity", "HIGH");

        MojoFailureException e = assertThrows(MojoFailureException.class, goal::execute);

        assertTrue(e.getMessage().contains("ECR found 1 finding at or above HIGH in app:1.0"), e.getMessage());
        assertTrue(e.getMessage().matches("(?s).*\\(no id\\)\\s+HIGH\\s+openssl.*"), e.getMessage());
        assertTrue(
                goal.log().stream()
                        .anyMatch(line ->
                                line.startsWith("[WARNING]") && line.contains("1 finding without a vulnerability id")),
                goal::logText);
    }

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(strings = {"", " ", "\t"})
    void anEmptyFailOnSeverityIsRefusedRatherThanTurnTheGateOff(String value) {
        // -Decr.failOnSeverity=$SEVERITY with the variable unset must not pass every image
        MojoFailureException e = assertThrows(
                MojoFailureException.class,
                () -> MojoRunner.verifyImage(emulator)
                        .set("failOnSeverity", value)
                        .execute());
        assertTrue(e.getMessage().contains("<failOnSeverity>"), e.getMessage());
        assertTrue(e.getMessage().contains("is empty"), e.getMessage());
        assertEquals(List.of(), emulator.calls(), "no call reached AWS");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"PT-5M", "-PT10S"})
    void aNegativeScanTimeoutIsRefusedBeforeAnyCall(String timeout) {
        MojoFailureException e = assertThrows(
                MojoFailureException.class,
                () -> MojoRunner.verifyImage(emulator)
                        .set("failOnSeverity", "HIGH")
                        .set("scanTimeout", timeout)
                        .execute());

        assertTrue(e.getMessage().contains("<scanTimeout>"), e.getMessage());
        assertTrue(e.getMessage().contains("\"" + timeout + "\" is negative"), e.getMessage());
        assertEquals(List.of(), emulator.calls(), "no call reached AWS");
    }

    @Test
    void aLinkThatIsNoUriStaysOutOfSarifsHelpUriAndInItsHelpText() throws Exception {
        pushed(new ScanPlan(Duration.ZERO, Duration.ZERO, "COMPLETE", "BASIC", "odd-links", null));
        MojoRunner goal = MojoRunner.verifyImage(emulator);
        goal.execute();

        String sarif = Files.readString(Path.of("target/mojo-runner/app/ecr-scan.sarif"));
        com.fasterxml.jackson.databind.JsonNode rules = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(sarif)
                .get("runs")
                .get(0)
                .get("tool")
                .get("driver")
                .get("rules");
        assertEquals(3, rules.size());
        for (com.fasterxml.jackson.databind.JsonNode rule : rules) {
            if (rule.has("helpUri")) {
                assertTrue(URI.create(rule.get("helpUri").asText()).isAbsolute(), rule.toString());
            }
        }
        assertEquals(
                "https://security-tracker.debian.org/tracker/CVE-2011-3374",
                rules.get(2).get("helpUri").asText());
        assertTrue(!rules.get(0).has("helpUri"), rules.get(0).toString());
        assertEquals(
                "see the vendor advisory", rules.get(0).get("help").get("text").asText());
        assertTrue(!rules.get(1).has("helpUri"), rules.get(1).toString());
    }
}

package io.github.ecrmavenplugin.scan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.ecrmavenplugin.aws.ClientKey;
import io.github.ecrmavenplugin.aws.CredentialsSettings;
import io.github.ecrmavenplugin.aws.Registries;
import io.github.ecrmavenplugin.aws.TestConnections;
import io.github.ecrmavenplugin.emulator.EcrEmulator;
import io.github.ecrmavenplugin.emulator.EcrEmulator.RegistryRule;
import io.github.ecrmavenplugin.emulator.EmulatorExtension;
import io.github.ecrmavenplugin.emulator.ManualClock;
import io.github.ecrmavenplugin.emulator.RepositorySeed;
import io.github.ecrmavenplugin.emulator.ScanPlan;
import io.github.ecrmavenplugin.model.ImageReference;
import io.github.ecrmavenplugin.registry.Registry;
import io.github.ecrmavenplugin.registry.RegistryException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * verify-image's work against the emulator on a clock the test moves: the waits for ECR's scan and signing (how
 * often it asks, how long it sleeps, what it says when the time is up, with and without a gate), and what the gate
 * writes to the build log and the reports.
 */
class ImageVerifierTest {

    private static final String PROFILE = "arn:aws:signer:us-east-1:123456789012:/signing-profiles/ci_signing";

    private final ManualClock clock = new ManualClock(Instant.parse("2026-11-30T12:00:00Z"));

    // One emulator for each test, not one for the class: PIT runs a test class again in the same JVM for each mutant,
    // and an emulator closed after the first run would fail every later run whatever the mutant.
    @RegisterExtension
    final EmulatorExtension emulatorExtension = EmulatorExtension.perTest(
            EcrEmulator.builder().registryHost("127.0.0.1:5443").clock(clock));

    @TempDir
    Path directory;

    private final List<String> log = new ArrayList<>();
    private final List<Duration> sleeps = new ArrayList<>();
    private EcrEmulator emulator;
    private Registry registry;

    @BeforeEach
    void connect() {
        emulator = emulatorExtension.emulator();
        registry = Registries.connect(
                        new ClientKey(TestConnections.to(emulator), CredentialsSettings.DEFAULT, Optional.empty()),
                        null,
                        s -> {})
                .registry();
    }

    private ImageVerifier verifier() {
        BuildLog buildLog = new BuildLog(
                line -> log.add("[DEBUG] " + line),
                line -> log.add("[INFO] " + line),
                line -> log.add("[WARNING] " + line),
                line -> log.add("[ERROR] " + line));
        return new ImageVerifier(
                registry,
                buildLog,
                duration -> {
                    sleeps.add(duration);
                    clock.advance(duration);
                },
                clock);
    }

    /** Repository app, which scans on push, its images scanned as {@code plan} says from now on. */
    private void repository(ScanPlan plan) {
        emulator.seedRepository(new RepositorySeed("app").scanOnPush(true));
        emulator.scanPlan("app", plan);
    }

    /** app:{@code tag} pushed; its digest. */
    private String push(String tag, long size) {
        emulator.registerPush("app", tag, null, size);
        return registry.image("app", tag).orElseThrow().digest();
    }

    /** app:{@code tag} pushed to a repository that scans on push, as {@code plan} says. */
    private String pushed(String tag, ScanPlan plan, long size) {
        repository(plan);
        return push(tag, size);
    }

    private static ScanPlan done(String fixture) {
        return new ScanPlan(Duration.ZERO, Duration.ZERO, "COMPLETE", "BASIC", fixture, null);
    }

    private static ScanPlan running() {
        return new ScanPlan(Duration.ZERO, Duration.ZERO, "NEVER", "BASIC", "clean", null);
    }

    private static PushedImage byTag(String tag) {
        return new PushedImage(
                new ImageReference("app", tag), List.of(), Optional.empty(), "<image>", Optional.empty());
    }

    private static ScanGate gate(String failOnSeverity, String scanTimeout, AcceptedFinding... accepted)
            throws Exception {
        return ScanGate.of(failOnSeverity, scanTimeout, false, List.of(accepted), false);
    }

    private ReportFiles reports() {
        return new ReportFiles(directory.resolve("ecr-scan.json"), directory.resolve("ecr-scan.sarif"), "0.1.0");
    }

    private void verify(PushedImage image, ScanGate gate) throws Exception {
        verifier().verify(image, gate, reports(), verified -> {});
    }

    private List<String> lines(String level) {
        return log.stream()
                .filter(line -> line.startsWith("[" + level + "] "))
                .map(line -> line.substring(level.length() + 3))
                .toList();
    }

    private JsonNode jsonReport() throws Exception {
        return new ObjectMapper().readTree(directory.resolve("ecr-scan.json").toFile());
    }

    @Test
    void aScanStillRunningAtTheTimeoutFailsTheGateAfterBackingOff() throws Exception {
        pushed("1.0", running(), 2048);

        VerificationFailure e =
                assertThrows(VerificationFailure.class, () -> verify(byTag("1.0"), gate("HIGH", "40s")));

        assertTrue(
                e.getMessage()
                        .startsWith("ECR's scan of app:1.0 is still IN_PROGRESS after 40 s (<scanTimeout> 40s), so the "
                                + "image's findings are not known. Raise <scanTimeout>"),
                e.getMessage());
        assertEquals(
                List.of(1L, 2L, 4L, 8L, 15L, 10L),
                sleeps.stream().map(Duration::toSeconds).toList());
        assertEquals(
                List.of("Waiting for ECR's scan of app:1.0: IN_PROGRESS after 0 s (up to 40s)"),
                lines("INFO").stream().filter(l -> l.startsWith("Waiting")).toList());
        assertFalse(Files.exists(directory.resolve("ecr-scan.json")), "no findings, no report");
    }

    @Test
    void withoutAGateAScanStillRunningIsOnlyReported() throws Exception {
        pushed("1.0", running(), 2048);

        verify(byTag("1.0"), gate(null, "40s"));

        assertEquals(Duration.ofSeconds(40), sleeps.stream().reduce(Duration.ZERO, Duration::plus));
        assertTrue(
                lines("WARNING")
                        .contains("ECR's scan of app:1.0 is still IN_PROGRESS after 40 s (<scanTimeout> 40s); its "
                                + "findings are not known"),
                log::toString);
    }

    @Test
    void planModeReadsTheScanOnceAndOnlyReportsThatItIsNotDone() throws Exception {
        pushed("1.0", running(), 2048);

        verifier().verify(byTag("1.0"), ScanGate.of("HIGH", "10m", true, List.of(), false), reports(), v -> {});

        assertEquals(List.of(), sleeps);
        assertTrue(
                lines("WARNING")
                        .contains("ECR's scan of app:1.0 is still IN_PROGRESS after one read (plan mode does not "
                                + "wait); its findings are not known"),
                log::toString);
    }

    @Test
    void aScanIsWaitedForThroughItsStatusesAndThenJudged() throws Exception {
        pushed(
                "1.0",
                new ScanPlan(Duration.ofSeconds(2), Duration.ofSeconds(5), "COMPLETE", "BASIC", "critical", null),
                2048);

        assertThrows(VerificationFailure.class, () -> verify(byTag("1.0"), gate("CRITICAL", "10m")));

        assertEquals(
                List.of(1L, 2L, 4L), sleeps.stream().map(Duration::toSeconds).toList());
        assertEquals(
                List.of(
                        "Waiting for ECR's scan of app:1.0: PENDING after 0 s (up to 10m)",
                        "Waiting for ECR's scan of app:1.0: IN_PROGRESS after 3 s (up to 10m)"),
                lines("INFO").stream().filter(l -> l.startsWith("Waiting")).toList());
    }

    @Test
    void theImageSizeIsShownInKilobytesUpToOneMebibyte() throws Exception {
        repository(done("clean"));
        push("small", 2048);
        push("below", 1024 * 1024 - 1);
        push("exact", 1024 * 1024);

        for (String tag : List.of("small", "below", "exact")) {
            verify(byTag(tag), gate(null, "10m"));
        }

        List<String> sizes = lines("INFO").stream()
                .filter(l -> l.startsWith("ECR image app:"))
                .map(l -> l.split(", ")[1])
                .toList();
        assertEquals(List.of("2.0 KB", "1024.0 KB", "1.0 MB"), sizes);
    }

    @Test
    void theDigestsSourceIsNamedWhenTheImageIsFoundByIt() throws Exception {
        String digest = pushed("1.0", done("clean"), 2048);

        verify(
                new PushedImage(
                        new ImageReference("app", "1.0"),
                        List.of("1.0"),
                        Optional.of(digest),
                        "target/jib-image.json",
                        Optional.empty()),
                gate("HIGH", "10m"));

        assertTrue(
                lines("INFO").stream()
                        .anyMatch(l -> l.startsWith("ECR image app:1.0: " + digest + ", 2.0 KB, pushed ")
                                && l.endsWith(" (digest from target/jib-image.json)")),
                log::toString);
    }

    @Test
    void aFailingGateLogsItsMessageLineByLineAsErrors() throws Exception {
        pushed("1.0", done("critical"), 2048);

        VerificationFailure e =
                assertThrows(VerificationFailure.class, () -> verify(byTag("1.0"), gate("MEDIUM", "10m")));

        List<String> errors = lines("ERROR");
        assertEquals(e.getMessage(), String.join(System.lineSeparator(), errors));
        assertEquals(
                "ECR found 2 findings at or above MEDIUM in app:1.0 (CRITICAL 1, HIGH 0, MEDIUM 1, LOW 1, "
                        + "INFORMATIONAL 0): CVE-2024-3094, CVE-2019-5188",
                errors.get(0));
        assertTrue(errors.get(1).startsWith("VULNERABILITY"), errors.get(1));
        assertTrue(errors.get(2).startsWith("CVE-2024-3094"), errors.get(2));
        assertTrue(errors.get(4).startsWith("Fix them"), errors.get(4));
        assertTrue(
                lines("INFO")
                        .contains("ECR scan reports: " + directory.resolve("ecr-scan.json") + ", "
                                + directory.resolve("ecr-scan.sarif")),
                log::toString);
        assertFalse(String.join("\n", log).contains("without a vulnerability id"), log::toString);
    }

    @Test
    void withoutAGateTheWorstFindingsAreListedWorstFirst() throws Exception {
        // Generated findings come in turn: CRITICAL, HIGH, MEDIUM, LOW, INFORMATIONAL, UNDEFINED, CRITICAL.
        pushed("1.0", done("generated:7"), 2048);

        verify(byTag("1.0"), gate(null, "10m"));

        List<String> table = lines("INFO").stream()
                .filter(l -> l.startsWith("  "))
                .map(String::strip)
                .toList();
        assertEquals(8, table.size(), log::toString);
        assertTrue(table.get(0).startsWith("VULNERABILITY"), table.get(0));
        assertTrue(table.get(1).startsWith("CVE-2099-00001 "), table.get(1));
        assertTrue(table.get(2).startsWith("CVE-2099-00007 "), table.get(2));
        assertTrue(table.get(3).startsWith("CVE-2099-00002 "), table.get(3));
    }

    @Test
    void noTableForACleanScanNorForAGateThatPasses() throws Exception {
        pushed("clean", done("clean"), 2048);
        verify(byTag("clean"), gate(null, "10m"));
        emulator.scanPlan("app", done("critical"));
        push("accepted", 2048);
        verify(
                byTag("accepted"),
                gate(
                        "HIGH",
                        "10m",
                        new AcceptedFinding("CVE-2024-3094", Optional.empty(), "not reachable", "pom.xml")));

        assertFalse(String.join("\n", log).contains("VULNERABILITY"), log::toString);
        assertTrue(lines("INFO").contains("Accepted (ignored) findings: CVE-2024-3094"), log::toString);
        assertTrue(
                lines("INFO")
                        .contains("ECR scan of app:clean (COMPLETE): 0 findings: CRITICAL 0, HIGH 0, MEDIUM 0, LOW 0, "
                                + "INFORMATIONAL 0"),
                log::toString);
    }

    @Test
    void anExpiredAcceptanceIsSaidAndItsFindingFailsTheGateAgain() throws Exception {
        pushed("1.0", done("critical"), 2048);
        LocalDate yesterday =
                LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC).minusDays(1);
        AcceptedFinding expired =
                new AcceptedFinding("CVE-2024-3094", Optional.of(yesterday), "until the fix", ".ecr-ignore line 2");

        VerificationFailure e =
                assertThrows(VerificationFailure.class, () -> verify(byTag("1.0"), gate("HIGH", "10m", expired)));

        assertTrue(e.getMessage().startsWith("ECR found 1 finding at or above HIGH"), e.getMessage());
        assertEquals(
                List.of("Accepted finding CVE-2024-3094 expired on " + yesterday + " (.ecr-ignore line 2): it counts "
                        + "again. Fix it, or renew the entry with a reason"),
                lines("WARNING"));
        JsonNode acceptance = jsonReport().get("expiredAcceptances").get(0);
        assertEquals("CVE-2024-3094", acceptance.get("id").asText());
        assertEquals(yesterday.toString(), acceptance.get("expired").asText());
        assertEquals("until the fix", acceptance.get("reason").asText());
        assertEquals(".ecr-ignore line 2", acceptance.get("declaredIn").asText());
    }

    @Test
    void anImageEcrCannotScanFailsAGateAndIsAWarningWithoutOne() throws Exception {
        pushed(
                "1.0",
                new ScanPlan(Duration.ZERO, Duration.ZERO, "UNSUPPORTED_IMAGE", "BASIC", "clean", "Not supported"),
                2048);

        VerificationFailure e =
                assertThrows(VerificationFailure.class, () -> verify(byTag("1.0"), gate("HIGH", "10m")));
        assertTrue(e.getMessage().startsWith("ECR scan of app:1.0 is UNSUPPORTED_IMAGE"), e.getMessage());
        assertTrue(
                e.getMessage().contains("<failOnSeverity> HIGH cannot vouch for an image without findings"),
                e.getMessage());

        log.clear();
        verify(byTag("1.0"), gate(null, "10m"));

        assertEquals(
                List.of("ECR scan of app:1.0 is UNSUPPORTED_IMAGE: ECR cannot scan this image (its operating system "
                        + "or packages are not supported by the scanner), so there are no findings to gate; a base "
                        + "image the scanner supports, or the registry's enhanced scanning (Amazon Inspector), gives "
                        + "some: Not supported"),
                lines("WARNING"));
    }

    @Test
    void aSigningInProgressIsWaitedForWithBackOff() throws Exception {
        emulator.signingRules(RegistryRule.of(PROFILE));
        emulator.signingPlan("app", Duration.ofSeconds(5), "COMPLETE", null, null);
        pushed("1.0", done("clean"), 2048);

        verifier().verify(byTag("1.0"), ScanGate.of("HIGH", "10m", false, List.of(), true), reports(), v -> {});

        assertEquals(
                List.of(1L, 2L, 4L), sleeps.stream().map(Duration::toSeconds).toList());
        assertEquals(
                3,
                lines("INFO").stream()
                        .filter(l -> l.startsWith("Waiting for ECR's signing"))
                        .count());
        assertTrue(jsonReport().get("signing").get("required").asBoolean());
    }

    @Test
    void aSigningStillInProgressIsWaitedForNoLongerThanTheTimeout() throws Exception {
        emulator.signingRules(RegistryRule.of(PROFILE));
        emulator.signingPlan("app", Duration.ZERO, "NEVER", null, null);
        pushed("1.0", done("clean"), 2048);

        VerificationFailure e = assertThrows(
                VerificationFailure.class,
                () -> verifier()
                        .verify(byTag("1.0"), ScanGate.of("HIGH", "10s", false, List.of(), true), reports(), v -> {}));

        assertEquals(
                List.of(1L, 2L, 4L, 3L),
                sleeps.stream().map(Duration::toSeconds).toList());
        assertTrue(e.getMessage().contains("is still IN_PROGRESS after <scanTimeout> 10s"), e.getMessage());
    }

    @Test
    void aSigningStatusOtherThanCompleteFailsWhenRequired() throws Exception {
        emulator.signingRules(RegistryRule.of(PROFILE));
        emulator.signingPlan("app", Duration.ZERO, "REVOKED", null, null);
        pushed("1.0", done("clean"), 2048);

        VerificationFailure e = assertThrows(
                VerificationFailure.class,
                () -> verifier()
                        .verify(byTag("1.0"), ScanGate.of("HIGH", "10m", false, List.of(), true), reports(), v -> {}));

        assertEquals("ECR's signing of app:1.0 is REVOKED, not COMPLETE", e.getMessage());
        assertEquals(
                "ECR's signing of app:1.0 is REVOKED, not COMPLETE",
                jsonReport().get("signing").get("failure").asText());
    }

    @Test
    void signingRulesTheBuildMayNotReadAreNamedWhenNoSignatureIsThere() throws Exception {
        pushed("1.0", done("clean"), 2048);
        emulator.faults().accessDenied("GetSigningConfiguration");

        VerificationFailure e = assertThrows(
                VerificationFailure.class,
                () -> verifier()
                        .verify(byTag("1.0"), ScanGate.of(null, "10m", false, List.of(), true), reports(), v -> {}));

        assertEquals(
                "ECR has not signed app:1.0: no signing status, and the build may not call "
                        + "ecr:GetSigningConfiguration to read the registry's signing rules (mvn ecr:print-iam-policy "
                        + "lists it)",
                e.getMessage());
    }

    @Test
    void scanningSettingsTheBuildMayNotReadLeaveTheRepositorysOwnSetting() throws Exception {
        emulator.seedRepository(new RepositorySeed("app"));
        emulator.scanPlan("app", done("clean"));
        emulator.registerPush("app", "1.0", null, 2048L);
        emulator.faults().accessDenied("GetRegistryScanningConfiguration");

        verify(byTag("1.0"), gate("HIGH", "10m"));

        assertEquals(
                List.of("Cannot read how ECR scans repository app: the build may not call "
                        + "ecr:GetRegistryScanningConfiguration (mvn ecr:print-iam-policy lists it); going by its own "
                        + "scanOnPush"),
                lines("WARNING"));
        assertTrue(
                lines("DEBUG")
                        .contains("ECR has no scan of app:1.0 yet: repository app does not scan on push "
                                + "(ecr:GetRegistryScanningConfiguration is denied)"),
                log::toString);
        assertTrue(lines("INFO")
                .contains("ECR scan of app:1.0 (COMPLETE): 0 findings: CRITICAL 0, HIGH 0, MEDIUM 0, "
                        + "LOW 0, INFORMATIONAL 0"));
    }

    @Test
    void aStartedScanThatFailsForAnotherReasonIsNotTakenForARefusal() {
        emulator.seedRepository(new RepositorySeed("app"));
        emulator.registerPush("app", "1.0", null, 2048L);
        emulator.faults().serverError("StartImageScan", 10);

        RegistryException e = assertThrows(RegistryException.class, () -> verify(byTag("1.0"), gate("HIGH", "10m")));

        assertFalse(e.isAccessDenied());
    }

    @Test
    void anImageEcrRefusesToScanOnRequestFailsTheGateWithEcrsReason() {
        emulator.seedRepository(new RepositorySeed("app"));
        Instant pushedAt = clock.instant().minus(Duration.ofDays(400));
        emulator.seedImage(
                "app", new RepositorySeed.ImageSeed(List.of("1.0"), pushedAt, null, pushedAt.plus(Duration.ofDays(1))));

        VerificationFailure e =
                assertThrows(VerificationFailure.class, () -> verify(byTag("1.0"), gate("HIGH", "10m")));

        assertTrue(e.getMessage().startsWith("ECR cannot scan app:1.0 on request (StartImageScan): "), e.getMessage());
        assertTrue(e.getMessage().contains("(ImageArchivedException)"), e.getMessage());
        assertTrue(
                e.getMessage().contains("Instead, turn on scanning on push for it")
                        && e.getMessage().endsWith("or drop <failOnSeverity> (-Decr.failOnSeverity) to only report"),
                e.getMessage());
    }

    /** Scanning turned on after the push: ECR will not scan the image by itself, but the gate is told it will. */
    @Test
    void scanningOnPushTurnedOnAfterThePushIsWaitedForUntilTheTimeout() {
        emulator.seedRepository(new RepositorySeed("app"));
        emulator.registerPush("app", "1.0", null, 2048L);
        emulatorExtension
                .client()
                .putImageScanningConfiguration(
                        r -> r.repositoryName("app").imageScanningConfiguration(c -> c.scanOnPush(true)));

        VerificationFailure e =
                assertThrows(VerificationFailure.class, () -> verify(byTag("1.0"), gate("HIGH", "30s")));

        assertTrue(
                e.getMessage().startsWith("ECR's scan of app:1.0 is still not started after 30 s (<scanTimeout> 30s)"),
                e.getMessage());
        assertTrue(
                lines("DEBUG").contains("ECR has no scan of app:1.0 yet: repository app scans on push"), log::toString);
        assertEquals(0, emulator.calls("StartImageScan").size());
    }

    @Test
    void aRegistryRuleAddedAfterThePushIsNamedAsWhatScansTheRepository() throws Exception {
        emulator.seedRepository(new RepositorySeed("app"));
        emulator.registerPush("app", "1.0", null, 2048L);
        emulator.registryScanning("BASIC", RegistryRule.of("SCAN_ON_PUSH", "ap*"));

        verify(byTag("1.0"), gate(null, "5s"));

        assertTrue(
                lines("DEBUG")
                        .contains("ECR has no scan of app:1.0 yet: the registry's rule SCAN_ON_PUSH for ap* covers "
                                + "repository app"),
                log::toString);
        assertTrue(
                lines("WARNING")
                        .contains("ECR's scan of app:1.0 is still not started after 5 s (<scanTimeout> 5s); its "
                                + "findings are not known"),
                log::toString);
    }

    @Test
    void anImageThatIsNotInEcrFailsSayingWhatIsMissing() throws Exception {
        VerificationFailure noRepository =
                assertThrows(VerificationFailure.class, () -> verify(byTag("1.0"), gate(null, "10m")));
        assertTrue(
                noRepository.getMessage().startsWith("No image app:1.0 in ECR (its repository does not exist)."),
                noRepository.getMessage());

        emulator.seedRepository(new RepositorySeed("app"));
        VerificationFailure noTag =
                assertThrows(VerificationFailure.class, () -> verify(byTag("1.0"), gate(null, "10m")));
        assertTrue(
                noTag.getMessage().startsWith("No image app:1.0 in ECR (ECR has no such image)."), noTag.getMessage());

        String digest = "sha256:" + "ef".repeat(32);
        VerificationFailure noDigest = assertThrows(
                VerificationFailure.class,
                () -> verify(
                        new PushedImage(
                                new ImageReference("app", "1.0"),
                                List.of("1.0"),
                                Optional.of(digest),
                                "target/jib-image.json",
                                Optional.empty()),
                        gate(null, "10m")));
        assertTrue(
                noDigest.getMessage()
                        .startsWith("No image app@" + digest + " in ECR, though target/jib-image.json says the build "
                                + "pushed it there."),
                noDigest.getMessage());
    }

    @Test
    void withoutAGateAnImageEnhancedScanningLeavesOutIsReportedWithoutWaiting() throws Exception {
        emulator.seedRepository(new RepositorySeed("app"));
        emulator.registryScanning("ENHANCED", RegistryRule.of("CONTINUOUS_SCAN", "team/*"));
        emulator.registerPush("app", "1.0", null, 2048L);

        verify(byTag("1.0"), gate(null, "10m"));

        assertEquals(List.of(), sleeps);
        assertEquals(
                List.of("ECR does not scan app:1.0: no rule of the registry's enhanced scanning covers repository app "
                        + "(ENHANCED scanning, rules: CONTINUOUS_SCAN for team/*), and enhanced scanning takes no "
                        + "request to scan an image"),
                lines("WARNING"));
    }
}

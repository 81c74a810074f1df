package io.github.ecrmavenplugin.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ecrmavenplugin.emulator.EcrEmulator;
import io.github.ecrmavenplugin.emulator.ManualClock;
import io.github.ecrmavenplugin.emulator.RepositorySeed;
import io.github.ecrmavenplugin.emulator.ScanPlan;
import io.github.ecrmavenplugin.model.Severity;
import io.github.ecrmavenplugin.registry.Finding;
import io.github.ecrmavenplugin.registry.Image;
import io.github.ecrmavenplugin.registry.ImageScan;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Images and their scans through the SDK, against the emulator's DescribeImages and DescribeImageScanFindings. */
class SdkRegistryScanTest {

    private static final String DIGEST = "sha256:" + "ab".repeat(32);
    private static final ManualClock CLOCK = new ManualClock(java.time.Instant.parse("2026-11-30T12:00:00Z"));
    private static EcrEmulator emulator;
    private static SdkRegistry registry;

    @BeforeAll
    static void start() {
        emulator = EcrEmulator.builder()
                .registryHost("127.0.0.1:5000")
                .clock(CLOCK)
                .build()
                .start();
        registry = new SdkRegistry(EcrClients.client(TestConnections.to(emulator)), null);
    }

    @AfterAll
    static void stop() {
        emulator.close();
    }

    @BeforeEach
    void reset() {
        emulator.reset();
    }

    private static void pushed(String repository, boolean scanOnPush, ScanPlan plan) {
        emulator.seedRepository(new RepositorySeed(repository).scanOnPush(scanOnPush));
        emulator.scanPlan(repository, plan);
        assertTrue(emulator.registerPush(repository, "1.0", DIGEST, 4242L));
    }

    private static ScanPlan immediate(String fixture, String scanType) {
        return new ScanPlan(Duration.ZERO, Duration.ZERO, "COMPLETE", scanType, fixture, null);
    }

    @Test
    void findsAnImageByTagAndByDigest() {
        pushed("team/api", false, ScanPlan.DEFAULT);
        Image image = registry.image("team/api", "1.0").orElseThrow();
        assertEquals(DIGEST, image.digest());
        assertEquals(4242L, image.sizeInBytes());
        assertEquals(java.util.List.of("1.0"), image.tags());
        assertEquals(DIGEST, registry.image("team/api", DIGEST).orElseThrow().digest());
        assertEquals(Optional.empty(), registry.image("team/api", "2.0"));
    }

    @Test
    void noScanWhenScanningIsOff() {
        pushed("team/api", false, ScanPlan.DEFAULT);
        assertEquals(Optional.empty(), registry.imageScan("team/api", DIGEST));
    }

    @Test
    void aScanMovesFromPendingThroughInProgressToComplete() {
        pushed(
                "team/api",
                true,
                new ScanPlan(Duration.ofMillis(400), Duration.ofMillis(400), "COMPLETE", "BASIC", "critical", null));
        ImageScan first = registry.imageScan("team/api", DIGEST).orElseThrow();
        assertEquals("PENDING", first.status());
        assertTrue(first.findings().isEmpty());
        CLOCK.advance(Duration.ofMillis(500));
        assertEquals(
                "IN_PROGRESS",
                registry.imageScan("team/api", DIGEST).orElseThrow().status());
        CLOCK.advance(Duration.ofMillis(300));
        ImageScan done = registry.imageScan("team/api", DIGEST).orElseThrow();
        assertEquals("COMPLETE", done.status());
        assertEquals(Optional.of("The scan was completed successfully."), done.description());
        Finding xz = done.findings().get(0);
        assertEquals("CVE-2024-3094", xz.id());
        assertEquals(Severity.CRITICAL, xz.severity());
        assertEquals(Optional.of("xz-utils"), xz.packageName());
        assertEquals(Optional.of("5.6.0-0.2"), xz.packageVersion());
        assertEquals(Optional.empty(), xz.fixedIn());
        assertEquals(Optional.of("https://security-tracker.debian.org/tracker/CVE-2024-3094"), xz.link());
        assertEquals(3, done.findings().size());
    }

    @Test
    void failedAndUnsupportedScansCarryEcrsDescription() {
        pushed(
                "team/api",
                true,
                new ScanPlan(Duration.ZERO, Duration.ZERO, "UNSUPPORTED_IMAGE", "BASIC", "clean", null));
        ImageScan scan = registry.imageScan("team/api", DIGEST).orElseThrow();
        assertEquals("UNSUPPORTED_IMAGE", scan.status());
        assertTrue(scan.description().orElseThrow().startsWith("UnsupportedImageError"), scan.description()::get);
    }

    @Test
    void readsEveryPageOfThousandsOfFindings() {
        pushed("team/api", true, immediate("generated:2500", "BASIC"));
        emulator.clearCalls();
        ImageScan scan = registry.imageScan("team/api", DIGEST).orElseThrow();
        assertEquals(2500, scan.findings().size());
        assertEquals(2500, scan.findings().stream().map(Finding::id).distinct().count());
        assertEquals(3, emulator.calls("DescribeImageScanFindings").size(), "pages of 1000");
        assertEquals(Map.of(), scan.unlisted(), "each page counts the whole scan; the pages together list it");
    }

    @Test
    void enhancedFindingsGiveOneFindingPerVulnerablePackageWithTheFixedVersion() {
        // Enhanced scanning scans whatever the repository's scan on push says.
        pushed("team/api", false, immediate("enhanced-critical", "ENHANCED"));
        ImageScan scan = registry.imageScan("team/api", DIGEST).orElseThrow();
        assertEquals("ACTIVE", scan.status());
        assertEquals(3, scan.findings().size());
        Finding xz = scan.findings().get(0);
        assertEquals("CVE-2024-3094", xz.id());
        assertEquals(Severity.CRITICAL, xz.severity());
        assertEquals(Optional.of("xz-utils"), xz.packageName());
        assertEquals(Optional.of("5.6.0"), xz.packageVersion());
        assertEquals(Optional.of("5.6.1"), xz.fixedIn());
        assertEquals(Optional.of("https://nvd.nist.gov/vuln/detail/CVE-2024-3094"), xz.link());
        assertEquals("ENHANCED", xz.scanType());
        assertEquals(Optional.of("liblzma5"), scan.findings().get(1).packageName());
        Finding libc = scan.findings().get(2);
        assertEquals(Severity.MEDIUM, libc.severity());
        assertEquals(Optional.empty(), libc.fixedIn(), "ECR's NotAvailable is no version");
        assertEquals(Map.of(), scan.unlisted(), "ECR counts an enhanced finding of two packages once");
    }
}

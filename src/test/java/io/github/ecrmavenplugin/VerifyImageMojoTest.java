package io.github.ecrmavenplugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ecrmavenplugin.emulator.EcrEmulator;
import io.github.ecrmavenplugin.emulator.EmulatorExtension;
import io.github.ecrmavenplugin.emulator.RepositorySeed;
import io.github.ecrmavenplugin.emulator.ScanPlan;
import java.time.Duration;
import org.apache.maven.plugin.MojoFailureException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

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
    void anUnknownSeverityNamesTheParameter() {
        MojoFailureException e = assertThrows(
                MojoFailureException.class,
                () -> MojoRunner.verifyImage(emulator)
                        .set("failOnSeverity", "SEVERE")
                        .execute());
        assertTrue(e.getMessage().contains("failOnSeverity"), e.getMessage());
    }
}

package io.github.ecrmavenplugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ecrmavenplugin.emulator.EcrEmulator;
import io.github.ecrmavenplugin.emulator.EcrEmulator.RegistryRule;
import io.github.ecrmavenplugin.emulator.EmulatorExtension;
import io.github.ecrmavenplugin.emulator.RepositorySeed;
import io.github.ecrmavenplugin.emulator.ScanPlan;
import java.time.Duration;
import org.apache.maven.plugin.MojoFailureException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A gate never passes an image without findings to judge: when ECR will not scan the pushed image by itself (the
 * repository does not scan on push, or the registry's rules leave it out), verify-image with {@code failOnSeverity}
 * starts a scan and gates on it; where no scan can be had, it fails, saying why and what to change. Without a gate
 * it reports.
 */
class VerifyImageScanningTest {

    @RegisterExtension
    final EmulatorExtension emulatorExtension = MojoRunner.withCredentials(
            EmulatorExtension.perTest(EcrEmulator.builder().registryHost("127.0.0.1:5443")));

    private final EcrEmulator emulator = emulatorExtension.emulator();

    /** app:1.0 pushed to a repository that does not scan on push; a scan, once started, finds a CRITICAL. */
    private void pushedUnscanned(String fixture) {
        emulator.seedRepository(new RepositorySeed("app"));
        emulator.scanPlan(
                "app", new ScanPlan(Duration.ZERO, Duration.ofMillis(300), "COMPLETE", "BASIC", fixture, null));
        emulator.registerPush("app", "1.0", null, null);
        emulator.clearCalls();
    }

    private MojoRunner gate() {
        return MojoRunner.verifyImage(emulator).set("failOnSeverity", "HIGH");
    }

    @Test
    void scanOnPushOffAndAGateStartsAScanAndGatesOnIt() {
        pushedUnscanned("critical");

        MojoRunner goal = gate();
        MojoFailureException e = assertThrows(MojoFailureException.class, goal::execute);

        assertEquals(1, emulator.calls("StartImageScan").size());
        assertTrue(e.getMessage().contains("ECR found 1 finding at or above HIGH in app:1.0"), e.getMessage());
        assertTrue(
                goal.logText()
                        .contains("ECR had not scanned app:1.0 (repository app does not scan on push and the "
                                + "registry has no scanning rules): started a scan on request"),
                goal.logText());
    }

    @Test
    void aStartedScanThatIsCleanPasses() throws Exception {
        pushedUnscanned("clean");

        MojoRunner goal = gate();
        goal.execute();

        assertEquals(1, emulator.calls("StartImageScan").size());
        assertTrue(goal.logText().contains("ECR scan of app:1.0 (COMPLETE): 0 findings"), goal.logText());
        // One read before the start, one a second after it: the goal sleeps between reads, it does not spin.
        int reads = emulator.calls("DescribeImageScanFindings").size();
        assertTrue(reads >= 2 && reads <= 3, reads + " reads");
    }

    @Test
    void registryRulesThatLeaveTheRepositoryOutStartAScanEvenIfItScansOnPush() {
        emulator.seedRepository(new RepositorySeed("app").scanOnPush(true));
        emulator.registryScanning("BASIC", RegistryRule.of("SCAN_ON_PUSH", "team/*"));
        emulator.scanPlan("app", new ScanPlan(Duration.ZERO, Duration.ZERO, "COMPLETE", "BASIC", "critical", null));
        emulator.registerPush("app", "1.0", null, null);
        emulator.clearCalls();

        MojoRunner goal = gate();
        MojoFailureException e = assertThrows(MojoFailureException.class, goal::execute);

        assertEquals(1, emulator.calls("StartImageScan").size());
        assertTrue(e.getMessage().contains("ECR found 1 finding at or above HIGH"), e.getMessage());
        assertTrue(
                goal.logText()
                        .contains("no rule of the registry's basic scanning covers repository app (BASIC "
                                + "scanning, rules: SCAN_ON_PUSH for team/*)"),
                goal.logText());
    }

    @Test
    void aRegistryRuleThatScansOnPushIsWaitedForWithoutStartingAScan() throws Exception {
        emulator.seedRepository(new RepositorySeed("team/api"));
        emulator.registryScanning("BASIC", RegistryRule.of("SCAN_ON_PUSH", "team/*"));
        emulator.registerPush("team/api", "1.0", null, null);
        emulator.clearCalls();

        MojoRunner goal = gate().set("image", "team/api:1.0");
        goal.execute();

        assertEquals(0, emulator.calls("StartImageScan").size());
        assertTrue(goal.logText().contains("ECR scan of team/api:1.0 (COMPLETE): 0 findings"), goal.logText());
    }

    @Test
    void limitExceededFailsTheGateNamingTheReasonAndTheFix() {
        pushedUnscanned("clean");
        emulator.basicScansLeft(0);

        MojoFailureException e = assertThrows(MojoFailureException.class, gate()::execute);

        assertTrue(e.getMessage().startsWith("ECR cannot scan app:1.0 on request (StartImageScan): "), e.getMessage());
        assertTrue(e.getMessage().contains("(LimitExceededException)"), e.getMessage());
        assertTrue(e.getMessage().contains("<failOnSeverity> has no findings to judge"), e.getMessage());
        assertTrue(e.getMessage().contains("at most once a day"), e.getMessage());
        assertTrue(e.getMessage().contains("<scanOnPush>true</scanOnPush>"), e.getMessage());
    }

    @Test
    void aScanThatEcrReportsAsLimitExceededFailsTheGate() {
        emulator.seedRepository(new RepositorySeed("app").scanOnPush(true));
        emulator.scanPlan(
                "app", new ScanPlan(Duration.ZERO, Duration.ZERO, "LIMIT_EXCEEDED", "BASIC", "clean", "Quota reached"));
        emulator.registerPush("app", "1.0", null, null);

        MojoFailureException e = assertThrows(MojoFailureException.class, gate()::execute);

        assertTrue(e.getMessage().contains("is LIMIT_EXCEEDED: the image was scanned too often"), e.getMessage());
    }

    @Test
    void aScanTheBuildMayNotStartFailsNamingThePermission() {
        pushedUnscanned("clean");
        emulator.faults().accessDenied("StartImageScan");

        MojoFailureException e = assertThrows(MojoFailureException.class, gate()::execute);

        assertTrue(e.getMessage().contains("the build may not call ecr:StartImageScan"), e.getMessage());
        assertTrue(e.getMessage().contains("mvn ecr:print-iam-policy"), e.getMessage());
    }

    @Test
    void enhancedScanningThatLeavesTheRepositoryOutFailsWithoutAStart() {
        emulator.seedRepository(new RepositorySeed("app"));
        emulator.registryScanning("ENHANCED", RegistryRule.of("CONTINUOUS_SCAN", "team/*"));
        emulator.registerPush("app", "1.0", null, null);
        emulator.clearCalls();

        MojoFailureException e = assertThrows(MojoFailureException.class, gate()::execute);

        assertEquals(0, emulator.calls("StartImageScan").size());
        assertTrue(
                e.getMessage().contains("no rule of the registry's enhanced scanning covers repository app"),
                e.getMessage());
        assertTrue(e.getMessage().contains("add a filter matching app"), e.getMessage());
        assertTrue(e.getMessage().contains("PutRegistryScanningConfiguration"), e.getMessage());
    }

    @Test
    void withoutAGateAnUnscannedImageIsReportedAndNoScanStarted() throws Exception {
        pushedUnscanned("critical");

        MojoRunner goal = MojoRunner.verifyImage(emulator);
        goal.execute();

        assertEquals(0, emulator.calls("StartImageScan").size());
        assertTrue(
                goal.log().stream()
                        .anyMatch(line -> line.startsWith("[INFO] ECR has not scanned app:1.0: repository app does "
                                + "not scan on push and the registry has no scanning rules")),
                goal::logText);
    }

    @Test
    void planModeStartsNoScanAndSaysItWould() throws Exception {
        pushedUnscanned("critical");

        MojoRunner goal = gate().set("plan", true);
        goal.execute();

        assertEquals(0, emulator.calls("StartImageScan").size());
        assertTrue(
                goal.log().stream()
                        .anyMatch(line -> line.startsWith("[WARNING]")
                                && line.contains("outside plan mode, verify-image starts a scan")),
                goal::logText);
        assertTrue(goal.log().stream().noneMatch(line -> line.contains("still not started")), goal::logText);
    }
}

package io.github.ecrmavenplugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ecrmavenplugin.emulator.EcrEmulator;
import io.github.ecrmavenplugin.emulator.EcrEmulator.RegistryRule;
import io.github.ecrmavenplugin.emulator.EmulatorCall;
import io.github.ecrmavenplugin.emulator.EmulatorExtension;
import io.github.ecrmavenplugin.emulator.RepositorySeed;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Where the registry's scanning rules decide whether ECR scans a repository, ensure-repository writes no
 * {@code scanOnPush} and says once which rule governs the repository; it reads the rules only when the POM's
 * {@code scanOnPush} differs from the repository's. Plan mode also says which signing rule covers it.
 */
class EnsureRepositoryRegistryScanningTest {

    private static final String PROFILE = "arn:aws:signer:us-east-1:123456789012:/signing-profiles/ci_signing";

    @RegisterExtension
    final EmulatorExtension emulatorExtension =
            MojoRunner.withCredentials(EmulatorExtension.perTest(EcrEmulator.builder()));

    private final EcrEmulator emulator = emulatorExtension.emulator();

    private List<String> operations() {
        return emulator.calls().stream().map(EmulatorCall::operation).toList();
    }

    @Test
    void registryRulesThatLeaveTheRepositoryOutMeanNoScanOnPushIsWritten() throws Exception {
        emulator.seedRepository(new RepositorySeed("app"));
        emulator.registryScanning("BASIC", RegistryRule.of("SCAN_ON_PUSH", "team/*", "prod-*"));

        MojoRunner goal = MojoRunner.ensureRepository(emulator).set("scanOnPush", true);
        goal.execute();

        assertFalse(
                operations().contains("PutImageScanningConfiguration"),
                operations().toString());
        assertFalse(emulator.repository("app").orElseThrow().scanOnPush());
        List<String> said = goal.log().stream()
                .filter(line -> line.contains("not its own scanOnPush"))
                .toList();
        assertEquals(
                List.of("[INFO] ECR repository app: the registry's basic scanning rules govern its scanning, and none "
                        + "covers it (BASIC scanning, rules: SCAN_ON_PUSH for team/*, prod-*): ECR scans its images "
                        + "on request only (verify-image starts a scan under <failOnSeverity>), not its own "
                        + "scanOnPush; <scanOnPush>true</scanOnPush> is not written. Drop it from the POM: the "
                        + "registry decides"),
                said);
        assertTrue(goal.logText().contains("ECR repository app up to date"), goal.logText());
    }

    @Test
    void theRuleThatCoversTheRepositoryIsNamedWithItsFilter() throws Exception {
        emulator.seedRepository(new RepositorySeed("team/svc").scanOnPush(true));
        emulator.registryScanning("ENHANCED", RegistryRule.of("CONTINUOUS_SCAN", "team/*"));

        MojoRunner goal = MojoRunner.ensureRepository(emulator)
                .set("repositoryName", "team/svc")
                .set("scanOnPush", false);
        goal.execute();

        assertFalse(
                operations().contains("PutImageScanningConfiguration"),
                operations().toString());
        assertTrue(
                goal.logText()
                        .contains("ECR repository team/svc: the registry's scanning rule CONTINUOUS_SCAN for team/* "
                                + "governs its scanning, not its own scanOnPush"),
                goal.logText());
        assertEquals(
                1, emulator.calls("BatchGetRepositoryScanningConfiguration").size());
    }

    @Test
    void aNewRepositoryIsCreatedWithoutTheScanOnPushTheRegistryOverrides() throws Exception {
        emulator.registryScanning("BASIC", RegistryRule.of("SCAN_ON_PUSH", "team/*"));

        MojoRunner goal = MojoRunner.ensureRepository(emulator).set("scanOnPush", true);
        goal.execute();

        assertTrue(operations().contains("CreateRepository"), operations().toString());
        assertTrue(
                goal.logText().contains("ECR repository app: the registry's basic scanning rules govern its scanning"),
                goal.logText());
        assertFalse(emulator.repository("app").orElseThrow().scanOnPush(), "created with no scanOnPush");
    }

    @Test
    void aNewRepositoryACoveringRuleScansIsNamedWithTheRulesFilter() throws Exception {
        emulator.registryScanning("BASIC", RegistryRule.of("SCAN_ON_PUSH", "ap"));

        MojoRunner goal = MojoRunner.ensureRepository(emulator).set("scanOnPush", false);
        goal.execute();

        assertTrue(
                goal.logText()
                        .contains("ECR repository app: the registry's scanning rule SCAN_ON_PUSH for ap governs its "
                                + "scanning"),
                goal.logText());
    }

    @Test
    void withoutRegistryRulesTheRepositorysScanOnPushIsWrittenAsBefore() throws Exception {
        emulator.seedRepository(new RepositorySeed("app"));

        MojoRunner.ensureRepository(emulator).set("scanOnPush", true).execute();

        assertTrue(emulator.repository("app").orElseThrow().scanOnPush());
        assertEquals(
                List.of("DescribeRepositories", "GetRegistryScanningConfiguration", "PutImageScanningConfiguration"),
                operations());
    }

    @Test
    void aPomThatAgreesWithTheRepositoryReadsNoRule() throws Exception {
        emulator.seedRepository(new RepositorySeed("app").scanOnPush(true));
        emulator.registryScanning("BASIC", RegistryRule.of("SCAN_ON_PUSH", "team/*"));

        MojoRunner.ensureRepository(emulator).set("scanOnPush", true).execute();

        assertEquals(List.of("DescribeRepositories"), operations());
    }

    @Test
    void rulesTheBuildMayNotReadAreSaidAndScanOnPushIsWritten() throws Exception {
        emulator.seedRepository(new RepositorySeed("app"));
        emulator.faults().accessDenied("GetRegistryScanningConfiguration");

        MojoRunner goal = MojoRunner.ensureRepository(emulator).set("scanOnPush", true);
        goal.execute();

        assertTrue(emulator.repository("app").orElseThrow().scanOnPush());
        assertTrue(
                goal.log().stream()
                        .anyMatch(line -> line.startsWith("[WARNING] Cannot read the registry's scanning configuration")
                                && line.contains("ecr:GetRegistryScanningConfiguration")),
                goal::logText);
    }

    @Test
    void planModeSaysWhichSigningRuleCoversTheRepositoryAndWritesNothing() throws Exception {
        emulator.seedRepository(new RepositorySeed("app"));
        emulator.registryScanning("BASIC", RegistryRule.of("SCAN_ON_PUSH", "team/*"));
        emulator.signingRules(RegistryRule.of(PROFILE, "app", "team/*"));

        MojoRunner goal =
                MojoRunner.ensureRepository(emulator).set("scanOnPush", true).set("plan", true);
        goal.execute();

        assertTrue(
                goal.logText()
                        .contains("registry: ECR signs the images pushed to app with the signing rule " + PROFILE
                                + " (filters app, team/*)"),
                goal.logText());
        assertTrue(goal.logText().contains("<scanOnPush>true</scanOnPush> is not written"), goal.logText());
        assertTrue(
                operations()
                        .containsAll(List.of(
                                "GetRegistryScanningConfiguration",
                                "BatchGetRepositoryScanningConfiguration",
                                "GetSigningConfiguration")),
                operations().toString());
        assertEquals(
                List.of(),
                emulator.calls().stream()
                        .filter(c -> c.operation().startsWith("Put")
                                || c.operation().startsWith("Set")
                                || c.operation().startsWith("Create"))
                        .toList());
    }

    @Test
    void planModeSaysWhenNoSigningRuleCoversTheRepository() throws Exception {
        emulator.seedRepository(new RepositorySeed("app"));

        MojoRunner goal = MojoRunner.ensureRepository(emulator).set("plan", true);
        goal.execute();

        assertTrue(
                goal.logText()
                        .contains("registry: the registry has no signing configuration: ECR does not sign the images "
                                + "pushed to it"),
                goal.logText());
    }
}

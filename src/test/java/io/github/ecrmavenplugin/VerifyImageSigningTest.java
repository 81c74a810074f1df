package io.github.ecrmavenplugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.ecrmavenplugin.emulator.EcrEmulator;
import io.github.ecrmavenplugin.emulator.EcrEmulator.RegistryRule;
import io.github.ecrmavenplugin.emulator.EmulatorExtension;
import io.github.ecrmavenplugin.emulator.RepositorySeed;
import java.nio.file.Path;
import java.time.Duration;
import org.apache.maven.plugin.MojoFailureException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * ECR's managed signing of the pushed image: reported always, into the JSON report too; with
 * {@code requireSignature}, waited for while in progress and required complete, and a missing signature explained by
 * the registry's signing rules.
 */
class VerifyImageSigningTest {

    private static final String PROFILE = "arn:aws:signer:us-east-1:123456789012:/signing-profiles/ci_signing";

    @RegisterExtension
    final EmulatorExtension emulatorExtension = MojoRunner.withCredentials(
            EmulatorExtension.perTest(EcrEmulator.builder().registryHost("127.0.0.1:5443")));

    private final EcrEmulator emulator = emulatorExtension.emulator();

    /** app:1.0, scanned on push, and signed as the plan says when a rule of the registry covers app. */
    private void pushed(Duration inProgress, String outcome, String failureCode, String failureReason) {
        emulator.seedRepository(new RepositorySeed("app").scanOnPush(true));
        emulator.signingPlan("app", inProgress, outcome, failureCode, failureReason);
        emulator.registerPush("app", "1.0", null, null);
    }

    private MojoRunner requiring() {
        return MojoRunner.verifyImage(emulator).set("requireSignature", true);
    }

    private static JsonNode report() throws Exception {
        return new ObjectMapper()
                .readTree(Path.of("target/mojo-runner/app/ecr-scan.json").toFile());
    }

    @Test
    void aCompleteSignatureIsRequiredAndReported() throws Exception {
        emulator.signingRules(RegistryRule.of(PROFILE));
        pushed(Duration.ZERO, "COMPLETE", null, null);

        MojoRunner goal = requiring();
        goal.execute();

        assertTrue(goal.logText().contains("ECR signing of app:1.0 with " + PROFILE + ": COMPLETE"), goal.logText());
        JsonNode signing = report().get("signing");
        assertTrue(signing.get("required").asBoolean());
        assertEquals(
                PROFILE, signing.get("statuses").get(0).get("signingProfileArn").asText());
        assertEquals("COMPLETE", signing.get("statuses").get(0).get("status").asText());
    }

    @Test
    void aSigningInProgressIsWaitedForUntilComplete() throws Exception {
        emulator.signingRules(RegistryRule.of(PROFILE, "app"));
        pushed(Duration.ofMillis(1500), "COMPLETE", null, null);

        MojoRunner goal = requiring();
        goal.execute();

        assertTrue(goal.logText().contains("Waiting for ECR's signing of app:1.0: IN_PROGRESS"), goal.logText());
        assertTrue(goal.logText().contains("ECR signing of app:1.0 with " + PROFILE + ": COMPLETE"), goal.logText());
        assertTrue(emulator.calls("DescribeImageSigningStatus").size() >= 2);
    }

    @Test
    void aFailedSigningFailsWithEcrsCodeAndReason() throws Exception {
        emulator.signingRules(RegistryRule.of(PROFILE));
        pushed(Duration.ZERO, "FAILED", "SIGNING_FAILED", "User is not authorized to perform signer:SignPayload");

        MojoFailureException e = assertThrows(MojoFailureException.class, requiring()::execute);

        assertTrue(
                e.getMessage()
                        .startsWith("ECR could not sign app:1.0 with signing profile " + PROFILE
                                + ": SIGNING_FAILED: User is not authorized to perform signer:SignPayload"),
                e.getMessage());
        assertEquals(
                "FAILED",
                report().get("signing").get("statuses").get(0).get("status").asText());
    }

    @Test
    void aSigningStillInProgressAtTheTimeoutFails() {
        emulator.signingRules(RegistryRule.of(PROFILE));
        pushed(Duration.ZERO, "NEVER", null, null);

        MojoFailureException e =
                assertThrows(MojoFailureException.class, requiring().set("scanTimeout", "2s")::execute);

        assertTrue(e.getMessage().contains("ECR's signing of app:1.0 is still IN_PROGRESS"), e.getMessage());
        assertTrue(e.getMessage().contains("<scanTimeout> 2s"), e.getMessage());
    }

    @Test
    void noRuleCoveringTheRepositoryFailsNamingTheRules() {
        emulator.signingRules(RegistryRule.of(PROFILE, "release/*"));
        pushed(Duration.ZERO, "COMPLETE", null, null);

        MojoFailureException e = assertThrows(MojoFailureException.class, requiring()::execute);

        assertTrue(
                e.getMessage()
                        .startsWith("ECR has not signed app:1.0: no signing rule of the registry covers repository app "
                                + "(rules: " + PROFILE + " (filters release/*))"),
                e.getMessage());
        assertTrue(e.getMessage().contains("PutSigningConfiguration"), e.getMessage());
        assertEquals(1, emulator.calls("GetSigningConfiguration").size());
    }

    @Test
    void aRegistryWithoutSigningFailsSayingSo() {
        pushed(Duration.ZERO, "COMPLETE", null, null);

        MojoFailureException e = assertThrows(MojoFailureException.class, requiring()::execute);

        assertTrue(
                e.getMessage().startsWith("ECR has not signed app:1.0: the registry has no signing configuration"),
                e.getMessage());
    }

    @Test
    void anImagePushedBeforeTheRuleIsToldToBePushedAgain() {
        pushed(Duration.ZERO, "COMPLETE", null, null);
        emulator.signingRules(RegistryRule.of(PROFILE, "app"));

        MojoFailureException e = assertThrows(MojoFailureException.class, requiring()::execute);

        assertTrue(e.getMessage().contains("it was pushed before the rule applied. Push it again"), e.getMessage());
    }

    @Test
    void withoutRequireSignatureAFailedSigningIsReportedOnly() throws Exception {
        emulator.signingRules(RegistryRule.of(PROFILE));
        pushed(Duration.ZERO, "FAILED", "SIGNING_FAILED", "no permission");

        MojoRunner goal = MojoRunner.verifyImage(emulator);
        goal.execute();

        assertTrue(
                goal.logText().contains("ECR signing of app:1.0 with " + PROFILE + ": FAILED (SIGNING_FAILED)"),
                goal.logText());
        assertEquals(0, emulator.calls("GetSigningConfiguration").size());
        assertEquals(false, report().get("signing").get("required").asBoolean());
    }

    @Test
    void aSigningStatusTheBuildMayNotReadFailsOnlyWhenRequired() throws Exception {
        emulator.signingRules(RegistryRule.of(PROFILE));
        pushed(Duration.ZERO, "COMPLETE", null, null);
        emulator.faults().accessDenied("DescribeImageSigningStatus");

        MojoRunner reporting = MojoRunner.verifyImage(emulator);
        reporting.execute();
        assertTrue(
                reporting.logText().contains("the build may not call ecr:DescribeImageSigningStatus"),
                reporting.logText());

        MojoFailureException e = assertThrows(MojoFailureException.class, requiring()::execute);
        assertTrue(e.getMessage().contains("the build may not call ecr:DescribeImageSigningStatus"), e.getMessage());
    }

    @Test
    void requireSignatureTakesTrueOrFalseOnlyBeforeAnyCall() {
        MojoFailureException e = assertThrows(
                MojoFailureException.class,
                () -> MojoRunner.verifyImage(emulator)
                        .set("requireSignature", "yes")
                        .execute());

        assertTrue(e.getMessage().startsWith("<requireSignature>: \"yes\" is neither true nor false"), e.getMessage());
        assertEquals(java.util.List.of(), emulator.calls());
    }
}

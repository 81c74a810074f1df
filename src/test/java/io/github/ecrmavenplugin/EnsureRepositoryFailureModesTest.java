package io.github.ecrmavenplugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ecrmavenplugin.emulator.EcrEmulator;
import io.github.ecrmavenplugin.emulator.EmulatorCall;
import io.github.ecrmavenplugin.emulator.EmulatorExtension;
import java.util.List;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What a user sees from the real goal when something is missing or wrong around it: no region, no credentials,
 * an offline build, a missing permission, ECR failing past the retry budget. The surefire configuration takes
 * every AWS setting of the machine away (no AWS_* variables, no config files, no instance metadata service).
 */
class EnsureRepositoryFailureModesTest {

    @RegisterExtension
    final EmulatorExtension emulatorExtension =
            MojoRunner.withCredentials(EmulatorExtension.perTest(EcrEmulator.builder()));

    private final EcrEmulator emulator = emulatorExtension.emulator();

    @Test
    void noRegionAnywhereFailsAtOnceWithoutAskingTheNetwork() {
        TimedFailure failure =
                timedFailure("no region", MojoRunner.ensureRepository(emulator).set("region", null));
        MojoFailureException e = failure.exception();
        long millis = failure.millis();

        assertTrue(millis < 2000, "well under 2 s, no instance metadata service: " + millis + " ms");
        assertTrue(
                e.getMessage()
                        .startsWith("No AWS region is configured. Set <region> (-Decr.region=eu-west-1), "
                                + "the AWS_REGION environment variable, or a region in your AWS profile"),
                e.getMessage());
        assertEquals(List.of(), emulator.calls());
    }

    @Test
    void aNegativeLifecyclePreviewTimeoutFailsBeforeAnyCall() {
        MojoFailureException e = assertThrows(
                MojoFailureException.class,
                MojoRunner.ensureRepository(emulator).set("lifecyclePreviewTimeout", -1)::execute);

        assertEquals(
                "<lifecyclePreviewTimeout>: -1 is not a number of seconds; use 0 (no preview) or more, e.g. 30",
                e.getMessage());
        assertEquals(List.of(), emulator.calls());
    }

    @Test
    void noCredentialsAnywhereFailsAtOnceNamingTheWaysToProvideThem() throws Exception {
        warmUpTheSdk();
        TimedFailure failure = failureWithoutCredentials("no credentials");
        MojoFailureException e = failure.exception();
        long millis = failure.millis();

        assertTrue(millis < 2000, "well under 2 s: " + millis + " ms");
        for (String way : List.of(
                "AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY",
                "AWS_PROFILE",
                "<profile>",
                "AWS_WEB_IDENTITY_TOKEN_FILE",
                "container or instance role")) {
            assertTrue(e.getMessage().contains(way), way + " in: " + e.getMessage());
        }
        assertEquals(List.of(), emulator.calls(), "an unsigned request is never sent");
    }

    @Test
    void noCredentialsWithASilentInstanceMetadataServiceStillFailsQuickly() throws Exception {
        // Off EC2 the metadata service does not answer. Played here by a local port that accepts and stays silent
        // (never the real link-local address), with the metadata service enabled as on a developer's machine.
        try (java.net.ServerSocket silent =
                new java.net.ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
            warmUpTheSdk();
            System.setProperty("aws.disableEc2Metadata", "false");
            System.setProperty("aws.ec2MetadataServiceEndpoint", "http://127.0.0.1:" + silent.getLocalPort());
            TimedFailure failure = failureWithoutCredentials("no credentials, silent metadata service");
            MojoFailureException e = failure.exception();
            long millis = failure.millis();

            // The SDK's metadata client gives up on a silent service after its own short waits for a token and for
            // credentials: bounded, not a hang.
            assertTrue(millis < 5000, "bounded: " + millis + " ms");
            assertTrue(e.getMessage().startsWith("No AWS credentials found"), e.getMessage());
            assertEquals(List.of(), emulator.calls());
        } finally {
            System.clearProperty("aws.disableEc2Metadata");
            System.clearProperty("aws.ec2MetadataServiceEndpoint");
        }
    }

    /** How the goal failed, and after how long. */
    private record TimedFailure(MojoFailureException exception, long millis) {}

    /** Runs {@code goal}, which must fail; prints how long it took, under {@code situation}. */
    private static TimedFailure timedFailure(String situation, MojoRunner goal) {
        long start = System.nanoTime();
        MojoFailureException e = assertThrows(MojoFailureException.class, goal::execute);
        long millis = (System.nanoTime() - start) / 1_000_000;
        System.out.println(situation + ": failed after " + millis + " ms");
        return new TimedFailure(e, millis);
    }

    /** The goal's failure once the credentials are removed, timed. */
    private TimedFailure failureWithoutCredentials(String situation) {
        MojoRunner.removeCredentials();
        return timedFailure(situation, MojoRunner.ensureRepository(emulator));
    }

    /**
     * Loads the SDK's classes with one successful run on a client of its own (another timeout), so the timings
     * measure the credential chain, not the JVM loading classes the first time, which alone could outlast the bounds
     * these tests assert.
     */
    private void warmUpTheSdk() throws Exception {
        MojoRunner.ensureRepository(emulator)
                .set("repositoryName", "warm-up")
                .set("timeout", "59")
                .execute();
        emulator.clearCalls();
    }

    @Test
    void offlineBuildsSkipWithAWarning() throws Exception {
        MojoRunner goal = MojoRunner.ensureRepository(emulator).offline(true);

        goal.execute();

        assertTrue(
                goal.logText().contains("[WARNING] Maven runs offline (-o): skipping the ECR repository check"),
                goal.logText());
        assertNull(goal.projectProperties().getProperty("ecr.repositoryUrl"));
        assertEquals(List.of(), emulator.calls());
    }

    @Test
    void offlineBuildsFailWhenAsked() {
        MojoRunner goal = MojoRunner.ensureRepository(emulator).offline(true).set("failWhenOffline", true);

        MojoFailureException e = assertThrows(MojoFailureException.class, goal::execute);

        assertTrue(
                e.getMessage().startsWith("Maven runs offline (-o), so the ECR repository cannot be checked"),
                e.getMessage());
        assertTrue(e.getMessage().contains("<failWhenOffline>"), e.getMessage());
        assertEquals(List.of(), emulator.calls());
    }

    @Test
    void offlineBuildsStillCheckTheConfiguration() {
        MojoRunner goal = MojoRunner.ensureRepository(emulator).offline(true).set("repositoryName", "Bad Name");

        MojoFailureException e = assertThrows(MojoFailureException.class, goal::execute);

        assertTrue(e.getMessage().startsWith("<repositoryName>"), e.getMessage());
    }

    @Test
    void accessDeniedNamesTheActionTheResourceAndPrintIamPolicy() {
        emulator.faults().accessDenied("SetRepositoryPolicy");
        MojoRunner goal = MojoRunner.ensureRepository(emulator)
                .set(
                        "policy",
                        "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":"
                                + "{\"AWS\":\"arn:aws:iam::210987654321:root\"},\"Action\":\"ecr:BatchGetImage\"}]}");

        MojoFailureException e = assertThrows(MojoFailureException.class, goal::execute);

        String requestId = emulator.calls("SetRepositoryPolicy").get(0).requestId();
        assertEquals(
                "Access denied: the build's AWS identity (arn:aws:iam::123456789012:user/ci) may not call "
                        + "ecr:SetRepositoryPolicy on arn:aws:ecr:us-east-1:123456789012:repository/app (request ID "
                        + requestId + "). Grant ecr:SetRepositoryPolicy to that identity (`mvn ecr:print-iam-policy` "
                        + "prints every action the configured goal needs)",
                e.getMessage());
        assertEquals(1, emulator.calls("SetRepositoryPolicy").size(), "not retried");
        assertFalse(MojoRunner.messages(e).contains(MojoRunner.SECRET_KEY));
    }

    @Test
    void throttledThreeTimesTheGoalSucceedsOnTheFourthAttempt() throws Exception {
        emulator.faults().throttle("CreateRepository", 3);
        MojoRunner goal = MojoRunner.ensureRepository(emulator);

        goal.execute();

        assertEquals(
                List.of(429, 429, 429, 200).size(),
                emulator.calls("CreateRepository").size());
        assertEquals(
                List.of(false, false, false, true),
                emulator.calls("CreateRepository").stream()
                        .map(EmulatorCall::succeeded)
                        .toList());
        assertTrue(goal.logText().contains("[INFO] ECR repository app created: "), goal.logText());
        assertEquals(emulator.registryHost() + "/app", goal.projectProperties().getProperty("ecr.repositoryUrl"));
    }

    @Test
    void whenRetriesRunOutTheBuildFailsNamingOperationLastErrorAndRequestId() {
        emulator.faults().serverError("CreateRepository", 10);
        MojoRunner goal = MojoRunner.ensureRepository(emulator).set("maxAttempts", 2);

        MojoExecutionException e = assertThrows(MojoExecutionException.class, goal::execute);

        String requestId = emulator.calls("CreateRepository").get(1).requestId();
        assertEquals(2, emulator.calls("CreateRepository").size());
        assertTrue(
                e.getMessage()
                        .startsWith("ECR CreateRepository for repository app failed after 2 attempts: ECR "
                                + "failed on its side (ServerException, HTTP 500, request ID " + requestId + ")."),
                e.getMessage());
        assertTrue(e.getMessage().contains("<maxAttempts> (-Decr.maxAttempts)"), e.getMessage());
        assertTrue(e.getMessage().contains("the next build continues where this one stopped"), e.getMessage());
        assertFalse(MojoRunner.messages(e).contains(MojoRunner.SECRET_KEY));
    }

    @Test
    void whenTheTimeoutRunsOutTheBuildFailsNamingTheTimeout() {
        emulator.faults().latency(java.time.Duration.ofMillis(1500));
        MojoRunner goal = MojoRunner.ensureRepository(emulator).set("timeout", "PT1S");

        MojoExecutionException e = assertThrows(MojoExecutionException.class, goal::execute);

        assertTrue(e.getMessage().startsWith("ECR DescribeRepositories for repository app failed"), e.getMessage());
        assertTrue(
                e.getMessage().contains("did not answer within 1 s. Raise <timeout> (-Decr.timeout)"), e.getMessage());
        emulator.faults().reset();
    }
}

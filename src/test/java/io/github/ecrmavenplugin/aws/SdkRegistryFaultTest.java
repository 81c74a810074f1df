package io.github.ecrmavenplugin.aws;

import io.github.ecrmavenplugin.registry.RegistryException;

import io.github.ecrmavenplugin.registry.Repository;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ecrmavenplugin.emulator.EcrEmulator;
import io.github.ecrmavenplugin.emulator.EmulatorCall;
import io.github.ecrmavenplugin.emulator.EmulatorExtension;
import io.github.ecrmavenplugin.model.InvalidConfigurationException;
import io.github.ecrmavenplugin.model.PolicyDocument;
import io.github.ecrmavenplugin.model.RepositorySpec;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Transient faults against the plugin's own client ({@link EcrClients}: the SDK's standard retry strategy as the
 * plugin configures it) and {@link SdkRegistry}, over the wire to the emulator. Each test asserts the outcome and
 * the calls the emulator saw, attempt by attempt.
 */
class SdkRegistryFaultTest {

    static final String ACCESS_KEY_ID = "AKIASDKFAULTTEST0001";
    static final String SECRET_KEY = "sdk-fault-test-secret-0123456789abcdefghi";

    @RegisterExtension
    final EmulatorExtension emulatorExtension = TestConnections.emulatorPerTest(ACCESS_KEY_ID, SECRET_KEY);
    private final EcrEmulator emulator = emulatorExtension.emulator();

    private SdkRegistry registry(Integer maxAttempts, String timeout) throws InvalidConfigurationException {
        ConnectionSettings settings = ConnectionSettings.of(emulator.region(), emulator.endpoint().toString(), null,
                maxAttempts, timeout);
        return new SdkRegistry(EcrClients.client(settings), null);
    }

    private SdkRegistry registry() throws InvalidConfigurationException {
        return registry(null, null);
    }

    private static RepositorySpec spec(String name) throws InvalidConfigurationException {
        return RepositorySpec.builder().name(name).build();
    }

    private static PolicyDocument pullPolicy() throws InvalidConfigurationException {
        return PolicyDocument.fromPom("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
                + "\"Principal\":{\"AWS\":\"arn:aws:iam::210987654321:root\"},\"Action\":\"ecr:BatchGetImage\"}]}",
                "policy", false);
    }

    private List<String> outcomes(String operation) {
        return emulator.calls(operation).stream()
                .map(call -> call.succeeded() ? "OK" : call.errorType()).toList();
    }

    @Test
    void throttledThreeTimesTakesFourAttemptsThenSucceeds() throws Exception {
        emulator.faults().throttle("CreateRepository", 3);

        Repository created = registry().create(spec("throttled"));

        assertEquals("throttled", created.name());
        assertEquals(List.of("ThrottlingException", "ThrottlingException", "ThrottlingException", "OK"),
                outcomes("CreateRepository"));
        assertTrue(emulator.repository("throttled").isPresent());
    }

    @Test
    void serverErrorsAreRetried() throws Exception {
        emulator.seedRepository("flaky");
        emulator.faults().serverError("SetRepositoryPolicy", 2);

        registry().setRepositoryPolicy("flaky", pullPolicy());

        assertEquals(List.of("ServerException", "ServerException", "OK"), outcomes("SetRepositoryPolicy"));
        assertTrue(emulator.repository("flaky").orElseThrow().policyText() != null);
    }

    @Test
    void droppedConnectionsAreRetried() throws Exception {
        emulator.seedRepository("dropped");
        emulator.faults().dropConnection("DescribeRepositories", 2);

        assertTrue(registry().describe("dropped").isPresent());

        assertEquals(List.of(EmulatorCall.DROPPED_ERROR_TYPE, EmulatorCall.DROPPED_ERROR_TYPE, "OK"),
                outcomes("DescribeRepositories"));
    }

    @Test
    void aLatencySpikeIsAbandonedAndRetriedWithinTheTimeout() throws Exception {
        emulator.seedRepository("slow");
        // timeout 3 s: one attempt may take 1 s; the spike holds the first attempt for 2.5 s.
        emulator.faults().latencySpike("DescribeRepositories", 1, Duration.ofMillis(2500));
        SdkRegistry registry = registry(null, "3");

        long start = System.nanoTime();
        assertTrue(registry.describe("slow").isPresent());
        long millis = (System.nanoTime() - start) / 1_000_000;

        assertTrue(millis < 2500, "the retry answered before the slow attempt would have: " + millis + " ms");
        // The abandoned attempt is logged when the emulator finishes it, so wait for it to show up.
        awaitCalls("DescribeRepositories", 2);
        assertEquals(2, emulator.calls("DescribeRepositories").size());
    }

    @Test
    void aLatencySpikeOnCreateStillCreatesOnce() throws Exception {
        emulator.faults().latencySpike("CreateRepository", 1, Duration.ofMillis(2500));

        registry(null, "3").create(spec("spiked"));

        awaitCalls("CreateRepository", 2);
        // The retry created it; the abandoned first attempt, handled later, found it there already.
        assertEquals(List.of("OK", "RepositoryAlreadyExistsException"), outcomes("CreateRepository"));
    }

    @Test
    void whenRetriesRunOutTheFailureNamesOperationLastErrorRequestIdAndAttempts() throws Exception {
        emulator.faults().throttle("CreateRepository", 10);

        RegistryException e = assertThrows(RegistryException.class,
                () -> registry(3, null).create(spec("never")));

        List<EmulatorCall> calls = emulator.calls("CreateRepository");
        assertEquals(3, calls.size(), "maxAttempts=3 means three attempts");
        assertEquals("CreateRepository", e.operation());
        assertEquals("ThrottlingException", e.errorCode().orElseThrow());
        assertEquals(calls.get(2).requestId(), e.requestId().orElseThrow(), "the last attempt's request ID");
        assertEquals(3, e.attempts().orElseThrow());
        assertTrue(e.getMessage().startsWith("ECR CreateRepository failed after 3 attempts with "
                + "ThrottlingException: Rate exceeded (request ID " + calls.get(2).requestId() + ")"), e.getMessage());
        assertFalse(e.getMessage().contains(SECRET_KEY));
    }

    @Test
    void maxAttemptsOneMeansNoRetry() throws Exception {
        emulator.faults().serverError("DescribeRepositories", 1);

        RegistryException e = assertThrows(RegistryException.class, () -> registry(1, null).describe("x1"));

        assertEquals(List.of("ServerException"), outcomes("DescribeRepositories"));
        assertEquals("ServerException", e.errorCode().orElseThrow());
    }

    @Test
    void theTimeoutBoundsTheWholeCallRetriesIncluded() throws Exception {
        emulator.faults().latency(Duration.ofSeconds(3));

        long start = System.nanoTime();
        RegistryException e = assertThrows(RegistryException.class, () -> registry(20, "2").describe("hung"));
        long millis = (System.nanoTime() - start) / 1_000_000;

        assertTrue(e.isTimeout(), e.getMessage());
        assertTrue(millis >= 1900 && millis < 3000, "bounded by timeout=2s: " + millis + " ms");
        assertEquals("DescribeRepositories", e.operation());
        emulator.faults().reset();
    }

    @Test
    void accessDeniedIsNotRetriedAndNamesActionAndResource() throws Exception {
        emulator.seedRepository("locked");
        emulator.faults().accessDenied("SetRepositoryPolicy");

        RegistryException e = assertThrows(RegistryException.class,
                () -> registry().setRepositoryPolicy("locked", pullPolicy()));

        assertTrue(e.isAccessDenied());
        assertEquals("ecr:SetRepositoryPolicy", e.iamAction());
        assertEquals("arn:aws:ecr:us-east-1:123456789012:repository/locked", e.resource().orElseThrow());
        assertEquals(1, emulator.calls("SetRepositoryPolicy").size(), "a permission is not fixed by retrying");
    }

    @Test
    void aFailureWithoutAnAnswerNamesTheRepository() throws Exception {
        emulator.faults().dropConnection("DescribeRepositories", 2);

        RegistryException e = assertThrows(RegistryException.class, () -> registry(2, null).describe("gone"));

        assertEquals("repository gone", e.resource().orElseThrow());
        assertTrue(e.getMessage().startsWith("ECR DescribeRepositories failed after 2 attempts"), e.getMessage());
        assertTrue(e.requestId().isEmpty(), "no answer, no request ID");
    }

    private void awaitCalls(String operation, int count) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (emulator.calls(operation).size() < count && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
    }
}

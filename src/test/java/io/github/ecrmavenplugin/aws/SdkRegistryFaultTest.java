package io.github.ecrmavenplugin.aws;

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
import io.github.ecrmavenplugin.registry.RegistryException;
import io.github.ecrmavenplugin.registry.Repository;
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
        ConnectionSettings settings =
                ConnectionSettings.of(emulator.region(), emulator.endpoint().toString(), null, maxAttempts, timeout);
        return new SdkRegistry(EcrClients.client(settings), null);
    }

    private SdkRegistry registry() throws InvalidConfigurationException {
        return registry(null, null);
    }

    private static RepositorySpec spec(String name) throws InvalidConfigurationException {
        return RepositorySpec.builder().name(name).build();
    }

    private static PolicyDocument pullPolicy() throws InvalidConfigurationException {
        return PolicyDocument.fromPom(
                "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
                        + "\"Principal\":{\"AWS\":\"arn:aws:iam::210987654321:root\"},\"Action\":\"ecr:BatchGetImage\"}]}",
                "policy",
                false);
    }

    private List<String> outcomes(String operation) {
        return outcomes(emulator, operation);
    }

    private static List<String> outcomes(EcrEmulator emulator, String operation) {
        return emulator.calls(operation).stream()
                .map(call -> call.succeeded() ? "OK" : call.errorType())
                .toList();
    }

    @Test
    void throttledThreeTimesTakesFourAttemptsThenSucceeds() throws Exception {
        emulator.faults().throttle("CreateRepository", 3);

        Repository created = registry().create(spec("throttled"));

        assertEquals("throttled", created.name());
        assertEquals(
                List.of("ThrottlingException", "ThrottlingException", "ThrottlingException", "OK"),
                outcomes("CreateRepository"));
        assertTrue(emulator.repository("throttled").isPresent());
    }

    @Test
    void serverErrorsAreRetried() throws Exception {
        emulator.seedRepository("flaky");
        emulator.faults().serverError("SetRepositoryPolicy", 2);

        registry().setRepositoryPolicy("flaky", pullPolicy(), false);

        assertEquals(List.of("ServerException", "ServerException", "OK"), outcomes("SetRepositoryPolicy"));
        assertTrue(emulator.repository("flaky").orElseThrow().policyText() != null);
    }

    @Test
    void droppedConnectionsAreRetried() throws Exception {
        emulator.seedRepository("dropped");
        emulator.faults().dropConnection("DescribeRepositories", 2);

        assertTrue(registry().describe("dropped").isPresent());

        assertEquals(
                List.of(EmulatorCall.DROPPED_ERROR_TYPE, EmulatorCall.DROPPED_ERROR_TYPE, "OK"),
                outcomes("DescribeRepositories"));
    }

    @Test
    void aLatencySpikeIsAbandonedAndRetriedWithinTheTimeout() throws Exception {
        emulator.seedRepository("slow");
        // The spike holds the first attempt longer than one attempt may take, yet less than the whole timeout: the
        // attempt is abandoned and the retry answers within the timeout.
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

        RegistryException e =
                assertThrows(RegistryException.class, () -> registry(3, null).create(spec("never")));

        List<EmulatorCall> calls = emulator.calls("CreateRepository");
        assertEquals(3, calls.size(), "maxAttempts=3 means three attempts");
        assertEquals("CreateRepository", e.operation());
        assertEquals("ThrottlingException", e.errorCode().orElseThrow());
        assertEquals(calls.get(2).requestId(), e.requestId().orElseThrow(), "the last attempt's request ID");
        assertEquals(3, e.attempts().orElseThrow());
        assertEquals(
                "ECR CreateRepository for repository never failed after 3 attempts: ECR throttled every "
                        + "attempt (ThrottlingException)",
                e.getMessage());
        assertFalse(e.getMessage().contains(SECRET_KEY));
    }

    @Test
    void maxAttemptsOneMeansNoRetry() throws Exception {
        emulator.faults().serverError("DescribeRepositories", 1);

        RegistryException e =
                assertThrows(RegistryException.class, () -> registry(1, null).describe("x1"));

        assertEquals(List.of("ServerException"), outcomes("DescribeRepositories"));
        assertEquals("ServerException", e.errorCode().orElseThrow());
    }

    @Test
    void theTimeoutBoundsTheWholeCallRetriesIncluded() throws Exception {
        emulator.faults().latency(Duration.ofSeconds(3));

        long start = System.nanoTime();
        RegistryException e =
                assertThrows(RegistryException.class, () -> registry(20, "2").describe("hung"));
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

        RegistryException e = assertThrows(
                RegistryException.class, () -> registry().setRepositoryPolicy("locked", pullPolicy(), false));

        assertTrue(e.isAccessDenied());
        assertEquals("ecr:SetRepositoryPolicy", e.iamAction());
        assertTrue(
                e.getMessage().contains(" on arn:aws:ecr:us-east-1:123456789012:repository/locked "), e.getMessage());
        assertEquals(1, emulator.calls("SetRepositoryPolicy").size(), "a permission is not fixed by retrying");
    }

    @Test
    void aFailureWithoutAnAnswerNamesTheRepository() throws Exception {
        emulator.faults().dropConnection("DescribeRepositories", 2);

        RegistryException e =
                assertThrows(RegistryException.class, () -> registry(2, null).describe("gone"));

        assertEquals("repository gone", e.resource().orElseThrow());
        assertEquals(
                "ECR DescribeRepositories for repository gone failed after 2 attempts: the connection to "
                        + emulator.endpoint().toString().replaceAll("/$", "") + " broke before an answer",
                e.getMessage());
        assertTrue(e.requestId().isEmpty(), "no answer, no request ID");
    }

    private void awaitCalls(String operation, int count) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (emulator.calls(operation).size() < count && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
    }

    // Where another attempt cannot help, there is none: each of these is asked once, with 5 attempts allowed.

    @Test
    void anExpiredTokenIsNotRetried() throws Exception {
        emulator.faults().expiredCredentials();

        RegistryException e =
                assertThrows(RegistryException.class, () -> registry(5, null).describe("any"));

        assertEquals(RegistryException.Kind.CREDENTIALS_EXPIRED, e.kind());
        assertEquals(List.of("ExpiredTokenException"), outcomes("DescribeRepositories"));
        assertEquals(1, e.attempts().orElseThrow());
    }

    @Test
    void aRefusedSignatureIsNotRetried() throws Exception {
        assertRefusedOnce(ACCESS_KEY_ID, "not-the-secret-the-client-has", "InvalidSignatureException");
    }

    @Test
    void anAccessKeyUnknownToAwsIsNotRetried() throws Exception {
        assertRefusedOnce("AKIAANOTHERKEY000001", "its-secret", "UnrecognizedClientException");
    }

    /**
     * A describe, allowed 5 attempts, against an emulator that knows only {@code accessKeyId} with {@code secret}:
     * the credentials are refused with {@code errorType} on the first attempt, which is not repeated.
     */
    private void assertRefusedOnce(String accessKeyId, String secret, String errorType) throws Exception {
        try (EcrEmulator other =
                EcrEmulator.builder().credentials(accessKeyId, secret).build().start()) {
            ConnectionSettings settings =
                    ConnectionSettings.of(other.region(), other.endpoint().toString(), null, 5, null);

            RegistryException e = assertThrows(
                    RegistryException.class, () -> new SdkRegistry(EcrClients.client(settings), null).describe("any"));

            assertEquals(RegistryException.Kind.CREDENTIALS_REFUSED, e.kind());
            assertEquals(List.of(errorType), outcomes(other, "DescribeRepositories"));
        }
    }

    @Test
    void anUnknownHostIsNotRetried() throws Exception {
        ConnectionSettings settings =
                ConnectionSettings.of(emulator.region(), "https://ecr.no-such-host.invalid", null, 5, null);

        RegistryException e = assertThrows(
                RegistryException.class, () -> new SdkRegistry(EcrClients.client(settings), null).describe("any"));

        assertEquals(RegistryException.Kind.HOST_UNKNOWN, e.kind());
        assertEquals(1, e.attempts().orElseThrow(), e.getMessage());
        assertEquals(
                "ECR DescribeRepositories for repository any failed: the host name ecr.no-such-host.invalid "
                        + "does not resolve",
                e.getMessage());
    }

    @Test
    void anUntrustedCertificateIsNotRetried(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        var certificate = io.github.ecrmavenplugin.tls.SelfSignedCertificate.create(dir);
        try (EcrEmulator other = EcrEmulator.builder()
                .https(certificate.serverContext(), 0)
                .build()
                .start()) {
            ConnectionSettings settings =
                    ConnectionSettings.of(other.region(), other.httpsEndpoint().toString(), null, 5, null);

            RegistryException e = assertThrows(
                    RegistryException.class, () -> new SdkRegistry(EcrClients.client(settings), null).describe("any"));

            assertEquals(RegistryException.Kind.TLS_FAILED, e.kind());
            assertEquals(1, e.attempts().orElseThrow(), e.getMessage());
            assertEquals(List.of(), other.calls(), "no request got through the handshake");
        }
    }

    @Test
    void aRefusedConnectionIsRetriedAndCountedOnce() throws Exception {
        int closedPort;
        try (var socket = new java.net.ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        ConnectionSettings settings =
                ConnectionSettings.of(emulator.region(), "http://127.0.0.1:" + closedPort, null, 3, null);

        RegistryException e = assertThrows(
                RegistryException.class, () -> new SdkRegistry(EcrClients.client(settings), null).describe("any"));

        assertEquals(RegistryException.Kind.CONNECTION_REFUSED, e.kind());
        assertEquals(
                "ECR DescribeRepositories for repository any failed after 3 attempts: http://127.0.0.1:" + closedPort
                        + " refused the connection",
                e.getMessage());
    }

    @Test
    void serverErrorsAreRetriedUpToMaxAttempts() throws Exception {
        emulator.faults().serverError("DescribeRepositories", 10);

        RegistryException e =
                assertThrows(RegistryException.class, () -> registry(4, null).describe("any"));

        assertEquals(RegistryException.Kind.SERVER_ERROR, e.kind());
        assertEquals(4, emulator.calls("DescribeRepositories").size());
        assertEquals(4, e.attempts().orElseThrow());
    }
}

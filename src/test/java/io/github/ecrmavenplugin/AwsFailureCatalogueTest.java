package io.github.ecrmavenplugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ecrmavenplugin.aws.EcrClients;
import io.github.ecrmavenplugin.emulator.EcrEmulator;
import io.github.ecrmavenplugin.emulator.Faults;
import io.github.ecrmavenplugin.proxy.RecordingProxy;
import io.github.ecrmavenplugin.registry.RegistryException;
import io.github.ecrmavenplugin.tls.SelfSignedCertificate;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Stream;
import org.apache.maven.plugin.AbstractMojoExecutionException;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every way AWS or the network can fail the real {@code ensure-repository} goal, each produced against the
 * emulator or a local socket, with the whole message the user reads: one sentence on what failed (operation,
 * repository, endpoint), one on what to do. Each message stays under {@value #MAX_LENGTH} characters, carries
 * none of the AWS SDK's own text (that stays with the exception handed to Maven, shown under {@code -e} and
 * {@code -X}), and the failure comes within the time the case allows.
 *
 * <p>To add a case, add a {@link Case} to {@link #catalogue()}: a description, the exception Maven gets, the
 * message (with the placeholders of {@link Run#expand}), the time it may take, and the set-up that provokes it.
 */
class AwsFailureCatalogueTest {

    static final int MAX_LENGTH = 400;

    /** Words of the AWS SDK's own messages, which belong to -e and -X, never to the one line Maven prints. */
    private static final List<String> SDK_WORDS = List.of(
            "SDK Attempt Count",
            "AwsCredentialsProviderChain",
            "Unable to execute HTTP request",
            "Service: Ecr",
            "Status Code:",
            "Unable to load credentials",
            "software.amazon");

    private static final String DENIED_BY =
            "the build's AWS identity (arn:aws:iam::123456789012:user/ci) may not call ";
    private static final String REPOSITORY_ARN = "arn:aws:ecr:us-east-1:123456789012:repository/app";
    private static final String PRINT_IAM_POLICY =
            " to that identity (`mvn ecr:print-iam-policy` prints every " + "action the configured goal needs)";
    private static final String SAFE_TO_REPEAT =
            "Every step is safe to repeat: the next build continues where this " + "one stopped";
    private static final String POLICY = """
            {"Version":"2012-10-17","Statement":[{"Effect":"Allow",
             "Principal":{"AWS":"arn:aws:iam::210987654321:root"},"Action":"ecr:BatchGetImage"}]}""";
    private static final String LIFECYCLE = """
            {"rules":[{"rulePriority":1,
             "selection":{"tagStatus":"untagged","countType":"sinceImagePushed","countUnit":"days","countNumber":14},
             "action":{"type":"expire"}}]}""";

    private static final java.util.Set<RegistryException.Kind> ANSWERED = java.util.EnumSet.of(
            RegistryException.Kind.ACCESS_DENIED,
            RegistryException.Kind.CREDENTIALS_EXPIRED,
            RegistryException.Kind.CREDENTIALS_REFUSED,
            RegistryException.Kind.THROTTLED,
            RegistryException.Kind.SERVER_ERROR);

    private static SelfSignedCertificate certificate;

    private Run run;

    /**
     * One failure mode.
     *
     * @param description what goes wrong, shown as the test's name
     * @param type        the Maven exception the goal must throw
     * @param expected    the whole message, with placeholders ({@link Run#expand})
     * @param within      the longest the failure may take
     * @param provoke     sets up the emulator, the network and the goal's parameters so that it fails that way
     */
    record Case(
            String description,
            Class<? extends AbstractMojoExecutionException> type,
            String expected,
            Duration within,
            Consumer<Run> provoke) {
        @Override
        public String toString() {
            return description;
        }
    }

    static Stream<Case> catalogue() {
        return Stream.of(credentialsAndRegion(), accessDenied(), network(), awsFailing())
                .flatMap(List::stream);
    }

    static List<Case> credentialsAndRegion() {
        return List.of(
                new Case(
                        "no credentials anywhere",
                        MojoFailureException.class,
                        EcrClients.NO_CREDENTIALS,
                        Duration.ofSeconds(3),
                        run -> MojoRunner.removeCredentials()),
                new Case(
                        "no region anywhere",
                        MojoFailureException.class,
                        "No AWS region is configured. Set "
                                + "<region> (-Decr.region=eu-west-1), the AWS_REGION environment variable, or a region in "
                                + "your AWS profile",
                        Duration.ofSeconds(2),
                        run -> run.goal.set("region", null)),
                new Case(
                        "expired session token",
                        MojoFailureException.class,
                        "ECR DescribeRepositories for "
                                + "repository app failed{attempts}: the build's AWS credentials have expired "
                                + "(ExpiredTokenException). Renew them (e.g. `aws sso login`, or fresh credentials from your "
                                + "CI's identity provider) and build again",
                        Duration.ofSeconds(5),
                        run -> run.emulator.faults().expiredCredentials()),
                new Case(
                        "access key unknown to AWS",
                        MojoFailureException.class,
                        "ECR DescribeRepositories for "
                                + "repository app failed{attempts}: AWS does not recognise the build's access key "
                                + "(UnrecognizedClientException). Check the access key and secret the build uses (the \"AWS "
                                + "credentials\" line of the build log names their source); replace a deleted or rotated "
                                + "key",
                        Duration.ofSeconds(5),
                        run -> run.restartEmulator(
                                EcrEmulator.builder().credentials("AKIAOTHERKEY000000001", "the-only-known-secret"))),
                new Case(
                        "secret key that does not match the access key",
                        MojoFailureException.class,
                        "ECR DescribeRepositories for repository app failed{attempts}: AWS refused the request's "
                                + "signature: the secret access key does not match the access key ID "
                                + "(InvalidSignatureException). Check the access key and secret the build uses (the \"AWS "
                                + "credentials\" line of the build log names their source); replace a deleted or rotated "
                                + "key",
                        Duration.ofSeconds(5),
                        run -> run.restartEmulator(EcrEmulator.builder()
                                .credentials(MojoRunner.ACCESS_KEY_ID, "not-the-secret-the-build-has"))));
    }

    static List<Case> accessDenied() {
        List<Case> cases = new ArrayList<>();
        cases.add(denied("DescribeRepositories", run -> {}));
        cases.add(denied("CreateRepository", run -> {}));
        cases.add(denied("SetRepositoryPolicy", run -> run.goal.set("policy", POLICY)));
        cases.add(denied("PutLifecyclePolicy", run -> run.goal.set("lifecyclePolicy", LIFECYCLE)));
        cases.add(denied("PutImageScanningConfiguration", run -> {
            run.emulator.seedRepository("app");
            run.goal.set("scanOnPush", true);
        }));
        return cases;
    }

    private static Case denied(String operation, Consumer<Run> configure) {
        return new Case(
                "access denied to " + operation,
                MojoFailureException.class,
                "Access denied: " + DENIED_BY
                        + "ecr:" + operation + " on " + REPOSITORY_ARN + " (request ID {requestId:" + operation
                        + "}). Grant "
                        + "ecr:" + operation + PRINT_IAM_POLICY,
                Duration.ofSeconds(5),
                run -> {
                    run.emulator.faults().accessDenied(operation);
                    configure.accept(run);
                });
    }

    static List<Case> network() {
        return List.of(
                new Case(
                        "endpoint host that does not resolve",
                        MojoExecutionException.class,
                        "ECR "
                                + "DescribeRepositories for repository app failed: the host name "
                                + "ecr.no-such-host.invalid does not resolve. Check <endpoint> (-Decr.endpoint) and <region> "
                                + "(-Decr.region), and that this machine's DNS resolves AWS host names",
                        Duration.ofSeconds(5),
                        run -> run.endpoint("https://ecr.no-such-host.invalid")),
                new Case(
                        "endpoint that refuses connections",
                        MojoExecutionException.class,
                        "ECR "
                                + "DescribeRepositories for repository app failed{attempts}: {endpoint} refused the "
                                + "connection. Check <endpoint> (-Decr.endpoint), and that the network lets the build reach "
                                + "AWS (a firewall, or a proxy missing from settings.xml)",
                        Duration.ofSeconds(10),
                        run -> run.endpoint("http://127.0.0.1:" + closedPort())),
                new Case(
                        "connections dropped past maxAttempts",
                        MojoExecutionException.class,
                        "ECR "
                                + "DescribeRepositories for repository app failed{attempts}: the connection to {endpoint} "
                                + "broke before an answer. Something on the way to AWS (a proxy, a firewall, a VPN) drops "
                                + "connections; raise <maxAttempts> (-Decr.maxAttempts) to ride it out. "
                                + SAFE_TO_REPEAT,
                        Duration.ofSeconds(10),
                        pastMaxAttempts(2, faults -> faults.dropConnection("DescribeRepositories", 10))),
                new Case(
                        "TLS certificate the JVM does not trust",
                        MojoExecutionException.class,
                        "ECR "
                                + "DescribeRepositories for repository app failed: the certificate of {endpoint} is "
                                + "not trusted by this JVM. If a proxy or a private endpoint presents its own certificate "
                                + "authority, add it to the trust store of the JVM running Maven (-Djavax.net.ssl.trustStore "
                                + "in MAVEN_OPTS)",
                        Duration.ofSeconds(5),
                        run -> {
                            run.restartEmulator(EcrEmulator.builder().https(certificate.serverContext(), 0));
                            run.endpoint(run.emulator.httpsEndpoint().toString());
                        }),
                new Case(
                        "no answer within the timeout",
                        MojoExecutionException.class,
                        "ECR DescribeRepositories "
                                + "for repository app failed{attempts}: {endpoint} did not answer within 1 s. Raise <timeout> "
                                + "(-Decr.timeout) if the network to AWS is slow. " + SAFE_TO_REPEAT,
                        Duration.ofMillis(3500),
                        run -> {
                            run.emulator.faults().latency(Duration.ofMillis(1500));
                            run.goal.set("timeout", "PT1S");
                        }),
                new Case(
                        "proxy demanding credentials settings.xml does not give",
                        MojoFailureException.class,
                        "Proxy 127.0.0.1:{proxyPort} demands credentials (HTTP 407 Proxy Authentication Required), "
                                + "and settings.xml proxy 'corp' has none. Add <username> and <password> to <proxy> 'corp' in "
                                + "settings.xml, or list the AWS endpoints in its <nonProxyHosts> if they can be reached "
                                + "without the proxy",
                        Duration.ofSeconds(5),
                        Run::behindAProxyWantingCredentials));
    }

    static List<Case> awsFailing() {
        return List.of(
                new Case(
                        "throttled past maxAttempts",
                        MojoExecutionException.class,
                        "ECR CreateRepository for "
                                + "repository app failed after 3 attempts: ECR throttled every attempt "
                                + "(ThrottlingException). Raise <maxAttempts> (-Decr.maxAttempts), or run fewer builds "
                                + "against this account at once. " + SAFE_TO_REPEAT,
                        Duration.ofSeconds(8),
                        pastMaxAttempts(3, faults -> faults.throttle("CreateRepository", 10))),
                new Case(
                        "ECR failing (HTTP 500) past maxAttempts",
                        MojoExecutionException.class,
                        "ECR "
                                + "CreateRepository for repository app failed after 2 attempts: ECR failed on its side "
                                + "(ServerException, HTTP 500, request ID {requestId:CreateRepository}). Build again later, "
                                + "or raise <maxAttempts> (-Decr.maxAttempts); quote the request ID to AWS support if it "
                                + "persists. " + SAFE_TO_REPEAT,
                        Duration.ofSeconds(5),
                        pastMaxAttempts(2, faults -> faults.serverError("CreateRepository", 10))));
    }

    /** The goal allows {@code maxAttempts} and the emulator fails more often than that, as {@code fault} sets. */
    private static Consumer<Run> pastMaxAttempts(int maxAttempts, Consumer<Faults> fault) {
        return run -> {
            fault.accept(run.emulator.faults());
            run.goal.set("maxAttempts", maxAttempts);
        };
    }

    @BeforeAll
    static void prepare(@TempDir Path dir) throws Exception {
        certificate = SelfSignedCertificate.create(dir);
        // One successful run first, so that the times measure the failures, not the JVM loading the SDK's classes.
        MojoRunner.installCredentials();
        try (EcrEmulator emulator = EcrEmulator.builder().build().start()) {
            MojoRunner.ensureRepository(emulator)
                    .set("repositoryName", "warm-up")
                    .execute();
        } finally {
            EcrClients.closeAll();
            MojoRunner.removeCredentials();
        }
    }

    @BeforeEach
    void start() {
        MojoRunner.installCredentials();
        run = new Run(EcrEmulator.builder().build().start());
    }

    @AfterEach
    void stop() throws Exception {
        run.close();
        MojoRunner.removeCredentials();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("catalogue")
    void saysWhatFailedAndWhatToDoInOneShortMessage(Case c) {
        c.provoke().accept(run);

        long start = System.nanoTime();
        AbstractMojoExecutionException e = assertThrows(c.type(), run.goal::execute);
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        String message = e.getMessage();
        System.out.println(
                c.description() + " (" + took.toMillis() + " ms, " + message.length() + " chars):\n  " + message);
        assertEquals(run.expand(c.expected(), e), message);
        assertTrue(message.length() <= MAX_LENGTH, message.length() + " characters: " + message);
        assertTrue(took.compareTo(c.within()) <= 0, "took " + took.toMillis() + " ms, allowed " + c.within());
        SDK_WORDS.forEach(word -> assertFalse(message.contains(word), "no SDK text (" + word + "): " + message));
        // Maven prints the message followed by every cause's message it does not contain: no cause, no SDK text.
        assertNull(e.getCause(), "the details go with the suppressed exception, shown under -e");
        assertEquals(1, e.getSuppressed().length, "the original exception, for -e and -X");
        assertFalse(MojoRunner.messages(e).contains(MojoRunner.SECRET_KEY));
        assertFalse(run.goal.logText().contains(MojoRunner.SECRET_KEY));
        run.failedCall(e).ifPresent(this::assertAttemptsAddUp);
        Throwable detail = e.getSuppressed()[0].getCause();
        if (detail != null) {
            assertTrue(
                    run.goal.log().contains("[DEBUG] Cause of the failure: " + detail),
                    "the underlying text under -X: " + run.goal.logText());
        }
    }

    @org.junit.jupiter.api.Test
    void aProxyDemandingCredentialsIsAskedOnce() {
        run.behindAProxyWantingCredentials();
        run.goal.set("maxAttempts", 5);

        assertThrows(MojoFailureException.class, run.goal::execute);

        assertEquals(1, run.proxy.requests().size(), "a 407 is not retried: " + run.proxy.requests());
    }

    @org.junit.jupiter.api.Test
    void underDashETheOriginalIsTheCauseWhichMavenPrints() {
        run.endpoint("http://127.0.0.1:" + closedPort());
        run.goal.set("maxAttempts", 2).showErrors();

        MojoExecutionException e = assertThrows(MojoExecutionException.class, run.goal::execute);

        RegistryException original = assertInstanceOf(RegistryException.class, e.getCause());
        assertEquals(0, e.getSuppressed().length, "attached once");
        assertTrue(e.getMessage().startsWith(original.getMessage() + ". Check <endpoint>"), e.getMessage());
        assertTrue(original.getCause().toString().contains("Connection refused"), "the SDK's words, for -e");
    }

    /** Where every attempt got an answer, the number the message gives is the number of calls ECR answered. */
    private void assertAttemptsAddUp(RegistryException failure) {
        if (ANSWERED.contains(failure.kind())) {
            assertEquals(
                    run.emulator.calls(failure.operation()).size(),
                    failure.attempts().orElseThrow(),
                    "attempts reported vs calls the emulator answered");
        }
    }

    private static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** What one case runs against: the emulator, the goal, and whatever else it started. */
    static final class Run implements AutoCloseable {
        EcrEmulator emulator;
        MojoRunner goal;
        RecordingProxy proxy;
        String endpoint;

        Run(EcrEmulator emulator) {
            this.emulator = emulator;
            this.goal = MojoRunner.ensureRepository(emulator);
            this.endpoint = emulator.endpoint().toString();
        }

        /** Replaces the emulator by one built from {@code builder}, and points the goal at it. */
        void restartEmulator(EcrEmulator.Builder builder) {
            emulator.close();
            emulator = builder.build().start();
            endpoint(emulator.endpoint().toString());
        }

        /** Points the goal at {@code url} (its {@code <endpoint>}). */
        void endpoint(String url) {
            endpoint = url;
            goal.set("endpoint", url);
        }

        void behindAProxyWantingCredentials() {
            proxy = RecordingProxy.start(0, null).requireCredentials("build", "proxy-secret");
            goal.settingsProxy(proxy.port(), null, null);
        }

        /** The ECR call whose failure the goal reports, if it was one. */
        java.util.Optional<RegistryException> failedCall(AbstractMojoExecutionException e) {
            return Stream.of(e.getSuppressed())
                    .filter(RegistryException.class::isInstance)
                    .map(RegistryException.class::cast)
                    .findFirst();
        }

        /**
         * The expected message with its placeholders filled in: {@code {endpoint}} the goal's endpoint,
         * {@code {requestId:Op}} the request ID of the emulator's last answer to {@code Op}, {@code {proxyPort}},
         * and {@code {attempts}}: " after N attempts" where N (more than one) is the count the failure carries.
         */
        String expand(String expected, AbstractMojoExecutionException e) {
            String text = expected;
            text = text.replace("{endpoint}", endpoint.replaceAll("/+$", ""));
            if (proxy != null) {
                text = text.replace("{proxyPort}", String.valueOf(proxy.port()));
            }
            java.util.regex.Matcher requestId =
                    java.util.regex.Pattern.compile("\\{requestId:(\\w+)}").matcher(text);
            if (requestId.find()) {
                List<io.github.ecrmavenplugin.emulator.EmulatorCall> calls = emulator.calls(requestId.group(1));
                text = text.replace(
                        requestId.group(),
                        calls.isEmpty() ? "?" : calls.get(calls.size() - 1).requestId());
            }
            Function<Integer, String> after = n -> n > 1 ? " after " + n + " attempts" : "";
            return text.replace(
                    "{attempts}",
                    failedCall(e)
                            .flatMap(RegistryException::attempts)
                            .map(after)
                            .orElse(""));
        }

        @Override
        public void close() {
            EcrClients.closeAll();
            if (proxy != null) {
                proxy.close();
            }
            emulator.close();
        }
    }
}

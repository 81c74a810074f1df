package io.github.ecrmavenplugin.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ecrmavenplugin.emulator.EcrEmulator;
import io.github.ecrmavenplugin.emulator.EmulatorCall;
import io.github.ecrmavenplugin.emulator.Identities;
import io.github.ecrmavenplugin.proxy.RecordingProxy;
import io.github.ecrmavenplugin.tls.SelfSignedCertificate;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A CI job's web identity token (OIDC) exchanged at STS through the build's proxy, as the AWS CLI does, in a network
 * where only the proxy reaches "AWS": it tunnels the {@code CONNECT}s for STS's and ECR's own host names to the
 * emulator, which serves a certificate for both, trusted by this JVM. The environment is the SDK's own
 * ({@link SdkEnvironment}), and so is every provider of the chain.
 */
class WebIdentityBehindProxyTest {

    private static final String STS_HOST = "sts.us-east-1.amazonaws.com";
    private static final String ECR_HOST = "api.ecr.us-east-1.amazonaws.com";
    private static final String ROLE = "arn:aws:iam::123456789012:role/ci-ecr";

    @TempDir
    static Path directory;

    private static SelfSignedCertificate certificate;

    @RegisterExtension
    final SdkEnvironment sdk = new SdkEnvironment();

    @TempDir
    Path home;

    private AutoCloseable trust;
    private EcrEmulator emulator;
    private RecordingProxy proxy;

    @BeforeAll
    static void certificate() {
        certificate = SelfSignedCertificate.create(directory, STS_HOST, ECR_HOST);
    }

    @BeforeEach
    void start() throws Exception {
        trust = certificate.trustedByThisJvm();
        emulator = EcrEmulator.builder()
                .https(certificate.serverContext(), 0)
                .build()
                .start();
        emulator.seedRepository("team/app");
        proxy = RecordingProxy.start(0, null);
        proxy.route(STS_HOST, emulator.httpsEndpoint().getPort());
        proxy.route(ECR_HOST, emulator.httpsEndpoint().getPort());

        for (String name : List.of("HTTPS_PROXY", "HTTP_PROXY", "NO_PROXY")) {
            sdk.variable(name, null).variable(name.toLowerCase(Locale.ROOT), null);
        }
        for (String scheme : List.of("http", "https")) {
            sdk.property(scheme + ".proxyHost", null).property(scheme + ".proxyPort", null);
        }
        for (String name : List.of("aws.accessKeyId", "aws.secretAccessKey", "aws.sessionToken", "aws.profile")) {
            sdk.property(name, null);
        }
        for (String name : List.of(
                "AWS_ACCESS_KEY_ID",
                "AWS_SECRET_ACCESS_KEY",
                "AWS_SESSION_TOKEN",
                "AWS_PROFILE",
                "AWS_ENDPOINT_URL",
                "AWS_ENDPOINT_URL_STS",
                "AWS_CONTAINER_CREDENTIALS_FULL_URI",
                "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI")) {
            sdk.variable(name, null);
        }
        Path token = home.resolve("oidc-token");
        Files.writeString(token, "eyJhbGciOiJSUzI1NiJ9.e30.c2lnbmF0dXJl");
        sdk.property("http.nonProxyHosts", null)
                .variable("HOME", home.toString())
                .variable("AWS_CONFIG_FILE", home.resolve("config").toString())
                .variable(
                        "AWS_SHARED_CREDENTIALS_FILE",
                        home.resolve("credentials").toString())
                .variable("AWS_EC2_METADATA_DISABLED", "true")
                // The region the SDK's own STS client would take too: only the proxy makes the difference.
                .variable("AWS_REGION", "us-east-1")
                .variable("AWS_WEB_IDENTITY_TOKEN_FILE", token.toString())
                .variable("AWS_ROLE_ARN", ROLE)
                .variable("AWS_ROLE_SESSION_NAME", "ci-job");
    }

    @AfterEach
    void stop() throws Exception {
        sdk.restore();
        proxy.close();
        emulator.close();
        trust.close();
    }

    /** As a corporate CI runner: only HTTPS_PROXY, no endpoint setting. */
    @Test
    void withOnlyHttpsProxySetTheTokenIsExchangedThroughIt() {
        sdk.variable("HTTPS_PROXY", "http://127.0.0.1:" + proxy.port());

        String source = describe(Optional.empty());

        assertEquals(List.of("CONNECT " + STS_HOST + ":443", "CONNECT " + ECR_HOST + ":443"), requests());
        assertSignedAsTheRole(source);
    }

    @Test
    void throughASettingsXmlProxy() {
        String source = describe(Optional.of(
                new ProxySettings("corp", "127.0.0.1", proxy.port(), Optional.empty(), Optional.empty(), List.of())));

        assertEquals(List.of("CONNECT " + STS_HOST + ":443", "CONNECT " + ECR_HOST + ":443"), requests());
        assertSignedAsTheRole(source);
    }

    /** The Apache client, which sends the proxy's credentials on each CONNECT, for STS as for ECR. */
    @Test
    void throughASettingsXmlProxyWithCredentials() {
        proxy.requireCredentials("build", "proxy-secret");

        String source = describe(Optional.of(new ProxySettings(
                "corp", "127.0.0.1", proxy.port(), Optional.of("build"), Optional.of("proxy-secret"), List.of())));

        assertEquals(List.of("CONNECT " + STS_HOST + ":443", "CONNECT " + ECR_HOST + ":443"), requests());
        proxy.requests().forEach(request -> {
            assertTrue(request.authenticated(), request.toString());
            assertEquals(0, request.status(), "tunnelled, not refused: " + request);
        });
        assertSignedAsTheRole(source);
    }

    /** The chain's failure is explained as the SDK's own chain's is, naming the role and the fix. */
    @Test
    void aTokenStsRefusesThroughTheProxyFailsNamingTheRoleAndTheFix() {
        String badRole = "arn:aws:iam::123:role/not-an-account";
        sdk.variable("AWS_ROLE_ARN", badRole).variable("HTTPS_PROXY", "http://127.0.0.1:" + proxy.port());

        CredentialsException e =
                assertThrows(CredentialsException.class, () -> EcrClients.identity(key(Optional.empty())));

        assertEquals(List.of("CONNECT " + STS_HOST + ":443"), requests());
        String requestId = emulator.calls("AssumeRoleWithWebIdentity").get(0).requestId();
        assertEquals(
                "STS refused the web identity token for role " + badRole + " (HTTP 400, request ID " + requestId
                        + "). Check AWS_ROLE_ARN, and that the role's trust policy allows "
                        + "sts:AssumeRoleWithWebIdentity for this token's issuer, audience and subject",
                e.getMessage());
    }

    @Test
    void aTokenFileThatIsNotThereIsNamedBehindTheProxyToo() {
        Path token = home.resolve("never-written");
        sdk.variable("AWS_WEB_IDENTITY_TOKEN_FILE", token.toString())
                .variable("HTTPS_PROXY", "http://127.0.0.1:" + proxy.port());

        CredentialsException e =
                assertThrows(CredentialsException.class, () -> EcrClients.identity(key(Optional.empty())));

        assertEquals(
                "Cannot read the web identity token file " + token + " (AWS_WEB_IDENTITY_TOKEN_FILE). Check that the "
                        + "CI job or the platform writes it before the build runs",
                e.getMessage());
        assertEquals(List.of(), requests());
    }

    /** STS could not reach the token's issuer: tried again, as the SDK's own web identity client does. */
    @Test
    void anIdpCommunicationErrorIsTriedAgain() {
        emulator.faults().idpCommunicationError(1);
        sdk.variable("HTTPS_PROXY", "http://127.0.0.1:" + proxy.port());

        Registries.Connected connected = Registries.connect(
                new ClientKey(
                        new ConnectionSettings(
                                Optional.of("us-east-1"),
                                Optional.empty(),
                                Optional.empty(),
                                2,
                                Duration.ofSeconds(20)),
                        CredentialsSettings.DEFAULT,
                        Optional.empty()),
                null,
                message -> {});
        connected.registry().describe(List.of("team/app"));

        List<EmulatorCall> exchanges = emulator.calls("AssumeRoleWithWebIdentity");
        assertEquals(2, exchanges.size(), exchanges.toString());
        assertEquals("IDPCommunicationError", exchanges.get(0).errorType());
        assertEquals(
                emulator.identities().all().get(0).accessKeyId(),
                emulator.calls("DescribeRepositories").get(0).accessKeyId());
    }

    /**
     * Without a proxy the SDK's DefaultCredentialsProvider exchanges the token with its own STS client (the SDK's
     * default HTTP client, Apache), here at the emulator named by AWS_ENDPOINT_URL_STS; behind one, the plugin's
     * (URL-connection).
     */
    @Test
    void withoutAProxyTheSdksOwnChainExchangesTheToken() {
        sdk.variable("AWS_ENDPOINT_URL_STS", emulator.httpsEndpoint().toString());
        ClientKey key = new ClientKey(
                new ConnectionSettings(
                        Optional.of("us-east-1"),
                        Optional.of(emulator.httpsEndpoint()),
                        Optional.empty(),
                        1,
                        Duration.ofSeconds(20)),
                CredentialsSettings.DEFAULT,
                Optional.empty());

        Registries.Connected connected = Registries.connect(key, null, message -> {});
        connected.registry().describe(List.of("team/app"));

        assertEquals(List.of(), requests());
        assertSignedAsTheRole(connected.credentialsSource());
        assertTrue(stsClient().contains("Apache"), "the SDK's own STS client: " + stsClient());
    }

    /** A host that never resolves (RFC 2606's .invalid) is a network path to fix, not a token to check. */
    @Test
    void anStsWhoseHostDoesNotResolveIsNamedAsUnreachable() {
        sdk.variable("AWS_ENDPOINT_URL_STS", "https://sts.unreachable.invalid");

        CredentialsException e =
                assertThrows(CredentialsException.class, () -> EcrClients.identity(key(Optional.empty())));

        assertEquals(
                "Cannot exchange the web identity token for role " + ROLE + ": STS could not be reached. Check the "
                        + "network path (proxy) to STS, or AWS_ENDPOINT_URL_STS if you set one",
                e.getMessage());
    }

    /** Reads as a goal does; answers the credentials' source as the build log names it. */
    private String describe(Optional<ProxySettings> settingsProxy) {
        Registries.Connected connected = Registries.connect(key(settingsProxy), null, message -> {});
        connected.registry().describe(List.of("team/app"));
        return connected.credentialsSource();
    }

    /** Region us-east-1 and no endpoint: the SDK's endpoint rules name AWS's own hosts. */
    private static ClientKey key(Optional<ProxySettings> settingsProxy) {
        return new ClientKey(
                new ConnectionSettings(
                        Optional.of("us-east-1"), Optional.empty(), Optional.empty(), 1, Duration.ofSeconds(20)),
                CredentialsSettings.DEFAULT,
                settingsProxy);
    }

    /** One exchange at STS for the role, and ECR called with the role's key. */
    private void assertSignedAsTheRole(String source) {
        assertTrue(source.startsWith("default chain, web identity"), source);
        List<EmulatorCall> exchanges = emulator.calls("AssumeRoleWithWebIdentity");
        assertEquals(1, exchanges.size(), "one STS call for the build");
        List<Identities.Session> sessions = emulator.identities().all();
        Identities.Session session = sessions.get(sessions.size() - 1);
        assertEquals(ROLE, session.roleArn());
        assertEquals("ci-job", session.sessionName());
        EmulatorCall read = emulator.calls("DescribeRepositories").get(0);
        assertTrue(read.succeeded(), read.toString());
        assertEquals(session.accessKeyId(), read.accessKeyId(), "ECR saw the assumed role's key");
    }

    private String stsClient() {
        return emulator.calls("AssumeRoleWithWebIdentity").get(0).userAgent();
    }

    private List<String> requests() {
        return proxy.requests().stream()
                .map(request -> request.method() + " " + request.target())
                .toList();
    }
}

package io.github.ecrmavenplugin.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.github.ecrmavenplugin.emulator.EcrEmulator;
import io.github.ecrmavenplugin.emulator.EmulatorCall;
import io.github.ecrmavenplugin.emulator.Identities;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each credential source of the SDK's default chain that a developer or a CI job uses, end to end through the real
 * SDK against the emulator (which also stands in for STS) and a stand-in container endpoint. The environment is
 * the SDK's own ({@link SdkEnvironment}): the plugin reads none of it. Each test names the identity it expects and
 * checks that ECR saw that access key.
 */
class SdkCredentialSourcesTest {

    private static final String ROLE = "arn:aws:iam::123456789012:role/ci-ecr";

    @RegisterExtension
    final SdkEnvironment sdk = new SdkEnvironment();

    @TempDir
    Path home;

    private EcrEmulator emulator;

    @BeforeEach
    void start() {
        emulator = EcrEmulator.builder().build().start();
        emulator.seedRepository("team/app");
        sdk.property("aws.accessKeyId", null)
                .property("aws.secretAccessKey", null)
                .property("aws.sessionToken", null)
                .variable("HOME", home.toString())
                .variable("AWS_CONFIG_FILE", home.resolve("config").toString())
                .variable(
                        "AWS_SHARED_CREDENTIALS_FILE",
                        home.resolve("credentials").toString())
                .variable("AWS_REGION", "us-east-1");
    }

    @AfterEach
    void stop() {
        emulator.close();
    }

    @Test
    void aProfileWithAKeyInBothFilesSignsWithTheCredentialsFilesKey() throws Exception {
        key("AKIACONFIGFILEKEY001", "config/secret/0000000000000000000000001");
        key("AKIACREDENTIALSKEY01", "credentials/secret/00000000000000000001");
        Files.writeString(
                home.resolve("config"),
                "[profile dev]\naws_access_key_id = AKIACONFIGFILEKEY001\n"
                        + "aws_secret_access_key = config/secret/0000000000000000000000001\n");
        Files.writeString(
                home.resolve("credentials"),
                "[dev]\naws_access_key_id = AKIACREDENTIALSKEY01\n"
                        + "aws_secret_access_key = credentials/secret/00000000000000000001\n");

        sdk.variable("AWS_PROFILE", "dev");
        assertSignedBy("AKIACREDENTIALSKEY01", defaultChain());
        emulator.clearCalls();
        sdk.variable("AWS_PROFILE", null);
        assertSignedBy("AKIACREDENTIALSKEY01", withProfile("dev"));
    }

    @Test
    void anAwsConfigFileStartingWithATildeIsInTheHomeDirectory() throws Exception {
        key("AKIATILDECONFIGKEY01", "tilde/secret/00000000000000000000000001");
        Files.createDirectories(home.resolve("custom"));
        Files.writeString(
                home.resolve("custom/config"),
                "[default]\naws_access_key_id = AKIATILDECONFIGKEY01\n"
                        + "aws_secret_access_key = tilde/secret/00000000000000000000000001\n");
        sdk.variable("AWS_CONFIG_FILE", "~/custom/config");

        String source = assertSignedBy("AKIATILDECONFIGKEY01", defaultChain());
        assertEquals("default chain, shared config/credentials profile (access key AKIA…EY01)", source);
    }

    @Test
    void aWebIdentityTokenAsInCi() throws Exception {
        Path token = home.resolve("oidc-token");
        Files.writeString(token, "eyJhbGciOiJSUzI1NiJ9.e30.c2lnbmF0dXJl");
        sdk.variable("AWS_WEB_IDENTITY_TOKEN_FILE", token.toString())
                .variable("AWS_ROLE_ARN", ROLE)
                .variable("AWS_ROLE_SESSION_NAME", "ci-job")
                .variable("AWS_ENDPOINT_URL_STS", emulator.endpoint().toString());

        String source = assertSignedBy(null, defaultChain());

        assertTrue(source.startsWith("default chain, web identity"), source);
        Identities.Session session = onlySession();
        assertEquals(ROLE, session.roleArn());
        assertEquals("ci-job", session.sessionName());
        assertEquals(session.accessKeyId(), signer());
        List<EmulatorCall> exchanges = emulator.calls("AssumeRoleWithWebIdentity");
        assertEquals(1, exchanges.size(), "one STS call for the build");
        assertTrue(exchanges.get(0).userAgent().startsWith("aws-sdk-java/"), "the SDK's own STS client");
    }

    @Test
    void aWebIdentityTokenStsRefusesFailsNamingTheRoleAndTheFix() throws Exception {
        Path token = home.resolve("oidc-token");
        Files.writeString(token, "eyJhbGciOiJSUzI1NiJ9.e30.c2lnbmF0dXJl");
        String badRole = "arn:aws:iam::123:role/not-an-account";
        sdk.variable("AWS_WEB_IDENTITY_TOKEN_FILE", token.toString())
                .variable("AWS_ROLE_ARN", badRole)
                .variable("AWS_ENDPOINT_URL_STS", emulator.endpoint().toString());

        CredentialsException e = assertThrows(CredentialsException.class, () -> EcrClients.identity(defaultChain()));

        String requestId = emulator.calls("AssumeRoleWithWebIdentity").get(0).requestId();
        assertEquals(
                "STS refused the web identity token for role " + badRole + " (HTTP 400, request ID " + requestId
                        + "). Check AWS_ROLE_ARN, and that the role's trust policy allows "
                        + "sts:AssumeRoleWithWebIdentity for this token's issuer, audience and subject",
                e.getMessage());
        assertTrue(e.isConfigurationProblem());
    }

    @Test
    void aWebIdentityTokenFileThatIsNotThereIsNamed() {
        Path token = home.resolve("never-written");
        sdk.variable("AWS_WEB_IDENTITY_TOKEN_FILE", token.toString()).variable("AWS_ROLE_ARN", ROLE);

        CredentialsException e = assertThrows(CredentialsException.class, () -> EcrClients.identity(defaultChain()));

        assertEquals(
                "Cannot read the web identity token file " + token + " (AWS_WEB_IDENTITY_TOKEN_FILE). Check that the "
                        + "CI job or the platform writes it before the build runs",
                e.getMessage());
    }

    @Test
    void aRoleProfileWhoseSourceHasNoCredentialsSaysSoInTheSdksWords() throws Exception {
        Files.writeString(
                home.resolve("config"), "[profile deploy]\nrole_arn = " + ROLE + "\nsource_profile = nowhere\n");
        sdk.variable("AWS_PROFILE", "deploy");

        for (ClientKey key : List.of(defaultChain(), withProfile("deploy"))) {
            CredentialsException e = assertThrows(CredentialsException.class, () -> EcrClients.identity(key));

            assertEquals(
                    "The AWS profile 'deploy' gave no credentials: The source profile of 'deploy' was configured to "
                            + "be 'nowhere', but that source profile has no credentials configured.",
                    e.getMessage());
        }
    }

    @Test
    void aProfileThatAssumesARoleWithItsSourceProfileInTheProfilesRegion() throws Exception {
        key("AKIAPROFILEBASE00001", "base/secret/00000000000000000000000001");
        Files.writeString(
                home.resolve("credentials"),
                "[base]\naws_access_key_id = AKIAPROFILEBASE00001\n"
                        + "aws_secret_access_key = base/secret/00000000000000000000000001\n");
        Files.writeString(
                home.resolve("config"),
                "[profile deploy]\nrole_arn = " + ROLE + "\nsource_profile = base\n"
                        + "external_id = ext-7\nrole_session_name = dev-build\nregion = eu-west-3\n");
        sdk.variable("AWS_PROFILE", "deploy")
                .variable("AWS_ENDPOINT_URL_STS", emulator.endpoint().toString());

        String source = assertSignedBy(null, defaultChain());

        Identities.Session session = onlySession();
        assertEquals(session.accessKeyId(), signer());
        assertTrue(source.contains("profile with source_profile"), source);
        assertEquals(ROLE, session.roleArn());
        assertEquals("dev-build", session.sessionName());
        assertEquals("ext-7", session.externalId());
        EmulatorCall assumeRole = emulator.calls("AssumeRole").get(0);
        assertEquals("AKIAPROFILEBASE00001", assumeRole.accessKeyId(), "signed with the source profile's key");
        assertEquals("eu-west-3", assumeRole.region(), "STS in the role profile's own region");
        assertEquals("us-east-1", emulator.calls("DescribeRepositories").get(0).region(), "ECR in the build's");
    }

    @Test
    void aCredentialProcess() throws Exception {
        key("AKIAPROCESSKEY000001", "process/secret/000000000000000000000001");
        credentialProcess("printf '{\"Version\": 1, \"AccessKeyId\": \"AKIAPROCESSKEY000001\", "
                + "\"SecretAccessKey\": \"process/secret/000000000000000000000001\"}'");
        sdk.variable("AWS_PROFILE", "tool");

        String source = assertSignedBy("AKIAPROCESSKEY000001", defaultChain());

        assertTrue(source.contains("credential process"), source);
    }

    /** The process prints something else than credentials: a short message naming the cause, and no call. */
    @Test
    void aCredentialProcessPrintingSomethingElseFailsNamingIt() throws Exception {
        credentialProcess("echo 'Please log in first: https://sso.example.com/device'");
        sdk.variable("AWS_PROFILE", "tool");

        for (ClientKey key : List.of(defaultChain(), withProfile("tool"))) {
            CredentialsException e = assertThrows(CredentialsException.class, () -> EcrClients.identity(key));

            assertTrue(e.isConfigurationProblem());
            assertTrue(
                    e.getMessage().startsWith("The credential_process of AWS profile "),
                    e.getCause().getMessage());
            assertTrue(e.getMessage().contains("failed or printed no credentials"), e.getMessage());
            assertFalse(e.getMessage().contains("sso.example.com"), "not what it printed: " + e.getMessage());
        }
        assertEquals(List.of(), emulator.calls());
    }

    @Test
    void aContainerCredentialsEndpoint() throws Exception {
        key("AKIACONTAINERKEY0001", "container/secret/0000000000000000000001");
        List<String> authorization = new CopyOnWriteArrayList<>();
        HttpServer container = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        container.createContext("/credentials", exchange -> {
            authorization.add(exchange.getRequestHeaders().getFirst("Authorization"));
            byte[] body = ("{\"AccessKeyId\": \"AKIACONTAINERKEY0001\", \"SecretAccessKey\": "
                            + "\"container/secret/0000000000000000000001\", \"Token\": \"container-session-token\", "
                            + "\"Expiration\": \"2099-01-01T00:00:00Z\"}")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            try (exchange) {
                exchange.getResponseBody().write(body);
            }
        });
        container.start();
        try {
            sdk.variable(
                            "AWS_CONTAINER_CREDENTIALS_FULL_URI",
                            "http://127.0.0.1:" + container.getAddress().getPort() + "/credentials")
                    .variable("AWS_CONTAINER_AUTHORIZATION_TOKEN", "pod-identity-token");

            String source = assertSignedBy("AKIACONTAINERKEY0001", defaultChain());

            assertTrue(source.contains("container credentials endpoint"), source);
            assertEquals(List.of("pod-identity-token"), authorization, "one request, with the token");
        } finally {
            container.stop(0);
        }
    }

    private void key(String accessKeyId, String secret) {
        emulator.identities().add(accessKeyId, secret);
    }

    private void credentialProcess(String command) throws Exception {
        Path script = home.resolve("credential-process.sh");
        Files.writeString(script, "#!/bin/sh\n" + command + "\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
        Files.writeString(home.resolve("config"), "[profile tool]\ncredential_process = " + script + "\n");
    }

    private ClientKey defaultChain() {
        return withProfile(null);
    }

    private ClientKey withProfile(String profile) {
        return ClientKey.of(new ConnectionSettings(
                Optional.empty(),
                Optional.of(emulator.endpoint()),
                Optional.ofNullable(profile),
                2,
                Duration.ofSeconds(20)));
    }

    /**
     * Connects and reads as a goal does, checks that ECR accepted the read signed with {@code accessKeyId} (when
     * given), and answers the credentials' source as the build log names it.
     */
    private String assertSignedBy(String accessKeyId, ClientKey key) {
        Registries.Connected connected = Registries.connect(key, null, message -> {});
        connected.registry().describe(List.of("team/app"));
        EmulatorCall read = emulator.calls("DescribeRepositories").get(0);
        assertTrue(read.succeeded(), read.toString());
        assertEquals(read.accessKeyId(), connected.accessKeyId());
        if (accessKeyId != null) {
            assertEquals(accessKeyId, read.accessKeyId());
        }
        assertFalse(connected.credentialsSource().contains("secret"), connected.credentialsSource());
        return connected.credentialsSource();
    }

    private String signer() {
        return emulator.calls("DescribeRepositories").get(0).accessKeyId();
    }

    private Identities.Session onlySession() {
        List<Identities.Session> sessions = emulator.identities().all();
        return sessions.isEmpty() ? null : sessions.get(sessions.size() - 1);
    }
}

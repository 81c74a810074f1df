package io.github.ecrmavenplugin.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ecrmavenplugin.emulator.EcrEmulator;
import io.github.ecrmavenplugin.emulator.EmulatorCall;
import io.github.ecrmavenplugin.emulator.EmulatorExtension;
import io.github.ecrmavenplugin.emulator.Identities;
import io.github.ecrmavenplugin.registry.RegistryException;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The plugin's own client factory against the emulator: credentials given directly, and a role assumed over STS. */
class EcrClientsCredentialsTest {

    static final String ROLE = "arn:aws:iam::123456789012:role/ci-ecr";
    static final String BASE_KEY = "AKIAUNITBASEKEY00001";
    static final String BASE_SECRET = "unit/base/secret/key/0000000000000000001";

    @RegisterExtension
    final EmulatorExtension emulatorExtension = EmulatorExtension.perTest(EcrEmulator.builder());

    private final EcrEmulator emulator = emulatorExtension.emulator();

    @BeforeEach
    void start() {
        // Known to the emulator: a request signed with any other secret for this key is refused.
        emulator.identities().add(BASE_KEY, BASE_SECRET);
        emulator.seedRepository("any");
        emulator.seedRepository("other");
    }

    @AfterEach
    void stop() {
        EcrClients.closeAll();
    }

    @Test
    void accessKeyGivenDirectlySignsTheCalls() throws Exception {
        ClientKey key = key(Optional.empty());

        String source = EcrClients.identity(key).source();
        new SdkRegistry(EcrClients.client(key), null).describe("any");

        assertEquals("test server 'unit' (access key AKIA…0001)", source);
        EmulatorCall call = emulator.calls("DescribeRepositories").get(0);
        assertEquals(BASE_KEY, call.accessKeyId());
        assertTrue(call.succeeded(), "the emulator checked the signature with the secret: " + call);
    }

    @Test
    void aWrongSecretIsRefusedSoTheTestsAboveProveTheSecretArrived() throws Exception {
        ConnectionSettings connection =
                ConnectionSettings.of("us-east-1", emulator.endpoint().toString(), null);
        ClientKey key = new ClientKey(
                connection,
                new CredentialsSettings(
                        Optional.of(new AccessKey("test", BASE_KEY, "not/the/right/secret/00000000000000000000")),
                        Optional.empty(),
                        Optional.empty()),
                Optional.empty());

        RegistryException e = assertThrows(
                RegistryException.class, () -> new SdkRegistry(EcrClients.client(key), null).describe("any"));

        assertEquals(Optional.of("InvalidSignatureException"), e.errorCode());
    }

    @Test
    void roleIsAssumedOverStsAndEcrIsCalledWithTheTemporaryCredentials() throws Exception {
        ClientKey key = key(AssumedRole.of(ROLE, "ext-id-42", "build-7"));

        String source = EcrClients.identity(key).source();
        new SdkRegistry(EcrClients.client(key), null).describe("any");
        new SdkRegistry(EcrClients.client(key), null).describe("other");

        List<Identities.Session> sessions = emulator.identities().all();
        assertEquals(1, sessions.size(), "the temporary credentials are cached, not fetched per call");
        Identities.Session session = sessions.get(0);
        assertEquals(ROLE, session.roleArn());
        assertEquals("build-7", session.sessionName());
        assertEquals("ext-id-42", session.externalId());
        assertEquals(BASE_KEY, session.callerAccessKeyId());

        List<EmulatorCall> calls = emulator.calls();
        assertEquals("AssumeRole", calls.get(0).operation());
        assertEquals(BASE_KEY, calls.get(0).accessKeyId());
        assertTrue(
                calls.get(0).userAgent().startsWith("aws-sdk-java/"),
                "the SDK's STS client: " + calls.get(0).userAgent());
        List<EmulatorCall> ecrCalls = emulator.calls("DescribeRepositories");
        assertEquals(2, ecrCalls.size());
        // Signed with the temporary key, its secret and session token (the emulator refuses anything else).
        ecrCalls.forEach(call -> assertEquals(session.accessKeyId(), call.accessKeyId()));
        ecrCalls.forEach(call -> assertTrue(call.succeeded(), call.toString()));

        assertEquals(
                "role " + ROLE + " (session build-7, access key " + AccessKey.mask(session.accessKeyId())
                        + ") assumed with test server 'unit' (access key AKIA…0001)",
                source);
        assertFalse(source.contains(session.secretAccessKey()) || source.contains(session.sessionToken()));
    }

    @Test
    void roleWhoseTrustPolicyWantsAnotherExternalIdFailsAsConfigurationProblem() throws Exception {
        emulator.identities().requireExternalId(ROLE, "the-right-one");
        ClientKey key = key(AssumedRole.of(ROLE, "a-wrong-one", null));

        CredentialsException e = assertThrows(
                CredentialsException.class, () -> EcrClients.identity(key).source());

        assertTrue(e.isConfigurationProblem());
        assertTrue(
                e.getMessage().startsWith("Cannot assume role " + ROLE + ": STS answered AccessDenied"),
                e.getMessage());
        assertTrue(e.getMessage().contains("<roleExternalId>"), e.getMessage());
        assertFalse(e.getMessage().contains(BASE_SECRET));
    }

    @Test
    void deniedAssumeRoleNamesTheIamAction() throws Exception {
        emulator.faults().accessDenied("AssumeRole");
        ClientKey key = key(AssumedRole.of(ROLE, null, null));

        CredentialsException e = assertThrows(
                CredentialsException.class, () -> EcrClients.identity(key).source());

        assertTrue(e.getMessage().contains("sts:AssumeRole"), e.getMessage());
        assertEquals(1, emulator.calls("AssumeRole").size());
        assertEquals("AccessDenied", emulator.calls("AssumeRole").get(0).errorType());
    }

    @Test
    void unreachableStsIsNotAConfigurationProblem() throws Exception {
        int closedPort;
        try (var socket = new java.net.ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        ClientKey base = key(AssumedRole.of(ROLE, null, null));
        ClientKey key = new ClientKey(
                new ConnectionSettings(
                        base.connection().region(),
                        base.connection().endpoint(),
                        Optional.empty(),
                        1,
                        java.time.Duration.ofSeconds(5)),
                new CredentialsSettings(
                        base.credentials().accessKey(),
                        base.credentials().role(),
                        Optional.of(java.net.URI.create("http://127.0.0.1:" + closedPort))),
                Optional.empty());

        CredentialsException e = assertThrows(
                CredentialsException.class, () -> EcrClients.identity(key).source());

        assertFalse(e.isConfigurationProblem());
        assertEquals(
                "Cannot assume role " + ROLE + ": STS could not be reached. Check <stsEndpoint> and the network path "
                        + "(proxy) to STS",
                e.getMessage());
        assertTrue(e.getMessage().contains("<stsEndpoint>"), e.getMessage());
    }

    @Test
    void invalidRoleSettingsNameTheirParameter() {
        var e = assertThrows(
                io.github.ecrmavenplugin.model.InvalidConfigurationException.class,
                () -> AssumedRole.of("arn:aws:iam::123:user/me", null, null));
        assertEquals("roleArn", e.parameter());
        e = assertThrows(
                io.github.ecrmavenplugin.model.InvalidConfigurationException.class,
                () -> AssumedRole.of(ROLE, null, "has spaces"));
        assertEquals("roleSessionName", e.parameter());
        e = assertThrows(
                io.github.ecrmavenplugin.model.InvalidConfigurationException.class,
                () -> AssumedRole.of(null, "ext", null));
        assertEquals("roleExternalId", e.parameter());
    }

    @Test
    void secretsStayOutOfToString() {
        AccessKey key = new AccessKey("test", BASE_KEY, BASE_SECRET);
        assertFalse(key.toString().contains(BASE_SECRET));
        assertFalse(key.toString().contains(BASE_KEY));
        assertEquals("AKIA…0001", AccessKey.mask(BASE_KEY));
    }

    private ClientKey key(Optional<AssumedRole> role) throws Exception {
        ConnectionSettings connection =
                ConnectionSettings.of("us-east-1", emulator.endpoint().toString(), null);
        return new ClientKey(
                connection,
                new CredentialsSettings(
                        Optional.of(new AccessKey("test server 'unit'", BASE_KEY, BASE_SECRET)),
                        role,
                        Optional.of(emulator.endpoint())),
                Optional.empty());
    }
}

package io.github.ecrmavenplugin.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ecrmavenplugin.emulator.EcrEmulator;
import io.github.ecrmavenplugin.emulator.EmulatorCall;
import io.github.ecrmavenplugin.proxy.RecordingProxy;
import java.io.IOException;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;

/**
 * The credential sources the plugin resolves without the SDK's providers (a profile's static key, the web identity
 * and SSO exchanges) against the emulator's STS and SSO portal, and the cases it leaves to the SDK.
 */
class CredentialExchangesTest {

    private static final String ROLE = "arn:aws:iam::123456789012:role/ci-ecr";

    @TempDir
    Path home;

    private final Map<String, String> environment = new HashMap<>();
    private EcrEmulator emulator;

    @BeforeEach
    void start() {
        emulator = EcrEmulator.builder().build().start();
        environment.put("HOME", home.toString());
    }

    @AfterEach
    void stop() {
        emulator.close();
    }

    private AwsCredentialsProvider credentials(int maxAttempts, Optional<ProxySettings> proxy, String profile) {
        ClientKey key = new ClientKey(
                new ConnectionSettings(
                        Optional.of("us-east-1"),
                        Optional.<URI>empty(),
                        Optional.ofNullable(profile),
                        maxAttempts,
                        Duration.ofSeconds(20)),
                CredentialsSettings.DEFAULT,
                proxy);
        return BaseCredentials.of(key, "us-east-1", SystemSettings.of(environment::get, name -> null));
    }

    private AwsCredentialsProvider credentials() {
        return credentials(3, Optional.empty(), null);
    }

    private void webIdentity(String token) throws IOException {
        Path file = home.resolve("oidc-token");
        Files.writeString(file, token);
        environment.put("AWS_WEB_IDENTITY_TOKEN_FILE", file.toString());
        environment.put("AWS_ROLE_ARN", ROLE);
        environment.put("AWS_ROLE_SESSION_NAME", "ci-job");
        environment.put("AWS_ENDPOINT_URL_STS", emulator.endpoint().toString());
    }

    @Test
    void webIdentityIsExchangedOnceWithStsWithoutTheSdksClient() throws Exception {
        webIdentity("eyJhbGciOiJSUzI1NiJ9.e30.c2lnbmF0dXJl\n");
        AwsCredentialsProvider provider = credentials();
        assertInstanceOf(ExchangedCredentials.class, provider);

        AwsSessionCredentials first = assertInstanceOf(AwsSessionCredentials.class, provider.resolveCredentials());
        AwsCredentials again = provider.resolveCredentials();

        List<EmulatorCall> exchanges = emulator.calls("AssumeRoleWithWebIdentity");
        assertEquals(1, exchanges.size(), "one exchange, then the cached key");
        assertEquals(DirectHttp.USER_AGENT, exchanges.get(0).userAgent());
        assertEquals(ROLE, emulator.identities().all().get(0).roleArn());
        assertEquals(emulator.identities().all().get(0).accessKeyId(), first.accessKeyId());
        assertEquals(emulator.identities().all().get(0).sessionToken(), first.sessionToken());
        assertTrue(first.expirationTime().orElseThrow().isAfter(Instant.now().plusSeconds(3000)));
        assertEquals(Optional.of(WebIdentityExchange.SOURCE), first.providerName());
        assertEquals(first, again);
    }

    @Test
    void aTokenStsRefusesFailsAtOnceNamingTheRoleAndTheRequest() throws Exception {
        webIdentity("   ");
        CredentialsException e =
                assertThrows(CredentialsException.class, () -> credentials().resolveCredentials());

        assertTrue(
                e.getMessage()
                        .startsWith("STS refused the web identity token for role " + ROLE
                                + " (MissingParameter, request ID "
                                + emulator.calls("AssumeRoleWithWebIdentity")
                                        .get(0)
                                        .requestId()
                                + "). Check AWS_ROLE_ARN"),
                e.getMessage());
        assertTrue(e.isConfigurationProblem());
        assertEquals(1, emulator.calls("AssumeRoleWithWebIdentity").size(), "a refusal is not asked again");
        assertTrue(e.getCause().getMessage().contains("WebIdentityToken"), "STS's own words in the cause");
    }

    @Test
    void aMissingTokenFileSaysWhichFile() {
        environment.put(
                "AWS_WEB_IDENTITY_TOKEN_FILE", home.resolve("no-such-token").toString());
        environment.put("AWS_ROLE_ARN", ROLE);
        CredentialsException e =
                assertThrows(CredentialsException.class, () -> credentials().resolveCredentials());
        assertTrue(
                e.getMessage()
                        .startsWith("Cannot read the web identity token file " + home.resolve("no-such-token")
                                + " (AWS_WEB_IDENTITY_TOKEN_FILE): NoSuchFileException."),
                e.getMessage());
    }

    @Test
    void stsOutOfReachIsAskedMaxAttemptsTimes() throws Exception {
        webIdentity("token");
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        environment.put("AWS_ENDPOINT_URL_STS", "http://127.0.0.1:" + closedPort);
        CredentialsException e = assertThrows(
                CredentialsException.class,
                () -> credentials(2, Optional.empty(), null).resolveCredentials());
        assertEquals(
                "Cannot exchange the web identity token for role " + ROLE + ": STS at http://127.0.0.1:"
                        + closedPort
                        + "/ gave no usable answer (ConnectException after 2 attempts). Check the network path "
                        + "(proxy) to STS, or AWS_ENDPOINT_URL_STS if you set one",
                e.getMessage());
        assertFalse(e.isConfigurationProblem());
    }

    @Test
    void theExchangeGoesThroughTheSettingsXmlProxyLikeTheReads() throws Exception {
        webIdentity("token");
        try (RecordingProxy proxy = RecordingProxy.start(0, null)) {
            ProxySettings corp =
                    new ProxySettings("corp", "127.0.0.1", proxy.port(), Optional.empty(), Optional.empty(), List.of());
            credentials(3, Optional.of(corp), null).resolveCredentials();

            assertEquals(
                    List.of("POST " + emulator.endpoint() + "/"),
                    proxy.requests().stream()
                            .map(request -> request.method() + " " + request.target())
                            .toList());
        }
        assertEquals(1, emulator.calls("AssumeRoleWithWebIdentity").size());
    }

    @Test
    void endpointRulesOnlyTheSdkKnowsAndProxyCredentialsLeaveWebIdentityToTheSdk() throws Exception {
        webIdentity("token");
        environment.put("AWS_USE_FIPS_ENDPOINT", "true");
        assertInstanceOf(DefaultCredentialsProvider.class, credentials());

        environment.remove("AWS_USE_FIPS_ENDPOINT");
        ProxySettings withCredentials =
                new ProxySettings("corp", "127.0.0.1", 3128, Optional.of("user"), Optional.of("password"), List.of());
        assertInstanceOf(DefaultCredentialsProvider.class, credentials(3, Optional.of(withCredentials), null));
    }

    private void ssoProfile(String accessToken, Instant expiresAt) throws Exception {
        Files.createDirectories(home.resolve(".aws/sso/cache"));
        Files.writeString(
                home.resolve(".aws/config"),
                "[profile dev-sso]\nsso_session = corp\nsso_account_id = "
                        + "123456789012\nsso_role_name = ecr-push\n\n[sso-session corp]\nsso_region = us-east-1\n"
                        + "sso_start_url = https://corp.awsapps.com/start\n");
        String cacheName = HexFormat.of()
                .formatHex(MessageDigest.getInstance("SHA-1").digest("corp".getBytes(StandardCharsets.UTF_8)));
        Files.writeString(
                home.resolve(".aws/sso/cache/" + cacheName + ".json"),
                "{\"startUrl\": "
                        + "\"https://corp.awsapps.com/start\", \"region\": \"us-east-1\", \"accessToken\": \""
                        + accessToken
                        + "\", \"expiresAt\": \"" + expiresAt + "\"}");
        environment.put("AWS_PROFILE", "dev-sso");
        environment.put("AWS_ENDPOINT_URL_SSO", emulator.endpoint().toString());
    }

    @Test
    void anSsoProfilesCachedTokenIsExchangedOnceWithThePortal() throws Exception {
        ssoProfile("cached-sso-access-token", Instant.now().plus(Duration.ofHours(8)));
        AwsCredentialsProvider provider = credentials();
        assertInstanceOf(ExchangedCredentials.class, provider);

        AwsSessionCredentials first = assertInstanceOf(AwsSessionCredentials.class, provider.resolveCredentials());
        provider.resolveCredentials();

        List<EmulatorCall> exchanges = emulator.calls("GetRoleCredentials");
        assertEquals(1, exchanges.size());
        assertEquals(DirectHttp.USER_AGENT, exchanges.get(0).userAgent());
        assertEquals(
                "arn:aws:iam::123456789012:role/ecr-push",
                emulator.identities().all().get(0).roleArn());
        assertEquals(emulator.identities().all().get(0).accessKeyId(), first.accessKeyId());
        assertEquals(Optional.of(SsoExchange.SOURCE), first.providerName());
        assertEquals(
                emulator.identities().all().get(0).expiration(),
                first.expirationTime().orElseThrow());
    }

    @Test
    void anSsoSessionThePortalNoLongerAcceptsSaysToLogIn() throws Exception {
        ssoProfile(" ", Instant.now().plus(Duration.ofHours(8)));
        CredentialsException e =
                assertThrows(CredentialsException.class, () -> credentials().resolveCredentials());
        assertTrue(
                e.getMessage()
                        .startsWith("The SSO session of profile 'dev-sso' is no longer valid "
                                + "(UnauthorizedException, request ID "),
                e.getMessage());
        assertTrue(e.getMessage().endsWith("Run `aws sso login --profile dev-sso` and build again"), e.getMessage());
        assertTrue(e.isConfigurationProblem());
    }

    @Test
    void anExpiredSsoTokenIsLeftToTheSdkWhichMayRefreshIt() throws Exception {
        ssoProfile("cached-sso-access-token", Instant.now().minusSeconds(60));
        assertInstanceOf(DefaultCredentialsProvider.class, credentials());
    }

    @Test
    void aProfilesStaticKeyAndItsRoleAreReadWithoutTheSdksProviders() throws Exception {
        Files.createDirectories(home.resolve(".aws"));
        Files.writeString(
                home.resolve(".aws/credentials"),
                "[default]\naws_access_key_id = AKIADEFAULT000000001\n"
                        + "aws_secret_access_key = default-secret\n\n[dev]\naws_access_key_id = AKIAPROFILEKEY000001\n"
                        + "aws_secret_access_key = profile-secret\naws_session_token = profile-token\n");
        Files.writeString(
                home.resolve(".aws/config"),
                "[profile ops]\nrole_arn = " + ROLE + "\n"
                        + "source_profile = dev\n\n[profile ops-mfa]\nrole_arn = " + ROLE + "\nsource_profile = dev\n"
                        + "mfa_serial = arn:aws:iam::123456789012:mfa/me\n");

        AwsCredentials fromDefault = credentials().resolveCredentials();
        assertEquals("AKIADEFAULT000000001", fromDefault.accessKeyId());
        assertEquals(Optional.of("n"), fromDefault.providerName());

        environment.put("AWS_PROFILE", "dev");
        AwsSessionCredentials fromProfile =
                assertInstanceOf(AwsSessionCredentials.class, credentials().resolveCredentials());
        assertEquals("AKIAPROFILEKEY000001", fromProfile.accessKeyId());
        assertEquals("profile-token", fromProfile.sessionToken());
        assertEquals(
                "AKIAPROFILEKEY000001",
                credentials(3, Optional.empty(), "dev").resolveCredentials().accessKeyId(),
                "<profile> names it directly");

        // A profile that assumes a role with its source profile's key is the plugin's own exchange; one that needs
        // what only the SDK's providers do (here an MFA code) is theirs.
        environment.put("AWS_PROFILE", "ops");
        assertInstanceOf(ExchangedCredentials.class, credentials());
        assertInstanceOf(ExchangedCredentials.class, credentials(3, Optional.empty(), "ops"));
        environment.put("AWS_PROFILE", "ops-mfa");
        assertInstanceOf(DefaultCredentialsProvider.class, credentials());
        assertInstanceOf(ProfileCredentialsProvider.class, credentials(3, Optional.empty(), "ops-mfa"));
    }

    /** A stand-in exchange: counts its attempts, fails the first {@code failures} of them. */
    private static final class CountingExchange implements ExchangedCredentials.Exchange {
        final AtomicInteger attempts = new AtomicInteger();
        final int failures;
        final IOException failure;
        Instant expiration;

        CountingExchange(int failures, IOException failure, Instant expiration) {
            this.failures = failures;
            this.failure = failure;
            this.expiration = expiration;
        }

        @Override
        public AwsSessionCredentials attempt() throws IOException {
            if (attempts.incrementAndGet() <= failures) {
                throw failure;
            }
            return AwsSessionCredentials.builder()
                    .accessKeyId("ASIAEXCHANGE" + attempts.get())
                    .secretAccessKey("secret")
                    .sessionToken("token")
                    .expirationTime(expiration)
                    .build();
        }

        @Override
        public CredentialsException unreachable(IOException last, int attempts) {
            return new CredentialsException("unreachable after " + attempts, false, last);
        }
    }

    private static final class MovableClock extends Clock {
        Instant now = Instant.parse("2026-01-01T00:00:00Z");

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }

    @Test
    void credentialsAreExchangedAgainFiveMinutesBeforeTheyExpire() {
        MovableClock clock = new MovableClock();
        CountingExchange exchange = new CountingExchange(0, null, clock.now.plus(Duration.ofHours(1)));
        ExchangedCredentials provider = new ExchangedCredentials(exchange, 3, clock);

        assertEquals("ASIAEXCHANGE1", provider.resolveCredentials().accessKeyId());
        clock.now = clock.now.plus(Duration.ofMinutes(54)).plusSeconds(59);
        assertEquals("ASIAEXCHANGE1", provider.resolveCredentials().accessKeyId(), "5 min 1 s left: kept");
        clock.now = clock.now.plusSeconds(1);
        exchange.expiration = clock.now.plus(Duration.ofHours(1));
        assertEquals("ASIAEXCHANGE2", provider.resolveCredentials().accessKeyId(), "5 min left: exchanged again");
    }

    @Test
    void failuresAnotherAttemptMayFixAreTriedAgainUpToMaxAttempts() {
        Instant later = Instant.now().plus(Duration.ofHours(1));
        CountingExchange flaky = new CountingExchange(2, new ConnectException("refused"), later);
        assertEquals(
                "ASIAEXCHANGE3",
                new ExchangedCredentials(flaky, 3, Clock.systemUTC())
                        .resolveCredentials()
                        .accessKeyId());

        CountingExchange down = new CountingExchange(5, new ExchangedCredentials.TryAgain("HTTP 503"), later);
        CredentialsException e = assertThrows(
                CredentialsException.class,
                () -> new ExchangedCredentials(down, 3, Clock.systemUTC()).resolveCredentials());
        assertEquals("unreachable after 3", e.getMessage());
        assertEquals(3, down.attempts.get());

        CountingExchange unknownHost = new CountingExchange(5, new UnknownHostException("sts.nowhere"), later);
        assertThrows(
                CredentialsException.class,
                () -> new ExchangedCredentials(unknownHost, 3, Clock.systemUTC()).resolveCredentials());
        assertEquals(1, unknownHost.attempts.get(), "an unknown host stays unknown");
    }
}

package io.github.ecrmavenplugin.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ecrmavenplugin.emulator.EcrEmulator;
import io.github.ecrmavenplugin.emulator.EmulatorCall;
import io.github.ecrmavenplugin.registry.Registry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each credential source a developer or a CI job uses, end to end against the emulator (which answers STS's
 * {@code AssumeRoleWithWebIdentity} and the SSO portal's {@code GetRoleCredentials} too): the reads go on the
 * direct route, signed with what the source gave, and credentials that need a call are fetched once for the whole
 * build however many modules connect and read. Each case runs in a JVM of its own, whose environment (HOME,
 * AWS_PROFILE, AWS_WEB_IDENTITY_TOKEN_FILE, ...) is the test's, as the SDK reads them from the process.
 */
class CredentialSourcesEmulatorTest {

    private static final String ROLE = "arn:aws:iam::123456789012:role/ci-ecr";

    @TempDir
    Path home;

    private EcrEmulator emulator;

    @BeforeEach
    void start() {
        emulator = EcrEmulator.builder().build().start();
        emulator.seedRepository("team/app");
    }

    @AfterEach
    void stop() {
        emulator.close();
    }

    @Test
    void profileWithStaticKeys() throws Exception {
        Files.writeString(
                home.resolve("credentials"),
                "[dev]\naws_access_key_id = AKIAPROFILEKEY000001\n"
                        + "aws_secret_access_key = profile/secret/0000000000000000000000001\n");
        emulator.identities().add("AKIAPROFILEKEY000001", "profile/secret/0000000000000000000000001");
        String out = connectTwiceAndRead(Map.of("AWS_PROFILE", "dev"));

        assertTrue(
                out.contains(
                        "credentials: default chain, shared config/credentials profile (access key " + "AKIA…0001)"),
                out);
        assertDirectReadsSignedBy("AKIAPROFILEKEY000001");
    }

    @Test
    void ssoProfileWithACachedToken() throws Exception {
        Files.writeString(
                home.resolve("config"),
                "[profile dev-sso]\nsso_session = corp\nsso_account_id = "
                        + "123456789012\nsso_role_name = ecr-push\nregion = us-east-1\n\n[sso-session corp]\n"
                        + "sso_region = us-east-1\nsso_start_url = https://corp.awsapps.com/start\n");
        // What `aws sso login` leaves behind: the access token, cached under the SHA-1 of the session's name.
        Path cache = Files.createDirectories(home.resolve(".aws/sso/cache"));
        String name = HexFormat.of()
                .formatHex(MessageDigest.getInstance("SHA-1").digest("corp".getBytes(StandardCharsets.UTF_8)));
        Files.writeString(
                cache.resolve(name + ".json"),
                "{\"startUrl\": \"https://corp.awsapps.com/start\", "
                        + "\"region\": \"us-east-1\", \"accessToken\": \"cached-sso-access-token\", "
                        + "\"expiresAt\": \"2099-01-01T00:00:00Z\"}");
        String out = connectTwiceAndRead(Map.of(
                "AWS_PROFILE",
                "dev-sso",
                "AWS_ENDPOINT_URL_SSO",
                emulator.endpoint().toString()));

        assertTrue(out.contains("credentials: default chain, SSO profile (access key ASIA"), out);
        assertEquals(1, emulator.calls("GetRoleCredentials").size(), "one SSO exchange for the build");
        assertTrue(
                emulator.calls("GetRoleCredentials").get(0).userAgent().startsWith("ecr-maven-plugin/"),
                "made by the plugin, without the SDK's SSO client");
        assertDirectReadsSignedBy(emulator.identities().all().get(0).accessKeyId());
    }

    @Test
    void profileThatAssumesARoleWithItsSourceProfile() throws Exception {
        Files.writeString(
                home.resolve("credentials"),
                "[base]\naws_access_key_id = AKIAPROFILEBASE00001\n"
                        + "aws_secret_access_key = base/secret/00000000000000000000000001\n");
        Files.writeString(
                home.resolve("config"),
                "[profile deploy]\nrole_arn = " + ROLE + "\nsource_profile = base\n"
                        + "external_id = ext-7\nrole_session_name = dev-build\n");
        emulator.identities().add("AKIAPROFILEBASE00001", "base/secret/00000000000000000000000001");
        String out = connectTwiceAndRead(Map.of(
                "AWS_PROFILE",
                "deploy",
                "AWS_ENDPOINT_URL_STS",
                emulator.endpoint().toString()));

        assertTrue(out.contains("credentials: default chain, profile with source_profile (access key ASIA"), out);
        List<EmulatorCall> assumeRole = emulator.calls("AssumeRole");
        assertEquals(1, assumeRole.size(), "one STS call for the build");
        assertEquals("AKIAPROFILEBASE00001", assumeRole.get(0).accessKeyId(), "signed with the source profile's key");
        assertTrue(
                assumeRole.get(0).userAgent().startsWith("ecr-maven-plugin/"),
                "made by the plugin, without the SDK's STS client");
        var session = emulator.identities().all().get(0);
        assertEquals(ROLE, session.roleArn());
        assertEquals("dev-build", session.sessionName());
        assertEquals("ext-7", session.externalId());
        assertDirectReadsSignedBy(session.accessKeyId());
    }

    @Test
    void webIdentityAsInCi() throws Exception {
        Path token = home.resolve("oidc-token");
        Files.writeString(token, "eyJhbGciOiJSUzI1NiJ9.e30.c2lnbmF0dXJl");
        String out = connectTwiceAndRead(Map.of(
                "AWS_WEB_IDENTITY_TOKEN_FILE",
                token.toString(),
                "AWS_ROLE_ARN",
                ROLE,
                "AWS_ROLE_SESSION_NAME",
                "ci-job",
                "AWS_ENDPOINT_URL_STS",
                emulator.endpoint().toString()));

        assertTrue(
                out.contains("credentials: default chain, web identity token from AWS_WEB_IDENTITY_TOKEN_FILE "
                        + "and AWS_ROLE_ARN (access key ASIA"),
                out);
        assertEquals(1, emulator.calls("AssumeRoleWithWebIdentity").size(), "one STS exchange for the build");
        assertTrue(
                emulator.calls("AssumeRoleWithWebIdentity").get(0).userAgent().startsWith("ecr-maven-plugin/"),
                "made by the plugin, without the SDK's STS client");
        assertEquals(ROLE, emulator.identities().all().get(0).roleArn());
        assertDirectReadsSignedBy(emulator.identities().all().get(0).accessKeyId());
    }

    /** Three reads from two connections (two modules), all direct, all with the source's key. */
    private void assertDirectReadsSignedBy(String accessKeyId) {
        List<EmulatorCall> reads = emulator.calls("DescribeRepositories");
        assertEquals(3, reads.size(), String.valueOf(emulator.calls()));
        for (EmulatorCall read : reads) {
            assertTrue(read.succeeded(), read.toString());
            assertEquals(accessKeyId, read.accessKeyId());
            assertTrue(read.userAgent().startsWith("ecr-maven-plugin/"), "direct route: " + read.userAgent());
        }
    }

    private String connectTwiceAndRead(Map<String, String> variables) throws Exception {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                TwoModules.class.getName(),
                emulator.endpoint().toString()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        Map<String, String> environment = builder.environment();
        environment.keySet().removeIf(name -> name.startsWith("AWS_"));
        environment.put("HOME", home.toString());
        environment.put("AWS_CONFIG_FILE", home.resolve("config").toString());
        environment.put(
                "AWS_SHARED_CREDENTIALS_FILE", home.resolve("credentials").toString());
        environment.put("AWS_EC2_METADATA_DISABLED", "true");
        environment.put("AWS_REGION", "us-east-1");
        environment.putAll(variables);
        Process process = builder.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, process.exitValue(), out);
        return out;
    }

    /** Two modules of one build connecting with the same settings: one reads once, the other twice. */
    public static final class TwoModules {
        public static void main(String[] args) {
            ClientKey key = ClientKey.of(new ConnectionSettings(
                    java.util.Optional.empty(),
                    java.util.Optional.of(java.net.URI.create(args[0])),
                    java.util.Optional.empty(),
                    3,
                    java.time.Duration.ofSeconds(20)));
            try {
                Registries.Connected first = Registries.connect(key, null, message -> {});
                System.out.println("credentials: " + first.credentials());
                first.registry().describe(List.of("team/app"));
                Registry second = Registries.connect(key, null, message -> {}).registry();
                second.describe(List.of("team/app"));
                second.describe(List.of("team/app"));
            } finally {
                EcrClients.closeAll();
            }
        }
    }
}

package io.github.ecrmavenplugin.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.github.ecrmavenplugin.emulator.EcrEmulator;
import io.github.ecrmavenplugin.emulator.EmulatorCall;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An SSO profile whose token {@code aws sso login} cached, through the SDK's own SSO provider, against the emulator
 * standing in for the IAM Identity Center portal. Each case runs in a JVM of its own: the SDK fixes the SSO token
 * cache's directory from the home directory once per JVM.
 */
class SsoProfileTest {

    private static final String TOKEN = "cached-sso-access-token";

    @TempDir
    Path home;

    private EcrEmulator emulator;

    @BeforeEach
    void start() throws Exception {
        emulator = EcrEmulator.builder().build().start();
        emulator.seedRepository("team/app");
        Files.createDirectories(home.resolve(".aws"));
        Files.writeString(
                home.resolve(".aws/config"),
                "[profile dev-sso]\nsso_session = corp\nsso_account_id = 123456789012\nsso_role_name = ecr-push\n"
                        + "region = us-east-1\n\n[sso-session corp]\nsso_region = us-east-1\n"
                        + "sso_start_url = https://corp.awsapps.com/start\n");
        // What `aws sso login` leaves behind: the access token, cached under the SHA-1 of the session's name.
        Path cache = Files.createDirectories(home.resolve(".aws/sso/cache"));
        String name = HexFormat.of()
                .formatHex(MessageDigest.getInstance("SHA-1").digest("corp".getBytes(StandardCharsets.UTF_8)));
        Files.writeString(
                cache.resolve(name + ".json"),
                "{\"startUrl\": \"https://corp.awsapps.com/start\", \"region\": \"us-east-1\", \"accessToken\": \""
                        + TOKEN + "\", \"expiresAt\": \"2099-01-01T00:00:00Z\"}");
    }

    @AfterEach
    void stop() {
        emulator.close();
    }

    @Test
    void anSsoProfileWithACachedToken() throws Exception {
        String out = connectAndRead(emulator.endpoint());

        assertTrue(out.contains("credentials: default chain, SSO profile, SSO (access key ASIA"), out);
        List<EmulatorCall> exchanges = emulator.calls("GetRoleCredentials");
        assertEquals(1, exchanges.size(), "one SSO call for the build");
        assertTrue(exchanges.get(0).userAgent().startsWith("aws-sdk-java/"), "the SDK's own SSO client");
        String sessionKey = emulator.identities().all().get(0).accessKeyId();
        EmulatorCall read = emulator.calls("DescribeRepositories").get(0);
        assertTrue(read.succeeded(), read.toString());
        assertEquals(sessionKey, read.accessKeyId(), "signed with the SSO role's key");
    }

    /** A portal that answers with a redirect: the SSO token goes nowhere else, and the build fails. */
    @Test
    void aPortalRedirectIsNotFollowedWithTheToken() throws Exception {
        List<String> elsewhere = new CopyOnWriteArrayList<>();
        List<String> portal = new CopyOnWriteArrayList<>();
        HttpServer other = server(exchange -> {
            elsewhere.add(exchange.getRequestURI() + " " + exchange.getRequestHeaders());
            exchange.sendResponseHeaders(500, -1);
        });
        HttpServer redirecting = server(exchange -> {
            portal.add(exchange.getRequestHeaders().getFirst("x-amz-sso_bearer_token"));
            exchange.getResponseHeaders()
                    .set("Location", "http://127.0.0.1:" + other.getAddress().getPort() + exchange.getRequestURI());
            exchange.sendResponseHeaders(302, -1);
        });
        try {
            String out = connectAndRead(
                    URI.create("http://127.0.0.1:" + redirecting.getAddress().getPort()));

            assertTrue(out.contains("failed: "), out);
            assertFalse(out.contains(TOKEN), "the token is never shown: " + out);
            assertFalse(portal.isEmpty(), "the portal was asked");
            assertTrue(portal.stream().allMatch(TOKEN::equals), portal.toString());
            assertEquals(List.of(), elsewhere, "nothing, the token least of all, went to the redirect's host");
            assertEquals(List.of(), emulator.calls("DescribeRepositories"), "no call without credentials");
        } finally {
            redirecting.stop(0);
            other.stop(0);
        }
    }

    /** A session the portal no longer accepts: log in again. */
    @Test
    void aSessionThePortalNoLongerAcceptsSaysToLogIn() throws Exception {
        HttpServer portal = server(exchange -> {
            byte[] body = "{\"message\":\"Session token not found or invalid\"}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("x-amzn-ErrorType", "UnauthorizedException");
            exchange.getResponseHeaders().set("x-amzn-RequestId", "sso-request-1");
            exchange.sendResponseHeaders(401, body.length);
            exchange.getResponseBody().write(body);
        });
        try {
            String out = connectAndRead(
                    URI.create("http://127.0.0.1:" + portal.getAddress().getPort()));

            assertTrue(
                    out.contains("failed: The SSO session of profile 'dev-sso' is no longer valid (HTTP 401, request "
                            + "ID sso-request-1). Run aws sso login --profile dev-sso and build again"),
                    out);
        } finally {
            portal.stop(0);
        }
    }

    private static HttpServer server(com.sun.net.httpserver.HttpHandler handler) throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            try (exchange) {
                handler.handle(exchange);
            }
        });
        server.start();
        return server;
    }

    /** Runs {@link Build} in a JVM whose environment is the test's, with the portal at {@code sso}. */
    private String connectAndRead(URI sso) throws Exception {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                Build.class.getName(),
                emulator.endpoint().toString()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        Map<String, String> environment = builder.environment();
        environment.keySet().removeIf(name -> name.startsWith("AWS_"));
        environment.put("HOME", home.toString());
        environment.put("AWS_EC2_METADATA_DISABLED", "true");
        environment.put("AWS_PROFILE", "dev-sso");
        environment.put("AWS_ENDPOINT_URL_SSO", sso.toString());
        Process process = builder.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, process.exitValue(), out);
        return out;
    }

    /** What a goal does: connect (credentials and client) and read once; prints the credentials' source. */
    public static final class Build {
        public static void main(String[] args) {
            ClientKey key = ClientKey.of(new ConnectionSettings(
                    Optional.empty(), Optional.of(URI.create(args[0])), Optional.empty(), 2, Duration.ofSeconds(20)));
            try {
                Registries.Connected connected = Registries.connect(key, null, message -> {});
                System.out.println("credentials: " + connected.credentialsSource());
                connected.registry().describe(List.of("team/app"));
            } catch (RuntimeException e) {
                System.out.println("failed: " + e.getMessage());
                System.out.println("cause: " + e.getCause());
            } finally {
                EcrClients.closeAll();
            }
        }
    }
}

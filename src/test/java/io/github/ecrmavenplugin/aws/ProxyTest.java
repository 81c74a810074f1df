package io.github.ecrmavenplugin.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ecrmavenplugin.emulator.EmulatorCall;
import io.github.ecrmavenplugin.proxy.BehindProxy;
import io.github.ecrmavenplugin.proxy.RecordingProxy;
import io.github.ecrmavenplugin.registry.Registry;
import io.github.ecrmavenplugin.registry.RegistryException;
import java.io.File;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;

/**
 * A settings.xml proxy on the wire: ECR and STS calls go through a real (test) proxy, over HTTPS (a {@code CONNECT}
 * tunnel, as for every real AWS endpoint) and plain HTTP, with its credentials; {@code nonProxyHosts} is honoured.
 * The emulator listens on 127.0.0.1, so these tests also show that loopback addresses are not silently exempted
 * (the JDK exempts {@code localhost|127.*} only for proxies from its own system properties, which the plugin
 * switches off).
 *
 * <p>The emulator's HTTPS certificate is self-signed; the tests make the JVM trust it as users' builds trust AWS,
 * through the default trust store ({@code javax.net.ssl.trustStore}), never through an option of the plugin.
 */
class ProxyTest extends BehindProxy {

    @BeforeEach
    void seed() {
        emulator.seedRepository("through-proxy");
    }

    @Test
    void httpsCallsToEcrAndStsTunnelThroughTheProxyWithItsCredentials() throws Exception {
        URI https = emulator.httpsEndpoint();

        List<RecordingProxy.Request> requests = assumeRoleAndDescribeThroughTheProxy(https);

        assertFalse(requests.isEmpty());
        for (RecordingProxy.Request request : requests) {
            assertEquals("CONNECT", request.method(), request.toString());
            assertEquals("127.0.0.1:" + https.getPort(), request.target());
            assertEquals(Optional.of("build"), request.proxyUser());
            assertTrue(request.authenticated(), "the CONNECT carried the credentials: " + request);
            assertEquals(0, request.status(), "tunnelled at once, no 407 first: " + request);
        }
    }

    @Test
    void plainHttpRequestsCarryTheProxyCredentialsToo() throws Exception {
        List<RecordingProxy.Request> requests = assumeRoleAndDescribeThroughTheProxy(emulator.endpoint());

        assertEquals(2, requests.size(), requests.toString());
        for (RecordingProxy.Request request : requests) {
            assertEquals("POST", request.method());
            assertTrue(request.target().startsWith(emulator.endpoint().toString()), request.target());
            assertTrue(request.authenticated(), request.toString());
            assertEquals(0, request.status(), "forwarded, not refused: " + request);
        }
    }

    /**
     * Through a proxy that demands credentials, with the right ones: assumes the role at STS and describes a
     * repository, both at {@code endpoint}; checks that both calls arrived, and answers what the proxy saw.
     */
    private List<RecordingProxy.Request> assumeRoleAndDescribeThroughTheProxy(URI endpoint) throws Exception {
        proxy.requireCredentials("build", "proxy-secret");
        ClientKey key = key(endpoint, withCredentials("proxy-secret"), true);

        EcrClients.identity(key);
        new SdkRegistry(EcrClients.client(key), null).describe("through-proxy");

        assertEquals(
                List.of("AssumeRole", "DescribeRepositories"),
                emulator.calls().stream().map(call -> call.operation()).toList());
        return proxy.requests();
    }

    @Test
    void aWrongProxyPasswordIsRefusedOnTheConnectAndRecognisedAsSuch() throws Exception {
        proxy.requireCredentials("build", "proxy-secret");
        ProxySettings settings = withCredentials("wrong");
        ClientKey key = key(emulator.httpsEndpoint(), settings, false);

        RegistryException e = assertThrows(
                RegistryException.class, () -> new SdkRegistry(EcrClients.client(key), null).describe("through-proxy"));

        assertTrue(ProxySettings.refusedAuthentication(e), e.getMessage());
        assertTrue(e.getMessage().contains("407"), e.getMessage());
        assertFalse(e.getMessage().contains("wrong"), "no password in: " + e.getMessage());
        assertFalse(proxy.requests().isEmpty());
        proxy.requests().forEach(request -> {
            assertEquals("CONNECT", request.method());
            assertEquals(407, request.status(), request.toString());
        });
        assertTrue(emulator.calls().isEmpty(), "nothing reached ECR");
        assertEquals(
                "Proxy 127.0.0.1:" + proxy.port() + " refused the credentials of settings.xml proxy 'corp' "
                        + "(HTTP 407 Proxy Authentication Required). Check the <username> and <password> of <proxy> 'corp' in "
                        + "settings.xml (an encrypted password is decrypted with settings-security.xml)",
                settings.authenticationRefusedMessage());
    }

    @Test
    void withoutProxyCredentialsTheUrlConnectionClientTunnelsHttps() throws Exception {
        ProxySettings settings =
                new ProxySettings("corp", "127.0.0.1", proxy.port(), Optional.empty(), Optional.empty(), List.of());
        ClientKey key = key(emulator.httpsEndpoint(), settings, false);

        assertInstanceOf(
                UrlConnectionHttpClient.Builder.class,
                EcrClients.httpClient(key, Optional.of(emulator.httpsEndpoint())));
        new SdkRegistry(EcrClients.client(key), null).describe("through-proxy");

        List<RecordingProxy.Request> requests = proxy.requests();
        assertFalse(requests.isEmpty());
        requests.forEach(request -> {
            assertEquals("CONNECT", request.method());
            assertEquals(Optional.empty(), request.proxyUser());
            assertEquals(0, request.status());
        });
        assertEquals(1, emulator.calls("DescribeRepositories").size());
    }

    @Test
    void aProxyDemandingCredentialsThatSettingsDoNotGiveIsRecognised() throws Exception {
        proxy.requireCredentials("build", "proxy-secret");
        ProxySettings settings =
                new ProxySettings("corp", "127.0.0.1", proxy.port(), Optional.empty(), Optional.empty(), List.of());
        ClientKey key = key(emulator.httpsEndpoint(), settings, false);

        RegistryException e = assertThrows(
                RegistryException.class, () -> new SdkRegistry(EcrClients.client(key), null).describe("through-proxy"));

        assertTrue(ProxySettings.refusedAuthentication(e), e.getMessage());
        assertTrue(settings.authenticationRefusedMessage().contains("demands credentials"));
        assertTrue(settings.authenticationRefusedMessage().contains("Add <username> and <password> to <proxy> 'corp'"));
    }

    /**
     * The JVM's proxy settings ({@code -Dhttp.proxyHost}, empty {@code http.nonProxyHosts}, so that even 127.0.0.1
     * goes through it) carry the calls to a plain-HTTP endpoint, reads and writes alike, each request seen by the
     * proxy.
     */
    @Test
    void theJvmsProxySettingsCarryReadsAndWritesAlike() throws Exception {
        ClientKey key = new ClientKey(
                ConnectionSettings.of("us-east-1", emulator.endpoint().toString(), null),
                credentials(false),
                Optional.empty());
        try (AutoCloseable jvmProxy = jvmProxy("http", proxy.port())) {
            Registry registry = Registries.connect(key, null, message -> {}).registry();
            registry.describe(List.of("through-proxy"));
            registry.setScanOnPush("through-proxy", true);
        }

        List<EmulatorCall> calls = emulator.calls();
        assertEquals(
                List.of("DescribeRepositories", "PutImageScanningConfiguration"),
                calls.stream().map(EmulatorCall::operation).toList());
        calls.forEach(call -> assertTrue(call.userAgent().startsWith("aws-sdk-java"), "SDK: " + call));
        List<RecordingProxy.Request> requests = proxy.requests();
        assertEquals(2, requests.size(), requests.toString());
        requests.forEach(request ->
                assertEquals("POST " + emulator.endpoint() + "/", request.method() + " " + request.target()));
    }

    /**
     * Over HTTPS with {@code -Dhttps.proxyHost}, the calls open their tunnel through the JVM's proxy: a proxy that
     * refuses them shows one {@code CONNECT} per call (asking again cannot help), and nothing reaches ECR around it.
     */
    @Test
    void overHttpsTheCallsTunnelThroughTheJvmsHttpsProxy() throws Exception {
        proxy.requireCredentials("build", "proxy-secret");
        ClientKey key = new ClientKey(
                ConnectionSettings.of("us-east-1", emulator.httpsEndpoint().toString(), null, 3, "20s"),
                credentials(false),
                Optional.empty());
        RegistryException read;
        RegistryException write;
        try (AutoCloseable jvmProxy = jvmProxy("https", proxy.port())) {
            Registry registry = Registries.connect(key, null, message -> {}).registry();
            read = assertThrows(RegistryException.class, () -> registry.describe(List.of("through-proxy")));
            write = assertThrows(RegistryException.class, () -> registry.setScanOnPush("through-proxy", true));
        }

        assertEquals(RegistryException.Kind.PROXY_REFUSED, read.kind(), read.getMessage());
        assertEquals(java.util.Optional.of(1), read.attempts());
        assertTrue(ProxySettings.refusedAuthentication(write), write.getMessage());
        List<RecordingProxy.Request> requests = proxy.requests();
        assertEquals(2, requests.size(), requests.toString());
        requests.forEach(request -> {
            assertEquals(
                    "CONNECT 127.0.0.1:" + emulator.httpsEndpoint().getPort(),
                    request.method() + " " + request.target());
            assertEquals(407, request.status());
        });
        assertTrue(emulator.calls().isEmpty(), "nothing reached ECR: " + emulator.calls());
    }

    /** Sets the JVM's proxy for {@code scheme} to the test proxy, with no host exempt; undone on close. */
    private static AutoCloseable jvmProxy(String scheme, int port) {
        Map<String, String> before = new HashMap<>();
        Map<String, String> set = Map.of(
                scheme + ".proxyHost",
                "127.0.0.1",
                scheme + ".proxyPort",
                Integer.toString(port),
                "http.nonProxyHosts",
                "");
        set.forEach((name, value) -> {
            before.put(name, System.getProperty(name));
            System.setProperty(name, value);
        });
        return () -> before.forEach((name, value) -> {
            if (value == null) {
                System.clearProperty(name);
            } else {
                System.setProperty(name, value);
            }
        });
    }

    /** Without proxy credentials the Apache client is never loaded: it costs start-up time. */
    @Test
    void apacheClientClassesLoadOnlyForProxyCredentials() throws Exception {
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        try (IsolatedLoader loader = new IsolatedLoader()) {
            Thread.currentThread().setContextClassLoader(loader);
            var describe = loader.loadClass(CallThroughProxy.class.getName())
                    .getMethod("describe", String.class, int.class, String.class);

            describe.invoke(null, emulator.httpsEndpoint().toString(), proxy.port(), null);
            assertTrue(loader.loaded(UrlConnectionHttpClient.class.getName()), "the call went through the loader");
            assertFalse(loader.loaded("software.amazon.awssdk.http.apache.ApacheHttpClient"));
            assertFalse(loader.loaded("org.apache.http.client.HttpClient"));

            describe.invoke(null, emulator.httpsEndpoint().toString(), proxy.port(), "any-password");
            assertTrue(loader.loaded("software.amazon.awssdk.http.apache.ApacheHttpClient"));
        } finally {
            Thread.currentThread().setContextClassLoader(context);
        }
        assertEquals(2, emulator.calls("DescribeRepositories").size());
    }

    /**
     * The call's attempt time-out ({@code <timeout>}) holds on the Apache client too, even when the proxy never
     * answers the {@code CONNECT}: the SDK aborts the request, closing its connection.
     */
    @Test
    void aSilentProxyEndsAtTheCallTimeout() throws Exception {
        List<Socket> accepted = new ArrayList<>();
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Thread acceptor = new Thread(() -> {
                try {
                    while (true) {
                        accepted.add(silent.accept());
                    }
                } catch (Exception e) {
                    // closed
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            ProxySettings settings = new ProxySettings(
                    "corp",
                    "127.0.0.1",
                    silent.getLocalPort(),
                    Optional.of("build"),
                    Optional.of("proxy-secret"),
                    List.of());
            ConnectionSettings connection = new ConnectionSettings(
                    Optional.of("us-east-1"),
                    Optional.of(emulator.httpsEndpoint()),
                    Optional.empty(),
                    1,
                    Duration.ofSeconds(2));
            ClientKey key = new ClientKey(connection, credentials(false), Optional.of(settings));

            long start = System.nanoTime();
            RegistryException e = assertThrows(
                    RegistryException.class,
                    () -> new SdkRegistry(EcrClients.client(key), null).describe("through-proxy"));
            long millis = (System.nanoTime() - start) / 1_000_000;

            assertTrue(e.isTimeout(), e.getMessage());
            assertTrue(millis < 6000, "ended by the 2 s time-out, not the 30 s socket time-out: " + millis + " ms");
        } finally {
            for (Socket socket : accepted) {
                socket.close();
            }
        }
    }

    @Test
    void nonProxyHostsBypassTheProxyWithEitherClient() throws Exception {
        List<String> nonProxyHosts = List.of("*.internal.example.com", "127.0.0.*");
        for (Optional<String> user : List.of(Optional.<String>empty(), Optional.of("build"))) {
            ClientKey key = key(
                    emulator.httpsEndpoint(),
                    new ProxySettings(
                            "corp", "127.0.0.1", proxy.port(), user, user.map(u -> "proxy-secret"), nonProxyHosts),
                    false);

            new SdkRegistry(EcrClients.client(key), null).describe("through-proxy");
        }

        assertTrue(proxy.requests().isEmpty(), proxy.requests().toString());
        assertEquals(2, emulator.calls("DescribeRepositories").size());
    }

    @Test
    void mavenNonProxyHostPatternsMatchLikeMavensOwn() {
        ProxySettings settings = new ProxySettings(
                "p",
                "proxy.example.com",
                3128,
                Optional.empty(),
                Optional.empty(),
                ProxySettings.parseNonProxyHosts("localhost| *.Internal.example.com ,10.*"));

        assertTrue(settings.bypasses("localhost"));
        assertTrue(settings.bypasses("api.ecr.internal.example.com"));
        assertTrue(settings.bypasses("API.INTERNAL.EXAMPLE.COM"));
        assertTrue(settings.bypasses("10.1.2.3"));
        assertFalse(settings.bypasses("api.ecr.eu-west-1.amazonaws.com"));
        assertFalse(settings.bypasses("internalXexample.com"), "a dot is a dot, not any character");
        assertFalse(settings.bypasses("127.0.0.1"));
    }

    @Test
    void proxyPasswordStaysOutOfTheLog() {
        ProxySettings settings = new ProxySettings(
                "corp", "proxy.example.com", 3128, Optional.of("build"), Optional.of("proxy-secret"), List.of());

        assertFalse(settings.describe().contains("proxy-secret"));
        assertFalse(settings.toString().contains("proxy-secret"));
        assertEquals("proxy.example.com:3128 (settings.xml proxy 'corp', user build)", settings.describe());
    }

    private ProxySettings withCredentials(String password) {
        return new ProxySettings(
                "corp", "127.0.0.1", proxy.port(), Optional.of("build"), Optional.of(password), List.of());
    }

    private ClientKey key(URI endpoint, ProxySettings proxySettings, boolean withRole) throws Exception {
        ConnectionSettings connection = ConnectionSettings.of("us-east-1", endpoint.toString(), null);
        CredentialsSettings credentials = credentials(withRole);
        return new ClientKey(
                connection,
                new CredentialsSettings(credentials.accessKey(), credentials.role(), Optional.of(endpoint)),
                Optional.of(proxySettings));
    }

    private static CredentialsSettings credentials(boolean withRole) throws Exception {
        return new CredentialsSettings(
                Optional.of(new AccessKey("test", "AKIAPROXYTEST0000001", "proxy/test/secret/000000000000000000001")),
                withRole ? AssumedRole.of("arn:aws:iam::123456789012:role/via-proxy", null, null) : Optional.empty(),
                Optional.empty());
    }

    /** One DescribeRepositories through a proxy; run in an {@link IsolatedLoader} to see which classes it loads. */
    public static final class CallThroughProxy {
        public static void describe(String endpoint, int proxyPort, String proxyPassword) throws Exception {
            ProxySettings proxy = new ProxySettings(
                    "corp",
                    "127.0.0.1",
                    proxyPort,
                    Optional.ofNullable(proxyPassword).map(p -> "build"),
                    Optional.ofNullable(proxyPassword),
                    List.of());
            ClientKey key = new ClientKey(
                    ConnectionSettings.of("us-east-1", endpoint, null), credentials(false), Optional.of(proxy));
            try {
                new SdkRegistry(EcrClients.client(key), null).describe("through-proxy");
            } finally {
                EcrClients.closeAll();
            }
        }
    }

    /** The test classpath in a loader of its own, which can say whether it has loaded a class. */
    private static final class IsolatedLoader extends URLClassLoader {
        IsolatedLoader() throws Exception {
            super(classpath(), ClassLoader.getPlatformClassLoader());
        }

        boolean loaded(String name) {
            return findLoadedClass(name) != null;
        }

        private static URL[] classpath() throws Exception {
            List<URL> urls = new ArrayList<>();
            for (String entry :
                    Arrays.asList(System.getProperty("java.class.path").split(File.pathSeparator))) {
                urls.add(new File(entry).toURI().toURL());
            }
            return urls.toArray(URL[]::new);
        }
    }
}

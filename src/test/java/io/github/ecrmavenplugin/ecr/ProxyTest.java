package io.github.ecrmavenplugin.ecr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ecrmavenplugin.emulator.EcrEmulator;
import io.github.ecrmavenplugin.proxy.RecordingProxy;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A settings.xml proxy reaches the URL-connection client: ECR and STS calls go through a real (test) proxy, with
 * its credentials, and {@code nonProxyHosts} is honoured. The emulator listens on 127.0.0.1, so these tests also
 * show that loopback addresses are not silently exempted (the JDK exempts {@code localhost|127.*} only for proxies
 * from its own system properties, which the plugin switches off).
 */
class ProxyTest {

    private EcrEmulator emulator;
    private RecordingProxy proxy;

    @BeforeEach
    void start() {
        emulator = EcrEmulator.builder().build().start();
        emulator.seedRepository("through-proxy");
        proxy = RecordingProxy.start(0, null);
    }

    @AfterEach
    void stop() {
        proxy.close();
        emulator.close();
    }

    @Test
    void ecrAndStsCallsGoThroughTheProxyWithItsCredentials() throws Exception {
        proxy.requireCredentials("build", "proxy-secret");
        ClientKey key = key(new ProxySettings("corp", "127.0.0.1", proxy.port(), Optional.of("build"),
                Optional.of("proxy-secret"), List.of()), true);

        EcrClients.describeCredentials(key);
        new SdkRegistry(EcrClients.client(key), null).describe("through-proxy");

        List<RecordingProxy.Request> requests = proxy.requests();
        assertEquals(2, requests.size(), requests.toString());
        for (RecordingProxy.Request request : requests) {
            assertEquals("POST", request.method());
            assertTrue(request.target().startsWith(emulator.endpoint().toString()), request.target());
            assertEquals(Optional.of("build"), request.proxyUser());
            assertEquals(0, request.status(), "forwarded, not refused: " + request);
        }
        assertEquals(List.of("AssumeRole", "DescribeRepositories"),
                emulator.calls().stream().map(call -> call.operation()).toList());
    }

    @Test
    void wrongProxyPasswordFailsTheCall() throws Exception {
        proxy.requireCredentials("build", "proxy-secret");
        ClientKey key = key(new ProxySettings("corp", "127.0.0.1", proxy.port(), Optional.of("build"),
                Optional.of("wrong"), List.of()), false);

        assertThrows(RuntimeException.class,
                () -> new SdkRegistry(EcrClients.client(key), null).describe("through-proxy"));

        assertEquals(407, proxy.requests().get(0).status());
        assertTrue(emulator.calls().isEmpty());
    }

    @Test
    void nonProxyHostsBypassTheProxy() throws Exception {
        ClientKey key = key(new ProxySettings("corp", "127.0.0.1", proxy.port(), Optional.empty(), Optional.empty(),
                List.of("*.internal.example.com", "127.0.0.*")), false);

        new SdkRegistry(EcrClients.client(key), null).describe("through-proxy");

        assertTrue(proxy.requests().isEmpty(), proxy.requests().toString());
        assertEquals(1, emulator.calls("DescribeRepositories").size());
    }

    @Test
    void mavenNonProxyHostPatternsMatchLikeMavensOwn() {
        ProxySettings settings = new ProxySettings("p", "proxy.example.com", 3128, Optional.empty(),
                Optional.empty(), ProxySettings.parseNonProxyHosts("localhost| *.Internal.example.com ,10.*"));

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
        ProxySettings settings = new ProxySettings("corp", "proxy.example.com", 3128, Optional.of("build"),
                Optional.of("proxy-secret"), List.of());

        assertFalse(settings.describe().contains("proxy-secret"));
        assertFalse(settings.toString().contains("proxy-secret"));
        assertEquals("proxy.example.com:3128 (settings.xml proxy 'corp', user build)", settings.describe());
    }

    private ClientKey key(ProxySettings proxySettings, boolean withRole) throws Exception {
        ConnectionSettings connection = ConnectionSettings.of("us-east-1", emulator.endpoint().toString(), null);
        return new ClientKey(connection, new CredentialsSettings(
                Optional.of(new AccessKey("test", "AKIAPROXYTEST0000001", "proxy/test/secret/000000000000000000001")),
                withRole ? AssumedRole.of("arn:aws:iam::123456789012:role/via-proxy", null, null) : Optional.empty(),
                Optional.of(emulator.endpoint())), Optional.of(proxySettings));
    }
}

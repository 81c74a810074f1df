package io.github.ecrmavenplugin.aws;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * {@link DirectHttp#startTls}: a handshake with the endpoint begins on a thread of its own, once an endpoint, and
 * only where the JVM would connect directly. A plain socket stands in for the endpoint and reads what arrives.
 */
class TlsStartTest {

    @Test
    void beginsAHandshakeWithTheEndpoint() throws Exception {
        try (ServerSocket endpoint = endpoint()) {
            Optional<Thread> start = DirectHttp.startTls(url(endpoint), true);
            assertTrue(start.isPresent());
            try (Socket connection = endpoint.accept()) {
                byte[] record = connection.getInputStream().readNBytes(2);
                // A TLS record of type handshake (22), version 3.x: the ClientHello.
                assertArrayEquals(new byte[] {22, 3}, record);
            }
            start.get().join(10_000);
            assertTrue(!start.get().isAlive(), "a refused handshake ends the thread quietly");
        }
    }

    @Test
    void beginsOnceAnEndpoint() throws Exception {
        try (ServerSocket endpoint = endpoint()) {
            Thread start = DirectHttp.startTls(url(endpoint), true).orElseThrow();
            endpoint.accept().close();
            start.join(10_000);
            assertEquals(Optional.empty(), DirectHttp.startTls(url(endpoint), true));
            assertNothingArrives(endpoint);
        }
    }

    @Test
    void leftToTheFirstRequestWhenItIsAlreadyOnItsWay() throws Exception {
        try (ServerSocket endpoint = endpoint()) {
            assertEquals(Optional.empty(), DirectHttp.startTls(url(endpoint), false));
            assertEquals(Optional.empty(), DirectHttp.startTls(url(endpoint), true), "a later goal leaves it too");
            assertNothingArrives(endpoint);
        }
    }

    @Test
    void notForPlainHttp() throws Exception {
        try (ServerSocket endpoint = endpoint()) {
            URI http = URI.create("http://127.0.0.1:" + endpoint.getLocalPort());
            assertEquals(Optional.empty(), DirectHttp.startTls(http, true));
            assertNothingArrives(endpoint);
        }
    }

    @Test
    void notBehindTheJvmsProxy() throws Exception {
        ProxySelector original = ProxySelector.getDefault();
        ProxySelector.setDefault(new ProxySelector() {
            @Override
            public List<Proxy> select(URI uri) {
                return List.of(new Proxy(Proxy.Type.HTTP, InetSocketAddress.createUnresolved("proxy.example", 3128)));
            }

            @Override
            public void connectFailed(URI uri, SocketAddress address, IOException e) {}
        });
        try (ServerSocket endpoint = endpoint()) {
            assertEquals(Optional.empty(), DirectHttp.startTls(url(endpoint), true));
            assertNothingArrives(endpoint);
        } finally {
            ProxySelector.setDefault(original);
        }
    }

    private static ServerSocket endpoint() throws IOException {
        return new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
    }

    private static URI url(ServerSocket endpoint) {
        return URI.create("https://127.0.0.1:" + endpoint.getLocalPort() + "/");
    }

    private static void assertNothingArrives(ServerSocket endpoint) throws IOException {
        endpoint.setSoTimeout(500);
        assertThrows(SocketTimeoutException.class, endpoint::accept);
    }
}

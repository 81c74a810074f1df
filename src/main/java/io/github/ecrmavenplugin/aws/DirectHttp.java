package io.github.ecrmavenplugin.aws;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * The JDK's HTTP client as the calls made without the AWS SDK use it (ECR's direct reads, the web identity, SSO and
 * role exchanges): through the proxy the SDK's URL-connection client would use, with its time-outs; and the early
 * start of the JVM's TLS set-up for an HTTPS endpoint ({@link #startTls}).
 */
final class DirectHttp {

    /** Tells these calls from the SDK's in AWS's logs (and the emulator's). */
    static final String USER_AGENT = "ecr-maven-plugin/"
            + Optional.ofNullable(DirectHttp.class.getPackage().getImplementationVersion())
                    .orElse("dev") + " java/"
            + System.getProperty("java.version");

    /** The endpoints whose TLS start-up has begun in this JVM: once is enough for every module and build. */
    private static final Set<String> TLS_STARTED = ConcurrentHashMap.newKeySet();

    private DirectHttp() {}

    /**
     * Where one kind of call goes and how.
     *
     * @param url         the URL to call
     * @param proxy       the settings.xml proxy (without credentials), if one is active
     * @param readTimeout how long one call may wait for its answer
     */
    record Target(URI url, Optional<ProxySettings> proxy, Duration readTimeout) {

        /** An endpoint without a path is called at {@code /}, as HTTP needs a path. */
        Target {
            if (url.getRawPath() == null || url.getRawPath().isEmpty()) {
                url = url.resolve("/");
            }
        }

        /** POSTs {@code body} with {@code headers} and reads the answer, whatever its status. */
        Reply post(Map<String, String> headers, byte[] body) throws IOException {
            return call("POST", headers, body);
        }

        /** GETs the URL with {@code headers} and reads the answer, whatever its status. */
        Reply get(Map<String, String> headers) throws IOException {
            return call("GET", headers, null);
        }

        /** @throws IOException when there is no answer to read (connection refused or dropped, timed out) */
        private Reply call(String method, Map<String, String> headers, byte[] body) throws IOException {
            HttpURLConnection connection = open(url, proxy, readTimeout);
            try {
                connection.setRequestMethod(method);
                headers.forEach(connection::setRequestProperty);
                if (body != null) {
                    connection.setDoOutput(true);
                    connection.setFixedLengthStreamingMode(body.length);
                    try (OutputStream out = connection.getOutputStream()) {
                        out.write(body);
                    }
                }
                int status = connection.getResponseCode();
                return new Reply(status, body(connection, status), connection::getHeaderField);
            } catch (IOException e) {
                connection.disconnect();
                throw e;
            }
        }
    }

    /**
     * An answer, read whole (which lets the JDK reuse the connection).
     *
     * @param status  the HTTP status
     * @param body    the body of a success or an error, empty if there is none
     * @param headers a header's value by name, in any case; {@code null} for one the answer does not have
     */
    record Reply(int status, String body, UnaryOperator<String> headers) {

        String header(String name) {
            return headers.apply(name);
        }
    }

    /**
     * A connection through the settings.xml proxy unless its {@code nonProxyHosts} list the host; else through
     * the JVM's proxy settings ({@code https.proxyHost}, {@code http.nonProxyHosts}, an installed
     * {@code ProxySelector}), which is what the SDK's client falls back to.
     *
     * @param readTimeout how long one call may wait for its answer
     */
    private static HttpURLConnection open(URI url, Optional<ProxySettings> proxy, Duration readTimeout)
            throws IOException {
        Optional<ProxySettings> through = proxy.filter(p -> !p.bypasses(url.getHost()));
        HttpURLConnection connection = (HttpURLConnection)
                (through.isEmpty()
                        ? url.toURL().openConnection()
                        : url.toURL()
                                .openConnection(new Proxy(
                                        Proxy.Type.HTTP,
                                        InetSocketAddress.createUnresolved(
                                                through.get().host(),
                                                through.get().port()))));
        // As long as the SDK's HTTP clients wait to connect
        connection.setConnectTimeout((int) EcrClients.CONNECTION_TIMEOUT.toMillis());
        connection.setReadTimeout((int) Math.min(Integer.MAX_VALUE, readTimeout.toMillis()));
        connection.setRequestProperty("User-Agent", USER_AGENT);
        return connection;
    }

    /**
     * Starts the JVM's TLS set-up for {@code url} on a thread of its own, so that it runs while the first request is
     * still being prepared: the default SSL context (trust store, providers) and one handshake with the endpoint,
     * which loads and runs the handshake code once. In a cold JVM that is some 900 classes and about half a second
     * (BENCHMARKS.md, "The floor"). Nothing is sent over that connection; a failure is left for the request itself
     * to meet and explain. Only where the JVM connects directly: behind a proxy, the request's own tunnel decides
     * what is reachable (callers skip a settings.xml proxy; here the JVM's proxy settings are asked).
     *
     * @param handshakeNow {@code false} where the caller's own first request, already on a background thread, is
     *                     the start ({@code warm-up}): then it is only noted, so that no later goal starts it again
     * @return the thread doing it; empty for plain HTTP, behind a proxy, when it already began for the endpoint, or
     *         without {@code handshakeNow}
     */
    static Optional<Thread> startTls(URI url, boolean handshakeNow) {
        if (!"https".equalsIgnoreCase(url.getScheme()) || behindJvmProxy(url)) {
            return Optional.empty();
        }
        int port = url.getPort() == -1 ? 443 : url.getPort();
        if (!TLS_STARTED.add(url.getHost() + ":" + port) || !handshakeNow) {
            return Optional.empty();
        }
        Thread start = new Thread(
                () -> {
                    SSLSocketFactory tls = HttpsURLConnection.getDefaultSSLSocketFactory();
                    try (Socket socket = new Socket()) {
                        int timeout = (int) EcrClients.CONNECTION_TIMEOUT.toMillis();
                        socket.connect(new InetSocketAddress(url.getHost(), port), timeout);
                        // An endpoint that never answers must not keep the thread: the request has time-outs of its
                        // own.
                        socket.setSoTimeout(timeout);
                        try (SSLSocket handshake = (SSLSocket) tls.createSocket(socket, url.getHost(), port, false)) {
                            handshake.startHandshake();
                        }
                    } catch (IOException | RuntimeException e) {
                        // The request meets the same failure, and says what it means.
                    }
                },
                "ecr-maven-plugin TLS start-up");
        start.setDaemon(true);
        start.start();
        return Optional.of(start);
    }

    private static boolean behindJvmProxy(URI url) {
        ProxySelector selector = ProxySelector.getDefault();
        return selector != null && selector.select(url).stream().anyMatch(p -> p.type() != Proxy.Type.DIRECT);
    }

    private static String body(HttpURLConnection connection, int status) throws IOException {
        InputStream in = status < 400 ? connection.getInputStream() : connection.getErrorStream();
        if (in == null) {
            return "";
        }
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}

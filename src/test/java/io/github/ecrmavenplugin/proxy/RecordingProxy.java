package io.github.ecrmavenplugin.proxy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A small HTTP forward proxy for tests, on 127.0.0.1: plain-HTTP requests in absolute form
 * ({@code POST http://127.0.0.1:PORT/ HTTP/1.1}) are forwarded, {@code CONNECT host:port} opens a tunnel (as clients
 * do for HTTPS). Every request is recorded, so a test can assert that calls went through it, and with
 * {@link #requireCredentials} it answers {@code 407} with a Basic challenge unless the request (a {@code CONNECT}
 * included) brings those Basic credentials.
 *
 * <p>It only forwards to loopback addresses: a test proxy must never carry traffic off this machine.
 */
public final class RecordingProxy implements AutoCloseable {

    /**
     * One request the proxy received.
     *
     * @param method    e.g. {@code POST} or {@code CONNECT}
     * @param target    the absolute URI, or {@code host:port} for CONNECT
     * @param proxyUser     the user of the {@code Proxy-Authorization: Basic} header, if one came
     * @param authenticated whether the request carried exactly the credentials {@link #requireCredentials}
     *                      demands (false when it demands none)
     * @param status        what the proxy answered itself ({@code 407}, {@code 403}), or {@code 0} when it
     *                      forwarded
     */
    public record Request(String method, String target, Optional<String> proxyUser, boolean authenticated, int status) {
        String toLine() {
            return method + " " + target + " user=" + proxyUser.orElse("-") + " authenticated=" + authenticated
                    + " status=" + status;
        }
    }

    private final ServerSocket server;
    private final List<Request> requests = new ArrayList<>(); // guarded by itself
    private final Path logFile;
    private volatile String requiredAuthorization;
    private final Map<String, Integer> routes = new java.util.concurrent.ConcurrentHashMap<>();

    private RecordingProxy(ServerSocket server, Path logFile) {
        this.server = server;
        this.logFile = logFile;
    }

    /** Starts on 127.0.0.1 ({@code port} 0 picks a free one); with a log file, each request is also appended there. */
    public static RecordingProxy start(int port, Path logFile) {
        try {
            ServerSocket server = new ServerSocket();
            server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 50);
            RecordingProxy proxy = new RecordingProxy(server, logFile);
            Thread acceptor = new Thread(proxy::acceptLoop, "recording-proxy-" + server.getLocalPort());
            acceptor.setDaemon(true);
            acceptor.start();
            return proxy;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot bind the test proxy on 127.0.0.1:" + port, e);
        }
    }

    public int port() {
        return server.getLocalPort();
    }

    /** From now on, requests without {@code Proxy-Authorization: Basic base64(user:password)} get a 407. */
    public RecordingProxy requireCredentials(String user, String password) {
        requiredAuthorization =
                "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        return this;
    }

    /**
     * Tunnels a {@code CONNECT host:<any port>} to {@code port} of 127.0.0.1, as a DNS of the test's own would: an
     * AWS endpoint the SDK picked by its rules reaches a local server (which must present a certificate for
     * {@code host}). Other hosts not on this machine are still refused.
     */
    public RecordingProxy route(String host, int port) {
        routes.put(host, port);
        return this;
    }

    public List<Request> requests() {
        synchronized (requests) {
            return List.copyOf(requests);
        }
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException e) {
            // closing anyway
        }
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                Thread handler = new Thread(() -> serve(client), "recording-proxy-connection");
                handler.setDaemon(true);
                handler.start();
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void serve(Socket client) {
        try (client) {
            InputStream in = client.getInputStream();
            OutputStream out = client.getOutputStream();
            while (true) { // a client may send several requests over one kept-alive connection to the proxy
                String requestLine = readLine(in);
                if (requestLine == null || requestLine.isEmpty()) {
                    return;
                }
                Map<String, String> headers = readHeaders(in);
                String[] parts = requestLine.split(" ");
                if (parts.length != 3) {
                    answer(out, 400, "Bad Request");
                    return;
                }
                String method = parts[0];
                String target = parts[1];
                String authorization = headers.get("proxy-authorization");
                Optional<String> user = basicUser(authorization);
                String required = requiredAuthorization;
                boolean authenticated = required != null && required.equals(authorization);
                if (required != null && !authenticated) {
                    record(new Request(method, target, user, false, 407));
                    skipBody(in, headers);
                    answer(out, 407, "Proxy Authentication Required", "Proxy-Authenticate: Basic realm=\"test-proxy\"");
                    continue;
                }
                if (method.equals("CONNECT")) {
                    tunnel(client, target, user, authenticated);
                    return;
                }
                URI uri = URI.create(target);
                if (uri.getHost() == null || !isLoopback(uri.getHost())) {
                    record(new Request(method, target, user, authenticated, 403));
                    skipBody(in, headers);
                    answer(out, 403, "Forbidden");
                    continue;
                }
                record(new Request(method, target, user, authenticated, 0));
                forward(in, out, method, uri, parts[2], headers);
                // The answer was delimited by the origin closing, which the client cannot see: close towards it.
                return;
            }
        } catch (IOException e) {
            // the client went away
        }
    }

    /** Sends one request to the origin over a fresh connection and relays its whole answer. */
    private static void forward(
            InputStream in, OutputStream out, String method, URI uri, String version, Map<String, String> headers)
            throws IOException {
        if (headers.containsKey("transfer-encoding")) {
            throw new IOException("chunked request bodies are not supported by the test proxy");
        }
        int length = Integer.parseInt(headers.getOrDefault("content-length", "0"));
        byte[] body = in.readNBytes(length);
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        if (uri.getRawQuery() != null) {
            path += "?" + uri.getRawQuery();
        }
        try (Socket origin = new Socket(uri.getHost(), uri.getPort() < 0 ? 80 : uri.getPort())) {
            StringBuilder head = new StringBuilder(method + " " + path + " " + version + "\r\n");
            headers.forEach((name, value) -> {
                if (!name.startsWith("proxy-") && !name.equals("connection")) {
                    head.append(name).append(": ").append(value).append("\r\n");
                }
            });
            head.append("connection: close\r\n\r\n");
            OutputStream toOrigin = origin.getOutputStream();
            toOrigin.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
            toOrigin.write(body);
            toOrigin.flush();
            origin.getInputStream().transferTo(out); // the origin closes after its answer
            out.flush();
        }
    }

    private void tunnel(Socket client, String target, Optional<String> user, boolean authenticated) throws IOException {
        int colon = target.lastIndexOf(':');
        String host = colon > 0 ? target.substring(0, colon) : target;
        int port = colon > 0 ? Integer.parseInt(target.substring(colon + 1)) : 443;
        if (routes.containsKey(host)) {
            port = routes.get(host);
            host = "127.0.0.1";
        }
        if (!isLoopback(host)) {
            record(new Request("CONNECT", target, user, authenticated, 403));
            answer(client.getOutputStream(), 403, "Forbidden");
            return;
        }
        record(new Request("CONNECT", target, user, authenticated, 0));
        try (Socket origin = new Socket(host, port)) {
            client.getOutputStream()
                    .write("HTTP/1.1 200 Connection Established\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            client.getOutputStream().flush();
            Thread upstream = new Thread(() -> pipe(client, origin), "recording-proxy-tunnel");
            upstream.setDaemon(true);
            upstream.start();
            pipe(origin, client);
        }
    }

    private static void pipe(Socket from, Socket to) {
        try {
            from.getInputStream().transferTo(to.getOutputStream());
            to.shutdownOutput();
        } catch (IOException e) {
            // one side closed
        }
    }

    private void record(Request request) {
        synchronized (requests) {
            requests.add(request);
            if (logFile != null) {
                try {
                    Files.writeString(
                            logFile,
                            request.toLine() + "\n",
                            StandardCharsets.UTF_8,
                            StandardOpenOption.CREATE,
                            StandardOpenOption.APPEND);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
    }

    private static boolean isLoopback(String host) {
        try {
            return InetAddress.getByName(host.replaceAll("^\\[|\\]$", "")).isLoopbackAddress();
        } catch (IOException e) {
            return false;
        }
    }

    private static Optional<String> basicUser(String authorization) {
        if (authorization == null || !authorization.startsWith("Basic ")) {
            return Optional.empty();
        }
        try {
            String decoded = new String(
                    Base64.getDecoder().decode(authorization.substring(6).trim()), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            return Optional.of(colon < 0 ? decoded : decoded.substring(0, colon));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static void skipBody(InputStream in, Map<String, String> headers) throws IOException {
        in.readNBytes(Integer.parseInt(headers.getOrDefault("content-length", "0")));
    }

    private static void answer(OutputStream out, int status, String reason, String... extraHeaders) throws IOException {
        StringBuilder text = new StringBuilder("HTTP/1.1 " + status + " " + reason + "\r\n");
        for (String header : extraHeaders) {
            text.append(header).append("\r\n");
        }
        text.append("Content-Length: 0\r\n\r\n");
        out.write(text.toString().getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    private static Map<String, String> readHeaders(InputStream in) throws IOException {
        Map<String, String> headers = new LinkedHashMap<>();
        String line;
        while ((line = readLine(in)) != null && !line.isEmpty()) {
            int colon = line.indexOf(':');
            if (colon > 0) {
                headers.put(
                        line.substring(0, colon).trim().toLowerCase(Locale.ROOT),
                        line.substring(colon + 1).trim());
            }
        }
        return headers;
    }

    /** One CRLF-terminated line, or {@code null} at the end of the stream. */
    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != -1) {
            if (b == '\n') {
                byte[] bytes = line.toByteArray();
                int end = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
                return new String(bytes, 0, end, StandardCharsets.ISO_8859_1);
            }
            line.write(b);
        }
        return line.size() == 0 ? null : line.toString(StandardCharsets.ISO_8859_1);
    }
}

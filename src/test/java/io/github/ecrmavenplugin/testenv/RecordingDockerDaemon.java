package io.github.ecrmavenplugin.testenv;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.regex.Pattern;

/**
 * A stand-in for a Docker daemon on a TCP port, for builders that push through one (fabric8's docker-maven-plugin):
 * it answers the Docker Engine API calls a push makes ({@code GET /version}, {@code GET /_ping},
 * {@code POST /images/<name>/push}) and writes each request to a log, one line per request:
 * {@code METHOD PATH X-Registry-Auth}, the last being the header as the client sent it (base64 JSON with the
 * registry credentials) or {@code -}. It stores no image and pushes nothing: what it proves is what the builder
 * asked the daemon to push, and with which credentials.
 */
final class RecordingDockerDaemon implements AutoCloseable {

    private static final Pattern PUSH = Pattern.compile("(/v[\\d.]+)?/images/.+/push");

    private final HttpServer server;
    private final Path log;

    private RecordingDockerDaemon(HttpServer server, Path log) {
        this.server = server;
        this.log = log;
    }

    static RecordingDockerDaemon start(int port, Path log) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        RecordingDockerDaemon daemon = new RecordingDockerDaemon(server, log);
        server.createContext("/", daemon::handle);
        server.start();
        return daemon;
    }

    int port() {
        return server.getAddress().getPort();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            exchange.getRequestBody().readAllBytes();
            String path = exchange.getRequestURI().getPath();
            String auth = exchange.getRequestHeaders().getFirst("X-Registry-Auth");
            record(exchange.getRequestMethod() + " " + exchange.getRequestURI() + " " + (auth == null ? "-" : auth));
            if (path.endsWith("/_ping")) {
                send(exchange, 200, "text/plain", "OK");
            } else if (path.endsWith("/version")) {
                send(
                        exchange,
                        200,
                        "application/json",
                        "{\"Version\":\"24.0.0\",\"ApiVersion\":\"1.43\","
                                + "\"MinAPIVersion\":\"1.12\",\"Os\":\"linux\",\"Arch\":\"amd64\"}");
            } else if ("POST".equals(exchange.getRequestMethod())
                    && PUSH.matcher(path).matches()) {
                // What a daemon streams back after a push, shortened
                send(
                        exchange,
                        200,
                        "application/json",
                        "{\"status\":\"The push refers to repository\"}\n"
                                + "{\"status\":\"pushed by the test daemon\"}\n");
            } else {
                send(
                        exchange,
                        404,
                        "application/json",
                        "{\"message\":\"not answered by the test daemon: " + exchange.getRequestMethod() + " " + path
                                + "\"}");
            }
        }
    }

    private synchronized void record(String line) {
        try {
            Files.writeString(
                    log, line + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void send(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}

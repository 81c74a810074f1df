package io.github.ecrmavenplugin.localregistry;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A real container registry for tests: Debian's {@code docker-registry} (distribution 2.8) started as a child
 * process, serving HTTPS with a freshly made self-signed certificate on {@code 127.0.0.1}, with htpasswd basic
 * auth for the single user {@code AWS} (the user name ECR authorization tokens carry).
 *
 * <p>Everything lives in the work directory: {@code config.yml}, {@code cert.pem}/{@code key.pem},
 * {@code truststore.p12}, {@code htpasswd}, {@code storage/}, {@code registry.log} and {@code registry.pid}.
 *
 * <p>Needs the commands {@code docker-registry}, {@code htpasswd} and {@code openssl}; see {@link #isAvailable()}
 * and {@code .ci/install-deps.sh}.
 */
public final class LocalRegistry implements AutoCloseable {

    /** Message for {@code Assumptions} when {@link #isAvailable()} is false. */
    public static final String INSTALL_HINT =
            "docker-registry, htpasswd or openssl not on PATH; run .ci/install-deps.sh";

    /** User name of the htpasswd entry; ECR authorization tokens decode to {@code AWS:<password>}. */
    public static final String USER = "AWS";

    /** Password of {@link #trustStore()}. */
    public static final String TRUST_STORE_PASSWORD = "changeit";

    /** Manifest media types the helpers accept. */
    public static final String MANIFEST_ACCEPT = String.join(
            ", ",
            "application/vnd.oci.image.manifest.v1+json",
            "application/vnd.docker.distribution.manifest.v2+json",
            "application/vnd.oci.image.index.v1+json",
            "application/vnd.docker.distribution.manifest.list.v2+json");

    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);

    private final Path workDir;
    private final int port;
    private final String password;
    private final Process process;
    private final SSLContext sslContext;
    private final HttpClient http;
    private final Thread shutdownHook;
    private volatile boolean closed;

    private LocalRegistry(Path workDir, int port, String password, Process process, SSLContext sslContext) {
        this.workDir = workDir;
        this.port = port;
        this.password = password;
        this.process = process;
        this.sslContext = sslContext;
        this.http = newHttpClient(sslContext);
        this.shutdownHook = new Thread(this::stopProcess, "local-registry-shutdown");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /** Whether {@code docker-registry}, {@code htpasswd} and {@code openssl} are all on the PATH. */
    public static boolean isAvailable() {
        return onPath("docker-registry") && onPath("htpasswd") && onPath("openssl");
    }

    /**
     * Starts a registry and waits until it answers.
     *
     * @param workDir  directory for config, certificate, storage and log; {@code null} for a new temp directory
     * @param port     port on 127.0.0.1; 0 picks a free one
     * @param password password of user {@code AWS}; bcrypt only looks at its first 72 bytes (see below)
     */
    public static LocalRegistry start(Path workDir, int port, String password) throws IOException {
        return start(workDir, port, password, null);
    }

    /**
     * As {@link #start(Path, int, String)}, telling {@code notifications} (e.g. the ECR emulator's
     * {@code /_emulator/registry-events}) of every push, as distribution's notification endpoints do; ECR learns of
     * a push because the push goes through it.
     */
    public static LocalRegistry start(Path workDir, int port, String password, URI notifications) throws IOException {
        if (password == null || password.isEmpty() || password.indexOf('\n') >= 0 || password.indexOf('\r') >= 0) {
            throw new IllegalArgumentException("password must be non-empty and a single line");
        }
        Path dir = workDir != null ? Files.createDirectories(workDir) : Files.createTempDirectory("local-registry-");
        stopStale(dir.resolve("registry.pid"));
        Files.createDirectories(dir.resolve("storage"));

        Path cert = dir.resolve("cert.pem");
        Path key = dir.resolve("key.pem");
        exec(
                dir,
                null,
                "openssl",
                "req",
                "-x509",
                "-newkey",
                "rsa:2048",
                "-nodes",
                "-days",
                "2",
                "-subj",
                "/CN=127.0.0.1",
                "-addext",
                "subjectAltName=IP:127.0.0.1",
                "-keyout",
                key.toString(),
                "-out",
                cert.toString());
        SSLContext sslContext = trusting(cert, dir.resolve("truststore.p12"));

        // bcrypt ignores everything after 72 bytes and htpasswd refuses passwords over 256 bytes, while ECR-style
        // passwords can be a few KB long; hashing the first 72 bytes gives the same hash bcrypt would. The password
        // goes through stdin (-i) rather than argv (-b) so it does not show in the process list.
        byte[] pw = password.getBytes(StandardCharsets.UTF_8);
        String htpasswd = exec(dir, Arrays.copyOf(pw, Math.min(pw.length, 72)), "htpasswd", "-Bin", USER);
        Files.writeString(dir.resolve("htpasswd"), htpasswd);

        // A port picked here may be taken by someone else before the registry binds it; then try another one.
        for (int attempt = 1; ; attempt++) {
            int p = port != 0 ? port : freePort();
            Files.writeString(dir.resolve("config.yml"), config(dir, p, cert, key) + notifications(notifications));
            Path log = dir.resolve("registry.log");
            Files.deleteIfExists(log);
            Process process = new ProcessBuilder(
                            "docker-registry",
                            "serve",
                            dir.resolve("config.yml").toString())
                    .directory(dir.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            Files.writeString(dir.resolve("registry.pid"), process.pid() + "\n");
            LocalRegistry registry = new LocalRegistry(dir, p, password, process, sslContext);
            try {
                registry.awaitUp();
                return registry;
            } catch (IOException e) {
                registry.close();
                String output = Files.exists(log) ? Files.readString(log) : "";
                if (port == 0 && attempt < 3 && output.contains("address already in use")) {
                    continue;
                }
                throw new IOException(e.getMessage() + "\n--- registry.log ---\n" + output, e);
            }
        }
    }

    /** {@code 127.0.0.1:PORT}, the registry host as image references spell it. */
    public String host() {
        return "127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    /** PID of the {@code docker-registry} process itself (also in {@code registry.pid}). */
    public long pid() {
        return process.pid();
    }

    /** The self-signed certificate (PEM) the registry serves. */
    public Path certificate() {
        return workDir.resolve("cert.pem");
    }

    /** PKCS12 trust store holding only {@link #certificate()}; password {@link #TRUST_STORE_PASSWORD}. */
    public Path trustStore() {
        return workDir.resolve("truststore.p12");
    }

    public Path workDir() {
        return workDir;
    }

    public String password() {
        return password;
    }

    /** SSL context that trusts this registry's certificate (and nothing else). */
    public SSLContext sslContext() {
        return sslContext;
    }

    /** A fresh HTTP client that trusts this registry's certificate. */
    public HttpClient httpClient() {
        return newHttpClient(sslContext);
    }

    /** {@code https://127.0.0.1:PORT} + path. */
    public URI uri(String path) {
        return URI.create("https://" + host() + path);
    }

    /** Value of an {@code Authorization} header for {@code AWS:<password>}. */
    public String basicAuth() {
        return basicAuth(USER, password);
    }

    public static String basicAuth(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /** Tags of a repository; empty when the repository does not exist. */
    public List<String> tags(String repository) throws IOException {
        HttpResponse<String> response = send(get("/v2/" + repository + "/tags/list"));
        if (response.statusCode() == 404) {
            return List.of();
        }
        return stringArray(expectOk(response).body(), "tags");
    }

    /** {@code Docker-Content-Digest} of a tag's manifest; empty when there is no such manifest. */
    public Optional<String> manifestDigest(String repository, String tag) throws IOException {
        HttpRequest request = authorized(uri("/v2/" + repository + "/manifests/" + tag))
                .header("Accept", MANIFEST_ACCEPT)
                .method("HEAD", HttpRequest.BodyPublishers.noBody())
                .build();
        HttpResponse<String> response = send(request);
        if (response.statusCode() == 404) {
            return Optional.empty();
        }
        return expectOk(response).headers().firstValue("Docker-Content-Digest");
    }

    /** Repository names in the registry. */
    public List<String> catalog() throws IOException {
        return stringArray(expectOk(send(get("/v2/_catalog"))).body(), "repositories");
    }

    /** Stops the registry: SIGTERM, wait, then SIGKILL. Safe to call more than once. */
    @Override
    public void close() {
        stopProcess();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running or has run already
        }
    }

    private synchronized void stopProcess() {
        if (closed) {
            return;
        }
        closed = true;
        process.destroy();
        try {
            if (!process.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        try {
            Files.deleteIfExists(workDir.resolve("registry.pid"));
        } catch (IOException ignored) {
            // only a hint for cleaning up after a killed JVM
        }
    }

    @Override
    public String toString() {
        return "LocalRegistry[" + host() + ", pid " + process.pid() + ", " + workDir + "]";
    }

    // --- internals ---

    /** Polls {@code /v2/} until it answers 401 (up, auth on), the process dies, or the timeout passes. */
    private void awaitUp() throws IOException {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        HttpRequest probe = HttpRequest.newBuilder(uri("/v2/"))
                .timeout(Duration.ofSeconds(2))
                .build();
        String last = "no answer";
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException(
                        "docker-registry exited with " + process.exitValue() + " before answering on " + host());
            }
            try {
                int status =
                        http.send(probe, HttpResponse.BodyHandlers.discarding()).statusCode();
                if (status == 401) {
                    return;
                }
                last = "HTTP " + status;
            } catch (IOException e) {
                last = e.toString();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while waiting for the registry", e);
            }
            sleep(100);
        }
        throw new IOException("registry on " + host() + " did not answer 401 on /v2/ within " + START_TIMEOUT
                + " (last: " + last + ")");
    }

    private HttpRequest.Builder authorized(URI uri) {
        return HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).header("Authorization", basicAuth());
    }

    private HttpRequest get(String path) {
        return authorized(uri(path)).GET().build();
    }

    private HttpResponse<String> send(HttpRequest request) throws IOException {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted: " + request, e);
        }
    }

    private static HttpResponse<String> expectOk(HttpResponse<String> response) throws IOException {
        if (response.statusCode() != 200) {
            throw new IOException(response.request().method() + " "
                    + response.request().uri() + " -> HTTP " + response.statusCode() + ": " + response.body());
        }
        return response;
    }

    /**
     * Strings of a JSON array member, e.g. {@code "tags":["a","b"]}. Good enough for the registry's answers:
     * tag and repository names cannot contain quotes or backslashes. {@code null} gives an empty list.
     */
    static List<String> stringArray(String json, String member) {
        Matcher array = Pattern.compile("\"" + Pattern.quote(member) + "\"\\s*:\\s*\\[([^\\]]*)]")
                .matcher(json);
        List<String> values = new ArrayList<>();
        if (array.find()) {
            Matcher string = Pattern.compile("\"([^\"]*)\"").matcher(array.group(1));
            while (string.find()) {
                values.add(string.group(1));
            }
        }
        return values;
    }

    private static String config(Path dir, int port, Path cert, Path key) {
        // distribution 2.8 config format; see /etc/docker/registry/config.yml of the Debian package
        byte[] secret = new byte[16];
        new SecureRandom().nextBytes(secret);
        return String.join(
                "\n",
                "version: 0.1",
                "log:",
                "  level: info",
                "  accesslog:",
                "    disabled: true",
                "storage:",
                "  filesystem:",
                "    rootdirectory: " + yaml(dir.resolve("storage")),
                "  delete:",
                "    enabled: true",
                "http:",
                "  addr: 127.0.0.1:" + port,
                "  secret: " + HexFormat.of().formatHex(secret),
                "  tls:",
                "    certificate: " + yaml(cert),
                "    key: " + yaml(key),
                "auth:",
                "  htpasswd:",
                "    realm: local-registry",
                "    path: " + yaml(dir.resolve("htpasswd")),
                "");
    }

    /** Pushes are posted at once, and retried each second for a short while if the endpoint does not answer. */
    private static String notifications(URI endpoint) {
        if (endpoint == null) {
            return "";
        }
        return String.join(
                "\n",
                "notifications:",
                "  endpoints:",
                "    - name: ecr-emulator",
                "      url: " + endpoint,
                "      timeout: 2s",
                "      threshold: 3",
                "      backoff: 1s",
                "");
    }

    private static String yaml(Path path) {
        return "'" + path.toAbsolutePath().toString().replace("'", "''") + "'";
    }

    /** Loads the PEM certificate as the only trusted one, and saves it as a PKCS12 trust store too. */
    private static SSLContext trusting(Path certificate, Path trustStoreFile) throws IOException {
        try (InputStream in = Files.newInputStream(certificate)) {
            Certificate cert = CertificateFactory.getInstance("X.509").generateCertificate(in);
            KeyStore trustStore = KeyStore.getInstance("PKCS12");
            trustStore.load(null, null);
            trustStore.setCertificateEntry("local-registry", cert);
            try (OutputStream out = Files.newOutputStream(trustStoreFile)) {
                trustStore.store(out, TRUST_STORE_PASSWORD.toCharArray());
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trustStore);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, tmf.getTrustManagers(), null);
            return context;
        } catch (java.security.GeneralSecurityException e) {
            throw new IOException("cannot load " + certificate, e);
        }
    }

    private static HttpClient newHttpClient(SSLContext sslContext) {
        return HttpClient.newBuilder()
                .sslContext(sslContext)
                .connectTimeout(Duration.ofSeconds(5))
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /** Runs a tool in {@code dir}, feeding {@code stdin}; returns stdout, fails with stderr. */
    private static String exec(Path dir, byte[] stdin, String... command) throws IOException {
        Path stderr = Files.createTempFile(dir, "tool-", ".err");
        try {
            Process p = new ProcessBuilder(command)
                    .directory(dir.toFile())
                    .redirectError(stderr.toFile())
                    .start();
            try (OutputStream in = p.getOutputStream()) {
                if (stdin != null) {
                    in.write(stdin);
                }
            }
            String out;
            try (InputStream o = p.getInputStream()) {
                out = new String(o.readAllBytes(), StandardCharsets.UTF_8);
            }
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException(command[0] + " did not finish");
            }
            if (p.exitValue() != 0) {
                throw new IOException(String.join(" ", command[0], command[1]) + " failed with " + p.exitValue() + ": "
                        + Files.readString(stderr));
            }
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted running " + command[0], e);
        } finally {
            Files.deleteIfExists(stderr);
        }
    }

    /** Ends a registry left behind in this work dir by a JVM that was killed before it could stop it. */
    private static void stopStale(Path pidFile) throws IOException {
        if (!Files.exists(pidFile)) {
            return;
        }
        try {
            long pid = Long.parseLong(Files.readString(pidFile).trim());
            ProcessHandle.of(pid)
                    .filter(h -> h.info()
                            .command()
                            .map(c -> c.endsWith("docker-registry"))
                            .orElse(false))
                    .ifPresent(h -> {
                        h.destroy();
                        h.onExit()
                                .completeOnTimeout(h, STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)
                                .join();
                        h.destroyForcibly();
                    });
        } catch (NumberFormatException ignored) {
            // not ours
        }
        Files.deleteIfExists(pidFile);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return socket.getLocalPort();
        }
    }

    private static boolean onPath(String command) {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, command))) {
                return true;
            }
        }
        return false;
    }

    private static void sleep(long millis) throws IOException {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }
}

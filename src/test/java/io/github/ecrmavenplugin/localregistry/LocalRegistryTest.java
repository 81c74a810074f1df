package io.github.ecrmavenplugin.localregistry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalRegistryTest {

    private static final String PASSWORD = "test-password-1";

    @TempDir
    static Path workDir;

    private static LocalRegistry registry;

    @BeforeAll
    static void start() throws IOException {
        if (LocalRegistry.isAvailable()) {
            registry = LocalRegistry.start(workDir, 0, PASSWORD);
        }
    }

    // Assumed per test rather than in @BeforeAll so that surefire reports each test as skipped, with the hint.
    @BeforeEach
    void requireTools() {
        assumeTrue(LocalRegistry.isAvailable(), LocalRegistry.INSTALL_HINT);
    }

    @AfterAll
    static void stop() {
        if (registry != null) {
            registry.close();
        }
    }

    @Test
    void v2RequiresBasicAuthOfUserAws() throws Exception {
        HttpClient http = registry.httpClient();

        HttpResponse<String> anonymous =
                http.send(HttpRequest.newBuilder(registry.uri("/v2/")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(401, anonymous.statusCode());
        assertTrue(
                anonymous.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Basic realm="),
                anonymous.headers().toString());

        assertEquals(200, v2Status(registry, registry.basicAuth()));
        assertEquals(401, v2Status(registry, LocalRegistry.basicAuth("AWS", PASSWORD + "x")));
        assertEquals(401, v2Status(registry, LocalRegistry.basicAuth("aws", PASSWORD)));
    }

    @Test
    void listensOnLoopbackWithTheGeneratedCertificate() throws Exception {
        assertEquals("127.0.0.1:" + registry.port(), registry.host());
        assertTrue(Files.readString(registry.certificate()).startsWith("-----BEGIN CERTIFICATE-----"));
        assertEquals(
                registry.pid(),
                Long.parseLong(Files.readString(workDir.resolve("registry.pid")).trim()));

        // A client with only the JDK's default trust must refuse the self-signed certificate.
        HttpClient untrusting = HttpClient.newHttpClient();
        assertThrows(
                IOException.class,
                () -> untrusting.send(
                        HttpRequest.newBuilder(registry.uri("/v2/")).build(), HttpResponse.BodyHandlers.discarding()));
    }

    @Test
    void pushedImageShowsInTagsManifestDigestAndCatalog() throws Exception {
        String repository = "team/app";
        assertEquals(List.of(), registry.tags(repository));
        assertEquals(Optional.empty(), registry.manifestDigest(repository, "1.0"));

        String digest = pushMinimalImage(registry, repository, "1.0");

        assertEquals(List.of("1.0"), registry.tags(repository));
        assertEquals(Optional.of(digest), registry.manifestDigest(repository, "1.0"));
        assertTrue(registry.catalog().contains(repository), registry.catalog().toString());
    }

    @Test
    void closeEndsTheRegistryProcess(@TempDir Path dir) throws Exception {
        // ECR passwords are a few KB long; bcrypt/htpasswd only take 72/256 bytes, so make sure long ones work.
        String longPassword = "p".repeat(1500) + "-long";
        LocalRegistry other = LocalRegistry.start(dir, 0, longPassword);
        long pid = other.pid();
        try {
            assertTrue(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false));
            assertEquals(200, v2Status(other, other.basicAuth()));
            assertEquals(List.of(), other.catalog());
        } finally {
            other.close();
        }
        assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "pid " + pid + " still alive");
        assertFalse(Files.exists(dir.resolve("registry.pid")));
        assertThrows(IOException.class, () -> v2Status(other, other.basicAuth()));
        other.close(); // a second close is harmless
    }

    @Test
    void failedStartReportsTheRegistryLog(@TempDir Path dir) throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            IOException e = assertThrows(
                    IOException.class,
                    () -> LocalRegistry.start(dir, taken.getLocalPort(), PASSWORD)
                            .close());
            assertTrue(e.getMessage().contains("--- registry.log ---"), e.getMessage());
            assertTrue(e.getMessage().contains("address already in use"), e.getMessage());
        }
    }

    private static int v2Status(LocalRegistry target, String authorization) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(target.uri("/v2/"))
                .header("Authorization", authorization)
                .build();
        return target.httpClient()
                .send(request, HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }

    /**
     * Pushes a one-layer OCI image (a gzipped tar holding {@code hello.txt}, an empty {@code {}} config) through
     * the Registry HTTP API v2 and returns the manifest digest.
     */
    static String pushMinimalImage(LocalRegistry registry, String repository, String tag) throws Exception {
        byte[] layer = gzip(tar("hello.txt", "hello from the local registry\n".getBytes(StandardCharsets.UTF_8)));
        byte[] config = "{}".getBytes(StandardCharsets.UTF_8);
        String layerDigest = uploadBlob(registry, repository, layer);
        String configDigest = uploadBlob(registry, repository, config);

        String manifest = "{\"schemaVersion\":2,"
                + "\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\","
                + "\"config\":{\"mediaType\":\"application/vnd.oci.image.config.v1+json\","
                + "\"digest\":\"" + configDigest + "\",\"size\":" + config.length + "},"
                + "\"layers\":[{\"mediaType\":\"application/vnd.oci.image.layer.v1.tar+gzip\","
                + "\"digest\":\"" + layerDigest + "\",\"size\":" + layer.length + "}]}";
        byte[] manifestBytes = manifest.getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> put = send(
                registry,
                request(registry, registry.uri("/v2/" + repository + "/manifests/" + tag))
                        .header("Content-Type", "application/vnd.oci.image.manifest.v1+json")
                        .PUT(HttpRequest.BodyPublishers.ofByteArray(manifestBytes))
                        .build());
        assertEquals(201, put.statusCode(), put.body());
        String digest = sha256(manifestBytes);
        assertEquals(Optional.of(digest), put.headers().firstValue("Docker-Content-Digest"));
        return digest;
    }

    /** Monolithic upload: POST opens an upload session, PUT with {@code ?digest=} sends the whole blob. */
    private static String uploadBlob(LocalRegistry registry, String repository, byte[] blob) throws Exception {
        HttpResponse<String> post = send(
                registry,
                request(registry, registry.uri("/v2/" + repository + "/blobs/uploads/"))
                        .POST(HttpRequest.BodyPublishers.noBody())
                        .build());
        assertEquals(202, post.statusCode(), post.body());
        String location = post.headers().firstValue("Location").orElseThrow();

        String digest = sha256(blob);
        URI upload = registry.uri("/").resolve(location); // Location may be absolute or relative
        URI put = URI.create(upload + (upload.getQuery() == null ? "?" : "&") + "digest="
                + URLEncoder.encode(digest, StandardCharsets.UTF_8));
        HttpResponse<String> response = send(
                registry,
                request(registry, put)
                        .header("Content-Type", "application/octet-stream")
                        .PUT(HttpRequest.BodyPublishers.ofByteArray(blob))
                        .build());
        assertEquals(201, response.statusCode(), response.body());
        assertEquals(Optional.of(digest), response.headers().firstValue("Docker-Content-Digest"));
        return digest;
    }

    private static HttpRequest.Builder request(LocalRegistry registry, URI uri) {
        return HttpRequest.newBuilder(uri).header("Authorization", registry.basicAuth());
    }

    private static HttpResponse<String> send(LocalRegistry registry, HttpRequest request) throws Exception {
        return registry.httpClient().send(request, HttpResponse.BodyHandlers.ofString());
    }

    static String sha256(byte[] bytes) throws NoSuchAlgorithmException {
        return "sha256:"
                + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    private static byte[] gzip(byte[] bytes) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(bytes);
        }
        return out.toByteArray();
    }

    /** A ustar archive with one regular file (mode 0644, mtime 0). */
    private static byte[] tar(String name, byte[] content) {
        byte[] header = new byte[512];
        put(header, 0, name);
        put(header, 100, "0000644");
        put(header, 108, "0000000");
        put(header, 116, "0000000");
        put(header, 124, String.format("%011o", content.length));
        put(header, 136, "00000000000");
        put(header, 148, "        "); // checksum is computed with this field as spaces
        header[156] = '0';
        put(header, 257, "ustar");
        put(header, 263, "00");
        int sum = 0;
        for (byte b : header) {
            sum += b & 0xff;
        }
        put(header, 148, String.format("%06o", sum));
        header[154] = 0;
        header[155] = ' ';

        int padded = (content.length + 511) / 512 * 512;
        byte[] tar = new byte[512 + padded + 1024]; // two zero blocks end the archive
        System.arraycopy(header, 0, tar, 0, 512);
        System.arraycopy(content, 0, tar, 512, content.length);
        return tar;
    }

    private static void put(byte[] target, int offset, String value) {
        byte[] bytes = value.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(bytes, 0, target, offset, bytes.length);
    }
}

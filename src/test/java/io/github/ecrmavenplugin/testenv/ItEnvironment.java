package io.github.ecrmavenplugin.testenv;

import io.github.ecrmavenplugin.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * What the integration tests' setup and verify scripts (src/it/*&#47;*.groovy) use to arrange and inspect the
 * running {@link TestEnvironmentMain}: the emulator's call log and state through its control API, and the
 * registry's content through the Docker Registry HTTP API.
 */
public final class ItEnvironment {

    /** Every ECR operation that changes something: a build that should only read must make none of them. */
    public static final List<String> WRITES = List.of(
            "CreateRepository",
            "SetRepositoryPolicy",
            "PutLifecyclePolicy",
            "PutImageTagMutability",
            "PutImageScanningConfiguration",
            "TagResource",
            "UntagResource",
            "DeleteRepository",
            "DeleteRepositoryPolicy",
            "DeleteLifecyclePolicy",
            "BatchDeleteImage",
            "StartImageScan",
            "PutRegistryScanningConfiguration",
            "PutSigningConfiguration",
            "DeleteSigningConfiguration");

    private final Properties properties;
    private final HttpClient http = HttpClient.newHttpClient();

    private ItEnvironment(Properties properties) {
        this.properties = properties;
    }

    public static ItEnvironment load(Object file) throws IOException {
        Properties properties = new Properties();
        try (Reader in = Files.newBufferedReader(Path.of(file.toString()))) {
            properties.load(in);
        }
        return new ItEnvironment(properties);
    }

    public String emulatorUrl() {
        return properties.getProperty("emulator.url");
    }

    /** The emulator's HTTPS endpoint (self-signed; see TestEnvironmentMain's --emulator-https-port). */
    public String emulatorHttpsUrl() {
        return Objects.requireNonNull(properties.getProperty("emulator.httpsUrl"), "no HTTPS in this environment");
    }

    public String registryHost() {
        return properties.getProperty("registry.host");
    }

    /** The registry password, which is also the ECR authorization token's secret: a leak test looks for it. */
    public String registryPassword() {
        return properties.getProperty("registry.password");
    }

    /** Every ECR call the emulator received, as JSON objects. */
    @SuppressWarnings("unchecked")
    public List<Map<String, Object>> calls() throws IOException, InterruptedException {
        return (List<Map<String, Object>>) Json.parse(control("GET", "calls", null));
    }

    /** The operations made with {@code accessKeyId}, in order: each test build signs with a key of its own. */
    public List<String> operations(String accessKeyId) throws IOException, InterruptedException {
        return calls().stream()
                .filter(call -> accessKeyId.equals(call.get("accessKeyId")))
                .map(call -> (String) call.get("operation"))
                .toList();
    }

    /** The operations of {@link #WRITES} made with {@code accessKeyId}, in order. */
    public List<String> writes(String accessKeyId) throws IOException, InterruptedException {
        return operations(accessKeyId).stream().filter(WRITES::contains).toList();
    }

    /**
     * Fails when the build that signed with {@code accessKeyId} made any of {@link #WRITES}; else returns its
     * operations, in order, for the script's further checks.
     */
    public List<String> assertNoWrites(String accessKeyId) throws IOException, InterruptedException {
        List<String> operations = operations(accessKeyId);
        List<String> writes = operations.stream().filter(WRITES::contains).toList();
        check(writes.isEmpty(), "the build with " + accessKeyId + " wrote " + writes + ": " + operations);
        return operations;
    }

    /**
     * The outcome of each call of {@code operation} made with {@code accessKeyId}, in order: {@code OK} or the
     * error type (e.g. {@code ThrottlingException}, {@code ConnectionDropped}).
     */
    public List<String> outcomes(String accessKeyId, String operation) throws IOException, InterruptedException {
        return calls().stream()
                .filter(call -> accessKeyId.equals(call.get("accessKeyId")) && operation.equals(call.get("operation")))
                .map(ItEnvironment::outcome)
                .toList();
    }

    /** The calls of {@code operation} on {@code repositoryName}, by anyone, as outcomes ({@code OK} or error type). */
    public List<String> outcomesOn(String repositoryName, String operation) throws IOException, InterruptedException {
        return calls().stream()
                .filter(call ->
                        repositoryName.equals(call.get("repositoryName")) && operation.equals(call.get("operation")))
                .map(ItEnvironment::outcome)
                .toList();
    }

    private static String outcome(Map<String, Object> call) {
        return ((Number) call.get("httpStatus")).intValue() == 200 ? "OK" : (String) call.get("errorType");
    }

    /** The URL of the emulator's control API, e.g. to read {@code /_emulator/calls} from a script. */
    public String controlUrl() {
        return emulatorUrl() + "/_emulator/";
    }

    /**
     * Declares that destructive calls of {@code operation} on {@code repositoryName} are asked for by a test's POM,
     * so the suite-wide nothing-lost check at the end of the integration tests lets them pass.
     */
    public void allowDestructive(String operation, String repositoryName) throws IOException {
        Path file = Path.of(properties.getProperty("environment.dir"), TestEnvironmentMain.ALLOWED_DESTRUCTIVE);
        Files.writeString(
                file,
                operation + " " + repositoryName + "\n",
                StandardCharsets.UTF_8,
                java.nio.file.StandardOpenOption.CREATE,
                java.nio.file.StandardOpenOption.APPEND);
    }

    /** The operations made on {@code repositoryName}, by anyone. */
    public List<String> operationsOn(String repositoryName) throws IOException, InterruptedException {
        return calls().stream()
                .filter(call -> repositoryName.equals(call.get("repositoryName")))
                .map(call -> (String) call.get("operation"))
                .toList();
    }

    /**
     * Forgets the emulator's repositories, calls, faults, keys and STS sessions, and the proxy's log: a fresh
     * start for another run of the integration tests (another Maven version) in the same environment.
     */
    public void reset() throws IOException, InterruptedException {
        control("POST", "reset", null);
        String proxyLog = properties.getProperty("proxy.log");
        if (proxyLog != null) {
            Files.deleteIfExists(Path.of(proxyLog));
        }
    }

    /** The roles assumed through the emulator's STS: roleArn, sessionName, externalId, caller and issued key IDs. */
    @SuppressWarnings("unchecked")
    public List<Map<String, Object>> stsSessions() throws IOException, InterruptedException {
        return (List<Map<String, Object>>) Json.parse(control("GET", "sts-sessions", null));
    }

    /** Makes the emulator check the signatures of this key: only a client that really has the secret gets in. */
    public void knowAccessKey(String accessKeyId, String secretAccessKey) throws IOException, InterruptedException {
        control(
                "POST",
                "identities",
                "{\"accessKeyId\":\"" + accessKeyId + "\",\"secretAccessKey\":\"" + secretAccessKey + "\"}");
    }

    /**
     * The requests the test proxy received, one line each: {@code METHOD target user=U status=S} (status 0: it
     * forwarded the request; 407: it demanded credentials).
     */
    public List<String> proxyRequests() throws IOException {
        Path log = Path.of(Objects.requireNonNull(properties.getProperty("proxy.log"), "no proxy in this environment"));
        return Files.exists(log) ? Files.readAllLines(log, StandardCharsets.UTF_8) : List.of();
    }

    /**
     * What the test Docker daemon was asked, one line per request: {@code METHOD URI X-Registry-Auth} (the header
     * as sent, or {@code -}).
     */
    public List<String> dockerRequests() throws IOException {
        Path log = Path.of(Objects.requireNonNull(properties.getProperty("docker.log"), "no Docker daemon here"));
        return Files.exists(log) ? Files.readAllLines(log, StandardCharsets.UTF_8) : List.of();
    }

    /** The repository's state in the emulator, or empty. */
    @SuppressWarnings("unchecked")
    public Optional<Map<String, Object>> repository(String name) throws IOException, InterruptedException {
        List<Map<String, Object>> all = (List<Map<String, Object>>) Json.parse(control("GET", "repositories", null));
        return all.stream().filter(r -> name.equals(r.get("name"))).findFirst();
    }

    /** Seeds a repository (JSON in the emulator's state shape: name, policyText, tags, ...). */
    public void seedRepository(String json) throws IOException, InterruptedException {
        control("POST", "repositories", json);
    }

    /**
     * The plugin's {@code AllowPull} statement granting account 999999999999 one action (the test POMs grant
     * 210987654321 three): what the policy tests find in ECR, left by an older POM or changed by hand.
     */
    public static final String OUTDATED_ALLOW_PULL = "{\"Sid\":\"AllowPull\",\"Effect\":\"Allow\",\"Principal\":"
            + "{\"AWS\":\"arn:aws:iam::999999999999:root\"},\"Action\":[\"ecr:BatchGetImage\"]}";

    /** Seeds repository {@code name} with a policy of {@code statements} (JSON objects), in this order. */
    public void seedRepositoryWithPolicy(String name, String... statements) throws IOException, InterruptedException {
        String policy = "{\"Version\":\"2012-10-17\",\"Statement\":[" + String.join(",", statements) + "]}";
        seedRepository(Json.write(Map.of("name", name, "policyText", policy)));
    }

    /** As if a Lambda function were created from the repository's image: Lambda adds its statement to the policy. */
    public void lambdaFunctionCreated(String repositoryName) throws IOException, InterruptedException {
        control("POST", "lambda-functions", "{\"repositoryName\":\"" + repositoryName + "\"}");
    }

    /**
     * Seeds a repository as someone changed it by hand after the plugin made it: tag mutability {@code MUTABLE},
     * scanning off and the tag {@code team=search} (where the POMs of the drift tests declare {@code IMMUTABLE}, on
     * and {@code payments}), a tag of their own ({@code owner=someone}), AES256 encryption, and the repository
     * policy and lifecycle policy those POMs declare, in another layout.
     */
    public void seedRepositoryChangedByHand(String name) throws IOException, InterruptedException {
        String policy = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"AllowPull\",\"Effect\":\"Allow\","
                + "\"Principal\":{\"AWS\":\"arn:aws:iam::210987654321:root\"},\"Action\":["
                + "\"ecr:BatchCheckLayerAvailability\",\"ecr:BatchGetImage\",\"ecr:GetDownloadUrlForLayer\"]}]}";
        String lifecycle = "{\"rules\":[{\"rulePriority\":1,\"description\":\"Keep the last 30 images\","
                + "\"selection\":{\"tagStatus\":\"any\",\"countType\":\"imageCountMoreThan\",\"countNumber\":30},"
                + "\"action\":{\"type\":\"expire\"}}]}";
        Map<String, Object> seed = new java.util.LinkedHashMap<>();
        seed.put("name", name);
        seed.put("imageTagMutability", "MUTABLE");
        seed.put("scanOnPush", false);
        seed.put("encryptionType", "AES256");
        seed.put("policyText", policy);
        seed.put("lifecyclePolicyText", lifecycle);
        seed.put("tags", Map.of("team", "search", "owner", "someone"));
        seedRepository(Json.write(seed));
    }

    /** The build log of an invoker test, from its {@code basedir}. */
    public static String buildLog(Object basedir) throws IOException {
        return Files.readString(Path.of(basedir.toString(), "build.log"));
    }

    /**
     * How the emulator scans images pushed to a repository, e.g. {@code {"repositoryName":"a","fixture":"critical",
     * "outcome":"NEVER","pendingMillis":200,"inProgressMillis":500}} (see the emulator's {@code ScanPlan}).
     */
    public void scanPlan(String json) throws IOException, InterruptedException {
        control("POST", "scanning", json);
    }

    /**
     * The registry's signing configuration, {@code {"rules":[{"signingProfileArn":..,"filters":[..]}]}}, or how the
     * images pushed to a repository are signed, {@code {"repositoryName":..,"inProgressMillis":..,"outcome":..}}.
     */
    public void signing(String json) throws IOException, InterruptedException {
        control("POST", "signing", json);
    }

    /**
     * Sets up the registry as a platform team would, without a call in the log: {@code operation} is
     * {@code CreateRepositoryCreationTemplate}, {@code CreatePullThroughCacheRule} or
     * {@code PutReplicationConfiguration}, {@code json} its request. The registry is shared by every test: use
     * prefixes of the test's own.
     */
    public void seedRegistrySetting(String operation, String json) throws IOException, InterruptedException {
        control("POST", "registry-settings/" + operation, json);
    }

    /** Adds faults, e.g. {@code {"throttle":{"CreateRepository":3}}}. */
    public void faults(String json) throws IOException, InterruptedException {
        control("POST", "faults", json);
    }

    private String control(String method, String path, String body) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(emulatorUrl() + "/_emulator/" + path))
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            throw new IOException(
                    method + " /_emulator/" + path + " answered " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }

    /** The tags the registry holds for {@code repository}. */
    @SuppressWarnings("unchecked")
    public List<String> registryTags(String repository) throws Exception {
        HttpResponse<String> response = registryGet("/v2/" + repository + "/tags/list", "application/json");
        if (response.statusCode() == 404) {
            return List.of();
        }
        Map<String, Object> body = (Map<String, Object>) Json.parse(response.body());
        return body.get("tags") == null ? List.of() : (List<String>) body.get("tags");
    }

    /** The manifest digest of {@code repository:tag} in the registry, or empty. */
    public Optional<String> registryDigest(String repository, String tag) throws Exception {
        HttpResponse<String> response = registryGet(
                "/v2/" + repository + "/manifests/" + tag,
                "application/vnd.oci.image.manifest.v1+json, application/vnd.docker.distribution.manifest.v2+json");
        return response.statusCode() == 200 ? response.headers().firstValue("Docker-Content-Digest") : Optional.empty();
    }

    private HttpResponse<String> registryGet(String path, String accept) throws Exception {
        HttpClient client = HttpClient.newBuilder().sslContext(registryTrust()).build();
        String auth =
                Base64.getEncoder().encodeToString(("AWS:" + registryPassword()).getBytes(StandardCharsets.UTF_8));
        return client.send(
                HttpRequest.newBuilder(URI.create("https://" + registryHost() + path))
                        .header("Authorization", "Basic " + auth)
                        .header("Accept", accept)
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /**
     * Which files under {@code dir} (what a build wrote) contain one of the {@code secrets}, as lines like
     * {@code "target/x.json holds the AWS secret key"}; empty when none does or {@code dir} does not exist. Files are
     * read as ISO-8859-1, so jars and class files are searched byte for byte too.
     *
     * @param secrets what each secret is, for the message, to its value
     */
    public static List<String> filesHolding(java.io.File dir, Map<String, String> secrets) throws IOException {
        if (!dir.isDirectory()) {
            return List.of();
        }
        List<String> found = new java.util.ArrayList<>();
        try (var files = Files.walk(dir.toPath())) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                String text = Files.readString(file, StandardCharsets.ISO_8859_1);
                secrets.forEach((what, secret) -> {
                    if (text.contains(secret)) {
                        found.add(file + " holds the " + what);
                    }
                });
            }
        }
        return found;
    }

    /**
     * The lines a plugin printed: from each of its mojo headers to the next section, and the failure it caused
     * (Maven prints the exception chain after the build summary). Maven 3.6 and 3.8 name the plugin in their headers
     * by artifactId ({@code --- ecr-maven-plugin:0.1.0:ensure-repository}), Maven 3.9 and 4 by goal prefix
     * ({@code --- ecr:0.1.0:ensure-repository}). A leak check reads these rather than the whole log, since under
     * {@code -X} other plugins (maven-resources-plugin) print the entire environment, planted secrets included.
     */
    public static String pluginOutput(String log, String groupId, String artifactId, String goalPrefix) {
        StringBuilder output = new StringBuilder();
        boolean inside = false;
        for (String line : log.split("\\R")) {
            if (line.contains("--- " + artifactId + ":")
                    || line.contains("--- " + goalPrefix + ":")
                    || line.contains("Failed to execute goal " + groupId + ":")) {
                inside = true;
            } else if (line.startsWith("[INFO] --- ")
                    || line.startsWith("[INFO] -----")
                    || line.startsWith("[INFO] Building ")) {
                inside = false;
            }
            if (inside) {
                output.append(line).append('\n');
            }
        }
        return output.toString();
    }

    /**
     * Checks a one-build test in which {@code builder} (as its log line names it, e.g. {@code JKube}) pushed
     * {@code repository:tag} under -X with the image name and credentials this plugin handed over: the build created
     * the repository and got a token with {@code accessKeyId}, the registry holds that tag alone, and this plugin's
     * output has debug lines but neither the ECR password nor any of {@code secrets} (the build's AWS secrets).
     */
    public void assertBuilderPushed(
            Object basedir, String accessKeyId, String builder, String repository, String tag, List<String> secrets)
            throws Exception {
        String log = buildLog(basedir);
        List<String> operations = operations(accessKeyId);
        check(operations.containsAll(List.of("CreateRepository", "GetAuthorizationToken")), operations);
        String pushed = builder + " pushes to " + registryHost() + "/" + repository + ":" + tag;
        check(log.contains(pushed), "no \"" + pushed + "\" in the build log");
        List<String> tags = registryTags(repository);
        check(tags.equals(List.of(tag)), "registry tags of " + repository + ": " + tags);
        String digest = registryDigest(repository, tag).orElseThrow();
        check(digest.startsWith("sha256:"), digest);
        String ours = pluginOutput(log, "io.github.ecrmavenplugin", "ecr-maven-plugin", "ecr");
        check(ours.contains("[DEBUG]"), "the -X build printed no debug output of its own");
        check(!ours.contains(registryPassword()), "this plugin's output shows the ECR password");
        for (String secret : secrets) {
            check(!ours.contains(secret), "this plugin's output shows the secret " + secret);
        }
    }

    /** A failed check of a helper, reported to the verify script that called it. */
    private static void check(boolean condition, Object message) {
        if (!condition) {
            throw new AssertionError(message);
        }
    }

    private SSLContext registryTrust() throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(Path.of(Objects.requireNonNull(
                properties.getProperty("registry.trustStore"), "no registry in this environment")))) {
            store.load(in, "changeit".toCharArray());
        }
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(store);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        return context;
    }
}

package io.github.ecrmavenplugin.emulator;

import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;
import software.amazon.awssdk.protocols.jsoncore.JsonNode;

/**
 * An in-memory Amazon ECR that speaks ECR's real wire protocol on {@code http://127.0.0.1:PORT}, so the real AWS
 * SDK ({@code EcrClient} with {@code endpointOverride}) and the AWS CLI ({@code --endpoint-url}) work against it.
 *
 * <pre>{@code
 * try (EcrEmulator ecr = EcrEmulator.builder().registryHost("127.0.0.1:5443").build().start()) {
 *     EcrClient client = EcrClient.builder().endpointOverride(ecr.endpoint())...build();
 *     ...
 *     assertEquals(1, ecr.calls("CreateRepository").size());
 * }
 * }</pre>
 *
 * <p>The same endpoint answers STS {@code AssumeRole} and {@code AssumeRoleWithWebIdentity} (see
 * {@link StsProtocolHandler}) and the SSO portal's {@code GetRoleCredentials} (see {@link SsoPortalHandler}), so a
 * client can get temporary credentials as a role, a CI job with OIDC or an SSO user, and then call ECR with them. Besides the ECR API it offers a control API under {@code /_emulator/} (see {@link ControlApiHandler}) for
 * tests in other processes, a call log, direct seeding of state, and injectable {@link Faults}.
 *
 * <p>With {@link Builder#https} it also serves the same API, state and call log over HTTPS on a second port
 * ({@link #httpsEndpoint()}), as every real AWS endpoint does: what proxies tunnel with {@code CONNECT}.
 */
public final class EcrEmulator implements AutoCloseable {

    public static final String DEFAULT_ACCOUNT_ID = "123456789012";
    public static final String DEFAULT_REGION = "us-east-1";

    /** Every emulator this JVM started, so a suite-wide check (see {@link NothingLostExtension}) can read them all. */
    private static final List<EcrEmulator> STARTED = new java.util.concurrent.CopyOnWriteArrayList<>();

    private final int requestedPort;
    private final String region;
    private final String authorizationPassword;
    private final Map<String, String> secretKeys;
    private final int threads;
    private final int requestedHttpsPort;
    private final SSLContext https;
    private final EmulatedRegistry registry;
    private final RegistrySettings registrySettings = new RegistrySettings();
    private final Faults faults = new Faults();
    private final Identities identities = new Identities();
    private final List<EmulatorCall> calls = new ArrayList<>(); // guarded by itself
    private final CountDownLatch closed = new CountDownLatch(1);
    private final Duration clockAhead;
    private DateShiftingRelay dateRelay;
    private HttpServer server;
    private HttpsServer httpsServer;
    private ExecutorService executor;

    private EcrEmulator(Builder builder) {
        this.requestedPort = builder.port;
        this.region = builder.region;
        this.authorizationPassword =
                builder.authorizationPassword != null ? builder.authorizationPassword : randomPassword();
        this.secretKeys = Map.copyOf(builder.secretKeys);
        this.threads = builder.threads;
        this.requestedHttpsPort = builder.httpsPort;
        this.https = builder.https;
        this.registry = new EmulatedRegistry(builder.accountId, builder.registryHost, builder.clock);
        faults.clockAhead(builder.clockAhead);
        this.clockAhead = builder.clockAhead;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Binds to 127.0.0.1 and starts serving; the port is {@link #port()} once this returns. */
    public synchronized EcrEmulator start() {
        if (server != null) {
            throw new IllegalStateException("already started");
        }
        // The JDK server writes headers and body in two segments; with Nagle and delayed ACKs every call on a
        // reused connection would wait for the client's delayed ACK, which no real ECR endpoint makes it do. Read once,
        // when the first server
        // of the JVM starts; a value set on the command line wins.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), requestedPort), 64);
            if (https != null) {
                httpsServer = HttpsServer.create(
                        new InetSocketAddress(InetAddress.getLoopbackAddress(), requestedHttpsPort), 64);
                httpsServer.setHttpsConfigurator(new HttpsConfigurator(https));
            }
        } catch (IOException e) {
            if (server != null) {
                server.stop(0);
                server = null;
            }
            throw new UncheckedIOException(
                    "cannot bind 127.0.0.1:" + requestedPort + (https != null ? " and " + requestedHttpsPort : ""), e);
        }
        AtomicInteger threadCount = new AtomicInteger();
        executor = Executors.newFixedThreadPool(threads, runnable -> {
            Thread thread = new Thread(runnable, "ecr-emulator-" + threadCount.incrementAndGet());
            thread.setDaemon(true); // a forgotten emulator must not keep a test JVM alive
            return thread;
        });
        operations = new EcrOperations(registry, () -> authorizationPassword, faults, identities);
        operations.register(new RegistrySettingsOperations(registry, registrySettings).operations());
        operations.lifecyclePreviewDuration(lifecyclePreviewDuration);
        EcrProtocolHandler ecr =
                new EcrProtocolHandler(registry, operations, faults, this::record, secretKeys, identities);
        StsProtocolHandler sts =
                new StsProtocolHandler(registry.accountId(), identities, faults, this::record, secretKeys);
        // One endpoint serves the three services, told apart by the protocol: STS speaks the query protocol
        // (form-encoded), the SSO portal REST-JSON (GET /federation/credentials), ECR JSON 1.1.
        SsoPortalHandler sso = new SsoPortalHandler(identities, this::record);
        HttpHandler api = exchange -> {
            String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
            if ("GET".equals(exchange.getRequestMethod())
                    && exchange.getRequestURI().getPath().equals(SsoPortalHandler.PATH)) {
                sso.handle(exchange);
            } else if (contentType != null && contentType.startsWith(StsProtocolHandler.FORM)) {
                sts.handle(exchange);
            } else {
                ecr.handle(exchange);
            }
        };
        ControlApiHandler control = new ControlApiHandler(this);
        for (HttpServer listener : httpsServer == null ? List.of(server) : List.of(server, httpsServer)) {
            listener.setExecutor(executor);
            listener.createContext("/", api);
            listener.createContext(ControlApiHandler.PREFIX, control);
            listener.start();
        }
        if (!clockAhead.isZero()) {
            dateRelay = DateShiftingRelay.start(server.getAddress().getPort(), faults);
        }
        STARTED.add(this);
        return this;
    }

    /** The emulators started in this JVM so far, in the order they started. */
    public static List<EcrEmulator> started() {
        return List.copyOf(STARTED);
    }

    /** The ECR endpoint, for {@code endpointOverride} or {@code --endpoint-url}. */
    public synchronized URI endpoint() {
        return URI.create("http://127.0.0.1:" + (dateRelay == null ? port() : dateRelay.port()));
    }

    /** The same API over HTTPS; needs {@link Builder#https}. */
    public synchronized URI httpsEndpoint() {
        if (httpsServer == null) {
            throw new IllegalStateException(server == null ? "not started" : "started without https");
        }
        return URI.create("https://127.0.0.1:" + httpsServer.getAddress().getPort());
    }

    public synchronized int port() {
        if (server == null) {
            throw new IllegalStateException("not started");
        }
        return server.getAddress().getPort();
    }

    public String accountId() {
        return registry.accountId();
    }

    /** The region used for repositories seeded directly (API calls use their own credential scope's region). */
    public String region() {
        return region;
    }

    /** The docker registry host of repository URIs and of the authorization token's proxy endpoint. */
    public String registryHost() {
        return registry.registryHost(region);
    }

    /** The password inside every authorization token: a token decodes to {@code AWS:<password>}. */
    public String authorizationPassword() {
        return authorizationPassword;
    }

    // ---- call log ----------------------------------------------------------------------------------------------

    private void record(EmulatorCall call) {
        synchronized (calls) {
            calls.add(call);
        }
    }

    /** Every ECR call so far, in the order they were answered. */
    public List<EmulatorCall> calls() {
        synchronized (calls) {
            return List.copyOf(calls);
        }
    }

    /** The calls of one operation, e.g. {@code calls("CreateRepository")}. */
    public List<EmulatorCall> calls(String operation) {
        return calls().stream()
                .filter(call -> operation.equals(call.operation()))
                .toList();
    }

    public void clearCalls() {
        synchronized (calls) {
            calls.clear();
        }
    }

    // ---- state -------------------------------------------------------------------------------------------------

    public Optional<RepositoryState> repository(String name) {
        return registry.snapshot(name);
    }

    public List<RepositoryState> repositories() {
        return registry.snapshots();
    }

    public RepositoryState seedRepository(String name) {
        return seedRepository(new RepositorySeed(name));
    }

    /** Creates or replaces a repository without an API call: it does not appear in {@link #calls()}. */
    public RepositoryState seedRepository(RepositorySeed seed) {
        EmulatedRegistry.Repository repository = registry.newRepository(seed.name, region);
        repository.configureAs(seed);
        registry.put(repository);
        seed.imageTags.forEach(tag -> registry.addImage(seed.name, tag, null));
        seed.images.forEach(image ->
                registry.addImage(seed.name, image.tags(), image.pushedAt(), image.lastPulledAt(), image.archivedAt()));
        return repository(seed.name).orElseThrow();
    }

    /** Adds an image with its tags and dates, as if pushed then, and answers its digest. */
    public String seedImage(String repositoryName, RepositorySeed.ImageSeed image) {
        return registry.addImage(
                        repositoryName, image.tags(), image.pushedAt(), image.lastPulledAt(), image.archivedAt())
                .digest;
    }

    /**
     * How long a lifecycle policy preview reports {@code IN_PROGRESS} before {@code COMPLETE} (by default short
     * enough for a build to wait for it; a long one lets a test see a client give up waiting).
     */
    public synchronized void lifecyclePreviewDuration(Duration duration) {
        lifecyclePreviewDuration = duration;
        if (operations != null) {
            operations.lifecyclePreviewDuration(duration);
        }
    }

    /** Stores the policy text exactly as given (ECR would re-format it; see {@link #ecrFormattedPolicy}). */
    public void seedPolicy(String repositoryName, String policyText) {
        registry.with(repositoryName, repository -> repository.policyText = policyText);
    }

    /** The statement AWS Lambda adds to a repository policy when a function of the same account uses its image. */
    public static final String LAMBDA_STATEMENT = "{\"Sid\":\"LambdaECRImageRetrievalPolicy\",\"Effect\":\"Allow\","
            + "\"Principal\":{\"Service\":\"lambda.amazonaws.com\"},"
            + "\"Action\":[\"ecr:BatchGetImage\",\"ecr:GetDownloadUrlForLayer\"]}";

    /**
     * What AWS Lambda does when a function is created from one of the repository's images: it adds its statement
     * {@code LambdaECRImageRetrievalPolicy} to the repository policy (creating the policy if there is none), and
     * ECR holds it like any other statement, re-formatted. No API call of the emulator's is logged: the write is
     * Lambda's, not the client's under test.
     */
    public void lambdaFunctionCreated(String repositoryName) {
        registry.with(repositoryName, repository -> {
            List<String> statements = new ArrayList<>();
            String version = "2012-10-17";
            if (repository.policyText != null) {
                JsonNode policy = JsonNode.parser().parse(repository.policyText);
                version = policy.field("Version").map(JsonNode::asString).orElse(version);
                JsonNode statement = policy.field("Statement").orElseThrow();
                for (JsonNode one : statement.isArray() ? statement.asArray() : List.of(statement)) {
                    if (one.field("Sid")
                            .filter(sid -> sid.isString() && sid.asString().equals("LambdaECRImageRetrievalPolicy"))
                            .isPresent()) {
                        return null;
                    }
                    statements.add(JsonText.compact(one));
                }
            }
            statements.add(LAMBDA_STATEMENT);
            repository.policyText = ecrFormattedPolicy(
                    "{\"Version\":\"" + version + "\",\"Statement\":[" + String.join(",", statements) + "]}");
            return null;
        });
    }

    /** Stores the lifecycle policy text exactly as given (ECR would compact it). */
    public void seedLifecyclePolicy(String repositoryName, String lifecyclePolicyText) {
        registry.with(repositoryName, repository -> repository.lifecyclePolicyText = lifecyclePolicyText);
    }

    public void seedTags(String repositoryName, Map<String, String> tags) {
        registry.with(repositoryName, repository -> {
            repository.tags.putAll(tags);
            return null;
        });
    }

    /** Adds an image with the tag (moving the tag off any other image) and answers its digest. */
    public String seedImage(String repositoryName, String tag) {
        return registry.addImage(repositoryName, tag, null).digest;
    }

    private Duration lifecyclePreviewDuration = Duration.ofMillis(300);
    private EcrOperations operations;

    /**
     * Records an image pushed to the docker registry, as ECR learns of every push: added (or, for a digest it
     * has, tagged), and scanned as the repository's {@link #scanPlan} says when the repository scans on push or
     * the plan is enhanced scanning. A push to a repository the emulator does not have is ignored (ECR would have
     * refused it).
     *
     * @return whether the repository exists
     */
    public boolean registerPush(String repositoryName, String tag, String digest, Long sizeInBytes) {
        try {
            registry.addImage(repositoryName, tag, digest, sizeInBytes);
            return true;
        } catch (EcrError noSuchRepository) {
            return false;
        }
    }

    /** How images pushed from now on to this repository ({@code null}: to every other one) are scanned. */
    public void scanPlan(String repositoryName, ScanPlan plan) {
        registry.scanPlan(repositoryName, plan);
    }

    /**
     * A rule of the registry's scanning configuration (a frequency) or signing configuration (a signing profile's
     * ARN), with its repository filters.
     */
    public record RegistryRule(String frequencyOrProfile, List<String> filters) {
        public RegistryRule {
            filters = List.copyOf(filters);
        }

        public static RegistryRule of(String frequencyOrProfile, String... filters) {
            return new RegistryRule(frequencyOrProfile, List.of(filters));
        }
    }

    /** Sets the registry's scanning configuration without an API call ({@code BASIC} or {@code ENHANCED}). */
    public void registryScanning(String scanType, RegistryRule... rules) {
        registry.rules.scanning(
                scanType,
                java.util.Arrays.stream(rules)
                        .map(r -> new RegistryRules.ScanningRule(r.frequencyOrProfile(), r.filters()))
                        .toList());
    }

    /** Sets the registry's signing configuration without an API call; no rules at all: none configured. */
    public void signingRules(RegistryRule... rules) {
        registry.rules.signingRules(
                rules.length == 0
                        ? Optional.empty()
                        : Optional.of(java.util.Arrays.stream(rules)
                                .map(r -> new RegistryRules.SigningRule(r.frequencyOrProfile(), r.filters()))
                                .toList()));
    }

    /**
     * How the signing of images pushed from now on to this repository ({@code null}: to every other one) goes:
     * {@code IN_PROGRESS} for {@code inProgress}, then {@code outcome} ({@code COMPLETE}, {@code FAILED} with the
     * failure code and reason, {@code NEVER}, or a status ECR may add).
     */
    public void signingPlan(
            String repositoryName, Duration inProgress, String outcome, String failureCode, String failureReason) {
        registry.rules.signingPlan(
                repositoryName, new RegistryRules.SigningPlan(inProgress, outcome, failureCode, failureReason));
    }

    /** How many more basic scans ECR starts today, on push or on request (default 100,000). */
    public void basicScansLeft(int left) {
        registry.rules.basicScansLeft(left);
    }

    public Faults faults() {
        return faults;
    }

    /**
     * Known access keys whose signatures are checked: those a test registers, and the temporary credentials STS
     * {@code AssumeRole} handed out; also roles that demand an external ID.
     */
    public Identities identities() {
        return identities;
    }

    /**
     * Sets up the registry's own settings without an API call (none appears in {@link #calls()}), as a platform team
     * would with {@code operation}: {@code CreateRepositoryCreationTemplate}, {@code CreatePullThroughCacheRule} or
     * {@code PutReplicationConfiguration}, from that operation's request JSON, validated as ECR validates it.
     *
     * @return the operation's answer, as JSON
     */
    public String seedRegistrySetting(String operation, String requestJson) {
        if (!java.util.Set.of(
                        "CreateRepositoryCreationTemplate", "CreatePullThroughCacheRule", "PutReplicationConfiguration")
                .contains(operation)) {
            throw new IllegalArgumentException("not a registry setting: " + operation);
        }
        EcrOperations.Operation seed = new RegistrySettingsOperations(registry, registrySettings)
                .operations()
                .get(operation);
        software.amazon.awssdk.protocols.jsoncore.JsonWriter out =
                software.amazon.awssdk.protocols.jsoncore.JsonWriter.create();
        out.writeStartObject();
        seed.invoke(
                new CallContext("seed", null, region),
                RequestBody.parse(requestJson.getBytes(java.nio.charset.StandardCharsets.UTF_8)),
                out);
        out.writeEndObject();
        return new String(out.getBytes(), java.nio.charset.StandardCharsets.UTF_8);
    }

    /** Forgets all repositories, registry settings, calls, faults, known keys and STS sessions. */
    public void reset() {
        registry.clear();
        registrySettings.clear();
        faults.reset();
        identities.clear();
        lifecyclePreviewDuration(Duration.ofMillis(300));
        clearCalls();
    }

    /** The text ECR stores and returns for a repository policy sent as {@code policyJson}. */
    public static String ecrFormattedPolicy(String policyJson) {
        return JsonText.pretty(JsonNode.parser().parse(policyJson));
    }

    /** The text ECR stores and returns for a lifecycle policy sent as {@code lifecyclePolicyJson}. */
    public static String ecrCompactedLifecyclePolicy(String lifecyclePolicyJson) {
        return JsonText.compact(JsonNode.parser().parse(lifecyclePolicyJson));
    }

    // ---- lifecycle ---------------------------------------------------------------------------------------------

    @Override
    public void close() {
        HttpServer stopping;
        HttpServer stoppingHttps;
        synchronized (this) {
            stopping = server;
            stoppingHttps = httpsServer;
            if (stopping == null || closed.getCount() == 0) {
                return;
            }
            closed.countDown();
        }
        if (dateRelay != null) {
            dateRelay.close();
        }
        stopping.stop(0);
        if (stoppingHttps != null) {
            stoppingHttps.stop(0);
        }
        executor.shutdown();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Blocks until {@link #close()} is called, e.g. through {@code POST /_emulator/shutdown}. */
    public void awaitClosed() throws InterruptedException {
        closed.await();
    }

    private static String randomPassword() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return Base64.getEncoder().encodeToString(bytes);
    }

    public static final class Builder {
        private int port;
        private String accountId = DEFAULT_ACCOUNT_ID;
        private String region = DEFAULT_REGION;
        private String registryHost;
        private String authorizationPassword;
        private final Map<String, String> secretKeys = new HashMap<>();
        private int threads = 16;
        private int httpsPort;
        private SSLContext https;
        private java.time.Clock clock = java.time.Clock.systemUTC();
        private Duration clockAhead = Duration.ZERO;

        private Builder() {}

        /**
         * Runs the emulator's clock {@code offset} ahead of this machine's: it refuses signatures more than 5
         * minutes off its time, as AWS does, and its answers' {@code Date} header gives its time, so a client can
         * correct its own clock from it (the SDK does). {@link #endpoint()} is then a relay that writes that header.
         */
        public Builder clockAhead(Duration offset) {
            this.clockAhead = offset;
            return this;
        }

        /** The clock of image pushes and of scans (see {@link ScanPlan}); a test can move it by hand. */
        public Builder clock(java.time.Clock clock) {
            this.clock = clock;
            return this;
        }

        /** The port to bind on 127.0.0.1; 0 (the default) picks a free one. */
        public Builder port(int port) {
            this.port = port;
            return this;
        }

        public Builder accountId(String accountId) {
            if (!accountId.matches("[0-9]{12}")) {
                throw new IllegalArgumentException("an account id has 12 digits: " + accountId);
            }
            this.accountId = accountId;
            return this;
        }

        /** Region for directly seeded repositories; default {@value #DEFAULT_REGION}. */
        public Builder region(String region) {
            this.region = region;
            return this;
        }

        /**
         * The docker registry host in repository URIs and the token's proxy endpoint, e.g. a local registry
         * {@code 127.0.0.1:5443}. Default: ECR's own, {@code <account>.dkr.ecr.<region>.amazonaws.com}.
         */
        public Builder registryHost(String registryHost) {
            this.registryHost = registryHost;
            return this;
        }

        /** The password inside authorization tokens; default a random one per emulator. */
        public Builder authorizationPassword(String password) {
            this.authorizationPassword = password;
            return this;
        }

        /**
         * Makes the emulator check SigV4 signatures: once any key pair is known, a request signed with an unknown
         * access key or a wrong signature is refused as AWS would refuse it. Without key pairs only the presence
         * and shape of the {@code Authorization} header are checked.
         */
        public Builder credentials(String accessKeyId, String secretAccessKey) {
            secretKeys.put(accessKeyId, secretAccessKey);
            return this;
        }

        /**
         * Serves HTTPS too, with this server context (e.g. a test's self-signed certificate), on {@code port} of
         * 127.0.0.1; 0 picks a free one.
         */
        public Builder https(SSLContext context, int port) {
            this.https = context;
            this.httpsPort = port;
            return this;
        }

        /** Size of the request-handling thread pool; default 16. */
        public Builder threads(int threads) {
            if (threads < 1) {
                throw new IllegalArgumentException("threads must be positive: " + threads);
            }
            this.threads = threads;
            return this;
        }

        public EcrEmulator build() {
            return new EcrEmulator(this);
        }
    }
}

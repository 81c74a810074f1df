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
    private final Registry registry;
    private final Faults faults = new Faults();
    private final Identities identities = new Identities();
    private final List<EmulatorCall> calls = new ArrayList<>(); // guarded by itself
    private final CountDownLatch closed = new CountDownLatch(1);
    private HttpServer server;
    private HttpsServer httpsServer;
    private ExecutorService executor;

    private EcrEmulator(Builder builder) {
        this.requestedPort = builder.port;
        this.region = builder.region;
        this.authorizationPassword = builder.authorizationPassword != null ? builder.authorizationPassword
                : randomPassword();
        this.secretKeys = Map.copyOf(builder.secretKeys);
        this.threads = builder.threads;
        this.requestedHttpsPort = builder.httpsPort;
        this.https = builder.https;
        this.registry = new Registry(builder.accountId, builder.registryHost);
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
        // reused connection would wait ~40 ms, which no real ECR endpoint does. Read once, when the first server
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
            throw new UncheckedIOException("cannot bind 127.0.0.1:" + requestedPort
                    + (https != null ? " and " + requestedHttpsPort : ""), e);
        }
        AtomicInteger threadCount = new AtomicInteger();
        executor = Executors.newFixedThreadPool(threads, runnable -> {
            Thread thread = new Thread(runnable, "ecr-emulator-" + threadCount.incrementAndGet());
            thread.setDaemon(true); // a forgotten emulator must not keep a test JVM alive
            return thread;
        });
        EcrProtocolHandler ecr = new EcrProtocolHandler(registry,
                new EcrOperations(registry, () -> authorizationPassword), faults, this::record, secretKeys,
                identities);
        StsProtocolHandler sts = new StsProtocolHandler(registry.accountId(), identities, faults, this::record,
                secretKeys);
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
        STARTED.add(this);
        return this;
    }

    /** The emulators started in this JVM so far, in the order they started. */
    public static List<EcrEmulator> started() {
        return List.copyOf(STARTED);
    }

    /** The ECR endpoint, for {@code endpointOverride} or {@code --endpoint-url}. */
    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + port());
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
        return calls().stream().filter(call -> operation.equals(call.operation())).toList();
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
        Registry.Repository repository = registry.newRepository(seed.name, region);
        repository.imageTagMutability = seed.imageTagMutability;
        repository.exclusionFilters = List.copyOf(seed.exclusionFilters);
        repository.scanOnPush = seed.scanOnPush;
        repository.encryptionType = seed.encryptionType;
        repository.kmsKey = seed.kmsKey;
        repository.policyText = seed.policyText;
        repository.lifecyclePolicyText = seed.lifecyclePolicyText;
        repository.tags.putAll(seed.tags);
        registry.put(repository);
        seed.imageTags.forEach(tag -> registry.addImage(seed.name, tag, null));
        return repository(seed.name).orElseThrow();
    }

    /** Stores the policy text exactly as given (ECR would re-format it; see {@link #ecrFormattedPolicy}). */
    public void seedPolicy(String repositoryName, String policyText) {
        registry.with(repositoryName, repository -> repository.policyText = policyText);
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

    /** Forgets all repositories, calls, faults, known keys and STS sessions. */
    public void reset() {
        registry.clear();
        faults.reset();
        identities.clear();
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

        private Builder() {
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

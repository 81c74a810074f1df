package io.github.ecrmavenplugin.aws;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Supplier;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.core.client.builder.SdkSyncClientBuilder;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.ProxyConfiguration;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.api.RetryStrategy;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.auth.StsAssumeRoleCredentialsProvider;
import software.amazon.awssdk.services.sts.model.IdpCommunicationErrorException;

/**
 * Builds and shares the SDK's {@link EcrClient}s. Every module and execution of one build with the same
 * {@link ClientKey} (connection, credentials, proxy) shares one client and one credentials provider (both are
 * thread-safe, and the provider caches what it resolves, refreshing temporary credentials before they expire); the
 * clients are closed when the build's session ends ({@link #closeAll()}). {@link #prepare} starts the work on a
 * background thread while the goal is still checking its configuration.
 *
 * <p>Credentials come from the SDK's providers only, the plugin's own sources first: a settings.xml server's key
 * (static credentials), else {@code <profile>} ({@link ProfileCredentialsProvider}), else the SDK's default chain
 * ({@link DefaultCredentialsProvider}, or behind a proxy the same links with the web identity token exchanged
 * through it: {@link DefaultChainBehindProxy}); with {@code <roleArn>}, a {@link StsAssumeRoleCredentialsProvider}
 * assumes the role with those. The plugin's STS clients go through the same HTTP client settings (proxy, time-outs)
 * and retry rules as ECR.
 */
public final class EcrClients {

    static {
        SdkLogging.keepSecretsOutOfDebugLogs();
    }

    /** Time to open a connection (to ECR, STS or the proxy); longer is a network problem, and the SDK retries. */
    static final Duration CONNECTION_TIMEOUT = Duration.ofSeconds(5);
    /** Longest silence on an open connection; the call's own time-outs (ConnectionSettings) usually end it first. */
    private static final Duration SOCKET_TIMEOUT = Duration.ofSeconds(30);

    private static final Map<ClientKey, Connection> CONNECTIONS = new ConcurrentHashMap<>();
    private static final AtomicInteger BUILT = new AtomicInteger();

    /** What the build says when the default chain finds no credentials anywhere. */
    public static final String NO_CREDENTIALS = "No AWS credentials found. Provide them through the environment "
            + "(AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or AWS_PROFILE), <profile> (-Decr.profile), a "
            + "settings.xml server (<serverId>), a web identity token (AWS_WEB_IDENTITY_TOKEN_FILE and AWS_ROLE_ARN), "
            + "or a container or instance role";

    /**
     * The credentials a client signs with, resolved once, for one log line and the token cache.
     *
     * @param source      where they come from, e.g. {@code settings.xml server 'ecr' (access key AKIA…WXYZ)}; never
     *                    a secret
     * @param accessKeyId the access key ID the calls are signed with (the assumed role's, with a role)
     */
    record Identity(String source, String accessKeyId) {}

    /**
     * What one {@link ClientKey} resolves to in a build, each part once and only when first needed: the region, the
     * credentials provider, who they say the caller is, and the ECR client. A part that failed fails again with
     * the same exception, without asking again.
     */
    private static final class Connection {
        final Once<Region> region;
        final Once<Credentials> credentials;
        final Once<Identity> identity;
        final Once<EcrClient> ecr;
        /** Which HTTP client the ECR client got, for the debug log. */
        volatile String httpClient = "";

        Connection(ClientKey key) {
            region = new Once<>(() -> Regions.of(key.connection()));
            credentials = new Once<>(() -> Credentials.of(key, region.get()));
            identity = new Once<>(() -> credentials.get().identity(key));
            ecr = new Once<>(() -> {
                SdkHttpClient.Builder<?> http = httpClient(key, key.connection().endpoint());
                httpClient = http instanceof UrlConnectionHttpClient.Builder
                        ? "URL-connection HTTP client"
                        : "Apache HTTP client, which sends the proxy credentials on HTTPS tunnels too";
                EcrClient client = configure(
                        // Dual-stack: the SDK's own setting, so its endpoint rules pick ECR's dual-stack endpoint
                        // (FIPS included). Left unset otherwise, so the SDK still reads AWS_USE_DUALSTACK_ENDPOINT.
                        key.connection().dualStack() ? EcrClient.builder().dualstackEnabled(true) : EcrClient.builder(),
                        key,
                        region.get(),
                        credentials.get().effective(),
                        key.connection().endpoint(),
                        http,
                        Retries.strategy(key.connection().maxAttempts()));
                BUILT.incrementAndGet();
                return client;
            });
        }

        void close() {
            ecr.ifDone(EcrClient::close);
            credentials.ifDone(Credentials::close);
        }
    }

    /** A value computed once, on first use; a failure is kept too, and thrown to every later caller. */
    private static final class Once<T> {
        private final Supplier<T> supplier;
        private T value;
        private RuntimeException failure;

        Once(Supplier<T> supplier) {
            this.supplier = supplier;
        }

        synchronized T get() {
            if (value == null && failure == null) {
                try {
                    value = supplier.get();
                } catch (RuntimeException e) {
                    failure = e;
                }
            }
            if (failure != null) {
                throw failure;
            }
            return value;
        }

        synchronized boolean isDone() {
            return value != null;
        }

        synchronized void ifDone(Consumer<T> action) {
            if (value != null) {
                action.accept(value);
            }
        }
    }

    /**
     * The credentials of one key: {@code base} what a role is assumed with, {@code effective} what signs the calls
     * (the same, or the assumed role's), and the STS clients of the plugin that they use (to exchange a web identity
     * token behind a proxy, to assume the role).
     */
    private record Credentials(AwsCredentialsProvider base, AwsCredentialsProvider effective, List<StsClient> sts)
            implements AutoCloseable {

        static Credentials of(ClientKey key, Region region) {
            List<StsClient> sts = new ArrayList<>();
            AwsCredentialsProvider base = base(key, region, sts);
            if (key.credentials().role().isEmpty()) {
                return new Credentials(base, base, sts);
            }
            AssumedRole role = key.credentials().role().get();
            Optional<URI> endpoint = key.credentials().stsEndpoint();
            StsClient assumer = configure(
                    StsClient.builder(),
                    key,
                    region,
                    base,
                    endpoint,
                    httpClient(key, endpoint),
                    Retries.strategy(key.connection().maxAttempts()));
            sts.add(assumer);
            return new Credentials(
                    base,
                    StsAssumeRoleCredentialsProvider.builder()
                            .stsClient(assumer)
                            .refreshRequest(request -> request.roleArn(role.roleArn())
                                    .roleSessionName(role.sessionName())
                                    .externalId(role.externalId().orElse(null)))
                            .build(),
                    sts);
        }

        /**
         * The plugin's own sources in their order (server, profile), else the SDK's default chain: {@link
         * DefaultCredentialsProvider} itself, or behind a proxy the same links with the web identity token exchanged
         * through the proxy ({@link DefaultChainBehindProxy}), whose STS client goes to {@code sts}.
         */
        private static AwsCredentialsProvider base(ClientKey key, Region region, List<StsClient> sts) {
            Optional<AccessKey> accessKey = key.credentials().accessKey();
            if (accessKey.isPresent()) {
                return StaticCredentialsProvider.create(AwsBasicCredentials.create(
                        accessKey.get().accessKeyId(), accessKey.get().secretAccessKey()));
            }
            Optional<String> profile = key.connection().profile();
            if (profile.isPresent()) {
                return ProfileCredentialsProvider.builder()
                        .profileName(profile.get())
                        .build();
            }
            if (!behindProxy(key)) {
                return DefaultCredentialsProvider.builder().build();
            }
            // STS's endpoint as the SDK resolves it (AWS_ENDPOINT_URL_STS included), in the build's region, as for a
            // role; AssumeRoleWithWebIdentity is not signed. STS answers IDPCommunicationError when the token's
            // issuer did not answer in time: the SDK's own client tries again, and so does this one.
            StsClient webIdentity = configure(
                    StsClient.builder(),
                    key,
                    region,
                    AnonymousCredentialsProvider.create(),
                    Optional.empty(),
                    httpClient(key, Optional.empty()),
                    Retries.strategy(key.connection().maxAttempts()).toBuilder()
                            .retryOnException(IdpCommunicationErrorException.class)
                            .build());
            sts.add(webIdentity);
            return DefaultChainBehindProxy.create(webIdentity);
        }

        /**
         * Resolves the credentials now (assuming the role, if any) and says where they came from, never showing a
         * secret. The providers cache what they resolved, so this costs no call later.
         */
        Identity identity(ClientKey key) {
            AssumedRole role = key.credentials().role().orElse(null);
            AwsCredentials resolved = CredentialFailures.resolve(base, key, null);
            String source = key.credentials()
                    .accessKey()
                    .map(AccessKey::source)
                    .or(() -> key.connection().profile().map(profile -> "profile '" + profile + "'"))
                    .orElseGet(() -> "default chain, "
                            + CredentialSources.describe(resolved.providerName().orElse(null)));
            String described = source + " (access key " + AccessKey.mask(resolved.accessKeyId()) + ")";
            if (role == null) {
                return new Identity(described, resolved.accessKeyId());
            }
            AwsCredentials assumed = CredentialFailures.resolve(effective, key, role);
            return new Identity(
                    "role " + role.roleArn() + " (session " + role.sessionName() + ", access key "
                            + AccessKey.mask(assumed.accessKeyId()) + ") assumed with " + described,
                    assumed.accessKeyId());
        }

        @Override
        public void close() {
            // The default chain's web identity, SSO and role providers hold an STS or SSO client of their own; the
            // plugin's own STS clients are closed after the providers that use them.
            closeQuietly(effective);
            closeQuietly(base);
            sts.forEach(StsClient::close);
        }

        private static void closeQuietly(Object provider) {
            if (provider instanceof AutoCloseable closeable) {
                try {
                    closeable.close();
                } catch (Exception e) {
                    // closing at the end of the build: nothing is left to do with a failure
                }
            }
        }
    }

    private EcrClients() {}

    /**
     * Starts resolving the region and the credentials and building the client for {@code key} on a background
     * thread, and returns at once: the goal meanwhile checks the rest of its configuration. What fails there is
     * thrown, as it would have been, to the first caller of {@link #client} or {@link #identity}.
     */
    public static void prepare(ClientKey key) {
        Connection connection = connection(key);
        if (connection.ecr.isDone()) {
            return;
        }
        Thread thread = new Thread(
                () -> {
                    try {
                        connection.identity.get();
                        connection.ecr.get();
                    } catch (RuntimeException e) {
                        // kept by the connection, and thrown to the goal when it asks
                    }
                },
                "ecr-client");
        thread.setDaemon(true);
        thread.start();
    }

    /** The shared client for these settings (default credentials, no proxy), built on first use. */
    public static EcrClient client(ConnectionSettings settings) {
        return client(ClientKey.of(settings));
    }

    /** The shared client for this key, built on first use. */
    public static EcrClient client(ClientKey key) {
        return client(key, message -> {});
    }

    /** The shared client for this key, built on first use; says at debug level how long the goal waited for it. */
    public static EcrClient client(ClientKey key, Consumer<String> debug) {
        Connection connection = connection(key);
        long start = System.nanoTime();
        EcrClient client = connection.ecr.get();
        debug.accept("ECR client #" + BUILT.get() + " (" + connection.httpClient + ") ready after "
                + (System.nanoTime() - start) / 1_000_000 + " ms; modules with the same connection, credentials "
                + "and proxy share it");
        return client;
    }

    /**
     * Who the calls of this key are signed as, resolved once per build ({@link Identity}).
     *
     * @throws CredentialsException when there are none, or the role cannot be assumed
     * @throws MissingRegionException when no region is configured
     */
    static Identity identity(ClientKey key) {
        return connection(key).identity.get();
    }

    /** The provider of the credentials of this key before any role is assumed: for the tests. */
    static AwsCredentialsProvider baseProvider(ClientKey key) {
        return connection(key).credentials.get().base();
    }

    /** How many clients this JVM has built: one per distinct {@link ClientKey} and session. */
    static int built() {
        return BUILT.get();
    }

    private static Connection connection(ClientKey key) {
        return CONNECTIONS.computeIfAbsent(key, Connection::new);
    }

    /**
     * The client builder's whole configuration, for ECR and STS alike: region, credentials, HTTP client, retries and
     * time-outs, and an endpoint where one is given (else the SDK's endpoint rules decide).
     */
    private static <B extends AwsClientBuilder<B, C> & SdkSyncClientBuilder<B, C>, C> C configure(
            B builder,
            ClientKey key,
            Region region,
            AwsCredentialsProvider credentials,
            Optional<URI> endpoint,
            SdkHttpClient.Builder<?> http,
            RetryStrategy retries) {
        builder.region(region)
                .credentialsProvider(credentials)
                .httpClientBuilder(http)
                .overrideConfiguration(overrideConfiguration(key.connection(), retries));
        endpoint.ifPresent(builder::endpointOverride);
        return builder.build();
    }

    /**
     * The same HTTP settings for ECR and STS: time-outs and the proxy. The light URL-connection client, unless the
     * proxy has credentials: only the Apache client sends them on the {@code CONNECT} of an HTTPS tunnel.
     *
     * @param endpoint the endpoint, if one is given: the proxy of the JVM or the environment is the one for its
     *                 scheme ({@code https.proxyHost} or {@code HTTPS_PROXY} for HTTPS, every AWS endpoint's), as the
     *                 AWS CLI takes it
     */
    static SdkHttpClient.Builder<?> httpClient(ClientKey key, Optional<URI> endpoint) {
        ProxyConfiguration proxy =
                proxyConfiguration(key, endpoint.map(URI::getScheme).orElse("https"));
        if (proxy.host() != null && proxy.username() != null) {
            return AuthenticatingProxyHttpClient.builder(
                    URI.create("http://" + proxy.host() + ":" + proxy.port()),
                    proxy.username(),
                    proxy.password(),
                    proxy.nonProxyHosts(),
                    CONNECTION_TIMEOUT,
                    SOCKET_TIMEOUT);
        }
        return UrlConnectionHttpClient.builder()
                .connectionTimeout(CONNECTION_TIMEOUT)
                .socketTimeout(SOCKET_TIMEOUT)
                .proxyConfiguration(proxy);
    }

    /** The settings.xml proxy, else the one the SDK finds for {@code scheme} in the JVM's properties or the environment. */
    private static ProxyConfiguration proxyConfiguration(ClientKey key, String scheme) {
        return key.proxy()
                .map(ProxySettings::toUrlConnection)
                .orElseGet(() -> ProxyConfiguration.builder().scheme(scheme).build());
    }

    /**
     * Whether the calls to AWS's own (HTTPS) endpoints go through a proxy: the settings.xml proxy, or the JVM's
     * {@code https.proxyHost} or {@code HTTPS_PROXY}, as the SDK reads them. {@code HTTP_PROXY} alone is not one: the
     * SDK's default chain already exchanges its tokens through it.
     */
    static boolean behindProxy(ClientKey key) {
        return proxyConfiguration(key, "https").host() != null;
    }

    private static ClientOverrideConfiguration overrideConfiguration(
            ConnectionSettings settings, RetryStrategy retries) {
        return ClientOverrideConfiguration.builder()
                .retryStrategy(retries)
                .apiCallTimeout(settings.timeout())
                // A hung attempt is abandoned and retried within the call's budget.
                .apiCallAttemptTimeout(settings.attemptTimeout())
                .build();
    }

    /** Closes every shared client; later calls of {@link #client} build new ones. Called when a session ends. */
    public static void closeAll() {
        for (ClientKey key : List.copyOf(CONNECTIONS.keySet())) {
            Connection connection = CONNECTIONS.remove(key);
            if (connection != null) {
                connection.close();
            }
        }
    }

    /** No region was given and the SDK's region chain found none. */
    public static final class MissingRegionException extends RuntimeException {
        MissingRegionException(Throwable cause) {
            super("no AWS region is configured", cause);
        }
    }
}

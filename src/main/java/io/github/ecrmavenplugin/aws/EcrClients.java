package io.github.ecrmavenplugin.aws;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.client.builder.SdkSyncClientBuilder;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.auth.StsAssumeRoleCredentialsProvider;
import software.amazon.awssdk.utils.Lazy;

/**
 * Builds and shares {@link EcrClient}s. Building a client costs far more than a call, so every module and every
 * execution of one build with the same {@link ClientKey} (connection, credentials, proxy) shares one client and
 * one credentials cache (they are thread-safe); the clients are closed when the build's session ends
 * ({@link #closeAll()}).
 *
 * <p>Credentials: an access key given directly (a settings.xml server), else the named profile, else the SDK's
 * default chain (environment, system properties, shared files with SSO and assume-role profiles, web identity,
 * container and instance roles); then, with a role ARN, a role assumed through STS with those credentials. STS
 * is called through the same HTTP client settings (proxy, time-outs) and retry rules as ECR.
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

    /**
     * What one {@link ClientKey} resolves to in a build, each part once and only when first needed: the region,
     * the credentials (a provider that caches what it resolves, refreshing temporary credentials before they
     * expire), and the ECR client. The direct reads use the same region and credentials as the client, so a build
     * that never builds the client still resolves them once.
     */
    private static final class Connection {
        final Lazy<Region> region;
        final Lazy<Credentials> credentials;
        final Lazy<EcrClient> ecr;

        Connection(ClientKey key) {
            region = new Lazy<>(() -> Regions.find(key.connection(), SystemSettings.current())
                    .map(Region::of)
                    .orElseThrow(MissingRegionException::new));
            credentials = new Lazy<>(() -> Credentials.of(key, region.getValue()));
            ecr = new Lazy<>(() ->
                    buildEcr(key, region.getValue(), credentials.getValue().effective()));
        }

        /** Closes what was built. (The SDK's {@code Lazy.close()} would build the value first, to close it.) */
        void close() {
            if (ecr.hasValue()) {
                ecr.getValue().close();
            }
            if (credentials.hasValue()) {
                credentials.getValue().close();
            }
        }
    }

    /**
     * The credentials of one key: {@code base} what a role is assumed with, {@code effective} what signs the
     * calls (the same, or the assumed role's), and the STS client that assumes it.
     */
    private record Credentials(AwsCredentialsProvider base, AwsCredentialsProvider effective, Optional<StsClient> sts)
            implements AutoCloseable {

        static Credentials of(ClientKey key, Region region) {
            AwsCredentialsProvider base = BaseCredentials.of(key, region.id(), SystemSettings.current());
            if (key.credentials().role().isEmpty()) {
                return new Credentials(base, base, Optional.empty());
            }
            AssumedRole role = key.credentials().role().get();
            // One signed call of the plugin's own; the SDK's STS client only where its rules or its Apache client
            // (a proxy with credentials) are needed.
            Optional<AwsCredentialsProvider> assumed = ExchangedCredentials.at(
                    key,
                    key.credentials().stsEndpoint(),
                    "Sts",
                    "sts",
                    region.id(),
                    SystemSettings.current(),
                    (sts, proxy, timeout) -> new AssumeRoleExchange(
                            role, base, sts, region.id(), proxy, timeout, AssumeRoleExchange.SOURCE));
            if (assumed.isPresent()) {
                return new Credentials(base, assumed.get(), Optional.empty());
            }
            StsClient sts = build(
                    StsClient.builder(), key, region, base, key.credentials().stsEndpoint());
            return new Credentials(
                    base,
                    StsAssumeRoleCredentialsProvider.builder()
                            .stsClient(sts)
                            .refreshRequest(request -> request.roleArn(role.roleArn())
                                    .roleSessionName(role.sessionName())
                                    .externalId(role.externalId().orElse(null)))
                            .build(),
                    Optional.of(sts));
        }

        @Override
        public void close() {
            // The default chain's web identity and SSO providers hold an STS or SSO client of their own.
            closeQuietly(effective);
            closeQuietly(base);
            sts.ifPresent(StsClient::close);
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

    /** What the build says when the default chain finds no credentials anywhere. */
    public static final String NO_CREDENTIALS = "No AWS credentials found. Provide them through the environment "
            + "(AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or AWS_PROFILE), <profile> (-Decr.profile), a "
            + "settings.xml server (<serverId>), a web identity token (AWS_WEB_IDENTITY_TOKEN_FILE and AWS_ROLE_ARN), "
            + "or a container or instance role";

    private EcrClients() {}

    /** The shared client for these settings (default credentials, no proxy), built on first use. */
    public static EcrClient client(ConnectionSettings settings) {
        return client(ClientKey.of(settings));
    }

    /** The shared client for this key, built on first use. */
    public static EcrClient client(ClientKey key) {
        return client(key, message -> {});
    }

    /** The shared client for this key, built on first use; says at debug level when it builds one. */
    public static EcrClient client(ClientKey key, Consumer<String> debug) {
        Connection connection = connection(key);
        synchronized (connection) {
            if (!connection.ecr.hasValue()) {
                long start = System.nanoTime();
                connection.ecr.getValue();
                debug.accept("Built ECR client #" + BUILT.get() + " (" + httpClientName(key) + ") in "
                        + (System.nanoTime() - start) / 1_000_000 + " ms; modules with the same connection, "
                        + "credentials and proxy share it");
            }
        }
        return connection.ecr.getValue();
    }

    /** The region for this key, resolved once per build ({@link Regions}). */
    static Region region(ClientKey key) {
        return connection(key).region.getValue();
    }

    /**
     * The credentials that sign this key's calls, on either route: built once per build, they resolve and cache
     * what they need (a web identity or SSO exchange, an assumed role) on first use and refresh it before it
     * expires.
     */
    static AwsCredentialsProvider credentials(ClientKey key) {
        return connection(key).credentials.getValue().effective();
    }

    /** How many clients this JVM has built: one per distinct {@link ClientKey} and session. */
    static int built() {
        return BUILT.get();
    }

    private static Connection connection(ClientKey key) {
        return CONNECTIONS.computeIfAbsent(key, Connection::new);
    }

    /**
     * Resolves the key's credentials now (assuming the role, if any) and says where they came from, for one log
     * line: e.g. {@code settings.xml server 'ecr' (access key AKIA…WXYZ)}. Never shows a secret. The credentials
     * stay cached in the shared client, so this costs no extra call later.
     *
     * @throws CredentialsException when there are none, or the role cannot be assumed
     */
    public static String describeCredentials(ClientKey key) {
        Credentials credentials = connection(key).credentials.getValue();
        CredentialsSettings settings = key.credentials();
        AwsCredentials base = resolve(credentials.base(), key, null);
        String source = settings.accessKey()
                .map(AccessKey::source)
                .or(() -> key.connection().profile().map(profile -> "profile '" + profile + "'"))
                .orElseGet(() -> "default chain, "
                        + CredentialSources.describe(base.providerName().orElse(null)));
        if (settings.role().isEmpty()) {
            return source + " (access key " + AccessKey.mask(base.accessKeyId()) + ")";
        }
        AssumedRole role = settings.role().get();
        AwsCredentials assumed = resolve(credentials.effective(), key, role);
        return "role " + role.roleArn() + " (session " + role.sessionName() + ", access key "
                + AccessKey.mask(assumed.accessKeyId()) + ") assumed with " + source + " (access key "
                + AccessKey.mask(base.accessKeyId()) + ")";
    }

    /** The access key ID the client for {@code key} signs with: the assumed role's, with a role. */
    static String accessKeyId(ClientKey key) {
        return resolve(
                        connection(key).credentials.getValue().effective(),
                        key,
                        key.credentials().role().orElse(null))
                .accessKeyId();
    }

    private static AwsCredentials resolve(AwsCredentialsProvider provider, ClientKey key, AssumedRole role) {
        try {
            return (AwsCredentials) provider.resolveCredentials();
        } catch (AwsServiceException e) {
            // STS refused, through the SDK's STS client. STS's own message (which names the caller) stays in the
            // cause.
            throw AssumeRoleExchange.refused(role, e.awsErrorDetails().errorCode(), e.requestId(), e);
        } catch (SdkClientException e) {
            if (role != null) {
                throw new CredentialsException(
                        "Cannot assume role " + role.roleArn() + ": STS could not be reached. Check "
                                + "<stsEndpoint> and the network path (proxy) to STS",
                        false,
                        e);
            }
            // The SDK's text lists every provider of its chain and why each found nothing: for -e and -X only.
            throw new CredentialsException(missingCredentials(key), true, e);
        } catch (SdkException e) {
            throw new CredentialsException(
                    "AWS credentials failed (" + e.getClass().getSimpleName() + "). Check "
                            + "the credentials the build is given",
                    true,
                    e);
        }
    }

    private static String missingCredentials(ClientKey key) {
        if (key.connection().profile().isPresent()) {
            return "No AWS credentials in profile '"
                    + key.connection().profile().get() + "' (<profile>, "
                    + "-Decr.profile). Check the profile in ~/.aws/config and ~/.aws/credentials, or run `aws sso "
                    + "login --profile " + key.connection().profile().get() + "` for an SSO profile";
        }
        return NO_CREDENTIALS;
    }

    private static EcrClient buildEcr(ClientKey key, Region region, AwsCredentialsProvider credentials) {
        EcrClient client = build(
                // Dual-stack: the SDK's own setting, so its endpoint rules pick ECR's dual-stack endpoint (FIPS
                // included). Left unset otherwise, so the SDK still reads AWS_USE_DUALSTACK_ENDPOINT itself.
                key.connection().dualStack() ? EcrClient.builder().dualstackEnabled(true) : EcrClient.builder(),
                key,
                region,
                credentials,
                key.connection().endpoint());
        BUILT.incrementAndGet();
        return client;
    }

    /** An ECR or STS client with the same HTTP, retry and time-out settings. */
    private static <B extends AwsClientBuilder<B, C> & SdkSyncClientBuilder<B, C>, C> C build(
            B builder, ClientKey key, Region region, AwsCredentialsProvider credentials, Optional<URI> endpoint) {
        builder.region(region)
                .credentialsProvider(credentials)
                .httpClientBuilder(httpClient(key))
                .overrideConfiguration(overrideConfiguration(key.connection()));
        endpoint.ifPresent(builder::endpointOverride);
        return builder.build();
    }

    /**
     * The same HTTP settings for ECR and STS: time-outs, and the settings.xml proxy when one is active. The light
     * URL-connection client, unless the proxy has credentials: only the Apache client sends them on the
     * {@code CONNECT} of an HTTPS tunnel.
     */
    static SdkHttpClient.Builder<?> httpClient(ClientKey key) {
        if (authenticatesToProxy(key)) {
            return AuthenticatingProxyHttpClient.builder(key.proxy().get(), CONNECTION_TIMEOUT, SOCKET_TIMEOUT);
        }
        UrlConnectionHttpClient.Builder http = UrlConnectionHttpClient.builder()
                .connectionTimeout(CONNECTION_TIMEOUT)
                .socketTimeout(SOCKET_TIMEOUT);
        key.proxy().ifPresent(proxy -> http.proxyConfiguration(proxy.toUrlConnection()));
        return http;
    }

    private static boolean authenticatesToProxy(ClientKey key) {
        return key.proxy().filter(ProxySettings::hasCredentials).isPresent();
    }

    /** For the debug log: which HTTP client {@link #httpClient} chose, and why. */
    private static String httpClientName(ClientKey key) {
        return authenticatesToProxy(key)
                ? "Apache HTTP client, which sends the proxy credentials on HTTPS tunnels too"
                : "URL-connection HTTP client";
    }

    private static ClientOverrideConfiguration overrideConfiguration(ConnectionSettings settings) {
        return ClientOverrideConfiguration.builder()
                .retryStrategy(Retries.strategy(settings.maxAttempts()))
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

    /** No region was given and none could be found without asking the network. */
    public static final class MissingRegionException extends RuntimeException {
        MissingRegionException() {
            super("no AWS region is configured");
        }
    }
}

package io.github.ecrmavenplugin.ecr;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.AwsProfileRegionProvider;
import software.amazon.awssdk.regions.providers.AwsRegionProviderChain;
import software.amazon.awssdk.regions.providers.SystemSettingsRegionProvider;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.services.ecr.EcrClient;

/**
 * Builds and shares {@link EcrClient}s. Building a client costs far more than a call, so every module and every
 * execution of one build with the same {@link ConnectionSettings} shares one client (they are thread-safe); the
 * clients are closed when the build's session ends ({@link #closeAll()}).
 */
public final class EcrClients {

    static {
        SdkLogging.keepSecretsOutOfDebugLogs();
    }

    private static final Map<ConnectionSettings, EcrClient> CLIENTS = new ConcurrentHashMap<>();
    private static final AtomicInteger BUILT = new AtomicInteger();

    private EcrClients() {}

    /** The shared client for these settings, built on first use. */
    public static EcrClient client(ConnectionSettings settings) {
        return client(settings, message -> { });
    }

    /** The shared client for these settings, built on first use; says at debug level when it builds one. */
    public static EcrClient client(ConnectionSettings settings, Consumer<String> debug) {
        return CLIENTS.computeIfAbsent(settings, key -> {
            long start = System.nanoTime();
            EcrClient client = build(key);
            debug.accept("Built ECR client #" + BUILT.incrementAndGet() + " in " + (System.nanoTime() - start)
                    / 1_000_000 + " ms; modules with the same connection settings share it");
            return client;
        });
    }

    /** How many clients this JVM has built: one per distinct {@link ConnectionSettings} and session. */
    static int built() {
        return BUILT.get();
    }

    private static EcrClient build(ConnectionSettings settings) {
        Region region = resolveRegion(settings);
        var builder = EcrClient.builder()
                .region(region)
                .credentialsProvider(credentials(settings))
                .httpClientBuilder(UrlConnectionHttpClient.builder()
                        .connectionTimeout(Duration.ofSeconds(5))
                        .socketTimeout(Duration.ofSeconds(30)))
                .overrideConfiguration(ClientOverrideConfiguration.builder()
                        .retryStrategy(AwsRetryStrategy.standardRetryStrategy().toBuilder()
                                .maxAttempts(settings.maxAttempts())
                                .backoffStrategy(BackoffStrategy.exponentialDelay(Duration.ofMillis(100),
                                        Duration.ofSeconds(5)))
                                .throttlingBackoffStrategy(BackoffStrategy.exponentialDelay(Duration.ofMillis(500),
                                        Duration.ofSeconds(10)))
                                .build())
                        .apiCallTimeout(settings.timeout())
                        .build());
        settings.endpoint().ifPresent(builder::endpointOverride);
        return builder.build();
    }

    /**
     * The region from the settings, else from {@code AWS_REGION}/{@code aws.region} or the profile. The instance
     * metadata service is deliberately not asked: off EC2 it costs seconds of time-outs before failing, and a
     * build should say at once that the region is missing.
     */
    static Region resolveRegion(ConnectionSettings settings) {
        if (settings.region().isPresent()) {
            return Region.of(settings.region().get());
        }
        try {
            return new AwsRegionProviderChain(new SystemSettingsRegionProvider(),
                    settings.profile().map(p -> new AwsProfileRegionProvider(null, p))
                            .orElseGet(AwsProfileRegionProvider::new))
                    .getRegion();
        } catch (SdkClientException e) {
            throw new MissingRegionException();
        }
    }

    private static AwsCredentialsProvider credentials(ConnectionSettings settings) {
        return settings.profile()
                .<AwsCredentialsProvider>map(p -> ProfileCredentialsProvider.builder().profileName(p).build())
                .orElseGet(() -> DefaultCredentialsProvider.builder().build());
    }

    /** Closes every shared client; later calls of {@link #client} build new ones. Called when a session ends. */
    public static void closeAll() {
        for (ConnectionSettings settings : CLIENTS.keySet()) {
            EcrClient client = CLIENTS.remove(settings);
            if (client != null) {
                client.close();
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

package io.github.ecrmavenplugin.ecr;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
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
 * clients are closed when the JVM ends.
 */
public final class EcrClients {

    static {
        SdkLogging.keepSecretsOutOfDebugLogs();
    }

    private static final Map<ConnectionSettings, EcrClient> CLIENTS = new ConcurrentHashMap<>();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(EcrClients::closeAll, "ecr-clients-close"));
    }

    private EcrClients() {}

    /** The shared client for these settings, built on first use. */
    public static EcrClient client(ConnectionSettings settings) {
        return CLIENTS.computeIfAbsent(settings, EcrClients::build);
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
                        // A hung attempt is abandoned and retried within the call's budget.
                        .apiCallAttemptTimeout(settings.attemptTimeout())
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

    static void closeAll() {
        CLIENTS.values().forEach(EcrClient::close);
        CLIENTS.clear();
    }

    /** No region was given and none could be found without asking the network. */
    public static final class MissingRegionException extends RuntimeException {
        MissingRegionException() {
            super("no AWS region is configured");
        }
    }
}

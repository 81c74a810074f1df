package io.github.ecrmavenplugin.emulator;

import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.retries.api.RetryStrategy;
import software.amazon.awssdk.services.ecr.EcrClient;

/** Real AWS SDK clients pointed at an emulator, configured the way the plugin configures its own. */
public final class EmulatorClients {

    static final String ACCESS_KEY_ID = "AKIAEMULATORTEST0001";
    static final String SECRET_KEY = "emulator/secret/key/for/tests/only0000001";

    private EmulatorClients() {}

    /** A client that does not retry, so every call maps to exactly one request. */
    public static EcrClient noRetries(EcrEmulator emulator) {
        return client(emulator, ACCESS_KEY_ID, SECRET_KEY, AwsRetryStrategy.doNotRetry());
    }

    /**
     * The SDK's standard AWS retry strategy (which decides what is retryable: throttling codes, 5xx, I/O errors)
     * with {@code maxAttempts} and a short back-off, so fault tests do not wait for real back-off times.
     */
    static EcrClient retrying(EcrEmulator emulator, int maxAttempts) {
        RetryStrategy strategy = AwsRetryStrategy.standardRetryStrategy().toBuilder()
                .maxAttempts(maxAttempts)
                .backoffStrategy(BackoffStrategy.fixedDelay(Duration.ofMillis(10)))
                .throttlingBackoffStrategy(BackoffStrategy.fixedDelay(Duration.ofMillis(10)))
                .build();
        return client(emulator, ACCESS_KEY_ID, SECRET_KEY, strategy);
    }

    static EcrClient client(EcrEmulator emulator, String accessKeyId, String secretKey, RetryStrategy strategy) {
        return EcrClient.builder()
                .endpointOverride(emulator.endpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(
                        StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKeyId, secretKey)))
                .httpClient(UrlConnectionHttpClient.builder()
                        .socketTimeout(Duration.ofSeconds(10))
                        .connectionTimeout(Duration.ofSeconds(5))
                        .build())
                .overrideConfiguration(config -> config.retryStrategy(strategy))
                .build();
    }
}

package io.github.ecrmavenplugin.aws;

import java.io.IOException;
import java.net.UnknownHostException;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.Set;
import javax.net.ssl.SSLPeerUnverifiedException;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.SdkServiceException;
import software.amazon.awssdk.retries.DefaultRetryStrategy;
import software.amazon.awssdk.retries.StandardRetryStrategy;
import software.amazon.awssdk.retries.api.BackoffStrategy;

/**
 * Which failed calls are tried again: those a second attempt can fix. Throttling, AWS's own errors (5xx), and
 * connections that dropped, were refused or timed out are retried up to {@code maxAttempts}; an unknown host, an
 * untrusted certificate, a proxy asking for credentials, and every refusal of the request itself (access denied, a
 * bad signature, an expired or unknown token, invalid input) fail at the first attempt, since asking again gets the
 * same answer only later.
 *
 * <p>The SDK's standard strategy retries any {@link IOException}, an unknown host included, and its conditions can
 * only be added to, never narrowed; so the strategy is built here from the SDK's plain standard one (its back-off,
 * token bucket and circuit breaker) with this one condition, and without the client's defaults.
 */
final class Retries {

    /** What AWS answers when it failed, not the request: the SDK's set. */
    private static final Set<Integer> SERVER_ERRORS = Set.of(500, 502, 503, 504);
    /** AWS error codes that mean "try again" although the status is a 4xx (as the SDK's AWS retry conditions). */
    private static final Set<String> TRY_AGAIN_CODES =
            Set.of("RequestTimeout", "RequestTimeoutException", "PriorRequestNotComplete");

    private Retries() {}

    /** The retry strategy of the plugin's ECR and STS clients: at most {@code maxAttempts} attempts per call. */
    static StandardRetryStrategy strategy(int maxAttempts) {
        return DefaultRetryStrategy.standardStrategyBuilder()
                .maxAttempts(maxAttempts)
                .backoffStrategy(BackoffStrategy.exponentialDelay(Duration.ofMillis(100), Duration.ofSeconds(5)))
                .throttlingBackoffStrategy(
                        BackoffStrategy.exponentialDelay(Duration.ofMillis(500), Duration.ofSeconds(10)))
                .retryOnException(Retries::worthRetrying)
                .treatAsThrottling(
                        failure -> failure instanceof SdkServiceException service && service.isThrottlingException())
                // The client would add the SDK's conditions, which retry an unknown host and the like.
                .useClientDefaults(false)
                .build();
    }

    /** Whether another attempt may succeed where this one failed. */
    static boolean worthRetrying(Throwable failure) {
        if (failure instanceof SdkServiceException service) {
            return service.isThrottlingException()
                    || SERVER_ERRORS.contains(service.statusCode())
                    // The SDK corrects its clock from the answer's date, so the next signature is accepted.
                    || service.isClockSkewException()
                    || (failure instanceof software.amazon.awssdk.awscore.exception.AwsServiceException aws
                            && aws.awsErrorDetails() != null
                            && aws.awsErrorDetails().errorCode() != null
                            && TRY_AGAIN_CODES.contains(aws.awsErrorDetails().errorCode()));
        }
        if (hopeless(failure)) {
            return false;
        }
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof IOException || t instanceof ApiCallAttemptTimeoutException) {
                return true;
            }
        }
        return false;
    }

    /** A network failure that repeats exactly on the next attempt. */
    static boolean hopeless(Throwable failure) {
        if (ProxySettings.refusedAuthentication(failure)) {
            return true;
        }
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof UnknownHostException
                    || t instanceof SSLPeerUnverifiedException
                    || t instanceof GeneralSecurityException) {
                return true;
            }
        }
        return false;
    }
}

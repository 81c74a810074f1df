package io.github.ecrmavenplugin.aws;

import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;

/**
 * Temporary credentials something is exchanged for (a web identity token with STS, an SSO access token with the
 * SSO portal, a key with STS for a role to assume), kept for the build and exchanged again shortly before they
 * expire, as the SDK's own providers do.
 *
 * <p>Each exchange is one call, which the plugin makes with the JDK's HTTP client ({@link DirectHttp}; the role's
 * call signed by {@link SigV4}) instead of starting the SDK's STS or SSO client, which costs one to three seconds
 * of CPU for this one call. A call that
 * fails where another attempt may succeed (a dropped or refused connection, a 5xx, a throttle) is tried again, up
 * to the connection's {@code maxAttempts}, as the SDK's clients would.
 */
final class ExchangedCredentials implements AwsCredentialsProvider {

    /** As the SDK's STS providers: a new key when the old one has less than this left. */
    static final Duration REFRESH_BEFORE_EXPIRY = Duration.ofMinutes(5);

    /** One kind of exchange. */
    interface Exchange {

        /**
         * One attempt.
         *
         * @throws CredentialsException when the answer is a refusal: asking again gets the same
         * @throws IOException          when there is no answer, or one worth asking again for ({@link TryAgain})
         */
        AwsSessionCredentials attempt() throws IOException;

        /** The failure after the last attempt, with what the user can do. */
        CredentialsException unreachable(IOException last, int attempts);
    }

    /** An answer that another attempt may improve on (a 5xx, a throttle). */
    static final class TryAgain extends IOException {
        TryAgain(String answer) {
            super(answer);
        }
    }

    /** Makes an exchange with a service at its endpoint, through the settings.xml proxy if one is active. */
    interface ExchangeFactory {
        Exchange create(URI endpoint, Optional<ProxySettings> proxy, Duration attemptTimeout);
    }

    private final Exchange exchange;
    private final int maxAttempts;
    private final Clock clock;
    private AwsSessionCredentials current;

    ExchangedCredentials(Exchange exchange, int maxAttempts, Clock clock) {
        this.exchange = exchange;
        this.maxAttempts = maxAttempts;
        this.clock = clock;
    }

    /**
     * Credentials from an exchange with {@code service} at {@code given}, else where {@link
     * DirectRoute#serviceEndpoint} says; empty when the exchange is the SDK's to make: endpoint rules only it knows,
     * or a settings.xml proxy with credentials, which only its Apache client sends on an HTTPS tunnel.
     */
    static Optional<AwsCredentialsProvider> at(
            ClientKey key,
            Optional<URI> given,
            String service,
            String hostPrefix,
            String region,
            SystemSettings system,
            ExchangeFactory factory) {
        if (key.proxy().filter(ProxySettings::hasCredentials).isPresent()) {
            return Optional.empty();
        }
        return given.or(() -> DirectRoute.serviceEndpoint(service, hostPrefix, region, system, reason -> {}))
                .map(endpoint -> new ExchangedCredentials(
                        factory.create(endpoint, key.proxy(), key.connection().attemptTimeout()),
                        key.connection().maxAttempts(),
                        Clock.systemUTC()));
    }

    @Override
    public synchronized AwsCredentials resolveCredentials() {
        if (current == null || current.expirationTime().map(this::dueForRefresh).orElse(false)) {
            current = exchange();
        }
        return current;
    }

    private boolean dueForRefresh(Instant expiration) {
        return !clock.instant().isBefore(expiration.minus(REFRESH_BEFORE_EXPIRY));
    }

    private AwsSessionCredentials exchange() {
        for (int attempt = 1; ; attempt++) {
            try {
                return exchange.attempt();
            } catch (IOException e) {
                if (attempt >= maxAttempts || Retries.hopeless(e)) {
                    throw exchange.unreachable(e, attempt);
                }
                pause(attempt);
            }
        }
    }

    /** For {@link Exchange#unreachable}: e.g. {@code " gave no usable answer (ConnectException after 2 attempts)"}. */
    static String noAnswer(IOException last, int attempts) {
        return " gave no usable answer (" + last.getClass().getSimpleName() + " after " + attempts
                + (attempts == 1 ? " attempt)" : " attempts)");
    }

    /** The SDK's back-off for ECR and STS calls: 100 ms doubling, at most 5 s. */
    private static void pause(int attempt) {
        try {
            Thread.sleep(Math.min(5_000L, 100L << Math.min(attempt - 1, 10)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CredentialsException("Interrupted while fetching AWS credentials", false, e);
        }
    }
}

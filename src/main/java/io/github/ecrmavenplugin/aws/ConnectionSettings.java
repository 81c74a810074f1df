package io.github.ecrmavenplugin.aws;

import io.github.ecrmavenplugin.model.Durations;
import io.github.ecrmavenplugin.model.InvalidConfigurationException;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * How to reach ECR: where, as whom, and how patiently. Equal settings share one SDK client for the whole build.
 *
 * @param region      the AWS region; empty to use the SDK's chain (AWS_REGION, aws.region, the profile)
 * @param endpoint    an endpoint override (VPC or FIPS endpoint, or a local emulator); empty for the default
 * @param profile     a named profile of the shared AWS config files; empty for the default credentials chain
 * @param maxAttempts attempts per call, the first included, before a throttle or a 5xx fails the build
 * @param timeout     the most one call may take, all retries included
 * @param dualStack   whether ECR is called at its dual-stack (IPv4 and IPv6) endpoint, which the SDK picks
 */
public record ConnectionSettings(
        Optional<String> region,
        Optional<URI> endpoint,
        Optional<String> profile,
        int maxAttempts,
        Duration timeout,
        boolean dualStack) {

    /** Settings for ECR's IPv4 endpoints (or the SDK's own dual-stack setting). */
    public ConnectionSettings(
            Optional<String> region,
            Optional<URI> endpoint,
            Optional<String> profile,
            int maxAttempts,
            Duration timeout) {
        this(region, endpoint, profile, maxAttempts, timeout, false);
    }

    public static final int DEFAULT_MAX_ATTEMPTS = 5;
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);
    /** More attempts than this only prolong an outage: by then the SDK's back-off waits its longest between them. */
    public static final int MAX_MAX_ATTEMPTS = 20;
    /** A call needing longer than this is not going to succeed; a build should say so rather than hang. */
    public static final Duration MAX_TIMEOUT = Duration.ofMinutes(30);

    private static final Pattern REGION = Pattern.compile("[a-z]{2}(-[a-z]+)+-\\d{1,2}");

    /** Validates the POM's values; blank means "not given". */
    public static ConnectionSettings of(String region, String endpoint, String profile)
            throws InvalidConfigurationException {
        return new ConnectionSettings(
                region(region), endpoint(endpoint), blankToEmpty(profile), DEFAULT_MAX_ATTEMPTS, DEFAULT_TIMEOUT);
    }

    /**
     * As {@link #of(String, String, String)}, with the retry budget from the POM.
     *
     * @param maxAttempts attempts per call, the first included (1 = no retries); {@code null} for the default
     * @param timeout     the most one call may take, retries included, as seconds ({@code 90}), with a unit
     *                    ({@code 90s}, {@code 2m}) or ISO-8601 ({@code PT90S}); {@code null} or blank for the default
     */
    public static ConnectionSettings of(
            String region, String endpoint, String profile, Integer maxAttempts, String timeout)
            throws InvalidConfigurationException {
        ConnectionSettings settings = of(region, endpoint, profile);
        return new ConnectionSettings(
                settings.region(),
                settings.endpoint(),
                settings.profile(),
                maxAttempts(maxAttempts),
                timeout(timeout),
                false);
    }

    /**
     * As {@link #of(String, String, String, Integer, String)}, over dual-stack when asked. The SDK picks ECR's
     * dual-stack endpoint itself and refuses one given with it ("Dualstack and custom endpoint are not supported");
     * and AWS PrivateLink (a VPC endpoint) does not work over dual-stack. So {@code dualStack} with an
     * {@code endpoint} is refused here, before any call. FIPS over dual-stack is ECR's to offer: the SDK's own FIPS
     * setting ({@code AWS_USE_FIPS_ENDPOINT}, {@code use_fips_endpoint}) picks its dual-stack FIPS endpoint.
     */
    public static ConnectionSettings of(
            String region, String endpoint, String profile, Integer maxAttempts, String timeout, boolean dualStack)
            throws InvalidConfigurationException {
        ConnectionSettings settings = of(region, endpoint, profile, maxAttempts, timeout);
        if (dualStack && settings.endpoint().isPresent()) {
            throw new InvalidConfigurationException(
                    "dualStack", dualStackWith(settings.endpoint().get()));
        }
        return new ConnectionSettings(
                settings.region(),
                settings.endpoint(),
                settings.profile(),
                settings.maxAttempts(),
                settings.timeout(),
                dualStack);
    }

    private static String dualStackWith(URI endpoint) {
        String host = endpoint.getHost().toLowerCase(java.util.Locale.ROOT);
        String why;
        if (host.contains("vpce")) {
            why = host + " is a VPC endpoint, and ECR does not carry AWS PrivateLink traffic over dual-stack. Keep "
                    + "<endpoint> and remove <dualStack> (the VPC endpoint is reached over IPv4), or remove <endpoint> "
                    + "to reach ECR's public dual-stack endpoint";
        } else if (host.contains("fips")) {
            why = host + " is a FIPS endpoint of its own, which the AWS SDK does not combine with dual-stack. For FIPS "
                    + "over dual-stack, remove <endpoint> and set AWS_USE_FIPS_ENDPOINT=true (or use_fips_endpoint in "
                    + "the profile): the SDK then picks ECR's dual-stack FIPS endpoint";
        } else {
            why = "<endpoint> " + host + " replaces the endpoint the AWS SDK would pick, and the SDK does not combine "
                    + "an endpoint of one's own with dual-stack. Remove <endpoint> to reach ECR's dual-stack endpoint, "
                    + "or <dualStack> to keep the endpoint";
        }
        return "cannot be combined with <endpoint>: " + why;
    }

    static int maxAttempts(Integer maxAttempts) throws InvalidConfigurationException {
        if (maxAttempts == null) {
            return DEFAULT_MAX_ATTEMPTS;
        }
        if (maxAttempts < 1 || maxAttempts > MAX_MAX_ATTEMPTS) {
            throw new InvalidConfigurationException(
                    "maxAttempts",
                    maxAttempts + " is out of range; give 1 (no "
                            + "retries) to " + MAX_MAX_ATTEMPTS + " attempts per ECR call (default "
                            + DEFAULT_MAX_ATTEMPTS
                            + ")");
        }
        return maxAttempts;
    }

    static Duration timeout(String timeout) throws InvalidConfigurationException {
        Optional<String> value = blankToEmpty(timeout);
        if (value.isEmpty()) {
            return DEFAULT_TIMEOUT;
        }
        Duration duration = Durations.parse(timeout, "timeout");
        if (duration.compareTo(Duration.ofSeconds(1)) < 0 || duration.compareTo(MAX_TIMEOUT) > 0) {
            throw new InvalidConfigurationException(
                    "timeout",
                    "\"" + timeout + "\" is out of range; give 1 " + "second to 30 minutes (default "
                            + DEFAULT_TIMEOUT.toSeconds() + "s)");
        }
        return duration;
    }

    /**
     * The most one attempt may take before the SDK gives up on it and tries again: a third of the call's
     * {@link #timeout}, so that a latency spike on one attempt leaves time for the next ones.
     */
    public Duration attemptTimeout() {
        Duration third = timeout.dividedBy(3);
        return maxAttempts == 1 || third.compareTo(Duration.ofMillis(500)) < 0 ? timeout : third;
    }

    private static Optional<String> region(String region) throws InvalidConfigurationException {
        Optional<String> value = blankToEmpty(region);
        if (value.isPresent() && !REGION.matcher(value.get()).matches()) {
            throw new InvalidConfigurationException(
                    "region", "\"" + region + "\" is not an AWS region code; use " + "one like eu-west-1 or us-east-1");
        }
        return value;
    }

    private static Optional<URI> endpoint(String endpoint) throws InvalidConfigurationException {
        Optional<String> value = blankToEmpty(endpoint);
        if (value.isEmpty()) {
            return Optional.empty();
        }
        try {
            URI uri = new URI(value.get());
            if (uri.getRawUserInfo() != null) {
                // Not echoed: the part before '@' is likely a secret. The SDK signs requests; a URL's user info
                // would only end up in logs.
                throw new InvalidConfigurationException(
                        "endpoint",
                        "the URL holds user information (user:password@"
                                + "host), which ECR does not use and which would show in logs. Remove it from <endpoint>; AWS "
                                + "credentials go in <serverId>, <profile> or the default AWS credentials chain");
            }
            return Optional.of(httpWithHost(uri));
        } catch (URISyntaxException e) {
            throw notAUrl(endpoint, "endpoint", "https://api.ecr.eu-west-1.amazonaws.com");
        }
    }

    /** {@code uri} when it is an http(s) URL with a host: what the SDK can send requests to. */
    static URI httpWithHost(URI uri) throws URISyntaxException {
        if (!("https".equals(uri.getScheme()) || "http".equals(uri.getScheme())) || uri.getHost() == null) {
            throw new URISyntaxException(uri.toString(), "not an http(s) URL with a host");
        }
        return uri;
    }

    /** The failure for an endpoint {@code parameter} that is not an http(s) URL with a host. */
    static InvalidConfigurationException notAUrl(String given, String parameter, String example) {
        return new InvalidConfigurationException(
                parameter, "\"" + given + "\" is not a URL; give the full endpoint, e.g. " + example);
    }

    /**
     * A warning when the endpoint is plain {@code http://} to a host other than this machine: the signed requests,
     * with the session token of temporary credentials, and the ECR password in GetAuthorizationToken's answer,
     * then cross the network unencrypted.
     */
    public Optional<String> plainTextWarning() {
        return endpoint.filter(uri -> "http".equals(uri.getScheme()) && !isLoopback(uri.getHost()))
                .map(uri -> "<endpoint> " + uri.getScheme() + "://" + uri.getHost()
                        + (uri.getPort() < 0 ? "" : ":" + uri.getPort())
                        + " is plain HTTP: request signatures, the session token of "
                        + "temporary credentials and ECR's registry password travel unencrypted. Use https://");
    }

    private static boolean isLoopback(String host) {
        String h = host.toLowerCase(java.util.Locale.ROOT);
        return h.equals("localhost")
                || h.endsWith(".localhost")
                || h.startsWith("127.")
                || h.equals("[::1]")
                || h.equals("::1");
    }

    private static Optional<String> blankToEmpty(String value) {
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
    }
}

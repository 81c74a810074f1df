package io.github.ecrmavenplugin.ecr;

import io.github.ecrmavenplugin.spec.InvalidConfigurationException;
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
 */
public record ConnectionSettings(Optional<String> region, Optional<URI> endpoint, Optional<String> profile,
        int maxAttempts, Duration timeout) {

    public static final int DEFAULT_MAX_ATTEMPTS = 5;
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

    private static final Pattern REGION = Pattern.compile("[a-z]{2}(-[a-z]+)+-\\d{1,2}");

    /** Validates the POM's values; blank means "not given". */
    public static ConnectionSettings of(String region, String endpoint, String profile)
            throws InvalidConfigurationException {
        return new ConnectionSettings(region(region), endpoint(endpoint), blankToEmpty(profile),
                DEFAULT_MAX_ATTEMPTS, DEFAULT_TIMEOUT);
    }

    private static Optional<String> region(String region) throws InvalidConfigurationException {
        Optional<String> value = blankToEmpty(region);
        if (value.isPresent() && !REGION.matcher(value.get()).matches()) {
            throw new InvalidConfigurationException("region", "\"" + region + "\" is not an AWS region code; use "
                    + "one like eu-west-1 or us-east-1");
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
            if (!("https".equals(uri.getScheme()) || "http".equals(uri.getScheme())) || uri.getHost() == null) {
                throw new URISyntaxException(value.get(), "not an http(s) URL with a host");
            }
            return Optional.of(uri);
        } catch (URISyntaxException e) {
            throw new InvalidConfigurationException("endpoint", "\"" + endpoint + "\" is not a URL; give the "
                    + "full endpoint, e.g. https://api.ecr.eu-west-1.amazonaws.com");
        }
    }

    private static Optional<String> blankToEmpty(String value) {
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
    }
}

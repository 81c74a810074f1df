package io.github.ecrmavenplugin.aws;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

/**
 * Where and as whom ECR's reads can be made without the AWS SDK's client: decided from what the build and the
 * environment say plainly, or not at all.
 *
 * <p>Starting the SDK's {@code EcrClient} in a fresh build costs about a second of CPU (thousands of classes,
 * endpoint rules, retry and protocol machinery), while the steady state of a build is two or three small reads.
 * When region, endpoint and credentials are all known without consulting the SDK, those reads are sent directly
 * ({@link DirectReadRegistry}). Anything the SDK would work out by itself (credentials from a profile, SSO, web
 * identity, a container or instance role; a role to assume; a region or endpoint settings from the shared config
 * file; FIPS or dual-stack endpoints; a non-commercial partition; a proxy) keeps every call on the SDK, so the
 * direct route never guesses differently from the SDK.
 *
 * @param endpoint       ECR's endpoint, e.g. {@code https://api.ecr.eu-west-1.amazonaws.com}
 * @param region         the region requests are signed for
 * @param credentials    the access key the SDK's default chain would also pick
 * @param attemptTimeout how long one call may take before the SDK takes over
 */
public record DirectRoute(URI endpoint, String region, StaticCredentials credentials, Duration attemptTimeout) {

    /**
     * Regions of the commercial partition, whose ECR endpoint is {@code api.ecr.<region>.amazonaws.com}. Others
     * ({@code cn-}, {@code us-gov-}, ISO and sovereign partitions) have other domains: those are left to the SDK's
     * endpoint rules.
     */
    private static final Pattern COMMERCIAL_REGION = Pattern.compile(
            "(us|eu|ap|sa|ca|me|af|il|mx)-(central|north|south|east|west|northeast|northwest|southeast|southwest)"
                    + "-\\d{1,2}");

    /** Settings with which the SDK would pick another endpoint than the regional one. */
    private static final List<String> ENDPOINT_VARIABLES = List.of("AWS_ENDPOINT_URL", "AWS_ENDPOINT_URL_ECR",
            "AWS_USE_FIPS_ENDPOINT", "AWS_USE_DUALSTACK_ENDPOINT");
    private static final List<String> ENDPOINT_PROPERTIES = List.of("aws.endpointUrl", "aws.endpointUrlEcr",
            "aws.useFipsEndpoint", "aws.useDualstackEndpoint");
    /** Words in a shared config file that may change the endpoint; any of them sends the calls to the SDK. */
    private static final Pattern CONFIG_ENDPOINT_KEYS = Pattern.compile(
            "(?m)^\\s*(endpoint_url|use_fips_endpoint|use_dualstack_endpoint|services)\\s*=");

    /**
     * An access key with an optional session token. {@link #toString()} never shows the secret or the token.
     *
     * @param source where it was found, for the log, as the SDK's default chain would name it
     */
    public record StaticCredentials(String accessKeyId, String secretAccessKey, Optional<String> sessionToken,
            String source) {

        @Override
        public String toString() {
            return "StaticCredentials[" + source + ", " + AccessKey.mask(accessKeyId) + "]";
        }
    }

    /** What the JVM's environment says: environment variables and system properties. */
    public interface SystemSettings {
        Optional<String> environment(String name);

        Optional<String> property(String name);

        /** The running JVM's. */
        static SystemSettings current() {
            return of(System::getenv, System::getProperty);
        }

        static SystemSettings of(UnaryOperator<String> environment, UnaryOperator<String> properties) {
            return new SystemSettings() {
                @Override
                public Optional<String> environment(String name) {
                    return nonBlank(environment.apply(name));
                }

                @Override
                public Optional<String> property(String name) {
                    return nonBlank(properties.apply(name));
                }
            };
        }
    }

    /**
     * The direct route for these settings, or empty (with the reason given to {@code why}) when the SDK must be
     * asked: the region, the endpoint and the credentials must all be plain.
     */
    public static Optional<DirectRoute> of(ClientKey key, SystemSettings system, Consumer<String> why) {
        if (key.proxy().isPresent()) {
            return none(why, "a settings.xml proxy is active");
        }
        if (key.credentials().role().isPresent()) {
            return none(why, "a role is assumed through STS");
        }
        Optional<StaticCredentials> credentials = credentials(key, system);
        if (credentials.isEmpty()) {
            return none(why, "the credentials come from the SDK's default chain beyond environment variables and "
                    + "system properties, or from a profile");
        }
        Optional<String> region = key.connection().region().or(() -> system.property("aws.region"))
                .or(() -> system.environment("AWS_REGION"));
        if (region.isEmpty()) {
            return none(why, "the region comes from the shared config file");
        }
        Optional<URI> endpoint = key.connection().endpoint();
        if (endpoint.isPresent() && endpoint.get().getRawPath() != null && endpoint.get().getRawPath().length() > 1) {
            return none(why, "the endpoint has a path");
        }
        if (endpoint.isEmpty()) {
            Optional<String> reason = endpointSettings(system);
            if (reason.isPresent()) {
                return none(why, reason.get());
            }
            if (!COMMERCIAL_REGION.matcher(region.get()).matches()) {
                return none(why, "region " + region.get() + " is outside the commercial partition");
            }
            endpoint = Optional.of(URI.create("https://api.ecr." + region.get() + ".amazonaws.com"));
        }
        return Optional.of(new DirectRoute(endpoint.get(), region.get(), credentials.get(),
                key.connection().attemptTimeout()));
    }

    private static Optional<DirectRoute> none(Consumer<String> why, String reason) {
        why.accept(reason);
        return Optional.empty();
    }

    /**
     * A settings.xml server's key; else what the SDK's default chain finds first, when that is a key in system
     * properties or environment variables (the chain's first two links, in its order). A named profile is read by
     * the SDK.
     */
    private static Optional<StaticCredentials> credentials(ClientKey key, SystemSettings system) {
        if (key.credentials().accessKey().isPresent()) {
            AccessKey accessKey = key.credentials().accessKey().get();
            return Optional.of(new StaticCredentials(accessKey.accessKeyId(), accessKey.secretAccessKey(),
                    Optional.empty(), accessKey.source()));
        }
        if (key.connection().profile().isPresent()) {
            return Optional.empty();
        }
        Optional<String> propertyKey = system.property("aws.accessKeyId");
        Optional<String> propertySecret = system.property("aws.secretAccessKey");
        if (propertyKey.isPresent() && propertySecret.isPresent()) {
            return Optional.of(new StaticCredentials(propertyKey.get(), propertySecret.get(),
                    system.property("aws.sessionToken"), "default chain, " + CredentialSources.describe("f")));
        }
        Optional<String> variableKey = system.environment("AWS_ACCESS_KEY_ID");
        Optional<String> variableSecret = system.environment("AWS_SECRET_ACCESS_KEY");
        if (variableKey.isPresent() && variableSecret.isPresent()) {
            return Optional.of(new StaticCredentials(variableKey.get(), variableSecret.get(),
                    system.environment("AWS_SESSION_TOKEN"), "default chain, " + CredentialSources.describe("g")));
        }
        return Optional.empty();
    }

    /** Why the SDK might choose another endpoint than the regional one, if it might. */
    private static Optional<String> endpointSettings(SystemSettings system) {
        for (String variable : ENDPOINT_VARIABLES) {
            if (system.environment(variable).isPresent()) {
                return Optional.of(variable + " is set");
            }
        }
        for (String property : ENDPOINT_PROPERTIES) {
            if (system.property(property).isPresent()) {
                return Optional.of(property + " is set");
            }
        }
        Path config = system.environment("AWS_CONFIG_FILE").map(Path::of)
                .orElseGet(() -> Path.of(System.getProperty("user.home"), ".aws", "config"));
        try {
            if (Files.isRegularFile(config) && CONFIG_ENDPOINT_KEYS.matcher(Files.readString(config)).find()) {
                return Optional.of(config + " has endpoint settings");
            }
        } catch (IOException | RuntimeException e) {
            return Optional.of(config + " cannot be read");
        }
        return Optional.empty();
    }

    private static Optional<String> nonBlank(String value) {
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
    }
}

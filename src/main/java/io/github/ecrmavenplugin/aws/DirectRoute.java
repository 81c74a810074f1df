package io.github.ecrmavenplugin.aws;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * Where ECR's reads can be sent without the AWS SDK's client: the endpoint the SDK's endpoint rules would pick,
 * decided from what the build and the environment say plainly, or not at all.
 *
 * <p>Starting the SDK's {@code EcrClient} in a fresh build costs about a second of CPU (thousands of classes,
 * endpoint rules, retry and protocol machinery), while the steady state of a build is two or three small reads.
 * Credentials and region are not this class's business: both routes take them from {@link EcrClients}, resolved
 * once per build, whatever their source. What keeps every call on the SDK is what the SDK would work out by itself
 * or what only its clients can do: endpoint settings in the environment or the shared config file (FIPS,
 * dual-stack, {@code endpoint_url}); a non-commercial partition; a proxy that needs credentials on an HTTPS tunnel.
 *
 * @param endpoint       ECR's endpoint, e.g. {@code https://api.ecr.eu-west-1.amazonaws.com}
 * @param region         the region requests are signed for
 * @param proxy          the settings.xml proxy (without credentials) the calls go through; empty for the JVM's
 *                       proxy settings, as the SDK's client
 * @param attemptTimeout how long one call may take before the SDK takes over
 */
public record DirectRoute(URI endpoint, String region, Optional<ProxySettings> proxy, Duration attemptTimeout) {

    /**
     * Regions of the commercial partition, whose ECR endpoint is {@code api.ecr.<region>.amazonaws.com}. Others
     * ({@code cn-}, {@code us-gov-}, ISO and sovereign partitions) have other domains: those are left to the SDK's
     * endpoint rules.
     */
    private static final Pattern COMMERCIAL_REGION = Pattern.compile(
            "(us|eu|ap|sa|ca|me|af|il|mx)-(central|north|south|east|west|northeast|northwest|southeast|southwest)"
                    + "-\\d{1,2}");

    /** Settings that name ECR's endpoint: the calls then go through the SDK's client, which reads them. */
    private static final List<String> ECR_ENDPOINT_VARIABLES = List.of("AWS_ENDPOINT_URL", "AWS_ENDPOINT_URL_ECR");

    private static final List<String> ECR_ENDPOINT_PROPERTIES = List.of("aws.endpointUrl", "aws.endpointUrlEcr");
    /** Settings with which the SDK works out endpoints by rules of its own. */
    private static final List<String> VARIANT_VARIABLES =
            List.of("AWS_USE_FIPS_ENDPOINT", "AWS_USE_DUALSTACK_ENDPOINT", "AWS_IGNORE_CONFIGURED_ENDPOINT_URLS");

    private static final List<String> VARIANT_PROPERTIES =
            List.of("aws.useFipsEndpoint", "aws.useDualstackEndpoint", "aws.ignoreConfiguredEndpointUrls");
    /** Words in a shared config file that may change the endpoint; any of them sends the calls to the SDK. */
    private static final Pattern CONFIG_ENDPOINT_KEYS =
            Pattern.compile("(?m)^\\s*(endpoint_url|use_fips_endpoint|use_dualstack_endpoint|services)\\s*=");

    /**
     * The direct route for these settings, or empty (with the reason given to {@code why}) when every call must
     * go through the SDK's client.
     *
     * @param region the build's region ({@link Regions})
     */
    public static Optional<DirectRoute> of(ClientKey key, String region, SystemSettings system, Consumer<String> why) {
        if (key.connection().dualStack()) {
            return none(why, "<dualStack>: the SDK picks ECR's dual-stack endpoint by its own rules");
        }
        if (key.proxy().filter(ProxySettings::hasCredentials).isPresent()) {
            return none(
                    why,
                    "settings.xml proxy '" + key.proxy().get().id() + "' needs credentials, which only the "
                            + "SDK's Apache client sends on HTTPS tunnels");
        }
        Optional<URI> endpoint = key.connection().endpoint();
        if (endpoint.isPresent()
                && endpoint.get().getRawPath() != null
                && endpoint.get().getRawPath().length() > 1) {
            return none(why, "the endpoint has a path");
        }
        if (endpoint.isEmpty()) {
            Optional<String> named = firstSet(system, ECR_ENDPOINT_VARIABLES, ECR_ENDPOINT_PROPERTIES);
            if (named.isPresent()) {
                return none(why, named.get() + " is set");
            }
            endpoint = serviceEndpoint("Ecr", "api.ecr", region, system, why);
            if (endpoint.isEmpty()) {
                return Optional.empty();
            }
        }
        return Optional.of(new DirectRoute(
                endpoint.get(), region, key.proxy(), key.connection().attemptTimeout()));
    }

    private static <T> Optional<T> none(Consumer<String> why, String reason) {
        why.accept(reason);
        return Optional.empty();
    }

    /**
     * The endpoint the SDK would call for a service, where plain settings say it: the URL in
     * {@code aws.endpointUrl<Service>}, {@code AWS_ENDPOINT_URL_<SERVICE>}, {@code aws.endpointUrl} or
     * {@code AWS_ENDPOINT_URL} (the SDK's order), else the regional {@code https://<prefix>.<region>.amazonaws.com}
     * of the commercial partition. Empty, with the reason given to {@code why}, where the SDK would apply rules of
     * its own (FIPS, dual-stack, endpoints in the shared config file, other partitions).
     *
     * @param service the SDK's name of the service in those settings, e.g. {@code Sts}, {@code Sso}
     * @param prefix  the host's first labels, e.g. {@code sts}, {@code portal.sso}
     */
    static Optional<URI> serviceEndpoint(
            String service, String prefix, String region, SystemSettings system, Consumer<String> why) {
        Optional<String> variant = firstSet(system, VARIANT_VARIABLES, VARIANT_PROPERTIES)
                .map(name -> name + " is set")
                .or(() -> configEndpointSettings(system));
        if (variant.isPresent()) {
            return none(why, variant.get());
        }
        Optional<String> named = system.property("aws.endpointUrl" + service)
                .or(() -> system.environment("AWS_ENDPOINT_URL_" + service.toUpperCase(java.util.Locale.ROOT)))
                .or(() -> system.property("aws.endpointUrl"))
                .or(() -> system.environment("AWS_ENDPOINT_URL"));
        if (named.isPresent()) {
            try {
                URI uri = new URI(named.get());
                if (uri.getHost() != null && ("https".equals(uri.getScheme()) || "http".equals(uri.getScheme()))) {
                    return Optional.of(uri);
                }
            } catch (java.net.URISyntaxException e) {
                // the SDK's to refuse, with its own words
            }
            return none(why, "the " + service + " endpoint setting is not a plain URL");
        }
        if (!COMMERCIAL_REGION.matcher(region).matches()) {
            return none(why, "region " + region + " is outside the commercial partition");
        }
        return Optional.of(URI.create("https://" + prefix + "." + region + ".amazonaws.com"));
    }

    /** The name of the first of these settings that is set. */
    private static Optional<String> firstSet(SystemSettings system, List<String> variables, List<String> properties) {
        return variables.stream()
                .filter(name -> system.environment(name).isPresent())
                .findFirst()
                .or(() -> properties.stream()
                        .filter(name -> system.property(name).isPresent())
                        .findFirst());
    }

    /** Why the SDK might find an endpoint in the shared config file, if it might. */
    private static Optional<String> configEndpointSettings(SystemSettings system) {
        Path config = system.awsConfigFile();
        try {
            if (Files.isRegularFile(config)
                    && CONFIG_ENDPOINT_KEYS.matcher(Files.readString(config)).find()) {
                return Optional.of(config + " has endpoint settings");
            }
        } catch (IOException | RuntimeException e) {
            return Optional.of(config + " cannot be read");
        }
        return Optional.empty();
    }
}

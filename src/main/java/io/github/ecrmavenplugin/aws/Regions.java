package io.github.ecrmavenplugin.aws;

import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.AwsProfileRegionProvider;
import software.amazon.awssdk.regions.providers.AwsRegionProvider;
import software.amazon.awssdk.regions.providers.AwsRegionProviderChain;
import software.amazon.awssdk.regions.providers.InstanceProfileRegionProvider;
import software.amazon.awssdk.regions.providers.SystemSettingsRegionProvider;

/**
 * The one place the plugin works out the AWS region: the POM's {@code region}, else the SDK's own region chain
 * ({@code aws.region}, {@code AWS_REGION}, the profile's {@code region}: {@code <profile>}, else
 * {@code AWS_PROFILE}, else {@code default}), and only when none of those names one, the instance metadata service,
 * as the SDK's {@code DefaultAwsRegionProviderChain} does.
 */
public final class Regions {

    private Regions() {}

    /**
     * The region as configured, without asking the network: for checks made before any call (a policy naming ARNs).
     * Empty when nothing names one.
     */
    public static Optional<String> configured(ConnectionSettings settings) {
        return settings.region().or(() -> find(configuredChain(settings)).map(Region::id));
    }

    /**
     * The region the calls go to: as {@link #configured}, else the instance metadata's (EC2-hosted CI).
     *
     * @throws EcrClients.MissingRegionException when nothing names one
     */
    static Region of(ConnectionSettings settings) {
        if (settings.region().isPresent()) {
            return Region.of(settings.region().get());
        }
        AwsRegionProvider chain =
                new AwsRegionProviderChain(configuredChain(settings), new InstanceProfileRegionProvider());
        try {
            return chain.getRegion();
        } catch (SdkClientException | IllegalStateException e) {
            throw new EcrClients.MissingRegionException(e);
        }
    }

    private static AwsRegionProvider configuredChain(ConnectionSettings settings) {
        return new AwsRegionProviderChain(
                new SystemSettingsRegionProvider(),
                new AwsProfileRegionProvider(null, settings.profile().orElse(null)));
    }

    private static Optional<Region> find(AwsRegionProvider provider) {
        try {
            return Optional.ofNullable(provider.getRegion());
        } catch (SdkClientException | IllegalStateException e) {
            return Optional.empty();
        }
    }
}

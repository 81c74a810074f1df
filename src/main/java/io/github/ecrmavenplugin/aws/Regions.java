package io.github.ecrmavenplugin.aws;

import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.AwsProfileRegionProvider;

/**
 * The one place the plugin works out the AWS region: the POM's {@code region}, else {@code aws.region}, else
 * {@code AWS_REGION} (the SDK's order), else the profile's {@code region} in the shared config file (the named
 * profile, else {@code AWS_PROFILE}, else {@code default}). The instance metadata service is deliberately not asked:
 * off EC2 it costs seconds of time-outs before failing, and a build should say at once that the region is missing.
 */
public final class Regions {

    private Regions() {}

    /** The region, or empty when none is configured anywhere the plugin looks. */
    public static Optional<String> find(ConnectionSettings settings, SystemSettings system) {
        return settings.region()
                .or(() -> system.property("aws.region"))
                .or(() -> system.environment("AWS_REGION"))
                .or(() -> fromProfile(settings.profile()));
    }

    private static Optional<String> fromProfile(Optional<String> profile) {
        try {
            Region region = profile.map(name -> new AwsProfileRegionProvider(null, name))
                    .orElseGet(AwsProfileRegionProvider::new)
                    .getRegion();
            return Optional.ofNullable(region).map(Region::id);
        } catch (SdkClientException | IllegalStateException e) {
            // no config file, no such profile, or no region in it
            return Optional.empty();
        }
    }
}

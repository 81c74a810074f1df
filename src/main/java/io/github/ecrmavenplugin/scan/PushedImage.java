package io.github.ecrmavenplugin.scan;

import io.github.ecrmavenplugin.model.ImageReference;
import java.util.List;
import java.util.Optional;

/**
 * The image verify-image checks: the one the build pushed, as far as the build can tell.
 *
 * @param reference  the repository and tag (or digest) the image was pushed as
 * @param tags       the tags the push set, which must all still point at {@code digest}; empty by digest
 * @param digest     the digest the image builder wrote after its push; empty where it writes none
 * @param source     for messages: the builder's file the digest comes from ({@code target/jib-image.json}), else
 *                   the parameter or property that names the image ({@code <image>}, {@code jib.to.image})
 * @param registryId the registry to look in: the account of the image's ECR host, else {@code <registryId>};
 *                   empty for the caller's own
 */
public record PushedImage(
        ImageReference reference,
        List<String> tags,
        Optional<String> digest,
        String source,
        Optional<String> registryId) {

    public PushedImage {
        tags = List.copyOf(tags);
    }
}

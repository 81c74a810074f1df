package io.github.ecrmavenplugin.registry;

import java.time.Instant;
import java.util.List;

/**
 * An image as {@code DescribeImages} reports it.
 *
 * @param repositoryName the repository holding it
 * @param digest         its manifest digest, {@code sha256:...}
 * @param tags           its tags
 * @param sizeInBytes    the size ECR reports (the compressed layers)
 * @param pushedAt       when it was pushed
 */
public record Image(String repositoryName, String digest, List<String> tags, long sizeInBytes, Instant pushedAt) {

    public Image {
        tags = List.copyOf(tags);
    }
}

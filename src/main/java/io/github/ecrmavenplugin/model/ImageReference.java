package io.github.ecrmavenplugin.model;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An image in a repository of a registry, by tag or by digest: {@code team/api:1.0}, {@code team/api@sha256:...},
 * or the same behind a registry host ({@code 123456789012.dkr.ecr.eu-west-1.amazonaws.com/team/api:1.0}). An ECR
 * host names the registry's account; any other host (a proxy, a local registry) names none.
 *
 * @param repositoryName the repository
 * @param tagOrDigest    a tag, or a digest {@code sha256:<64 hex>}
 * @param registryId     the account an ECR registry host names; empty without one
 */
public record ImageReference(String repositoryName, String tagOrDigest, Optional<String> registryId) {

    private static final Pattern DIGEST = Pattern.compile("sha256:[0-9a-f]{64}");

    /**
     * ECR's registry hosts: {@code <account>.dkr.ecr.<region>.amazonaws.com}, its FIPS ({@code dkr.ecr-fips}) and
     * China ({@code .amazonaws.com.cn}) forms, and the dual-stack {@code <account>.dkr-ecr.<region>.on.aws}.
     */
    private static final Pattern ECR_HOST = Pattern.compile("(\\d{12})\\.dkr[.-]ecr(-fips)?\\.[a-z0-9-]+\\..+");

    /** An image of the registry the plugin is configured for. */
    public ImageReference(String repositoryName, String tagOrDigest) {
        this(repositoryName, tagOrDigest, Optional.empty());
    }

    public boolean byDigest() {
        return tagOrDigest.startsWith("sha256:");
    }

    /** The same image, by tag or digest, in whichever registry. */
    public boolean sameImage(ImageReference other) {
        return repositoryName.equals(other.repositoryName)
                && tagOrDigest.equals(other.tagOrDigest)
                && (registryId.isEmpty() || other.registryId.isEmpty() || registryId.equals(other.registryId));
    }

    /** The same reference, by {@code tag} instead. */
    public ImageReference withTag(String tag) {
        return new ImageReference(repositoryName, tag, registryId);
    }

    @Override
    public String toString() {
        return repositoryName + (byDigest() ? "@" : ":") + tagOrDigest;
    }

    public static ImageReference parse(String image, String parameter) throws InvalidConfigurationException {
        String value = image.trim();
        Optional<String> registryId = Optional.empty();
        int slash = value.indexOf('/');
        if (slash > 0) {
            String first = value.substring(0, slash);
            if (first.contains(".") || first.contains(":") || first.equals("localhost")) {
                Matcher ecr = ECR_HOST.matcher(first);
                registryId = ecr.matches() ? Optional.of(ecr.group(1)) : Optional.empty();
                value = value.substring(slash + 1);
            }
        }
        int at = value.indexOf('@');
        if (at > 0) {
            String digest = value.substring(at + 1);
            if (!DIGEST.matcher(digest).matches()) {
                throw new InvalidConfigurationException(
                        parameter,
                        "\"" + digest + "\" is not an image digest; "
                                + "write sha256: and 64 hex digits, or name the image by tag (repository:tag)");
            }
            return new ImageReference(value.substring(0, at), digest, registryId);
        }
        int colon = value.lastIndexOf(':');
        if (colon <= 0 || colon < value.lastIndexOf('/')) {
            throw new InvalidConfigurationException(
                    parameter,
                    "\"" + image + "\" names no tag; write "
                            + "repository:tag (e.g. team/api:1.0) or repository@sha256:...");
        }
        return new ImageReference(
                value.substring(0, colon), ImageTag.valid(value.substring(colon + 1), parameter), registryId);
    }
}

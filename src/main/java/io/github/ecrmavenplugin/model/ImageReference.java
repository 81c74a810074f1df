package io.github.ecrmavenplugin.model;

import java.util.regex.Pattern;

/**
 * An image in a repository of the registry, by tag or by digest: {@code team/api:1.0}, {@code team/api@sha256:...},
 * or the same behind a registry host ({@code 123456789012.dkr.ecr.eu-west-1.amazonaws.com/team/api:1.0}), which is
 * dropped: the registry is the one the plugin is configured for.
 *
 * @param repositoryName the repository
 * @param tagOrDigest    a tag, or a digest {@code sha256:<64 hex>}
 */
public record ImageReference(String repositoryName, String tagOrDigest) {

    private static final Pattern DIGEST = Pattern.compile("sha256:[0-9a-f]{64}");

    public boolean byDigest() {
        return tagOrDigest.startsWith("sha256:");
    }

    @Override
    public String toString() {
        return repositoryName + (byDigest() ? "@" : ":") + tagOrDigest;
    }

    public static ImageReference parse(String image, String parameter) throws InvalidConfigurationException {
        String value = image.trim();
        int slash = value.indexOf('/');
        if (slash > 0) {
            String first = value.substring(0, slash);
            if (first.contains(".") || first.contains(":") || first.equals("localhost")) {
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
            return new ImageReference(value.substring(0, at), digest);
        }
        int colon = value.lastIndexOf(':');
        if (colon <= 0 || colon < value.lastIndexOf('/')) {
            throw new InvalidConfigurationException(
                    parameter,
                    "\"" + image + "\" names no tag; write "
                            + "repository:tag (e.g. team/api:1.0) or repository@sha256:...");
        }
        return new ImageReference(value.substring(0, colon), ImageTag.valid(value.substring(colon + 1), parameter));
    }
}

package io.github.ecrmavenplugin.aws;

import java.util.Objects;

/**
 * A long-term AWS access key given to the plugin directly (a {@code settings.xml} {@code <server>}), as opposed to
 * one the SDK finds by itself. {@link #toString()} never shows the secret.
 *
 * @param source          where the key comes from, for the log, e.g. {@code settings.xml server 'ecr'}
 * @param accessKeyId     the access key ID, e.g. {@code AKIA...}
 * @param secretAccessKey the secret access key
 */
public record AccessKey(String source, String accessKeyId, String secretAccessKey) {

    public AccessKey {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(accessKeyId, "accessKeyId");
        Objects.requireNonNull(secretAccessKey, "secretAccessKey");
    }

    /**
     * An access key ID with its middle hidden, e.g. {@code AKIA…WXYZ}: enough to tell keys apart in a log, not
     * enough to quote one. (Key IDs are not secret, but they identify an account and need not be spread.)
     */
    public static String mask(String accessKeyId) {
        if (accessKeyId == null) {
            return "none";
        }
        if (accessKeyId.length() < 12) {
            return "…";
        }
        return accessKeyId.substring(0, 4) + "…" + accessKeyId.substring(accessKeyId.length() - 4);
    }

    @Override
    public String toString() {
        return "AccessKey[" + source + ", " + mask(accessKeyId) + "]";
    }
}

package io.github.ecrmavenplugin.aws;

import io.github.ecrmavenplugin.model.InvalidConfigurationException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Optional;

/**
 * The credentials the plugin is told to use beyond the SDK's own discovery (the default chain, or the
 * {@link ConnectionSettings#profile() profile}).
 *
 * @param accessKey   an access key given directly (a settings.xml server); empty to let the SDK find credentials
 * @param role        a role to assume with those credentials through STS; empty to use them as they are
 * @param stsEndpoint an STS endpoint URL replacing the regional one (an STS VPC endpoint, or a local emulator)
 */
public record CredentialsSettings(
        Optional<AccessKey> accessKey, Optional<AssumedRole> role, Optional<URI> stsEndpoint) {

    /** What the SDK finds by itself, used as it is. */
    public static final CredentialsSettings DEFAULT =
            new CredentialsSettings(Optional.empty(), Optional.empty(), Optional.empty());

    /** Validates the STS endpoint URL; blank means the regional STS endpoint. */
    public static Optional<URI> stsEndpoint(String url) throws InvalidConfigurationException {
        if (url == null || url.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(ConnectionSettings.httpWithHost(new URI(url.trim())));
        } catch (URISyntaxException e) {
            throw ConnectionSettings.notAUrl(url, "stsEndpoint", "https://sts.eu-west-1.amazonaws.com");
        }
    }
}

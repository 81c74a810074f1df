package io.github.ecrmavenplugin.aws;

import java.util.Optional;

/**
 * Everything that shapes an SDK client: where ECR is and how patiently to call it, which credentials, and which
 * proxy. Equal keys share one client (and one credentials cache) for the whole build.
 *
 * @param connection  region, endpoint, profile, retries, time-out
 * @param credentials an access key and/or a role to assume, beyond what the SDK finds by itself
 * @param proxy       the settings.xml proxy for AWS calls, if one is active
 */
public record ClientKey(ConnectionSettings connection, CredentialsSettings credentials, Optional<ProxySettings> proxy) {

    /** The SDK's own credentials discovery, no proxy. */
    public static ClientKey of(ConnectionSettings connection) {
        return new ClientKey(connection, CredentialsSettings.DEFAULT, Optional.empty());
    }
}

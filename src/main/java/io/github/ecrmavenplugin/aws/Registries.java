package io.github.ecrmavenplugin.aws;

import io.github.ecrmavenplugin.registry.Registry;
import java.util.function.Consumer;

/** Opens the {@link Registry} a build talks to: the SDK's shared client for the build's {@link ClientKey}. */
public final class Registries {

    private Registries() {}

    /**
     * A registry, and who its calls are signed as.
     *
     * @param registry          the registry to read and change
     * @param credentialsSource where the credentials come from, for the build log, e.g. {@code settings.xml server
     *                          'ecr' (access key AKIA…WXYZ)}; never a secret
     * @param accessKeyId       the access key ID the calls are signed with (the assumed role's, with a role): what
     *                          tells one caller from another, e.g. for the authorization-token cache; not a secret
     */
    public record Connected(Registry registry, String credentialsSource, String accessKeyId) {}

    /**
     * The registry for these settings. Waits for what {@link EcrClients#prepare} started, or does it now: the
     * region, the credentials (resolved once per build, so a missing one fails here, explained) and the client.
     *
     * @param registryId the account whose registry to use; {@code null} for the caller's own
     * @throws CredentialsException when the SDK finds no credentials, or cannot assume the role
     * @throws EcrClients.MissingRegionException when no region is configured
     */
    public static Connected connect(ClientKey key, String registryId, Consumer<String> debug) {
        EcrClients.Identity identity = EcrClients.identity(key);
        return new Connected(
                new SdkRegistry(EcrClients.client(key, debug), registryId), identity.source(), identity.accessKeyId());
    }
}

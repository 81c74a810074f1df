package io.github.ecrmavenplugin.aws;

import io.github.ecrmavenplugin.registry.Registry;
import java.util.Optional;
import java.util.function.Consumer;

/** Opens the {@link Registry} a build talks to: direct reads where a {@link DirectRoute} exists, else the SDK. */
public final class Registries {

    private Registries() {}

    /**
     * A registry, and where its credentials come from, for the log (never the secret).
     *
     * @param registry    the registry to read and change
     * @param credentials e.g. {@code settings.xml server 'ecr' (access key AKIA…WXYZ)}
     * @param identity    the access key ID the calls are signed with (the assumed role's, with a role): what
     *                    tells one caller from another, e.g. for the authorization-token cache; not a secret
     */
    public record Connected(Registry registry, String credentials, String identity) {}

    /**
     * The registry for these settings. Resolves the build's region and credentials now (once per build, shared by
     * both routes), so a missing one fails here, with its explanation; builds the SDK's client only on the SDK's
     * route, or on the first change.
     *
     * @param registryId the account whose registry to use; {@code null} for the caller's own
     * @throws CredentialsException when the SDK finds no credentials, or cannot assume the role
     * @throws EcrClients.MissingRegionException when no region is configured
     */
    public static Connected connect(ClientKey key, String registryId, Consumer<String> debug) {
        return connect(key, registryId, debug, true);
    }

    /**
     * As {@link #connect(ClientKey, String, Consumer)}.
     *
     * @param startTls whether to start the JVM's TLS set-up for an HTTPS endpoint at once, beside preparing the
     *                 first request ({@link DirectHttp#startTls}); {@code false} where the first request is made at
     *                 once on a background thread anyway ({@code warm-up}), so that the work is not done twice
     */
    public static Connected connect(ClientKey key, String registryId, Consumer<String> debug, boolean startTls) {
        // EcrClients builds the client on first use and shares it: asking again costs a map lookup.
        // Resolved once per build and shared by both routes; a missing credential fails here, explained.
        String credentials = EcrClients.describeCredentials(key);
        Optional<DirectRoute> route = DirectRoute.of(
                key,
                EcrClients.region(key).id(),
                SystemSettings.current(),
                reason -> debug.accept("ECR calls go through the AWS SDK: " + reason));
        if (route.isEmpty()) {
            return new Connected(
                    new SdkRegistry(EcrClients.client(key, debug), registryId),
                    credentials,
                    EcrClients.accessKeyId(key));
        }
        DirectRoute direct = route.get();
        if (direct.proxy().isEmpty()) {
            DirectHttp.startTls(direct.endpoint(), startTls);
        }
        debug.accept("ECR reads go directly to " + direct.endpoint() + " (changes through the AWS SDK)");
        DirectReads reads = new DirectReads(new EcrJsonApi(direct, EcrClients.credentials(key)), debug);
        return new Connected(
                new SdkRegistry(() -> EcrClients.client(key, debug), registryId, Optional.of(reads)),
                credentials,
                EcrClients.accessKeyId(key));
    }
}

package io.github.ecrmavenplugin.aws;

import io.github.ecrmavenplugin.registry.Registry;

import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;

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
     * The registry for these settings. On the SDK's route this builds (or reuses) the build's shared client and
     * resolves its credentials now, so a missing credential fails here, with its explanation.
     *
     * @param registryId the account whose registry to use; {@code null} for the caller's own
     * @throws CredentialsException when the SDK finds no credentials, or cannot assume the role
     */
    public static Connected connect(ClientKey key, String registryId, Consumer<String> debug) {
        // EcrClients builds the client on first use and shares it: asking again costs a map lookup.
        Supplier<Registry> sdk = () -> new SdkRegistry(EcrClients.client(key, debug), registryId);
        Optional<DirectRoute> route = DirectRoute.of(key, DirectRoute.SystemSettings.current(),
                reason -> debug.accept("ECR calls go through the AWS SDK: " + reason));
        if (route.isEmpty()) {
            return new Connected(sdk.get(), EcrClients.describeCredentials(key), EcrClients.accessKeyId(key));
        }
        DirectRoute direct = route.get();
        debug.accept("ECR reads go directly to " + direct.endpoint() + " (changes through the AWS SDK)");
        return new Connected(new DirectReadRegistry(new EcrJsonApi(direct, userAgent()), registryId, sdk, debug),
                direct.credentials().source() + " (access key " + AccessKey.mask(direct.credentials().accessKeyId())
                        + ")", direct.credentials().accessKeyId());
    }

    private static String userAgent() {
        String version = Registries.class.getPackage().getImplementationVersion();
        return "ecr-maven-plugin/" + (version == null ? "dev" : version) + " java/"
                + System.getProperty("java.version");
    }
}

package io.github.ecrmavenplugin.aws;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.profiles.Profile;
import software.amazon.awssdk.profiles.ProfileFile;

/**
 * The credentials a build's calls are signed with (or, with {@code <roleArn>}, the role is assumed with): the first
 * source that has them, in the SDK's default chain's order, with the plugin's own sources first.
 *
 * <ol>
 *   <li>an access key given directly (a settings.xml server);</li>
 *   <li>the named profile ({@code <profile>});</li>
 *   <li>a key in the {@code aws.*} system properties, then in the {@code AWS_*} environment variables;</li>
 *   <li>a web identity token ({@code AWS_WEB_IDENTITY_TOKEN_FILE} and {@code AWS_ROLE_ARN});</li>
 *   <li>the profile of {@code aws.profile} / {@code AWS_PROFILE}, else {@code default};</li>
 *   <li>the rest of the SDK's default chain (container and instance roles).</li>
 * </ol>
 *
 * <p>The plain cases are taken here without the SDK's providers: a static key, a profile's static key, and the
 * exchanges that are one call ({@link WebIdentityExchange}, {@link SsoExchange}, and {@link AssumeRoleExchange} for
 * a profile's {@code role_arn} with its {@code source_profile}), for which the SDK would start an STS or SSO client
 * costing one to three seconds of CPU. Everything else (a role that needs an MFA code, a {@code credential_source}
 * or a session duration, a credential process, an expired SSO token to refresh, endpoint rules only the SDK knows, a
 * proxy that needs credentials) is left to the SDK's own providers, which read the same settings.
 */
final class BaseCredentials {

    /** Profile properties that only the SDK's providers act on (as it does, these come before SSO and keys). */
    private static final List<String> SDK_ONLY =
            List.of("credential_process", "web_identity_token_file", "login_session");
    /** Properties of a role profile that only the SDK's providers act on: another source, MFA, a duration. */
    private static final List<String> SDK_ONLY_ROLE = List.of("credential_source", "mfa_serial", "duration_seconds");
    /** How deep {@code source_profile} may chain before the SDK's providers are left to it (and its checks). */
    private static final int SOURCE_PROFILE_DEPTH = 4;
    /** Profile properties of an SSO profile. */
    private static final List<String> SSO = List.of("sso_session", "sso_start_url", "sso_account_id");

    private BaseCredentials() {}

    /** @param region the build's region ({@link Regions}), where STS is called for a web identity */
    static AwsCredentialsProvider of(ClientKey key, String region, SystemSettings system) {
        if (key.credentials().accessKey().isPresent()) {
            AccessKey accessKey = key.credentials().accessKey().get();
            return staticKey(
                    accessKey.accessKeyId(), accessKey.secretAccessKey(), Optional.empty(), accessKey.source());
        }
        if (key.connection().profile().isPresent()) {
            String name = key.connection().profile().get();
            return fromProfile(key, name, region, system)
                    .orElseGet(() -> ProfileCredentialsProvider.builder()
                            .profileName(name)
                            .build());
        }
        Optional<String> propertyKey = system.property("aws.accessKeyId");
        Optional<String> propertySecret = system.property("aws.secretAccessKey");
        if (propertyKey.isPresent() && propertySecret.isPresent()) {
            return staticKey(propertyKey.get(), propertySecret.get(), system.property("aws.sessionToken"), "f");
        }
        Optional<String> variableKey = system.environment("AWS_ACCESS_KEY_ID");
        Optional<String> variableSecret = system.environment("AWS_SECRET_ACCESS_KEY");
        if (variableKey.isPresent() && variableSecret.isPresent()) {
            return staticKey(variableKey.get(), variableSecret.get(), system.environment("AWS_SESSION_TOKEN"), "g");
        }
        Optional<WebIdentityExchange.Settings> webIdentity = WebIdentityExchange.Settings.of(system);
        if (webIdentity.isPresent()) {
            return ExchangedCredentials.at(
                            key,
                            Optional.empty(),
                            "Sts",
                            "sts",
                            region,
                            system,
                            (sts, proxy, timeout) -> new WebIdentityExchange(webIdentity.get(), sts, proxy, timeout))
                    .orElseGet(BaseCredentials::defaultChain);
        }
        String profile = system.property("aws.profile")
                .or(() -> system.environment("AWS_PROFILE"))
                .orElse("default");
        return fromProfile(key, profile, region, system).orElseGet(BaseCredentials::defaultChain);
    }

    /**
     * A profile's static key, or its SSO role's credentials for a cached token; empty for any other profile (or
     * none of that name), which the SDK's providers then read.
     */
    private static Optional<AwsCredentialsProvider> fromProfile(
            ClientKey key, String name, String region, SystemSettings system) {
        Path home = system.home();
        return fromProfile(
                key, new SharedFiles(profileFile(home, system), home, region, system), name, SOURCE_PROFILE_DEPTH);
    }

    /** What reading a profile needs besides its name: the files, the home, the build's region and settings. */
    private record SharedFiles(ProfileFile file, Path home, String region, SystemSettings system) {}

    private static Optional<AwsCredentialsProvider> fromProfile(
            ClientKey key, SharedFiles files, String name, int depth) {
        ProfileFile file = files.file();
        Optional<Profile> profile = file.profile(name);
        if (profile.isEmpty() || depth == 0) {
            return Optional.empty();
        }
        Profile p = profile.get();
        if (p.property("role_arn").isPresent()) {
            return roleProfile(key, files, p, depth);
        }
        if (SDK_ONLY.stream().anyMatch(property -> p.property(property).isPresent())) {
            return Optional.empty();
        }
        if (SSO.stream().anyMatch(property -> p.property(property).isPresent())) {
            return SsoExchange.Settings.of(
                            file, p, files.home(), Clock.systemUTC().instant())
                    .flatMap(sso -> ExchangedCredentials.at(
                            key,
                            Optional.empty(),
                            "Sso",
                            "portal.sso",
                            sso.region(),
                            files.system(),
                            (portal, proxy, timeout) -> new SsoExchange(sso, portal, proxy, timeout)));
        }
        Optional<String> keyId = p.property("aws_access_key_id");
        Optional<String> secret = p.property("aws_secret_access_key");
        return keyId.isPresent() && secret.isPresent()
                ? Optional.of(staticKey(keyId.get(), secret.get(), p.property("aws_session_token"), "n"))
                : Optional.empty();
    }

    /**
     * A profile that assumes {@code role_arn} with the credentials of its {@code source_profile}, as the SDK's
     * profile provider does: one {@link AssumeRoleExchange}. Left to the SDK's providers when the role needs what
     * only they do (another credential source, an MFA code, a session duration), or its source is not one the
     * plugin reads itself.
     */
    private static Optional<AwsCredentialsProvider> roleProfile(
            ClientKey key, SharedFiles files, Profile profile, int depth) {
        Optional<String> source = profile.property("source_profile");
        if (source.isEmpty()
                || SDK_ONLY.stream()
                        .anyMatch(property -> profile.property(property).isPresent())
                || SDK_ONLY_ROLE.stream()
                        .anyMatch(property -> profile.property(property).isPresent())) {
            return Optional.empty();
        }
        AssumedRole role = new AssumedRole(
                profile.property("role_arn").get(),
                profile.property("external_id"),
                profile.property("role_session_name").orElseGet(() -> "aws-sdk-java-" + System.currentTimeMillis()));
        return fromProfile(key, files, source.get(), depth - 1)
                .flatMap(base -> ExchangedCredentials.at(
                        key,
                        Optional.empty(),
                        "Sts",
                        "sts",
                        files.region(),
                        files.system(),
                        (sts, proxy, timeout) -> new AssumeRoleExchange(
                                role, base, sts, files.region(), proxy, timeout, AssumeRoleExchange.PROFILE_SOURCE)));
    }

    /** The shared config and credentials files, where the SDK reads them. */
    private static ProfileFile profileFile(Path home, SystemSettings system) {
        Path config = system.awsConfigFile();
        Path credentials = system.property("aws.sharedCredentialsFile")
                .or(() -> system.environment("AWS_SHARED_CREDENTIALS_FILE"))
                .map(Path::of)
                .orElseGet(() -> home.resolve(".aws/credentials"));
        ProfileFile.Aggregator files = ProfileFile.aggregator();
        if (Files.isRegularFile(config)) {
            files.addFile(ProfileFile.builder()
                    .content(config)
                    .type(ProfileFile.Type.CONFIGURATION)
                    .build());
        }
        if (Files.isRegularFile(credentials)) {
            files.addFile(ProfileFile.builder()
                    .content(credentials)
                    .type(ProfileFile.Type.CREDENTIALS)
                    .build());
        }
        return files.build();
    }

    private static AwsCredentialsProvider defaultChain() {
        return DefaultCredentialsProvider.builder().build();
    }

    /** @param source how the SDK's providers name it ({@code f}, {@code g}, {@code n}: {@link CredentialSources}) */
    private static AwsCredentialsProvider staticKey(
            String accessKeyId, String secret, Optional<String> token, String source) {
        return StaticCredentialsProvider.create(token.<AwsCredentials>map(t -> AwsSessionCredentials.builder()
                        .accessKeyId(accessKeyId)
                        .secretAccessKey(secret)
                        .sessionToken(t)
                        .providerName(source)
                        .build())
                .orElseGet(() -> AwsBasicCredentials.builder()
                        .accessKeyId(accessKeyId)
                        .secretAccessKey(secret)
                        .providerName(source)
                        .build()));
    }
}

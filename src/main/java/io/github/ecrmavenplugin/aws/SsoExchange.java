package io.github.ecrmavenplugin.aws;

import io.github.ecrmavenplugin.json.Json;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.profiles.Profile;
import software.amazon.awssdk.profiles.ProfileFile;

/**
 * An SSO profile's access token, as {@code aws sso login} caches it, exchanged with the IAM Identity Center portal's
 * {@code GetRoleCredentials} for the profile's role, as the SDK's SSO credentials provider does. The call is not
 * signed: the access token is the proof.
 *
 * <p>Only the plain case is taken: a profile naming its account and role, with an {@code sso-session} section (or
 * the legacy {@code sso_start_url} in the profile), whose token is cached and not expired. An expired token is the
 * SDK's to handle, which may refresh it with the cached refresh token or explain what to do.
 */
final class SsoExchange implements ExchangedCredentials.Exchange {

    /** The SDK's provider name for these credentials ({@link CredentialSources}). */
    static final String SOURCE = "r";

    /**
     * What the profile and the token cache say.
     *
     * @param profile     the profile's name, for messages
     * @param accountId   {@code sso_account_id}
     * @param roleName    {@code sso_role_name}
     * @param region      {@code sso_region}: where the portal is
     * @param accessToken the cached access token
     */
    record Settings(String profile, String accountId, String roleName, String region, String accessToken) {

        @Override
        public String toString() {
            return "SsoExchange.Settings[" + profile + ", " + accountId + ", " + roleName + ", " + region + "]";
        }

        /**
         * The settings of an SSO profile whose token is cached and still valid; empty for any other profile, or
         * when the token is missing, unreadable or expired.
         *
         * @param home the user's home directory, where {@code .aws/sso/cache} is
         */
        static Optional<Settings> of(ProfileFile file, Profile profile, Path home, Instant now) {
            Optional<String> account = profile.property("sso_account_id");
            Optional<String> role = profile.property("sso_role_name");
            if (account.isEmpty() || role.isEmpty()) {
                return Optional.empty();
            }
            Optional<String> session = profile.property("sso_session");
            Optional<Profile> section = session.flatMap(name -> file.getSection("sso-session", name));
            if (session.isPresent() && section.isEmpty()) {
                return Optional.empty();
            }
            Optional<String> region =
                    section.isPresent() ? section.get().property("sso_region") : profile.property("sso_region");
            // The cache file is named after the session (or, for a legacy profile, the start URL).
            Optional<String> cacheKey = session.or(() -> profile.property("sso_start_url"));
            if (region.isEmpty() || cacheKey.isEmpty()) {
                return Optional.empty();
            }
            return cachedToken(home.resolve(".aws/sso/cache/" + sha1(cacheKey.get()) + ".json"), now)
                    .map(token -> new Settings(profile.name(), account.get(), role.get(), region.get(), token));
        }

        private static Optional<String> cachedToken(Path file, Instant now) {
            try {
                if (!Files.isRegularFile(file)) {
                    return Optional.empty();
                }
                Object parsed = Json.parse(Files.readString(file));
                if (parsed instanceof Map<?, ?> cache
                        && cache.get("accessToken") instanceof String token
                        && cache.get("expiresAt") instanceof String expiresAt
                        && now.isBefore(Instant.parse(expiresAt))) {
                    return Optional.of(token);
                }
            } catch (IOException | RuntimeException e) {
                // unreadable, or a date of another shape: the SDK's provider reads it, or explains
            }
            return Optional.empty();
        }

        private static String sha1(String text) {
            try {
                return HexFormat.of()
                        .formatHex(MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8)));
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("SHA-1 is part of every JVM", e);
            }
        }
    }

    private final Settings settings;
    private final DirectHttp.Target portal;

    /**
     * @param portal         the portal's endpoint ({@link DirectRoute#serviceEndpoint})
     * @param proxy          the settings.xml proxy (without credentials), as for ECR's direct reads
     * @param attemptTimeout how long one call may wait for its answer
     */
    SsoExchange(Settings settings, URI portal, Optional<ProxySettings> proxy, Duration attemptTimeout) {
        this.settings = settings;
        String base = portal.toString().replaceAll("/+$", "");
        URI url = URI.create(base + "/federation/credentials?role_name=" + encode(settings.roleName()) + "&account_id="
                + encode(settings.accountId()));
        this.portal = new DirectHttp.Target(url, proxy, attemptTimeout);
    }

    @Override
    public AwsSessionCredentials attempt() throws IOException {
        DirectHttp.Reply reply = portal.get(Map.of("x-amz-sso_bearer_token", settings.accessToken()));
        if (reply.status() == 200) {
            return credentials(reply.body());
        }
        String type = Optional.ofNullable(reply.header("x-amzn-ErrorType"))
                .map(t -> t.replaceAll(":.*", ""))
                .orElse("HTTP " + reply.status());
        if (reply.status() >= 500 || reply.status() == 429) {
            throw new ExchangedCredentials.TryAgain("the SSO portal answered " + type);
        }
        throw refused(type, reply.header("x-amzn-RequestId"));
    }

    @Override
    public CredentialsException unreachable(IOException last, int attempts) {
        return new CredentialsException(
                "Cannot get credentials for SSO profile '" + settings.profile() + "': the "
                        + "SSO portal at " + portal.url().getScheme() + "://"
                        + portal.url().getAuthority()
                        + ExchangedCredentials.noAnswer(last, attempts) + ". Check the network path (proxy) to it",
                false,
                last);
    }

    private CredentialsException refused(String type, String requestId) {
        String what = type + (requestId == null ? "" : ", request ID " + requestId);
        if ("UnauthorizedException".equals(type)) {
            return new CredentialsException(
                    "The SSO session of profile '" + settings.profile() + "' is no longer "
                            + "valid (" + what + "). Run `aws sso login --profile " + settings.profile()
                            + "` and build "
                            + "again",
                    true,
                    null);
        }
        return new CredentialsException(
                "The SSO portal refused role " + settings.roleName() + " in account "
                        + settings.accountId() + " for profile '" + settings.profile() + "' (" + what + "). Check "
                        + "sso_account_id and sso_role_name, and that your SSO user is assigned that permission set",
                true,
                null);
    }

    private static AwsSessionCredentials credentials(String body) throws IOException {
        try {
            Map<?, ?> role = (Map<?, ?>) ((Map<?, ?>) Json.parse(body)).get("roleCredentials");
            AwsSessionCredentials.Builder credentials = AwsSessionCredentials.builder()
                    .accessKeyId((String) role.get("accessKeyId"))
                    .secretAccessKey((String) role.get("secretAccessKey"))
                    .sessionToken((String) role.get("sessionToken"))
                    .providerName(SOURCE);
            if (role.get("expiration") instanceof BigDecimal millis) {
                credentials.expirationTime(Instant.ofEpochMilli(millis.longValue()));
            }
            return credentials.build();
        } catch (RuntimeException e) {
            // Not quoted: the answer holds a secret.
            throw new IOException("the SSO portal answered without credentials ("
                    + e.getClass().getSimpleName() + ")");
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}

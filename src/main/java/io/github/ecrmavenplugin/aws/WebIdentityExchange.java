package io.github.ecrmavenplugin.aws;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;

/**
 * A web identity token (an OIDC token a CI job or a Kubernetes service account is given) exchanged with STS's
 * {@code AssumeRoleWithWebIdentity} for the role's temporary key, as the SDK's
 * {@code WebIdentityTokenFileCredentialsProvider} does: the token file, the role and the session name come from
 * {@code AWS_WEB_IDENTITY_TOKEN_FILE}, {@code AWS_ROLE_ARN} and {@code AWS_ROLE_SESSION_NAME} (or the
 * {@code aws.webIdentityTokenFile}, {@code aws.roleArn} and {@code aws.roleSessionName} system properties, which
 * come first). The call is not signed: the token is the proof. The file is read again at every exchange, since
 * the platforms that write it renew it.
 */
final class WebIdentityExchange implements ExchangedCredentials.Exchange {

    /** The SDK's provider name for these credentials ({@link CredentialSources}). */
    static final String SOURCE = "h";

    private static final String FORM = "application/x-www-form-urlencoded; charset=utf-8";

    /**
     * What the environment says about the web identity.
     *
     * @param tokenFile   the file holding the token
     * @param roleArn     the role to assume
     * @param sessionName the role session's name: the one given, else one as the SDK names it
     */
    record Settings(Path tokenFile, String roleArn, String sessionName) {

        /** The settings when both the token file and the role are given, as the SDK's default chain asks. */
        static Optional<Settings> of(SystemSettings system) {
            Optional<String> file = setting(system, "aws.webIdentityTokenFile", "AWS_WEB_IDENTITY_TOKEN_FILE");
            Optional<String> role = setting(system, "aws.roleArn", "AWS_ROLE_ARN");
            if (file.isEmpty() || role.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(new Settings(
                    Path.of(file.get()),
                    role.get(),
                    setting(system, "aws.roleSessionName", "AWS_ROLE_SESSION_NAME")
                            .orElseGet(() -> "aws-sdk-java-" + System.currentTimeMillis())));
        }

        private static Optional<String> setting(SystemSettings system, String property, String variable) {
            return system.property(property).or(() -> system.environment(variable));
        }
    }

    private final Settings settings;
    private final DirectHttp.Target sts;

    /**
     * @param sts            STS's endpoint ({@link DirectRoute#serviceEndpoint})
     * @param proxy          the settings.xml proxy (without credentials), as for ECR's direct reads
     * @param attemptTimeout how long one call may wait for its answer
     */
    WebIdentityExchange(Settings settings, URI sts, Optional<ProxySettings> proxy, Duration attemptTimeout) {
        this.settings = settings;
        this.sts = new DirectHttp.Target(sts, proxy, attemptTimeout);
    }

    @Override
    public AwsSessionCredentials attempt() throws IOException {
        String token = token();
        byte[] form = ("Action=AssumeRoleWithWebIdentity&Version=2011-06-15&RoleArn=" + encode(settings.roleArn())
                        + "&RoleSessionName=" + encode(settings.sessionName()) + "&WebIdentityToken=" + encode(token))
                .getBytes(StandardCharsets.UTF_8);
        return StsAnswer.read(sts.post(Map.of("Content-Type", FORM), form), SOURCE, this::refused);
    }

    @Override
    public CredentialsException unreachable(IOException last, int attempts) {
        return new CredentialsException(
                "Cannot exchange the web identity token for role " + settings.roleArn()
                        + ": STS at " + sts.url() + ExchangedCredentials.noAnswer(last, attempts)
                        + ". Check the network "
                        + "path (proxy) to STS, or AWS_ENDPOINT_URL_STS if you set one",
                false,
                last);
    }

    private String token() {
        try {
            return Files.readString(settings.tokenFile()).trim();
        } catch (IOException | RuntimeException e) {
            throw new CredentialsException(
                    "Cannot read the web identity token file " + settings.tokenFile()
                            + " (AWS_WEB_IDENTITY_TOKEN_FILE): " + e.getClass().getSimpleName()
                            + ". Check that the CI job "
                            + "or the platform writes it before the build runs",
                    true,
                    e);
        }
    }

    private CredentialsException refused(String code, String requestId, String message) {
        String fix = switch (code) {
            case "ExpiredTokenException" ->
                "The token in " + settings.tokenFile() + " has expired; the platform " + "that writes it must renew it";
            case "AccessDenied" ->
                "The role's trust policy must allow sts:AssumeRoleWithWebIdentity for this "
                        + "token's issuer, audience and subject";
            default ->
                "Check AWS_ROLE_ARN, and that the role's trust policy allows "
                        + "sts:AssumeRoleWithWebIdentity for this token's issuer, audience and subject";
        };
        // STS's own message stays in the cause, for -e and -X.
        return new CredentialsException(
                "STS refused the web identity token for role " + settings.roleArn() + " (" + code
                        + (requestId == null ? "" : ", request ID " + requestId) + "). " + fix,
                true,
                new IllegalStateException("STS: " + message));
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}

package io.github.ecrmavenplugin.aws;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;

/**
 * A role assumed with STS's {@code AssumeRole} ({@code <roleArn>}, or a profile's {@code role_arn} with its
 * {@code source_profile}), signed with the base credentials, as the SDK's {@code StsAssumeRoleCredentialsProvider}
 * does, in one call of the plugin's own instead of through the SDK's STS
 * client, which costs a cold JVM about a second of CPU to start for this one call (BENCHMARKS.md).
 */
final class AssumeRoleExchange implements ExchangedCredentials.Exchange {

    /** The SDK's provider names for these credentials ({@link CredentialSources}): {@code <roleArn>}, a profile. */
    static final String SOURCE = "i";

    static final String PROFILE_SOURCE = "o";

    private static final String FORM = "application/x-www-form-urlencoded; charset=utf-8";

    private final AssumedRole role;
    private final AwsCredentialsProvider base;
    private final DirectHttp.Target sts;
    private final SigV4 signer;
    private final String source;

    /**
     * @param base           the credentials the role is assumed with
     * @param sts            STS's endpoint: {@code <stsEndpoint>}, else {@link DirectRoute#serviceEndpoint}
     * @param region         the build's region, which the call is signed for (as the SDK's STS client signs it)
     * @param proxy          the settings.xml proxy (without credentials), as for ECR's direct reads
     * @param attemptTimeout how long one call may wait for its answer
     * @param source         {@link #SOURCE} or {@link #PROFILE_SOURCE}
     */
    AssumeRoleExchange(
            AssumedRole role,
            AwsCredentialsProvider base,
            URI sts,
            String region,
            Optional<ProxySettings> proxy,
            Duration attemptTimeout,
            String source) {
        this.role = role;
        this.base = base;
        this.sts = new DirectHttp.Target(sts, proxy, attemptTimeout);
        this.signer = new SigV4("sts", region, Clock.systemUTC());
        this.source = source;
    }

    @Override
    public AwsSessionCredentials attempt() throws IOException {
        byte[] form = ("Action=AssumeRole&Version=2011-06-15&RoleArn=" + encode(role.roleArn())
                        + "&RoleSessionName=" + encode(role.sessionName())
                        + role.externalId()
                                .map(id -> "&ExternalId=" + encode(id))
                                .orElse(""))
                .getBytes(StandardCharsets.UTF_8);
        AwsCredentials caller = (AwsCredentials) base.resolveCredentials();
        Map<String, String> headers = new LinkedHashMap<>(Map.of("Content-Type", FORM));
        headers.putAll(signer.sign(sts.url(), headers, form, caller));
        return StsAnswer.read(sts.post(headers, form), source, this::refused);
    }

    private CredentialsException refused(String code, String requestId, String message) {
        // STS's own message (which names the caller) stays in the cause, for -e and -X.
        return refused(role, code, requestId, new IllegalStateException("STS: " + message));
    }

    /**
     * STS refused the role: the caller may not assume it, or the external ID is wrong. Also for the SDK's STS
     * client, where that still makes the call.
     */
    static CredentialsException refused(AssumedRole role, String code, String requestId, Throwable cause) {
        return new CredentialsException(
                "Cannot assume role " + role.roleArn() + ": STS answered " + code
                        + " (request ID " + requestId + "). The role's trust policy must allow sts:AssumeRole for the "
                        + "build's identity" + (role.externalId().isPresent() ? " with this <roleExternalId>" : "")
                        + ", and that identity needs sts:AssumeRole on the role",
                true,
                cause);
    }

    @Override
    public CredentialsException unreachable(IOException last, int attempts) {
        return new CredentialsException(
                "Cannot assume role " + role.roleArn() + ": STS at " + sts.url()
                        + ExchangedCredentials.noAnswer(last, attempts) + ". Check <stsEndpoint> and the network path "
                        + "(proxy) to STS",
                false,
                last);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}

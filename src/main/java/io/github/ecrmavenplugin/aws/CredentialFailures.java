package io.github.ecrmavenplugin.aws;

import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;

/**
 * Asks the SDK's credentials providers for credentials and turns their failures into a {@link CredentialsException}
 * with a short message that names the source and the fix. The SDK's own text (the default chain lists every
 * provider and why it found nothing) stays in the cause, for {@code -e} and {@code -X}.
 */
final class CredentialFailures {

    /** What the SDK's process provider says when {@code credential_process} failed or printed no credentials. */
    private static final String PROCESS_FAILED = "process-based credentials";
    /** The default chain's web identity provider, as the chain names it in its message. */
    private static final String WEB_IDENTITY = "WebIdentityTokenCredentialsProvider(): ";

    private CredentialFailures() {}

    /**
     * The provider's credentials.
     *
     * @param role the role {@code provider} assumes, {@code null} for the credentials it is assumed with
     * @throws CredentialsException naming the source and the fix
     */
    static AwsCredentials resolve(AwsCredentialsProvider provider, ClientKey key, AssumedRole role) {
        try {
            return provider.resolveCredentials();
        } catch (AwsServiceException e) {
            throw refused(e, key, role);
        } catch (SdkClientException e) {
            if (role != null) {
                throw new CredentialsException(
                        "Cannot assume role " + role.roleArn() + ": STS could not be reached. Check "
                                + "<stsEndpoint> and the network path (proxy) to STS",
                        false,
                        e);
            }
            throw new CredentialsException(missing(e, key), true, e);
        } catch (RuntimeException e) {
            if (text(e).contains(PROCESS_FAILED)) {
                throw new CredentialsException(processFailed(key), true, e);
            }
            throw new CredentialsException(
                    "AWS credentials failed (" + e.getClass().getSimpleName() + "). Check the credentials the build "
                            + "is given",
                    true,
                    e);
        }
    }

    /** A service refused to hand out credentials: STS (a role), or the SSO portal (a profile's session). */
    private static CredentialsException refused(AwsServiceException e, ClientKey key, AssumedRole role) {
        String code = Optional.ofNullable(e.awsErrorDetails())
                .map(details -> details.errorCode())
                .orElse("HTTP " + e.statusCode());
        if (role != null) {
            // STS's own message (which names the caller) stays in the cause.
            return new CredentialsException(
                    "Cannot assume role " + role.roleArn() + ": STS answered " + code + " (request ID "
                            + e.requestId() + "). The role's trust policy must allow sts:AssumeRole for the build's "
                            + "identity" + (role.externalId().isPresent() ? " with this <roleExternalId>" : "")
                            + ", and that identity needs sts:AssumeRole on the role",
                    true,
                    e);
        }
        String profile = key.connection().profile().orElse("default");
        return new CredentialsException(
                "AWS refused the credentials of profile '" + profile + "' (" + code + ", request ID " + e.requestId()
                        + "). For an SSO profile run `aws sso login --profile " + profile + "`; for a role, check "
                        + "its trust policy",
                true,
                e);
    }

    /** The default chain, or the named profile, found nothing usable: say which source failed, if one did. */
    private static String missing(SdkClientException e, ClientKey key) {
        String text = text(e);
        if (text.contains(PROCESS_FAILED)) {
            return processFailed(key);
        }
        int webIdentity = text.indexOf(WEB_IDENTITY);
        int next = text.indexOf("ProfileCredentialsProvider(", Math.max(webIdentity, 0));
        if (webIdentity >= 0
                && text.substring(webIdentity, next < 0 ? text.length() : next).contains("Service: Sts")) {
            return "STS refused the web identity token (AWS_WEB_IDENTITY_TOKEN_FILE, AWS_ROLE_ARN). The role's "
                    + "trust policy must allow sts:AssumeRoleWithWebIdentity for this token's issuer, audience and "
                    + "subject";
        }
        if (key.connection().profile().isPresent()) {
            String profile = key.connection().profile().get();
            return "No AWS credentials in profile '" + profile + "' (<profile>, -Decr.profile). Check the profile in "
                    + "~/.aws/config and ~/.aws/credentials, or run `aws sso login --profile " + profile + "` for an "
                    + "SSO profile";
        }
        return EcrClients.NO_CREDENTIALS;
    }

    private static String processFailed(ClientKey key) {
        String profile =
                key.connection().profile().map(name -> "'" + name + "'").orElse("(AWS_PROFILE, else default)");
        return "The credential_process of AWS profile " + profile + " failed or printed no credentials: it must exit "
                + "with 0 and print JSON with \"Version\": 1, \"AccessKeyId\" and \"SecretAccessKey\". Run the command "
                + "by hand to see what it prints";
    }

    /** The messages of {@code e} and its causes, one after the other. */
    private static String text(Throwable e) {
        StringBuilder text = new StringBuilder();
        for (Throwable t = e; t != null && t != t.getCause(); t = t.getCause()) {
            text.append(t.getMessage()).append('\n');
        }
        return text.toString();
    }
}

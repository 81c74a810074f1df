package io.github.ecrmavenplugin.aws;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.SdkSystemSetting;

/**
 * Asks the SDK's credentials providers for credentials and turns their failures into a {@link CredentialsException}
 * with a short message that names the source that failed and the fix. The SDK's own text (the default chain lists
 * every provider and why it found nothing) stays in the cause, for {@code -e} and {@code -X}.
 *
 * <p>The default chain reports a failure as one message that lists each of its providers with its own message; the
 * provider that was configured but failed (a web identity token STS refused, a profile whose SSO session expired)
 * is told apart from those that found nothing to use by the SDK's words for "nothing configured".
 */
final class CredentialFailures {

    /** How the default chain's message starts, before the list of its providers' messages. */
    private static final String CHAIN_FAILED = "Unable to load credentials from any of the providers in the chain";
    /**
     * One entry of that list: a provider, e.g. {@code ProfileCredentialsProvider(profileName=dev)}, and its words.
     * The STS module's providers name themselves by their user-agent code, e.g. {@code h()}.
     */
    private static final Pattern ENTRY =
            Pattern.compile("(?:^|, )(\\w+CredentialsProvider|[a-zA-Z0-9]{1,2})\\((.*?)\\): ");
    /**
     * The web identity link: {@code DefaultCredentialsProvider}'s, or {@code StsWebIdentityTokenFileCredentialsProvider}
     * (code {@code h}) in the chain behind a proxy ({@link DefaultChainBehindProxy}).
     */
    private static final List<String> WEB_IDENTITY_LINKS = List.of("WebIdentityTokenFileCredentialsProvider", "h");

    private static final String WEB_IDENTITY_NOT_SET = "Either the environment variable AWS_WEB_IDENTITY_TOKEN_FILE";
    private static final String PROFILE_WITHOUT_CREDENTIALS = "Profile file contained no credentials";
    private static final String PROCESS_FAILED = "process-based credentials";
    /** How the SDK says a service could not be reached: no connection, or a host name that does not resolve. */
    private static final List<String> UNREACHABLE =
            List.of("Unable to execute HTTP request", "Received an UnknownHostException");
    /** How the SDK ends a service's refusal: "(Service: Sts, Status Code: 403, Request ID: 1a2b...)". */
    private static final Pattern REFUSAL =
            Pattern.compile("\\(Service: (\\w+), Status Code: (\\d+), Request ID: ([^)]*)\\)");

    private static final int MAX_REASON = 200;

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
        } catch (RuntimeException e) {
            throw role != null ? assumeRole(e, role) : explain(e, key);
        }
    }

    /** {@code <roleArn>} could not be assumed, with the credentials the plugin would otherwise use. */
    private static CredentialsException assumeRole(RuntimeException e, AssumedRole role) {
        if (e instanceof AwsServiceException refusal) {
            String code = Optional.ofNullable(refusal.awsErrorDetails())
                    .map(details -> details.errorCode())
                    .orElse("HTTP " + refusal.statusCode());
            // STS's own message (which names the caller) stays in the cause.
            return new CredentialsException(
                    "Cannot assume role " + role.roleArn() + ": STS answered " + code + " (request ID "
                            + refusal.requestId() + "). The role's trust policy must allow sts:AssumeRole for the "
                            + "build's identity" + (role.externalId().isPresent() ? " with this <roleExternalId>" : "")
                            + ", and that identity needs sts:AssumeRole on the role",
                    true,
                    e);
        }
        return new CredentialsException(
                "Cannot assume role " + role.roleArn() + ": STS could not be reached. Check <stsEndpoint> and the "
                        + "network path (proxy) to STS",
                false,
                e);
    }

    private static CredentialsException explain(RuntimeException e, ClientKey key) {
        String text = text(e);
        Optional<String> profile = key.connection().profile();
        if (!text.startsWith(CHAIN_FAILED)) {
            // <profile>: the SDK's profile provider failed by itself.
            String name = profile.orElse("default");
            return text.contains(PROFILE_WITHOUT_CREDENTIALS)
                    ? new CredentialsException(noCredentialsIn(name), true, e)
                    : profileFailed(name, text, e);
        }
        Map<String, String> providers = providers(text);
        String webIdentity = WEB_IDENTITY_LINKS.stream()
                .map(providers::get)
                .filter(Objects::nonNull)
                .findFirst()
                .orElse(null);
        if (webIdentity != null && !webIdentity.startsWith(WEB_IDENTITY_NOT_SET)) {
            return webIdentityFailed(webIdentity, e);
        }
        String fromProfile = providers.get("ProfileCredentialsProvider");
        if (fromProfile != null && !fromProfile.startsWith(PROFILE_WITHOUT_CREDENTIALS)) {
            return profileFailed(providers.getOrDefault("profileName", "default"), fromProfile, e);
        }
        return new CredentialsException(EcrClients.NO_CREDENTIALS, true, e);
    }

    /** The default chain's providers and what each said; the profile's name under {@code profileName}. */
    private static Map<String, String> providers(String text) {
        Map<String, String> providers = new LinkedHashMap<>();
        int list = text.indexOf(" : [");
        if (list < 0) {
            return providers;
        }
        String entries = text.substring(list + 4);
        Matcher entry = ENTRY.matcher(entries);
        String name = null;
        int from = 0;
        while (entry.find()) {
            if (name != null) {
                providers.put(name, entries.substring(from, entry.start()).replaceAll(",\\s*$", ""));
            }
            name = entry.group(1);
            from = entry.end();
            if (name.equals("ProfileCredentialsProvider") && entry.group(2).startsWith("profileName=")) {
                String rest = entry.group(2).substring("profileName=".length());
                providers.put("profileName", rest.contains(",") ? rest.substring(0, rest.indexOf(',')) : rest);
            }
        }
        if (name != null) {
            providers.put(name, entries.substring(from).replaceAll("]\\s*$", ""));
        }
        return providers;
    }

    private static CredentialsException webIdentityFailed(String reason, RuntimeException e) {
        String role = SdkSystemSetting.AWS_ROLE_ARN.getStringValue().orElse("(AWS_ROLE_ARN)");
        if (reason.contains("NoSuchFileException") || reason.contains("AccessDeniedException: /")) {
            String file = SdkSystemSetting.AWS_WEB_IDENTITY_TOKEN_FILE
                    .getStringValue()
                    .orElse("");
            return new CredentialsException(
                    "Cannot read the web identity token file " + file + " (AWS_WEB_IDENTITY_TOKEN_FILE). Check that "
                            + "the CI job or the platform writes it before the build runs",
                    true,
                    e);
        }
        Matcher refusal = REFUSAL.matcher(reason);
        if (refusal.find()) {
            return new CredentialsException(
                    "STS refused the web identity token for role " + role + " (HTTP " + refusal.group(2)
                            + ", request ID " + refusal.group(3) + "). Check AWS_ROLE_ARN, and that the role's trust "
                            + "policy allows sts:AssumeRoleWithWebIdentity for this token's issuer, audience and "
                            + "subject",
                    true,
                    e);
        }
        return unreachableOr(
                reason,
                "Cannot exchange the web identity token for role " + role + ": STS could not be reached. Check "
                        + "the network path (proxy) to STS, or AWS_ENDPOINT_URL_STS if you set one",
                "The web identity token (AWS_WEB_IDENTITY_TOKEN_FILE, AWS_ROLE_ARN) gave no credentials: ",
                e);
    }

    /** The profile names a source that failed: an SSO session, a role, a credential process. */
    private static CredentialsException profileFailed(String profile, String reason, RuntimeException e) {
        if (reason.contains(PROCESS_FAILED)) {
            return new CredentialsException(
                    "The credential_process of AWS profile '" + profile + "' failed or printed no credentials: it "
                            + "must exit with 0 and print JSON with \"Version\": 1, \"AccessKeyId\" and "
                            + "\"SecretAccessKey\". Run the command by hand to see what it prints",
                    true,
                    e);
        }
        Matcher refusal = REFUSAL.matcher(reason);
        if (refusal.find()) {
            String answer = "HTTP " + refusal.group(2) + ", request ID " + refusal.group(3);
            if (refusal.group(1).equals("Sso")) {
                return new CredentialsException(
                        refusal.group(2).equals("401")
                                ? "The SSO session of profile '" + profile + "' is no longer valid (" + answer
                                        + "). Run aws sso login --profile " + profile + " and build again"
                                : "The SSO portal refused the role of profile '" + profile + "' (" + answer + "). "
                                        + "Check its sso_account_id and sso_role_name, and that your SSO user is "
                                        + "assigned them",
                        true,
                        e);
            }
            return new CredentialsException(
                    "STS refused the role of profile '" + profile + "' (" + answer + "). The role's trust policy "
                            + "must allow sts:AssumeRole for the identity of its source_profile or credential_source",
                    true,
                    e);
        }
        if (reason.contains("aws sso login")) {
            return new CredentialsException(
                    "The SSO session of profile '" + profile + "' has expired or is not logged in. Run aws sso login "
                            + "--profile " + profile + " and build again",
                    true,
                    e);
        }
        return unreachableOr(
                reason,
                "Cannot get the credentials of profile '" + profile + "': the SSO portal or STS could not be "
                        + "reached. Check the network path (proxy) to it",
                "The AWS profile '" + profile + "' gave no credentials: ",
                e);
    }

    /**
     * The last word on a source that failed for none of the reasons its caller knows: the service it asks could not
     * be reached (worth a retry), or else the SDK's reason, shortened, after {@code gaveNothing}.
     */
    private static CredentialsException unreachableOr(
            String reason, String unreachable, String gaveNothing, RuntimeException e) {
        return UNREACHABLE.stream().anyMatch(reason::contains)
                ? new CredentialsException(unreachable, false, e)
                : new CredentialsException(gaveNothing + shorten(reason), true, e);
    }

    private static String noCredentialsIn(String profile) {
        return "No AWS credentials in profile '" + profile + "' (<profile>, -Decr.profile). Check the profile in "
                + "~/.aws/config and ~/.aws/credentials, or run `aws sso login --profile " + profile + "` for an "
                + "SSO profile";
    }

    private static String shorten(String text) {
        String line = text.strip().replaceAll("\\s+", " ");
        return line.length() <= MAX_REASON ? line : line.substring(0, MAX_REASON - 1) + "…";
    }

    /** The messages of {@code e} and its causes, one after the other. */
    private static String text(Throwable e) {
        StringBuilder text = new StringBuilder();
        for (Throwable t = e; t != null && t != t.getCause(); t = t.getCause()) {
            if (t.getMessage() != null) {
                text.append(t.getMessage()).append('\n');
            }
        }
        return text.toString();
    }
}

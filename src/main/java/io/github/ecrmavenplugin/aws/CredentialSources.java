package io.github.ecrmavenplugin.aws;

import java.util.Arrays;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Puts into words where the SDK's default chain found credentials. The SDK names the source in
 * {@code AwsCredentials.providerName()} with its short user-agent codes (e.g. {@code g} for environment variables,
 * {@code n,i} for a profile that assumes a role); older SDKs used class names, which pass through as they are.
 */
final class CredentialSources {

    private static final Map<String, String> CODES = Map.ofEntries(
            Map.entry("e", "given in code"),
            Map.entry("f", "Java system properties aws.accessKeyId/aws.secretAccessKey"),
            Map.entry("g", "environment variables AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY"),
            Map.entry("h", "web identity token from AWS_WEB_IDENTITY_TOKEN_FILE and AWS_ROLE_ARN"),
            Map.entry("i", "role assumed through STS"),
            Map.entry("j", "SAML role assumed through STS"),
            Map.entry("k", "web identity role assumed through STS"),
            Map.entry("l", "STS federation token"),
            Map.entry("m", "STS session token"),
            Map.entry("n", "shared config/credentials profile"),
            Map.entry("o", "profile with source_profile"),
            Map.entry("p", "profile with credential_source"),
            Map.entry("q", "profile with web_identity_token_file"),
            Map.entry("r", "SSO profile"),
            Map.entry("s", "SSO"),
            Map.entry("t", "legacy SSO profile"),
            Map.entry("u", "legacy SSO"),
            Map.entry("v", "profile with credential_process"),
            Map.entry("w", "credential process"),
            Map.entry("z", "container credentials endpoint (ECS, EKS Pod Identity)"),
            Map.entry("0", "EC2 instance profile (instance metadata)"),
            Map.entry("AC", "profile with aws login"),
            Map.entry("AD", "aws login"));

    private CredentialSources() {}

    /** E.g. {@code "g"} → {@code "environment variables AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY"}. */
    static String describe(String providerName) {
        if (providerName == null || providerName.isBlank()) {
            return "unnamed provider";
        }
        return Arrays.stream(providerName.split(","))
                .map(String::trim)
                .map(code -> CODES.getOrDefault(code, code))
                .distinct()
                .collect(Collectors.joining(", "));
    }
}

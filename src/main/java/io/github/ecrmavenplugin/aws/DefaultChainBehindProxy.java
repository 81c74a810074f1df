package io.github.ecrmavenplugin.aws;

import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProviderChain;
import software.amazon.awssdk.auth.credentials.ContainerCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.auth.credentials.InstanceProfileCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.auth.credentials.SystemPropertyCredentialsProvider;
import software.amazon.awssdk.auth.credentials.WebIdentityTokenFileCredentialsProvider;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.auth.StsWebIdentityTokenFileCredentialsProvider;

/**
 * The SDK's default credentials chain, link for link, for a build whose AWS calls go through a proxy; without one
 * the plugin uses {@link DefaultCredentialsProvider} itself.
 *
 * <p>{@code DefaultCredentialsProvider} exchanges a web identity token (CI's OIDC token, {@code
 * AWS_WEB_IDENTITY_TOKEN_FILE} and {@code AWS_ROLE_ARN}) through an STS client it builds itself, with the SDK's
 * default HTTP client, whose proxy is only {@code http.proxyHost} or {@code HTTP_PROXY}; no setting reaches that
 * client (aws-sdk-java-v2 issue 2271). For that one link the STS module has {@link
 * StsWebIdentityTokenFileCredentialsProvider}, the SDK's documented alternative to {@link
 * WebIdentityTokenFileCredentialsProvider} for a caller's own STS client: it reads the same settings itself (token
 * file, role, session name) and is given the plugin's STS client, with the proxy. Every other link is the SDK's
 * provider, built as {@code DefaultCredentialsProvider} builds it, in its order.
 *
 * <p>The profile link still exchanges a profile's role ({@code role_arn}), web identity or SSO session through STS
 * and SSO clients of its own, which no setting reaches: those go through {@code http.proxyHost} or {@code
 * HTTP_PROXY} only.
 */
final class DefaultChainBehindProxy {

    private DefaultChainBehindProxy() {}

    /**
     * The chain; closing it closes its providers, not {@code sts}.
     *
     * @param sts the client that exchanges a web identity token: anonymous (the token is the proof), with the
     *            build's HTTP client and proxy
     */
    static AwsCredentialsProvider create(StsClient sts) {
        return AwsCredentialsProviderChain.builder()
                .reuseLastProviderEnabled(true)
                .credentialsProviders(
                        SystemPropertyCredentialsProvider.create(),
                        EnvironmentVariableCredentialsProvider.create(),
                        StsWebIdentityTokenFileCredentialsProvider.builder()
                                .stsClient(sts)
                                .build(),
                        ProfileCredentialsProvider.builder().build(),
                        ContainerCredentialsProvider.builder().build(),
                        InstanceProfileCredentialsProvider.builder().build())
                .build();
    }
}

/**
 * The {@link io.github.ecrmavenplugin.registry.Registry} port's adapter to the AWS SDK for Java v2, and nothing
 * else: every call to AWS and every credential goes through the SDK's clients and providers. The one path from a
 * goal to AWS:
 *
 * <ol>
 *   <li><b>Settings</b>: {@link io.github.ecrmavenplugin.aws.ConnectionSettings} (region, endpoint, profile,
 *       retries, time-out), {@link io.github.ecrmavenplugin.aws.CredentialsSettings} (a settings.xml server's key,
 *       a role to assume) and {@link io.github.ecrmavenplugin.aws.ProxySettings} (a settings.xml proxy) make one
 *       {@link io.github.ecrmavenplugin.aws.ClientKey}.</li>
 *   <li><b>Credentials and client</b>: {@link io.github.ecrmavenplugin.aws.EcrClients} turns a key into the SDK's
 *       credentials provider (static key, {@code ProfileCredentialsProvider}, {@code DefaultCredentialsProvider}
 *       or, behind a proxy, {@link io.github.ecrmavenplugin.aws.DefaultChainBehindProxy}, then {@code
 *       StsAssumeRoleCredentialsProvider} for a role), the region ({@link
 *       io.github.ecrmavenplugin.aws.Regions}: the POM's, else the SDK's chain) and one {@code EcrClient} with the
 *       URL-connection HTTP client, the proxy ({@link io.github.ecrmavenplugin.aws.AuthenticatingProxyHttpClient}
 *       for a proxy with credentials) and the retry rules of {@link io.github.ecrmavenplugin.aws.Retries}, once
 *       per build, on a background thread while the goal checks its configuration.</li>
 *   <li><b>Call</b>: {@link io.github.ecrmavenplugin.aws.Registries} hands the goal an {@link
 *       io.github.ecrmavenplugin.aws.SdkRegistry}, which makes each ECR call through that client.</li>
 *   <li><b>Failure mapping</b>: {@link io.github.ecrmavenplugin.aws.SdkFailures} turns the SDK's exception for a
 *       call into a {@link io.github.ecrmavenplugin.registry.RegistryException}, and {@link
 *       io.github.ecrmavenplugin.aws.CredentialFailures} a credentials provider's into a {@link
 *       io.github.ecrmavenplugin.aws.CredentialsException}, each a short message that names the fix.</li>
 * </ol>
 *
 * <p>{@link io.github.ecrmavenplugin.aws.SdkLogging} keeps the SDK's request signers quiet under {@code mvn -X};
 * {@link io.github.ecrmavenplugin.aws.AuthorizationTokens} shares ECR's push token between the modules of a build.
 * May use the SDK, {@code registry} and {@code model}; never Maven.
 */
package io.github.ecrmavenplugin.aws;

/**
 * The least IAM policy a configuration needs ({@code print-iam-policy}): the ECR actions each feature calls, scoped
 * to the repositories it manages.
 *
 * <p>May use {@code model} and {@code json}; makes no call and knows nothing of Maven or the AWS SDK.
 */
package io.github.ecrmavenplugin.iam;

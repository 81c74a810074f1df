/**
 * {@code verify-image}'s domain: waiting for ECR's scan of the pushed image, the severity gate with its accepted
 * findings, and the JSON and SARIF reports of every finding.
 *
 * <p>May use {@code registry}, {@code model} and {@code json}; knows nothing of Maven or the AWS SDK.
 */
package io.github.ecrmavenplugin.scan;

/**
 * {@code verify-image}'s domain: the image the build pushed ({@code PushedImages}, from what the image builders
 * leave behind), {@code ImageVerifier} (the one thing the goal calls), whether ECR scans the image by itself and the
 * scan started where it would not ({@code ScanCoverage}, {@code ScanStart}), waiting for ECR's scan of the image,
 * the severity gate with its accepted findings ({@code FindingsGate}), ECR's managed signing of the image
 * ({@code Signing}), and the JSON and SARIF reports of every finding.
 *
 * <p>May use {@code registry}, {@code model}, {@code json} and {@code publish} (the properties each image builder
 * reads); knows nothing of Maven or the AWS SDK.
 */
package io.github.ecrmavenplugin.scan;

/**
 * The port: ECR as the plugin sees it, in the plugin's own words. {@code Registry} (one method per ECR call, batched
 * reads aside), the values it answers with ({@code Repository}, {@code Image}, {@code ImageScan},
 * {@code AuthorizationToken}, ...) and {@code RegistryException}, a failed call described for the user.
 *
 * <p>May use {@code model} (the desired state a call writes) and nothing above it: no Maven, no AWS SDK, no
 * {@code reconcile} or {@code scan}. The AWS SDK adapter ({@code aws}) implements it; the tests run that adapter
 * against the ECR emulator rather than mock this interface.
 */
package io.github.ecrmavenplugin.registry;

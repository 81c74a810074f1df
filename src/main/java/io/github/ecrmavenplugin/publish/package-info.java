/**
 * What later plugins of the build read: the repository's properties ({@code ecr.*}), Jib's target image and
 * credentials ({@code jib.to.*}), and the properties each other image builder reads ({@code ImageBuilder});
 * {@code Handover} sets all of them from one place.
 *
 * <p>May use {@code registry} (the repository and the authorization token); writes plain
 * {@link java.util.Properties}, so it knows nothing of Maven or the AWS SDK.
 */
package io.github.ecrmavenplugin.publish;

/**
 * The goals: thin adapters between Maven and the plugin's plain code. A goal reads its parameters, builds the
 * validated desired state ({@code model}), hands it to one thing ({@code reconcile}, {@code scan}, {@code iam}),
 * publishes what later plugins read ({@code publish}) and turns the outcome into Maven's exceptions
 * ({@code Failures}).
 *
 * <p>Parameters are declared once, in one chain: {@code RepositorySettings} (every repository setting, also each
 * {@code <repositories>} entry) under {@code AbstractEcrMojo} (what every goal reads) under
 * {@code AbstractEcrCallingMojo} (how the goals that call ECR reach it). The {@code *Parameters} classes are the
 * nested POM elements.
 *
 * <p>May use every package of the plugin and the Maven API; the only package that may know Maven. It reaches AWS
 * only through {@code aws} (to open the {@code Registry}) and never touches the SDK's types itself.
 */
package io.github.ecrmavenplugin;

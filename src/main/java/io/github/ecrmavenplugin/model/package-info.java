/**
 * The desired state of repositories, as the POM declares it: validated, immutable, built without I/O.
 *
 * <h2>The rule for every check made here, before any call to ECR</h2>
 * <p><b>Refuse only what is certainly wrong; send everything else to ECR.</b> ECR grows (archive storage and
 * {@code transition} lifecycle actions, new API operations and IAM actions, repository names its documentation page
 * does not show), and a check written from the documentation of one day must never refuse what ECR accepts today.
 * So a check here refuses a value only when ECR would refuse it whatever its version: JSON that does not parse, a
 * required element missing, a number that is not a positive whole number, a size over a limit the service model
 * states, a near miss of a known IAM action ({@code ecr:BatchGetImages}: "did you mean"). A value the plugin does
 * not know but that has the known structure (a newer {@code countType}, an action type, an IAM action) is sent,
 * with a warning in the build log; if ECR refuses it, its refusal is reported naming the parameter
 * ({@code Failures}).
 *
 * <p>Known values come from the bundled AWS SDK's own model where it has them ({@link ServiceModel}), so a newer
 * SDK brings them without a change here.
 */
package io.github.ecrmavenplugin.model;

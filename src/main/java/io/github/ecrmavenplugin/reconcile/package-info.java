/**
 * Observe, plan, apply: what ECR has ({@code Observed}), the pure function from desired and observed state to the
 * list of changes ({@code Plan}, {@code Change}), how a plan reads in the build log and the JSON plan
 * ({@code PlanReport}), and the {@code Reconciler} that reads through the port, plans, and applies the changes in
 * order (or, in plan mode, only reports them), following the registry's own rules where they bear on a repository
 * (its creation template, pull through cache namespaces, its scanning rules over a repository's own
 * {@code scanOnPush}: {@code ScanningByRegistry}) and, for plan mode, saying what the registry around it says
 * ({@code RegistryContext}: the template, replication, the signing rule). {@code RepositoryEnsurer} is the one
 * thing ensure-repository calls: plan, preview, then apply, or in plan mode report and fail on drift.
 *
 * <p>May use {@code model}, {@code registry} and {@code json}; knows nothing of Maven or the AWS SDK, so every
 * decision here is tested without either.
 */
package io.github.ecrmavenplugin.reconcile;

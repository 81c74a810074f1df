package io.github.ecrmavenplugin.reconcile;

import io.github.ecrmavenplugin.registry.Registry;
import io.github.ecrmavenplugin.registry.RegistryException;
import io.github.ecrmavenplugin.registry.RegistryScanning;
import io.github.ecrmavenplugin.registry.RepositoryScanning;
import io.github.ecrmavenplugin.registry.ScanningRule;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Where the registry's scanning configuration decides whether ECR scans a repository (enhanced scanning, or basic
 * scanning with rules), the repository's own {@code scanOnPush} has no effect: the plan writes none, and the build
 * log says once which rule governs the repository instead. Read only for a plan that would write {@code scanOnPush}
 * (the POM's differs from the repository's, or a new repository): a build whose POM agrees with ECR makes no extra
 * call.
 */
public final class ScanningByRegistry {

    private final Registry registry;
    private final Consumer<String> info;
    private final Consumer<String> warn;
    /** The registry's scanning configuration once read: empty when it cannot be known. */
    private List<RegistryScanning> known;

    /**
     * @param info where the rule that governs a repository is said
     * @param warn where a configuration the build may not read is said
     */
    public ScanningByRegistry(Registry registry, Consumer<String> info, Consumer<String> warn) {
        this.registry = registry;
        this.info = info;
        this.warn = warn;
    }

    /** The plans, those that would write a {@code scanOnPush} the registry overrides made again without it. */
    public List<Plan> apply(List<Plan> plans) {
        List<Plan> result = new ArrayList<>();
        for (Plan plan : plans) {
            result.add(writesScanOnPush(plan) ? governed(plan) : plan);
        }
        return result;
    }

    private static boolean writesScanOnPush(Plan plan) {
        return plan.spec().scanOnPush().isPresent()
                && (plan.creates() || plan.changes().stream().anyMatch(Change.SetScanOnPush.class::isInstance));
    }

    private Plan governed(Plan plan) {
        Optional<RegistryScanning> configuration = configuration();
        if (configuration.isEmpty() || !configuration.get().decides()) {
            return plan;
        }
        String name = plan.spec().name();
        info.accept("ECR repository " + name + ": "
                + rule(configuration.get(), name, plan.observed().exists())
                + ", not its own scanOnPush; <scanOnPush>"
                + plan.spec().scanOnPush().orElseThrow()
                + "</scanOnPush> is not written. Drop it from the POM: the registry decides");
        return Reconciler.checked(Plan.between(plan.spec().withoutScanOnPush(), plan.observed()));
    }

    /** The rule that governs the repository, with its filters; ECR's own answer for a repository that exists. */
    private String rule(RegistryScanning configuration, String name, boolean exists) {
        Optional<RepositoryScanning> applied = Optional.empty();
        if (exists) {
            try {
                applied = registry.repositoryScanning(name)
                        .filter(s -> !s.appliedFilters().isEmpty());
            } catch (RegistryException e) {
                if (!e.isAccessDenied()) {
                    throw e;
                }
            }
        }
        if (applied.isPresent()) {
            return "the registry's scanning rule " + applied.get().frequency() + " for "
                    + String.join(", ", applied.get().appliedFilters()) + " governs its scanning";
        }
        Optional<ScanningRule> rule = configuration.ruleFor(name);
        if (rule.isPresent()) {
            return "the registry's scanning rule " + rule.get() + " governs its scanning";
        }
        return configuration.enhanced()
                ? "the registry's enhanced scanning governs its scanning, and no rule covers it (" + configuration
                        + "): ECR does not scan its images"
                : "the registry's basic scanning rules govern its scanning, and none covers it (" + configuration
                        + "): ECR scans its images on request only (verify-image starts a scan under "
                        + "<failOnSeverity>)";
    }

    /**
     * The registry's scanning configuration, read once; empty when it cannot be known: the build works in another
     * account's registry (ECR answers for the caller's own only), or may not read it (said once).
     */
    private Optional<RegistryScanning> configuration() {
        if (known == null) {
            Optional<RegistryScanning> read;
            try {
                read = Optional.of(registry.registryScanning());
            } catch (Registry.OtherRegistryException e) {
                read = Optional.empty();
            } catch (RegistryException e) {
                if (!e.isAccessDenied()) {
                    throw e;
                }
                warn.accept("Cannot read the registry's scanning configuration: the build may not call "
                        + e.iamAction() + " (mvn ecr:print-iam-policy lists it); <scanOnPush> is written as declared, "
                        + "though the registry's scanning rules may decide over it");
                read = Optional.empty();
            }
            known = read.stream().toList();
        }
        return known.stream().findFirst();
    }
}

package io.github.ecrmavenplugin;

import io.github.ecrmavenplugin.reconcile.LifecyclePreview;
import io.github.ecrmavenplugin.reconcile.Plan;
import io.github.ecrmavenplugin.reconcile.PlanReport;
import io.github.ecrmavenplugin.reconcile.PolicyFinding;
import io.github.ecrmavenplugin.reconcile.Reconciler;
import io.github.ecrmavenplugin.reconcile.RegistryContext;
import io.github.ecrmavenplugin.reconcile.RepositoryEnsurer;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import org.apache.maven.plugin.logging.Log;

/**
 * What ensure-repository tells the user about its plans: the diff in the build log and as JSON in the plan file,
 * what it found in the policies, and ECR's previews of the lifecycle policies about to be written.
 */
final class PlanLog implements RepositoryEnsurer.Report {

    private final Log log;
    private final File planFile;

    /** @param planFile where a run that only reads writes its plans as JSON */
    PlanLog(Log log, File planFile) {
        this.log = log;
        this.planFile = planFile;
    }

    /**
     * Says what the plugin found in the policy ECR will hold: statements kept (at info when the policy was just
     * written, else at debug; a plan shows them in its diff), public statements left as they are (a write of them
     * fails before this), and service principals open to the confused-deputy problem.
     */
    void policyFindings(Plan plan, boolean applied) {
        String prefix = "ECR repository " + plan.spec().name() + ": ";
        for (PolicyFinding finding : plan.policyFindings()) {
            switch (finding.kind()) {
                case KEPT -> {
                    if (applied && plan.writesPolicy()) {
                        log.info(prefix + finding.message());
                    } else {
                        log.debug(prefix + finding.message());
                    }
                }
                case PUBLIC -> {
                    if (!plan.spec().allowPublicAccess()) {
                        log.warn(prefix + "the " + finding.message());
                    }
                }
                case CONFUSED_DEPUTY -> log.warn(prefix + finding.message());
            }
        }
    }

    /**
     * Says what each lifecycle policy about to be written would do; warns when {@code tag}, which the image builder
     * is about to push to the first repository, is on an image an expire rule would delete at once.
     *
     * @param tag the tag about to be pushed; {@code null} when no image is handed over
     */
    @Override
    public void previews(List<LifecyclePreview> previews, List<Plan> plans, String tag) {
        for (String line : PlanReport.previewText(previews)) {
            if (line.startsWith(" ")) {
                log.info(line);
            } else if (line.contains(": lifecycle preview skipped: ")) {
                log.warn("ECR repository " + line);
            } else {
                log.info("ECR repository " + line);
            }
        }
        if (tag != null) {
            String pushed = plans.get(0).spec().name();
            previews.stream()
                    .filter(p -> p.repositoryName().equals(pushed))
                    .findFirst()
                    .flatMap(p -> p.expiringTag(tag))
                    .ifPresent(rule -> log.warn("ECR repository " + pushed
                            + ": the tag " + tag + " that Jib is about to push is on an image lifecycle rule "
                            + rule.priority() + " (" + rule.description() + ") would expire at once; the image "
                            + "pushed now may follow it. Check the rule's tag selection and count"));
        }
    }

    /**
     * Says what was done to a repository: what the plugin found in its policy, where it is, the settings the POM
     * declares over the registry's creation template, and the creation-only settings that differ from the POM.
     */
    @Override
    public void applied(Reconciler.Result result) {
        policyFindings(result.plan(), true);
        log.info("ECR repository " + result.repository().name() + " "
                + result.plan().outcome() + ": " + result.repository().uri());
        templateOverrides(result.plan());
        result.plan()
                .mismatches()
                .forEach(m -> log.warn("ECR repository " + result.repository().name() + ": " + m.message()));
    }

    /**
     * Says, once per new repository, each setting the POM declares over the registry's creation template: the
     * template's prefix, the setting, and both values.
     */
    void templateOverrides(Plan plan) {
        plan.templateOverrides()
                .forEach(o -> log.warn("ECR repository " + plan.spec().name() + ": " + o.message()));
    }

    /**
     * Logs the plans as a diff (warnings when ECR differs from the POM), with what the registry around each
     * repository says about it, and writes them, previews included, as JSON to {@code planFile}.
     */
    @Override
    public void plans(List<Plan> plans, List<LifecyclePreview> previews, List<RegistryContext> registry)
            throws IOException {
        plans.forEach(plan -> policyFindings(plan, false));
        plans.forEach(this::templateOverrides);
        boolean inSync = plans.stream().allMatch(Plan::inSync);
        log.info("ECR plan (reads only, nothing changed):");
        for (String line : PlanReport.text(plans, registry)) {
            if (inSync || line.startsWith("  registry: ")) {
                log.info("  " + line);
            } else {
                log.warn("  " + line);
            }
        }
        Files.createDirectories(planFile.toPath().toAbsolutePath().getParent());
        Files.writeString(planFile.toPath(), PlanReport.json(plans, previews, registry), StandardCharsets.UTF_8);
        log.info("ECR plan written to " + planFile);
    }
}

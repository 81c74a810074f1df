package io.github.ecrmavenplugin.reconcile;

import io.github.ecrmavenplugin.json.Json;
import io.github.ecrmavenplugin.model.Encryption;
import io.github.ecrmavenplugin.model.LifecyclePolicy;
import io.github.ecrmavenplugin.model.ManagedStatements;
import io.github.ecrmavenplugin.model.PolicyDocument;
import io.github.ecrmavenplugin.model.RepositorySpec;
import io.github.ecrmavenplugin.model.TagMutability;
import io.github.ecrmavenplugin.registry.CreationTemplate;
import io.github.ecrmavenplugin.registry.Repository;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The changes that turn what ECR has ({@code observed}) into what the POM declares ({@code spec}), in the order
 * they must be applied, and the creation-only settings that differ and cannot be changed. A pure function of its
 * inputs: no I/O, so every case is a plain unit test.
 */
public record Plan(
        RepositorySpec spec,
        Observed observed,
        List<Change> changes,
        List<Mismatch> mismatches,
        List<PolicyFinding> policyFindings,
        List<TemplateOverride> templateOverrides) {

    public Plan {
        changes = List.copyOf(changes);
        mismatches = List.copyOf(mismatches);
        policyFindings = List.copyOf(policyFindings);
        templateOverrides = List.copyOf(templateOverrides);
    }

    public Plan(
            RepositorySpec spec,
            Observed observed,
            List<Change> changes,
            List<Mismatch> mismatches,
            List<PolicyFinding> policyFindings) {
        this(spec, observed, changes, mismatches, policyFindings, List.of());
    }

    public Plan(RepositorySpec spec, Observed observed, List<Change> changes, List<Mismatch> mismatches) {
        this(spec, observed, changes, mismatches, List.of());
    }

    public Plan(RepositorySpec spec, Observed observed, List<Change> changes) {
        this(spec, observed, changes, List.of());
    }

    /**
     * A setting ECR accepts only at creation that differs on the existing repository. Reported, never "fixed": the
     * only fix would be deleting the repository and its images.
     */
    public record Mismatch(String setting, String current, String desired) {
        public String message() {
            return setting + " is " + current + " in ECR but the POM declares " + desired + "; ECR cannot change it "
                    + "on an existing repository, so the plugin leaves it as it is. To apply it, create a new "
                    + "repository (and move the images), or change the POM to " + current;
        }
    }

    /**
     * The plan for one repository. When ECR's creation template for the name is known ({@link
     * Observed#creationTemplate}) and the POM follows templates, a missing repository is created as the template
     * would create it, the POM's settings on top; and what the template put in a repository (policy statements,
     * tags) is kept as AWS services' statements are.
     */
    public static Plan between(RepositorySpec spec, Observed observed) {
        List<Change> changes = new ArrayList<>();
        List<Mismatch> mismatches = new ArrayList<>();
        List<TemplateOverride> overrides = new ArrayList<>();
        Optional<Repository> repository = observed.repository();
        Optional<CreationTemplate> template =
                spec.followsCreationTemplate() ? observed.creationTemplate() : Optional.empty();
        // For a new repository, what the template puts there is the policy the POM's goes over.
        Optional<CreationTemplate> creating = repository.isEmpty() ? template : Optional.empty();
        if (repository.isEmpty()) {
            // Mutability, scanning, encryption and tags travel with CreateRepository; the policies cannot.
            changes.add(new Change.CreateRepository(
                    creating.map(t -> TemplateSettings.atCreation(spec, t)).orElse(spec), creating));
            creating.ifPresent(t -> overrides.addAll(TemplateSettings.overrides(spec, t)));
        } else {
            Repository existing = repository.get();
            spec.tagMutability()
                    .filter(desired -> !desired.equals(existing.tagMutability()))
                    .ifPresent(desired ->
                            changes.add(new Change.SetTagMutability(spec.name(), desired, existing.tagMutability())));
            spec.scanOnPush()
                    .filter(desired -> desired != existing.scanOnPush())
                    .ifPresent(desired -> changes.add(new Change.SetScanOnPush(spec.name(), desired)));
        }
        List<PolicyFinding> findings = new ArrayList<>();
        planPolicy(spec, observed, template, creating, changes, findings);
        Optional<LifecyclePolicy> desiredLifecycle =
                spec.lifecyclePolicy().or(() -> creating.flatMap(TemplateSettings::lifecyclePolicy));
        if (desiredLifecycle.isPresent()) {
            LifecyclePolicy desired = desiredLifecycle.get();
            Optional<LifecyclePolicy> current = observed.exists() ? observed.lifecyclePolicy() : Optional.empty();
            if (!current.equals(Optional.of(desired))) {
                changes.add(new Change.SetLifecyclePolicy(spec.name(), desired, current));
            }
        }
        if (repository.isPresent() && spec.tags().isPresent()) {
            planTags(
                    spec,
                    observed.tags().orElse(Map.of()),
                    template.map(CreationTemplate::resourceTags).orElse(Map.of()),
                    changes);
        }
        if (repository.isPresent() && spec.encryption().isPresent()) {
            Encryption desired = spec.encryption().get();
            Encryption current = repository.get().encryption();
            if (!desired.isSatisfiedBy(current)) {
                mismatches.add(new Mismatch("encryption", current.toString(), desired.toString()));
            }
        }
        return new Plan(spec, observed, changes, mismatches, findings, overrides);
    }

    /**
     * The repository policy: the POM's, written over what ECR has (or, for a new repository, over the template's
     * policy, as if ECR had created it on push); or, for a new repository of a POM without a policy, the template's.
     */
    private static void planPolicy(
            RepositorySpec spec,
            Observed observed,
            Optional<CreationTemplate> template,
            Optional<CreationTemplate> creating,
            List<Change> changes,
            List<PolicyFinding> findings) {
        Optional<PolicyDocument> current = observed.exists() ? observed.policy() : Optional.empty();
        Optional<PolicyDocument> templatePolicy = creating.flatMap(TemplateSettings::policy);
        if (spec.policy().isPresent()) {
            Optional<PolicyDocument> base = observed.exists() ? current : templatePolicy;
            ManagedStatements managed = TemplateSettings.managedStatements(template);
            PolicyDocument desired = spec.policy().get().writtenOver(base, spec.policyMode(), managed);
            if (!current.equals(Optional.of(desired))) {
                changes.add(new Change.SetRepositoryPolicy(spec.name(), desired, current));
            }
            String source = creating.map(t -> "the policy of " + TemplateSettings.name(t))
                    .orElse("the policy in ECR");
            findings.addAll(PolicyFinding.review(spec, base, desired, managed, source));
        } else if (templatePolicy.isPresent()) {
            changes.add(new Change.SetRepositoryPolicy(spec.name(), templatePolicy.get(), Optional.empty()));
            findings.addAll(PolicyFinding.reviewTemplatePolicy(
                    templatePolicy.get(), "the policy of " + TemplateSettings.name(creating.orElseThrow())));
        }
    }

    /**
     * Whether the plan removes something from an existing repository that a creation template may have put there:
     * a policy statement the POM does not declare by Sid, or a tag ({@code purgeTags}). Before such a plan is
     * applied, the plugin reads the template, to keep what is the template's.
     */
    public boolean removesWhatATemplateMayHavePut() {
        for (Change change : changes) {
            if (change instanceof Change.UntagRepository) {
                return true;
            }
            if (change instanceof Change.SetRepositoryPolicy set
                    && set.current().isPresent()) {
                Set<String> own = new HashSet<>();
                spec.policy()
                        .ifPresent(p -> p.statements()
                                .forEach(s -> PolicyDocument.sid(s).ifPresent(own::add)));
                Set<Object> after = new HashSet<>();
                set.desired().statements().forEach(s -> after.add(Json.canonical(s)));
                boolean dropsOthers = set.current().get().statements().stream()
                        .filter(s -> PolicyDocument.sid(s).filter(own::contains).isEmpty())
                        .anyMatch(s -> !after.contains(Json.canonical(s)));
                if (dropsOthers) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Tags to set, and under {@code purgeTags} to remove, keeping AWS's and the creation template's. */
    private static void planTags(
            RepositorySpec spec, Map<String, String> current, Map<String, String> templateTags, List<Change> changes) {
        Map<String, String> desired = spec.tags().orElseThrow();
        Map<String, String> toSet = new LinkedHashMap<>();
        Map<String, String> old = new LinkedHashMap<>();
        desired.forEach((key, value) -> {
            if (!value.equals(current.get(key))) {
                toSet.put(key, value);
                if (current.containsKey(key)) {
                    old.put(key, current.get(key));
                }
            }
        });
        if (!toSet.isEmpty()) {
            changes.add(new Change.TagRepository(spec.name(), toSet, old));
        }
        if (spec.purgeTags()) {
            TreeSet<String> extra = new TreeSet<>(current.keySet());
            extra.removeAll(desired.keySet());
            // AWS reserves the aws: prefix (CloudFormation's stack tags, for one): nobody may remove them.
            extra.removeIf(key -> key.regionMatches(true, 0, "aws:", 0, 4));
            // The platform team's tags (cost allocation, ownership) come from the creation template: never purged.
            extra.removeAll(templateTags.keySet());
            if (!extra.isEmpty()) {
                changes.add(new Change.UntagRepository(spec.name(), extra));
            }
        }
    }

    public boolean isEmpty() {
        return changes.isEmpty();
    }

    /** Whether the plan writes the repository policy. */
    public boolean writesPolicy() {
        return changes.stream().anyMatch(Change.SetRepositoryPolicy.class::isInstance);
    }

    /**
     * Public statements the plan would write without the POM allowing public access: the build must fail before
     * any write. Empty when nothing public is written, or when {@code allowPublicAccess} is set.
     */
    public List<PolicyFinding> refusedPublicStatements() {
        if (!writesPolicy() || spec.allowPublicAccess()) {
            return List.of();
        }
        return policyFindings.stream()
                .filter(f -> f.kind() == PolicyFinding.Kind.PUBLIC)
                .toList();
    }

    /** Nothing to change and nothing that differs: what {@code failOnDrift} checks. */
    public boolean inSync() {
        return changes.isEmpty() && mismatches.isEmpty();
    }

    /**
     * The outcome in a few words for the build log: "created", "created from creation template "team" with its
     * repository policy", "updated (repository policy)", "up to date".
     */
    public String outcome() {
        if (creates()) {
            List<String> followUps = changes.stream()
                    .map(Plan::subject)
                    .flatMap(Optional::stream)
                    .toList();
            String created = "created"
                    + changes.stream()
                            .filter(Change.CreateRepository.class::isInstance)
                            .map(Change.CreateRepository.class::cast)
                            .flatMap(create -> create.template().stream())
                            .map(t -> " from " + TemplateSettings.name(t))
                            .findFirst()
                            .orElse("");
            return followUps.isEmpty() ? created : created + " with its " + String.join(" and ", followUps);
        }
        if (isEmpty()) {
            return "up to date";
        }
        return "updated ("
                + String.join(", ", changes.stream().map(Change::summary).toList()) + ")";
    }

    private static Optional<String> subject(Change change) {
        if (change instanceof Change.SetRepositoryPolicy) {
            return Optional.of("repository policy");
        }
        if (change instanceof Change.SetLifecyclePolicy) {
            return Optional.of("lifecycle policy");
        }
        return Optional.empty();
    }

    public boolean creates() {
        return changes.stream().anyMatch(Change.CreateRepository.class::isInstance);
    }

    /** The tag mutability the repository has once the plan is applied. */
    public static TagMutability effectiveTagMutability(RepositorySpec spec, Optional<Repository> repository) {
        return spec.tagMutability()
                .orElseGet(() -> repository.map(Repository::tagMutability).orElse(TagMutability.DEFAULT));
    }
}

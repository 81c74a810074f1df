package io.github.ecrmavenplugin.reconcile;

import io.github.ecrmavenplugin.json.Json;
import io.github.ecrmavenplugin.model.Encryption;
import io.github.ecrmavenplugin.model.LifecyclePolicy;
import io.github.ecrmavenplugin.model.ManagedStatements;
import io.github.ecrmavenplugin.model.PolicyDocument;
import io.github.ecrmavenplugin.model.RepositorySpec;
import io.github.ecrmavenplugin.model.TagMutability;
import io.github.ecrmavenplugin.registry.CreationTemplate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What a creation template gives a repository the plugin creates, the POM's declared settings on top: what ECR
 * would have created on push, with what this build asks for besides. A pure function of the spec and the template.
 */
final class TemplateSettings {

    private TemplateSettings() {}

    /** How the build log names the template: {@code creation template "team"}. */
    static String name(CreationTemplate template) {
        return "creation template " + template.describe();
    }

    /**
     * The creation-time settings: the template's tag mutability, encryption and tags, with the POM's where it
     * declares them. A POM that asks for the template's encryption type without a key gets the template's key.
     */
    static RepositorySpec atCreation(RepositorySpec spec, CreationTemplate template) {
        Map<String, String> tags = new TreeMap<>(template.resourceTags());
        spec.tags().ifPresent(tags::putAll);
        return spec.atCreation(
                spec.tagMutability().or(template::tagMutability),
                encryption(spec, template),
                tags.isEmpty() ? spec.tags() : Optional.of(tags));
    }

    private static Optional<Encryption> encryption(RepositorySpec spec, CreationTemplate template) {
        if (spec.encryption().isEmpty()) {
            return template.encryption();
        }
        Encryption declared = spec.encryption().get();
        return template.encryption().filter(declared::isSatisfiedBy).or(() -> Optional.of(declared));
    }

    /** The template's repository policy, when it has one that is JSON. */
    static Optional<PolicyDocument> policy(CreationTemplate template) {
        return template.repositoryPolicy().flatMap(PolicyDocument::fromRegistry);
    }

    /** The template's lifecycle policy, when it has one that is JSON. */
    static Optional<LifecyclePolicy> lifecyclePolicy(CreationTemplate template) {
        return template.lifecyclePolicy().flatMap(LifecyclePolicy::fromRegistry);
    }

    /** The template's statements, which the plugin keeps as it keeps those AWS services manage. */
    static ManagedStatements managedStatements(Optional<CreationTemplate> template) {
        return template.flatMap(t -> policy(t).map(p -> ManagedStatements.ofTemplate(name(t), p)))
                .orElse(ManagedStatements.SERVICES);
    }

    /** Each setting the POM declares that differs from the template's, in the order the POM's reference lists them. */
    static List<TemplateOverride> overrides(RepositorySpec spec, CreationTemplate template) {
        List<TemplateOverride> overrides = new ArrayList<>();
        String prefix = template.prefix();
        if (spec.tagMutability().isPresent() && template.tagMutability().isPresent()) {
            TagMutability declared = spec.tagMutability().get();
            TagMutability templates = template.tagMutability().get();
            if (!declared.equals(templates)) {
                overrides.add(
                        new TemplateOverride(prefix, "imageTagMutability", templates.toString(), declared.toString()));
            }
        }
        if (spec.encryption().isPresent() && template.encryption().isPresent()) {
            Encryption declared = spec.encryption().get();
            Encryption templates = template.encryption().get();
            if (!declared.isSatisfiedBy(templates)) {
                overrides.add(new TemplateOverride(prefix, "encryption", templates.toString(), declared.toString()));
            }
        }
        spec.tags()
                .ifPresent(tags -> new TreeMap<>(tags).forEach((key, value) -> {
                    String templates = template.resourceTags().get(key);
                    if (templates != null && !templates.equals(value)) {
                        overrides.add(new TemplateOverride(prefix, "tag " + key, templates, value));
                    }
                }));
        Optional<LifecyclePolicy> templateLifecycle = lifecyclePolicy(template);
        if (spec.lifecyclePolicy().isPresent()
                && templateLifecycle.isPresent()
                && !spec.lifecyclePolicy().equals(templateLifecycle)) {
            overrides.add(new TemplateOverride(
                    prefix,
                    "lifecycle policy",
                    rules(templateLifecycle.get()),
                    rules(spec.lifecyclePolicy().get())));
        }
        policy(template)
                .ifPresent(templatePolicy -> spec.policy().ifPresent(declared -> {
                    for (Map<String, Object> own : declared.statements()) {
                        PolicyDocument.sid(own)
                                .ifPresent(sid -> templatePolicy.statements().stream()
                                        .filter(theirs ->
                                                PolicyDocument.sid(theirs).equals(Optional.of(sid)))
                                        .filter(theirs ->
                                                !Json.canonical(theirs).equals(Json.canonical(own)))
                                        .findFirst()
                                        .ifPresent(theirs -> overrides.add(new TemplateOverride(
                                                prefix,
                                                "policy statement \"" + sid + "\"",
                                                Json.write(Json.canonical(theirs)),
                                                Json.write(Json.canonical(own))))));
                    }
                }));
        return overrides;
    }

    /** A lifecycle policy in a few words for a warning: its rules by priority and action. */
    private static String rules(LifecyclePolicy policy) {
        return policy.rules().isEmpty()
                ? "no rules"
                : policy.rules().stream()
                        .map(rule -> "rule " + rule.priority() + " (" + rule.action() + ")")
                        .toList()
                        .toString();
    }
}

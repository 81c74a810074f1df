package io.github.ecrmavenplugin.reconcile;

import io.github.ecrmavenplugin.registry.CreationTemplate;
import io.github.ecrmavenplugin.registry.Registry;
import io.github.ecrmavenplugin.registry.RegistryException;
import io.github.ecrmavenplugin.registry.Replication;
import io.github.ecrmavenplugin.registry.SigningConfiguration;
import io.github.ecrmavenplugin.registry.SigningRule;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/**
 * Gathers what the registry says about each planned repository ({@link RegistryContext}): the one place that reads
 * registry-level settings for plan mode. Each topic is a read and a method here; a read the build may not make is
 * reported in its entry, never a failure: plan mode shows what it could see.
 */
final class RegistryContexts {

    private final Registry registry;
    private final RegistryRules rules;
    private final Executor executor;

    RegistryContexts(Registry registry, RegistryRules rules, Executor executor) {
        this.registry = registry;
        this.rules = rules;
        this.executor = executor;
    }

    /** One context per plan, in the plans' order; every read is made once, side by side. */
    List<RegistryContext> of(List<Plan> plans) {
        CompletableFuture<RegistryRules.Reading<CreationTemplate>> templates =
                CompletableFuture.supplyAsync(rules::creationTemplates, executor);
        CompletableFuture<Reading<Replication>> replication =
                CompletableFuture.supplyAsync(() -> read(() -> Optional.of(registry.replication())), executor);
        CompletableFuture<Reading<SigningConfiguration>> signing =
                CompletableFuture.supplyAsync(() -> read(registry::signingConfiguration), executor);
        List<RegistryContext> contexts = new ArrayList<>();
        for (Plan plan : plans) {
            List<RegistryContext.Entry> entries = new ArrayList<>();
            entries.add(creationTemplate(plan, Reconciler.join(templates)));
            entries.add(replication(plan, Reconciler.join(replication)));
            entries.add(signing(plan, Reconciler.join(signing)));
            contexts.add(new RegistryContext(plan.spec().name(), entries));
        }
        return contexts;
    }

    /** A registry-level setting (empty: the registry has none), or why it could not be read. */
    private record Reading<T>(Optional<T> value, Optional<String> unread) {}

    private <T> Reading<T> read(Supplier<Optional<T>> read) {
        try {
            return new Reading<>(read.get(), Optional.empty());
        } catch (RegistryException e) {
            return new Reading<>(Optional.empty(), Optional.of(RegistryRules.unread(e)));
        } catch (Registry.OtherRegistryException e) {
            return new Reading<>(Optional.empty(), Optional.of(e.getMessage()));
        }
    }

    /** Which signing rule of the registry signs the images pushed to the repository (ECR's managed signing). */
    static RegistryContext.Entry signing(Plan plan, Reading<SigningConfiguration> reading) {
        String name = plan.spec().name();
        if (reading.unread().isPresent()) {
            return unread("signing", "signing rules", reading.unread().get());
        }
        Map<String, Object> details = new LinkedHashMap<>();
        List<SigningRule> rules = reading.value().map(c -> c.rulesFor(name)).orElse(List.of());
        details.put(
                "rules",
                rules.stream()
                        .map(rule -> Map.of("signingProfileArn", rule.signingProfileArn(), "filters", rule.filters()))
                        .toList());
        if (rules.isEmpty()) {
            return new RegistryContext.Entry(
                    "signing",
                    (reading.value().isEmpty()
                                    ? "the registry has no signing configuration"
                                    : "no signing rule of the registry covers " + name)
                            + ": ECR does not sign the images pushed to it",
                    details);
        }
        return new RegistryContext.Entry(
                "signing",
                "ECR signs the images pushed to " + name + " with the signing rule" + (rules.size() == 1 ? " " : "s ")
                        + String.join(
                                "; ", rules.stream().map(SigningRule::toString).toList()),
                details);
    }

    /** The template ECR would apply to the name on push, and what the plugin does with it. */
    static RegistryContext.Entry creationTemplate(Plan plan, RegistryRules.Reading<CreationTemplate> templates) {
        String name = plan.spec().name();
        boolean exists = plan.observed().exists();
        boolean follows = plan.spec().followsCreationTemplate();
        if (templates.unread().isPresent()) {
            return unread(
                    "creationTemplate", "creation templates", templates.unread().get());
        }
        Map<String, Object> details = new LinkedHashMap<>();
        Optional<CreationTemplate> template = CreationTemplate.forPush(templates.values(), name);
        details.put("prefix", template.map(CreationTemplate::prefix).orElse(null));
        details.put("followed", follows && !exists && template.isPresent());
        if (template.isEmpty()) {
            return new RegistryContext.Entry(
                    "creationTemplate",
                    "no creation template applies on push to " + name
                            + (exists
                                    ? ""
                                    : ": a push alone would not create it; the plugin creates it with the POM's "
                                            + "settings"),
                    details);
        }
        CreationTemplate t = template.get();
        details.put("appliedFor", t.appliedFor().stream().sorted().toList());
        t.description().ifPresent(d -> details.put("description", d));
        t.customRoleArn().ifPresent(r -> details.put("customRoleArn", r));
        String which = TemplateSettings.name(t)
                + (t.isRoot()
                        ? " (every repository no other template covers)"
                        : " (repositories under " + t.prefix() + "/)");
        String meaning;
        if (exists) {
            meaning = "applies to new repositories only; " + name + " exists"
                    + (follows ? ", and the plugin keeps the policy statements and tags the template puts there" : "");
        } else if (follows) {
            int overrides = plan.templateOverrides().size();
            meaning = "the plugin creates " + name + " as ECR would on push, the POM's settings on top"
                    + (overrides == 0
                            ? ""
                            : " (" + overrides + " differ"
                                    + (overrides == 1 ? "s" : "") + ": "
                                    + String.join(
                                            ", ",
                                            plan.templateOverrides().stream()
                                                    .map(TemplateOverride::setting)
                                                    .toList())
                                    + ")");
        } else {
            meaning = "<creationTemplate>ignore</creationTemplate>: the plugin creates " + name
                    + " with the POM's settings only";
        }
        return new RegistryContext.Entry("creationTemplate", which + ": " + meaning, details);
    }

    /** Where the images pushed to the repository are copied, and what that means there. */
    static RegistryContext.Entry replication(Plan plan, Reading<Replication> reading) {
        String name = plan.spec().name();
        if (reading.unread().isPresent()) {
            return unread("replication", "replication", reading.unread().get());
        }
        Map<String, Object> details = new LinkedHashMap<>();
        List<Replication.Numbered> rules = reading.value().orElseThrow().rulesFor(name);
        List<Object> rulesJson = new ArrayList<>();
        List<String> lines = new ArrayList<>();
        for (Replication.Numbered numbered : rules) {
            Map<String, Object> rule = new LinkedHashMap<>();
            rule.put("rule", numbered.number());
            rule.put(
                    "destinations",
                    numbered.rule().destinations().stream()
                            .map(d -> Map.of("region", d.region(), "registryId", d.registryId()))
                            .toList());
            rule.put("prefixFilters", numbered.rule().prefixFilters());
            rulesJson.add(rule);
            lines.add("rule " + numbered.number() + " to "
                    + String.join(
                            ", ",
                            numbered.rule().destinations().stream()
                                    .map(d -> d.region() + " (account " + d.registryId() + ")")
                                    .toList()));
        }
        details.put("rules", rulesJson);
        if (rules.isEmpty()) {
            return new RegistryContext.Entry(
                    "replication",
                    "no replication rule covers " + name + ": its images stay in this registry",
                    details);
        }
        return new RegistryContext.Entry(
                "replication",
                "the images pushed to " + name + " are copied by " + String.join("; ", lines)
                        + "; ECR creates " + name + " there when missing, with that registry's creation template "
                        + "for replication, not this POM's settings",
                details);
    }

    /** The entry of a topic whose setting could not be read: why, in the build log and the JSON plan. */
    private static RegistryContext.Entry unread(String topic, String setting, String why) {
        return new RegistryContext.Entry(topic, setting + " not read: " + why, Map.of("unread", why));
    }
}

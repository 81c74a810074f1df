package io.github.ecrmavenplugin.reconcile;

import io.github.ecrmavenplugin.json.Json;
import io.github.ecrmavenplugin.model.LifecyclePolicy;
import io.github.ecrmavenplugin.model.PolicyDocument;
import io.github.ecrmavenplugin.model.RepositorySpec;
import io.github.ecrmavenplugin.model.TagMutability;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Plans for people and for machines: a readable diff for the build log ({@code +} added, {@code ~} changed,
 * {@code -} removed, {@code !} differs but cannot be changed) and a JSON document for tools (pull-request checks).
 */
public final class PlanReport {

    private PlanReport() {}

    /** The diff, one line per entry, without a trailing newline. */
    public static List<String> text(List<Plan> plans) {
        return text(plans, List.of());
    }

    /**
     * The diff, one line per entry, without a trailing newline; after each repository's changes, what the registry
     * around it says about it ({@code registry:} lines), when {@code contexts} has it.
     */
    public static List<String> text(List<Plan> plans, List<RegistryContext> contexts) {
        List<String> lines = new ArrayList<>();
        for (Plan plan : plans) {
            String name = plan.spec().name();
            if (plan.inSync()) {
                lines.add(name + ": up to date");
            } else {
                int count = plan.changes().size() + plan.mismatches().size();
                lines.add(name + ": " + count + " difference" + (count == 1 ? "" : "s"));
                for (Change change : plan.changes()) {
                    describe(change, lines);
                    if (change instanceof Change.SetRepositoryPolicy) {
                        plan.policyFindings().stream()
                                .filter(f -> f.kind() == PolicyFinding.Kind.KEPT)
                                .forEach(f -> lines.add("      = " + f.statement() + ": kept (" + f.keptFor() + ")"));
                    }
                }
                for (Plan.Mismatch mismatch : plan.mismatches()) {
                    lines.add("  ! " + mismatch.setting() + ": " + mismatch.current() + " -> " + mismatch.desired()
                            + " (creation-only: not changed)");
                }
            }
            contextOf(name, contexts)
                    .ifPresent(context -> context.entries().forEach(entry -> lines.add("  registry: " + entry.text())));
        }
        return lines;
    }

    private static Optional<RegistryContext> contextOf(String name, List<RegistryContext> contexts) {
        return contexts.stream().filter(c -> c.repositoryName().equals(name)).findFirst();
    }

    private static void describe(Change change, List<String> lines) {
        if (change instanceof Change.CreateRepository create) {
            lines.add("  + repository (does not exist)"
                    + create.template()
                            .map(t -> ", from " + TemplateSettings.name(t))
                            .orElse("") + creationSettings(create.spec()));
        } else if (change instanceof Change.SetTagMutability set) {
            lines.add("  ~ imageTagMutability: " + set.current() + " -> " + set.desired());
        } else if (change instanceof Change.SetScanOnPush set) {
            lines.add("  ~ scanOnPush: " + !set.desired() + " -> " + set.desired());
        } else if (change instanceof Change.SetRepositoryPolicy set) {
            lines.add("  " + (set.current().isPresent() ? "~" : "+") + " repository policy");
            lines.addAll(statementDiff(set.current(), set.desired()));
        } else if (change instanceof Change.SetLifecyclePolicy set) {
            lines.add("  " + (set.current().isPresent() ? "~" : "+") + " lifecycle policy");
            lines.addAll(ruleDiff(set.current(), set.desired()));
        } else if (change instanceof Change.TagRepository tag) {
            new TreeMap<>(tag.tags())
                    .forEach((key, value) -> lines.add(
                            tag.current().containsKey(key)
                                    ? "  ~ tag " + key + ": " + tag.current().get(key) + " -> " + value
                                    : "  + tag " + key + " = " + value));
        } else if (change instanceof Change.UntagRepository untag) {
            untag.keys().forEach(key -> lines.add("  - tag " + key + " (purgeTags)"));
        }
    }

    private static String creationSettings(RepositorySpec spec) {
        List<String> settings = new ArrayList<>();
        spec.tagMutability().ifPresent(m -> settings.add("imageTagMutability " + m));
        spec.scanOnPush().ifPresent(s -> settings.add("scanOnPush " + s));
        spec.encryption().ifPresent(e -> settings.add("encryption " + e));
        spec.tags().filter(t -> !t.isEmpty()).ifPresent(t -> settings.add("tags " + t));
        return settings.isEmpty() ? "" : ": " + String.join(", ", settings);
    }

    /** Statements keyed by Sid (or position, for statements without one). */
    static List<String> statementDiff(Optional<PolicyDocument> current, PolicyDocument desired) {
        Map<String, String> before =
                statements(current.map(PolicyDocument::statements).orElse(List.of()));
        Map<String, String> after = statements(desired.statements());
        return diff(before, after, "statement ");
    }

    /** Rules keyed by priority; each line names what the rule does (expire, transition to archive). */
    static List<String> ruleDiff(Optional<LifecyclePolicy> current, LifecyclePolicy desired) {
        Map<String, String> before = current.map(PlanReport::rulesWithAction).orElse(Map.of());
        return diff(before, rulesWithAction(desired), "rule ");
    }

    private static Map<String, String> rulesWithAction(LifecyclePolicy policy) {
        Map<String, String> actions = new LinkedHashMap<>();
        policy.rules().forEach(rule -> actions.put(Integer.toString(rule.priority()), rule.action()));
        Map<String, String> rules = new LinkedHashMap<>();
        policy.rulesByPriority()
                .forEach((priority, json) -> rules.put(
                        priority, actions.containsKey(priority) ? "(" + actions.get(priority) + ") " + json : json));
        return rules;
    }

    private static Map<String, String> statements(List<Map<String, Object>> statements) {
        Map<String, String> byKey = new LinkedHashMap<>();
        for (int i = 0; i < statements.size(); i++) {
            Map<String, Object> statement = statements.get(i);
            String key =
                    PolicyDocument.sid(statement).map(sid -> "\"" + sid + "\"").orElse("#" + (i + 1));
            byKey.put(key, Json.write(Json.canonical(statement)));
        }
        return byKey;
    }

    private static List<String> diff(Map<String, String> before, Map<String, String> after, String noun) {
        List<String> lines = new ArrayList<>();
        // Rule priorities are numbers: rule 2 comes before rule 10
        TreeSet<String> keys = new TreeSet<>(PlanReport::numbersFirstByValue);
        keys.addAll(before.keySet());
        keys.addAll(after.keySet());
        for (String key : keys) {
            String old = before.get(key);
            String now = after.get(key);
            if (old == null) {
                lines.add("      + " + noun + key + ": " + now);
            } else if (now == null) {
                lines.add("      - " + noun + key + ": " + old);
            } else if (!old.equals(now)) {
                lines.add("      ~ " + noun + key + ": " + old);
                lines.add("        " + " ".repeat(noun.length() + key.length()) + "-> " + now);
            }
        }
        return lines;
    }

    private static int numbersFirstByValue(String a, String b) {
        boolean aNumber = !a.isEmpty() && a.chars().allMatch(Character::isDigit);
        boolean bNumber = !b.isEmpty() && b.chars().allMatch(Character::isDigit);
        if (aNumber && bNumber) {
            return new java.math.BigInteger(a).compareTo(new java.math.BigInteger(b));
        }
        return aNumber != bNumber ? (aNumber ? -1 : 1) : a.compareTo(b);
    }

    /** How many images of each rule a report names; the rest are counted. */
    static final int IMAGES_SHOWN = 5;

    /**
     * The lifecycle previews for the build log: per rule, how many images it would expire or archive, with the
     * first few tags and push dates.
     */
    public static List<String> previewText(List<LifecyclePreview> previews) {
        List<String> lines = new ArrayList<>();
        for (LifecyclePreview preview : previews) {
            if (preview.skipped().isPresent()) {
                lines.add(preview.repositoryName() + ": lifecycle preview skipped: "
                        + preview.skipped().get());
                continue;
            }
            lines.add(preview.repositoryName() + ": lifecycle preview (ECR's dry run of the new policy over the "
                    + "images there now; nothing applied):");
            for (LifecyclePreview.RuleOutcome rule : preview.rules()) {
                int count = rule.images().size();
                String what = count == 0 ? "no image" : count + " image" + (count == 1 ? "" : "s");
                String line = "  rule " + rule.priority() + " (" + rule.action() + ")"
                        + (rule.description().isEmpty() ? "" : " \"" + rule.description() + "\"") + ": " + what
                        + (count == 0 ? "" : " would be " + verb(rule.action()) + ": " + images(rule.images()));
                lines.add(line);
            }
        }
        return lines;
    }

    private static String verb(String action) {
        return action.equals("expire")
                ? "expired"
                : action.startsWith("transition to archive") ? "archived" : "acted on (" + action + ")";
    }

    private static String images(List<LifecyclePreview.Image> images) {
        List<String> shown = new ArrayList<>();
        for (LifecyclePreview.Image image : images.subList(0, Math.min(IMAGES_SHOWN, images.size()))) {
            String name = image.tags().isEmpty() ? shortDigest(image.digest()) : String.join("/", image.tags());
            shown.add(name + " (pushed "
                    + (image.pushedAt() == null
                            ? "?"
                            : image.pushedAt().toString().substring(0, 10)) + ")");
        }
        return String.join(", ", shown)
                + (images.size() > IMAGES_SHOWN ? " and " + (images.size() - IMAGES_SHOWN) + " more" : "");
    }

    private static String shortDigest(String digest) {
        return digest == null ? "untagged" : "untagged " + digest.substring(0, Math.min(digest.length(), 19));
    }

    /** The plan as JSON: {@code {"inSync": bool, "repositories": [{name, exists, inSync, changes, ...}]}}. */
    public static String json(List<Plan> plans) {
        return json(plans, List.of());
    }

    /**
     * The plan as JSON, each repository with its {@code lifecyclePreview} when there is one: {@code status}
     * ({@code complete} or {@code skipped}, with {@code reason}) and, per rule, {@code imageCount} and the first
     * images.
     */
    public static String json(List<Plan> plans, List<LifecyclePreview> previews) {
        return json(plans, previews, List.of());
    }

    /**
     * The plan as JSON, as {@link #json(List, List)}, each repository with what the registry says about it
     * ({@code registry}: one object per topic of {@link RegistryContext}) and the settings the POM declares over its
     * creation template ({@code templateOverrides}).
     */
    public static String json(List<Plan> plans, List<LifecyclePreview> previews, List<RegistryContext> contexts) {
        List<Object> repositories = new ArrayList<>();
        for (Plan plan : plans) {
            Map<String, Object> repository = new LinkedHashMap<>();
            repository.put("name", plan.spec().name());
            repository.put("exists", plan.observed().exists());
            repository.put("inSync", plan.inSync());
            repository.put(
                    "changes", plan.changes().stream().map(PlanReport::json).toList());
            repository.put(
                    "creationOnlyMismatches",
                    plan.mismatches().stream()
                            .map(m ->
                                    Json.object("setting", m.setting(), "current", m.current(), "desired", m.desired()))
                            .toList());
            repository.put(
                    "policyFindings",
                    plan.policyFindings().stream()
                            .map(f -> Json.object(
                                    "kind", f.kind().name(), "statement", f.statement(), "message", f.message()))
                            .toList());
            repository.put(
                    "templateOverrides",
                    plan.templateOverrides().stream()
                            .map(o -> Json.object(
                                    "template", o.template(),
                                    "setting", o.setting(),
                                    "templateValue", o.templateValue(),
                                    "pomValue", o.pomValue()))
                            .toList());
            contextOf(plan.spec().name(), contexts).ifPresent(context -> {
                Map<String, Object> registry = new LinkedHashMap<>();
                context.entries().forEach(entry -> {
                    Map<String, Object> topic = new LinkedHashMap<>(entry.details());
                    topic.put("text", entry.text());
                    registry.put(entry.topic(), topic);
                });
                repository.put("registry", registry);
            });
            previews.stream()
                    .filter(p -> p.repositoryName().equals(plan.spec().name()))
                    .findFirst()
                    .ifPresent(p -> repository.put("lifecyclePreview", json(p)));
            repositories.add(repository);
        }
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("inSync", plans.stream().allMatch(Plan::inSync));
        document.put("repositories", repositories);
        return Json.pretty(document) + "\n";
    }

    private static Map<String, Object> json(Change change) {
        Map<String, Object> json = new LinkedHashMap<>();
        String type = change.getClass().getSimpleName();
        json.put("type", Character.toLowerCase(type.charAt(0)) + type.substring(1));
        json.put("summary", change.summary());
        if (change instanceof Change.CreateRepository create) {
            RepositorySpec spec = create.spec();
            create.template().ifPresent(t -> json.put("creationTemplate", t.prefix()));
            spec.tagMutability().ifPresent(m -> json.put("imageTagMutability", mutability(m)));
            spec.scanOnPush().ifPresent(s -> json.put("scanOnPush", s));
            spec.encryption().ifPresent(e -> {
                json.put("encryption", e.type().name());
                e.kmsKey().ifPresent(k -> json.put("kmsKey", k));
            });
            spec.tags().ifPresent(t -> json.put("tags", new TreeMap<>(t)));
        } else if (change instanceof Change.SetTagMutability set) {
            json.put("current", mutability(set.current()));
            json.put("desired", mutability(set.desired()));
        } else if (change instanceof Change.SetScanOnPush set) {
            json.put("current", !set.desired());
            json.put("desired", set.desired());
        } else if (change instanceof Change.SetRepositoryPolicy set) {
            json.put("current", set.current().map(PolicyDocument::document).orElse(null));
            json.put("desired", set.desired().document());
        } else if (change instanceof Change.SetLifecyclePolicy set) {
            json.put("current", set.current().map(LifecyclePolicy::document).orElse(null));
            json.put("desired", set.desired().document());
        } else if (change instanceof Change.TagRepository tag) {
            json.put("current", new TreeMap<>(tag.current()));
            json.put("desired", new TreeMap<>(tag.tags()));
        } else if (change instanceof Change.UntagRepository untag) {
            json.put("keys", List.copyOf(untag.keys()));
        }
        return json;
    }

    private static Map<String, Object> json(LifecyclePreview preview) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("status", preview.skipped().isPresent() ? "skipped" : "complete");
        preview.skipped().ifPresent(reason -> json.put("reason", reason));
        json.put(
                "rules",
                preview.rules().stream()
                        .map(rule -> Json.object(
                                "rulePriority", rule.priority(),
                                "description", rule.description(),
                                "action", rule.action(),
                                "imageCount", rule.images().size(),
                                "images",
                                        rule.images().stream()
                                                .limit(IMAGES_SHOWN)
                                                .map(image -> Json.object(
                                                        "imageDigest", image.digest(),
                                                        "imageTags", image.tags(),
                                                        "imagePushedAt",
                                                                image.pushedAt() == null
                                                                        ? null
                                                                        : image.pushedAt()
                                                                                .toString()))
                                                .toList()))
                        .toList());
        return json;
    }

    private static Map<String, Object> mutability(TagMutability mutability) {
        return Json.object("mode", mutability.mode().name(), "exclusionFilters", mutability.exclusionFilters());
    }
}

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
        List<String> lines = new ArrayList<>();
        for (Plan plan : plans) {
            String name = plan.spec().name();
            if (plan.inSync()) {
                lines.add(name + ": up to date");
                continue;
            }
            int count = plan.changes().size() + plan.mismatches().size();
            lines.add(name + ": " + count + " difference" + (count == 1 ? "" : "s"));
            for (Change change : plan.changes()) {
                describe(change, lines);
                if (change instanceof Change.SetRepositoryPolicy) {
                    plan.policyFindings().stream().filter(f -> f.kind() == PolicyFinding.Kind.KEPT)
                            .forEach(f -> lines.add("      = " + f.statement() + ": kept (an AWS service manages "
                                    + "it)"));
                }
            }
            for (Plan.Mismatch mismatch : plan.mismatches()) {
                lines.add("  ! " + mismatch.setting() + ": " + mismatch.current() + " -> " + mismatch.desired()
                        + " (creation-only: not changed)");
            }
        }
        return lines;
    }

    private static void describe(Change change, List<String> lines) {
        if (change instanceof Change.CreateRepository create) {
            lines.add("  + repository (does not exist)" + creationSettings(create.spec()));
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
            new TreeMap<>(tag.tags()).forEach((key, value) -> lines.add(tag.current().containsKey(key)
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
        Map<String, String> before = statements(current.map(PolicyDocument::statements).orElse(List.of()));
        Map<String, String> after = statements(desired.statements());
        return diff(before, after, "statement ");
    }

    static List<String> ruleDiff(Optional<LifecyclePolicy> current, LifecyclePolicy desired) {
        Map<String, String> before = current.map(LifecyclePolicy::rulesByPriority).orElse(Map.of());
        return diff(before, desired.rulesByPriority(), "rule ");
    }

    private static Map<String, String> statements(List<Map<String, Object>> statements) {
        Map<String, String> byKey = new LinkedHashMap<>();
        for (int i = 0; i < statements.size(); i++) {
            Map<String, Object> statement = statements.get(i);
            String key = PolicyDocument.sid(statement).map(sid -> "\"" + sid + "\"").orElse("#" + (i + 1));
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

    /** The plan as JSON: {@code {"inSync": bool, "repositories": [{name, exists, inSync, changes, ...}]}}. */
    public static String json(List<Plan> plans) {
        List<Object> repositories = new ArrayList<>();
        for (Plan plan : plans) {
            Map<String, Object> repository = new LinkedHashMap<>();
            repository.put("name", plan.spec().name());
            repository.put("exists", plan.observed().exists());
            repository.put("inSync", plan.inSync());
            repository.put("changes", plan.changes().stream().map(PlanReport::json).toList());
            repository.put("creationOnlyMismatches", plan.mismatches().stream().map(m -> {
                Map<String, Object> mismatch = new LinkedHashMap<>();
                mismatch.put("setting", m.setting());
                mismatch.put("current", m.current());
                mismatch.put("desired", m.desired());
                return mismatch;
            }).toList());
            repository.put("policyFindings", plan.policyFindings().stream().map(f -> {
                Map<String, Object> finding = new LinkedHashMap<>();
                finding.put("kind", f.kind().name());
                finding.put("statement", f.statement());
                finding.put("message", f.message());
                return finding;
            }).toList());
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

    private static Map<String, Object> mutability(TagMutability mutability) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("mode", mutability.mode().name());
        json.put("exclusionFilters", mutability.exclusionFilters());
        return json;
    }
}

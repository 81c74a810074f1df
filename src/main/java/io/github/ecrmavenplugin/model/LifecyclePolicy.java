package io.github.ecrmavenplugin.model;

import io.github.ecrmavenplugin.json.Json;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * An ECR lifecycle policy: rules that expire images. Two policies are equal when they mean the same: ECR hands
 * back a compacted copy of what was sent, and gives rule order no meaning ({@code rulePriority} decides), so the
 * comparison uses {@link Json#canonical}, in which arrays are sets.
 */
public final class LifecyclePolicy extends JsonDocument {

    /** ECR's limits on {@code lifecyclePolicyText}. */
    static final int MIN_LENGTH = 100;
    static final int MAX_LENGTH = 30_720;

    private LifecyclePolicy(Map<String, Object> document) {
        super(document);
    }

    /** Validates a lifecycle policy written as JSON in the POM or a file, naming {@code parameter} in errors. */
    public static LifecyclePolicy fromPom(String text, String parameter) throws InvalidConfigurationException {
        if (text == null || text.isBlank()) {
            throw new InvalidConfigurationException(parameter, "the lifecycle policy is empty; give a JSON "
                    + "document with \"rules\" or remove the parameter");
        }
        Object parsed;
        try {
            parsed = Json.parse(text);
        } catch (IllegalArgumentException e) {
            throw new InvalidConfigurationException(parameter, "the lifecycle policy is not valid JSON ("
                    + e.getMessage() + ")", e);
        }
        if (!(parsed instanceof Map<?, ?>)) {
            throw new InvalidConfigurationException(parameter, "a lifecycle policy is a JSON object with \"rules\"");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> document = (Map<String, Object>) parsed;
        validate(document, parameter);
        return checkLength(new LifecyclePolicy(document), parameter);
    }

    /** Reads the policy ECR holds; no validation, and text that is not a JSON object counts as different. */
    public static Optional<LifecyclePolicy> fromRegistry(String text) {
        try {
            if (Json.parse(text) instanceof Map<?, ?> map) {
                @SuppressWarnings("unchecked")
                Map<String, Object> document = (Map<String, Object>) map;
                return Optional.of(new LifecyclePolicy(document));
            }
        } catch (IllegalArgumentException e) {
            // not JSON: treated as different
        }
        return Optional.empty();
    }

    /**
     * Renders rules written the short way. Priorities follow the list order (1, 2, ...); ECR evaluates a rule for
     * {@code any} tag status last, so such a rule must be the last of the list.
     *
     * @param parameter e.g. {@code lifecycleRules}; a rule is named {@code lifecycleRules[2]} (counting from 1)
     */
    public static LifecyclePolicy fromRules(List<LifecycleRule> rules, String parameter)
            throws InvalidConfigurationException {
        if (rules.isEmpty()) {
            throw new InvalidConfigurationException(parameter, "no rules; add a <rule> or remove the parameter");
        }
        List<Object> rendered = new ArrayList<>();
        for (int i = 0; i < rules.size(); i++) {
            String where = parameter + "[" + (i + 1) + "]";
            Map<String, Object> rule = render(rules.get(i), i + 1, where);
            if (((Map<?, ?>) rule.get("selection")).get("tagStatus").equals("any") && i + 1 < rules.size()) {
                throw new InvalidConfigurationException(where, "a rule for any tag status must be the last rule: "
                        + "ECR applies it after the others. Move it to the end of the list");
            }
            rendered.add(rule);
        }
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("rules", rendered);
        return checkLength(new LifecyclePolicy(document), parameter);
    }

    private static Map<String, Object> render(LifecycleRule rule, int priority, String where)
            throws InvalidConfigurationException {
        if (rule == null) {
            throw new InvalidConfigurationException(where, "the rule is empty; give <keepLast> or "
                    + "<expireAfterDays>");
        }
        boolean filtered = !rule.tagPrefixes().isEmpty() || !rule.tagPatterns().isEmpty();
        String status = rule.tagStatus() == null || rule.tagStatus().isBlank() ? (filtered ? "tagged" : "any")
                : rule.tagStatus().trim().toLowerCase(Locale.ROOT);
        if (!Set.of("tagged", "untagged", "any").contains(status)) {
            throw new InvalidConfigurationException(where + "/tagStatus", "\"" + rule.tagStatus() + "\" is not a "
                    + "tag status; use tagged, untagged or any");
        }
        if (status.equals("tagged") && !filtered) {
            throw new InvalidConfigurationException(where + "/tagPrefixes", "a rule for tagged images needs "
                    + "<tagPrefixes> or <tagPatterns> saying which tags");
        }
        if (!status.equals("tagged") && filtered) {
            throw new InvalidConfigurationException(where + "/tagStatus", "tag prefixes and patterns go with "
                    + "tagStatus tagged only, not " + status);
        }
        if (!rule.tagPrefixes().isEmpty() && !rule.tagPatterns().isEmpty()) {
            throw new InvalidConfigurationException(where + "/tagPatterns", "give <tagPrefixes> or <tagPatterns>, "
                    + "not both; split them into two rules");
        }
        for (String value : filtered ? (rule.tagPrefixes().isEmpty() ? rule.tagPatterns() : rule.tagPrefixes())
                : List.<String>of()) {
            if (value == null || value.isBlank()) {
                throw new InvalidConfigurationException(where + (rule.tagPrefixes().isEmpty() ? "/tagPatterns"
                        : "/tagPrefixes"), "an entry is empty; remove it");
            }
        }
        if ((rule.keepLast() == null) == (rule.expireAfterDays() == null)) {
            throw new InvalidConfigurationException(where, "give exactly one of <keepLast> (keep the N most "
                    + "recent images) and <expireAfterDays> (expire images N days after their push)");
        }
        Integer count = rule.keepLast() != null ? rule.keepLast() : rule.expireAfterDays();
        if (count < 1) {
            throw new InvalidConfigurationException(where + (rule.keepLast() != null ? "/keepLast"
                    : "/expireAfterDays"), count + " is not a positive number; use 1 or more");
        }
        Map<String, Object> selection = new LinkedHashMap<>();
        selection.put("tagStatus", status);
        if (!rule.tagPrefixes().isEmpty()) {
            selection.put("tagPrefixList", rule.tagPrefixes().stream().map(String::trim).toList());
        }
        if (!rule.tagPatterns().isEmpty()) {
            selection.put("tagPatternList", rule.tagPatterns().stream().map(String::trim).toList());
        }
        if (rule.keepLast() != null) {
            selection.put("countType", "imageCountMoreThan");
        } else {
            selection.put("countType", "sinceImagePushed");
            selection.put("countUnit", "days");
        }
        selection.put("countNumber", BigDecimal.valueOf(count));
        Map<String, Object> rendered = new LinkedHashMap<>();
        rendered.put("rulePriority", BigDecimal.valueOf(priority));
        rendered.put("description", rule.description() != null && !rule.description().isBlank()
                ? rule.description().trim() : describe(status, rule, count));
        rendered.put("selection", selection);
        rendered.put("action", Map.of("type", "expire"));
        return rendered;
    }

    private static String describe(String status, LifecycleRule rule, int count) {
        String images = switch (status) {
            case "untagged" -> "untagged images";
            case "any" -> "images";
            default -> "images tagged " + String.join(", ", rule.tagPrefixes().isEmpty() ? rule.tagPatterns()
                    : rule.tagPrefixes().stream().map(p -> p + "*").toList());
        };
        return rule.keepLast() != null ? "Keep the last " + count + " " + images
                : "Expire " + images + " " + count + " day" + (count == 1 ? "" : "s") + " after push";
    }

    private static LifecyclePolicy checkLength(LifecyclePolicy policy, String parameter)
            throws InvalidConfigurationException {
        int length = policy.toJson().length();
        if (length > MAX_LENGTH) {
            throw new InvalidConfigurationException(parameter, "the lifecycle policy has " + length
                    + " characters; ECR accepts at most " + MAX_LENGTH);
        }
        if (length < MIN_LENGTH) {
            // ECR's lower bound; only a rule stripped of everything optional is that short.
            throw new InvalidConfigurationException(parameter, "the lifecycle policy has " + length + " characters; "
                    + "ECR needs at least " + MIN_LENGTH + ". Add a \"description\" to a rule");
        }
        return policy;
    }

    /** The checks ECR makes, so a broken policy fails the build before any call instead of half way. */
    private static void validate(Map<String, Object> document, String parameter)
            throws InvalidConfigurationException {
        if (!(document.get("rules") instanceof List<?> rules) || rules.isEmpty()) {
            throw new InvalidConfigurationException(parameter, "a lifecycle policy needs a non-empty \"rules\" "
                    + "array");
        }
        Set<BigDecimal> priorities = new HashSet<>();
        BigDecimal highest = null;
        BigDecimal anyPriority = null;
        for (Object r : rules) {
            if (!(r instanceof Map<?, ?> rule)) {
                throw new InvalidConfigurationException(parameter, "every rule must be a JSON object");
            }
            BigDecimal priority = positiveInteger(rule.get("rulePriority"), parameter, "rulePriority of a rule");
            String name = "rule " + priority.toPlainString();
            if (!priorities.add(priority)) {
                throw new InvalidConfigurationException(parameter, "rulePriority " + priority.toPlainString()
                        + " is used by more than one rule; every rule needs its own");
            }
            highest = highest == null || priority.compareTo(highest) > 0 ? priority : highest;
            if (!(rule.get("selection") instanceof Map<?, ?> selection)) {
                throw new InvalidConfigurationException(parameter, name + " needs a \"selection\" object");
            }
            Object status = selection.get("tagStatus");
            boolean filtered = selection.containsKey("tagPrefixList") || selection.containsKey("tagPatternList");
            if ("any".equals(status)) {
                if (anyPriority != null) {
                    throw new InvalidConfigurationException(parameter, "only one rule may have tagStatus \"any\"");
                }
                anyPriority = priority;
            } else if (!"tagged".equals(status) && !"untagged".equals(status)) {
                throw new InvalidConfigurationException(parameter, name + " has tagStatus " + Json.write(status)
                        + "; use \"tagged\", \"untagged\" or \"any\"");
            }
            if ("tagged".equals(status) != filtered) {
                throw new InvalidConfigurationException(parameter, name + ": \"tagPrefixList\" or "
                        + "\"tagPatternList\" go with tagStatus \"tagged\", which needs one of them");
            }
            Object countType = selection.get("countType");
            if ("sinceImagePushed".equals(countType)) {
                if (!"days".equals(selection.get("countUnit"))) {
                    throw new InvalidConfigurationException(parameter, name + ": countType \"sinceImagePushed\" "
                            + "needs \"countUnit\": \"days\"");
                }
            } else if ("imageCountMoreThan".equals(countType)) {
                if (selection.containsKey("countUnit")) {
                    throw new InvalidConfigurationException(parameter, name + ": countType "
                            + "\"imageCountMoreThan\" takes no \"countUnit\"; remove it");
                }
            } else {
                throw new InvalidConfigurationException(parameter, name + " has countType " + Json.write(countType)
                        + "; use \"imageCountMoreThan\" or \"sinceImagePushed\"");
            }
            positiveInteger(selection.get("countNumber"), parameter, name + "'s countNumber");
            if (!(rule.get("action") instanceof Map<?, ?> action) || !"expire".equals(action.get("type"))) {
                throw new InvalidConfigurationException(parameter, name + " needs \"action\": {\"type\": "
                        + "\"expire\"}");
            }
        }
        if (anyPriority != null && anyPriority.compareTo(highest) != 0) {
            throw new InvalidConfigurationException(parameter, "the rule with tagStatus \"any\" must have the "
                    + "highest rulePriority: ECR applies it last");
        }
    }

    private static BigDecimal positiveInteger(Object value, String parameter, String what)
            throws InvalidConfigurationException {
        if (value instanceof BigDecimal number && number.signum() > 0 && number.stripTrailingZeros().scale() <= 0) {
            return number.stripTrailingZeros();
        }
        throw new InvalidConfigurationException(parameter, "the " + what + " must be a positive whole number, found "
                + Json.write(value));
    }

    /** The rules by priority, each as compact JSON in canonical form: what a plan compares rule by rule. */
    public Map<String, String> rulesByPriority() {
        Map<String, String> rules = new TreeMap<>((a, b) -> {
            try {
                return new BigDecimal(a).compareTo(new BigDecimal(b));
            } catch (NumberFormatException e) {
                return a.compareTo(b);
            }
        });
        if (document().get("rules") instanceof List<?> list) {
            int i = 0;
            for (Object rule : list) {
                i++;
                Object priority = rule instanceof Map<?, ?> map ? map.get("rulePriority") : null;
                String key = priority instanceof BigDecimal p ? p.stripTrailingZeros().toPlainString() : "?" + i;
                rules.put(key, Json.write(Json.canonical(rule)));
            }
        }
        return rules;
    }
}

package io.github.ecrmavenplugin.model;

import io.github.ecrmavenplugin.json.Json;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * An ECR lifecycle policy: rules that expire images or move them to the archive storage class. Two policies are
 * equal when they mean the same: ECR hands back a compacted copy of what was sent, and gives rule order no meaning
 * ({@code rulePriority} decides), so the comparison uses {@link Json#canonical}, in which arrays are sets.
 *
 * <p>Checked as the package's rule says: only what ECR certainly refuses fails here (see {@code package-info});
 * values newer than the bundled SDK's model are sent with a warning.
 */
public final class LifecyclePolicy extends JsonDocument {

    /** ECR's limits on {@code lifecyclePolicyText}. */
    static final int MIN_LENGTH = 100;

    static final int MAX_LENGTH = 30_720;

    /** The count types ECR documents; the SDK's model has no enumeration of them. */
    static final Set<String> COUNT_TYPES =
            Set.of("imageCountMoreThan", "sinceImagePushed", "sinceImagePulled", "sinceImageTransitioned");

    /**
     * The keys of ECR's lifecycle policy grammar ("Lifecycle policy properties in Amazon ECR"), by the object they
     * stand in. ECR validates the document against a schema that refuses any other key and any {@code null}; values
     * newer than the plugin (a count type, an action type, a storage class) are another matter: they pass, with a
     * warning.
     */
    private static final List<String> POLICY_KEYS = List.of("rules");

    private static final List<String> RULE_KEYS = List.of("rulePriority", "description", "selection", "action");
    private static final List<String> SELECTION_KEYS = List.of(
            "tagStatus", "tagPrefixList", "tagPatternList", "countType", "countUnit", "countNumber", "storageClass");
    private static final List<String> ACTION_KEYS = List.of("type", "targetStorageClass");

    /** "There is a maximum limit of four wildcards (*) per string" of a {@code tagPatternList} (ECR User Guide). */
    static final int MAX_PATTERN_WILDCARDS = 4;

    /** ECR's service model reads a rule priority as a 32-bit integer from 1 ({@code LifecyclePolicyRulePriority}). */
    private static final BigDecimal MAX_RULE_PRIORITY = BigDecimal.valueOf(Integer.MAX_VALUE);

    /** The keys whose values are whole numbers, sent in their plain form ({@code 1e1} as {@code 10}). */
    private static final Set<String> WHOLE_NUMBER_KEYS = Set.of("rulePriority", "countNumber");

    private LifecyclePolicy(Map<String, Object> document, List<String> warnings) {
        super(document, warnings);
    }

    /** Validates a lifecycle policy written as JSON in the POM or a file, naming {@code parameter} in errors. */
    public static LifecyclePolicy fromPom(String text, String parameter) throws InvalidConfigurationException {
        Map<String, Object> document = pomObject(
                text,
                parameter,
                "the lifecycle policy",
                "give a JSON document with \"rules\"",
                "a lifecycle policy is a JSON object with \"rules\"");
        List<String> warnings = new ArrayList<>();
        validate(document, parameter, warnings);
        @SuppressWarnings("unchecked")
        Map<String, Object> plain = (Map<String, Object>) wholeNumbersWrittenPlain(document);
        return checkLength(new LifecyclePolicy(plain, warnings), parameter);
    }

    /**
     * The document with every {@code rulePriority} and {@code countNumber} written as an integer: a value such as
     * {@code 1e1} or {@code 1.0} is a whole number, but ECR's schema wants an integer, which JSON readers tell by
     * its form. Called once the values are known to be whole.
     */
    private static Object wholeNumbersWrittenPlain(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            map.forEach((k, v) -> copy.put(
                    (String) k,
                    WHOLE_NUMBER_KEYS.contains(k) && v instanceof BigDecimal number
                            ? new BigDecimal(number.toBigIntegerExact())
                            : wholeNumbersWrittenPlain(v)));
            return java.util.Collections.unmodifiableMap(copy);
        }
        if (value instanceof List<?> list) {
            return list.stream().map(LifecyclePolicy::wholeNumbersWrittenPlain).toList();
        }
        return value;
    }

    /** Reads the policy ECR holds; no validation, and text that is not a JSON object counts as different. */
    public static Optional<LifecyclePolicy> fromRegistry(String text) {
        return registryObject(text).map(document -> new LifecyclePolicy(document, List.of()));
    }

    /**
     * Renders rules written the short way. Priorities follow the list order (1, 2, ...); ECR evaluates a rule for
     * {@code any} tag status last among the rules of its storage class, so such a rule must be the last of them.
     *
     * @param parameter e.g. {@code lifecycleRules}; a rule is named {@code lifecycleRules[2]} (counting from 1)
     */
    public static LifecyclePolicy fromRules(List<LifecycleRule> rules, String parameter)
            throws InvalidConfigurationException {
        if (rules.isEmpty()) {
            throw new InvalidConfigurationException(parameter, "no rules; add a <rule> or remove the parameter");
        }
        List<Map<String, Object>> rendered = new ArrayList<>();
        for (int i = 0; i < rules.size(); i++) {
            rendered.add(ShortRules.render(rules.get(i), i + 1, parameter + "[" + (i + 1) + "]"));
        }
        for (int i = 0; i < rendered.size(); i++) {
            Map<?, ?> selection = (Map<?, ?>) rendered.get(i).get("selection");
            String storageClass = storageClass(selection);
            boolean laterInSameClass = rendered.subList(i + 1, rendered.size()).stream()
                    .anyMatch(r -> storageClass((Map<?, ?>) r.get("selection")).equals(storageClass));
            if ("any".equals(selection.get("tagStatus")) && laterInSameClass) {
                throw new InvalidConfigurationException(
                        parameter + "[" + (i + 1) + "]",
                        "a rule for any tag status "
                                + "must be the last rule for " + storageClass
                                + " images: ECR applies it after the others. "
                                + "Move it after them");
            }
        }
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("rules", List.copyOf(rendered));
        return checkLength(new LifecyclePolicy(document, List.of()), parameter);
    }

    /** The storage class a rule selects: {@code standard} unless it says otherwise. */
    static String storageClass(Map<?, ?> selection) {
        return selection.get("storageClass") instanceof String s ? s : "standard";
    }

    private static LifecyclePolicy checkLength(LifecyclePolicy policy, String parameter)
            throws InvalidConfigurationException {
        int length = policy.toJson().length();
        if (length > MAX_LENGTH) {
            throw new InvalidConfigurationException(
                    parameter,
                    "the lifecycle policy has " + length + " characters as compact JSON; ECR accepts at most "
                            + MAX_LENGTH);
        }
        if (length < MIN_LENGTH) {
            // ECR's lower bound; only a rule stripped of everything optional is that short.
            throw new InvalidConfigurationException(
                    parameter,
                    "the lifecycle policy has " + length + " characters; " + "ECR needs at least " + MIN_LENGTH
                            + ". Add a \"description\" to a rule");
        }
        return policy;
    }

    /**
     * The checks ECR certainly makes, so a broken policy fails the build before any call instead of half way; an
     * unknown value in a known place is only a warning, since ECR's grammar grows.
     */
    private static void validate(Map<String, Object> document, String parameter, List<String> warnings)
            throws InvalidConfigurationException {
        checkKeys(document, POLICY_KEYS, "the lifecycle policy", parameter);
        if (!(document.get("rules") instanceof List<?> rules) || rules.isEmpty()) {
            throw new InvalidConfigurationException(
                    parameter, "a lifecycle policy needs a non-empty \"rules\" " + "array");
        }
        Set<BigDecimal> priorities = new HashSet<>();
        Map<String, BigDecimal> highest = new HashMap<>();
        Map<String, BigDecimal> anyPriority = new HashMap<>();
        for (Object r : rules) {
            if (!(r instanceof Map<?, ?> rule)) {
                throw new InvalidConfigurationException(parameter, "every rule must be a JSON object");
            }
            BigDecimal priority =
                    wholeNumber(rule.get("rulePriority"), parameter, "the rulePriority of a rule", MAX_RULE_PRIORITY);
            String name = "rule " + priority.toPlainString();
            checkKeys(rule, RULE_KEYS, name, parameter);
            if (!priorities.add(priority)) {
                throw new InvalidConfigurationException(
                        parameter,
                        "rulePriority " + priority.toPlainString()
                                + " is used by more than one rule; every rule needs its own");
            }
            if (!(rule.get("selection") instanceof Map<?, ?> selection)) {
                throw new InvalidConfigurationException(parameter, name + " needs a \"selection\" object");
            }
            checkKeys(selection, SELECTION_KEYS, name + "'s selection", parameter);
            String storageClass = storageClass(selection);
            known(
                    selection.get("storageClass"),
                    ServiceModel.STORAGE_CLASSES,
                    parameter,
                    name,
                    "storageClass",
                    warnings,
                    false);
            highest.merge(storageClass, priority, BigDecimal::max);
            checkTagStatus(selection, parameter, name, warnings);
            if ("any".equals(selection.get("tagStatus"))) {
                if (anyPriority.put(storageClass, priority) != null) {
                    throw new InvalidConfigurationException(
                            parameter, "only one rule for " + storageClass + " images may have tagStatus \"any\"");
                }
            }
            checkCount(selection, parameter, name, warnings);
            checkAction(rule.get("action"), parameter, name, warnings);
        }
        for (Map.Entry<String, BigDecimal> any : anyPriority.entrySet()) {
            if (any.getValue().compareTo(highest.get(any.getKey())) != 0) {
                throw new InvalidConfigurationException(
                        parameter,
                        "the rule with tagStatus \"any\" must have the " + "highest rulePriority of the rules for "
                                + any.getKey() + " images: ECR applies it last");
            }
        }
    }

    private static void checkTagStatus(Map<?, ?> selection, String parameter, String name, List<String> warnings)
            throws InvalidConfigurationException {
        Object status = selection.get("tagStatus");
        if (!(status instanceof String)) {
            throw new InvalidConfigurationException(
                    parameter, name + " needs a \"tagStatus\": \"tagged\", " + "\"untagged\" or \"any\"");
        }
        if (!known(status, ServiceModel.TAG_STATUSES, parameter, name, "tagStatus", warnings, true)) {
            return;
        }
        if (selection.containsKey("tagPrefixList") && selection.containsKey("tagPatternList")) {
            throw new InvalidConfigurationException(
                    parameter,
                    name + " has both \"tagPrefixList\" and \"tagPatternList\"; a rule selects tagged images by "
                            + "one of them. Keep one (a prefix \"v\" is the pattern \"v*\")");
        }
        checkTagList(selection, "tagPrefixList", parameter, name);
        checkTagList(selection, "tagPatternList", parameter, name);
        boolean filtered = selection.containsKey("tagPrefixList") || selection.containsKey("tagPatternList");
        if ("tagged".equals(status) != filtered) {
            throw new InvalidConfigurationException(
                    parameter,
                    name + ": \"tagPrefixList\" or "
                            + "\"tagPatternList\" go with tagStatus \"tagged\", which needs one of them");
        }
    }

    /**
     * A tag list ECR takes: a non-empty list of non-empty strings, each pattern with at most
     * {@value #MAX_PATTERN_WILDCARDS} wildcards ("Lifecycle policy properties in Amazon ECR": {@code
     * ["test*1*2*3*4*5*6"]} is invalid).
     */
    private static void checkTagList(Map<?, ?> selection, String key, String parameter, String name)
            throws InvalidConfigurationException {
        if (!selection.containsKey(key)) {
            return;
        }
        String example = key.equals("tagPrefixList") ? "[\"v\"]" : "[\"v*\"]";
        Object value = selection.get(key);
        if (!(value instanceof List<?> list)) {
            throw new InvalidConfigurationException(
                    parameter,
                    name + "'s \"" + key + "\" is " + Json.write(value) + ", which is not a list; ECR takes a "
                            + "list of tags, e.g. " + example);
        }
        if (list.isEmpty()) {
            throw new InvalidConfigurationException(
                    parameter,
                    name + "'s \"" + key + "\" is empty, which ECR refuses; list at least one, e.g. " + example
                            + ", or use tagStatus \"any\"");
        }
        for (Object entry : list) {
            if (!(entry instanceof String tag) || tag.isEmpty()) {
                throw new InvalidConfigurationException(
                        parameter,
                        name + "'s \"" + key + "\" holds " + Json.write(entry) + ", which ECR refuses; every entry "
                                + "is a tag " + (key.equals("tagPrefixList") ? "prefix" : "pattern")
                                + " written as a non-empty string");
            }
            long wildcards = tag.chars().filter(c -> c == '*').count();
            if (key.equals("tagPatternList") && wildcards > MAX_PATTERN_WILDCARDS) {
                throw new InvalidConfigurationException(
                        parameter,
                        name + "'s tag pattern \"" + tag + "\" has " + wildcards + " wildcards (*); ECR allows at "
                                + "most " + MAX_PATTERN_WILDCARDS + " in each pattern");
            }
        }
    }

    /** Every {@code since...} count type counts time, so it needs a {@code countUnit}; an image count has none. */
    private static void checkCount(Map<?, ?> selection, String parameter, String name, List<String> warnings)
            throws InvalidConfigurationException {
        Object countType = selection.get("countType");
        if (!(countType instanceof String type)) {
            throw new InvalidConfigurationException(
                    parameter,
                    name + " needs a \"countType\", e.g. " + "\"imageCountMoreThan\" or \"sinceImagePushed\"");
        }
        if (known(type, COUNT_TYPES, parameter, name, "countType", warnings, true)) {
            if (type.equals("imageCountMoreThan") && selection.containsKey("countUnit")) {
                throw new InvalidConfigurationException(
                        parameter, name + ": countType \"imageCountMoreThan\" " + "takes no \"countUnit\"; remove it");
            }
            if (type.startsWith("since") && !(selection.get("countUnit") instanceof String)) {
                throw new InvalidConfigurationException(
                        parameter, name + ": countType \"" + type + "\" needs " + "\"countUnit\": \"days\"");
            }
        }
        if (selection.get("countUnit") instanceof String unit && !unit.equals("days")) {
            warnings.add("<" + parameter + ">: " + name + " has countUnit \"" + unit + "\"; ECR documents "
                    + "\"days\" only. It is sent as written");
        }
        wholeNumber(selection.get("countNumber"), parameter, name + "'s countNumber", null);
    }

    private static void checkAction(Object value, String parameter, String name, List<String> warnings)
            throws InvalidConfigurationException {
        if (!(value instanceof Map<?, ?> action) || !(action.get("type") instanceof String type)) {
            throw new InvalidConfigurationException(
                    parameter,
                    name + " needs an \"action\" with a \"type\", "
                            + "e.g. {\"type\": \"expire\"} or {\"type\": \"transition\", \"targetStorageClass\": "
                            + "\"archive\"}");
        }
        checkKeys(action, ACTION_KEYS, name + "'s action", parameter);
        known(type, ServiceModel.ACTION_TYPES, parameter, name, "action type", warnings, true);
        if (type.equals("transition") && !(action.get("targetStorageClass") instanceof String)) {
            throw new InvalidConfigurationException(
                    parameter, name + ": a \"transition\" needs " + "\"targetStorageClass\", e.g. \"archive\"");
        }
        known(
                action.get("targetStorageClass"),
                ServiceModel.TARGET_STORAGE_CLASSES,
                parameter,
                name,
                "targetStorageClass",
                warnings,
                false);
    }

    /**
     * Whether {@code value} is one of the {@code known} values; an unknown one is a warning, not a refusal: it may
     * be newer than the bundled SDK.
     */
    private static boolean known(
            Object value,
            Set<String> known,
            String parameter,
            String rule,
            String what,
            List<String> warnings,
            boolean required) {
        if (value == null && !required) {
            return true;
        }
        if (value instanceof String s && known.contains(s)) {
            return true;
        }
        String closest = known.stream()
                .min(java.util.Comparator.comparingInt(k -> EcrActions.distance(
                        k.toLowerCase(Locale.ROOT), String.valueOf(value).toLowerCase(Locale.ROOT))))
                .orElse("");
        warnings.add("<" + parameter + ">: " + rule + " has " + what + " " + Json.write(value) + ", which the "
                + "plugin does not know (it knows " + new TreeSet<>(known) + "; did you mean \"" + closest + "\"?). "
                + "It is sent as written: ECR reports it if it is wrong");
        return false;
    }

    /**
     * A whole number from 1 to {@code max} (no bound when {@code null}), in any form JSON has for it: {@code 10},
     * {@code 1e1} and {@code 10.0} are the same number, sent as {@code 10}. A number whose plain form alone would
     * be longer than ECR accepts for the whole policy is refused as such.
     *
     * @return the number as an integer
     */
    private static BigDecimal wholeNumber(Object value, String parameter, String what, BigDecimal max)
            throws InvalidConfigurationException {
        String range = max == null ? "of 1 or more" : "from 1 to " + max.toPlainString();
        if (value instanceof BigDecimal number && number.precision() - number.scale() > MAX_LENGTH) {
            throw new InvalidConfigurationException(
                    parameter,
                    what + " " + number + " has more digits written out than ECR accepts for the whole "
                            + "lifecycle policy (" + MAX_LENGTH + " characters); give a whole number " + range);
        }
        if (value instanceof BigDecimal number
                && number.signum() > 0
                && number.stripTrailingZeros().scale() <= 0
                && (max == null || number.compareTo(max) <= 0)) {
            return new BigDecimal(number.toBigIntegerExact());
        }
        throw new InvalidConfigurationException(
                parameter,
                what + " must be a whole number " + range + ", found "
                        + (value instanceof BigDecimal number ? number.toString() : Json.write(value)));
    }

    /** Every key of {@code object} is one of {@code known}, and none is {@code null}, as ECR's schema wants. */
    private static void checkKeys(Map<?, ?> object, List<String> known, String where, String parameter)
            throws InvalidConfigurationException {
        for (Map.Entry<?, ?> entry : object.entrySet()) {
            String key = String.valueOf(entry.getKey());
            if (!known.contains(key)) {
                String closest = known.stream()
                        .min(java.util.Comparator.comparingInt(
                                k -> EcrActions.distance(k.toLowerCase(Locale.ROOT), key.toLowerCase(Locale.ROOT))))
                        .orElseThrow();
                throw new InvalidConfigurationException(
                        parameter,
                        where + " has the key \"" + key + "\", which ECR's lifecycle policy grammar does not have "
                                + "there (did you mean \"" + closest + "\"?). It has " + String.join(", ", known)
                                + "; ECR refuses any other key");
            }
            if (entry.getValue() == null) {
                throw new InvalidConfigurationException(
                        parameter,
                        where + " has \"" + key + "\": null, which ECR refuses; give a value or leave the key out");
            }
            if (entry.getValue() instanceof List<?> list && list.contains(null)) {
                throw new InvalidConfigurationException(
                        parameter, where + "'s \"" + key + "\" holds null, which ECR refuses; remove it");
            }
        }
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
                String key = priority instanceof BigDecimal p
                        ? p.stripTrailingZeros().toPlainString()
                        : "?" + i;
                rules.put(key, Json.write(Json.canonical(rule)));
            }
        }
        return rules;
    }

    /**
     * One rule as a plan or a preview names it.
     *
     * @param priority    the {@code rulePriority}
     * @param description the rule's description, or empty
     * @param action      what the rule does, e.g. {@code expire} or {@code transition to archive}
     */
    public record Rule(int priority, String description, String action) {}

    /** The rules with a whole-number priority, by priority. */
    public List<Rule> rules() {
        List<Rule> rules = new ArrayList<>();
        if (document().get("rules") instanceof List<?> list) {
            for (Object r : list) {
                if (r instanceof Map<?, ?> rule && rule.get("rulePriority") instanceof BigDecimal p) {
                    rules.add(new Rule(
                            p.intValue(),
                            rule.get("description") instanceof String d ? d : "",
                            action(rule.get("action"))));
                }
            }
        }
        rules.sort(java.util.Comparator.comparingInt(Rule::priority));
        return rules;
    }

    /** {@code expire}, {@code transition to archive}, or whatever type a newer policy names. */
    static String action(Object action) {
        if (!(action instanceof Map<?, ?> map)) {
            return "?";
        }
        String type = String.valueOf(map.get("type"));
        return map.get("targetStorageClass") instanceof String target ? type + " to " + target : type;
    }
}

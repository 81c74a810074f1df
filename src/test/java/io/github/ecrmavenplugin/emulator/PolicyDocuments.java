package io.github.ecrmavenplugin.emulator;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.protocols.jsoncore.JsonNode;

/**
 * Validates repository and lifecycle policy documents as ECR does and turns them into the text ECR stores. The
 * lifecycle grammar is ECR's current one, archive storage included: {@code storageClass} selection, the
 * {@code transition} action to {@code archive}, and the count types {@code sinceImagePulled} and
 * {@code sinceImageTransitioned}.
 */
final class PolicyDocuments {

    static final int MAX_POLICY_LENGTH = 10_240;
    static final int MAX_LIFECYCLE_LENGTH = 30_720;
    /** ECR's minimum storage duration of archived images, in days. */
    static final int MIN_ARCHIVE_DAYS = 90;

    private static final Set<String> STORAGE_CLASSES = Set.of("standard", "archive");
    private static final String INVALID_POLICY =
            "Invalid parameter at 'PolicyText' failed to satisfy constraint: " + "'Invalid repository policy provided'";

    private PolicyDocuments() {}

    /**
     * Checks a repository policy and answers the text ECR would store and hand back: pretty-printed, never the
     * bytes sent. ECR answers every structural fault, including a {@code Resource} element (a repository policy
     * applies to its repository only), with one and the same message.
     */
    static String repositoryPolicy(String text) {
        if (text.isEmpty() || text.length() > MAX_POLICY_LENGTH) {
            throw EcrError.invalidParameter(
                    "policyText",
                    "Member must have length greater than or equal to 0 and less than or equal to "
                            + MAX_POLICY_LENGTH);
        }
        JsonNode policy = parse(text, EcrError.invalidParameter(INVALID_POLICY));
        if (!policy.isObject()
                || !isString(policy, "Version")
                || policy.field("Statement").isEmpty()) {
            throw EcrError.invalidParameter(INVALID_POLICY);
        }
        JsonNode statements = policy.field("Statement").get();
        List<JsonNode> list = statements.isArray() ? statements.asArray() : List.of(statements);
        if (list.isEmpty()) {
            throw EcrError.invalidParameter(INVALID_POLICY);
        }
        for (JsonNode statement : list) {
            if (!validStatement(statement)) {
                throw EcrError.invalidParameter(INVALID_POLICY);
            }
        }
        return JsonText.pretty(policy);
    }

    private static boolean validStatement(JsonNode statement) {
        if (!statement.isObject()) {
            return false;
        }
        Map<String, JsonNode> fields = statement.asObject();
        String effect = fields.containsKey("Effect") && fields.get("Effect").isString()
                ? fields.get("Effect").asString()
                : "";
        return (effect.equals("Allow") || effect.equals("Deny"))
                && (fields.containsKey("Principal") || fields.containsKey("NotPrincipal"))
                && (fields.containsKey("Action") || fields.containsKey("NotAction"))
                && !fields.containsKey("Resource")
                && !fields.containsKey("NotResource");
    }

    /** Checks a lifecycle policy against ECR's rule grammar and answers the compacted text ECR stores. */
    static String lifecyclePolicy(String text) {
        if (text.length() < 100 || text.length() > MAX_LIFECYCLE_LENGTH) {
            throw EcrError.invalidParameter(
                    "lifecyclePolicyText",
                    "Member must have length greater than or equal to 100 and less than or equal to "
                            + MAX_LIFECYCLE_LENGTH);
        }
        JsonNode policy = parse(text, lifecycleError("Could not parse the lifecycle policy as JSON"));
        if (!policy.isObject()
                || policy.field("rules").filter(JsonNode::isArray).isEmpty()
                || policy.field("rules").get().asArray().isEmpty()) {
            throw lifecycleError("The lifecycle policy must have a non-empty 'rules' array");
        }
        List<JsonNode> rules = policy.field("rules").get().asArray();
        Set<Long> priorities = new HashSet<>();
        Map<String, Long> highestPriority = new HashMap<>();
        Map<String, Long> anyRulePriority = new HashMap<>();
        for (JsonNode rule : rules) {
            long priority = checkRule(rule);
            if (!priorities.add(priority)) {
                throw lifecycleError("The rulePriority " + priority + " is used by more than one rule");
            }
            JsonNode selection = rule.field("selection").get();
            String storageClass = storageClass(selection);
            highestPriority.merge(storageClass, priority, Math::max);
            String tagStatus = selection.field("tagStatus").get().asString();
            if (tagStatus.equals("any") && anyRulePriority.put(storageClass, priority) != null) {
                throw lifecycleError(
                        "Only one rule for the " + storageClass + " storage class may have tagStatus " + "'any'");
            }
        }
        // A rule on 'any' image must be evaluated last among the rules of its storage class.
        anyRulePriority.forEach((storageClass, priority) -> {
            if (priority.longValue() != highestPriority.get(storageClass)) {
                throw lifecycleError("The rule with tagStatus 'any' must have the highest rulePriority value of the "
                        + "rules for the " + storageClass + " storage class");
            }
        });
        return JsonText.compact(policy);
    }

    private static long checkRule(JsonNode rule) {
        if (!rule.isObject()) {
            throw lifecycleError("Each rule must be a JSON object");
        }
        long priority = positiveInteger(rule.field("rulePriority").orElse(null), "rulePriority");
        JsonNode selection = rule.field("selection")
                .filter(JsonNode::isObject)
                .orElseThrow(() -> lifecycleError("Rule " + priority + " must have a 'selection' object"));
        String tagStatus = stringField(selection, "tagStatus", priority);
        boolean hasPrefixes = nonEmptyStringArray(selection, "tagPrefixList", priority);
        boolean hasPatterns = nonEmptyStringArray(selection, "tagPatternList", priority);
        switch (tagStatus) {
            case "tagged" -> {
                if (hasPrefixes == hasPatterns) {
                    throw lifecycleError("Rule " + priority + " with tagStatus 'tagged' must have exactly one of "
                            + "tagPrefixList and tagPatternList");
                }
            }
            case "untagged", "any" -> {
                if (hasPrefixes || hasPatterns) {
                    throw lifecycleError("Rule " + priority + " may have tagPrefixList or tagPatternList only "
                            + "with tagStatus 'tagged'");
                }
            }
            default -> throw lifecycleError("Rule " + priority + " has an unknown tagStatus '" + tagStatus + "'");
        }
        String storageClass = storageClass(selection);
        if (!STORAGE_CLASSES.contains(storageClass)) {
            throw lifecycleError("Rule " + priority + " has an unknown storageClass '" + storageClass + "'");
        }
        String countType = stringField(selection, "countType", priority);
        boolean hasUnit = selection.field("countUnit").isPresent();
        switch (countType) {
            case "imageCountMoreThan" -> {
                if (hasUnit) {
                    throw lifecycleError("Rule " + priority + " must not have countUnit with imageCountMoreThan");
                }
            }
            case "sinceImagePushed", "sinceImagePulled", "sinceImageTransitioned" -> {
                if (!"days"
                        .equals(selection
                                .field("countUnit")
                                .filter(JsonNode::isString)
                                .map(JsonNode::asString)
                                .orElse(null))) {
                    throw lifecycleError("Rule " + priority + " must have countUnit 'days' with " + countType);
                }
                if (countType.equals("sinceImageTransitioned") && !storageClass.equals("archive")) {
                    throw lifecycleError("Rule " + priority + " may use sinceImageTransitioned only with "
                            + "storageClass 'archive'");
                }
            }
            default -> throw lifecycleError("Rule " + priority + " has an unknown countType '" + countType + "'");
        }
        long countNumber = positiveInteger(selection.field("countNumber").orElse(null), "countNumber");
        JsonNode action = rule.field("action")
                .filter(JsonNode::isObject)
                .orElseThrow(() -> lifecycleError("Rule " + priority + " must have an 'action' object"));
        String type = stringField(action, "type", priority);
        Optional<String> target =
                action.field("targetStorageClass").filter(JsonNode::isString).map(JsonNode::asString);
        switch (type) {
            case "expire" -> {
                if (target.isPresent()) {
                    throw lifecycleError(
                            "Rule " + priority + " must not have targetStorageClass with action " + "'expire'");
                }
                // Archived images are billed for at least 90 days; ECR refuses to expire them sooner.
                if (storageClass.equals("archive")
                        && countType.equals("sinceImageTransitioned")
                        && countNumber < MIN_ARCHIVE_DAYS) {
                    throw lifecycleError("Rule " + priority + " would expire archived images less than "
                            + MIN_ARCHIVE_DAYS + " days after they were archived");
                }
            }
            case "transition" -> {
                if (!"archive".equals(target.orElse(null))) {
                    throw lifecycleError("Rule " + priority + " with action 'transition' must have "
                            + "targetStorageClass 'archive'");
                }
                if (!storageClass.equals("standard")) {
                    throw lifecycleError(
                            "Rule " + priority + " can transition only images of the standard " + "storage class");
                }
            }
            default -> throw lifecycleError("Rule " + priority + " has an unknown action type '" + type + "'");
        }
        return priority;
    }

    /** The storage class a rule selects: {@code standard} unless it says otherwise. */
    static String storageClass(JsonNode selection) {
        return selection
                .field("storageClass")
                .filter(JsonNode::isString)
                .map(JsonNode::asString)
                .orElse("standard");
    }

    private static long positiveInteger(JsonNode node, String name) {
        if (node == null || !node.isNumber()) {
            throw lifecycleError("'" + name + "' must be a positive integer");
        }
        try {
            long value = Long.parseLong(node.asNumber());
            if (value > 0) {
                return value;
            }
        } catch (NumberFormatException e) {
            // falls through to the error below: a fraction or an exponent is not an integer
        }
        throw lifecycleError("'" + name + "' must be a positive integer");
    }

    private static String stringField(JsonNode object, String name, long priority) {
        return object.field(name)
                .filter(JsonNode::isString)
                .map(JsonNode::asString)
                .orElseThrow(() -> lifecycleError("Rule " + priority + " must have a string '" + name + "'"));
    }

    private static boolean nonEmptyStringArray(JsonNode selection, String name, long priority) {
        if (selection.field(name).isEmpty()) {
            return false;
        }
        JsonNode list = selection.field(name).get();
        if (!list.isArray()
                || list.asArray().isEmpty()
                || !list.asArray().stream()
                        .allMatch(item -> item.isString() && !item.asString().isEmpty())) {
            throw lifecycleError("Rule " + priority + " must have a non-empty list of strings in '" + name + "'");
        }
        return true;
    }

    private static JsonNode parse(String text, EcrError onError) {
        try {
            return JsonNode.parser().parse(text);
        } catch (RuntimeException e) {
            throw onError;
        }
    }

    private static boolean isString(JsonNode object, String name) {
        return object.field(name).filter(JsonNode::isString).isPresent();
    }

    private static EcrError lifecycleError(String reason) {
        return EcrError.invalidParameter("Invalid parameter at 'LifecyclePolicyText' failed to satisfy constraint: "
                + "'Lifecycle policy validation failure: " + reason + "'");
    }
}

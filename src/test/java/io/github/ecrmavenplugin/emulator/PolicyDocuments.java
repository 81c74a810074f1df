package io.github.ecrmavenplugin.emulator;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
    /** A statement's elements in IAM's policy grammar; IAM refuses a policy with any other. */
    private static final Set<String> STATEMENT_ELEMENTS = Set.of(
            "Sid",
            "Effect",
            "Principal",
            "NotPrincipal",
            "Action",
            "NotAction",
            "Resource",
            "NotResource",
            "Condition");

    private static final Pattern IAM_ARN = Pattern.compile("arn:[^:]*:(iam|sts)::([^:]*):(.*)");
    /** The keys of ECR's lifecycle policy schema, by the object they stand in; it refuses any other and nulls. */
    private static final Set<String> POLICY_KEYS = Set.of("rules");

    private static final Set<String> RULE_KEYS = Set.of("rulePriority", "description", "selection", "action");
    private static final Set<String> SELECTION_KEYS = Set.of(
            "tagStatus", "tagPrefixList", "tagPatternList", "countType", "countUnit", "countNumber", "storageClass");
    private static final Set<String> ACTION_KEYS = Set.of("type", "targetStorageClass");
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

    /**
     * A statement as IAM's policy grammar has it, less {@code Resource}: known elements only, one of
     * {@code Principal}/{@code NotPrincipal} and one of {@code Action}/{@code NotAction}, a principal that is
     * {@code "*"} or an object of principals (no IAM group, account IDs of 12 digits), a condition that is an object
     * of objects. A Sid used twice is accepted: ECR, unlike IAM's own policies, does not ask for unique Sids.
     */
    private static boolean validStatement(JsonNode statement) {
        if (!statement.isObject()) {
            return false;
        }
        Map<String, JsonNode> fields = statement.asObject();
        String effect = fields.containsKey("Effect") && fields.get("Effect").isString()
                ? fields.get("Effect").asString()
                : "";
        return (effect.equals("Allow") || effect.equals("Deny"))
                && STATEMENT_ELEMENTS.containsAll(fields.keySet())
                && (fields.containsKey("Principal") != fields.containsKey("NotPrincipal"))
                && (fields.containsKey("Action") != fields.containsKey("NotAction"))
                && validPrincipal(
                        fields.containsKey("Principal") ? fields.get("Principal") : fields.get("NotPrincipal"))
                && validActions(fields.containsKey("Action") ? fields.get("Action") : fields.get("NotAction"))
                && (!fields.containsKey("Condition") || validCondition(fields.get("Condition")))
                && !fields.containsKey("Resource")
                && !fields.containsKey("NotResource");
    }

    private static boolean validPrincipal(JsonNode principal) {
        if (principal.isString()) {
            return principal.asString().equals("*");
        }
        if (!principal.isObject() || principal.asObject().isEmpty()) {
            return false;
        }
        for (Map.Entry<String, JsonNode> type : principal.asObject().entrySet()) {
            List<JsonNode> names = strings(type.getValue());
            if (names.isEmpty()) {
                return false;
            }
            if (type.getKey().equals("AWS")
                    && !names.stream().map(JsonNode::asString).allMatch(PolicyDocuments::validAwsPrincipal)) {
                return false;
            }
        }
        return true;
    }

    private static boolean validAwsPrincipal(String name) {
        if (name.matches("\\d+")) {
            return name.length() == 12;
        }
        Matcher arn = IAM_ARN.matcher(name);
        if (!arn.matches()) {
            return true;
        }
        String account = arn.group(2);
        return (account.matches("\\d{12}") || account.contains("*"))
                && !(arn.group(1).equals("iam") && arn.group(3).startsWith("group/"));
    }

    private static boolean validActions(JsonNode actions) {
        return !strings(actions).isEmpty();
    }

    private static boolean validCondition(JsonNode condition) {
        return condition.isObject() && condition.asObject().values().stream().allMatch(JsonNode::isObject);
    }

    /** A string or a non-empty list of strings, as a list; empty for anything else. */
    private static List<JsonNode> strings(JsonNode value) {
        List<JsonNode> list = value.isArray() ? value.asArray() : List.of(value);
        return list.stream().allMatch(JsonNode::isString) ? list : List.of();
    }

    /**
     * Whether the policy would stop its writer from setting another one, which ECR refuses unless the call says
     * {@code force} ("If the policy you are attempting to set on a repository policy would prevent you from setting
     * another policy in the future, you must force the SetRepositoryPolicy operation"). ECR documents the check, not
     * how it decides; the emulator counts a {@code Deny} that no condition limits (an empty {@code Condition} block
     * limits nothing) whose actions cover {@code ecr:SetRepositoryPolicy} and whose principal is everyone, the
     * registry's account (the caller's: the emulator holds one registry), or a {@code NotPrincipal} that does not
     * name the caller's role. A Deny to another account leaves the caller in.
     *
     * @param callerRole the role the caller assumed, when it did
     */
    static boolean locksOut(String text, String accountId, Optional<String> callerRole) {
        JsonNode statements = JsonNode.parser().parse(text).field("Statement").orElseThrow();
        for (JsonNode statement : statements.isArray() ? statements.asArray() : List.of(statements)) {
            Map<String, JsonNode> fields = statement.asObject();
            if (!fields.get("Effect").asString().equals("Deny")
                    || limitedByACondition(fields.get("Condition"))
                    || !coversSetRepositoryPolicy(fields)) {
                continue;
            }
            if (fields.containsKey("NotPrincipal")) {
                boolean spared = callerRole.isPresent()
                        && fields
                                .get("NotPrincipal")
                                .field("AWS")
                                .map(PolicyDocuments::strings)
                                .orElse(List.of())
                                .stream()
                                .anyMatch(name -> name.asString().equals(callerRole.get()));
                if (!spared) {
                    return true;
                }
                continue;
            }
            JsonNode principal = fields.get("Principal");
            if (principal.isString()) {
                return true;
            }
            for (JsonNode name :
                    principal.field("AWS").map(PolicyDocuments::strings).orElse(List.of())) {
                String n = name.asString();
                if (n.equals("*") || n.equals(accountId) || n.matches("arn:[^:]+:iam::" + accountId + ":root")) {
                    return true;
                }
            }
        }
        return false;
    }

    /** A condition with at least one key; an empty block ({@code {}}, {@code {"StringEquals": {}}}) limits nothing. */
    private static boolean limitedByACondition(JsonNode condition) {
        return condition != null
                && condition.isObject()
                && condition.asObject().values().stream()
                        .anyMatch(keys -> keys.isObject() && !keys.asObject().isEmpty());
    }

    private static boolean coversSetRepositoryPolicy(Map<String, JsonNode> fields) {
        boolean action = fields.containsKey("Action");
        boolean listed = strings(action ? fields.get("Action") : fields.get("NotAction")).stream()
                .anyMatch(pattern -> "ecr:SetRepositoryPolicy"
                        .matches("(?i)" + pattern.asString().replace("*", ".*").replace("?", ".")));
        return action == listed;
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
        if (policy.isObject()) {
            checkSchema(policy, POLICY_KEYS);
        }
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
        checkSchema(rule, RULE_KEYS);
        long priority = positiveInteger(rule.field("rulePriority").orElse(null), "rulePriority");
        JsonNode selection = rule.field("selection")
                .filter(JsonNode::isObject)
                .orElseThrow(() -> lifecycleError("Rule " + priority + " must have a 'selection' object"));
        checkSchema(selection, SELECTION_KEYS);
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
        checkSchema(action, ACTION_KEYS);
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

    /** ECR's schema refuses properties it does not define, and nulls, in the words of its JSON schema validator. */
    private static void checkSchema(JsonNode object, Set<String> keys) {
        for (Map.Entry<String, JsonNode> field : object.asObject().entrySet()) {
            if (!keys.contains(field.getKey())) {
                throw lifecycleError("object instance has properties which are not allowed by the schema: [\""
                        + field.getKey() + "\"]");
            }
            if (field.getValue().isNull()) {
                throw lifecycleError("instance type (null) does not match any allowed primitive type");
            }
        }
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
        // "There is a maximum limit of four wildcards (*) per string" (Lifecycle policy properties in Amazon ECR)
        if (name.equals("tagPatternList")
                && list.asArray().stream()
                        .anyMatch(item ->
                                item.asString().chars().filter(c -> c == '*').count() > 4)) {
            throw lifecycleError("Rule " + priority + " has a pattern in 'tagPatternList' with more than 4 wildcards");
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

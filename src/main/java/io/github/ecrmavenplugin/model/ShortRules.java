package io.github.ecrmavenplugin.model;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Renders a {@link LifecycleRule} written the short way into ECR's rule grammar. */
final class ShortRules {

    /** What each short action means in ECR's words. */
    private enum Kind {
        KEEP_LAST("keepLast", null, "imageCountMoreThan", "expire"),
        EXPIRE_AFTER_DAYS("expireAfterDays", null, "sinceImagePushed", "expire"),
        ARCHIVE_AFTER_DAYS("archiveAfterDays", null, "sinceImagePushed", "transition"),
        ARCHIVE_NOT_PULLED_FOR_DAYS("archiveNotPulledForDays", null, "sinceImagePulled", "transition"),
        EXPIRE_ARCHIVED_AFTER_DAYS("expireArchivedAfterDays", "archive", "sinceImageTransitioned", "expire");

        final String parameter;
        final String storageClass;
        final String countType;
        final String action;

        Kind(String parameter, String storageClass, String countType, String action) {
            this.parameter = parameter;
            this.storageClass = storageClass;
            this.countType = countType;
            this.action = action;
        }

        Integer value(LifecycleRule rule) {
            return switch (this) {
                case KEEP_LAST -> rule.keepLast();
                case EXPIRE_AFTER_DAYS -> rule.expireAfterDays();
                case ARCHIVE_AFTER_DAYS -> rule.archiveAfterDays();
                case ARCHIVE_NOT_PULLED_FOR_DAYS -> rule.archiveNotPulledForDays();
                case EXPIRE_ARCHIVED_AFTER_DAYS -> rule.expireArchivedAfterDays();
            };
        }
    }

    private ShortRules() {}

    static Map<String, Object> render(LifecycleRule rule, int priority, String where)
            throws InvalidConfigurationException {
        if (rule == null) {
            throw new InvalidConfigurationException(where, "the rule is empty; give " + choices());
        }
        boolean filtered = !rule.tagPrefixes().isEmpty() || !rule.tagPatterns().isEmpty();
        String status = rule.tagStatus() == null || rule.tagStatus().isBlank()
                ? (filtered ? "tagged" : "any")
                : rule.tagStatus().trim().toLowerCase(Locale.ROOT);
        if (!Set.of("tagged", "untagged", "any").contains(status)) {
            throw new InvalidConfigurationException(
                    where + "/tagStatus",
                    "\"" + rule.tagStatus() + "\" is not a " + "tag status; use tagged, untagged or any");
        }
        if (status.equals("tagged") && !filtered) {
            throw new InvalidConfigurationException(
                    where + "/tagPrefixes",
                    "a rule for tagged images needs " + "<tagPrefixes> or <tagPatterns> saying which tags");
        }
        if (!status.equals("tagged") && filtered) {
            throw new InvalidConfigurationException(
                    where + "/tagStatus",
                    "tag prefixes and patterns go with " + "tagStatus tagged only, not " + status);
        }
        if (!rule.tagPrefixes().isEmpty() && !rule.tagPatterns().isEmpty()) {
            throw new InvalidConfigurationException(
                    where + "/tagPatterns",
                    "give <tagPrefixes> or <tagPatterns>, " + "not both; split them into two rules");
        }
        for (String value : rule.tagPrefixes().isEmpty() ? rule.tagPatterns() : rule.tagPrefixes()) {
            if (value == null || value.isBlank()) {
                throw new InvalidConfigurationException(
                        where + (rule.tagPrefixes().isEmpty() ? "/tagPatterns" : "/tagPrefixes"),
                        "an entry is empty; remove it");
            }
        }
        for (String pattern : rule.tagPatterns()) {
            long wildcards = pattern.chars().filter(c -> c == '*').count();
            if (wildcards > LifecyclePolicy.MAX_PATTERN_WILDCARDS) {
                throw new InvalidConfigurationException(
                        where + "/tagPatterns",
                        "\"" + pattern.trim() + "\" has " + wildcards + " wildcards (*); ECR allows at most "
                                + LifecyclePolicy.MAX_PATTERN_WILDCARDS + " in each pattern");
            }
        }
        Kind kind = kind(rule, where);
        int count = kind.value(rule);
        if (count < 1) {
            throw new InvalidConfigurationException(
                    where + "/" + kind.parameter, count + " is not a positive " + "number; use 1 or more");
        }
        Map<String, Object> selection = new LinkedHashMap<>();
        selection.put("tagStatus", status);
        if (!rule.tagPrefixes().isEmpty()) {
            selection.put(
                    "tagPrefixList",
                    rule.tagPrefixes().stream().map(String::trim).toList());
        }
        if (!rule.tagPatterns().isEmpty()) {
            selection.put(
                    "tagPatternList",
                    rule.tagPatterns().stream().map(String::trim).toList());
        }
        if (kind.storageClass != null) {
            selection.put("storageClass", kind.storageClass);
        }
        selection.put("countType", kind.countType);
        if (!kind.countType.equals("imageCountMoreThan")) {
            selection.put("countUnit", "days");
        }
        selection.put("countNumber", BigDecimal.valueOf(count));
        Map<String, Object> action = new LinkedHashMap<>();
        action.put("type", kind.action);
        if (kind.action.equals("transition")) {
            action.put("targetStorageClass", "archive");
        }
        Map<String, Object> rendered = new LinkedHashMap<>();
        rendered.put("rulePriority", BigDecimal.valueOf(priority));
        rendered.put(
                "description",
                rule.description() != null && !rule.description().isBlank()
                        ? rule.description().trim()
                        : describe(kind, status, rule, count));
        rendered.put("selection", selection);
        rendered.put("action", action);
        return rendered;
    }

    private static Kind kind(LifecycleRule rule, String where) throws InvalidConfigurationException {
        List<Kind> given = new ArrayList<>();
        for (Kind kind : Kind.values()) {
            if (kind.value(rule) != null) {
                given.add(kind);
            }
        }
        if (given.size() != 1) {
            throw new InvalidConfigurationException(
                    where,
                    "give exactly one of " + choices()
                            + (given.isEmpty()
                                    ? ""
                                    : "; found "
                                            + given.stream()
                                                    .map(k -> "<" + k.parameter + ">")
                                                    .toList()));
        }
        return given.get(0);
    }

    private static String choices() {
        return "<keepLast> (keep the N most recent images), <expireAfterDays> (expire images N days after their "
                + "push), <archiveAfterDays> (archive images N days after their push), <archiveNotPulledForDays> "
                + "(archive images not pulled for N days) and <expireArchivedAfterDays> (expire archived images N "
                + "days after they were archived)";
    }

    private static String describe(Kind kind, String status, LifecycleRule rule, int count) {
        String images = switch (status) {
            case "untagged" -> "untagged images";
            case "any" -> "images";
            default ->
                "images tagged "
                        + String.join(
                                ", ",
                                rule.tagPrefixes().isEmpty()
                                        ? rule.tagPatterns()
                                        : rule.tagPrefixes().stream()
                                                .map(p -> p + "*")
                                                .toList());
        };
        String days = count + " day" + (count == 1 ? "" : "s");
        return switch (kind) {
            case KEEP_LAST -> "Keep the last " + count + " " + images;
            case EXPIRE_AFTER_DAYS -> "Expire " + images + " " + days + " after push";
            case ARCHIVE_AFTER_DAYS -> "Archive " + images + " " + days + " after push";
            case ARCHIVE_NOT_PULLED_FOR_DAYS -> "Archive " + images + " not pulled for " + days;
            case EXPIRE_ARCHIVED_AFTER_DAYS -> "Expire archived " + images + " " + days + " after archiving";
        };
    }
}

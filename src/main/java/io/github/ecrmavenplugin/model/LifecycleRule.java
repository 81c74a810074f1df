package io.github.ecrmavenplugin.model;

import java.util.List;

/**
 * One lifecycle rule written the short way, as the POM gives it; {@link LifecyclePolicy#fromRules} checks and
 * renders it into ECR's grammar. Exactly one of {@code keepLast} and {@code expireAfterDays} is set.
 *
 * @param tagStatus       {@code tagged}, {@code untagged} or {@code any}; {@code null} means {@code tagged} when
 *                        prefixes or patterns are given, else {@code any}
 * @param tagPrefixes     the rule applies to images with a tag starting with one of these
 * @param tagPatterns     the rule applies to images with a tag matching one of these wildcard patterns
 * @param keepLast        keep this many of the most recently pushed images the rule selects, expire the rest
 * @param expireAfterDays expire the images the rule selects this many days after they were pushed
 * @param description     shown in the ECR console; {@code null} for a generated one
 */
public record LifecycleRule(String tagStatus, List<String> tagPrefixes, List<String> tagPatterns, Integer keepLast,
        Integer expireAfterDays, String description) {

    public LifecycleRule {
        tagPrefixes = tagPrefixes == null ? List.of() : List.copyOf(tagPrefixes);
        tagPatterns = tagPatterns == null ? List.of() : List.copyOf(tagPatterns);
    }

    /** Keep the last {@code count} images, whatever their tags. */
    public static LifecycleRule keepLast(int count) {
        return new LifecycleRule(null, List.of(), List.of(), count, null, null);
    }

    /** Expire untagged images {@code days} days after their push. */
    public static LifecycleRule expireUntaggedAfterDays(int days) {
        return new LifecycleRule("untagged", List.of(), List.of(), null, days, null);
    }
}

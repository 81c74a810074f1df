package io.github.ecrmavenplugin.model;

import java.util.List;

/**
 * One lifecycle rule written the short way, as the POM gives it; {@link LifecyclePolicy#fromRules} checks and
 * renders it into ECR's grammar. Exactly one of the five actions ({@code keepLast}, {@code expireAfterDays},
 * {@code archiveAfterDays}, {@code archiveNotPulledForDays}, {@code expireArchivedAfterDays}) is set.
 *
 * @param tagStatus               {@code tagged}, {@code untagged} or {@code any}; {@code null} means {@code tagged}
 *                                when prefixes or patterns are given, else {@code any}
 * @param tagPrefixes             the rule applies to images with a tag starting with one of these
 * @param tagPatterns             the rule applies to images with a tag matching one of these wildcard patterns
 * @param keepLast                keep this many of the most recently pushed images the rule selects, expire the
 *                                rest
 * @param expireAfterDays         expire the images the rule selects this many days after they were pushed
 * @param archiveAfterDays        move the images the rule selects to ECR's archive storage class this many days
 *                                after they were pushed
 * @param archiveNotPulledForDays move the images the rule selects to the archive storage class once they have not
 *                                been pulled for this many days
 * @param expireArchivedAfterDays expire archived images this many days after they were archived (ECR charges at
 *                                least 90 days of archive storage)
 * @param description             shown in the ECR console; {@code null} for a generated one
 */
public record LifecycleRule(
        String tagStatus,
        List<String> tagPrefixes,
        List<String> tagPatterns,
        Integer keepLast,
        Integer expireAfterDays,
        Integer archiveAfterDays,
        Integer archiveNotPulledForDays,
        Integer expireArchivedAfterDays,
        String description) {

    public LifecycleRule {
        tagPrefixes = tagPrefixes == null ? List.of() : List.copyOf(tagPrefixes);
        tagPatterns = tagPatterns == null ? List.of() : List.copyOf(tagPatterns);
    }

    /** A rule that expires images: {@code keepLast} or {@code expireAfterDays}. */
    public LifecycleRule(
            String tagStatus,
            List<String> tagPrefixes,
            List<String> tagPatterns,
            Integer keepLast,
            Integer expireAfterDays,
            String description) {
        this(tagStatus, tagPrefixes, tagPatterns, keepLast, expireAfterDays, null, null, null, description);
    }

    /** Keep the last {@code count} images, whatever their tags. */
    public static LifecycleRule keepLast(int count) {
        return new LifecycleRule(null, List.of(), List.of(), count, null, null);
    }

    /** Expire untagged images {@code days} days after their push. */
    public static LifecycleRule expireUntaggedAfterDays(int days) {
        return new LifecycleRule("untagged", List.of(), List.of(), null, days, null);
    }

    /** Archive images, whatever their tags, once they have not been pulled for {@code days} days. */
    public static LifecycleRule archiveNotPulledForDays(int days) {
        return new LifecycleRule(null, List.of(), List.of(), null, null, null, days, null, null);
    }

    /** Expire archived images, whatever their tags, {@code days} days after they were archived. */
    public static LifecycleRule expireArchivedAfterDays(int days) {
        return new LifecycleRule(null, List.of(), List.of(), null, null, null, null, days, null);
    }
}

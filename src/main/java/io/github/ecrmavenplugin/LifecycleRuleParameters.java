package io.github.ecrmavenplugin;

import io.github.ecrmavenplugin.model.LifecycleRule;
import java.util.List;

/**
 * A {@code <rule>} of {@code <lifecycleRules>}: a lifecycle rule written the short way. Rules take their priority
 * from their order in the list; a rule for any tag status must come last among the rules for the same storage class
 * (archived images, for {@code expireArchivedAfterDays}; the others, for every other action). Each rule has exactly
 * one action: {@code keepLast}, {@code expireAfterDays}, {@code archiveAfterDays}, {@code archiveNotPulledForDays}
 * or {@code expireArchivedAfterDays}.
 *
 * <pre>{@code
 * <lifecycleRules>
 *   <rule><tagStatus>untagged</tagStatus><expireAfterDays>14</expireAfterDays></rule>
 *   <rule><tagPrefixes><tagPrefix>pr-</tagPrefix></tagPrefixes><keepLast>5</keepLast></rule>
 *   <rule><archiveNotPulledForDays>90</archiveNotPulledForDays></rule>
 *   <rule><expireArchivedAfterDays>365</expireArchivedAfterDays></rule>
 * </lifecycleRules>
 * }</pre>
 *
 * <p>Acted on by: {@code ensure-repository}, {@code print-iam-policy}. Checked, not acted on, by: {@code verify-image},
 * {@code warm-up}. {@code ensure-repository} acts on each field; {@code print-iam-policy} on the rules as a whole,
 * since any lifecycle policy needs the same permissions.
 */
public class LifecycleRuleParameters {

    /**
     * Which images the rule looks at: {@code tagged}, {@code untagged} or {@code any}. Default: {@code tagged}
     * when {@code tagPrefixes} or {@code tagPatterns} are given, else {@code any}.
     */
    private String tagStatus;

    /** The rule applies to images with a tag starting with one of these, e.g. {@code release-}. */
    private List<String> tagPrefixes;

    /** The rule applies to images with a tag matching one of these wildcard patterns, e.g. {@code *-SNAPSHOT}. */
    private List<String> tagPatterns;

    /** Keep this many of the most recently pushed images the rule selects; expire older ones. */
    private Integer keepLast;

    /** Expire the images the rule selects this many days after their push. */
    private Integer expireAfterDays;

    /**
     * Move the images the rule selects to ECR's archive storage class this many days after their push. Archived
     * images cannot be pulled until restored; they cost less to keep.
     */
    private Integer archiveAfterDays;

    /** Move the images the rule selects to ECR's archive storage class once nobody pulled them for this many days. */
    private Integer archiveNotPulledForDays;

    /**
     * Expire archived images the rule selects this many days after they were archived. ECR charges at least 90 days
     * of archive storage and documents no shorter expiry.
     */
    private Integer expireArchivedAfterDays;

    /** The rule's description in the ECR console. Default: generated from the rule, e.g. "Keep the last 30 images". */
    private String description;

    LifecycleRule toRule() {
        return new LifecycleRule(
                tagStatus,
                tagPrefixes,
                tagPatterns,
                keepLast,
                expireAfterDays,
                archiveAfterDays,
                archiveNotPulledForDays,
                expireArchivedAfterDays,
                description);
    }
}

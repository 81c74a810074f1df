package io.github.ecrmavenplugin.model;

import static io.github.ecrmavenplugin.model.InvalidConfiguration.fails;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The archive cases of {@code <lifecycleRules>} and what they render into. */
class ShortRulesTest {

    @Test
    void archiveRulesRenderEcrsArchiveGrammar() throws Exception {
        LifecyclePolicy policy = LifecyclePolicy.fromRules(
                List.of(
                        new LifecycleRule(null, List.of("pr-"), List.of(), null, null, 30, null, null, null),
                        LifecycleRule.archiveNotPulledForDays(90),
                        LifecycleRule.expireArchivedAfterDays(365)),
                "lifecycleRules");
        assertEquals(
                "{\"rules\":["
                        + "{\"rulePriority\":1,\"description\":\"Archive images tagged pr-* 30 days after push\","
                        + "\"selection\":{\"tagStatus\":\"tagged\",\"tagPrefixList\":[\"pr-\"],\"countType\":\"sinceImagePushed\","
                        + "\"countUnit\":\"days\",\"countNumber\":30},\"action\":{\"type\":\"transition\","
                        + "\"targetStorageClass\":\"archive\"}},"
                        + "{\"rulePriority\":2,\"description\":\"Archive images not pulled for 90 days\",\"selection\":"
                        + "{\"tagStatus\":\"any\",\"countType\":\"sinceImagePulled\",\"countUnit\":\"days\",\"countNumber\":90},"
                        + "\"action\":{\"type\":\"transition\",\"targetStorageClass\":\"archive\"}},"
                        + "{\"rulePriority\":3,\"description\":\"Expire archived images 365 days after archiving\",\"selection\":"
                        + "{\"tagStatus\":\"any\",\"storageClass\":\"archive\",\"countType\":\"sinceImageTransitioned\","
                        + "\"countUnit\":\"days\",\"countNumber\":365},\"action\":{\"type\":\"expire\"}}]}",
                policy.toJson());
        assertEquals(
                List.of("transition to archive", "transition to archive", "expire"),
                policy.rules().stream().map(LifecyclePolicy.Rule::action).toList());
        assertEquals(policy, LifecyclePolicy.fromPom(policy.toJson(), "lifecyclePolicy"), "the JSON form checks too");
    }

    @Test
    void anAnyRuleMustBeLastOnlyAmongRulesOfItsStorageClass() throws Exception {
        // archive everything not pulled, then expire archived images: two 'any' rules, one per storage class
        LifecyclePolicy.fromRules(
                List.of(LifecycleRule.archiveNotPulledForDays(90), LifecycleRule.expireArchivedAfterDays(180)),
                "lifecycleRules");
        fails(
                "lifecycleRules[1]",
                "last rule for standard images",
                () -> LifecyclePolicy.fromRules(
                        List.of(LifecycleRule.archiveNotPulledForDays(90), LifecycleRule.keepLast(5)),
                        "lifecycleRules"));
    }

    @Test
    void exactlyOneActionPerRule() {
        InvalidConfigurationException e = assertThrows(
                InvalidConfigurationException.class,
                () -> LifecyclePolicy.fromRules(
                        List.of(new LifecycleRule(null, List.of(), List.of(), 5, null, null, 90, null, null)),
                        "lifecycleRules"));
        assertTrue(e.getMessage().contains("found [<keepLast>, <archiveNotPulledForDays>]"), e.getMessage());
        fails(
                "lifecycleRules[1]/expireArchivedAfterDays",
                () -> LifecyclePolicy.fromRules(List.of(LifecycleRule.expireArchivedAfterDays(0)), "lifecycleRules"));
    }

    @Test
    void aRuleWithoutAnActionListsTheChoices() {
        InvalidConfigurationException e = fails(
                "lifecycleRules[1]",
                () -> LifecyclePolicy.fromRules(
                        List.of(new LifecycleRule(null, List.of(), List.of(), null, null, null)), "lifecycleRules"));
        assertTrue(
                e.getMessage()
                        .contains("give exactly one of <keepLast> (keep the N most recent images), "
                                + "<expireAfterDays> (expire images N days after their push)"),
                e.getMessage());
    }

    @Test
    void anEmptyTagPrefixOrPatternIsNamedInItsList() {
        fails(
                "lifecycleRules[1]/tagPrefixes",
                () -> LifecyclePolicy.fromRules(
                        List.of(new LifecycleRule(null, List.of("release-", " "), List.of(), 5, null, null)),
                        "lifecycleRules"));
        fails(
                "lifecycleRules[1]/tagPatterns",
                () -> LifecyclePolicy.fromRules(
                        List.of(new LifecycleRule(null, List.of(), List.of(" "), 5, null, null)), "lifecycleRules"));
    }

    @Test
    void aTagPatternTakesUpToFourWildcards() throws Exception {
        LifecyclePolicy policy = LifecyclePolicy.fromRules(
                List.of(new LifecycleRule(null, List.of(), List.of("release-*", "*a*b*c*d"), 5, null, null)),
                "lifecycleRules");
        assertTrue(policy.toJson().contains("\"tagPatternList\":[\"release-*\",\"*a*b*c*d\"]"), policy.toJson());
        fails(
                "lifecycleRules[1]/tagPatterns",
                "\"*a*b*c*d*\" has 5 wildcards (*); ECR allows at most 4 in each pattern",
                () -> LifecyclePolicy.fromRules(
                        List.of(new LifecycleRule(null, List.of(), List.of("v*", "*a*b*c*d*"), 5, null, null)),
                        "lifecycleRules"));
    }

    @Test
    void aDescriptionGivenIsKeptAndABlankOneIsWrittenForTheRule() throws Exception {
        LifecyclePolicy policy = LifecyclePolicy.fromRules(
                List.of(
                        new LifecycleRule(
                                null, List.of("release-"), List.of(), 10, null, "  Keep the last 10 releases "),
                        new LifecycleRule(null, List.of(), List.of(), 30, null, " ")),
                "lifecycleRules");
        assertEquals(
                List.of("Keep the last 10 releases", "Keep the last 30 images"),
                policy.rules().stream().map(LifecyclePolicy.Rule::description).toList());
    }
}

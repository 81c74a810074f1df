package io.github.ecrmavenplugin.model;

import static io.github.ecrmavenplugin.model.InvalidConfiguration.fails;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every invalid setting fails before any call, naming the parameter and saying how to fix it. */
class RepositorySettingsValidationTest {

    private static RepositorySpec.Builder spec() {
        return RepositorySpec.builder().name("my-service").parameterPrefix("repositories[2]/");
    }

    @Test
    void unknownMutability() {
        var e = fails(
                "repositories[2]/imageTagMutability",
                () -> spec().imageTagMutability("READ_ONLY", null).build());
        assertTrue(e.getMessage().contains("IMMUTABLE_WITH_EXCLUSION"), e.getMessage());
    }

    @Test
    void mutabilityIsCaseInsensitive() throws Exception {
        assertEquals(
                TagMutability.Mode.IMMUTABLE,
                spec().imageTagMutability("immutable", null)
                        .build()
                        .tagMutability()
                        .orElseThrow()
                        .mode());
    }

    @Test
    void filtersWithTheWrongMode() {
        fails(
                "repositories[2]/imageTagMutabilityExclusionFilters",
                () -> spec().imageTagMutability("IMMUTABLE", List.of("latest")).build());
        fails(
                "repositories[2]/imageTagMutabilityExclusionFilters",
                () -> spec().imageTagMutability(null, List.of("latest")).build());
        fails(
                "repositories[2]/imageTagMutabilityExclusionFilters",
                () -> spec().imageTagMutability("MUTABLE_WITH_EXCLUSION", List.of())
                        .build());
        fails(
                "repositories[2]/imageTagMutabilityExclusionFilters",
                () -> spec().imageTagMutability("MUTABLE_WITH_EXCLUSION", List.of("a", "b", "c", "d", "e", "f"))
                        .build());
        fails(
                "repositories[2]/imageTagMutabilityExclusionFilters",
                () -> spec().imageTagMutability("MUTABLE_WITH_EXCLUSION", List.of("no spaces"))
                        .build());
    }

    @Test
    void immutabilityOfOneTag() {
        TagMutability immutableExceptDev =
                new TagMutability(TagMutability.Mode.IMMUTABLE_WITH_EXCLUSION, List.of("dev-*", "latest"));
        assertTrue(immutableExceptDev.isImmutable("1.0"));
        assertFalse(immutableExceptDev.isImmutable("dev-42"));
        assertFalse(immutableExceptDev.isImmutable("latest"));
        TagMutability mutableExceptRelease =
                new TagMutability(TagMutability.Mode.MUTABLE_WITH_EXCLUSION, List.of("v*.*"));
        assertTrue(mutableExceptRelease.isImmutable("v1.2"));
        assertFalse(mutableExceptRelease.isImmutable("v1"));
        assertTrue(new TagMutability(TagMutability.Mode.IMMUTABLE, List.of()).isImmutable("x"));
        assertFalse(TagMutability.DEFAULT.isImmutable("x"));
    }

    @Test
    void kmsKeyWithoutKms() {
        fails(
                "repositories[2]/kmsKey",
                () -> spec().encryption("AES256", "alias/mine").build());
        fails(
                "repositories[2]/kmsKey",
                () -> spec().encryption(null, "alias/mine").build());
        fails("repositories[2]/encryption", () -> spec().encryption("DES", null).build());
    }

    @Test
    void tags() {
        fails(
                "repositories[2]/tags",
                () -> spec().tags(Map.of("aws:team", "x"), false).build());
        fails(
                "repositories[2]/tags",
                () -> spec().tags(Map.of("team", "a|b"), false).build());
    }

    @Test
    void purgeTagsWithoutTagsMeansNoTags() throws Exception {
        RepositorySpec spec = spec().tags(null, true).build();
        assertEquals(Map.of(), spec.tags().orElseThrow());
        assertTrue(spec.purgeTags());
    }

    @Test
    void malformedLifecycleJson() {
        var e = fails(
                "repositories[2]/lifecyclePolicy",
                () -> spec().lifecyclePolicy("{\"rules\": [").build());
        assertTrue(e.getMessage().contains("not valid JSON"), e.getMessage());
        fails(
                "repositories[2]/lifecyclePolicy",
                () -> spec().lifecyclePolicy("{\"rules\": []}").build());
    }

    @Test
    void lifecycleRulesBreakingEcrsGrammar() {
        String twoAny = "{\"rules\":[" + rule(1, "any") + "," + rule(2, "any") + "]}";
        fails(
                "lifecyclePolicy",
                () -> RepositorySpec.builder()
                        .name("ab")
                        .lifecyclePolicy(twoAny)
                        .build());
        String anyFirst = "{\"rules\":[" + rule(1, "any") + "," + rule(2, "untagged") + "]}";
        var e = fails(
                "lifecyclePolicy",
                () -> RepositorySpec.builder()
                        .name("ab")
                        .lifecyclePolicy(anyFirst)
                        .build());
        assertTrue(e.getMessage().contains("highest rulePriority"), e.getMessage());
        String samePriority = "{\"rules\":[" + rule(1, "untagged") + "," + rule(1, "any") + "]}";
        fails(
                "lifecyclePolicy",
                () -> RepositorySpec.builder()
                        .name("ab")
                        .lifecyclePolicy(samePriority)
                        .build());
    }

    private static String rule(int priority, String status) {
        return "{\"rulePriority\":" + priority + ",\"description\":\"a rule that is long enough\",\"selection\":"
                + "{\"tagStatus\":\"" + status + "\",\"countType\":\"imageCountMoreThan\",\"countNumber\":5},"
                + "\"action\":{\"type\":\"expire\"}}";
    }

    @Test
    void lifecycleFileIsReadAndNamed(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("lifecycle.json"), "{\"rules\":[" + rule(1, "any") + "]}");
        assertTrue(spec().lifecyclePolicyFile(file).build().lifecyclePolicy().isPresent());
        fails(
                "repositories[2]/lifecyclePolicyFile",
                () -> spec().lifecyclePolicyFile(dir.resolve("missing.json")).build());
    }

    @Test
    void shortRules() throws Exception {
        LifecyclePolicy policy = LifecyclePolicy.fromRules(
                List.of(
                        new LifecycleRule(null, List.of("pr-"), List.of(), null, 7, null),
                        LifecycleRule.expireUntaggedAfterDays(1),
                        LifecycleRule.keepLast(30)),
                "lifecycleRules");
        assertEquals(LifecyclePolicy.fromPom("""
                {"rules": [
                  {"rulePriority": 1, "description": "Expire images tagged pr-* 7 days after push",
                   "selection": {"tagStatus": "tagged", "tagPrefixList": ["pr-"], "countType": "sinceImagePushed",
                                 "countUnit": "days", "countNumber": 7}, "action": {"type": "expire"}},
                  {"rulePriority": 2, "description": "Expire untagged images 1 day after push",
                   "selection": {"tagStatus": "untagged", "countType": "sinceImagePushed", "countUnit": "days",
                                 "countNumber": 1}, "action": {"type": "expire"}},
                  {"rulePriority": 3, "description": "Keep the last 30 images",
                   "selection": {"tagStatus": "any", "countType": "imageCountMoreThan", "countNumber": 30},
                   "action": {"type": "expire"}}
                ]}""", "lifecyclePolicy"), policy);
    }

    @Test
    void shortRulesThatCannotWork() {
        fails(
                "lifecycleRules[1]",
                () -> LifecyclePolicy.fromRules(
                        List.of(LifecycleRule.keepLast(3), LifecycleRule.expireUntaggedAfterDays(1)),
                        "lifecycleRules"));
        fails(
                "lifecycleRules[1]",
                () -> LifecyclePolicy.fromRules(
                        List.of(new LifecycleRule(null, List.of(), List.of(), 3, 4, null)), "lifecycleRules"));
        fails(
                "lifecycleRules[1]/keepLast",
                () -> LifecyclePolicy.fromRules(List.of(LifecycleRule.keepLast(0)), "lifecycleRules"));
        fails(
                "lifecycleRules[1]/tagStatus",
                () -> LifecyclePolicy.fromRules(
                        List.of(new LifecycleRule("sometimes", List.of(), List.of(), 3, null, null)),
                        "lifecycleRules"));
        fails(
                "lifecycleRules[1]/tagPrefixes",
                () -> LifecyclePolicy.fromRules(
                        List.of(new LifecycleRule("tagged", List.of(), List.of(), 3, null, null)), "lifecycleRules"));
        fails(
                "lifecycleRules[1]/tagStatus",
                () -> LifecyclePolicy.fromRules(
                        List.of(new LifecycleRule("untagged", List.of("v"), List.of(), 3, null, null)),
                        "lifecycleRules"));
    }

    @Test
    void oneLifecycleSourceOnly() {
        fails(
                "repositories[2]/lifecyclePolicy",
                () -> spec().lifecyclePolicy("{}")
                        .lifecycleRules(List.of(LifecycleRule.keepLast(1)))
                        .build());
    }

    @Test
    void unknownPolicyMode() {
        fails("repositories[2]/policyMode", () -> spec().policyMode("append").build());
    }

    @Test
    void mergeNeedsAPolicyWithSids() {
        fails("repositories[2]/policyMode", () -> spec().policyMode("merge").build());
        String noSid = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":"
                + "{\"AWS\":\"arn:aws:iam::123456789012:root\"},\"Action\":\"ecr:BatchGetImage\"}]}";
        var e = fails(
                "repositories[2]/policy",
                () -> spec().policy(noSid).policyMode("merge").build());
        assertTrue(e.getMessage().contains("Sid"), e.getMessage());
    }
}

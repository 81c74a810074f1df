package io.github.ecrmavenplugin.model;

import static io.github.ecrmavenplugin.model.InvalidConfiguration.fails;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every limit ECR sets, just below it, exactly at it, and one past it. */
class LimitsTest {

    private static Map<String, String> tags(int count) {
        Map<String, String> tags = new LinkedHashMap<>();
        IntStream.rangeClosed(1, count).forEach(i -> tags.put("key" + i, "value"));
        return tags;
    }

    private static List<String> filters(int count) {
        return IntStream.rangeClosed(1, count).mapToObj(i -> "tag" + i + "-*").toList();
    }

    @ParameterizedTest
    @ValueSource(ints = {2, 255, 256})
    void repositoryNameLengthsEcrAccepts(int length) throws Exception {
        assertEquals(
                length,
                RepositorySpec.builder().name("a".repeat(length)).build().name().length());
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 257})
    void repositoryNameLengthsEcrRefuses(int length) {
        fails(
                "repositoryName",
                () -> RepositorySpec.builder().name("a".repeat(length)).build());
    }

    @ParameterizedTest
    @ValueSource(ints = {49, 50})
    void tagCountsEcrAccepts(int count) throws Exception {
        assertEquals(count, ResourceTags.fromPom(tags(count), "tags").size());
    }

    @Test
    void oneTagPastTheLimit() {
        InvalidConfigurationException e = assertThrows(
                InvalidConfigurationException.class,
                () -> ResourceTags.fromPom(tags(ResourceTags.MAX_TAGS + 1), "tags"));
        assertTrue(e.getMessage().contains("51 tags given; an ECR repository holds at most 50"), e.getMessage());
    }

    @Test
    void tagKeyAndValueLengths() throws Exception {
        assertDoesNotThrow(() -> ResourceTags.fromPom(Map.of("k".repeat(128), "v".repeat(256)), "tags"));
        assertThrows(
                InvalidConfigurationException.class, () -> ResourceTags.fromPom(Map.of("k".repeat(129), "v"), "tags"));
        assertThrows(
                InvalidConfigurationException.class, () -> ResourceTags.fromPom(Map.of("k", "v".repeat(257)), "tags"));
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 4, 5})
    void exclusionFilterCountsEcrAccepts(int count) throws Exception {
        assertEquals(
                count,
                TagMutability.fromPom("IMMUTABLE_WITH_EXCLUSION", filters(count), "")
                        .exclusionFilters()
                        .size());
    }

    @Test
    void oneFilterPastTheLimit() {
        InvalidConfigurationException e = assertThrows(
                InvalidConfigurationException.class,
                () -> TagMutability.fromPom("IMMUTABLE_WITH_EXCLUSION", filters(TagMutability.MAX_FILTERS + 1), ""));
        assertTrue(
                e.getMessage()
                        .startsWith("<imageTagMutabilityExclusionFilters>: 6 filters given; ECR takes at " + "most 5"),
                e.getMessage());
    }

    @Test
    void exclusionFilterLength() {
        assertDoesNotThrow(() -> TagMutability.fromPom("MUTABLE_WITH_EXCLUSION", List.of("t".repeat(128)), ""));
        assertThrows(
                InvalidConfigurationException.class,
                () -> TagMutability.fromPom("MUTABLE_WITH_EXCLUSION", List.of("t".repeat(129)), ""));
    }

    /** A compact repository policy of exactly {@code length} characters. */
    private static String policyOfLength(int length) {
        return ofLength(
                length,
                "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"%s\",\"Effect\":\"Allow\","
                        + "\"Principal\":{\"AWS\":\"arn:aws:iam::123456789012:root\"},\"Action\":\"ecr:BatchGetImage\"}]}");
    }

    /** {@code template} with its one {@code %s} filled so that the text is exactly {@code length} characters. */
    private static String ofLength(int length, String template) {
        String text =
                template.formatted("x".repeat(length - template.formatted("").length()));
        assertEquals(length, text.length());
        return text;
    }

    @Test
    void repositoryPolicyLength() {
        assertDoesNotThrow(
                () -> PolicyDocument.fromPom(policyOfLength(PolicyDocument.MAX_LENGTH - 1), "policy", false));
        assertDoesNotThrow(() -> PolicyDocument.fromPom(policyOfLength(PolicyDocument.MAX_LENGTH), "policy", false));
        InvalidConfigurationException e = assertThrows(
                InvalidConfigurationException.class,
                () -> PolicyDocument.fromPom(policyOfLength(PolicyDocument.MAX_LENGTH + 1), "policy", false));
        assertTrue(
                e.getMessage().contains("10241 characters") && e.getMessage().contains("at most 10240"),
                e.getMessage());
    }

    /** A compact lifecycle policy of exactly {@code length} characters. */
    private static String lifecyclePolicyOfLength(int length) {
        return ofLength(
                length,
                "{\"rules\":[{\"rulePriority\":1,\"description\":\"%s\",\"selection\":"
                        + "{\"tagStatus\":\"any\",\"countType\":\"imageCountMoreThan\",\"countNumber\":30},"
                        + "\"action\":{\"type\":\"expire\"}}]}");
    }

    @Test
    void lifecyclePolicyLength() {
        assertDoesNotThrow(
                () -> LifecyclePolicy.fromPom(lifecyclePolicyOfLength(LifecyclePolicy.MAX_LENGTH), "lifecyclePolicy"));
        InvalidConfigurationException e = assertThrows(
                InvalidConfigurationException.class,
                () -> LifecyclePolicy.fromPom(
                        lifecyclePolicyOfLength(LifecyclePolicy.MAX_LENGTH + 1), "lifecyclePolicy"));
        assertTrue(
                e.getMessage().contains("30721 characters") && e.getMessage().contains("at most 30720"),
                e.getMessage());
    }
}

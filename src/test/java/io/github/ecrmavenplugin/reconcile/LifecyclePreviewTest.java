package io.github.ecrmavenplugin.reconcile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ecrmavenplugin.json.Json;
import io.github.ecrmavenplugin.model.LifecyclePolicy;
import io.github.ecrmavenplugin.model.RepositorySpec;
import io.github.ecrmavenplugin.registry.LifecyclePolicyPreview;
import io.github.ecrmavenplugin.registry.Repository;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A lifecycle preview as the build log and the JSON plan show it, and the warning about a tag about to expire. */
class LifecyclePreviewTest {

    private static final String HEADER =
            ": lifecycle preview (ECR's dry run of the new policy over the images there " + "now; nothing applied):";

    private static Instant day(int day) {
        return Instant.parse(String.format("2026-01-%02dT10:00:00Z", day));
    }

    /** {@code count} images tagged {@code <prefix>.0}, {@code <prefix>.1}, ..., pushed on January 1, 2, ... */
    private static List<LifecyclePreview.Image> images(String prefix, int count) {
        List<LifecyclePreview.Image> images = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            images.add(new LifecyclePreview.Image(
                    "sha256:" + Integer.toString(i).repeat(64), List.of(prefix + "." + i), day(i + 1)));
        }
        return images;
    }

    private static Plan existing(String name) throws Exception {
        return Plan.between(
                RepositorySpec.builder().name(name).build(),
                new Observed(
                        Optional.of(new Repository(
                                name,
                                "arn:aws:ecr:eu-west-1:123456789012:repository/" + name,
                                "123456789012.dkr.ecr.eu-west-1.amazonaws.com/" + name,
                                "123456789012")),
                        Optional.empty()));
    }

    @Test
    void aRuleNamesItsFirstFiveImagesAndCountsTheRest() {
        LifecyclePreview preview = new LifecyclePreview(
                "team/app",
                Optional.empty(),
                List.of(
                        new LifecyclePreview.RuleOutcome(1, "Keep the last 3 images", "expire", images("1", 7)),
                        new LifecyclePreview.RuleOutcome(
                                2, "Archive old releases", "transition to archive", images("2", 5))));
        assertEquals(
                List.of(
                        "team/app" + HEADER,
                        "  rule 1 (expire) \"Keep the last 3 images\": 7 images would be expired: 1.0 (pushed 2026-01-01), "
                                + "1.1 (pushed 2026-01-02), 1.2 (pushed 2026-01-03), 1.3 (pushed 2026-01-04), "
                                + "1.4 (pushed 2026-01-05) and 2 more",
                        "  rule 2 (transition to archive) \"Archive old releases\": 5 images would be archived: "
                                + "2.0 (pushed 2026-01-01), 2.1 (pushed 2026-01-02), 2.2 (pushed 2026-01-03), "
                                + "2.3 (pushed 2026-01-04), 2.4 (pushed 2026-01-05)"),
                PlanReport.previewText(List.of(preview)));
    }

    @Test
    void anUntaggedImageIsNamedByTheStartOfItsDigest() {
        String digest = "sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
        LifecyclePreview preview = new LifecyclePreview(
                "team/app",
                Optional.empty(),
                List.of(new LifecyclePreview.RuleOutcome(
                        1, "", "expire", List.of(new LifecyclePreview.Image(digest, List.of(), day(2))))));
        assertEquals(
                List.of(
                        "team/app" + HEADER,
                        "  rule 1 (expire): 1 image would be expired: "
                                + "untagged sha256:0123456789ab (pushed 2026-01-02)"),
                PlanReport.previewText(List.of(preview)));
    }

    @Test
    @SuppressWarnings("unchecked")
    void theJsonPlanGivesEachRepositoryItsOwnPreview() throws Exception {
        LifecyclePreview web = new LifecyclePreview(
                "team/web",
                Optional.empty(),
                List.of(new LifecyclePreview.RuleOutcome(1, "Keep the last 3 images", "expire", images("1", 1))));
        LifecyclePreview app = LifecyclePreview.skipped("team/app", "ECR's preview ended with status FAILED");

        Map<String, Object> report = (Map<String, Object>)
                Json.parse(PlanReport.json(List.of(existing("team/app"), existing("team/web")), List.of(web, app)));

        List<Map<String, Object>> repositories = (List<Map<String, Object>>) report.get("repositories");
        assertEquals("team/app", repositories.get(0).get("name"));
        assertEquals(
                Json.parse("{\"status\": \"skipped\", \"reason\": \"ECR's preview ended with status FAILED\","
                        + " \"rules\": []}"),
                repositories.get(0).get("lifecyclePreview"));
        assertEquals("team/web", repositories.get(1).get("name"));
        assertEquals(
                Json.parse("{\"status\": \"complete\", \"rules\": [{\"rulePriority\": 1, \"description\": "
                        + "\"Keep the last 3 images\", \"action\": \"expire\", \"imageCount\": 1, \"images\": [{"
                        + "\"imageDigest\": \"sha256:" + "0".repeat(64) + "\", \"imageTags\": [\"1.0\"], "
                        + "\"imagePushedAt\": \"2026-01-01T10:00:00Z\"}]}]}"),
                repositories.get(1).get("lifecyclePreview"));
    }

    @Test
    void onlyAnExpireRuleMakesAPushedTagShortLived() {
        LifecyclePreview preview = new LifecyclePreview(
                "team/app",
                Optional.empty(),
                List.of(
                        new LifecyclePreview.RuleOutcome(
                                1, "Archive releases", "transition to archive", images("1", 1)),
                        new LifecyclePreview.RuleOutcome(2, "Keep the last 3 images", "expire", images("2", 1))));
        assertTrue(preview.expiringTag("1.0").isEmpty(), "archived, not deleted");
        assertEquals(2, preview.expiringTag("2.0").orElseThrow().priority());
    }

    @Test
    void rulesAreListedByPriorityWhateverTheirOrderInThePolicy() throws Exception {
        LifecyclePolicy policy = LifecyclePolicy.fromPom(
                "{\"rules\":["
                        + "{\"rulePriority\":10,\"selection\":{\"tagStatus\":\"any\",\"countType\":\"imageCountMoreThan\","
                        + "\"countNumber\":10},\"action\":{\"type\":\"expire\"}},"
                        + "{\"rulePriority\":2,\"selection\":{\"tagStatus\":\"untagged\",\"countType\":\"sinceImagePushed\","
                        + "\"countUnit\":\"days\",\"countNumber\":14},\"action\":{\"type\":\"expire\"}},"
                        + "{\"rulePriority\":1,\"selection\":{\"tagStatus\":\"tagged\",\"tagPrefixList\":[\"pr-\"],"
                        + "\"countType\":\"imageCountMoreThan\",\"countNumber\":5},\"action\":{\"type\":\"expire\"}}]}",
                "lifecyclePolicy");
        LifecyclePolicyPreview answer = new LifecyclePolicyPreview(
                "COMPLETE",
                List.of(new LifecyclePolicyPreview.Result(
                        "sha256:" + "a".repeat(64), List.of(), day(1), 2, "expire", null)));

        LifecyclePreview preview = LifecyclePreview.of("team/app", policy, answer);

        assertEquals(
                List.of(1, 2, 10),
                preview.rules().stream()
                        .map(LifecyclePreview.RuleOutcome::priority)
                        .toList());
        assertEquals(1, preview.rules().get(1).images().size(), "the untagged image, under rule 2");
    }
}

package io.github.ecrmavenplugin.reconcile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ecrmavenplugin.registry.Repository;
import io.github.ecrmavenplugin.model.Encryption;
import io.github.ecrmavenplugin.json.Json;
import io.github.ecrmavenplugin.model.LifecycleRule;
import io.github.ecrmavenplugin.model.RepositorySpec;
import io.github.ecrmavenplugin.model.TagMutability;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PlanReportTest {

    private static final String CURRENT_POLICY = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"Old\","
            + "\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"arn:aws:iam::111111111111:root\"},\"Action\":"
            + "\"ecr:BatchGetImage\"},{\"Sid\":\"AllowPull\",\"Effect\":\"Allow\",\"Principal\":{\"AWS\":"
            + "\"arn:aws:iam::999999999999:root\"},\"Action\":\"ecr:BatchGetImage\"}]}";
    private static final String DESIRED_POLICY = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"AllowPull\","
            + "\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"arn:aws:iam::210987654321:root\"},\"Action\":"
            + "\"ecr:BatchGetImage\"},{\"Sid\":\"AllowCi\",\"Effect\":\"Allow\",\"Principal\":{\"AWS\":"
            + "\"arn:aws:iam::210987654321:role/ci\"},\"Action\":\"ecr:*\"}]}";

    private static Plan drifted() throws Exception {
        RepositorySpec spec = RepositorySpec.builder().name("team/api")
                .imageTagMutability("IMMUTABLE", null).scanOnPush(true)
                .policy(DESIRED_POLICY)
                .lifecycleRules(List.of(LifecycleRule.keepLast(30)))
                .tags(Map.of("team", "payments", "env", "prod"), true)
                .encryption("KMS", null)
                .build();
        Repository repository = new Repository("team/api", "arn:aws:ecr:us-east-1:123456789012:repository/team/api",
                "host/team/api", "123456789012", TagMutability.DEFAULT, false,
                new Encryption(Encryption.Type.AES256, Optional.empty()));
        Observed observed = new Observed(Optional.of(repository), Optional.of(CURRENT_POLICY), Optional.empty(),
                Optional.of(Map.of("team", "search", "owner", "someone")), Optional.empty());
        return Plan.between(spec, observed);
    }

    @Test
    void readableDiff() throws Exception {
        List<String> lines = PlanReport.text(List.of(drifted()));
        String text = String.join("\n", lines);
        assertEquals("team/api: 7 differences", lines.get(0), text);
        assertTrue(lines.contains("  ~ imageTagMutability: MUTABLE -> IMMUTABLE"), text);
        assertTrue(lines.contains("  ~ scanOnPush: false -> true"), text);
        assertTrue(lines.contains("  ~ repository policy"), text);
        assertTrue(text.contains("      + statement \"AllowCi\": "), text);
        assertTrue(text.contains("      ~ statement \"AllowPull\": "), text);
        assertTrue(text.contains("      - statement \"Old\": "), text);
        assertTrue(lines.contains("  + lifecycle policy"), text);
        assertTrue(text.contains("      + rule 1: "), text);
        assertTrue(lines.contains("  + tag env = prod"), text);
        assertTrue(lines.contains("  ~ tag team: search -> payments"), text);
        assertTrue(lines.contains("  - tag owner (purgeTags)"), text);
        assertTrue(lines.contains("  ! encryption: AES256 -> KMS (creation-only: not changed)"), text);
    }

    @Test
    void machineReadable() throws Exception {
        @SuppressWarnings("unchecked")
        Map<String, Object> json = (Map<String, Object>) Json.parse(PlanReport.json(List.of(drifted())));
        assertEquals(false, json.get("inSync"));
        @SuppressWarnings("unchecked")
        Map<String, Object> repository = ((List<Map<String, Object>>) json.get("repositories")).get(0);
        assertEquals("team/api", repository.get("name"));
        assertEquals(true, repository.get("exists"));
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> changes = (List<Map<String, Object>>) repository.get("changes");
        assertEquals(List.of("setTagMutability", "setScanOnPush", "setRepositoryPolicy", "setLifecyclePolicy",
                "tagRepository", "untagRepository"), changes.stream().map(c -> c.get("type")).toList());
        assertEquals(1, ((List<?>) repository.get("creationOnlyMismatches")).size());
    }

    @Test
    void inSyncSaysSo() throws Exception {
        Plan plan = Plan.between(RepositorySpec.builder().name("team/api").build(), new Observed(Optional.of(
                new Repository("team/api", "arn", "host/team/api", "123456789012")), Optional.empty()));
        assertEquals(List.of("team/api: up to date"), PlanReport.text(List.of(plan)));
        assertTrue(PlanReport.json(List.of(plan)).contains("\"inSync\": true"));
    }
}

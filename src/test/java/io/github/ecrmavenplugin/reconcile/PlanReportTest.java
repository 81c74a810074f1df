package io.github.ecrmavenplugin.reconcile;

import static io.github.ecrmavenplugin.reconcile.PolicyJson.allow;
import static io.github.ecrmavenplugin.reconcile.PolicyJson.policy;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ecrmavenplugin.json.Json;
import io.github.ecrmavenplugin.model.Encryption;
import io.github.ecrmavenplugin.model.LifecycleRule;
import io.github.ecrmavenplugin.model.RepositorySpec;
import io.github.ecrmavenplugin.model.TagMutability;
import io.github.ecrmavenplugin.registry.Repository;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PlanReportTest {

    private static final String CURRENT_POLICY = policy(
            allow("Old", "arn:aws:iam::111111111111:root", "ecr:BatchGetImage"),
            allow("AllowPull", "arn:aws:iam::999999999999:root", "ecr:BatchGetImage"));
    private static final String DESIRED_POLICY = policy(
            allow("AllowPull", "arn:aws:iam::210987654321:root", "ecr:BatchGetImage"),
            allow("AllowCi", "arn:aws:iam::210987654321:role/ci", "ecr:*"));

    private static Plan drifted() throws Exception {
        RepositorySpec spec = RepositorySpec.builder()
                .name("team/api")
                .imageTagMutability("IMMUTABLE", null)
                .scanOnPush(true)
                .policy(DESIRED_POLICY)
                .lifecycleRules(List.of(LifecycleRule.keepLast(30)))
                .tags(Map.of("team", "payments", "env", "prod"), true)
                .encryption("KMS", null)
                .build();
        Repository repository = new Repository(
                "team/api",
                "arn:aws:ecr:us-east-1:123456789012:repository/team/api",
                "host/team/api",
                "123456789012",
                TagMutability.DEFAULT,
                false,
                new Encryption(Encryption.Type.AES256, Optional.empty()));
        Observed observed = new Observed(
                Optional.of(repository),
                Optional.of(CURRENT_POLICY),
                Optional.empty(),
                Optional.of(Map.of("team", "search", "owner", "someone")),
                Optional.empty());
        return Plan.between(spec, observed);
    }

    @Test
    void readableDiff() throws Exception {
        // each statement and rule as the plugin compares it: compact JSON, keys sorted
        assertEquals("""
                team/api: 7 differences
                  ~ imageTagMutability: MUTABLE -> IMMUTABLE
                  ~ scanOnPush: false -> true
                  ~ repository policy
                      + statement "AllowCi": {"Action":"ecr:*","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::210987654321:role/ci"},"Sid":"AllowCi"}
                      ~ statement "AllowPull": {"Action":"ecr:BatchGetImage","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::999999999999:root"},"Sid":"AllowPull"}
                                             -> {"Action":"ecr:BatchGetImage","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::210987654321:root"},"Sid":"AllowPull"}
                      - statement "Old": {"Action":"ecr:BatchGetImage","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111111111111:root"},"Sid":"Old"}
                  + lifecycle policy
                      + rule 1: (expire) {"action":{"type":"expire"},"description":"Keep the last 30 images","rulePriority":1,"selection":{"countNumber":30,"countType":"imageCountMoreThan","tagStatus":"any"}}
                  + tag env = prod
                  ~ tag team: search -> payments
                  - tag owner (purgeTags)
                  ! encryption: AES256 -> KMS (creation-only: not changed)""", String.join("\n", PlanReport.text(List.of(drifted()))));
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
        assertEquals(
                List.of(
                        "setTagMutability",
                        "setScanOnPush",
                        "setRepositoryPolicy",
                        "setLifecyclePolicy",
                        "tagRepository",
                        "untagRepository"),
                changes.stream().map(c -> c.get("type")).toList());
        assertEquals(1, ((List<?>) repository.get("creationOnlyMismatches")).size());
    }

    @Test
    void inSyncSaysSo() throws Exception {
        Plan plan = Plan.between(
                RepositorySpec.builder().name("team/api").build(),
                new Observed(
                        Optional.of(new Repository("team/api", "arn", "host/team/api", "123456789012")),
                        Optional.empty()));
        assertEquals(List.of("team/api: up to date"), PlanReport.text(List.of(plan)));
        assertTrue(PlanReport.json(List.of(plan)).contains("\"inSync\": true"));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> change(Map<String, Object> report, String type) {
        Map<String, Object> repository = ((List<Map<String, Object>>) report.get("repositories")).get(0);
        return ((List<Map<String, Object>>) repository.get("changes"))
                .stream().filter(c -> type.equals(c.get("type"))).findFirst().orElseThrow();
    }

    @Test
    void machineReadableChangesHoldWhatIsAndWhatWillBe() throws Exception {
        @SuppressWarnings("unchecked")
        Map<String, Object> report = (Map<String, Object>) Json.parse(PlanReport.json(List.of(drifted())));

        Map<String, Object> mutability = change(report, "setTagMutability");
        assertEquals(Map.of("mode", "MUTABLE", "exclusionFilters", List.of()), mutability.get("current"));
        assertEquals(Map.of("mode", "IMMUTABLE", "exclusionFilters", List.of()), mutability.get("desired"));
        assertEquals("image tag mutability MUTABLE -> IMMUTABLE", mutability.get("summary"));

        Map<String, Object> scan = change(report, "setScanOnPush");
        assertEquals(false, scan.get("current"));
        assertEquals(true, scan.get("desired"));
        assertEquals("scan on push on", scan.get("summary"));

        // the documents as written above, parsed independently of the plugin's own comparison
        Map<String, Object> policy = change(report, "setRepositoryPolicy");
        assertEquals(Json.parse(CURRENT_POLICY), policy.get("current"));
        assertEquals(Json.parse(DESIRED_POLICY), policy.get("desired"));
        assertEquals("update repository policy", policy.get("summary"));

        Map<String, Object> lifecycle = change(report, "setLifecyclePolicy");
        assertEquals(null, lifecycle.get("current"));
        assertEquals(Json.parse("""
                {"rules":[{"rulePriority":1,"description":"Keep the last 30 images",
                 "selection":{"tagStatus":"any","countType":"imageCountMoreThan","countNumber":30},
                 "action":{"type":"expire"}}]}"""), lifecycle.get("desired"));
        assertEquals("set lifecycle policy", lifecycle.get("summary"));

        Map<String, Object> tag = change(report, "tagRepository");
        assertEquals(Map.of("team", "search"), tag.get("current"));
        assertEquals(Map.of("team", "payments", "env", "prod"), tag.get("desired"));
        assertEquals("tag env, team", tag.get("summary"));

        Map<String, Object> untag = change(report, "untagRepository");
        assertEquals(List.of("owner"), untag.get("keys"));
        assertEquals("untag owner", untag.get("summary"));

        @SuppressWarnings("unchecked")
        Map<String, Object> mismatch = ((List<Map<String, Object>>)
                        ((List<Map<String, Object>>) report.get("repositories"))
                                .get(0)
                                .get("creationOnlyMismatches"))
                .get(0);
        assertEquals(Map.of("setting", "encryption", "current", "AES256", "desired", "KMS"), mismatch);
    }

    @Test
    void creationListsTheCreationSettings() throws Exception {
        RepositorySpec spec = RepositorySpec.builder()
                .name("team/new")
                .imageTagMutability("IMMUTABLE_WITH_EXCLUSION", List.of("latest"))
                .scanOnPush(false)
                .encryption("KMS", "arn:aws:kms:us-east-1:123456789012:key/k-1")
                .tags(Map.of("team", "payments"), false)
                .build();
        Plan plan = Plan.between(spec, new Observed(Optional.empty(), Optional.empty()));
        assertEquals(
                List.of(
                        "team/new: 1 difference",
                        "  + repository (does not exist): imageTagMutability "
                                + "IMMUTABLE_WITH_EXCLUSION [latest], scanOnPush false, encryption KMS "
                                + "(arn:aws:kms:us-east-1:123456789012:key/k-1), tags {team=payments}"),
                PlanReport.text(List.of(plan)));
        @SuppressWarnings("unchecked")
        Map<String, Object> create =
                change((Map<String, Object>) Json.parse(PlanReport.json(List.of(plan))), "createRepository");
        assertEquals("create repository team/new", create.get("summary"));
        assertEquals(
                Map.of("mode", "IMMUTABLE_WITH_EXCLUSION", "exclusionFilters", List.of("latest")),
                create.get("imageTagMutability"));
        assertEquals(false, create.get("scanOnPush"));
        assertEquals("KMS", create.get("encryption"));
        assertEquals("arn:aws:kms:us-east-1:123456789012:key/k-1", create.get("kmsKey"));
        assertEquals(Map.of("team", "payments"), create.get("tags"));
    }

    /** Rules 10, 2 and 1, written in that order. */
    private static final String THREE_RULES_OUT_OF_ORDER = """
            {"rules":[
             {"rulePriority":10,
              "selection":{"tagStatus":"any","countType":"imageCountMoreThan","countNumber":10},
              "action":{"type":"expire"}},
             {"rulePriority":2,
              "selection":{"tagStatus":"untagged","countType":"sinceImagePushed","countUnit":"days","countNumber":14},
              "action":{"type":"expire"}},
             {"rulePriority":1,
              "selection":{"tagStatus":"tagged","tagPrefixList":["pr-"],
               "countType":"imageCountMoreThan","countNumber":5},
              "action":{"type":"expire"}}]}""";

    @Test
    void lifecycleRulesAreComparedOneByOneInPriorityOrder() throws Exception {
        String current = THREE_RULES_OUT_OF_ORDER;
        // the same three rules; only the last one keeps 30 instead of 10
        String desired = current.replace("\"countNumber\":10}", "\"countNumber\":30}");
        RepositorySpec spec = RepositorySpec.builder()
                .name("team/api")
                .lifecyclePolicy(desired)
                .build();
        Repository repository = new Repository("team/api", "arn", "host/team/api", "123456789012");
        Plan plan = Plan.between(
                spec,
                new Observed(
                        Optional.of(repository),
                        Optional.empty(),
                        Optional.of(current),
                        Optional.empty(),
                        Optional.empty()));
        List<String> lines = PlanReport.text(List.of(plan));
        String text = String.join("\n", lines);
        assertEquals("  ~ lifecycle policy", lines.get(1), text);
        assertEquals(4, lines.size(), text);
        assertTrue(lines.get(2).startsWith("      ~ rule 10: ") && lines.get(2).contains("\"countNumber\":10"), text);
        assertTrue(lines.get(3).contains("-> ") && lines.get(3).contains("\"countNumber\":30"), text);

        var rules = io.github.ecrmavenplugin.model.LifecyclePolicy.fromPom(current, "lifecyclePolicy")
                .rulesByPriority();
        assertEquals(List.of("1", "2", "10"), List.copyOf(rules.keySet()));
    }

    @Test
    void ruleDiffListsRulesInPriorityOrder() throws Exception {
        String rules = THREE_RULES_OUT_OF_ORDER;
        List<String> lines = PlanReport.ruleDiff(
                Optional.empty(), io.github.ecrmavenplugin.model.LifecyclePolicy.fromPom(rules, "lifecyclePolicy"));
        assertEquals(
                List.of("1", "2", "10"),
                lines.stream()
                        .map(line -> line.substring("      + rule ".length(), line.indexOf(':')))
                        .toList());
    }

    @Test
    void statementsAreComparedOnceEachInOrderOfTheirSid() throws Exception {
        List<String> lines = PlanReport.statementDiff(
                io.github.ecrmavenplugin.model.PolicyDocument.fromRegistry(CURRENT_POLICY),
                io.github.ecrmavenplugin.model.PolicyDocument.fromPom(DESIRED_POLICY, "policy", false));
        String text = String.join("\n", lines);
        assertEquals(4, lines.size(), text);
        assertTrue(lines.get(0).startsWith("      + statement \"AllowCi\": "), text);
        assertTrue(lines.get(1).startsWith("      ~ statement \"AllowPull\": "), text);
        assertTrue(lines.get(2).startsWith("        ") && lines.get(2).contains("-> "), text);
        assertTrue(lines.get(3).startsWith("      - statement \"Old\": "), text);
    }

    @Test
    void statementsWithoutSidAreNamedByTheirPosition() throws Exception {
        List<String> lines = PlanReport.statementDiff(
                Optional.empty(), io.github.ecrmavenplugin.model.PolicyDocument.fromPom("""
                        {"Version":"2012-10-17","Statement":[
                         {"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::210987654321:root"},
                          "Action":"ecr:BatchGetImage"},
                         {"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::210987654321:root"},
                          "Action":"ecr:GetDownloadUrlForLayer"}]}""", "policy", false));
        String text = String.join("\n", lines);
        assertEquals(2, lines.size(), text);
        assertTrue(
                lines.get(0).startsWith("      + statement #1: ")
                        && lines.get(0).contains("ecr:BatchGetImage"),
                text);
        assertTrue(
                lines.get(1).startsWith("      + statement #2: ")
                        && lines.get(1).contains("ecr:GetDownloadUrlForLayer"),
                text);
    }

    @Test
    void eachRuleSaysWhatItDoes() throws Exception {
        var policy = io.github.ecrmavenplugin.model.LifecyclePolicy.fromRules(
                List.of(LifecycleRule.archiveNotPulledForDays(90), LifecycleRule.expireArchivedAfterDays(365)),
                "lifecycleRules");
        List<String> lines = PlanReport.ruleDiff(Optional.empty(), policy);
        assertEquals(
                List.of("      + rule 1: (transition to archive) ", "      + rule 2: (expire) "),
                lines.stream().map(line -> line.substring(0, line.indexOf('{'))).toList());
    }

    @Test
    void onlyAStatementAnAwsServiceManagesIsListedAsKept() throws Exception {
        // the POM's own statement for a service draws a confused-deputy finding, which is no kept statement
        RepositorySpec spec =
                RepositorySpec.builder().name("team/api").policy("""
                {"Version":"2012-10-17","Statement":[
                 {"Sid":"CodeBuildPull","Effect":"Allow","Principal":{"Service":"codebuild.amazonaws.com"},
                  "Action":"ecr:BatchGetImage"}]}""").build();
        Plan plan = Plan.between(spec, Observed.absent());
        assertEquals(
                List.of(PolicyFinding.Kind.CONFUSED_DEPUTY),
                plan.policyFindings().stream().map(PolicyFinding::kind).toList());
        List<String> lines = PlanReport.text(List.of(plan));
        assertTrue(lines.contains("  + repository policy"), lines::toString);
        assertEquals(
                List.of(), lines.stream().filter(line -> line.contains("kept")).toList());
    }

    @Test
    void aNewRepositoryWhoseTagsArePurgedListsNoTags() throws Exception {
        RepositorySpec spec =
                RepositorySpec.builder().name("team/new").tags(Map.of(), true).build();
        List<String> lines = PlanReport.text(List.of(Plan.between(spec, Observed.absent())));
        assertEquals("  + repository (does not exist)", lines.get(1), lines::toString);
    }
}

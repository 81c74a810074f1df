package io.github.ecrmavenplugin.reconcile;

import static io.github.ecrmavenplugin.reconcile.PolicyJson.policy;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ecrmavenplugin.json.Json;
import io.github.ecrmavenplugin.model.PullPolicy;
import io.github.ecrmavenplugin.model.RepositorySpec;
import io.github.ecrmavenplugin.registry.Repository;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The policy ECR will hold: what is kept from it, and what the guard says about the whole of it. */
class PlanPolicyGuardTest {

    private static final Repository EXISTING = new Repository(
            "my-service",
            "arn:aws:ecr:eu-west-1:123456789012:repository/my-service",
            "123456789012.dkr.ecr.eu-west-1.amazonaws.com/my-service",
            "123456789012");

    /** What Lambda adds when a function is created from the repository's image. */
    private static final String LAMBDA = """
            {"Sid":"LambdaECRImageRetrievalPolicy","Effect":"Allow","Principal":{"Service":"lambda.amazonaws.com"},
             "Action":["ecr:BatchGetImage","ecr:GetDownloadUrlForLayer"]}""";

    private static final String OLD_PULL = """
            {"Sid":"AllowPull","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::999999999999:root"},
             "Action":["ecr:BatchGetImage"]}""";
    private static final String SOMEONES = """
            {"Sid":"Scanner","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:role/scanner"},
             "Action":["ecr:BatchGetImage"]}""";
    private static final String PUBLIC = """
            {"Sid":"OpenToAll","Effect":"Allow","Principal":"*","Action":["ecr:BatchGetImage"]}""";

    private static RepositorySpec.Builder pull(String account) {
        return RepositorySpec.builder()
                .name("my-service")
                .pullPolicy(new PullPolicy(List.of(account), List.of(), List.of(), List.of()));
    }

    private static Observed existing(String policyText) {
        return new Observed(Optional.of(EXISTING), Optional.of(policyText));
    }

    private static Set<String> sids(Change.SetRepositoryPolicy set) {
        return set.desired().statements().stream()
                .map(s -> (String) s.get("Sid"))
                .collect(Collectors.toSet());
    }

    @Test
    void replaceKeepsLambdasStatementAndSaysWhy() throws Exception {
        Plan plan = Plan.between(pull("123456789012").build(), existing(policy(OLD_PULL, LAMBDA, SOMEONES)));
        var set = assertInstanceOf(
                Change.SetRepositoryPolicy.class, plan.changes().get(0));
        assertEquals(Set.of("AllowPull", "LambdaECRImageRetrievalPolicy"), sids(set), "Scanner is replaced");
        PolicyFinding kept = plan.policyFindings().get(0);
        assertEquals(PolicyFinding.Kind.KEPT, kept.kind());
        assertEquals("statement \"LambdaECRImageRetrievalPolicy\"", kept.statement());
        assertTrue(
                kept.message()
                        .contains("AWS Lambda adds it when a function is created from this repository's " + "image"),
                kept.message());
        assertTrue(
                PlanReport.text(List.of(plan))
                        .contains(
                                "      = statement \"LambdaECRImageRetrievalPolicy\": kept (an AWS service manages it)"),
                () -> String.join("\n", PlanReport.text(List.of(plan))));
        String json = PlanReport.json(List.of(plan));
        assertTrue(json.contains("\"kind\" : \"KEPT\"") || json.contains("\"kind\": \"KEPT\""), json);
        assertTrue(json.contains("LambdaECRImageRetrievalPolicy"), json);
    }

    @Test
    void replaceKeepsCrossAccountLambdaStatementToo() throws Exception {
        String cross = LAMBDA.replace("LambdaECRImageRetrievalPolicy", "LambdaECRImageCrossAccountRetrievalPolicy");
        Plan plan = Plan.between(pull("123456789012").build(), existing(policy(OLD_PULL, cross)));
        var set = assertInstanceOf(
                Change.SetRepositoryPolicy.class, plan.changes().get(0));
        assertEquals(Set.of("AllowPull", "LambdaECRImageCrossAccountRetrievalPolicy"), sids(set));
    }

    /** Statements named as Lambda names its statement, whose content is not what Lambda writes. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
        ecr:* to an unknown account  | {"Sid":"LambdaECRImageRetrievalPolicy","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::999988887777:root"},"Action":"ecr:*"}
        Lambda and an account        | {"Sid":"LambdaECRImageRetrievalPolicy","Effect":"Allow","Principal":{"Service":"lambda.amazonaws.com","AWS":"999988887777"},"Action":["ecr:BatchGetImage","ecr:GetDownloadUrlForLayer"]}
        two services                 | {"Sid":"LambdaECRImageRetrievalPolicy","Effect":"Allow","Principal":{"Service":["lambda.amazonaws.com","ecs-tasks.amazonaws.com"]},"Action":["ecr:BatchGetImage","ecr:GetDownloadUrlForLayer"]}
        a third action               | {"Sid":"LambdaECRImageRetrievalPolicy","Effect":"Allow","Principal":{"Service":"lambda.amazonaws.com"},"Action":["ecr:BatchGetImage","ecr:GetDownloadUrlForLayer","ecr:PutImage"]}
        a wildcard action            | {"Sid":"LambdaECRImageCrossAccountRetrievalPolicy","Effect":"Allow","Principal":{"Service":"lambda.amazonaws.com"},"Action":"ecr:*"}
        NotAction                    | {"Sid":"LambdaECRImageRetrievalPolicy","Effect":"Allow","Principal":{"Service":"lambda.amazonaws.com"},"NotAction":["ecr:DeleteRepository"]}
        a principal of *             | {"Sid":"LambdaECRImageRetrievalPolicy","Effect":"Allow","Principal":"*","Action":["ecr:BatchGetImage","ecr:GetDownloadUrlForLayer"]}
        a condition on another key   | {"Sid":"LambdaECRImageRetrievalPolicy","Effect":"Allow","Principal":{"Service":"lambda.amazonaws.com"},"Action":["ecr:BatchGetImage","ecr:GetDownloadUrlForLayer"],"Condition":{"IpAddress":{"aws:SourceIp":"203.0.113.0/24"}}}
        a negated source condition   | {"Sid":"LambdaECRImageRetrievalPolicy","Effect":"Allow","Principal":{"Service":"lambda.amazonaws.com"},"Action":["ecr:BatchGetImage","ecr:GetDownloadUrlForLayer"],"Condition":{"StringNotLike":{"aws:sourceArn":"arn:aws:lambda:eu-west-1:123456789012:function:*"}}}
        a Deny                       | {"Sid":"LambdaECRImageRetrievalPolicy","Effect":"Deny","Principal":{"Service":"lambda.amazonaws.com"},"Action":["ecr:BatchGetImage","ecr:GetDownloadUrlForLayer"]}
        """)
    void replaceReplacesAStatementThatOnlyHasLambdasName(String what, String statement) throws Exception {
        Plan plan = Plan.between(pull("123456789012").build(), existing(policy(OLD_PULL, statement)));

        var set = assertInstanceOf(
                Change.SetRepositoryPolicy.class, plan.changes().get(0));
        assertEquals(Set.of("AllowPull"), sids(set), what);
        assertEquals(List.of(), plan.policyFindings(), what);
    }

    @Test
    void lambdasStatementWithItsSourceConditionIsKept() throws Exception {
        String cross = """
                {"Sid":"LambdaECRImageCrossAccountRetrievalPolicy","Effect":"Allow",
                 "Action":["ecr:GetDownloadUrlForLayer","ecr:BatchGetImage"],
                 "Principal":{"Service":["lambda.amazonaws.com"]},
                 "Condition":{"StringLike":{"aws:sourceARN":"arn:aws:lambda:us-east-1:123456789012:function:*"},
                              "StringEquals":{"aws:SourceAccount":"123456789012"}}}""";
        Plan plan = Plan.between(pull("123456789012").build(), existing(policy(OLD_PULL, cross)));
        var set = assertInstanceOf(
                Change.SetRepositoryPolicy.class, plan.changes().get(0));
        assertEquals(Set.of("AllowPull", "LambdaECRImageCrossAccountRetrievalPolicy"), sids(set));
    }

    @Test
    void aStatementThatOnlyHasLambdasNameIsDrift() throws Exception {
        RepositorySpec spec = pull("123456789012").build();
        String mine = Json.write(spec.policy().orElseThrow().statements().get(0));
        String bogus = """
                {"Sid":"LambdaECRImageRetrievalPolicy","Effect":"Allow",
                 "Principal":{"AWS":"arn:aws:iam::999988887777:root"},"Action":"ecr:*"}""";

        assertTrue(Plan.between(spec, existing(policy(mine, LAMBDA))).inSync());
        assertFalse(Plan.between(spec, existing(policy(mine, bogus))).inSync());
    }

    @Test
    void keptStatementAloneIsNoDrift() throws Exception {
        String rendered = pull("123456789012")
                .build()
                .policy()
                .orElseThrow()
                .statements()
                .get(0)
                .toString();
        Plan plan = Plan.between(
                pull("123456789012").build(),
                existing(policy(
                        Json.write(pull("123456789012")
                                .build()
                                .policy()
                                .orElseThrow()
                                .statements()
                                .get(0)),
                        LAMBDA)));
        assertTrue(plan.inSync(), () -> rendered + " " + plan.changes());
    }

    @Test
    void aPomStatementWithTheSameSidOwnsIt() throws Exception {
        String own = policy(LAMBDA.replace("lambda.amazonaws.com", "ecs-tasks.amazonaws.com")
                .replace("]}", "],\"Condition\":{\"StringEquals\":{\"aws:SourceAccount\":\"123456789012\"}}}"));
        RepositorySpec spec =
                RepositorySpec.builder().name("my-service").policy(own).build();
        Plan plan = Plan.between(spec, existing(policy(LAMBDA)));
        var set = assertInstanceOf(
                Change.SetRepositoryPolicy.class, plan.changes().get(0));
        assertEquals(1, set.desired().statements().size());
        assertEquals(
                Map.of("Service", "ecs-tasks.amazonaws.com"),
                set.desired().statements().get(0).get("Principal"));
        assertTrue(plan.policyFindings().isEmpty(), plan.policyFindings().toString());
    }

    @Test
    void mergeRefusesToWriteBackSomeoneElsesPublicStatement() throws Exception {
        RepositorySpec spec = pull("123456789012").policyMode("merge").build();
        Plan plan = Plan.between(spec, existing(policy(PUBLIC, OLD_PULL)));
        assertTrue(plan.writesPolicy());
        List<PolicyFinding> refused = plan.refusedPublicStatements();
        assertEquals(1, refused.size());
        assertEquals("statement \"OpenToAll\"", refused.get(0).statement());
        String message = refused.get(0).message();
        assertTrue(
                message.startsWith("statement \"OpenToAll\" of the policy in ECR, which the plugin keeps, is "
                        + "public: its principal is \"*\" (everyone), with no condition"),
                message);
        assertTrue(message.contains("<allowPublicAccess>true</allowPublicAccess>"), message);
        assertTrue(message.contains("remove or narrow that statement in ECR"), message);
    }

    @Test
    void mergeRefusesToWriteBackAForeignStatementOpenToAllOfIpv4InTwoHalves() throws Exception {
        String halves = """
                {"Sid":"Office","Effect":"Allow","Principal":"*","Action":["ecr:BatchGetImage"],
                 "Condition":{"IpAddress":{"aws:SourceIp":["0.0.0.0/1","128.0.0.0/1"]}}}""";
        String narrow = halves.replace("\"0.0.0.0/1\",\"128.0.0.0/1\"", "\"203.0.113.0/24\"");
        RepositorySpec spec = pull("123456789012").policyMode("merge").build();

        Plan open = Plan.between(spec, existing(policy(halves, OLD_PULL)));
        Plan limited = Plan.between(spec, existing(policy(narrow, OLD_PULL)));

        assertEquals(
                List.of("statement \"Office\""),
                open.refusedPublicStatements().stream()
                        .map(PolicyFinding::statement)
                        .toList());
        assertTrue(limited.writesPolicy());
        assertEquals(List.of(), limited.refusedPublicStatements());
    }

    @Test
    void mergeNamesAStatementWithoutSidByItsPosition() throws Exception {
        RepositorySpec spec = pull("123456789012").policyMode("merge").build();
        Plan plan = Plan.between(spec, existing(policy(OLD_PULL, PUBLIC.replace("\"Sid\":\"OpenToAll\",", ""))));
        assertEquals("statement 2", plan.refusedPublicStatements().get(0).statement());
    }

    @Test
    void mergeWithPublicOptInWritesIt() throws Exception {
        RepositorySpec spec =
                pull("123456789012").policyMode("merge").allowPublicAccess(true).build();
        Plan plan = Plan.between(spec, existing(policy(PUBLIC, OLD_PULL)));
        assertTrue(plan.writesPolicy());
        assertTrue(plan.refusedPublicStatements().isEmpty());
    }

    @Test
    void publicStatementThatNeedsNoWriteIsOnlyAFinding() throws Exception {
        RepositorySpec spec = pull("123456789012").policyMode("merge").build();
        String mine = Json.write(spec.policy().orElseThrow().statements().get(0));
        Plan plan = Plan.between(spec, existing(policy(PUBLIC, mine)));
        assertTrue(plan.isEmpty(), plan.changes().toString());
        assertTrue(plan.refusedPublicStatements().isEmpty());
        assertEquals(
                List.of(PolicyFinding.Kind.PUBLIC),
                plan.policyFindings().stream().map(PolicyFinding::kind).toList());
    }

    @Test
    void replaceDropsSomeoneElsesPublicStatementSoNothingPublicIsWritten() throws Exception {
        Plan plan = Plan.between(pull("123456789012").build(), existing(policy(PUBLIC, OLD_PULL)));
        assertTrue(plan.writesPolicy());
        assertTrue(plan.refusedPublicStatements().isEmpty());
        assertTrue(plan.policyFindings().isEmpty());
    }

    @Test
    void servicePrincipalWithoutSourceConditionWarnsOfTheConfusedDeputy() throws Exception {
        RepositorySpec spec = RepositorySpec.builder()
                .name("my-service")
                .pullPolicy(new PullPolicy(List.of(), List.of(), List.of(), List.of("lambda.amazonaws.com")))
                .build();
        Plan plan = Plan.between(spec, Observed.absent());
        PolicyFinding finding = plan.policyFindings().get(0);
        assertEquals(PolicyFinding.Kind.CONFUSED_DEPUTY, finding.kind());
        assertTrue(
                finding.message()
                        .contains("lambda.amazonaws.com with no condition on aws:SourceAccount, "
                                + "aws:SourceArn or aws:SourceOrgID"),
                finding.message());
        assertTrue(finding.message().contains("confused-deputy"), finding.message());
        assertTrue(finding.message().contains("<pullPolicy><lambdaAccounts>"), finding.message());
    }

    @Test
    void lambdaAccountsNeedNoConfusedDeputyWarning() throws Exception {
        RepositorySpec spec = RepositorySpec.builder()
                .name("my-service")
                .region(() -> Optional.of("eu-west-1"))
                .pullPolicy(new PullPolicy(List.of(), List.of(), List.of(), List.of(), List.of("123456789012")))
                .build();
        assertTrue(Plan.between(spec, Observed.absent()).policyFindings().isEmpty());
    }

    @Test
    void aConditionOnOtherKeysLeavesTheServiceUnbound() throws Exception {
        // aws:RequestedRegion limits where, not for which customer the service acts
        RepositorySpec spec =
                RepositorySpec.builder().name("my-service").policy(policy("""
                {"Sid":"CodeBuildPull","Effect":"Allow","Principal":{"Service":"codebuild.amazonaws.com"},
                 "Action":["ecr:BatchGetImage"],
                 "Condition":{"StringEquals":{"aws:RequestedRegion":"eu-west-1"}}}""")).build();
        List<PolicyFinding> findings = Plan.between(spec, Observed.absent()).policyFindings();
        assertEquals(
                List.of(PolicyFinding.Kind.CONFUSED_DEPUTY),
                findings.stream().map(PolicyFinding::kind).toList());
        assertEquals("statement \"CodeBuildPull\"", findings.get(0).statement());
    }
}

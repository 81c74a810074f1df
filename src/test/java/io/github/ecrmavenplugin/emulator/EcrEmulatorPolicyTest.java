package io.github.ecrmavenplugin.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.model.GetLifecyclePolicyResponse;
import software.amazon.awssdk.services.ecr.model.InvalidParameterException;
import software.amazon.awssdk.services.ecr.model.LifecyclePolicyNotFoundException;
import software.amazon.awssdk.services.ecr.model.RepositoryNotFoundException;
import software.amazon.awssdk.services.ecr.model.RepositoryPolicyNotFoundException;

/** Repository and lifecycle policies: ECR's re-formatting quirks and its validation. */
class EcrEmulatorPolicyTest {

    static final String POLICY =
            "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"AllowPull\",\"Effect\":\"Allow\","
                    + "\"Principal\":{\"AWS\":\"arn:aws:iam::123456789012:root\"},"
                    + "\"Action\":[\"ecr:BatchGetImage\",\"ecr:GetDownloadUrlForLayer\"],\"Condition\":{}}]}";

    /** What real ECR answers for {@link #POLICY}: Jackson's default pretty printer, not the bytes sent. */
    static final String POLICY_AS_ECR_RETURNS_IT = """
            {
              "Version" : "2012-10-17",
              "Statement" : [ {
                "Sid" : "AllowPull",
                "Effect" : "Allow",
                "Principal" : {
                  "AWS" : "arn:aws:iam::123456789012:root"
                },
                "Action" : [ "ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer" ],
                "Condition" : { }
              } ]
            }""";

    static final String LIFECYCLE = """
            {
              "rules": [
                {
                  "rulePriority": 1,
                  "description": "keep ten releases",
                  "selection": {"tagStatus": "tagged", "tagPrefixList": ["v"], "countType": "imageCountMoreThan", "countNumber": 10},
                  "action": {"type": "expire"}
                },
                {
                  "rulePriority": 2,
                  "selection": {"tagStatus": "any", "countType": "sinceImagePushed", "countUnit": "days", "countNumber": 30},
                  "action": {"type": "expire"}
                }
              ]
            }""";

    @RegisterExtension
    final EmulatorExtension emulatorExtension = EmulatorExtension.perTest(EcrEmulator.builder());

    private final EcrEmulator emulator = emulatorExtension.emulator();
    private final EcrClient ecr = emulatorExtension.client();

    @BeforeEach
    void createRepository() {
        ecr.createRepository(r -> r.repositoryName("app"));
    }

    @Test
    void policyComesBackPrettyPrintedNotAsSent() {
        var set = ecr.setRepositoryPolicy(r -> r.repositoryName("app").policyText(POLICY));
        assertEquals(POLICY_AS_ECR_RETURNS_IT, set.policyText());
        assertEquals("123456789012", set.registryId());

        var got = ecr.getRepositoryPolicy(r -> r.repositoryName("app"));
        assertEquals(POLICY_AS_ECR_RETURNS_IT, got.policyText());
        assertNotEquals(POLICY, got.policyText());
        assertEquals(
                POLICY_AS_ECR_RETURNS_IT,
                emulator.repository("app").orElseThrow().policyText());
        assertEquals(POLICY_AS_ECR_RETURNS_IT, EcrEmulator.ecrFormattedPolicy(POLICY));
        // Sending ECR's own layout back is stable: formatting is idempotent.
        ecr.setRepositoryPolicy(r -> r.repositoryName("app").policyText(POLICY_AS_ECR_RETURNS_IT));
        assertEquals(
                POLICY_AS_ECR_RETURNS_IT,
                ecr.getRepositoryPolicy(r -> r.repositoryName("app")).policyText());
    }

    @Test
    void lambdasStatementIsHeldBesideTheOthersAsEcrHoldsAnyStatement() {
        ecr.setRepositoryPolicy(r -> r.repositoryName("app").policyText(POLICY));
        emulator.lambdaFunctionCreated("app");
        emulator.lambdaFunctionCreated("app");

        String held = ecr.getRepositoryPolicy(r -> r.repositoryName("app")).policyText();
        assertEquals(
                EcrEmulator.ecrFormattedPolicy(POLICY.replace(
                        "\"Condition\":{}}]}", "\"Condition\":{}}," + EcrEmulator.LAMBDA_STATEMENT + "]}")),
                held);
        assertTrue(held.contains("\"Sid\" : \"LambdaECRImageRetrievalPolicy\""), held);
        assertEquals(1, held.split("LambdaECRImageRetrievalPolicy", -1).length - 1, "added once");
        assertEquals(
                1,
                emulator.calls().stream()
                        .filter(c -> c.operation().equals("SetRepositoryPolicy"))
                        .count(),
                "Lambda's write is not the client's");
    }

    @Test
    void lambdaCreatesThePolicyWhenThereIsNone() {
        emulator.lambdaFunctionCreated("app");
        assertEquals(
                EcrEmulator.ecrFormattedPolicy(
                        "{\"Version\":\"2012-10-17\",\"Statement\":[" + EcrEmulator.LAMBDA_STATEMENT + "]}"),
                ecr.getRepositoryPolicy(r -> r.repositoryName("app")).policyText());
    }

    @Test
    void prettyPrintingEscapesAndKeepsNumbersAndOrder() {
        String json = "{\"b\":1.50,\"a\":[],\"s\":\"quote\\\" back\\\\ tab\\t é\",\"n\":null,\"t\":true}";
        assertEquals(
                "{\n  \"b\" : 1.50,\n  \"a\" : [ ],\n  \"s\" : \"quote\\\" back\\\\ tab\\t é\",\n"
                        + "  \"n\" : null,\n  \"t\" : true\n}",
                EcrEmulator.ecrFormattedPolicy(json));
    }

    @Test
    @DeletesOnPurpose("tests DeleteRepositoryPolicy without a policy")
    void missingPolicyIsRepositoryPolicyNotFound() {
        RepositoryPolicyNotFoundException e = assertThrows(
                RepositoryPolicyNotFoundException.class, () -> ecr.getRepositoryPolicy(r -> r.repositoryName("app")));
        assertTrue(
                e.getMessage().contains("Repository policy does not exist for the repository with name 'app'"),
                e.getMessage());
        assertThrows(
                RepositoryPolicyNotFoundException.class,
                () -> ecr.deleteRepositoryPolicy(r -> r.repositoryName("app")));
        assertThrows(RepositoryNotFoundException.class, () -> ecr.getRepositoryPolicy(r -> r.repositoryName("zzz")));
    }

    @Test
    @DeletesOnPurpose("tests the emulator's DeleteRepositoryPolicy")
    void deletingAPolicyReturnsItAndRemovesIt() {
        ecr.setRepositoryPolicy(r -> r.repositoryName("app").policyText(POLICY));
        assertEquals(
                POLICY_AS_ECR_RETURNS_IT,
                ecr.deleteRepositoryPolicy(r -> r.repositoryName("app")).policyText());
        assertNull(emulator.repository("app").orElseThrow().policyText());
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "not json",
                "{\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"ecr:*\"}]}",
                "{\"Version\":\"2012-10-17\"}",
                "{\"Version\":\"2012-10-17\",\"Statement\":[]}",
                "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"ecr:*\",\"Resource\":\"*\"}]}",
                "{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"ecr:*\",\"NotResource\":\"x\"}}",
                "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Maybe\",\"Principal\":\"*\",\"Action\":\"ecr:*\"}]}",
                "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"ecr:*\"}]}",
                // IAM's policy grammar
                "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"ecr:*\",\"NotAction\":\"ecr:PutImage\"}]}",
                "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Deny\",\"Principal\":\"*\",\"NotPrincipal\":{\"AWS\":\"123456789012\"},\"Action\":\"ecr:PutImage\"}]}",
                "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"ecr:*\",\"Comment\":\"x\"}]}",
                "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"ecr:*\",\"Condition\":\"x\"}]}",
                "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"ecr:*\",\"Condition\":{\"Bool\":true}}]}",
                "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":[\"*\"],\"Action\":\"ecr:*\"}]}",
                "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{},\"Action\":\"ecr:*\"}]}",
                "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"12345678901\"},\"Action\":\"ecr:*\"}]}",
                "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"arn:aws:iam::1234567890:root\"},\"Action\":\"ecr:*\"}]}",
                "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"arn:aws:iam::123456789012:group/devs\"},\"Action\":\"ecr:*\"}]}",
                "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":[]}]}"
            })
    void invalidPoliciesAreRefusedWithEcrsMessage(String policy) {
        InvalidParameterException e = assertThrows(
                InvalidParameterException.class,
                () -> ecr.setRepositoryPolicy(r -> r.repositoryName("app").policyText(policy)));
        assertTrue(
                e.getMessage()
                        .startsWith("Invalid parameter at 'PolicyText' failed to satisfy constraint: "
                                + "'Invalid repository policy provided'"),
                e.getMessage());
        assertNull(emulator.repository("app").orElseThrow().policyText());
    }

    @Test
    void aSidUsedTwiceIsAccepted() {
        String twice = POLICY.replace(
                "]}", "," + EcrEmulator.LAMBDA_STATEMENT.replace("LambdaECRImageRetrievalPolicy", "AllowPull") + "]}");
        ecr.setRepositoryPolicy(r -> r.repositoryName("app").policyText(twice));
        assertEquals(
                EcrEmulator.ecrFormattedPolicy(twice),
                emulator.repository("app").orElseThrow().policyText());
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "{\"Effect\":\"Deny\",\"Principal\":\"*\",\"Action\":\"ecr:*\"}",
                "{\"Effect\":\"Deny\",\"Principal\":\"*\",\"Action\":\"ecr:*\",\"Condition\":{}}",
                "{\"Effect\":\"Deny\",\"Principal\":\"*\",\"Action\":\"ecr:*\",\"Condition\":{\"StringEquals\":{}}}",
                "{\"Effect\":\"Deny\",\"Principal\":{\"AWS\":\"*\"},\"Action\":\"ecr:SetRepositoryPolicy\"}",
                "{\"Effect\":\"Deny\",\"Principal\":{\"AWS\":\"arn:aws:iam::123456789012:root\"},\"Action\":\"ecr:set*\"}",
                "{\"Effect\":\"Deny\",\"Principal\":{\"AWS\":\"123456789012\"},\"Action\":\"*\"}",
                "{\"Effect\":\"Deny\",\"Principal\":\"*\",\"NotAction\":\"ecr:BatchGetImage\"}",
                "{\"Effect\":\"Deny\",\"NotPrincipal\":{\"AWS\":\"arn:aws:iam::123456789012:role/admin\"},\"Action\":\"ecr:*Policy\"}"
            })
    void aPolicyThatLocksTheCallerOutNeedsForce(String deny) {
        String policy = POLICY.replace("]}", "," + deny + "]}");

        InvalidParameterException e = assertThrows(
                InvalidParameterException.class,
                () -> ecr.setRepositoryPolicy(r -> r.repositoryName("app").policyText(policy)));
        assertTrue(e.getMessage().contains("would prevent you from setting another policy"), e.getMessage());
        assertNull(emulator.repository("app").orElseThrow().policyText());

        ecr.setRepositoryPolicy(r -> r.repositoryName("app").policyText(policy).force(true));
        assertEquals(
                EcrEmulator.ecrFormattedPolicy(policy),
                emulator.repository("app").orElseThrow().policyText());
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "{\"Effect\":\"Deny\",\"Principal\":\"*\",\"Action\":\"ecr:DeleteRepository\"}",
                "{\"Effect\":\"Deny\",\"Principal\":{\"AWS\":\"arn:aws:iam::210987654321:root\"},\"Action\":\"ecr:*\"}",
                "{\"Effect\":\"Deny\",\"Principal\":\"*\",\"Action\":\"ecr:*\","
                        + "\"Condition\":{\"StringNotEquals\":{\"aws:PrincipalArn\":\"arn:aws:iam::123456789012:role/admin\"}}}",
                "{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"ecr:SetRepositoryPolicy\"}"
            })
    void aPolicyThatLeavesTheCallerInNeedsNoForce(String statement) {
        String policy = POLICY.replace("]}", "," + statement + "]}");
        ecr.setRepositoryPolicy(r -> r.repositoryName("app").policyText(policy));
        assertEquals(
                EcrEmulator.ecrFormattedPolicy(policy),
                emulator.repository("app").orElseThrow().policyText());
    }

    @Test
    void policyLongerThan10240CharactersIsRefused() {
        String sid = "x".repeat(10_240);
        String policy = POLICY.replace("AllowPull", sid);
        InvalidParameterException e = assertThrows(
                InvalidParameterException.class,
                () -> ecr.setRepositoryPolicy(r -> r.repositoryName("app").policyText(policy)));
        assertTrue(e.getMessage().contains("10240"), e.getMessage());
    }

    @Test
    @DeletesOnPurpose("tests the emulator's DeleteLifecyclePolicy")
    void lifecyclePolicyComesBackCompacted() {
        var put = ecr.putLifecyclePolicy(r -> r.repositoryName("app").lifecyclePolicyText(LIFECYCLE));
        String compact = "{\"rules\":[{\"rulePriority\":1,\"description\":\"keep ten releases\",\"selection\":"
                + "{\"tagStatus\":\"tagged\",\"tagPrefixList\":[\"v\"],\"countType\":\"imageCountMoreThan\","
                + "\"countNumber\":10},\"action\":{\"type\":\"expire\"}},{\"rulePriority\":2,\"selection\":"
                + "{\"tagStatus\":\"any\",\"countType\":\"sinceImagePushed\",\"countUnit\":\"days\","
                + "\"countNumber\":30},\"action\":{\"type\":\"expire\"}}]}";
        assertEquals(compact, put.lifecyclePolicyText());
        GetLifecyclePolicyResponse got = ecr.getLifecyclePolicy(r -> r.repositoryName("app"));
        assertEquals(compact, got.lifecyclePolicyText());
        assertEquals(Instant.EPOCH, got.lastEvaluatedAt());
        assertEquals(compact, emulator.repository("app").orElseThrow().lifecyclePolicyText());
        assertEquals(compact, EcrEmulator.ecrCompactedLifecyclePolicy(LIFECYCLE));

        assertEquals(
                compact, ecr.deleteLifecyclePolicy(r -> r.repositoryName("app")).lifecyclePolicyText());
        assertThrows(
                LifecyclePolicyNotFoundException.class, () -> ecr.getLifecyclePolicy(r -> r.repositoryName("app")));
        assertThrows(
                LifecyclePolicyNotFoundException.class, () -> ecr.deleteLifecyclePolicy(r -> r.repositoryName("app")));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                // duplicate rulePriority
                "{\"rules\":[{\"rulePriority\":1,\"selection\":{\"tagStatus\":\"untagged\",\"countType\":\"imageCountMoreThan\",\"countNumber\":1},\"action\":{\"type\":\"expire\"}},"
                        + "{\"rulePriority\":1,\"selection\":{\"tagStatus\":\"untagged\",\"countType\":\"imageCountMoreThan\",\"countNumber\":2},\"action\":{\"type\":\"expire\"}}]}",
                // tagged without prefixes or patterns
                "{\"rules\":[{\"rulePriority\":1,\"selection\":{\"tagStatus\":\"tagged\",\"countType\":\"imageCountMoreThan\",\"countNumber\":1},\"action\":{\"type\":\"expire\"}}]}",
                // sinceImagePushed without countUnit
                "{\"rules\":[{\"rulePriority\":1,\"selection\":{\"tagStatus\":\"untagged\",\"countType\":\"sinceImagePushed\",\"countNumber\":1},\"action\":{\"type\":\"expire\"}}]}",
                // countUnit with imageCountMoreThan
                "{\"rules\":[{\"rulePriority\":1,\"selection\":{\"tagStatus\":\"untagged\",\"countType\":\"imageCountMoreThan\",\"countUnit\":\"days\",\"countNumber\":1},\"action\":{\"type\":\"expire\"}}]}",
                // countNumber zero
                "{\"rules\":[{\"rulePriority\":1,\"selection\":{\"tagStatus\":\"untagged\",\"countType\":\"imageCountMoreThan\",\"countNumber\":0},\"action\":{\"type\":\"expire\"}}]}",
                // unknown action
                "{\"rules\":[{\"rulePriority\":1,\"selection\":{\"tagStatus\":\"untagged\",\"countType\":\"imageCountMoreThan\",\"countNumber\":1},\"action\":{\"type\":\"archive\"}}]}",
                // 'any' rule not last
                "{\"rules\":[{\"rulePriority\":1,\"selection\":{\"tagStatus\":\"any\",\"countType\":\"imageCountMoreThan\",\"countNumber\":1},\"action\":{\"type\":\"expire\"}},"
                        + "{\"rulePriority\":2,\"selection\":{\"tagStatus\":\"untagged\",\"countType\":\"imageCountMoreThan\",\"countNumber\":2},\"action\":{\"type\":\"expire\"}}]}",
                // tagPrefixList and tagPatternList together
                "{\"rules\":[{\"rulePriority\":1,\"selection\":{\"tagStatus\":\"tagged\",\"tagPrefixList\":[\"v\"],\"tagPatternList\":[\"v*\"],\"countType\":\"imageCountMoreThan\",\"countNumber\":1},\"action\":{\"type\":\"expire\"}}]}",
                // a key the schema does not have, in a selection, a rule, an action, the policy
                "{\"rules\":[{\"rulePriority\":1,\"selection\":{\"tagStatus\":\"untagged\",\"countType\":\"imageCountMoreThan\",\"countNumber\":1,\"note\":\"x\"},\"action\":{\"type\":\"expire\"}}]}",
                "{\"rules\":[{\"rulePriority\":1,\"note\":\"x\",\"selection\":{\"tagStatus\":\"untagged\",\"countType\":\"imageCountMoreThan\",\"countNumber\":1},\"action\":{\"type\":\"expire\"}}]}",
                "{\"rules\":[{\"rulePriority\":1,\"selection\":{\"tagStatus\":\"untagged\",\"countType\":\"imageCountMoreThan\",\"countNumber\":1},\"action\":{\"type\":\"expire\",\"note\":\"x\"}}]}",
                "{\"version\":1,\"rules\":[{\"rulePriority\":1,\"selection\":{\"tagStatus\":\"untagged\",\"countType\":\"imageCountMoreThan\",\"countNumber\":1},\"action\":{\"type\":\"expire\"}}]}",
                // null values
                "{\"rules\":[{\"rulePriority\":1,\"description\":null,\"selection\":{\"tagStatus\":\"untagged\",\"countType\":\"imageCountMoreThan\",\"countNumber\":1},\"action\":{\"type\":\"expire\"}}]}",
                "{\"rules\":[{\"rulePriority\":1,\"selection\":{\"tagStatus\":\"untagged\",\"countType\":\"imageCountMoreThan\",\"countUnit\":null,\"countNumber\":1},\"action\":{\"type\":\"expire\"}}]}",
                // a tag pattern with more than four wildcards, and tag lists ECR refuses
                "{\"rules\":[{\"rulePriority\":1,\"selection\":{\"tagStatus\":\"tagged\",\"tagPatternList\":[\"test*1*2*3*4*5*6\"],\"countType\":\"imageCountMoreThan\",\"countNumber\":1},\"action\":{\"type\":\"expire\"}}]}",
                "{\"rules\":[{\"rulePriority\":1,\"selection\":{\"tagStatus\":\"tagged\",\"tagPatternList\":[\"*a*b*c*d*\"],\"countType\":\"imageCountMoreThan\",\"countNumber\":1},\"action\":{\"type\":\"expire\"}}]}",
                "{\"rules\":[{\"rulePriority\":1,\"selection\":{\"tagStatus\":\"tagged\",\"tagPrefixList\":[],\"countType\":\"imageCountMoreThan\",\"countNumber\":1},\"action\":{\"type\":\"expire\"}}]}",
                "{\"rules\":[{\"rulePriority\":1,\"selection\":{\"tagStatus\":\"tagged\",\"tagPrefixList\":\"v\",\"countType\":\"imageCountMoreThan\",\"countNumber\":1},\"action\":{\"type\":\"expire\"}}]}",
                "{\"rules\":[{\"rulePriority\":1,\"selection\":{\"tagStatus\":\"tagged\",\"tagPatternList\":[\"\"],\"countType\":\"imageCountMoreThan\",\"countNumber\":1},\"action\":{\"type\":\"expire\"}}]}",
                // a rulePriority that is not an integer
                "{\"rules\":[{\"rulePriority\":1.0,\"selection\":{\"tagStatus\":\"untagged\",\"countType\":\"imageCountMoreThan\",\"countNumber\":1},\"action\":{\"type\":\"expire\"}}]}",
                // not JSON (padded past the 100-character minimum)
                "rules: [ this is not json at all, just text long enough to pass the minimum length check of the API ]",
                // empty rules
                "{\"rules\":[]}                                                                                                 "
            })
    void invalidLifecyclePoliciesAreRefused(String text) {
        InvalidParameterException e = assertThrows(
                InvalidParameterException.class,
                () -> ecr.putLifecyclePolicy(r -> r.repositoryName("app").lifecyclePolicyText(text)));
        assertTrue(e.getMessage().contains("Lifecycle policy validation failure"), e.getMessage());
        assertNull(emulator.repository("app").orElseThrow().lifecyclePolicyText());
    }

    @Test
    void tagPatternsWithFourWildcardsAreAccepted() {
        // the User Guide's own example of valid patterns
        String text = "{\"rules\":[{\"rulePriority\":1,\"selection\":{\"tagStatus\":\"tagged\",\"tagPatternList\":"
                + "[\"*test*1*2*3\",\"test*1*2*3*\"],\"countType\":\"imageCountMoreThan\",\"countNumber\":1},"
                + "\"action\":{\"type\":\"expire\"}}]}";
        ecr.putLifecyclePolicy(r -> r.repositoryName("app").lifecyclePolicyText(text));
        assertEquals(text, emulator.repository("app").orElseThrow().lifecyclePolicyText());
    }

    @Test
    void lifecyclePolicyShorterThan100CharactersIsRefused() {
        InvalidParameterException e = assertThrows(
                InvalidParameterException.class,
                () -> ecr.putLifecyclePolicy(r -> r.repositoryName("app").lifecyclePolicyText("{\"rules\":[]}")));
        assertTrue(e.getMessage().contains("lifecyclePolicyText"), e.getMessage());
    }
}

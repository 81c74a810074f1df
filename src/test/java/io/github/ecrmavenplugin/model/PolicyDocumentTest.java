package io.github.ecrmavenplugin.model;

import static io.github.ecrmavenplugin.model.InvalidConfiguration.fails;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ecrmavenplugin.emulator.EcrEmulator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PolicyDocumentTest {

    private static final String POLICY = """
            {"Version":"2012-10-17","Statement":[{"Sid":"AllowPull","Effect":"Allow",
             "Principal":{"AWS":"arn:aws:iam::123456789012:root"},
             "Action":["ecr:BatchGetImage","ecr:GetDownloadUrlForLayer"]}]}""";

    /**
     * How ECR hands the same policy back: re-formatted, with its own separators and indentation (the emulator's
     * rendering, which EcrEmulatorPolicyTest holds to ECR's own answer).
     */
    private static final String AS_ECR_RETURNS_IT = EcrEmulator.ecrFormattedPolicy(POLICY);

    private static PolicyDocument pom(String json) throws InvalidConfigurationException {
        return PolicyDocument.fromPom(json, "policy", false);
    }

    @Test
    void equalWhenOnlyFormattingDiffers() throws Exception {
        assertEquals(pom(POLICY), PolicyDocument.fromRegistry(AS_ECR_RETURNS_IT).orElseThrow());
    }

    @Test
    void equalRegardlessOfKeyOrderListOrderAndSingleValueLists() throws Exception {
        String reordered = """
                {"Statement":{"Action":["ecr:GetDownloadUrlForLayer","ecr:BatchGetImage"],
                 "Principal":{"AWS":["arn:aws:iam::123456789012:root"]},"Effect":"Allow","Sid":"AllowPull"},
                 "Version":"2012-10-17"}""";
        assertEquals(pom(POLICY), pom(reordered));
        assertEquals(pom(POLICY).hashCode(), pom(reordered).hashCode());
    }

    @Test
    void differentWhenMeaningDiffers() throws Exception {
        String otherAccount = POLICY.replace("123456789012", "210987654321");
        String fewerActions = POLICY.replace(",\"ecr:GetDownloadUrlForLayer\"", "");
        assertNotEquals(pom(POLICY), pom(otherAccount));
        assertNotEquals(pom(POLICY), pom(fewerActions));
    }

    @Test
    void unparseableRemotePolicyIsNotAPolicy() {
        assertTrue(PolicyDocument.fromRegistry("{not json").isEmpty());
        assertTrue(PolicyDocument.fromRegistry("[1]").isEmpty());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
        not json                     | not valid JSON                   | {"Version":
        array                        | must be a JSON object            | []
        no version                   | "Version" must be                | {"Statement":[]}
        bad version                  | "Version" must be                | {"Version":"2020-01-01","Statement":[]}
        no statement                 | no "Statement"                   | {"Version":"2012-10-17"}
        resource                     | "Resource" element               | {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::123456789012:root"},"Action":"ecr:BatchGetImage","Resource":"*"}]}
        no effect                    | "Effect"                         | {"Version":"2012-10-17","Statement":[{"Principal":"*","Action":"ecr:BatchGetImage"}]}
        no principal                 | no "Principal"                   | {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"ecr:BatchGetImage"}]}
        no action                    | no "Action"                      | {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::123456789012:root"}}]}
        number action                | not an action                    | {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::123456789012:root"},"Action":5}]}
        typo action                  | did you mean "ecr:BatchGetImage" | {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::123456789012:root"},"Action":"ecr:BatchGetImages"}]}
        public                       | allowPublicAccess                | {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"ecr:BatchGetImage"}]}
        public aws                   | allowPublicAccess                | {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"*"},"Action":"ecr:BatchGetImage"}]}
        unknown key                  | unknown top-level element        | {"Version":"2012-10-17","Statement":[],"Resource":"x"}
        no version found             | found none                       | {"Statement":[]}
        bad version found            | found "2020-01-01"               | {"Version":"2020-01-01","Statement":[]}
        second statement without Sid | statement 2 has no "Action"      | {"Version":"2012-10-17","Statement":[{"Sid":"AllowPull","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::123456789012:root"},"Action":"ecr:BatchGetImage"},{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::123456789012:root"}}]}
        """)
    void rejectsInvalidPolicies(String name, String expected, String json) {
        fails("policy", expected, () -> pom(json));
    }

    @Test
    void publicPrincipalAcceptedWithOptInOrCondition() throws Exception {
        String open = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":\"*\","
                + "\"Action\":[\"ecr:BatchGetImage\"]}]}";
        assertEquals(
                io.github.ecrmavenplugin.json.Json.parse(open),
                PolicyDocument.fromPom(open, "policy", true).document());
        String narrowed = open.replace(
                "]}]}", "],\"Condition\":{\"StringEquals\":{\"aws:PrincipalOrgID\":" + "\"o-a1b2c3d4e5\"}}}]}");
        assertEquals(
                io.github.ecrmavenplugin.json.Json.parse(narrowed),
                pom(narrowed).document());
    }

    @Test
    void wildcardActionsAreAccepted() throws Exception {
        String wildcards =
                POLICY.replace("ecr:BatchGetImage", "ecr:Batch*").replace("ecr:GetDownloadUrlForLayer", "ecr:*");
        assertEquals(
                io.github.ecrmavenplugin.json.Json.parse(wildcards),
                pom(wildcards).document());
        assertEquals(
                io.github.ecrmavenplugin.json.Json.parse(POLICY.replace("ecr:BatchGetImage", "ecr:Get?ownload*")),
                pom(POLICY.replace("ecr:BatchGetImage", "ecr:Get?ownload*")).document());
    }

    @Test
    void aWildcardThatMatchesNoKnownActionIsSentWithAWarning() throws Exception {
        // it may match an action newer than the bundled SDK: not certainly wrong, so ECR decides
        PolicyDocument policy = pom(POLICY.replace("ecr:BatchGetImage", "ecr:Nothing*"));
        assertEquals(1, policy.warnings().size(), policy.warnings()::toString);
        assertTrue(policy.warnings().get(0).contains("\"ecr:Nothing*\""), policy.warnings()::toString);
        assertTrue(pom(POLICY.replace("ecr:BatchGetImage", "ecr:Batch*"))
                .warnings()
                .isEmpty());
    }

    @Test
    void rejectsOversizePolicy() {
        String big = POLICY.replace("AllowPull", "x".repeat(PolicyDocument.MAX_LENGTH));
        InvalidConfigurationException e = assertThrows(InvalidConfigurationException.class, () -> pom(big));
        assertTrue(e.getMessage().contains("at most 10240"), e.getMessage());
    }

    @Test
    void mergeNamesAStatementWithoutSidByItsPosition() throws Exception {
        PolicyDocument policy = pom(POLICY.replace(
                "}]}",
                "},{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":"
                        + "\"arn:aws:iam::210987654321:root\"},\"Action\":\"ecr:BatchGetImage\"}]}"));
        InvalidConfigurationException e =
                assertThrows(InvalidConfigurationException.class, () -> policy.requireSids("policy", "policyMode"));
        assertTrue(e.getMessage().contains("statement 2 has no \"Sid\""), e.getMessage());
    }

    @Test
    void aSingleStatementObjectIsAListOfOneAndNoStatementAnEmptyList() throws Exception {
        String single = """
                {"Version":"2012-10-17","Statement":{"Sid":"AllowPull","Effect":"Allow",
                 "Principal":{"AWS":"arn:aws:iam::123456789012:root"},"Action":"ecr:BatchGetImage"}}""";
        assertEquals(
                java.util.List.of("AllowPull"),
                pom(single).statements().stream().map(s -> s.get("Sid")).toList());
        assertEquals(
                java.util.List.of(),
                PolicyDocument.fromRegistry("{\"Version\":\"2012-10-17\"}")
                        .orElseThrow()
                        .statements());
    }

    /** A policy of one Deny statement of {@code action} to {@code principal}, with {@code more} elements. */
    private static PolicyDocument deny(String principal, String action, String more) throws Exception {
        return PolicyDocument.fromPom(
                "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"D\",\"Effect\":\"Deny\"," + principal
                        + ",\"Action\":\"" + action + "\"" + more + "}]}",
                "policy",
                false);
    }

    @ParameterizedTest(name = "{0} {1} {2} (account {3}) -> {4}")
    @CsvSource(delimiter = '|', textBlock = """
        "Principal":"*"                                          | ecr:*                   |                                                   |              | to everyone ("*"): once ECR holds it, nobody can change the policy again, this build included
        "Principal":{"AWS":"*"}                                  | ecr:SetRepositoryPolicy |                                                   |              | to everyone ({"AWS": "*"}): once
        "Principal":"*"                                          | ecr:*                   | ,"Condition":{}                                   |              | to everyone
        "Principal":"*"                                          | ecr:*                   | ,"Condition":{"StringEquals":{}}                  |              | to everyone
        "Principal":{"AWS":"arn:aws:iam::123456789012:root"}     | ecr:Set*                |                                                   | 123456789012 | to the whole account 123456789012, the registry's (<registryId>): once ECR holds it, no one in that account can change the policy again
        "Principal":{"AWS":["210987654321","123456789012"]}      | *                       |                                                   | 123456789012 | to the whole account 123456789012, the registry's
        "Principal":{"AWS":"arn:aws:iam::123456789012:root"}     | ecr:*                   |                                                   |              |
        "Principal":{"AWS":"arn:aws:iam::999988887777:root"}     | ecr:*                   |                                                   | 123456789012 |
        "Principal":{"AWS":"arn:aws:iam::123456789012:role/ci"}  | ecr:*                   |                                                   | 123456789012 |
        "Principal":"*"                                          | ecr:*                   | ,"Condition":{"StringEquals":{"aws:PrincipalAccount":"123456789012"}} |   |
        "Principal":"*"                                          | ecr:BatchGetImage       |                                                   |              |
        "NotPrincipal":{"AWS":"arn:aws:iam::123456789012:root"}  | ecr:*                   |                                                   | 123456789012 |
        """)
    void aLockOutIsCertainForEveryoneAndTheRegistrysAccountOnly(
            String principal, String action, String more, String account, String expected) throws Exception {
        java.util.Optional<String> lockOut =
                deny(principal, action, more == null ? "" : more).lockOut(java.util.Optional.ofNullable(account));
        if (expected == null) {
            assertEquals(java.util.Optional.empty(), lockOut);
        } else {
            assertTrue(
                    lockOut.orElseThrow().startsWith("statement \"D\" denies ecr:SetRepositoryPolicy " + expected),
                    lockOut.get());
        }
    }

    @ParameterizedTest(name = "{0} {1} {2} -> {3}")
    @CsvSource(delimiter = '|', textBlock = """
        "Principal":{"AWS":"arn:aws:iam::999988887777:root"}     | ecr:*             |                                        | to arn:aws:iam::999988887777:root
        "Principal":{"AWS":["999988887777","arn:aws:iam::123456789012:role/ci"]} | ecr:Set* |                      | to 999988887777, arn:aws:iam::123456789012:role/ci
        "NotPrincipal":{"AWS":"arn:aws:iam::123456789012:role/admin"} | ecr:*        |                                        | to everyone but {"AWS":"arn:aws:iam::123456789012:role/admin"}
        "Principal":{"AWS":"arn:aws:iam::999988887777:root"}     | ecr:*             | ,"Condition":{}                        | to arn:aws:iam::999988887777:root
        "Principal":{"AWS":"arn:aws:iam::999988887777:root"}     | ecr:*             | ,"Condition":{"Bool":{"aws:SecureTransport":"false"}} |
        "Principal":{"AWS":"arn:aws:iam::999988887777:root"}     | ecr:DeleteRepository |                                     |
        "Principal":{"Service":"lambda.amazonaws.com"}           | ecr:*             |                                        |
        "Principal":"*"                                          | ecr:*             |                                        | to everyone ("*")
        """)
    void aDenyToOtherPrincipalsMayLockTheBuildOut(String principal, String action, String more, String expected)
            throws Exception {
        java.util.Optional<String> lockOut =
                deny(principal, action, more == null ? "" : more).possibleLockOut();
        assertEquals(
                java.util.Optional.ofNullable(expected)
                        .map(whom -> "statement \"D\" denies ecr:SetRepositoryPolicy " + whom),
                lockOut);
    }
}

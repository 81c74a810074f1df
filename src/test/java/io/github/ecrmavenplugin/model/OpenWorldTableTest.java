package io.github.ecrmavenplugin.model;

import static io.github.ecrmavenplugin.model.InvalidConfiguration.fails;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The rule of the checks made before a call, as a table: each lifecycle policy and repository policy is accepted
 * (with or without a warning) or refused, and the reason is in the message. Refused means ECR certainly refuses it;
 * a value the plugin does not know but that has the known structure is accepted with a warning.
 */
class OpenWorldTableTest {

    private static final String OK = "";

    /** {@code expected}: empty = accepted without warning; {@code warn:...} = accepted, warning says it; else refused. */
    static Stream<Arguments> lifecyclePolicies() {
        return Stream.of(
                lifecycle("keep last 30", rule(1, "any", moreThan(30), expire()), OK),
                lifecycle(
                        "expire untagged after 14 days",
                        rule(1, "untagged", days("sinceImagePushed", 14), expire()),
                        OK),
                lifecycle(
                        "archive not pulled for 90 days",
                        rule(1, "any", days("sinceImagePulled", 90), transition()),
                        OK),
                lifecycle(
                        "archive 30 days after push, tagged",
                        rule(
                                1,
                                "tagged",
                                "\"tagPatternList\":[\"release-*\"]," + days("sinceImagePushed", 30),
                                transition()),
                        OK),
                lifecycle("archive beyond the last 10", rule(1, "any", moreThan(10), transition()), OK),
                lifecycle(
                        "expire archived images 365 days after archiving",
                        rule(1, "any", ARCHIVE + days("sinceImageTransitioned", 365), expire()),
                        OK),
                lifecycle(
                        "archive, then expire archived: one 'any' rule per storage class",
                        rules(
                                rule(1, "any", days("sinceImagePulled", 90), transition()),
                                rule(2, "any", ARCHIVE + days("sinceImageTransitioned", 180), expire())),
                        OK),
                lifecycle(
                        "explicit storageClass standard",
                        rule(1, "untagged", "\"storageClass\":\"standard\"," + moreThan(1), expire()),
                        OK),
                lifecycle(
                        "a countType newer than the plugin",
                        rule(1, "any", days("sinceImageScanned", 5), expire()),
                        "warn:countType \"sinceImageScanned\", which the plugin does not know"),
                lifecycle(
                        "an action type newer than the plugin",
                        rule(1, "any", moreThan(5), "{\"type\":\"quarantine\"}"),
                        "warn:action type \"quarantine\""),
                lifecycle(
                        "a target storage class newer than the plugin",
                        rule(
                                1,
                                "any",
                                moreThan(5),
                                "{\"type\":\"transition\",\"targetStorageClass\":\"deep-archive\"}"),
                        "warn:targetStorageClass \"deep-archive\""),
                lifecycle(
                        "a storage class newer than the plugin",
                        rule(1, "any", "\"storageClass\":\"cold\"," + moreThan(5), expire()),
                        "warn:storageClass \"cold\""),
                lifecycle(
                        "a count unit other than days",
                        rule(
                                1,
                                "any",
                                "\"countType\":\"sinceImagePushed\",\"countUnit\":\"hours\",\"countNumber\":5",
                                expire()),
                        "warn:countUnit \"hours\""),
                lifecycle(
                        "a tagStatus newer than the plugin, with a tag list",
                        rule(1, "taggedAndSigned", "\"tagPrefixList\":[\"release-\"]," + moreThan(5), expire()),
                        "warn:tagStatus \"taggedAndSigned\""),
                lifecycle(
                        "a countType newer than the plugin, without countUnit",
                        rule(1, "any", "\"countType\":\"sinceImageScanned\",\"countNumber\":5", expire()),
                        "warn:countType \"sinceImageScanned\""),
                lifecycle(
                        "a misspelt tagStatus",
                        rule(1, "taged", moreThan(5), expire()),
                        "warn:did you mean \"tagged\"?"),
                lifecycle("not JSON", "{\"rules\": [", "not valid JSON"),
                lifecycle("no rules", "{\"rules\":[]}", "non-empty \"rules\""),
                lifecycle(
                        "priority zero",
                        rule(0, "any", moreThan(5), expire()),
                        "the rulePriority of a rule must be a whole number from 1 to 2147483647, found 0"),
                lifecycle(
                        "two rules of one priority",
                        rules(rule(1, "untagged", moreThan(5), expire()), rule(1, "any", moreThan(5), expire())),
                        "used by more than one rule"),
                lifecycle(
                        "'any' before another standard rule",
                        rules(rule(1, "any", moreThan(5), expire()), rule(2, "untagged", moreThan(5), expire())),
                        "must have the highest rulePriority of the rules for standard images"),
                lifecycle(
                        "sinceImagePulled without countUnit",
                        rule(1, "any", "\"countType\":\"sinceImagePulled\",\"countNumber\":90", transition()),
                        "countType \"sinceImagePulled\" needs \"countUnit\": \"days\""),
                lifecycle(
                        "imageCountMoreThan with a countUnit",
                        rule(
                                1,
                                "any",
                                "\"countType\":\"imageCountMoreThan\",\"countUnit\":\"days\",\"countNumber\":5",
                                expire()),
                        "takes no \"countUnit\""),
                lifecycle(
                        "transition without targetStorageClass",
                        rule(1, "any", days("sinceImagePulled", 90), "{\"type\":\"transition\"}"),
                        "a \"transition\" needs \"targetStorageClass\""),
                lifecycle(
                        "action without type",
                        rule(1, "any", moreThan(5), "{\"targetStorageClass\":\"archive\"}"),
                        "needs an \"action\" with a \"type\""),
                lifecycle(
                        "tagged without a tag list",
                        rule(1, "tagged", moreThan(5), expire()),
                        "go with tagStatus \"tagged\""),
                lifecycle(
                        "countNumber not whole",
                        rule(1, "any", "\"countType\":\"imageCountMoreThan\",\"countNumber\":2.5", expire()),
                        "rule 1's countNumber must be a whole number of 1 or more, found 2.5"),
                lifecycle("no countType", rule(1, "any", "\"countNumber\":5", expire()), "needs a \"countType\""),
                // ECR's schema refuses keys it does not define and nulls; new values of known keys still pass
                lifecycle(
                        "tagPrefixList and tagPatternList together",
                        rule(
                                1,
                                "tagged",
                                "\"tagPrefixList\":[\"v\"],\"tagPatternList\":[\"v*\"]," + moreThan(5),
                                expire()),
                        "rule 1 has both \"tagPrefixList\" and \"tagPatternList\""),
                lifecycle(
                        "an unknown key in a selection",
                        rule(1, "any", "\"countNumbr\":5,\"countType\":\"imageCountMoreThan\"", expire()),
                        "rule 1's selection has the key \"countNumbr\", which ECR's lifecycle policy grammar does not "
                                + "have there (did you mean \"countNumber\"?)"),
                lifecycle(
                        "an unknown key in a rule",
                        rule(1, "any", moreThan(5), expire())
                                .replace("\"description\"", "\"note\":\"x\",\"description\""),
                        "rule 1 has the key \"note\""),
                lifecycle(
                        "an unknown key in an action",
                        rule(1, "any", moreThan(5), "{\"type\":\"expire\",\"when\":\"now\"}"),
                        "rule 1's action has the key \"when\""),
                lifecycle(
                        "an unknown top-level key",
                        rules(rule(1, "any", moreThan(5), expire())).replace("{\"rules\"", "{\"version\":1,\"rules\""),
                        "the lifecycle policy has the key \"version\""),
                lifecycle(
                        "a null description",
                        rule(1, "any", moreThan(5), expire()).replace("\"a rule of the open-world table\"", "null"),
                        "rule 1 has \"description\": null, which ECR refuses"),
                lifecycle(
                        "a null countUnit",
                        rule(1, "any", moreThan(5) + ",\"countUnit\":null", expire()),
                        "rule 1's selection has \"countUnit\": null"),
                lifecycle(
                        "a null in a tag list",
                        rule(1, "tagged", "\"tagPrefixList\":[\"v\",null]," + moreThan(5), expire()),
                        "rule 1's selection's \"tagPrefixList\" holds null"),
                lifecycle(
                        "rulePriority 1.0",
                        rule(1, "any", moreThan(5), expire()).replace("\"rulePriority\":1", "\"rulePriority\":1.0"),
                        OK),
                lifecycle(
                        "rulePriority 1e1",
                        rule(1, "any", moreThan(5), expire()).replace("\"rulePriority\":1", "\"rulePriority\":1e1"),
                        OK),
                lifecycle(
                        "rulePriority 1.5e1",
                        rule(1, "any", moreThan(5), expire()).replace("\"rulePriority\":1", "\"rulePriority\":1.5e1"),
                        OK),
                lifecycle(
                        "rulePriority 1.5",
                        rule(1, "any", moreThan(5), expire()).replace("\"rulePriority\":1", "\"rulePriority\":1.5"),
                        "found 1.5"),
                lifecycle(
                        "rulePriority -1e1",
                        rule(1, "any", moreThan(5), expire()).replace("\"rulePriority\":1", "\"rulePriority\":-1e1"),
                        "found -1E+1"),
                lifecycle(
                        "rulePriority 2147483647, the largest",
                        rule(1, "any", moreThan(5), expire())
                                .replace("\"rulePriority\":1", "\"rulePriority\":2147483647"),
                        OK),
                lifecycle(
                        "a pattern with four wildcards",
                        rule(1, "tagged", "\"tagPatternList\":[\"*test*1*2*3\"]," + moreThan(5), expire()),
                        OK),
                lifecycle(
                        "a pattern with five wildcards",
                        rule(1, "tagged", "\"tagPatternList\":[\"v*\",\"*a*b*c*d*\"]," + moreThan(5), expire()),
                        "rule 1's tag pattern \"*a*b*c*d*\" has 5 wildcards (*); ECR allows at most 4 in each pattern"),
                lifecycle(
                        "a prefix with five wildcards, which are no wildcards there",
                        rule(1, "tagged", "\"tagPrefixList\":[\"*a*b*c*d*\"]," + moreThan(5), expire()),
                        OK),
                lifecycle(
                        "an empty tag list",
                        rule(1, "tagged", "\"tagPrefixList\":[]," + moreThan(5), expire()),
                        "rule 1's \"tagPrefixList\" is empty, which ECR refuses; list at least one, e.g. [\"v\"], or "
                                + "use tagStatus \"any\""),
                lifecycle(
                        "an empty tag pattern list",
                        rule(1, "tagged", "\"tagPatternList\":[]," + moreThan(5), expire()),
                        "rule 1's \"tagPatternList\" is empty, which ECR refuses; list at least one, e.g. [\"v*\"]"),
                lifecycle(
                        "a countNumber of 30720 digits written out",
                        rule(1, "any", "\"countType\":\"imageCountMoreThan\",\"countNumber\":1e30719", expire()),
                        "characters as compact JSON; ECR accepts at most 30720"),
                lifecycle(
                        "a countNumber of 30721 digits written out",
                        rule(1, "any", "\"countType\":\"imageCountMoreThan\",\"countNumber\":1e30720", expire()),
                        "rule 1's countNumber 1E+30720 has more digits written out than ECR accepts for the whole "
                                + "lifecycle policy (30720 characters); give a whole number of 1 or more"),
                lifecycle(
                        "a tag list that is a string",
                        rule(1, "tagged", "\"tagPatternList\":\"v*\"," + moreThan(5), expire()),
                        "rule 1's \"tagPatternList\" is \"v*\", which is not a list"),
                lifecycle(
                        "an empty tag prefix",
                        rule(1, "tagged", "\"tagPrefixList\":[\"v\",\"\"]," + moreThan(5), expire()),
                        "rule 1's \"tagPrefixList\" holds \"\", which ECR refuses; every entry is a tag prefix"),
                lifecycle(
                        "a tag list of a number",
                        rule(1, "untagged", "\"tagPatternList\":[1]," + moreThan(5), expire()),
                        "rule 1's \"tagPatternList\" holds 1, which ECR refuses; every entry is a tag pattern"),
                lifecycle(
                        "rulePriority as a string",
                        rule(1, "any", moreThan(5), expire()).replace("\"rulePriority\":1", "\"rulePriority\":\"1\""),
                        "the rulePriority of a rule must be a whole number from 1 to 2147483647, found \"1\""),
                lifecycle(
                        "a new action type",
                        rule(1, "any", moreThan(5), "{\"type\":\"delete\"}"),
                        "warn:action type \"delete\""));
    }

    static Stream<Arguments> repositoryPolicies() {
        return Stream.of(
                policy("one account pulls", statement("\"ecr:BatchGetImage\""), OK),
                policy("ecr:*", statement("\"ecr:*\""), OK),
                policy("wildcard that matches", statement("\"ecr:Describe*\""), OK),
                policy("single-character wildcard", statement("\"ecr:Get?uthorizationToken\""), OK),
                policy("the archive operation of the bundled SDK", statement("\"ecr:UpdateImageStorageClass\""), OK),
                policy("image referrers", statement("\"ecr:ListImageReferrers\""), OK),
                policy("signing configuration", statement("\"ecr:PutSigningConfiguration\""), OK),
                policy("pull-time update exclusions", statement("\"ecr:RegisterPullTimeUpdateExclusion\""), OK),
                policy(
                        "lifecycle preview actions",
                        statement("[\"ecr:StartLifecyclePolicyPreview\"," + "\"ecr:GetLifecyclePolicyPreview\"]"),
                        OK),
                policy("a permission that is no API operation", statement("\"ecr:BatchImportUpstreamImage\""), OK),
                policy("replication permission", statement("\"ecr:ReplicateImage\""), OK),
                policy("action names ignore case", statement("\"ECR:batchgetimage\"".replace("ECR", "ecr")), OK),
                policy(
                        "an ECR action newer than the SDK",
                        statement("\"ecr:DescribeImageLineage\""),
                        "warn:\"ecr:DescribeImageLineage\", which the bundled AWS SDK does not know"),
                policy(
                        "another service's action",
                        statement("\"s3:GetObject\""),
                        "warn:\"s3:GetObject\", which is not an ECR action"),
                policy(
                        "wildcard that matches nothing known",
                        statement("\"ecr:Frobnicate*\""),
                        "warn:\"ecr:Frobnicate*\""),
                policy(
                        "a near miss of a known action",
                        statement("\"ecr:BatchGetImages\""),
                        "did you mean \"ecr:BatchGetImage\"?"),
                policy(
                        "a near miss of a new action",
                        statement("\"ecr:UpdateImageStorageClas\""),
                        "did you mean \"ecr:UpdateImageStorageClass\"?"),
                policy("an action that is not a string", statement("42"), "which is not an action"),
                policy("not JSON", "{\"Version\":", "not valid JSON"),
                policy("no Version", "{\"Statement\":[" + stmt("\"ecr:BatchGetImage\"") + "]}", "\"Version\" must be"),
                policy(
                        "Resource element",
                        policyOf("{\"Effect\":\"Allow\"," + PRINCIPAL
                                + ",\"Action\":\"ecr:BatchGetImage\",\"Resource\":\"*\"}"),
                        "\"Resource\" element"),
                policy(
                        "no Principal",
                        policyOf("{\"Effect\":\"Allow\",\"Action\":\"ecr:BatchGetImage\"}"),
                        "has no \"Principal\""),
                policy("no Action", policyOf("{\"Effect\":\"Allow\"," + PRINCIPAL + "}"), "has no \"Action\""),
                policy(
                        "an empty Action list",
                        policyOf("{\"Effect\":\"Allow\"," + PRINCIPAL + ",\"Action\":[]}"),
                        "has no \"Action\""),
                // IAM's policy grammar, which ECR enforces
                policy(
                        "Action and NotAction",
                        policyOf(stmtWith(",\"NotAction\":\"ecr:PutImage\"")),
                        "statement 1 has both \"Action\" and \"NotAction\""),
                policy(
                        "Principal and NotPrincipal",
                        policyOf(stmt("\"ecr:BatchGetImage\"")
                                .replace("\"Effect\"", "\"NotPrincipal\":{\"AWS\":\"210987654321\"},\"Effect\"")),
                        "statement 1 has both \"Principal\" and \"NotPrincipal\""),
                policy(
                        "an unknown statement element",
                        policyOf(stmt("\"ecr:BatchGetImage\"").replace("\"Effect\"", "\"Comment\":\"x\",\"Effect\"")),
                        "statement 1 has the element \"Comment\", which a policy statement does not have"),
                policy(
                        "an element in the wrong case",
                        policyOf(stmt("\"ecr:BatchGetImage\"").replace("\"Effect\"", "\"effect\"")),
                        "has the element \"effect\", which a policy statement does not have (did you mean \"Effect\"?)"),
                policy(
                        "a Condition that is not an object",
                        policyOf(stmtWith(",\"Condition\":\"aws:SecureTransport\"")),
                        "has the \"Condition\" \"aws:SecureTransport\", which is not an object"),
                policy(
                        "a Condition operator that is not an object",
                        policyOf(stmtWith(",\"Condition\":{\"Bool\":true}")),
                        "condition \"Bool\" is true, which is not an object of condition keys"),
                policy(
                        "Principal [\"*\"]",
                        policyOf("{\"Effect\":\"Allow\",\"Principal\":[\"*\"],\"Action\":\"ecr:BatchGetImage\"}"),
                        "statement 1's \"Principal\" is [\"*\"], which is no principal"),
                policy(
                        "Principal {}",
                        policyOf("{\"Effect\":\"Allow\",\"Principal\":{},\"Action\":\"ecr:BatchGetImage\"}"),
                        "statement 1's \"Principal\" is {}, which is no principal"),
                policy(
                        "Principal as an ARN string",
                        policyOf("{\"Effect\":\"Allow\",\"Principal\":\"arn:aws:iam::123456789012:root\","
                                + "\"Action\":\"ecr:BatchGetImage\"}"),
                        "which is no principal"),
                policy(
                        "an account ID of 11 digits",
                        policyOf(
                                stmt("\"ecr:BatchGetImage\"").replace("arn:aws:iam::123456789012:root", "12345678901")),
                        "names \"12345678901\", whose account ID \"12345678901\" is not 12 digits"),
                policy(
                        "an ARN whose account ID is not 12 digits",
                        policyOf(stmt("\"ecr:BatchGetImage\"").replace("123456789012", "1234567890123")),
                        "whose account ID \"1234567890123\" is not 12 digits"),
                policy(
                        "an IAM group",
                        policyOf(stmt("\"ecr:BatchGetImage\"").replace(":root", ":group/developers")),
                        "names the IAM group \"arn:aws:iam::123456789012:group/developers\""),
                policy(
                        "an IAM group in NotPrincipal",
                        policyOf(
                                "{\"Effect\":\"Deny\",\"NotPrincipal\":{\"AWS\":\"arn:aws:iam::123456789012:group/ops\"},"
                                        + "\"Action\":\"ecr:DeleteRepository\"}"),
                        "statement 1's \"NotPrincipal\" names the IAM group"),
                // What ECR takes, the checks take too
                policy(
                        "a Sid used twice",
                        "{\"Version\":\"2012-10-17\",\"Statement\":["
                                + stmt("\"ecr:BatchGetImage\"").replace("{", "{\"Sid\":\"Pull\",") + ","
                                + stmt("\"ecr:GetDownloadUrlForLayer\"").replace("{", "{\"Sid\":\"Pull\",") + "]}",
                        "warn:the Sid \"Pull\" is used by more than one statement. ECR accepts it"),
                policy(
                        "a bare account ID, a role, a service and a federated principal",
                        policyOf("{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":[\"123456789012\","
                                + "\"arn:aws:iam::123456789012:role/ci\",\"arn:aws:sts::123456789012:assumed-role/ci/build\"],"
                                + "\"Service\":\"codebuild.amazonaws.com\",\"Federated\":\"cognito-identity.amazonaws.com\"},"
                                + "\"Action\":\"ecr:BatchGetImage\",\"Condition\":{\"StringEquals\":{\"aws:SourceAccount\":"
                                + "\"123456789012\"}}}"),
                        OK),
                policy(
                        "the unique ID ECR holds for a deleted principal",
                        policyOf(stmt("\"ecr:BatchGetImage\"")
                                .replace("arn:aws:iam::123456789012:root", "AIDACKCEVSQ6C2EXAMPLE")),
                        OK),
                policy(
                        "over 10,240 characters as compact JSON",
                        statement("\"ecr:BatchGetImage\"")
                                .replace("\"Version\"", "\"Id\":\"" + "x".repeat(10_300) + "\",\"Version\""),
                        "compact JSON, the form sent to ECR; ECR accepts at most 10240"),
                policy("over 10,240 characters as written, 5,000 as compact JSON", prettyPrinted(150), OK));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("lifecyclePolicies")
    void lifecyclePolicy(String description, String text, String expected) throws Exception {
        if (expected.isEmpty() || expected.startsWith("warn:")) {
            LifecyclePolicy policy = LifecyclePolicy.fromPom(text, "lifecyclePolicy");
            assertWarnings(expected, policy.warnings());
        } else {
            fails("lifecyclePolicy", expected, () -> LifecyclePolicy.fromPom(text, "lifecyclePolicy"));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("repositoryPolicies")
    void repositoryPolicy(String description, String text, String expected) throws Exception {
        if (expected.isEmpty() || expected.startsWith("warn:")) {
            PolicyDocument policy = PolicyDocument.fromPom(text, "policyFile", false);
            assertWarnings(expected, policy.warnings());
        } else {
            fails("policyFile", expected, () -> PolicyDocument.fromPom(text, "policyFile", false));
        }
    }

    private static void assertWarnings(String expected, java.util.List<String> warnings) {
        if (expected.isEmpty()) {
            assertEquals(java.util.List.of(), warnings);
        } else {
            assertEquals(1, warnings.size(), warnings.toString());
            assertTrue(warnings.get(0).contains(expected.substring("warn:".length())), warnings.get(0));
        }
    }

    /** The 150-principal policy as a person writes it: pretty-printed, over ECR's limit as text, not as sent. */
    static String prettyPrinted(int principals) {
        StringBuilder text = new StringBuilder("{\n    \"Version\": \"2012-10-17\",\n    \"Statement\": [\n        {\n"
                + "            \"Sid\": \"AllowPull\",\n            \"Effect\": \"Allow\",\n"
                + "            \"Principal\": {\n                \"AWS\": [\n");
        for (int i = 0; i < principals; i++) {
            // laid out as some editors do, each entry aligned far to the right of its key
            text.append(" ".repeat(44))
                    .append("\"arn:aws:iam::")
                    .append(String.format("%012d", 100_000_000_000L + i))
                    .append(":root\"")
                    .append(i + 1 < principals ? "," : "")
                    .append('\n');
        }
        text.append("                ]\n            },\n            \"Action\": [\n"
                + "                \"ecr:BatchCheckLayerAvailability\",\n                \"ecr:BatchGetImage\",\n"
                + "                \"ecr:GetDownloadUrlForLayer\"\n            ]\n        }\n    ]\n}\n");
        return text.toString();
    }

    @org.junit.jupiter.api.Test
    void thePrettyPrintedPolicyIsOverTheLimitAsTextAndUnderItAsSent() throws Exception {
        String text = prettyPrinted(150);
        assertTrue(text.length() > PolicyDocument.MAX_LENGTH, "as written: " + text.length());
        int sent = PolicyDocument.fromPom(text, "policyFile", false).toJson().length();
        assertTrue(sent < 6_000, "as sent: " + sent);
    }

    private static final String PRINCIPAL = "\"Principal\":{\"AWS\":\"arn:aws:iam::123456789012:root\"}";

    private static String stmt(String actions) {
        return "{\"Effect\":\"Allow\"," + PRINCIPAL + ",\"Action\":" + actions + "}";
    }

    /** A statement that lets one account pull, with {@code extra} elements at its end. */
    private static String stmtWith(String extra) {
        return "{\"Effect\":\"Allow\"," + PRINCIPAL + ",\"Action\":\"ecr:BatchGetImage\"" + extra + "}";
    }

    private static String policyOf(String statement) {
        return "{\"Version\":\"2012-10-17\",\"Statement\":[" + statement + "]}";
    }

    private static String statement(String actions) {
        return policyOf(stmt(actions));
    }

    private static String expire() {
        return "{\"type\":\"expire\"}";
    }

    private static String transition() {
        return "{\"type\":\"transition\",\"targetStorageClass\":\"archive\"}";
    }

    /** The part of a rule's selection that keeps the newest {@code count} images. */
    private static String moreThan(int count) {
        return "\"countType\":\"imageCountMoreThan\",\"countNumber\":" + count;
    }

    /** The part of a rule's selection that counts {@code count} days since an event ({@code countType}). */
    private static String days(String countType, int count) {
        return "\"countType\":\"" + countType + "\",\"countUnit\":\"days\",\"countNumber\":" + count;
    }

    /** Names the archive storage class in a rule's selection; a {@link #days} or {@link #moreThan} follows it. */
    private static final String ARCHIVE = "\"storageClass\":\"archive\",";

    private static String rule(int priority, String tagStatus, String count, String action) {
        return "{\"rulePriority\":" + priority + ",\"description\":\"a rule of the open-world table\","
                + "\"selection\":{\"tagStatus\":\"" + tagStatus + "\"," + count + "},\"action\":" + action + "}";
    }

    private static String rules(String... rules) {
        return "{\"rules\":[" + String.join(",", rules) + "]}";
    }

    /** A row of the lifecycle table; a single {@link #rule} is made a policy of that one rule. */
    private static Arguments lifecycle(String description, String ruleOrPolicy, String expected) {
        String text = ruleOrPolicy.startsWith("{\"rulePriority\"") ? rules(ruleOrPolicy) : ruleOrPolicy;
        return Arguments.of(description, text, expected);
    }

    private static Arguments policy(String description, String text, String expected) {
        return Arguments.of(description, text, expected);
    }
}

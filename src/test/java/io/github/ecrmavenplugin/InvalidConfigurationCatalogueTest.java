package io.github.ecrmavenplugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ecrmavenplugin.emulator.EcrEmulator;
import io.github.ecrmavenplugin.emulator.EmulatorExtension;
import java.io.File;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.apache.maven.plugin.MojoFailureException;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Bad input never reaches AWS: every invalid configuration here runs the real {@code ensure-repository} goal
 * against the emulator and must fail with a {@link MojoFailureException} that names the parameter ({@code <name>})
 * and says what is wrong, while the emulator's call log stays empty.
 *
 * <p>To add a case, add a {@link Case} to one of the groups below (or a new group, listed in {@link #catalogue()}):
 * a description, the parameter the message must name, a fragment of the expected message, and the configuration.
 */
class InvalidConfigurationCatalogueTest {

    /** One emulator for the class, reset per case: one case that reaches AWS fails alone, not every later one. */
    @RegisterExtension
    static final EmulatorExtension emulatorExtension = MojoRunner.withCredentials(
            EmulatorExtension.perClass(EcrEmulator.builder()).beforeEach(EcrEmulator::reset));

    private static final EcrEmulator emulator = emulatorExtension.emulator();

    /**
     * One invalid configuration.
     *
     * @param description what is wrong, shown as the test's name
     * @param parameter   the parameter the message must name, as {@code <parameter>}
     * @param expected    a fragment the message must contain
     * @param configure   sets the goal's parameters on top of a valid configuration
     */
    record Case(String description, String parameter, String expected, Consumer<MojoRunner> configure) {
        @Override
        public String toString() {
            return description;
        }
    }

    static Stream<Case> catalogue() {
        return Stream.of(
                        repositoryNames(),
                        accountsAndConnection(),
                        jib(),
                        policies(),
                        pullPolicies(),
                        conflicts(),
                        retries(),
                        dualStack(),
                        settings(),
                        booleans(),
                        files(),
                        documentText(),
                        lifecycle(),
                        repositoryLists())
                .flatMap(List::stream);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("catalogue")
    void failsNamingTheParameterBeforeAnyCallToAws(Case c) {
        MojoRunner goal = MojoRunner.ensureRepository(emulator);
        c.configure().accept(goal);

        MojoFailureException e = assertThrows(MojoFailureException.class, goal::execute);

        assertTrue(
                e.getMessage().contains("<" + c.parameter() + ">"), "names <" + c.parameter() + ">: " + e.getMessage());
        assertTrue(e.getMessage().contains(c.expected()), "says \"" + c.expected() + "\": " + e.getMessage());
        assertEquals(List.of(), emulator.calls(), "no call reached AWS");
        assertFalse(MojoRunner.messages(e).contains(MojoRunner.SECRET_KEY));
        assertFalse(MojoRunner.messages(e).contains("hunter2"), "the endpoint's password is not repeated");
    }

    // ---- the catalogue ---------------------------------------------------------------------------------------

    static List<Case> repositoryNames() {
        String notValid = "is not a valid ECR repository name";
        return List.of(
                name("uppercase letters", "Team/App", notValid + ". Use lowercase"),
                name("a trailing separator", "app-", notValid),
                name("a leading slash", "/app", notValid),
                name("an empty namespace", "team//app", notValid),
                name("a space", "my app", notValid),
                name("a leading underscore", "_app", notValid),
                name("one character", "a", "has 1 characters; ECR repository names have 2 to 256"),
                name("257 characters", "a".repeat(257), "has 257 characters"),
                name("a blank name", "   ", "no repository name"));
    }

    static List<Case> accountsAndConnection() {
        return List.of(
                invalid("registryId too short", "registryId", "12345", "an account ID is exactly 12 digits"),
                invalid("registryId with a letter", "registryId", "12345678901a", "is not an AWS account ID"),
                invalid("registryId too long", "registryId", "1234567890123", "is not an AWS account ID"),
                invalid(
                        "region in uppercase",
                        "region",
                        "EU-WEST-1",
                        "is not an AWS region code; use one like eu-west-1"),
                invalid("region that is no region", "region", "mars", "is not an AWS region code"),
                invalid("region with underscores", "region", "us_east_1", "is not an AWS region code"),
                invalid("endpoint that is no URL", "endpoint", "not a url", "is not a URL; give the full endpoint"),
                invalid(
                        "endpoint with another scheme",
                        "endpoint",
                        "ftp://api.ecr.eu-west-1.amazonaws.com",
                        "is not a URL"),
                invalid("endpoint without a host", "endpoint", "http://", "is not a URL"),
                invalid(
                        "endpoint with user info",
                        "endpoint",
                        "http://builder:hunter2@127.0.0.1:9/",
                        "the URL holds user information"));
    }

    static List<Case> jib() {
        return List.of(
                jibTag("starting with a dot", ".hidden", "is not a valid image tag"),
                jibTag("with a space", "1.0 final", "is not a valid image tag"),
                jibTag("of 129 characters", "v".repeat(129), "up to 128 letters"));
    }

    static List<Case> policies() {
        String principal = "\"Principal\":{\"AWS\":\"arn:aws:iam::210987654321:root\"}";
        return List.of(
                policy(
                        "policy that is not JSON",
                        "{\"Version\": \"2012-10-17\"",
                        "the policy is not valid JSON: at line 1, column 25, unexpected end-of-input: expected close "
                                + "marker for Object (start marker at line 1, column 1)"),
                policy("policy that is a JSON array", "[]", "must be a JSON object"),
                policy("policy without Version", "{\"Statement\":[]}", "\"Version\" must be \"2012-10-17\""),
                policy(
                        "policy with an unknown Version",
                        "{\"Version\":\"2020-01-01\",\"Statement\":[]}",
                        "\"Version\" must be"),
                policy("policy without Statement", "{\"Version\":\"2012-10-17\"}", "has no \"Statement\""),
                policy(
                        "policy with an empty Statement list",
                        "{\"Version\":\"2012-10-17\",\"Statement\":[]}",
                        "has no \"Statement\""),
                policy(
                        "policy with an unknown top-level element",
                        "{\"Version\":\"2012-10-17\",\"Foo\":1," + "\"Statement\":[]}",
                        "unknown top-level element \"Foo\""),
                statement(
                        "Resource in a repository policy",
                        "\"Effect\":\"Allow\"," + principal + ",\"Action\":\"ecr:BatchGetImage\",\"Resource\":\"*\"",
                        "has a \"Resource\" element"),
                statement(
                        "NotResource in a repository policy",
                        "\"Effect\":\"Allow\"," + principal + ",\"Action\":\"ecr:BatchGetImage\",\"NotResource\":\"*\"",
                        "has a \"Resource\" element"),
                statement(
                        "statement without Effect",
                        principal + ",\"Action\":\"ecr:BatchGetImage\"",
                        "needs \"Effect\": \"Allow\" or \"Deny\""),
                statement(
                        "statement without Principal",
                        "\"Effect\":\"Allow\",\"Action\":\"ecr:BatchGetImage\"",
                        "has no \"Principal\""),
                statement("statement without Action", "\"Effect\":\"Allow\"," + principal, "has no \"Action\""),
                statement(
                        "unknown ECR action",
                        "\"Effect\":\"Allow\"," + principal + ",\"Action\":\"ecr:BatchGetImages\"",
                        "did you mean \"ecr:BatchGetImage\"?"),
                statement(
                        "action that is not a string",
                        "\"Effect\":\"Allow\"," + principal + ",\"Action\":5",
                        "which is not an action"),
                statement(
                        "public principal * without opt-in",
                        "\"Effect\":\"Allow\",\"Principal\":\"*\"," + "\"Action\":\"ecr:BatchGetImage\"",
                        "set <allowPublicAccess>true</allowPublicAccess>"),
                statement(
                        "public principal {AWS: *} without opt-in",
                        "\"Effect\":\"Allow\",\"Principal\":" + "{\"AWS\":\"*\"},\"Action\":\"ecr:BatchGetImage\"",
                        "is public: its principal {\"AWS\":\"*\"} is everyone"),
                statement(
                        "NotPrincipal allow without opt-in",
                        "\"Effect\":\"Allow\",\"NotPrincipal\":"
                                + "{\"AWS\":\"arn:aws:iam::111122223333:root\"},\"Action\":\"ecr:BatchGetImage\"",
                        "it uses \"NotPrincipal\", which allows everyone but the principals it lists"),
                statement(
                        "public principal with a condition that does not narrow who",
                        "\"Effect\":\"Allow\","
                                + "\"Principal\":\"*\",\"Action\":\"ecr:BatchGetImage\",\"Condition\":{\"Bool\":"
                                + "{\"aws:SecureTransport\":\"true\"}}",
                        "its condition pins none of the keys"),
                sourceIpStatement(
                        "public principal with all of IPv4 in two halves",
                        "IpAddress",
                        "[\"0.0.0.0/1\",\"128.0.0.0/1\"]",
                        "is public: its principal is \"*\" (everyone), and its condition pins none of the keys"),
                sourceIpStatement(
                        "public principal with IPv6 ::/1", "IpAddress", "\"::/1\"", "\"::/1\" is broader than /32"),
                sourceIpStatement(
                        "public principal with ::ffff:0:0/95, all of IPv4 mapped",
                        "IpAddress",
                        "\"::ffff:0:0/95\"",
                        "\"::ffff:0:0/95\" holds every IPv4 address, as the IPv4-mapped IPv6 addresses ::ffff:0:0/96"),
                sourceIpStatement(
                        "public principal with ::/80, all of IPv4 mapped",
                        "IpAddress",
                        "\"::/80\"",
                        "\"::/80\" holds every IPv4 address"),
                sourceIpStatement(
                        "public principal with 2000::/3", "IpAddress", "\"2000::/3\"", "is broader than /32 (IPv6)"),
                sourceIpStatement(
                        "public principal with 16.0.0.0/4", "IpAddress", "\"16.0.0.0/4\"", "is broader than /8 (IPv4)"),
                sourceIpStatement(
                        "public principal with aws:SourceIp under StringEquals",
                        "StringEquals",
                        "\"203.0.113.0/24\"",
                        "only IpAddress compares addresses"),
                sourceIpStatement(
                        "source IP 0.0.0.0/00",
                        "IpAddress",
                        "\"0.0.0.0/00\"",
                        "compares aws:SourceIp under IpAddress with \"0.0.0.0/00\", which is not an IP address or CIDR "
                                + "range"),
                sourceIpStatement(
                        "source IP with a trailing space",
                        "IpAddress",
                        "[\"203.0.113.0/24\",\"0.0.0.0/0 \"]",
                        "with \"0.0.0.0/0 \", which is not an IP address"),
                sourceIpStatement(
                        "source IP prefix /33 under NotIpAddress",
                        "NotIpAddress",
                        "\"203.0.113.0/33\"",
                        "with \"203.0.113.0/33\", which is not an IP address"),
                statement(
                        "Action with NotAction",
                        "\"Effect\":\"Allow\"," + principal
                                + ",\"Action\":\"ecr:BatchGetImage\",\"NotAction\":\"ecr:PutImage\"",
                        "has both \"Action\" and \"NotAction\""),
                statement(
                        "Principal with NotPrincipal",
                        "\"Effect\":\"Deny\"," + principal + ",\"NotPrincipal\":{\"AWS\":\"210987654321\"},"
                                + "\"Action\":\"ecr:DeleteRepository\"",
                        "has both \"Principal\" and \"NotPrincipal\""),
                statement(
                        "a Condition that is not an object",
                        "\"Effect\":\"Allow\"," + principal + ",\"Action\":\"ecr:BatchGetImage\",\"Condition\":[]",
                        "has the \"Condition\" [], which is not an object"),
                statement(
                        "Principal [\"*\"]",
                        "\"Effect\":\"Allow\",\"Principal\":[\"*\"],\"Action\":\"ecr:BatchGetImage\"",
                        "\"Principal\" is [\"*\"], which is no principal"),
                statement(
                        "Principal {}",
                        "\"Effect\":\"Allow\",\"Principal\":{},\"Action\":\"ecr:BatchGetImage\"",
                        "\"Principal\" is {}, which is no principal"),
                statement(
                        "an account ID of 11 digits",
                        "\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"21098765432\"},\"Action\":\"ecr:BatchGetImage\"",
                        "whose account ID \"21098765432\" is not 12 digits"),
                statement(
                        "an IAM group principal",
                        "\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"arn:aws:iam::210987654321:group/devs\"},"
                                + "\"Action\":\"ecr:BatchGetImage\"",
                        "names the IAM group \"arn:aws:iam::210987654321:group/devs\""),
                statement(
                        "an unknown statement element",
                        "\"Effect\":\"Allow\"," + principal + ",\"Action\":\"ecr:BatchGetImage\",\"Conditions\":{}",
                        "has the element \"Conditions\", which a policy statement does not have (did you mean "
                                + "\"Condition\"?)"),
                statement(
                        "a Deny of ecr:* to everyone",
                        "\"Sid\":\"NoOne\",\"Effect\":\"Deny\",\"Principal\":\"*\",\"Action\":\"ecr:*\"",
                        "statement \"NoOne\" denies ecr:SetRepositoryPolicy to everyone (\"*\"): once ECR holds it, "
                                + "nobody can change the policy again"),
                new Case(
                        "a Deny of ecr:Set* to the account registryId names",
                        "policy",
                        "statement 1 denies ecr:SetRepositoryPolicy to the whole account 123456789012, the "
                                + "registry's (<registryId>): once ECR holds it, no one in that account can change the "
                                + "policy again, and ECR refuses it unless told to force it",
                        g -> g.set("registryId", "123456789012")
                                .set(
                                        "policy",
                                        "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Deny\","
                                                + "\"Principal\":{\"AWS\":\"arn:aws:iam::123456789012:root\"},"
                                                + "\"Action\":[\"ecr:BatchGetImage\",\"ecr:Set*\"]}]}")),
                statement(
                        "a Deny of ecr:* to everyone with an empty Condition",
                        "\"Sid\":\"NoOne\",\"Effect\":\"Deny\",\"Principal\":\"*\",\"Action\":\"ecr:*\","
                                + "\"Condition\":{}",
                        "statement \"NoOne\" denies ecr:SetRepositoryPolicy to everyone (\"*\")"),
                statement(
                        "a Deny of ecr:* to everyone with a condition of no key",
                        "\"Sid\":\"NoOne\",\"Effect\":\"Deny\",\"Principal\":\"*\",\"Action\":\"ecr:*\","
                                + "\"Condition\":{\"StringEquals\":{}}",
                        "statement \"NoOne\" denies ecr:SetRepositoryPolicy to everyone (\"*\")"),
                statement(
                        "a Deny of everything but pulls to everyone",
                        "\"Effect\":\"Deny\",\"Principal\":{\"AWS\":\"*\"},\"NotAction\":\"ecr:BatchGetImage\"",
                        "set <allowLockOut>true</allowLockOut> (-Decr.allowLockOut=true)"),
                policy(
                        "policy over ECR's 10240 characters",
                        "{\"Version\":\"2012-10-17\",\"Statement\":[{"
                                + "\"Effect\":\"Allow\"," + principal + ",\"Action\":\"ecr:BatchGetImage\"}],"
                                + "\"Id\":\"" + "x".repeat(10_300) + "\"}",
                        "ECR accepts at most 10240"),
                invalid(
                        "policyFile that does not exist",
                        "policyFile",
                        new File("target/no-such-policy.json"),
                        "does not exist; check the path"));
    }

    static List<Case> pullPolicies() {
        return List.of(
                invalid(
                        "pullPolicy naming nobody",
                        "pullPolicy",
                        pullPolicy(List.of(), List.of(), List.of(), List.of()),
                        "names nobody"),
                pullPolicyList(
                        "lambda account of 11 digits", "lambdaAccounts", "21098765432", "is not an AWS account ID"),
                pullPolicyList("account of 11 digits", "accounts", "21098765432", "is not an AWS account ID"),
                pullPolicyList("empty <account/>", "accounts", null, "is not an AWS account ID"),
                pullPolicyList("principal that is no ARN", "principals", "deployer", "is not an IAM principal ARN"),
                pullPolicyList(
                        "principal ARN of another service",
                        "principals",
                        "arn:aws:s3:::bucket",
                        "is not an IAM principal ARN"),
                pullPolicyList(
                        "principal * without opt-in", "principals", "*", "lets every AWS account in the world pull"),
                pullPolicyList(
                        "organization ID malformed", "organizations", "org-123", "is not an AWS Organizations ID"),
                pullPolicyList(
                        "service that is no service principal",
                        "services",
                        "lambda",
                        "is not an AWS service principal"));
    }

    static List<Case> conflicts() {
        String valid = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":"
                + "\"arn:aws:iam::210987654321:root\"},\"Action\":\"ecr:BatchGetImage\"}]}";
        return List.of(
                new Case(
                        "policy and pullPolicy together",
                        "policy",
                        "one way only",
                        g -> g.set("policy", valid)
                                .set(
                                        "pullPolicy",
                                        pullPolicy(List.of("210987654321"), List.of(), List.of(), List.of()))),
                new Case(
                        "policy and policyFile together",
                        "policy",
                        "one way only",
                        g -> g.set("policy", valid).set("policyFile", new File("pom.xml"))));
    }

    /** Dual-stack: the SDK picks ECR's dual-stack endpoints itself, and refuses one of one's own with it. */
    static List<Case> dualStack() {
        return List.of(
                new Case(
                        "dual-stack with an endpoint of one's own",
                        "dualStack",
                        "the SDK does not combine an endpoint of one's own with dual-stack. Remove <endpoint>",
                        g -> g.set("dualStack", "true")),
                new Case(
                        "dual-stack with a FIPS endpoint",
                        "dualStack",
                        "For FIPS over dual-stack, remove <endpoint> and set AWS_USE_FIPS_ENDPOINT=true",
                        g -> g.set("dualStack", "true").set("endpoint", "https://ecr-fips.us-east-1.amazonaws.com")));
    }

    static List<Case> retries() {
        return List.of(
                invalid("maxAttempts 0", "maxAttempts", 0, "is out of range; give 1 (no retries) to 20"),
                invalid("maxAttempts 21", "maxAttempts", 21, "is out of range"),
                invalid("timeout that is no duration", "timeout", "soon", "is not a duration; give seconds (90)"),
                invalid("timeout of zero", "timeout", "0", "is out of range; give 1 second to 30 minutes"),
                invalid("negative timeout", "timeout", "-5", "is not a duration"),
                invalid("timeout over 30 minutes", "timeout", "PT2H", "is out of range"));
    }

    static List<Case> settings() {
        return List.of(
                invalid("unknown tag mutability", "imageTagMutability", "READ_ONLY", "is not a tag mutability"),
                new Case(
                        "exclusion filters with IMMUTABLE",
                        "imageTagMutabilityExclusionFilters",
                        "exclusion filters go with IMMUTABLE_WITH_EXCLUSION or MUTABLE_WITH_EXCLUSION only",
                        g -> g.set("imageTagMutability", "IMMUTABLE")
                                .set("imageTagMutabilityExclusionFilters", List.of("latest"))),
                new Case(
                        "WITH_EXCLUSION mode without filters",
                        "imageTagMutabilityExclusionFilters",
                        "needs at least one filter",
                        g -> g.set("imageTagMutability", "MUTABLE_WITH_EXCLUSION")),
                new Case(
                        "six exclusion filters",
                        "imageTagMutabilityExclusionFilters",
                        "filters given; ECR takes",
                        g -> g.set("imageTagMutability", "IMMUTABLE_WITH_EXCLUSION")
                                .set("imageTagMutabilityExclusionFilters", List.of("a", "b", "c", "d", "e", "f"))),
                invalid("unknown encryption", "encryption", "DES", "is not an encryption type"),
                new Case(
                        "KMS key with AES256",
                        "kmsKey",
                        "not AES256",
                        g -> g.set("encryption", "AES256").set("kmsKey", "alias/mine")),
                invalid(
                        "KMS key without encryption",
                        "kmsKey",
                        "alias/mine",
                        "a KMS key needs <encryption>KMS</encryption>"),
                invalid("reserved tag key", "tags", Map.of("aws:team", "payments"), "which AWS reserves for itself"),
                new Case("51 tags", "tags", "tags given; an ECR repository holds at most", g -> {
                    Map<String, String> tags = new java.util.HashMap<>();
                    for (int i = 0; i < 51; i++) {
                        tags.put("key" + i, "value");
                    }
                    g.set("tags", tags);
                }),
                invalid(
                        "oversize tag value",
                        "tags",
                        Map.of("team", "x".repeat(257)),
                        "the value of tag \"team\" is not valid"),
                invalid("unknown policy mode", "policyMode", "append", "merge"),
                invalid(
                        "unknown creation template choice",
                        "creationTemplate",
                        "apply",
                        "\"apply\" is not a choice; use follow (create a missing repository as the registry's "
                                + "creation template would, the default) or ignore"));
    }

    /**
     * Boolean parameters take true or false only: Maven alone reads any other text as false, so a read-only run
     * asked for with {@code -Decr.plan=yes} would write (here it would create the repository).
     */
    static List<Case> booleans() {
        String neither = "is neither true nor false";
        return List.of(
                invalid("plan yes", "plan", "yes", "\"yes\" " + neither),
                invalid("failOnDrift 1", "failOnDrift", "1", "\"1\" " + neither),
                invalid("plan empty", "plan", "", "\"\" " + neither),
                invalid("skip on", "skip", "on", "\"on\" " + neither),
                invalid("createIfMissing no", "createIfMissing", "no", "\"no\" " + neither),
                invalid("jibImage y", "jibImage", "y", "\"y\" " + neither),
                invalid("jibAuth 0", "jibAuth", "0", "\"0\" " + neither),
                invalid("failWhenOffline off", "failWhenOffline", "off", "\"off\" " + neither),
                invalid("scanOnPush enabled", "scanOnPush", "enabled", "\"enabled\" " + neither),
                invalid("purgeTags yes", "purgeTags", "yes", "\"yes\" " + neither),
                invalid("allowPublicAccess 1", "allowPublicAccess", "1", "\"1\" " + neither),
                invalid("allowLockOut maybe", "allowLockOut", "maybe", "\"maybe\" " + neither),
                invalid("dualStack ipv6", "dualStack", "ipv6", "\"ipv6\" " + neither),
                new Case("scanOnPush of a listed repository", "repositories[1]/scanOnPush", neither, g -> {
                    RepositoryParameters repository = repository("team/api");
                    repository.scanOnPush = "ja";
                    g.set("repositories", List.of(repository));
                }));
    }

    /** Files the goal writes: a directory is no file, and "/" has no parent to write one into. */
    static List<Case> files() {
        return List.of(
                new Case(
                        "planFile /",
                        "planFile",
                        "/ is a directory; the goal writes a file there. Give a file, e.g. target/ecr-plan.json",
                        g -> g.set("plan", true).set("planFile", new File("/"))),
                new Case(
                        "planFile a directory, with failOnDrift",
                        "planFile",
                        "is a directory",
                        g -> g.set("failOnDrift", true).set("planFile", new File("src"))),
                new Case(
                        "planFile under a file",
                        "planFile",
                        "cannot write pom.xml/plan.json: a part of its path, " + new File("pom.xml").getAbsolutePath()
                                + ", is a file, not a directory. Give a file in a directory, e.g. "
                                + "target/ecr-plan.json",
                        g -> g.set("plan", true).set("planFile", new File("pom.xml/plan.json"))),
                new Case(
                        "planFile two levels under a file, with failOnDrift",
                        "planFile",
                        "is a file, not a directory",
                        g -> g.set("failOnDrift", true).set("planFile", new File("pom.xml/a/plan.json"))));
    }

    static List<Case> lifecycle() {
        return List.of(
                invalid("lifecycle policy that is not JSON", "lifecyclePolicy", "{\"rules\": [", "not valid JSON"),
                invalid(
                        "lifecycle policy without rules",
                        "lifecyclePolicy",
                        "{\"rules\": []}",
                        "needs a non-empty \"rules\" array"),
                invalid(
                        "lifecycle rule without rulePriority",
                        "lifecyclePolicy",
                        "{\"rules\":[{\"selection\":{"
                                + "\"tagStatus\":\"any\",\"countType\":\"imageCountMoreThan\",\"countNumber\":5},"
                                + "\"action\":{\"type\":\"expire\"}}]}",
                        "rulePriority"),
                invalid(
                        "lifecycle rule with tagPrefixList and tagPatternList",
                        "lifecyclePolicy",
                        lifecycleRule("\"tagStatus\":\"tagged\",\"tagPrefixList\":[\"v\"],\"tagPatternList\":[\"v*\"],"
                                + "\"countType\":\"imageCountMoreThan\",\"countNumber\":5"),
                        "rule 1 has both \"tagPrefixList\" and \"tagPatternList\""),
                invalid(
                        "lifecycle rule with an unknown key",
                        "lifecyclePolicy",
                        lifecycleRule("\"tagStatus\":\"any\",\"countType\":\"imageCountMoreThan\",\"countNumber\":5,"
                                + "\"tagStatuses\":[\"any\"]"),
                        "rule 1's selection has the key \"tagStatuses\""),
                invalid(
                        "lifecycle rule with a null value",
                        "lifecyclePolicy",
                        lifecycleRule("\"tagStatus\":\"any\",\"countType\":\"imageCountMoreThan\",\"countNumber\":5,"
                                + "\"countUnit\":null"),
                        "has \"countUnit\": null, which ECR refuses"),
                invalid(
                        "lifecycle rule with rulePriority 1.5",
                        "lifecyclePolicy",
                        lifecycleRule("\"tagStatus\":\"any\",\"countType\":\"imageCountMoreThan\",\"countNumber\":5")
                                .replace("\"rulePriority\":1", "\"rulePriority\":1.5"),
                        "the rulePriority of a rule must be a whole number from 1 to 2147483647, found 1.5"),
                invalid(
                        "lifecycle rule with rulePriority beyond ECR's 32-bit integer",
                        "lifecyclePolicy",
                        lifecycleRule("\"tagStatus\":\"any\",\"countType\":\"imageCountMoreThan\",\"countNumber\":5")
                                .replace("\"rulePriority\":1", "\"rulePriority\":2147483648"),
                        "the rulePriority of a rule must be a whole number from 1 to 2147483647, found 2147483648"),
                invalid(
                        "lifecycle rule with countNumber 0E+3",
                        "lifecyclePolicy",
                        lifecycleRule("\"tagStatus\":\"any\",\"countType\":\"imageCountMoreThan\",\"countNumber\":0e3"),
                        "<lifecyclePolicy>: rule 1's countNumber must be a whole number of 1 or more, found 0E+3"),
                invalid(
                        "lifecycle rule with a countNumber a billion digits long",
                        "lifecyclePolicy",
                        lifecycleRule(
                                "\"tagStatus\":\"any\",\"countType\":\"imageCountMoreThan\",\"countNumber\":1e999999999"),
                        "has more digits written out than ECR accepts for the whole lifecycle policy (30720 "
                                + "characters)"),
                tagList("tagPrefixList", "[]", "rule 1's \"tagPrefixList\" is empty, which ECR refuses"),
                tagList("tagPatternList", "[]", "rule 1's \"tagPatternList\" is empty, which ECR refuses"),
                tagList("tagPrefixList", "[\"\"]", "rule 1's \"tagPrefixList\" holds \"\", which ECR refuses"),
                tagList("tagPatternList", "[1]", "rule 1's \"tagPatternList\" holds 1, which ECR refuses"),
                tagList(
                        "tagPrefixList",
                        "\"v\"",
                        "rule 1's \"tagPrefixList\" is \"v\", which is not a list; ECR takes a list of tags"),
                tagList(
                        "tagPatternList",
                        "[\"v*\",\"test*1*2*3*4*5*6\"]",
                        "rule 1's tag pattern \"test*1*2*3*4*5*6\" has 6 wildcards (*); ECR allows at most 4"),
                new Case(
                        "lifecycleRules pattern with five wildcards",
                        "lifecycleRules[1]/tagPatterns",
                        "\"a*b*c*d*e*\" has 5 wildcards (*); ECR allows at most 4",
                        g -> g.set("lifecycleRules", List.of(lifecycleRule(List.of("a*b*c*d*e*"))))),
                invalid(
                        "lifecycle file that does not exist",
                        "lifecyclePolicyFile",
                        new File("no-such-lifecycle.json"),
                        "does not exist; check the path"),
                new Case(
                        "lifecycle JSON and file together",
                        "lifecyclePolicy",
                        "one way only",
                        g -> g.set("lifecyclePolicy", "{\"rules\": []}")
                                .set("lifecyclePolicyFile", new File("pom.xml"))));
    }

    /** Policy and lifecycle documents whose text is not one JSON value in UTF-8. */
    static List<Case> documentText() {
        String principal = "\"Principal\":{\"AWS\":\"arn:aws:iam::210987654321:root\"}";
        return List.of(
                policy(
                        "policy with -Infinity",
                        "{\"Version\":-Infinity}",
                        "the policy is not valid JSON: at line 1, column 21, -Infinity is not a JSON number (JSON has "
                                + "no NaN or Infinity); write a number, or a string in quotes"),
                policy(
                        "policy with a comment",
                        "/* pulls */ {\"Version\":\"2012-10-17\"}",
                        "the policy is not valid JSON: at line 1, column 1, a comment starts here, and JSON has none: "
                                + "what is sent to ECR would differ from the file. Remove it"),
                policy(
                        "policy followed by a second document and text",
                        "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\"," + principal
                                + ",\"Action\":\"ecr:BatchGetImage\"}]}\n  {\"x\":1} garbage",
                        "the policy is not valid JSON: at line 2, column 3, more text follows the end of the JSON "
                                + "value: \"{\\\"x\\\":1} garbage\". A document is one JSON value; remove what follows it"),
                policy(
                        "policy followed by a line comment",
                        "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\"," + principal
                                + ",\"Action\":\"ecr:BatchGetImage\"}]} // pulls",
                        "more text follows the end of the JSON value: \"// pulls\""),
                policy(
                        "policy nested too deep",
                        "[".repeat(1001) + "]".repeat(1001),
                        "the policy is not valid JSON: it is too large to read: objects and arrays nest more than 1000 "
                                + "deep"),
                fileOf(
                        "policyFile",
                        "a policy file in Latin-1",
                        "{\"Version\":\"2012-10-17\",\"Id\":\"caf\u00e9\"}".getBytes(StandardCharsets.ISO_8859_1),
                        "is not UTF-8 text, which JSON is: the byte 0xE9 at "
                                + "offset 33 is not valid UTF-8 there, as in Latin-1 or Windows-1252 text. Save it as UTF-8"),
                fileOf(
                        "policyFile",
                        "a policy file in UTF-16 with a byte-order mark",
                        "{\"Version\":\"2012-10-17\"}".getBytes(StandardCharsets.UTF_16),
                        "is not UTF-8 text, which JSON is: it starts with the byte-order mark of UTF-16. Save it as UTF-8"),
                fileOf(
                        "lifecyclePolicyFile",
                        "a lifecycle file in UTF-16 without a byte-order mark",
                        "{\"rules\":[]}".getBytes(StandardCharsets.UTF_16LE),
                        "is not UTF-8 text, which JSON is: it holds zero bytes (the first at offset 1), as UTF-16 text "
                                + "does. Save it as UTF-8"));
    }

    static List<Case> repositoryLists() {
        return List.of(
                new Case(
                        "the same repository twice",
                        "repositories[2]/name",
                        "is listed twice",
                        g -> g.set("repositories", List.of(repository("team/api"), repository("team/api")))),
                new Case(
                        "an invalid name in the list",
                        "repositories[1]/name",
                        "is not a valid ECR repository name",
                        g -> g.set("repositories", List.of(repository("Team/API")))));
    }

    private static RepositoryParameters repository(String name) {
        RepositoryParameters repository = new RepositoryParameters();
        repository.name = name;
        return repository;
    }

    // ---- helpers ---------------------------------------------------------------------------------------------

    /** A case that gives {@code parameter} the invalid {@code value}; the message must name that parameter. */
    private static Case invalid(String description, String parameter, Object value, String expected) {
        return new Case(description, parameter, expected, g -> g.set(parameter, value));
    }

    /**
     * A case whose {@code <pullPolicy>} lists one invalid {@code entry} (null: an empty element) in its {@code list}
     * and nothing else; the message must name {@code pullPolicy/list}.
     */
    private static Case pullPolicyList(String description, String list, String entry, String expected) {
        return new Case("pullPolicy " + description, "pullPolicy/" + list, expected, g -> {
            PullPolicyParameters pullPolicy = pullPolicy(List.of(), List.of(), List.of(), List.of());
            setField(pullPolicy, list, Arrays.asList(entry));
            g.set("pullPolicy", pullPolicy);
        });
    }

    private static Case name(String what, String name, String expected) {
        return invalid("repositoryName with " + what, "repositoryName", name, expected);
    }

    /** A case where Jib is on (it reads {@code jibTag}) and {@code jibTag} is {@code tag}. */
    private static Case jibTag(String what, String tag, String expected) {
        return new Case(
                "jibTag " + what,
                "jibTag",
                expected,
                g -> g.set("jibImage", true).set("jibTag", tag));
    }

    /** A lifecycle policy of one expiring rule of priority 1 with this {@code selection}. */
    /** A rule for tagged images whose {@code key} (tagPrefixList or tagPatternList) is {@code value}. */
    private static Case tagList(String key, String value, String expected) {
        return invalid(
                "lifecycle rule with \"" + key + "\": " + value,
                "lifecyclePolicy",
                lifecycleRule("\"tagStatus\":\"tagged\",\"" + key + "\":" + value
                        + ",\"countType\":\"imageCountMoreThan\",\"countNumber\":5"),
                expected);
    }

    private static String lifecycleRule(String selection) {
        return "{\"rules\":[{\"rulePriority\":1,\"description\":\"a rule of the catalogue\",\"selection\":{" + selection
                + "},\"action\":{\"type\":\"expire\"}}]}";
    }

    private static Case policy(String description, String json, String expected) {
        return invalid(description, "policy", json, expected);
    }

    /** A statement for everyone that compares aws:SourceIp with {@code values} under {@code operator}. */
    private static Case sourceIpStatement(String description, String operator, String values, String expected) {
        return statement(
                description,
                "\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"ecr:BatchGetImage\",\"Condition\":{\"" + operator
                        + "\":{\"aws:SourceIp\":" + values + "}}",
                expected);
    }

    private static Case statement(String description, String statement, String expected) {
        return policy(description, "{\"Version\":\"2012-10-17\",\"Statement\":[{" + statement + "}]}", expected);
    }

    /** A case whose {@code parameter} names a temporary file holding {@code bytes}. */
    private static Case fileOf(String parameter, String description, byte[] bytes, String expected) {
        return new Case(description, parameter, expected, g -> {
            try {
                java.nio.file.Path file = java.nio.file.Files.createTempFile("catalogue", ".json");
                file.toFile().deleteOnExit();
                java.nio.file.Files.write(file, bytes);
                g.set(parameter, file.toFile());
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
    }

    /** A {@code <pullPolicy>} element as Maven would build it from the POM. */
    static PullPolicyParameters pullPolicy(
            List<String> accounts, List<String> principals, List<String> organizations, List<String> services) {
        PullPolicyParameters parameters = new PullPolicyParameters();
        setField(parameters, "accounts", accounts);
        setField(parameters, "principals", principals);
        setField(parameters, "organizations", organizations);
        setField(parameters, "services", services);
        return parameters;
    }

    /** A {@code <lifecycleRules><rule>} keeping the last 5 images tagged by {@code patterns}. */
    private static LifecycleRuleParameters lifecycleRule(List<String> patterns) {
        LifecycleRuleParameters rule = new LifecycleRuleParameters();
        setField(rule, "tagPatterns", patterns);
        setField(rule, "keepLast", 5);
        return rule;
    }

    private static void setField(Object target, String name, Object value) {
        try {
            Field field = target.getClass().getDeclaredField(name);
            field.setAccessible(true);
            field.set(target, value);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }
}

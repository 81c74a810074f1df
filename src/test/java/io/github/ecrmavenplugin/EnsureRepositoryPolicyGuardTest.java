package io.github.ecrmavenplugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ecrmavenplugin.emulator.EcrEmulator;
import io.github.ecrmavenplugin.emulator.EmulatorCall;
import io.github.ecrmavenplugin.emulator.EmulatorExtension;
import java.util.List;
import org.apache.maven.plugin.MojoFailureException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** What the goal says about the policy ECR holds, through the real mojo against the emulator. */
class EnsureRepositoryPolicyGuardTest {

    private static final String OWN = """
            {"Sid":"AllowPull","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::210987654321:root"},\
            "Action":["ecr:BatchCheckLayerAvailability","ecr:BatchGetImage","ecr:GetDownloadUrlForLayer"]}""";
    private static final String PUBLIC = """
            {"Sid":"Mirror","Effect":"Allow","Principal":"*","Action":["ecr:BatchGetImage"]}""";

    @RegisterExtension
    final EmulatorExtension emulatorExtension =
            MojoRunner.withCredentials(EmulatorExtension.perTest(EcrEmulator.builder()));

    private final EcrEmulator emulator = emulatorExtension.emulator();

    private MojoRunner merge() {
        return MojoRunner.ensureRepository(emulator)
                .set("policyMode", "merge")
                .set(
                        "pullPolicy",
                        InvalidConfigurationCatalogueTest.pullPolicy(
                                List.of("210987654321"), List.of(), List.of(), List.of()));
    }

    private MojoRunner replace() {
        return MojoRunner.ensureRepository(emulator)
                .set(
                        "pullPolicy",
                        InvalidConfigurationCatalogueTest.pullPolicy(
                                List.of("210987654321"), List.of(), List.of(), List.of()));
    }

    private List<String> writes() {
        return emulator.calls().stream()
                .map(EmulatorCall::operation)
                .filter(op -> !op.startsWith("Get") && !op.startsWith("Describe") && !op.startsWith("List"))
                .toList();
    }

    @Test
    void aPublicStatementThatNeedsNoWriteIsAWarning() throws Exception {
        emulator.seedRepository("app");
        emulator.seedPolicy(
                "app",
                EcrEmulator.ecrFormattedPolicy(
                        "{\"Version\":\"2012-10-17\",\"Statement\":[" + PUBLIC + "," + OWN + "]}"));
        MojoRunner goal = merge();

        goal.execute();

        assertEquals(List.of(), writes());
        assertTrue(
                goal.log()
                        .contains("[WARNING] ECR repository app: the statement \"Mirror\" of the policy in ECR, "
                                + "which the plugin keeps, is public: its principal is \"*\" (everyone), with no condition. Either "
                                + "set <allowPublicAccess>true</allowPublicAccess> (-Decr.allowPublicAccess) if the repository is "
                                + "meant to be public, or remove or narrow that statement in ECR (or declare a statement with its "
                                + "Sid in the POM, which then owns and replaces it)"),
                goal::logText);
        assertTrue(goal.logText().contains("[INFO] ECR repository app up to date"), goal::logText);
    }

    @Test
    void aPublicStatementThatWouldBeWrittenFailsTheBuildBeforeAnyWrite() {
        emulator.seedRepository("app");
        emulator.seedPolicy("app", "{\"Version\":\"2012-10-17\",\"Statement\":[" + PUBLIC + "]}");
        MojoFailureException e = assertThrows(MojoFailureException.class, merge()::execute);
        assertTrue(
                e.getMessage().startsWith("ECR repository app: nothing was written. The statement \"Mirror\""),
                e.getMessage());
        assertEquals(List.of(), writes());
    }

    @Test
    void aForeignStatementOpenToAllOfIpv4InTwoHalvesIsPublicInMergeMode() {
        String halves = """
                {"Sid":"Office","Effect":"Allow","Principal":"*","Action":["ecr:BatchGetImage"],\
                "Condition":{"IpAddress":{"aws:SourceIp":["0.0.0.0/1","128.0.0.0/1"]}}}""";
        emulator.seedRepository("app");
        emulator.seedPolicy("app", "{\"Version\":\"2012-10-17\",\"Statement\":[" + halves + "]}");

        MojoFailureException e = assertThrows(MojoFailureException.class, merge()::execute);

        assertTrue(
                e.getMessage()
                        .startsWith("ECR repository app: nothing was written. The statement \"Office\" of the policy "
                                + "in ECR, which the plugin keeps, is public: its principal is \"*\" (everyone), and its "
                                + "condition pins none of the keys"),
                e.getMessage());
        assertTrue(
                e.getMessage()
                        .contains(
                                "aws:SourceIp under IpAddress limits nothing: \"0.0.0.0/1\" is broader than /8 (IPv4)"),
                e.getMessage());
        assertEquals(List.of(), writes());
    }

    @Test
    void aPomStatementOpenToAllOfIpv6IsRefusedInReplaceModeBeforeAnyCall() {
        MojoRunner goal = MojoRunner.ensureRepository(emulator).set("policy", """
                {"Version":"2012-10-17","Statement":[{"Sid":"Office","Effect":"Allow","Principal":"*",\
                "Action":["ecr:BatchGetImage"],"Condition":{"IpAddress":{"aws:SourceIp":["::/1","8000::/1"]}}}]}""");

        MojoFailureException e = assertThrows(MojoFailureException.class, goal::execute);

        assertTrue(
                e.getMessage()
                        .startsWith("<policy>: statement \"Office\" is public: its principal is \"*\" (everyone)"),
                e.getMessage());
        assertTrue(e.getMessage().contains("\"::/1\" is broader than /32 (IPv6)"), e.getMessage());
        assertEquals(List.of(), emulator.calls());
    }

    /** Everyone, written in the forms IAM reads as everyone or that pin nobody: each refused before any call. */
    @org.junit.jupiter.params.ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.ValueSource(
            strings = {
                "\"Principal\":{\"AWS\":[\"*\"]}",
                "\"Principal\":{\"AWS\":\"arn:aws:iam::*:root\"}",
                "\"Principal\":{\"CanonicalUser\":\"*\"}",
                "\"Principal\":{\"Federated\":\"*\"}",
                "\"NotPrincipal\":{\"AWS\":\"arn:aws:iam::210987654321:root\"}",
                "\"Principal\":\"*\",\"Condition\":{\"StringEqualsIfExists\":{\"aws:PrincipalOrgID\":\"o-abcd123456\"}}",
                "\"Principal\":\"*\",\"Condition\":{\"ForAnyValue:StringLike\":{\"aws:PrincipalOrgID\":\"*\"}}",
                "\"Principal\":\"*\",\"Condition\":{\"StringLike\":{\"aws:PrincipalOrgID\":\"o-*\"}}",
                "\"Principal\":\"*\",\"Condition\":{\"ForAllValues:StringEquals\":{\"aws:PrincipalOrgID\":\"o-abcd123456\"}}",
                "\"Principal\":\"*\",\"Condition\":{\"StringNotEquals\":{\"aws:PrincipalOrgID\":\"o-abcd123456\"}}",
                "\"Principal\":\"*\",\"Condition\":{\"NotIpAddress\":{\"aws:SourceIp\":\"203.0.113.0/24\"}}",
                "\"Principal\":\"*\",\"Condition\":{\"Null\":{\"aws:PrincipalOrgID\":\"false\"}}",
                "\"Principal\":\"*\",\"Condition\":{\"Bool\":{\"aws:SecureTransport\":\"true\"}}",
                "\"Principal\":\"*\",\"Condition\":{\"StringEquals\":{\"aws:PrincipalOrgID\":\"${aws:PrincipalOrgID}\"}}"
            })
    void everyoneInAnyFormIsRefusedBeforeAnyCall(String whom) {
        MojoRunner goal = MojoRunner.ensureRepository(emulator)
                .set(
                        "policy",
                        "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"Open\",\"Effect\":\"Allow\"," + whom
                                + ",\"Action\":[\"ecr:BatchGetImage\"]}]}");

        MojoFailureException e = assertThrows(MojoFailureException.class, goal::execute);

        assertTrue(e.getMessage().startsWith("<policy>: statement \"Open\" is public"), e.getMessage());
        assertEquals(List.of(), emulator.calls());
    }

    /** A statement under Lambda's Sid that grants ecr:* to an account nobody named. */
    private static final String NAMED_LIKE_LAMBDA = """
            {"Sid":"LambdaECRImageRetrievalPolicy","Effect":"Allow",\
            "Principal":{"AWS":"arn:aws:iam::999988887777:root"},"Action":"ecr:*"}""";

    @Test
    void failOnDriftReportsAStatementThatOnlyHasLambdasNameAndWritesNothing() {
        emulator.seedRepository("app");
        emulator.seedPolicy(
                "app",
                EcrEmulator.ecrFormattedPolicy(
                        "{\"Version\":\"2012-10-17\",\"Statement\":[" + OWN + "," + NAMED_LIKE_LAMBDA + "]}"));
        MojoRunner goal = replace().set("failOnDrift", true);

        MojoFailureException e = assertThrows(MojoFailureException.class, goal::execute);

        assertTrue(e.getMessage().startsWith("ECR differs from the POM for 1 of 1 repository"), e.getMessage());
        assertTrue(
                goal.log().stream()
                        .anyMatch(
                                line -> line.startsWith(
                                        "[WARNING]         - statement \"LambdaECRImageRetrievalPolicy\": {\"Action\":\"ecr:*\"")),
                goal::logText);
        assertEquals(List.of(), writes());
    }

    @Test
    void replaceWritesOverAStatementThatOnlyHasLambdasName() throws Exception {
        emulator.seedRepository("app");
        emulator.seedPolicy(
                "app",
                EcrEmulator.ecrFormattedPolicy(
                        "{\"Version\":\"2012-10-17\",\"Statement\":[" + OWN + "," + NAMED_LIKE_LAMBDA + "]}"));
        MojoRunner goal = replace();

        goal.execute();

        assertEquals(List.of("SetRepositoryPolicy"), writes());
        String policy = emulator.repository("app").orElseThrow().policyText();
        assertFalse(policy.contains("LambdaECRImageRetrievalPolicy"), policy);
        assertFalse(goal.logText().contains("kept statement"), goal::logText);
    }

    @Test
    void replaceKeepsLambdasOwnStatement() throws Exception {
        emulator.seedRepository("app");
        emulator.seedPolicy(
                "app", EcrEmulator.ecrFormattedPolicy("{\"Version\":\"2012-10-17\",\"Statement\":[" + OWN + "]}"));
        emulator.lambdaFunctionCreated("app");
        MojoRunner goal = replace().set("failOnDrift", true);

        goal.execute();

        assertEquals(List.of(), writes());
        assertTrue(goal.log().contains("[INFO]   app: up to date"), goal::logText);
        assertTrue(goal.logText().contains("kept statement \"LambdaECRImageRetrievalPolicy\""), goal::logText);
    }

    /** A Deny of every ECR action to everyone: nobody could change the policy again. */
    private static final String NOBODY = """
            {"Sid":"Frozen","Effect":"Deny","Principal":"*","Action":"ecr:*"}""";

    @Test
    void aPolicyThatLocksEveryoneOutFailsBeforeAnyCall() {
        MojoRunner goal = MojoRunner.ensureRepository(emulator)
                .set("policy", "{\"Version\":\"2012-10-17\",\"Statement\":[" + OWN + "," + NOBODY + "]}");

        MojoFailureException e = assertThrows(MojoFailureException.class, goal::execute);

        assertTrue(
                e.getMessage()
                        .startsWith("<policy>: statement \"Frozen\" denies ecr:SetRepositoryPolicy to everyone "
                                + "(\"*\"): once ECR holds it, nobody can change the policy again"),
                e.getMessage());
        assertTrue(e.getMessage().contains("<allowLockOut>true</allowLockOut>"), e.getMessage());
        assertEquals(List.of(), emulator.calls());
    }

    @Test
    void allowLockOutWritesItWithForce() throws Exception {
        MojoRunner goal = MojoRunner.ensureRepository(emulator)
                .set("policy", "{\"Version\":\"2012-10-17\",\"Statement\":[" + OWN + "," + NOBODY + "]}")
                .set("allowLockOut", true);

        goal.execute();

        // The emulator, as ECR, refuses this policy unless the call says force.
        assertEquals(List.of("CreateRepository", "SetRepositoryPolicy"), writes());
        assertTrue(
                emulator.repository("app").orElseThrow().policyText().contains("\"Sid\" : \"Frozen\""),
                emulator.repository("app").orElseThrow().policyText());
    }

    /** A Deny of every ECR action to {@code account}: its principals could not change the policy again. */
    private static String denyAccount(String account) {
        return "{\"Sid\":\"NotThem\",\"Effect\":\"Deny\",\"Principal\":{\"AWS\":\"arn:aws:iam::" + account
                + ":root\"},\"Action\":\"ecr:*\"}";
    }

    @Test
    void aDenyToAnotherAccountGoesToEcrWhichSetsIt() throws Exception {
        MojoRunner goal = MojoRunner.ensureRepository(emulator)
                .set(
                        "policy",
                        "{\"Version\":\"2012-10-17\",\"Statement\":[" + OWN + "," + denyAccount("999988887777") + "]}");

        goal.execute();

        assertEquals(List.of("CreateRepository", "SetRepositoryPolicy"), writes());
        assertTrue(emulator.repository("app").orElseThrow().policyText().contains("999988887777"));
    }

    @Test
    void ecrsRefusalOfADenyToTheCallersAccountNamesAllowLockOutAndTheMode() {
        // no registryId: the build's account is known to ECR only, which refuses the policy without force
        MojoRunner goal = MojoRunner.ensureRepository(emulator)
                .set(
                        "policy",
                        "{\"Version\":\"2012-10-17\",\"Statement\":[" + OWN + "," + denyAccount(emulator.accountId())
                                + "]}");

        MojoFailureException e = assertThrows(MojoFailureException.class, goal::execute);

        assertTrue(
                e.getMessage()
                        .startsWith(
                                "ECR refused the repository policy written under <policyMode>replace (<pullPolicy>, "
                                        + "<policy> or <policyFile>) of repository app: "),
                e.getMessage());
        assertTrue(
                e.getMessage()
                        .contains("The policy was sent without force, and statement \"NotThem\" denies "
                                + "ecr:SetRepositoryPolicy to arn:aws:iam::123456789012:root: if the build runs as a "
                                + "principal it denies, the policy would stop it from setting another one"),
                e.getMessage());
        assertTrue(
                e.getMessage().contains("set <allowLockOut>true</allowLockOut> (-Decr.allowLockOut=true)"),
                e.getMessage());
        assertFalse(e.getMessage().contains("nobody can change"), e.getMessage());
        assertEquals(List.of("CreateRepository", "SetRepositoryPolicy"), writes());
        assertEquals(null, emulator.repository("app").orElseThrow().policyText());
    }

    /** Spares one role: whether the build runs as it is not known before the call; ECR knows, and refuses. */
    private static final String ALL_BUT_ADMIN = """
            {"Sid":"AdminOnly","Effect":"Deny","NotPrincipal":{"AWS":"arn:aws:iam::123456789012:role/admin"},\
            "Action":"ecr:SetRepositoryPolicy"}""";

    @Test
    void ecrsRefusalOfThePolicyNamesReplaceModeWhenThatIsTheMode() {
        emulator.seedRepository("app");
        MojoRunner goal = MojoRunner.ensureRepository(emulator)
                .set("policy", "{\"Version\":\"2012-10-17\",\"Statement\":[" + OWN + "," + ALL_BUT_ADMIN + "]}");

        MojoFailureException e = assertThrows(MojoFailureException.class, goal::execute);

        assertTrue(
                e.getMessage()
                        .startsWith(
                                "ECR refused the repository policy written under <policyMode>replace (<pullPolicy>, "
                                        + "<policy> or <policyFile>) of repository app: "),
                e.getMessage());
        assertTrue(e.getMessage().contains("would prevent you from setting another policy"), e.getMessage());
        assertFalse(e.getMessage().contains("merge"), e.getMessage());
        assertEquals(List.of("SetRepositoryPolicy"), writes());
    }

    @Test
    void ecrsRefusalOfThePolicyNamesMergeModeWhenThatIsTheMode() {
        emulator.seedRepository("app");
        emulator.seedPolicy("app", "{\"Version\":\"2012-10-17\",\"Statement\":[" + ALL_BUT_ADMIN + "]}");

        MojoFailureException e = assertThrows(MojoFailureException.class, merge()::execute);

        assertTrue(
                e.getMessage()
                        .startsWith("ECR refused the repository policy written under <policyMode>merge (the statements "
                                + "of <pullPolicy>, <policy> or <policyFile>, merged with the statements kept from ECR) of "
                                + "repository app: "),
                e.getMessage());
    }

    @Test
    void withPublicOptInItIsWrittenWithoutAWord() throws Exception {
        emulator.seedRepository("app");
        emulator.seedPolicy("app", "{\"Version\":\"2012-10-17\",\"Statement\":[" + PUBLIC + "]}");
        MojoRunner goal = merge().set("allowPublicAccess", true);
        goal.execute();
        assertEquals(List.of("SetRepositoryPolicy"), writes());
        assertTrue(goal.log().stream().noneMatch(line -> line.startsWith("[WARNING]")), goal::logText);
    }

    @Test
    void aServicePrincipalWithoutSourceConditionIsWarnedAbout() throws Exception {
        MojoRunner goal = MojoRunner.ensureRepository(emulator)
                .set(
                        "pullPolicy",
                        InvalidConfigurationCatalogueTest.pullPolicy(
                                List.of(), List.of(), List.of(), List.of("lambda.amazonaws.com")));
        goal.execute();
        assertTrue(
                goal.log().stream()
                        .anyMatch(line -> line.startsWith("[WARNING] ECR repository app: statement "
                                + "\"AllowPull\" of the POM's policy allows the service principal lambda.amazonaws.com with no "
                                + "condition")),
                goal::logText);
    }

    @Test
    void plainHttpToAnotherHostIsWarnedAboutBeforeTheCalls() {
        // A name that never resolves: the build fails at its first call, after the warning.
        MojoRunner goal = MojoRunner.ensureRepository(emulator)
                .set("endpoint", "http://ecr.invalid:9")
                .set("timeout", "3s")
                .set("maxAttempts", 1);
        assertThrows(Exception.class, goal::execute);
        assertTrue(
                goal.log()
                        .get(0)
                        .startsWith("[WARNING] <endpoint> http://ecr.invalid:9 is plain HTTP: request "
                                + "signatures, the session token of temporary credentials and ECR's registry password travel "
                                + "unencrypted"),
                goal::logText);
    }
}

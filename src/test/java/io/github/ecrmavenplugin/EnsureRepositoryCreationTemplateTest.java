package io.github.ecrmavenplugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ecrmavenplugin.emulator.EcrEmulator;
import io.github.ecrmavenplugin.emulator.EmulatorCall;
import io.github.ecrmavenplugin.emulator.EmulatorExtension;
import io.github.ecrmavenplugin.emulator.RepositorySeed;
import io.github.ecrmavenplugin.emulator.RepositoryState;
import io.github.ecrmavenplugin.json.Json;
import io.github.ecrmavenplugin.model.LifecyclePolicy;
import io.github.ecrmavenplugin.model.PolicyDocument;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.maven.plugin.MojoFailureException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Creating a repository as the registry would: the real goal, through the SDK, against an emulated registry whose
 * platform team set a creation template for {@code team/} and one for {@code ROOT}.
 */
class EnsureRepositoryCreationTemplateTest {

    static final String KEY = "arn:aws:kms:us-east-1:123456789012:key/team-key";
    static final String ORG_PULL = """
            {"Sid":"OrgPull","Effect":"Allow","Principal":"*",\
            "Action":["ecr:BatchGetImage","ecr:GetDownloadUrlForLayer"],\
            "Condition":{"StringEquals":{"aws:PrincipalOrgID":"o-abcd123456"}}}""";
    static final String EXPIRE_UNTAGGED = """
            {"rules":[{"rulePriority":1,"description":"expire untagged after 14 days","selection":\
            {"tagStatus":"untagged","countType":"sinceImagePushed","countUnit":"days","countNumber":14},\
            "action":{"type":"expire"}}]}""";
    /** The platform team's template for team/: a KMS key, a cost tag, immutable tags, a lifecycle, an org pull. */
    static final String TEAM_TEMPLATE = """
            {"prefix":"team","appliedFor":["CREATE_ON_PUSH","REPLICATION"],\
            "description":"team repositories",\
            "encryptionConfiguration":{"encryptionType":"KMS","kmsKey":"%s"},\
            "resourceTags":[{"Key":"CostCenter","Value":"4711"}],\
            "imageTagMutability":"IMMUTABLE",\
            "lifecyclePolicy":%s,\
            "repositoryPolicy":%s}""".formatted(
                    KEY,
                    Json.write(EXPIRE_UNTAGGED),
                    Json.write("{\"Version\":\"2012-10-17\",\"Statement\":[" + ORG_PULL + "]}"));

    static final String ROOT_TEMPLATE = """
            {"prefix":"ROOT","appliedFor":["CREATE_ON_PUSH"],\
            "resourceTags":[{"Key":"Owner","Value":"platform"}],"imageTagMutability":"MUTABLE"}""";

    private static final String OWN = """
            {"Sid":"AllowPull","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::210987654321:root"},\
            "Action":["ecr:BatchCheckLayerAvailability","ecr:BatchGetImage","ecr:GetDownloadUrlForLayer"]}""";

    @RegisterExtension
    final EmulatorExtension emulatorExtension =
            MojoRunner.withCredentials(EmulatorExtension.perTest(EcrEmulator.builder()));

    private final EcrEmulator emulator = emulatorExtension.emulator();

    @BeforeEach
    void platformTeam() {
        emulator.seedRegistrySetting("CreateRepositoryCreationTemplate", TEAM_TEMPLATE);
        emulator.seedRegistrySetting("CreateRepositoryCreationTemplate", ROOT_TEMPLATE);
    }

    private MojoRunner build(String repositoryName) {
        return MojoRunner.ensureRepository(emulator)
                .set("repositoryName", repositoryName)
                .set(
                        "pullPolicy",
                        InvalidConfigurationCatalogueTest.pullPolicy(
                                List.of("210987654321"), List.of(), List.of(), List.of()));
    }

    private List<String> operations() {
        return emulator.calls().stream().map(EmulatorCall::operation).toList();
    }

    private List<String> writes() {
        return operations().stream()
                .filter(op -> !op.startsWith("Get") && !op.startsWith("Describe") && !op.startsWith("List"))
                .toList();
    }

    private static List<String> warnings(MojoRunner goal) {
        return goal.log().stream().filter(line -> line.startsWith("[WARNING]")).toList();
    }

    private static List<Object> statements(RepositoryState state) {
        return List.copyOf(
                PolicyDocument.fromRegistry(state.policyText()).orElseThrow().statements());
    }

    @Test
    void aRepositoryUnderTheTemplatesPrefixComesOutAsTheTemplateMakesItPlusThePomsStatement() throws Exception {
        MojoRunner goal = build("team/svc");

        goal.execute();

        RepositoryState state = emulator.repository("team/svc").orElseThrow();
        assertEquals("IMMUTABLE", state.imageTagMutability());
        assertEquals("KMS", state.encryptionType());
        assertEquals(KEY, state.kmsKey());
        assertEquals(Map.of("CostCenter", "4711"), state.tags());
        assertEquals(
                LifecyclePolicy.fromRegistry(EXPIRE_UNTAGGED),
                LifecyclePolicy.fromRegistry(state.lifecyclePolicyText()));
        assertEquals(
                Set.of(Json.canonical(Json.parse(ORG_PULL)), Json.canonical(Json.parse(OWN))),
                Set.copyOf(statements(state).stream().map(Json::canonical).toList()));
        assertEquals(List.of("CreateRepository", "SetRepositoryPolicy", "PutLifecyclePolicy"), writes());
        // the registry's rules are read once, on the way to creating it
        assertEquals(1, emulator.calls("DescribeRepositoryCreationTemplates").size());
        assertEquals(1, emulator.calls("DescribePullThroughCacheRules").size());
        assertTrue(
                goal.logText()
                        .contains("[INFO] ECR repository team/svc created from creation template \"team\" with its "
                                + "repository policy and lifecycle policy"),
                goal::logText);
        assertEquals(List.of(), warnings(goal));
    }

    @Test
    void aSecondBuildWritesNothingAndKeepsTheTemplatesStatement() throws Exception {
        build("team/svc").execute();
        emulator.clearCalls();

        MojoRunner again = build("team/svc");
        again.execute();

        assertEquals(List.of(), writes());
        assertTrue(again.logText().contains("[INFO] ECR repository team/svc up to date"), again::logText);
        // replace mode: the template's statement is not the POM's, so the template is read to keep it
        assertEquals(1, emulator.calls("DescribeRepositoryCreationTemplates").size());
        assertEquals(
                2, statements(emulator.repository("team/svc").orElseThrow()).size());
    }

    @Test
    void inMergeModeTheSteadyStateReadsNoTemplate() throws Exception {
        build("team/svc").set("policyMode", "merge").execute();
        emulator.clearCalls();

        build("team/svc").set("policyMode", "merge").execute();

        assertEquals(List.of(), writes());
        assertEquals(Set.of("DescribeRepositories", "GetRepositoryPolicy"), Set.copyOf(operations()));
    }

    @Test
    void replaceModeRemovesAStatementThatIsNoLongerTheTemplates() throws Exception {
        // the platform team changed its statement since it created the repository: the old one is no longer the
        // template's, and replace mode removes it as any statement the POM does not declare
        String changed = ORG_PULL.replace("o-abcd123456", "o-zzzz999999");
        emulator.reset();
        emulator.seedRegistrySetting(
                "CreateRepositoryCreationTemplate",
                TEAM_TEMPLATE.replace(
                        Json.write("{\"Version\":\"2012-10-17\",\"Statement\":[" + ORG_PULL + "]}"),
                        Json.write("{\"Version\":\"2012-10-17\",\"Statement\":[" + changed + "]}")));
        emulator.seedRepository(new RepositorySeed("team/svc")
                .policyText(EcrEmulator.ecrFormattedPolicy(
                        "{\"Version\":\"2012-10-17\",\"Statement\":[" + ORG_PULL + "," + OWN + "]}")));

        build("team/svc").execute();

        assertEquals(
                List.of(Json.canonical(Json.parse(OWN))),
                statements(emulator.repository("team/svc").orElseThrow()).stream()
                        .map(Json::canonical)
                        .toList());
    }

    @Test
    void replaceModeKeepsOnlyTheStatementsOfTheTemplateForTheNameAsTheyAreThere() throws Exception {
        // another prefix's template statement, and one under the template's Sid that grants everyone, are not the
        // template's: replace mode removes them (the second would be public if kept)
        String otherPull = """
                {"Sid":"OtherPull","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::333333333333:root"},\
                "Action":["ecr:BatchGetImage","ecr:GetDownloadUrlForLayer"]}""";
        String widerUnderTheSid =
                ORG_PULL.replace(",\"Condition\":{\"StringEquals\":{\"aws:PrincipalOrgID\":\"o-abcd123456\"}}", "");
        assertFalse(widerUnderTheSid.contains("Condition"), widerUnderTheSid);
        emulator.seedRegistrySetting("CreateRepositoryCreationTemplate", """
                {"prefix":"other","appliedFor":["CREATE_ON_PUSH"],"repositoryPolicy":%s}""".formatted(
                        Json.write("{\"Version\":\"2012-10-17\",\"Statement\":[" + otherPull + "]}")));
        emulator.seedRepository(new RepositorySeed("team/svc")
                .policyText(EcrEmulator.ecrFormattedPolicy("{\"Version\":\"2012-10-17\",\"Statement\":[" + ORG_PULL
                        + "," + otherPull + "," + widerUnderTheSid + "," + OWN + "]}")));

        build("team/svc").execute();

        assertEquals(
                Set.of(Json.canonical(Json.parse(ORG_PULL)), Json.canonical(Json.parse(OWN))),
                Set.copyOf(statements(emulator.repository("team/svc").orElseThrow()).stream()
                        .map(Json::canonical)
                        .toList()));
    }

    @Test
    void aNameOnlyLikeThePrefixGetsTheRootTemplate() throws Exception {
        build("teamx/svc").execute();

        RepositoryState state = emulator.repository("teamx/svc").orElseThrow();
        assertEquals(Map.of("Owner", "platform"), state.tags());
        assertEquals("MUTABLE", state.imageTagMutability());
        assertEquals("AES256", state.encryptionType());
        assertEquals(null, state.lifecyclePolicyText());
        assertEquals(
                List.of(Json.canonical(Json.parse(OWN))),
                statements(state).stream().map(Json::canonical).toList());
    }

    @Test
    void aPomSettingThatDiffersFromTheTemplateWinsAndIsWarnedAboutOnce() throws Exception {
        MojoRunner goal = build("team/svc")
                .set("imageTagMutability", "MUTABLE")
                .set("tags", Map.of("CostCenter", "0815", "team", "payments"));

        goal.execute();

        RepositoryState state = emulator.repository("team/svc").orElseThrow();
        assertEquals("MUTABLE", state.imageTagMutability());
        assertEquals(Map.of("CostCenter", "0815", "team", "payments"), state.tags());
        assertEquals(KEY, state.kmsKey());
        assertEquals(
                List.of(
                        "[WARNING] ECR repository team/svc: the POM's imageTagMutability (MUTABLE) differs from the "
                                + "registry's creation template \"team\" (IMMUTABLE); the repository gets the POM's",
                        "[WARNING] ECR repository team/svc: the POM's tag CostCenter (0815) differs from the registry's "
                                + "creation template \"team\" (4711); the repository gets the POM's"),
                warnings(goal));

        MojoRunner again = build("team/svc")
                .set("imageTagMutability", "MUTABLE")
                .set("tags", Map.of("CostCenter", "0815", "team", "payments"));
        again.execute();
        assertEquals(List.of(), warnings(again));
    }

    @Test
    void ignoreCreatesWithThePomsSettingsOnly() throws Exception {
        build("team/svc").set("creationTemplate", "ignore").execute();

        RepositoryState state = emulator.repository("team/svc").orElseThrow();
        assertEquals("MUTABLE", state.imageTagMutability());
        assertEquals("AES256", state.encryptionType());
        assertEquals(Map.of(), state.tags());
        assertEquals(null, state.lifecyclePolicyText());
        assertEquals(1, statements(state).size());
        assertEquals(List.of(), emulator.calls("DescribeRepositoryCreationTemplates"));
    }

    @Test
    void templatesTheBuildMayNotReadAreWarnedAboutAndTheBuildGoesOn() throws Exception {
        emulator.faults().accessDenied("DescribeRepositoryCreationTemplates");
        MojoRunner goal = build("team/svc");

        goal.execute();

        RepositoryState state = emulator.repository("team/svc").orElseThrow();
        assertEquals("AES256", state.encryptionType());
        assertEquals(Map.of(), state.tags());
        List<String> warnings = warnings(goal);
        assertEquals(1, warnings.size(), warnings::toString);
        assertTrue(
                warnings.get(0)
                        .startsWith("[WARNING] ECR repository creation templates not read: the build may not call "
                                + "ecr:DescribeRepositoryCreationTemplates"),
                warnings.get(0));
    }

    @Test
    void aPublicStatementOfTheTemplateIsRefusedBeforeAnyWrite() {
        emulator.seedRegistrySetting("CreateRepositoryCreationTemplate", """
                {"prefix":"open","appliedFor":["CREATE_ON_PUSH"],"repositoryPolicy":\
                "{\\"Version\\":\\"2012-10-17\\",\\"Statement\\":[{\\"Sid\\":\\"Mirror\\",\\"Effect\\":\\"Allow\\",\
                \\"Principal\\":\\"*\\",\\"Action\\":\\"ecr:BatchGetImage\\"}]}"}""");
        MojoRunner goal = MojoRunner.ensureRepository(emulator).set("repositoryName", "open/app");

        MojoFailureException e = assertThrows(MojoFailureException.class, goal::execute);

        assertTrue(
                e.getMessage()
                        .startsWith("ECR repository open/app: nothing was written. The statement \"Mirror\" of the "
                                + "policy of creation template \"open\""),
                e.getMessage());
        assertEquals(List.of(), writes());
    }

    @Test
    void purgeTagsNeverRemovesTheTemplatesTags() throws Exception {
        emulator.seedRepository(
                new RepositorySeed("team/svc").tag("CostCenter", "4711").tag("stale", "yes"));

        build("team/svc")
                .set("tags", Map.of("team", "payments"))
                .set("purgeTags", true)
                .execute();

        assertEquals(
                Map.of("CostCenter", "4711", "team", "payments"),
                emulator.repository("team/svc").orElseThrow().tags());
    }

    @Test
    void aNameInAPullThroughCacheNamespaceIsRefusedBeforeAnyWrite() {
        emulator.seedRegistrySetting(
                "CreatePullThroughCacheRule", "{\"ecrRepositoryPrefix\":\"quay\",\"upstreamRegistryUrl\":\"quay.io\"}");
        MojoRunner goal = build("quay/coreos/etcd");

        MojoFailureException e = assertThrows(MojoFailureException.class, goal::execute);

        assertEquals(
                "ECR repository quay/coreos/etcd: nothing was written. The name is in the namespace quay/ of the "
                        + "registry's pull through cache rule for quay.io: ECR creates and fills the repositories under "
                        + "quay/ itself when an image is pulled through the cache, and the plugin does not make one of "
                        + "them an application repository. Choose a name outside quay/ (<repositoryName>), or pull the "
                        + "image through the cache instead of pushing it",
                e.getMessage());
        assertEquals(List.of(), writes());
        assertFalse(emulator.repository("quay/coreos/etcd").isPresent());
    }

    private static final String REPLICATION = """
            {"replicationConfiguration":{"rules":[{"destinations":[{"region":"eu-central-1","registryId":            "123456789012"},{"region":"us-west-2","registryId":"210987654321"}],"repositoryFilters":            [{"filter":"team","filterType":"PREFIX_MATCH"}]}]}}""";

    @SuppressWarnings("unchecked")
    private static Map<String, Object> plannedRepository() throws Exception {
        java.io.File file = new java.io.File("target/mojo-runner/app/ecr-plan.json");
        Map<String, Object> plan = (Map<String, Object>) Json.parse(java.nio.file.Files.readString(file.toPath()));
        return (Map<String, Object>) ((List<Object>) plan.get("repositories")).get(0);
    }

    @Test
    @SuppressWarnings("unchecked")
    void planModeShowsTheTemplateTheSettingsThatResultAndTheRegistryAround() throws Exception {
        emulator.seedRegistrySetting("PutReplicationConfiguration", REPLICATION);
        MojoRunner goal = build("team/svc").set("plan", true).set("imageTagMutability", "MUTABLE");

        goal.execute();

        assertEquals(List.of(), writes());
        List<String> log = goal.log();
        assertTrue(
                log.contains("[WARNING]     + repository (does not exist), from creation template \"team\": "
                        + "imageTagMutability MUTABLE, encryption KMS (" + KEY + "), tags {CostCenter=4711}"),
                goal::logText);
        assertTrue(log.contains("[WARNING]     + lifecycle policy"), goal::logText);
        assertTrue(
                log.contains("[WARNING]         = statement \"OrgPull\": kept (the registry's creation template "
                        + "\"team\" put it there)"),
                goal::logText);
        assertTrue(
                log.contains("[INFO]     registry: creation template \"team\" (repositories under team/): the "
                        + "plugin creates team/svc as ECR would on push, the POM's settings on top (1 differs: "
                        + "imageTagMutability)"),
                goal::logText);
        assertTrue(
                log.contains("[INFO]     registry: the images pushed to team/svc are copied by rule 1 to eu-central-1 "
                        + "(account 123456789012), us-west-2 (account 210987654321); ECR creates team/svc there when "
                        + "missing, with that registry's creation template for replication, not this POM's settings"),
                goal::logText);
        assertEquals(
                1,
                log.stream()
                        .filter(line -> line.contains("differs from the registry's creation template"))
                        .count());
        assertEquals(1, emulator.calls("DescribeRegistry").size());
        assertEquals(1, emulator.calls("DescribeRepositoryCreationTemplates").size());

        Map<String, Object> repository = plannedRepository();
        Map<String, Object> create = (Map<String, Object>) ((List<Object>) repository.get("changes")).get(0);
        assertEquals("team", create.get("creationTemplate"));
        assertEquals("KMS", create.get("encryption"));
        assertEquals(KEY, create.get("kmsKey"));
        assertEquals(Map.of("CostCenter", "4711"), create.get("tags"));
        Map<String, Object> registry = (Map<String, Object>) repository.get("registry");
        Map<String, Object> template = (Map<String, Object>) registry.get("creationTemplate");
        assertEquals("team", template.get("prefix"));
        assertEquals(true, template.get("followed"));
        assertEquals(List.of("CREATE_ON_PUSH", "REPLICATION"), template.get("appliedFor"));
        Map<String, Object> replication = (Map<String, Object>) registry.get("replication");
        Map<String, Object> rule = (Map<String, Object>) ((List<Object>) replication.get("rules")).get(0);
        assertEquals(
                List.of(
                        Map.of("region", "eu-central-1", "registryId", "123456789012"),
                        Map.of("region", "us-west-2", "registryId", "210987654321")),
                rule.get("destinations"));
        assertEquals(
                List.of(Map.of(
                        "template", "team",
                        "setting", "imageTagMutability",
                        "templateValue", "IMMUTABLE",
                        "pomValue", "MUTABLE")),
                repository.get("templateOverrides"));
    }

    @Test
    void planModeOfAnExistingRepositorySaysTheTemplateNoLongerAppliesAndWhatItCouldNotRead() throws Exception {
        emulator.seedRepository(new RepositorySeed("team/svc")
                .policyText(
                        EcrEmulator.ecrFormattedPolicy("{\"Version\":\"2012-10-17\",\"Statement\":[" + OWN + "]}")));
        emulator.faults().accessDenied("DescribeRegistry");
        MojoRunner goal = build("team/svc").set("plan", true);

        goal.execute();

        assertTrue(
                goal.log()
                        .contains("[INFO]     registry: creation template \"team\" (repositories under team/): "
                                + "applies to new repositories only; team/svc exists, and the plugin keeps the policy "
                                + "statements and tags the template puts there"),
                goal::logText);
        assertTrue(
                goal.log()
                        .contains("[INFO]     registry: replication not read: the build may not call "
                                + "ecr:DescribeRegistry (`mvn ecr:print-iam-policy` lists it)"),
                goal::logText);
        assertTrue(goal.logText().contains("[INFO]   team/svc: up to date"), goal::logText);
        assertEquals(List.of(), writes());
    }

    @Test
    void onlyPlanModeReadsTheReplicationConfiguration() throws Exception {
        emulator.seedRegistrySetting("PutReplicationConfiguration", REPLICATION);

        build("team/svc").execute();
        build("team/svc").execute();

        assertEquals(List.of(), emulator.calls("DescribeRegistry"));
    }
}

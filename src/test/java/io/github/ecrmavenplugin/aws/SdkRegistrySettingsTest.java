package io.github.ecrmavenplugin.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ecrmavenplugin.emulator.EcrEmulator;
import io.github.ecrmavenplugin.emulator.EmulatorExtension;
import io.github.ecrmavenplugin.model.Encryption;
import io.github.ecrmavenplugin.model.TagMutability;
import io.github.ecrmavenplugin.registry.CreationTemplate;
import io.github.ecrmavenplugin.registry.PullThroughCacheRule;
import io.github.ecrmavenplugin.registry.Registry;
import io.github.ecrmavenplugin.registry.RegistryException;
import io.github.ecrmavenplugin.registry.Replication;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The registry-level reads of the Registry port, through the SDK, against the emulator. */
class SdkRegistrySettingsTest {

    @RegisterExtension
    static final EmulatorExtension ecr = TestConnections.emulatorPerClass(EcrEmulator.builder());

    private static final EcrEmulator emulator = ecr.emulator();
    // Per test: the shared client is rebuilt after another test closes every client (as a build's end does).
    private final SdkRegistry registry = new SdkRegistry(EcrClients.client(TestConnections.to(emulator)), null);

    @Test
    void readsEveryTemplateAcrossPagesWithWhatEachSets() {
        for (int i = 0; i < 130; i++) {
            emulator.seedRegistrySetting(
                    "CreateRepositoryCreationTemplate", "{\"prefix\":\"t" + i + "\",\"appliedFor\":[\"REPLICATION\"]}");
        }
        emulator.seedRegistrySetting("CreateRepositoryCreationTemplate", """
                {"prefix":"team/","appliedFor":["CREATE_ON_PUSH","PULL_THROUGH_CACHE"],"description":"team",\
                "encryptionConfiguration":{"encryptionType":"KMS","kmsKey":"arn:aws:kms:us-east-1:123456789012:key/k"},\
                "resourceTags":[{"Key":"CostCenter","Value":"4711"}],"imageTagMutability":"IMMUTABLE_WITH_EXCLUSION",\
                "imageTagMutabilityExclusionFilters":[{"filterType":"WILDCARD","filter":"latest"}],\
                "customRoleArn":"arn:aws:iam::123456789012:role/templates"}""");

        List<CreationTemplate> templates = registry.creationTemplates();

        assertEquals(131, templates.size());
        // ECR answers 100 a page without maxResults
        assertEquals(2, emulator.calls("DescribeRepositoryCreationTemplates").size());
        CreationTemplate team = templates.stream()
                .filter(t -> t.prefix().equals("team"))
                .findFirst()
                .orElseThrow();
        assertEquals(
                new CreationTemplate(
                        "team",
                        Optional.of("team"),
                        Set.of("CREATE_ON_PUSH", "PULL_THROUGH_CACHE"),
                        Optional.of(new TagMutability(TagMutability.Mode.IMMUTABLE_WITH_EXCLUSION, List.of("latest"))),
                        Optional.of(new Encryption(
                                Encryption.Type.KMS, Optional.of("arn:aws:kms:us-east-1:123456789012:key/k"))),
                        Map.of("CostCenter", "4711"),
                        Optional.empty(),
                        Optional.empty(),
                        Optional.of("arn:aws:iam::123456789012:role/templates")),
                team);
    }

    @Test
    void readsPullThroughCacheRulesAndReplication() {
        emulator.seedRegistrySetting(
                "CreatePullThroughCacheRule", "{\"ecrRepositoryPrefix\":\"quay\",\"upstreamRegistryUrl\":\"quay.io\"}");
        emulator.seedRegistrySetting("PutReplicationConfiguration", """
                {"replicationConfiguration":{"rules":[{"destinations":[{"region":"eu-central-1",\
                "registryId":"123456789012"}],"repositoryFilters":[{"filter":"team","filterType":"PREFIX_MATCH"}]},\
                {"destinations":[{"region":"us-west-2","registryId":"210987654321"}]}]}}""");

        assertEquals(List.of(new PullThroughCacheRule("quay", "quay.io")), registry.pullThroughCacheRules());
        assertEquals(
                new Replication(List.of(
                        new Replication.Rule(
                                List.of(new Replication.Destination("eu-central-1", "123456789012")), List.of("team")),
                        new Replication.Rule(
                                List.of(new Replication.Destination("us-west-2", "210987654321")), List.of()))),
                registry.replication());
    }

    @Test
    void anAnswerAboutTheCallersOwnRegistryIsNotTakenForAnotherAccountsOne() {
        SdkRegistry other = new SdkRegistry(EcrClients.client(TestConnections.to(emulator)), "210987654321");

        Registry.OtherRegistryException e = assertThrows(Registry.OtherRegistryException.class, other::replication);

        assertEquals(
                "ECR's DescribeRegistry answers for the caller's own registry (123456789012), not for registry "
                        + "210987654321",
                e.getMessage());
        assertThrows(Registry.OtherRegistryException.class, other::creationTemplates);
    }

    @Test
    void aDeniedReadNamesItsAction() {
        emulator.faults().accessDenied("DescribeRepositoryCreationTemplates");

        RegistryException e = assertThrows(RegistryException.class, registry::creationTemplates);

        assertTrue(e.isAccessDenied());
        assertEquals("ecr:DescribeRepositoryCreationTemplates", e.iamAction());
    }
}

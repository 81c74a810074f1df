package io.github.ecrmavenplugin.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.model.DescribeRepositoryCreationTemplatesResponse;
import software.amazon.awssdk.services.ecr.model.EncryptionType;
import software.amazon.awssdk.services.ecr.model.ImageTagMutability;
import software.amazon.awssdk.services.ecr.model.InvalidParameterException;
import software.amazon.awssdk.services.ecr.model.PullThroughCacheRuleAlreadyExistsException;
import software.amazon.awssdk.services.ecr.model.PullThroughCacheRuleNotFoundException;
import software.amazon.awssdk.services.ecr.model.RCTAppliedFor;
import software.amazon.awssdk.services.ecr.model.RepositoryCreationTemplate;
import software.amazon.awssdk.services.ecr.model.TemplateAlreadyExistsException;
import software.amazon.awssdk.services.ecr.model.TemplateNotFoundException;
import software.amazon.awssdk.services.ecr.model.UnsupportedUpstreamRegistryException;

/** The registry's own settings through the real SDK: creation templates, pull through cache rules, replication. */
class EcrEmulatorRegistrySettingsTest {

    @RegisterExtension
    final EmulatorExtension emulatorExtension = EmulatorExtension.perTest(EcrEmulator.builder());

    private final EcrEmulator emulator = emulatorExtension.emulator();
    private final EcrClient ecr = emulatorExtension.client();

    private void template(String prefix, RCTAppliedFor... appliedFor) {
        ecr.createRepositoryCreationTemplate(r -> r.prefix(prefix).appliedFor(appliedFor));
    }

    @Test
    void aTemplateIsStoredWithEverySettingAndDescribedAsSent() {
        RepositoryCreationTemplate created = ecr.createRepositoryCreationTemplate(r -> r.prefix("team")
                        .description("team repositories")
                        .appliedFor(RCTAppliedFor.CREATE_ON_PUSH)
                        .encryptionConfiguration(e -> e.encryptionType(EncryptionType.KMS)
                                .kmsKey("arn:aws:kms:us-east-1:123456789012:key/k-1"))
                        .resourceTags(t -> t.key("CostCenter").value("4711"))
                        .imageTagMutability(ImageTagMutability.IMMUTABLE_WITH_EXCLUSION)
                        .imageTagMutabilityExclusionFilters(
                                f -> f.filterType("WILDCARD").filter("latest"))
                        .repositoryPolicy(
                                "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":"
                                        + "{\"AWS\":\"arn:aws:iam::210987654321:root\"},\"Action\":\"ecr:BatchGetImage\"}]}")
                        .customRoleArn("arn:aws:iam::123456789012:role/ecr-templates"))
                .repositoryCreationTemplate();

        DescribeRepositoryCreationTemplatesResponse described = ecr.describeRepositoryCreationTemplates(r -> {});

        assertEquals("123456789012", described.registryId());
        assertEquals(List.of(created), described.repositoryCreationTemplates());
        assertEquals("team", created.prefix());
        assertEquals(List.of(RCTAppliedFor.CREATE_ON_PUSH), created.appliedFor());
        assertEquals(
                "arn:aws:kms:us-east-1:123456789012:key/k-1",
                created.encryptionConfiguration().kmsKey());
        assertEquals("4711", created.resourceTags().get(0).value());
        assertEquals(
                "latest", created.imageTagMutabilityExclusionFilters().get(0).filter());
        assertTrue(created.repositoryPolicy().contains("210987654321"));
        assertTrue(created.createdAt() != null && created.updatedAt() != null);
    }

    @Test
    void templatesComeAPageAtATimeInPrefixOrderAndCanBeAskedForByPrefix() {
        template("b", RCTAppliedFor.CREATE_ON_PUSH);
        template("ROOT", RCTAppliedFor.CREATE_ON_PUSH);
        template("a/c", RCTAppliedFor.REPLICATION);

        var first = ecr.describeRepositoryCreationTemplates(r -> r.maxResults(2));
        var second =
                ecr.describeRepositoryCreationTemplates(r -> r.maxResults(2).nextToken(first.nextToken()));

        assertEquals(
                List.of("ROOT", "a/c"),
                first.repositoryCreationTemplates().stream()
                        .map(RepositoryCreationTemplate::prefix)
                        .toList());
        assertEquals(
                List.of("b"),
                second.repositoryCreationTemplates().stream()
                        .map(RepositoryCreationTemplate::prefix)
                        .toList());
        assertNull(second.nextToken());
        assertEquals(
                List.of("b"),
                ecr
                        .describeRepositoryCreationTemplates(r -> r.prefixes("b", "unknown"))
                        .repositoryCreationTemplates()
                        .stream()
                        .map(RepositoryCreationTemplate::prefix)
                        .toList());
        assertEquals(
                3,
                ecr
                        .describeRepositoryCreationTemplatesPaginator(r -> r.maxResults(1))
                        .repositoryCreationTemplates()
                        .stream()
                        .count());
    }

    @Test
    void templatesAreValidatedAsTheServiceModelSays() {
        template("team", RCTAppliedFor.CREATE_ON_PUSH);
        assertThrows(TemplateAlreadyExistsException.class, () -> template("team", RCTAppliedFor.REPLICATION));
        // a prefix is a namespace of repository names, or ROOT
        assertThrows(InvalidParameterException.class, () -> template("Team", RCTAppliedFor.CREATE_ON_PUSH));
        // the template's KMS key is a key ARN
        assertThrows(
                InvalidParameterException.class,
                () -> ecr.createRepositoryCreationTemplate(r -> r.prefix("kms")
                        .appliedFor(RCTAppliedFor.CREATE_ON_PUSH)
                        .encryptionConfiguration(
                                e -> e.encryptionType(EncryptionType.KMS).kmsKey("alias/mine"))));
        // the role ECR assumes is in the registry's account
        assertThrows(
                InvalidParameterException.class,
                () -> ecr.createRepositoryCreationTemplate(r -> r.prefix("role")
                        .appliedFor(RCTAppliedFor.CREATE_ON_PUSH)
                        .customRoleArn("arn:aws:iam::210987654321:role/elsewhere")));
        // a repository policy ECR refuses is refused in a template too
        assertThrows(
                InvalidParameterException.class,
                () -> ecr.createRepositoryCreationTemplate(r -> r.prefix("policy")
                        .appliedFor(RCTAppliedFor.CREATE_ON_PUSH)
                        .repositoryPolicy("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
                                + "\"Principal\":\"*\",\"Action\":\"ecr:*\",\"Resource\":\"*\"}]}")));
        assertThrows(
                TemplateNotFoundException.class,
                () -> ecr.updateRepositoryCreationTemplate(r -> r.prefix("nope").description("x")));
        assertThrows(
                TemplateNotFoundException.class, () -> ecr.deleteRepositoryCreationTemplate(r -> r.prefix("nope")));
    }

    @Test
    void anUpdateChangesWhatItGivesAndADeleteAnswersWhatWasThere() {
        ecr.createRepositoryCreationTemplate(r -> r.prefix("team")
                .appliedFor(RCTAppliedFor.CREATE_ON_PUSH)
                .description("before")
                .imageTagMutability(ImageTagMutability.IMMUTABLE));

        ecr.updateRepositoryCreationTemplate(r -> r.prefix("team").description("after"));
        RepositoryCreationTemplate deleted =
                ecr.deleteRepositoryCreationTemplate(r -> r.prefix("team")).repositoryCreationTemplate();

        assertEquals("after", deleted.description());
        assertEquals(ImageTagMutability.IMMUTABLE, deleted.imageTagMutability());
        assertEquals(List.of(), ecr.describeRepositoryCreationTemplates(r -> {}).repositoryCreationTemplates());
    }

    @Test
    void createRepositoryAppliesNoTemplateAsInEcr() {
        ecr.createRepositoryCreationTemplate(r -> r.prefix("team")
                .appliedFor(RCTAppliedFor.CREATE_ON_PUSH)
                .imageTagMutability(ImageTagMutability.IMMUTABLE)
                .resourceTags(t -> t.key("CostCenter").value("4711")));

        ecr.createRepository(r -> r.repositoryName("team/svc"));

        RepositoryState state = emulator.repository("team/svc").orElseThrow();
        assertEquals("MUTABLE", state.imageTagMutability());
        assertTrue(state.tags().isEmpty());
    }

    @Test
    void pullThroughCacheRulesAreStoredDescribedAndValidated() {
        var created = ecr.createPullThroughCacheRule(
                r -> r.ecrRepositoryPrefix("quay").upstreamRegistryUrl("quay.io"));
        assertEquals("quay", created.upstreamRegistryAsString());

        var rules = ecr.describePullThroughCacheRules(r -> {}).pullThroughCacheRules();
        assertEquals(1, rules.size());
        assertEquals("quay", rules.get(0).ecrRepositoryPrefix());
        assertEquals("quay.io", rules.get(0).upstreamRegistryUrl());
        assertEquals("123456789012", rules.get(0).registryId());

        assertThrows(
                PullThroughCacheRuleAlreadyExistsException.class,
                () -> ecr.createPullThroughCacheRule(
                        r -> r.ecrRepositoryPrefix("quay").upstreamRegistryUrl("quay.io")));
        assertThrows(
                PullThroughCacheRuleNotFoundException.class,
                () -> ecr.describePullThroughCacheRules(r -> r.ecrRepositoryPrefixes("docker-hub")));
        // Docker Hub needs credentials from Secrets Manager
        assertThrows(
                InvalidParameterException.class,
                () -> ecr.createPullThroughCacheRule(
                        r -> r.ecrRepositoryPrefix("docker-hub").upstreamRegistryUrl("registry-1.docker.io")));
        assertThrows(
                UnsupportedUpstreamRegistryException.class,
                () -> ecr.createPullThroughCacheRule(
                        r -> r.ecrRepositoryPrefix("mine").upstreamRegistryUrl("registry.example.com")));
        // a prefix has 2 to 30 characters
        assertThrows(
                InvalidParameterException.class,
                () -> ecr.createPullThroughCacheRule(
                        r -> r.ecrRepositoryPrefix("q").upstreamRegistryUrl("quay.io")));
    }

    @Test
    void theReplicationConfigurationIsWhatWasPutAndNeverTheSourceRegistry() {
        var empty = ecr.describeRegistry(r -> {});
        assertEquals("123456789012", empty.registryId());
        assertEquals(List.of(), empty.replicationConfiguration().rules());

        ecr.putReplicationConfiguration(r -> r.replicationConfiguration(c ->
                c.rules(rule -> rule.destinations(d -> d.region("eu-central-1").registryId("123456789012"))
                        .repositoryFilters(f -> f.filter("team").filterType("PREFIX_MATCH")))));

        var rules = ecr.describeRegistry(r -> {}).replicationConfiguration().rules();
        assertEquals(1, rules.size());
        assertEquals("eu-central-1", rules.get(0).destinations().get(0).region());
        assertEquals("team", rules.get(0).repositoryFilters().get(0).filter());
        assertThrows(
                InvalidParameterException.class,
                () -> ecr.putReplicationConfiguration(r -> r.replicationConfiguration(c -> c.rules(
                        rule -> rule.destinations(d -> d.region("us-east-1").registryId("123456789012"))))));
        assertFalse(
                ecr.describeRegistry(r -> {}).replicationConfiguration().rules().isEmpty());
    }

    @Test
    void seedingMakesNoCallAndResetForgetsTheSettings() {
        emulator.seedRegistrySetting(
                "CreateRepositoryCreationTemplate", "{\"prefix\":\"team\",\"appliedFor\":[\"CREATE_ON_PUSH\"]}");
        assertEquals(List.of(), emulator.calls());
        assertEquals(
                1,
                ecr.describeRepositoryCreationTemplates(r -> {})
                        .repositoryCreationTemplates()
                        .size());

        emulator.reset();

        assertEquals(List.of(), ecr.describeRepositoryCreationTemplates(r -> {}).repositoryCreationTemplates());
        assertThrows(
                IllegalArgumentException.class,
                () -> emulator.seedRegistrySetting("CreateRepository", "{\"repositoryName\":\"a\"}"));
    }
}

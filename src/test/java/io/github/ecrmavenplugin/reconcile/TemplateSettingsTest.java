package io.github.ecrmavenplugin.reconcile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ecrmavenplugin.model.Encryption;
import io.github.ecrmavenplugin.model.RepositorySpec;
import io.github.ecrmavenplugin.model.TagMutability;
import io.github.ecrmavenplugin.registry.CreationTemplate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Each setting the POM declares against its creation template: one override for each that differs, none else. */
class TemplateSettingsTest {

    private static final String KEY = "arn:aws:kms:eu-west-1:123456789012:key/1111";
    private static final String ORG_PULL = """
            {"Sid": "OrgPull", "Effect": "Allow", "Principal": "*", "Action": ["ecr:BatchGetImage"],
             "Condition": {"StringEquals": {"aws:PrincipalOrgID": "o-abc123"}}}""";
    private static final String EXPIRE_UNTAGGED = """
            {"rules": [{"rulePriority": 1, "selection": {"tagStatus": "untagged", "countType": "sinceImagePushed",
              "countUnit": "days", "countNumber": 14}, "action": {"type": "expire"}}]}""";

    private static CreationTemplate template() {
        return new CreationTemplate(
                "team",
                Optional.empty(),
                Set.of(CreationTemplate.CREATE_ON_PUSH),
                Optional.of(TagMutability.fromRegistry("IMMUTABLE", List.of())),
                Optional.of(Encryption.fromRegistry("KMS", KEY)),
                Map.of("CostCenter", "42"),
                Optional.of("{\"Version\": \"2012-10-17\", \"Statement\": [" + ORG_PULL + "]}"),
                Optional.of(EXPIRE_UNTAGGED),
                Optional.empty());
    }

    @Test
    void aPomThatDeclaresWhatTheTemplateHasOverridesNothing() throws Exception {
        RepositorySpec spec = RepositorySpec.builder()
                .name("team/svc")
                .imageTagMutability("IMMUTABLE", List.of())
                .encryption("KMS", KEY)
                .tags(Map.of("CostCenter", "42"), false)
                .lifecyclePolicy(EXPIRE_UNTAGGED)
                .policy("{\"Version\": \"2012-10-17\", \"Statement\": [" + ORG_PULL + "]}")
                .build();

        assertEquals(List.of(), TemplateSettings.overrides(spec, template()));
    }

    @Test
    void eachSettingThatDiffersIsOneOverrideWithBothValues() throws Exception {
        String otherPull = ORG_PULL.replace("o-abc123", "o-zzz999");
        RepositorySpec spec = RepositorySpec.builder()
                .name("team/svc")
                .imageTagMutability("MUTABLE", List.of())
                .encryption("AES256", null)
                .tags(Map.of("CostCenter", "7", "Team", "payments"), false)
                .lifecyclePolicy(EXPIRE_UNTAGGED.replace("14", "30"))
                .policy("{\"Version\": \"2012-10-17\", \"Statement\": [" + otherPull + "]}")
                .build();

        List<TemplateOverride> overrides = TemplateSettings.overrides(spec, template());

        assertEquals(
                List.of(
                        "imageTagMutability",
                        "encryption",
                        "tag CostCenter",
                        "lifecycle policy",
                        "policy statement \"OrgPull\""),
                overrides.stream().map(TemplateOverride::setting).toList());
        assertEquals(
                List.of("team"),
                overrides.stream().map(TemplateOverride::template).distinct().toList());
        assertEquals("KMS (" + KEY + ")", overrides.get(1).templateValue());
        assertEquals("AES256", overrides.get(1).pomValue());
        assertEquals("42", overrides.get(2).templateValue());
        assertEquals("7", overrides.get(2).pomValue());
        TemplateOverride lifecycle = overrides.get(3);
        assertTrue(lifecycle.templateValue().startsWith("[rule 1 ("), lifecycle.templateValue());
        assertTrue(lifecycle.pomValue().startsWith("[rule 1 ("), lifecycle.pomValue());
        TemplateOverride statement = overrides.get(4);
        assertTrue(statement.templateValue().contains("o-abc123"), statement.templateValue());
        assertTrue(statement.pomValue().contains("o-zzz999"), statement.pomValue());
    }

    @Test
    void aPomAskingForTheTemplatesEncryptionTypeWithoutAKeyGetsTheTemplatesKeyAndAnotherTypeKeepsItsOwn()
            throws Exception {
        RepositorySpec kmsWithoutKey = RepositorySpec.builder()
                .name("team/svc")
                .encryption("KMS", null)
                .build();
        RepositorySpec aes = RepositorySpec.builder()
                .name("team/svc")
                .encryption("AES256", null)
                .build();
        RepositorySpec none = RepositorySpec.builder().name("team/svc").build();

        assertEquals(
                Optional.of(Encryption.fromRegistry("KMS", KEY)),
                TemplateSettings.atCreation(kmsWithoutKey, template()).encryption());
        assertEquals(
                Optional.of(Encryption.fromRegistry("AES256", null)),
                TemplateSettings.atCreation(aes, template()).encryption());
        assertEquals(
                Optional.of(Encryption.fromRegistry("KMS", KEY)),
                TemplateSettings.atCreation(none, template()).encryption());
    }
}

package io.github.ecrmavenplugin.reconcile;

import static io.github.ecrmavenplugin.reconcile.PolicyJson.allow;
import static io.github.ecrmavenplugin.reconcile.PolicyJson.policy;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ecrmavenplugin.model.Encryption;
import io.github.ecrmavenplugin.model.LifecycleRule;
import io.github.ecrmavenplugin.model.RepositorySpec;
import io.github.ecrmavenplugin.model.TagMutability;
import io.github.ecrmavenplugin.registry.Repository;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Each setting in the plan: at creation, unchanged, drifted, and (encryption) a creation-only mismatch. */
class PlanSettingsTest {

    private static final String ARN = "arn:aws:ecr:eu-west-1:123456789012:repository/my-service";
    private static final String URI = "123456789012.dkr.ecr.eu-west-1.amazonaws.com/my-service";
    private static final Encryption AES256 = new Encryption(Encryption.Type.AES256, Optional.empty());

    private static RepositorySpec.Builder spec() {
        return RepositorySpec.builder().name("my-service");
    }

    private static Repository repository(TagMutability mutability, boolean scanOnPush, Encryption encryption) {
        return new Repository("my-service", ARN, URI, "123456789012", mutability, scanOnPush, encryption);
    }

    private static Observed existing(Repository repository) {
        return new Observed(
                Optional.of(repository), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    }

    private static Observed existing(Map<String, String> tags) {
        return new Observed(
                Optional.of(new Repository("my-service", ARN, URI, "123456789012")),
                Optional.empty(),
                Optional.empty(),
                Optional.of(tags),
                Optional.empty());
    }

    private static Observed existingLifecycle(String text) {
        return new Observed(
                Optional.of(new Repository("my-service", ARN, URI, "123456789012")),
                Optional.empty(),
                Optional.ofNullable(text),
                Optional.empty(),
                Optional.empty());
    }

    @Nested
    class TagMutabilitySetting {
        @Test
        void travelsWithCreation() throws Exception {
            RepositorySpec spec = spec().imageTagMutability("IMMUTABLE", null).build();
            Plan plan = Plan.between(spec, Observed.absent());
            assertEquals(1, plan.changes().size());
            var create = assertInstanceOf(
                    Change.CreateRepository.class, plan.changes().get(0));
            assertEquals(
                    TagMutability.Mode.IMMUTABLE,
                    create.spec().tagMutability().orElseThrow().mode());
            assertEquals("created", plan.outcome());
        }

        @Test
        void unchangedIsNoChange() throws Exception {
            RepositorySpec spec = spec().imageTagMutability("IMMUTABLE_WITH_EXCLUSION", List.of("dev-*", "latest"))
                    .build();
            Repository same = repository(
                    new TagMutability(TagMutability.Mode.IMMUTABLE_WITH_EXCLUSION, List.of("latest", "dev-*")),
                    false,
                    AES256);
            assertTrue(Plan.between(spec, existing(same)).inSync());
        }

        @Test
        void driftIsCorrected() throws Exception {
            RepositorySpec spec = spec().imageTagMutability("IMMUTABLE", null).build();
            Plan plan = Plan.between(spec, existing(repository(TagMutability.DEFAULT, false, AES256)));
            var set = assertInstanceOf(
                    Change.SetTagMutability.class, plan.changes().get(0));
            assertEquals(TagMutability.DEFAULT, set.current());
            assertEquals("updated (image tag mutability MUTABLE -> IMMUTABLE)", plan.outcome());
        }

        @Test
        void changedFiltersAreDrift() throws Exception {
            RepositorySpec spec = spec().imageTagMutability("MUTABLE_WITH_EXCLUSION", List.of("release-*"))
                    .build();
            Repository other = repository(
                    new TagMutability(TagMutability.Mode.MUTABLE_WITH_EXCLUSION, List.of("v*")), false, AES256);
            assertInstanceOf(
                    Change.SetTagMutability.class,
                    Plan.between(spec, existing(other)).changes().get(0));
        }

        @Test
        void undeclaredIsLeftAlone() throws Exception {
            Repository immutable = repository(new TagMutability(TagMutability.Mode.IMMUTABLE, List.of()), true, AES256);
            assertTrue(Plan.between(spec().build(), existing(immutable)).inSync());
        }
    }

    @Nested
    class ScanOnPushSetting {
        @Test
        void travelsWithCreation() throws Exception {
            Plan plan = Plan.between(spec().scanOnPush(true).build(), Observed.absent());
            assertEquals(1, plan.changes().size());
            assertEquals(
                    Optional.of(true),
                    ((Change.CreateRepository) plan.changes().get(0)).spec().scanOnPush());
        }

        @Test
        void unchangedIsNoChange() throws Exception {
            assertTrue(Plan.between(
                            spec().scanOnPush(true).build(), existing(repository(TagMutability.DEFAULT, true, AES256)))
                    .inSync());
        }

        @Test
        void driftIsCorrectedBothWays() throws Exception {
            var on = assertInstanceOf(
                    Change.SetScanOnPush.class,
                    Plan.between(
                                    spec().scanOnPush(true).build(),
                                    existing(repository(TagMutability.DEFAULT, false, AES256)))
                            .changes()
                            .get(0));
            assertTrue(on.desired());
            var off = assertInstanceOf(
                    Change.SetScanOnPush.class,
                    Plan.between(
                                    spec().scanOnPush(false).build(),
                                    existing(repository(TagMutability.DEFAULT, true, AES256)))
                            .changes()
                            .get(0));
            assertEquals(false, off.desired());
        }
    }

    @Nested
    class Tags {
        @Test
        void travelWithCreation() throws Exception {
            Plan plan =
                    Plan.between(spec().tags(Map.of("team", "payments"), false).build(), Observed.absent());
            assertEquals(1, plan.changes().size());
            assertEquals(
                    Map.of("team", "payments"),
                    ((Change.CreateRepository) plan.changes().get(0))
                            .spec()
                            .tags()
                            .orElseThrow());
        }

        @Test
        void unchangedAndExtraTagsAreNoChange() throws Exception {
            RepositorySpec spec = spec().tags(Map.of("team", "payments"), false).build();
            assertTrue(Plan.between(spec, existing(Map.of("team", "payments", "cost-center", "42")))
                    .inSync());
        }

        @Test
        void missingAndChangedTagsAreSetOthersKept() throws Exception {
            RepositorySpec spec = spec().tags(Map.of("team", "payments", "env", "prod"), false)
                    .build();
            Plan plan = Plan.between(spec, existing(Map.of("team", "search", "owner", "someone")));
            assertEquals(1, plan.changes().size());
            var tag =
                    assertInstanceOf(Change.TagRepository.class, plan.changes().get(0));
            assertEquals(Map.of("team", "payments", "env", "prod"), tag.tags());
            assertEquals(Map.of("team", "search"), tag.current());
        }

        @Test
        void purgeTagsRemovesUndeclaredOnes() throws Exception {
            RepositorySpec spec = spec().tags(Map.of("team", "payments"), true).build();
            Plan plan = Plan.between(spec, existing(Map.of("team", "payments", "owner", "someone")));
            var untag = assertInstanceOf(
                    Change.UntagRepository.class, plan.changes().get(0));
            assertEquals(Set.of("owner"), untag.keys());
        }

        @Test
        void purgeTagsNeverRemovesTagsAwsReserves() throws Exception {
            RepositorySpec spec = spec().tags(Map.of("team", "payments"), true).build();
            Plan plan = Plan.between(
                    spec,
                    existing(Map.of(
                            "team",
                            "payments",
                            "owner",
                            "someone",
                            "aws:cloudformation:stack-name",
                            "infra",
                            "AWS:created-by",
                            "console")));
            var untag = assertInstanceOf(
                    Change.UntagRepository.class, plan.changes().get(0));
            assertEquals(Set.of("owner"), untag.keys());
            assertTrue(
                    Plan.between(spec, existing(Map.of("team", "payments", "aws:cloudformation:stack-name", "infra")))
                            .inSync());
        }
    }

    @Nested
    class LifecyclePolicySetting {
        private RepositorySpec keepThirty() throws Exception {
            return spec().lifecycleRules(List.of(LifecycleRule.expireUntaggedAfterDays(14), LifecycleRule.keepLast(30)))
                    .build();
        }

        @Test
        void isSetAfterCreation() throws Exception {
            Plan plan = Plan.between(keepThirty(), Observed.absent());
            assertEquals(
                    List.of(Change.CreateRepository.class, Change.SetLifecyclePolicy.class),
                    plan.changes().stream().map(Object::getClass).toList());
            assertEquals("created with its lifecycle policy", plan.outcome());
        }

        @Test
        void sameRulesInAnotherOrderAndLayoutAreUnchanged() throws Exception {
            String remote = """
                    {"rules":[
                     {"rulePriority":2,"description":"Keep the last 30 images",
                      "selection":{"tagStatus":"any","countType":"imageCountMoreThan","countNumber":30},
                      "action":{"type":"expire"}},
                     {"action":{"type":"expire"},"rulePriority":1,
                      "description":"Expire untagged images 14 days after push",
                      "selection":{"tagStatus":"untagged","countType":"sinceImagePushed","countUnit":"days",
                       "countNumber":14.0}}]}""";
            Plan plan = Plan.between(keepThirty(), existingLifecycle(remote));
            assertTrue(plan.inSync(), () -> plan.changes().toString());
        }

        @Test
        void differentRulesAreReplaced() throws Exception {
            String remote = """
                    {"rules":[{"rulePriority":1,
                     "selection":{"tagStatus":"any","countType":"imageCountMoreThan","countNumber":10},
                     "action":{"type":"expire"}}]}""";
            Plan plan = Plan.between(keepThirty(), existingLifecycle(remote));
            var set = assertInstanceOf(
                    Change.SetLifecyclePolicy.class, plan.changes().get(0));
            assertTrue(set.current().isPresent());
            assertEquals("updated (update lifecycle policy)", plan.outcome());
        }

        @Test
        void missingIsSet() throws Exception {
            Plan plan = Plan.between(keepThirty(), existingLifecycle(null));
            assertEquals("updated (set lifecycle policy)", plan.outcome());
        }

        @Test
        void undeclaredIsLeftAlone() throws Exception {
            assertTrue(Plan.between(spec().build(), existingLifecycle("{\"rules\":[]}"))
                    .inSync());
        }
    }

    @Nested
    class EncryptionSetting {
        @Test
        void travelsWithCreation() throws Exception {
            Plan plan = Plan.between(
                    spec().encryption("KMS", "arn:aws:kms:eu-west-1:123456789012:key/k1")
                            .build(),
                    Observed.absent());
            assertEquals(1, plan.changes().size());
            assertTrue(plan.mismatches().isEmpty());
        }

        @Test
        void sameIsInSync() throws Exception {
            Encryption kms =
                    new Encryption(Encryption.Type.KMS, Optional.of("arn:aws:kms:eu-west-1:123456789012:key/k1"));
            // the POM may name the key by its ID; ECR reports the ARN
            assertTrue(Plan.between(
                            spec().encryption("KMS", "k1").build(),
                            existing(repository(TagMutability.DEFAULT, false, kms)))
                    .inSync());
            assertTrue(Plan.between(
                            spec().encryption("KMS", null).build(),
                            existing(repository(TagMutability.DEFAULT, false, kms)))
                    .inSync());
        }

        @Test
        void mismatchIsReportedNeverChanged() throws Exception {
            Plan plan = Plan.between(
                    spec().encryption("KMS_DSSE", null).build(),
                    existing(repository(TagMutability.DEFAULT, false, AES256)));
            assertTrue(plan.changes().isEmpty(), "no change may touch a creation-only setting");
            assertEquals(1, plan.mismatches().size());
            assertEquals("encryption", plan.mismatches().get(0).setting());
            assertTrue(
                    plan.mismatches().get(0).message().contains("AES256 in ECR"),
                    plan.mismatches().get(0).message());
            assertTrue(!plan.inSync());
            assertEquals("up to date", plan.outcome());
        }
    }

    @Nested
    class MergedPolicy {
        private static final String OWN_STATEMENT = allow("Own", "arn:aws:iam::222222222222:root", "ecr:BatchGetImage");
        private static final String FOREIGN =
                policy(allow("Scanner", "arn:aws:iam::111111111111:root", "ecr:DescribeImages"), OWN_STATEMENT);
        private static final String OWN = policy(OWN_STATEMENT);

        private Observed withPolicy(String text) {
            return new Observed(
                    Optional.of(new Repository("my-service", ARN, URI, "123456789012")), Optional.ofNullable(text));
        }

        @Test
        void ownStatementPresentIsInSyncDespiteForeignOnes() throws Exception {
            RepositorySpec spec = spec().policy(OWN).policyMode("merge").build();
            assertTrue(Plan.between(spec, withPolicy(FOREIGN)).inSync());
        }

        @Test
        void replaceModeWouldRemoveTheForeignStatement() throws Exception {
            RepositorySpec spec = spec().policy(OWN).build();
            var set = assertInstanceOf(
                    Change.SetRepositoryPolicy.class,
                    Plan.between(spec, withPolicy(FOREIGN)).changes().get(0));
            assertEquals(1, set.desired().statements().size());
        }

        @Test
        void changedOwnStatementKeepsForeignOne() throws Exception {
            RepositorySpec spec = spec().policy(OWN.replace("222222222222", "333333333333"))
                    .policyMode("merge")
                    .build();
            var set = assertInstanceOf(
                    Change.SetRepositoryPolicy.class,
                    Plan.between(spec, withPolicy(FOREIGN)).changes().get(0));
            assertEquals(
                    List.of("Scanner", "Own"),
                    set.desired().statements().stream().map(s -> s.get("Sid")).toList());
            assertTrue(set.desired().toJson().contains("333333333333"));
            assertTrue(!set.desired().toJson().contains("222222222222"));
        }

        @Test
        void noPolicyYetMeansOwnStatementsOnly() throws Exception {
            RepositorySpec spec = spec().policy(OWN).policyMode("merge").build();
            var set = assertInstanceOf(
                    Change.SetRepositoryPolicy.class,
                    Plan.between(spec, withPolicy(null)).changes().get(0));
            assertEquals(1, set.desired().statements().size());
        }
    }
}

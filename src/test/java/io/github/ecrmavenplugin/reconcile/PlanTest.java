package io.github.ecrmavenplugin.reconcile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ecrmavenplugin.emulator.EcrEmulator;
import io.github.ecrmavenplugin.model.PullPolicy;
import io.github.ecrmavenplugin.model.RepositorySpec;
import io.github.ecrmavenplugin.registry.Repository;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PlanTest {

    private static final Repository EXISTING = new Repository(
            "my-service",
            "arn:aws:ecr:eu-west-1:123456789012:repository/my-service",
            "123456789012.dkr.ecr.eu-west-1.amazonaws.com/my-service",
            "123456789012");

    /** The rendered policy for account 123456789012, as ECR re-formats it. */
    private static final String REMOTE_POLICY = EcrEmulator.ecrFormattedPolicy("""
            {"Version":"2012-10-17","Statement":[{"Sid":"AllowPull","Effect":"Allow",
             "Principal":{"AWS":"arn:aws:iam::123456789012:root"},
             "Action":["ecr:BatchCheckLayerAvailability","ecr:BatchGetImage","ecr:GetDownloadUrlForLayer"]}]}""");

    private static RepositorySpec spec(String... accounts) throws Exception {
        var builder = RepositorySpec.builder().name("my-service");
        if (accounts.length > 0) {
            builder.pullPolicy(new PullPolicy(List.of(accounts), List.of(), List.of(), List.of()));
        }
        return builder.build();
    }

    private static Observed existing(String policyText) {
        return new Observed(Optional.of(EXISTING), Optional.ofNullable(policyText));
    }

    @Test
    void missingRepositoryIsCreated() throws Exception {
        Plan plan = Plan.between(spec(), Observed.absent());
        assertEquals(
                List.of(Change.CreateRepository.class),
                plan.changes().stream().map(Object::getClass).toList());
        assertEquals("created", plan.outcome());
    }

    @Test
    void missingRepositoryIsCreatedThenGetsItsPolicy() throws Exception {
        Plan plan = Plan.between(spec("123456789012"), Observed.absent());
        assertEquals(
                List.of(Change.CreateRepository.class, Change.SetRepositoryPolicy.class),
                plan.changes().stream().map(Object::getClass).toList());
        assertTrue(
                ((Change.SetRepositoryPolicy) plan.changes().get(1)).current().isEmpty());
        assertEquals("created with its repository policy", plan.outcome());
    }

    @Test
    void samePolicyFormattedByEcrIsUpToDate() throws Exception {
        Plan plan = Plan.between(spec("123456789012"), existing(REMOTE_POLICY));
        assertTrue(plan.isEmpty(), () -> plan.changes().toString());
        assertEquals("up to date", plan.outcome());
    }

    @Test
    void differentPolicyIsReplaced() throws Exception {
        Plan plan = Plan.between(spec("123456789012", "210987654321"), existing(REMOTE_POLICY));
        var set = assertInstanceOf(
                Change.SetRepositoryPolicy.class, plan.changes().get(0));
        assertEquals(1, plan.changes().size());
        assertTrue(set.current().isPresent());
        assertEquals("updated (update repository policy)", plan.outcome());
    }

    @Test
    void missingPolicyIsSet() throws Exception {
        Plan plan = Plan.between(spec("123456789012"), existing(null));
        assertInstanceOf(Change.SetRepositoryPolicy.class, plan.changes().get(0));
        assertEquals("updated (set repository policy)", plan.outcome());
    }

    @Test
    void remotePolicyIsLeftAloneWhenThePomDeclaresNone() throws Exception {
        assertTrue(Plan.between(spec(), existing(REMOTE_POLICY)).isEmpty());
    }

    @Test
    void unreadableRemotePolicyIsReplaced() throws Exception {
        Plan plan = Plan.between(spec("123456789012"), existing("not json"));
        assertInstanceOf(Change.SetRepositoryPolicy.class, plan.changes().get(0));
    }
}

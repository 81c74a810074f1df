package io.github.ecrmavenplugin.reconcile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ecrmavenplugin.model.Encryption;
import io.github.ecrmavenplugin.model.RepositorySpec;
import io.github.ecrmavenplugin.model.TagMutability;
import io.github.ecrmavenplugin.registry.Repository;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A merged policy is checked against ECR's size limit, as compact JSON, before anything is written. */
class MergedPolicySizeTest {

    private static final String OURS = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"Ours\",\"Effect\":"
            + "\"Allow\",\"Principal\":{\"AWS\":\"arn:aws:iam::210987654321:root\"},\"Action\":\"ecr:BatchGetImage\"}]}";

    @Test
    void aMergeOverTheLimitFailsNamingPolicyMode() throws Exception {
        RepositorySpec spec = RepositorySpec.builder()
                .name("team/app")
                .policy(OURS)
                .policyMode("merge")
                .build();
        // someone else's statement, pretty-printed by ECR, close to the limit on its own
        String theirs = "{\n  \"Version\" : \"2012-10-17\",\n  \"Statement\" : [ {\n    \"Sid\" : \"Theirs\",\n"
                + "    \"Effect\" : \"Allow\",\n    \"Principal\" : {\"AWS\" : \"arn:aws:iam::123456789012:root\"},\n"
                + "    \"Action\" : \"ecr:BatchGetImage\",\n    \"Condition\" : {\"StringEquals\" : {\"aws:PrincipalTag/x\" : \""
                + "y".repeat(10_000) + "\"}}\n  } ]\n}";
        Repository existing = new Repository(
                "team/app",
                "arn:aws:ecr:us-east-1:123456789012:repository/team/app",
                "host/team/app",
                "123456789012",
                TagMutability.DEFAULT,
                false,
                Encryption.fromRegistry("AES256", null));
        Observed observed = new Observed(Optional.of(existing), Optional.of(theirs));

        Plan plan = Plan.between(spec, observed);
        Reconciler.InvalidPlanException e =
                assertThrows(Reconciler.InvalidPlanException.class, () -> Reconciler.checked(plan));
        assertTrue(e.getMessage().contains("<policyMode>: the policy has 10"), e.getMessage());
        assertTrue(e.getMessage().contains("ECR accepts at most 10240"), e.getMessage());
        assertEquals(1, plan.changes().size());
    }
}

package io.github.ecrmavenplugin.iam;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ecrmavenplugin.model.LifecycleRule;
import io.github.ecrmavenplugin.model.RepositorySpec;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The lifecycle preview's two actions are in the least policy exactly when a lifecycle policy is declared. */
class IamPolicyLifecycleTest {

    @Test
    void aLifecyclePolicyNeedsThePreviewActions() throws Exception {
        RepositorySpec spec = RepositorySpec.builder()
                .name("team/app")
                .lifecycleRules(List.of(LifecycleRule.keepLast(5)))
                .build();
        String policy = new IamPolicy().forRepository(spec, "arn", false, true).toPrettyJson();
        assertTrue(policy.contains("\"ecr:StartLifecyclePolicyPreview\""), policy);
        assertTrue(policy.contains("\"ecr:GetLifecyclePolicyPreview\""), policy);
    }

    @Test
    void withoutALifecyclePolicyTheyAreNotAskedFor() throws Exception {
        String policy = new IamPolicy()
                .forRepository(RepositorySpec.builder().name("team/app").build(), "arn", false, true)
                .toPrettyJson();
        assertFalse(policy.contains("LifecyclePolicyPreview"), policy);
    }
}

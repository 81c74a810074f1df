package io.github.ecrmavenplugin;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ecrmavenplugin.registry.RegistryException;
import org.apache.maven.plugin.MojoFailureException;
import org.junit.jupiter.api.Test;

/** What the checks before a call let through and ECR refuses is reported naming the parameter that carried it. */
class FailuresRefusedByEcrTest {

    @Test
    void ecrRefusingALifecyclePolicyNamesTheLifecycleParameters() {
        RegistryException refused = RegistryException.of(
                RegistryException.Kind.REFUSED,
                new RegistryException.Call("PutLifecyclePolicy", "repository team/app", 1),
                "Invalid parameter at 'LifecyclePolicyText' failed to satisfy "
                        + "constraint: 'Lifecycle policy validation failure: Rule 1 has an unknown countType "
                        + "'sinceImageScanned'' (InvalidParameterException)",
                new RegistryException.Answer("InvalidParameterException", "req-1"),
                null);
        MojoFailureException e = assertThrows(MojoFailureException.class, () -> Failures.rethrow(refused));
        assertTrue(
                e.getMessage()
                        .startsWith(
                                "ECR refused the lifecycle policy (<lifecycleRules>, <lifecyclePolicy> "
                                        + "or <lifecyclePolicyFile>) of repository team/app: Invalid parameter at 'LifecyclePolicyText'"),
                e.getMessage());
        assertTrue(e.getMessage().contains("unknown countType 'sinceImageScanned'"), e.getMessage());
    }

    @Test
    void ecrRefusingARepositoryPolicyNamesThePolicyParameters() {
        RegistryException refused = RegistryException.of(
                RegistryException.Kind.REFUSED,
                new RegistryException.Call("SetRepositoryPolicy", "repository team/app", 1),
                "Invalid parameter at 'PolicyText' failed to satisfy constraint: "
                        + "'Invalid repository policy provided' (InvalidParameterException)",
                new RegistryException.Answer("InvalidParameterException", "req-2"),
                null);
        MojoFailureException e = assertThrows(MojoFailureException.class, () -> Failures.rethrow(refused));
        assertTrue(
                e.getMessage()
                        .startsWith("ECR refused the repository policy (<pullPolicy>, <policy> or <policyFile>) of "
                                + "repository team/app: "),
                e.getMessage());
    }
}

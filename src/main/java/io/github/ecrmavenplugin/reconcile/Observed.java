package io.github.ecrmavenplugin.reconcile;

import io.github.ecrmavenplugin.ecr.Repository;
import io.github.ecrmavenplugin.spec.PolicyDocument;
import java.util.Optional;

/**
 * What ECR has now for one repository. Only what the spec declares is read; the rest stays empty.
 *
 * @param repository the repository, or empty when it does not exist
 * @param policyText the repository policy as ECR returns it (re-formatted by ECR), or empty when there is none
 */
public record Observed(Optional<Repository> repository, Optional<String> policyText) {

    public static Observed absent() {
        return new Observed(Optional.empty(), Optional.empty());
    }

    public boolean exists() {
        return repository.isPresent();
    }

    /** The current policy, parsed for comparison; empty when there is none or ECR holds text that is not JSON. */
    public Optional<PolicyDocument> policy() {
        return policyText.flatMap(PolicyDocument::fromRegistry);
    }
}

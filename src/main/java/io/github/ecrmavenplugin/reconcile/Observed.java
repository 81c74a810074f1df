package io.github.ecrmavenplugin.reconcile;

import io.github.ecrmavenplugin.registry.Repository;
import io.github.ecrmavenplugin.model.LifecyclePolicy;
import io.github.ecrmavenplugin.model.PolicyDocument;
import java.util.Map;
import java.util.Optional;

/**
 * What ECR has now for one repository. Only what the spec declares is read; the rest stays empty.
 *
 * @param repository          the repository (with its settings), or empty when it does not exist
 * @param policyText          the repository policy as ECR returns it (re-formatted by ECR), or empty when there is
 *                            none
 * @param lifecyclePolicyText the lifecycle policy as ECR returns it, or empty when there is none or it was not read
 * @param tags                the repository's tags, or empty when they were not read
 * @param pushTagTaken        an image already carries the tag the build will push, and the tag is immutable
 */
public record Observed(Optional<Repository> repository, Optional<String> policyText,
        Optional<String> lifecyclePolicyText, Optional<Map<String, String>> tags, boolean pushTagTaken) {

    public Observed {
        tags = tags.map(Map::copyOf);
    }

    public Observed(Optional<Repository> repository, Optional<String> policyText) {
        this(repository, policyText, Optional.empty(), Optional.empty(), false);
    }

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

    /** The current lifecycle policy, parsed; empty when there is none or it is not JSON. */
    public Optional<LifecyclePolicy> lifecyclePolicy() {
        return lifecyclePolicyText.flatMap(LifecyclePolicy::fromRegistry);
    }
}

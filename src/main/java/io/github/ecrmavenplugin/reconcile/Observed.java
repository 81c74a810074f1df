package io.github.ecrmavenplugin.reconcile;

import io.github.ecrmavenplugin.model.LifecyclePolicy;
import io.github.ecrmavenplugin.model.PolicyDocument;
import io.github.ecrmavenplugin.registry.CreationTemplate;
import io.github.ecrmavenplugin.registry.Repository;
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
 * @param takenPushTag        a tag the build will push (Jib's main tag or an additional one) that an image
 *                            already carries and that is immutable; empty when there is none
 * @param creationTemplate    the registry's creation template for the repository's name (the one ECR would apply
 *                            if a push created it), read only when it matters: when the repository must be created,
 *                            or when the plan would remove something a template may have put there; empty when
 *                            there is none or it was not read
 */
public record Observed(
        Optional<Repository> repository,
        Optional<String> policyText,
        Optional<String> lifecyclePolicyText,
        Optional<Map<String, String>> tags,
        Optional<String> takenPushTag,
        Optional<CreationTemplate> creationTemplate) {

    public Observed {
        tags = tags.map(Map::copyOf);
    }

    public Observed(
            Optional<Repository> repository,
            Optional<String> policyText,
            Optional<String> lifecyclePolicyText,
            Optional<Map<String, String>> tags,
            Optional<String> takenPushTag) {
        this(repository, policyText, lifecyclePolicyText, tags, takenPushTag, Optional.empty());
    }

    /** The same observation, with the creation template that covers the repository's name. */
    public Observed withCreationTemplate(Optional<CreationTemplate> template) {
        return new Observed(repository, policyText, lifecyclePolicyText, tags, takenPushTag, template);
    }

    public Observed(Optional<Repository> repository, Optional<String> policyText) {
        this(repository, policyText, Optional.empty(), Optional.empty(), Optional.empty());
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

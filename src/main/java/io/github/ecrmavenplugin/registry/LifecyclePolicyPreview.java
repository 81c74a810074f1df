package io.github.ecrmavenplugin.registry;

import java.time.Instant;
import java.util.List;

/**
 * ECR's answer to {@code GetLifecyclePolicyPreview}: what a lifecycle policy would do to the repository's images
 * now. A preview applies nothing.
 *
 * @param status  {@code IN_PROGRESS}, {@code COMPLETE}, {@code EXPIRED}, {@code FAILED}, or a newer status
 * @param results every image the policy would act on (all pages); empty until complete
 */
public record LifecyclePolicyPreview(String status, List<Result> results) {

    public LifecyclePolicyPreview {
        results = List.copyOf(results);
    }

    public boolean isComplete() {
        return status.equals("COMPLETE");
    }

    /** Still running: ask again later. Any other status than these two is final. */
    public boolean isInProgress() {
        return status.equals("IN_PROGRESS");
    }

    /**
     * One image the policy would act on.
     *
     * @param action             {@code expire} or {@code transition} (lower case, as policies write it)
     * @param targetStorageClass for a transition, e.g. {@code archive}; else {@code null}
     */
    public record Result(
            String imageDigest,
            List<String> imageTags,
            Instant imagePushedAt,
            int rulePriority,
            String action,
            String targetStorageClass) {
        public Result {
            imageTags = List.copyOf(imageTags);
        }
    }
}

package io.github.ecrmavenplugin.emulator;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An immutable snapshot of one emulated repository.
 *
 * @param policyText          the repository policy exactly as stored (ECR stores it re-formatted), or {@code null}
 * @param lifecyclePolicyText the lifecycle policy exactly as stored (ECR stores it compacted), or {@code null}
 */
public record RepositoryState(
        String name,
        String arn,
        String uri,
        Instant createdAt,
        String imageTagMutability,
        List<ExclusionFilter> exclusionFilters,
        boolean scanOnPush,
        String encryptionType,
        String kmsKey,
        String policyText,
        String lifecyclePolicyText,
        Map<String, String> tags,
        Set<String> imageTags) {

    public RepositoryState {
        exclusionFilters = List.copyOf(exclusionFilters);
        tags = Map.copyOf(tags);
        imageTags = Set.copyOf(imageTags);
    }

    /** An {@code imageTagMutabilityExclusionFilters} entry; ECR knows only the {@code WILDCARD} type. */
    public record ExclusionFilter(String filterType, String filter) {
        public static ExclusionFilter wildcard(String filter) {
            return new ExclusionFilter("WILDCARD", filter);
        }
    }
}

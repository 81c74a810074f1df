package io.github.ecrmavenplugin.registry;

import java.util.List;
import java.util.Optional;

/**
 * A pull through cache rule of the registry, as {@code DescribePullThroughCacheRules} reports it: ECR creates and
 * fills the repositories under {@link #ecrRepositoryPrefix} from an upstream registry when an image is pulled.
 *
 * @param ecrRepositoryPrefix the namespace of the cache, without a trailing {@code /}, or {@code ROOT}
 * @param upstreamRegistryUrl where images come from, e.g. {@code registry-1.docker.io}
 */
public record PullThroughCacheRule(String ecrRepositoryPrefix, String upstreamRegistryUrl) {

    public PullThroughCacheRule {
        // As for creation templates, ECR assumes a '/' after the prefix.
        ecrRepositoryPrefix = ecrRepositoryPrefix.endsWith("/")
                ? ecrRepositoryPrefix.substring(0, ecrRepositoryPrefix.length() - 1)
                : ecrRepositoryPrefix;
    }

    /**
     * Whether {@code repositoryName} is in the cache's namespace: {@code docker-hub} covers
     * {@code docker-hub/library/nginx}, not {@code docker-hubx/app}. A {@code ROOT} rule (an ECR-to-ECR cache of
     * everything no other rule covers) covers no name by prefix.
     */
    public boolean covers(String repositoryName) {
        return !isRoot() && repositoryName.startsWith(ecrRepositoryPrefix + "/");
    }

    public boolean isRoot() {
        return ecrRepositoryPrefix.equals(CreationTemplate.ROOT);
    }

    /** The rule whose namespace holds {@code repositoryName}, the longest prefix first; empty when none does. */
    public static Optional<PullThroughCacheRule> covering(List<PullThroughCacheRule> rules, String repositoryName) {
        return rules.stream()
                .filter(rule -> rule.covers(repositoryName))
                .max(java.util.Comparator.comparingInt(
                        rule -> rule.ecrRepositoryPrefix().length()));
    }
}

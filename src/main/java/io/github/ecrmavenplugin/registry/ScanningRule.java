package io.github.ecrmavenplugin.registry;

import java.util.List;

/**
 * One rule of the registry's scanning configuration: how often ECR scans the repositories its filters match.
 *
 * @param frequency {@code SCAN_ON_PUSH}, {@code CONTINUOUS_SCAN}, {@code MANUAL}, or a frequency ECR adds
 * @param filters   the repository filters ({@code WILDCARD}); a repository matching any of them is covered
 */
public record ScanningRule(String frequency, List<String> filters) {

    public ScanningRule {
        filters = List.copyOf(filters);
    }

    /**
     * Whether the rule covers the repository, as ECR matches scanning filters: a filter without {@code *} matches
     * every name that contains it; one with {@code *}, the whole name, each {@code *} standing for any characters.
     */
    public boolean covers(String repositoryName) {
        return filters.stream()
                .anyMatch(filter -> filter.contains("*")
                        ? RepositoryFilters.wildcardMatch(filter, repositoryName)
                        : repositoryName.contains(filter));
    }

    /** {@code SCAN_ON_PUSH for team/*, prod} */
    @Override
    public String toString() {
        return frequency + " for " + (filters.isEmpty() ? "no repository" : String.join(", ", filters));
    }
}

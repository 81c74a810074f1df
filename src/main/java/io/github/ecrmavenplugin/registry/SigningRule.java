package io.github.ecrmavenplugin.registry;

import java.util.List;

/**
 * One rule of the registry's signing configuration: ECR signs the images pushed to the repositories it covers with
 * an AWS Signer signing profile.
 *
 * @param signingProfileArn the signing profile
 * @param filters           the repository filters ({@code WILDCARD_MATCH}); none covers every repository
 */
public record SigningRule(String signingProfileArn, List<String> filters) {

    public SigningRule {
        filters = List.copyOf(filters);
    }

    /** Whether the rule covers the repository: no filter, or a filter matching the whole name ({@code *}: any). */
    public boolean covers(String repositoryName) {
        return filters.isEmpty()
                || filters.stream().anyMatch(filter -> RepositoryFilters.wildcardMatch(filter, repositoryName));
    }

    /** {@code arn:aws:signer:...:/signing-profiles/ci (filters team/*)} */
    @Override
    public String toString() {
        return signingProfileArn
                + (filters.isEmpty() ? " (every repository)" : " (filters " + String.join(", ", filters) + ")");
    }
}

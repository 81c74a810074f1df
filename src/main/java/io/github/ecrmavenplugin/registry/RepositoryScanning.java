package io.github.ecrmavenplugin.registry;

import java.util.List;

/**
 * How ECR scans one repository ({@code BatchGetRepositoryScanningConfiguration}): the outcome of the registry's
 * rules and the repository's own setting.
 *
 * @param repositoryName the repository
 * @param frequency      {@code SCAN_ON_PUSH}, {@code CONTINUOUS_SCAN}, {@code MANUAL} (only on request), or a
 *                       frequency ECR adds
 * @param appliedFilters the registry rule's filters that cover the repository; empty when no rule does
 */
public record RepositoryScanning(String repositoryName, String frequency, List<String> appliedFilters) {

    public RepositoryScanning {
        appliedFilters = List.copyOf(appliedFilters);
    }

    /** Whether ECR scans each image pushed to the repository by itself. */
    public boolean scansPushedImages() {
        return frequency.equals("SCAN_ON_PUSH") || frequency.equals("CONTINUOUS_SCAN");
    }
}

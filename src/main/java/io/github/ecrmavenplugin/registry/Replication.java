package io.github.ecrmavenplugin.registry;

import java.util.List;

/**
 * The registry's replication configuration, as {@code DescribeRegistry} reports it: rules that copy the images
 * pushed to some repositories into other regions or accounts.
 *
 * @param rules the rules, in ECR's order; empty when the registry replicates nothing
 */
public record Replication(List<Rule> rules) {

    public static final Replication NONE = new Replication(List.of());

    public Replication {
        rules = List.copyOf(rules);
    }

    /**
     * One replication rule.
     *
     * @param destinations   where images go
     * @param prefixFilters  the {@code PREFIX_MATCH} filters on repository names; empty: every repository
     */
    public record Rule(List<Destination> destinations, List<String> prefixFilters) {
        public Rule {
            destinations = List.copyOf(destinations);
            prefixFilters = List.copyOf(prefixFilters);
        }

        /**
         * Whether the rule replicates {@code repositoryName}: no filter, or a filter that is a prefix of the name
         * (ECR's {@code PREFIX_MATCH} compares characters, not path segments).
         */
        public boolean replicates(String repositoryName) {
            return prefixFilters.isEmpty() || prefixFilters.stream().anyMatch(repositoryName::startsWith);
        }
    }

    /** A destination registry: a region and the account that owns it. */
    public record Destination(String region, String registryId) {}

    /**
     * The rules that replicate {@code repositoryName}, with their position (1-based) in the configuration.
     */
    public List<Numbered> rulesFor(String repositoryName) {
        List<Numbered> applying = new java.util.ArrayList<>();
        for (int i = 0; i < rules.size(); i++) {
            if (rules.get(i).replicates(repositoryName)) {
                applying.add(new Numbered(i + 1, rules.get(i)));
            }
        }
        return applying;
    }

    /** A rule with its position in the configuration, as the build log names it. */
    public record Numbered(int number, Rule rule) {}
}

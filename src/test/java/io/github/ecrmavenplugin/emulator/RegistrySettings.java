package io.github.ecrmavenplugin.emulator;

import io.github.ecrmavenplugin.emulator.RepositoryState.ExclusionFilter;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The settings of the emulated registry itself, as a platform team makes them: repository creation templates,
 * pull through cache rules and the replication configuration. Every read and write goes through this object's
 * monitor, so each operation is atomic, as in ECR. Templates and rules are kept in prefix order, so paging is stable.
 */
final class RegistrySettings {

    /** A repository creation template, as {@code CreateRepositoryCreationTemplate} stores it. */
    static final class Template {
        final String prefix;
        String description;
        String encryptionType; // null: no encryption configuration
        String kmsKey;
        Map<String, String> resourceTags = new LinkedHashMap<>();
        String imageTagMutability; // null: none given
        List<ExclusionFilter> exclusionFilters = List.of();
        String repositoryPolicy;
        String lifecyclePolicy;
        List<String> appliedFor = List.of();
        String customRoleArn;
        final Instant createdAt;
        Instant updatedAt;

        Template(String prefix, Instant createdAt) {
            this.prefix = prefix;
            this.createdAt = createdAt;
            this.updatedAt = createdAt;
        }
    }

    /** A pull through cache rule, as {@code CreatePullThroughCacheRule} stores it. */
    record CacheRule(
            String ecrRepositoryPrefix,
            String upstreamRegistryUrl,
            String upstreamRegistry,
            String credentialArn,
            String customRoleArn,
            String upstreamRepositoryPrefix,
            Instant createdAt) {}

    /** One replication rule: destinations as {@code region -> registryId} pairs, and prefix filters. */
    record ReplicationRule(List<Map.Entry<String, String>> destinations, List<String> prefixFilters) {}

    private final Map<String, Template> templates = new TreeMap<>();
    private final Map<String, CacheRule> cacheRules = new TreeMap<>();
    private List<ReplicationRule> replication = List.of();

    synchronized <T> T withTemplates(Function<Map<String, Template>, T> action) {
        return action.apply(templates);
    }

    synchronized <T> T withCacheRules(Function<Map<String, CacheRule>, T> action) {
        return action.apply(cacheRules);
    }

    synchronized List<ReplicationRule> replication() {
        return replication;
    }

    synchronized void replication(List<ReplicationRule> rules) {
        replication = List.copyOf(rules);
    }

    synchronized void clear() {
        templates.clear();
        cacheRules.clear();
        replication = List.of();
    }
}

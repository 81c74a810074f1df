package io.github.ecrmavenplugin.reconcile;

import java.util.List;
import java.util.Map;

/**
 * What the registry around one repository says about it, for plan mode: each thing a platform team set at the level
 * of the registry that bears on this repository (the creation template for its name, replication, ...), and what
 * it means for the repository. Gathered in one place, {@link RegistryContexts}; read in plan mode only.
 *
 * @param repositoryName the repository
 * @param entries        one per topic, in a fixed order
 */
public record RegistryContext(String repositoryName, List<Entry> entries) {

    public RegistryContext {
        entries = List.copyOf(entries);
    }

    /**
     * One thing the registry says about the repository.
     *
     * @param topic   what it is about, the key of the JSON plan's {@code registry} object: {@code creationTemplate},
     *                {@code replication}, {@code signing}, ...
     * @param text    what it means for the repository, one line for the build log
     * @param details the same for tools, in the JSON plan
     */
    public record Entry(String topic, String text, Map<String, Object> details) {
        public Entry {
            details = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(details));
        }
    }
}

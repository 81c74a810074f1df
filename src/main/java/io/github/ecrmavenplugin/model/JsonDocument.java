package io.github.ecrmavenplugin.model;

import io.github.ecrmavenplugin.json.Json;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A JSON document that is equal to another of its kind when the two mean the same ({@link Json#canonical}): ECR
 * hands policies back re-formatted or compacted, so comparing text would see drift on every build.
 */
public abstract class JsonDocument {

    private final Map<String, Object> document;
    private final Object canonical;
    private final List<String> warnings;

    JsonDocument(Map<String, Object> document, List<String> warnings) {
        this.document = document;
        this.canonical = Json.canonical(document);
        this.warnings = List.copyOf(warnings);
    }

    /**
     * A document's text from the POM as a JSON object, or an error naming {@code parameter}: {@code what} names the
     * document ("the policy"), {@code whatToGive} says what an empty one lacks, {@code notAnObject} what the
     * top-level value must be.
     */
    @SuppressWarnings("unchecked")
    static Map<String, Object> pomObject(
            String text, String parameter, String what, String whatToGive, String notAnObject)
            throws InvalidConfigurationException {
        if (text == null || text.isBlank()) {
            throw new InvalidConfigurationException(
                    parameter, what + " is empty; " + whatToGive + " or remove the parameter");
        }
        Object parsed;
        try {
            parsed = Json.parse(text);
        } catch (IllegalArgumentException e) {
            throw new InvalidConfigurationException(parameter, what + " is not valid JSON: " + e.getMessage(), e);
        }
        if (!(parsed instanceof Map<?, ?>)) {
            throw new InvalidConfigurationException(parameter, notAnObject);
        }
        return (Map<String, Object>) parsed;
    }

    /** A document's text as ECR holds it, unchecked; empty when it is not a JSON object (it counts as different). */
    @SuppressWarnings("unchecked")
    static Optional<Map<String, Object>> registryObject(String text) {
        try {
            if (Json.parse(text) instanceof Map<?, ?> map) {
                return Optional.of((Map<String, Object>) map);
            }
        } catch (IllegalArgumentException e) {
            // not JSON: treated as different
        }
        return Optional.empty();
    }

    /** The document as plain JSON values (read-only). */
    public Map<String, Object> document() {
        return document;
    }

    /**
     * What the checks of a POM's document found worth a warning in the build log but not a refusal, e.g. an action
     * or a {@code countType} newer than the bundled SDK; none for a document read from ECR or rendered by the plugin.
     */
    public List<String> warnings() {
        return warnings;
    }

    /** Compact JSON: what is sent to ECR. */
    public String toJson() {
        return Json.write(document);
    }

    @Override
    @SuppressWarnings("EqualsGetClass") // a repository policy is never equal to a lifecycle policy of the same JSON
    public boolean equals(Object o) {
        return o != null && o.getClass() == getClass() && canonical.equals(((JsonDocument) o).canonical);
    }

    @Override
    public int hashCode() {
        return canonical.hashCode();
    }

    @Override
    public String toString() {
        return toJson();
    }
}

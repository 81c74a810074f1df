package io.github.ecrmavenplugin.model;

import io.github.ecrmavenplugin.json.Json;

import java.util.Map;

/**
 * A JSON document that is equal to another of its kind when the two mean the same ({@link Json#canonical}): ECR
 * hands policies back re-formatted or compacted, so comparing text would see drift on every build.
 */
public abstract class JsonDocument {

    private final Map<String, Object> document;
    private final Object canonical;

    JsonDocument(Map<String, Object> document) {
        this.document = document;
        this.canonical = Json.canonical(document);
    }

    /** The document as plain JSON values (read-only). */
    public Map<String, Object> document() {
        return document;
    }

    /** Compact JSON: what is sent to ECR. */
    public String toJson() {
        return Json.write(document);
    }

    @Override
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

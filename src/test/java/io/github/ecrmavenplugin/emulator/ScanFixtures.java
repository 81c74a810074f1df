package io.github.ecrmavenplugin.emulator;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.protocols.jsoncore.JsonNode;
import software.amazon.awssdk.protocols.jsoncore.JsonWriter;

/**
 * Findings as ECR returns them, read from {@code /emulator/scan-findings/<name>.json} (an object with a
 * {@code findings} array of basic findings and/or an {@code enhancedFindings} array of enhanced ones, in ECR's
 * exact shapes, and optionally the {@code findingSeverityCounts} ECR reports with them, for a scan whose counts
 * and list disagree), or generated: {@code generated:N} is N basic findings with severities in turn, for paging.
 */
final class ScanFixtures {

    private static final String GENERATED = "generated:";
    private static final String[] SEVERITIES = {"CRITICAL", "HIGH", "MEDIUM", "LOW", "INFORMATIONAL", "UNDEFINED"};
    private static final Map<String, Fixture> LOADED = new ConcurrentHashMap<>();

    /**
     * One fixture: the basic and the enhanced findings, each a JSON object as ECR writes it, and the severity counts
     * to report instead of those of the findings, when given.
     */
    record Fixture(List<JsonNode> basic, List<JsonNode> enhanced, java.util.Optional<JsonNode> counts) {
        List<JsonNode> all(boolean enhancedScan) {
            return enhancedScan ? enhanced : basic;
        }
    }

    private ScanFixtures() {}

    static void check(String name) {
        get(name);
    }

    static Fixture get(String name) {
        return LOADED.computeIfAbsent(name, ScanFixtures::load);
    }

    private static Fixture load(String name) {
        if (name.startsWith(GENERATED)) {
            int count = Integer.parseInt(name.substring(GENERATED.length()));
            List<JsonNode> findings = new ArrayList<>();
            for (int i = 1; i <= count; i++) {
                findings.add(JsonNode.parser().parse(generated(i)));
            }
            return new Fixture(findings, List.of(), java.util.Optional.empty());
        }
        try (InputStream in = ScanFixtures.class.getResourceAsStream("/emulator/scan-findings/" + name + ".json")) {
            if (in == null) {
                throw new IllegalArgumentException("no scan findings fixture " + name + " (a file of "
                        + "src/test/resources/emulator/scan-findings, or generated:N)");
            }
            JsonNode root = JsonNode.parser().parse(in);
            return new Fixture(
                    array(root, "findings"), array(root, "enhancedFindings"), root.field("findingSeverityCounts"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<JsonNode> array(JsonNode root, String field) {
        return root.field(field).map(JsonNode::asArray).orElse(List.of());
    }

    private static String generated(int i) {
        String id = String.format("CVE-2099-%05d", i);
        String severity = SEVERITIES[(i - 1) % SEVERITIES.length];
        return "{\"name\":\"" + id + "\",\"description\":\"Generated finding " + i + "\","
                + "\"uri\":\"https://security-tracker.debian.org/tracker/" + id + "\",\"severity\":\"" + severity
                + "\",\"attributes\":[{\"key\":\"package_version\",\"value\":\"1." + i + "\"},"
                + "{\"key\":\"package_name\",\"value\":\"pkg-" + i + "\"}]}";
    }

    /** The severity of a finding of either shape. */
    static String severity(JsonNode finding) {
        return finding.field("severity")
                .filter(JsonNode::isString)
                .map(JsonNode::asString)
                .orElse("UNDEFINED");
    }

    /** Writes a parsed JSON value as it came: fixtures are ECR's response shapes, passed through. */
    static void write(JsonWriter out, JsonNode node) {
        if (node.isObject()) {
            out.writeStartObject();
            node.asObject().forEach((key, value) -> {
                out.writeFieldName(key);
                write(out, value);
            });
            out.writeEndObject();
        } else if (node.isArray()) {
            out.writeStartArray();
            node.asArray().forEach(item -> write(out, item));
            out.writeEndArray();
        } else if (node.isString()) {
            out.writeValue(node.asString());
        } else if (node.isNumber()) {
            out.writeNumber(node.asNumber());
        } else if (node.isBoolean()) {
            out.writeValue(node.asBoolean());
        } else {
            out.writeNull();
        }
    }
}

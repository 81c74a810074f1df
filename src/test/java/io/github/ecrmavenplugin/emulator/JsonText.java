package io.github.ecrmavenplugin.emulator;

import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.protocols.jsoncore.JsonNode;
import software.amazon.awssdk.protocols.jsoncore.JsonWriter;

/**
 * Re-serializes a parsed JSON document the two ways ECR does.
 *
 * <p>ECR never hands back the policy bytes it was sent: repository policies come back pretty-printed in
 * Jackson's default style ({@code "Key" : value}, two-space indent, arrays inline as {@code [ a, b ]}), and
 * lifecycle policies come back compacted. A client that compares text byte for byte sees a difference on every
 * run, which is exactly the behaviour the plugin has to cope with, so the emulator reproduces it.
 */
final class JsonText {

    private JsonText() {}

    /** Jackson {@code DefaultPrettyPrinter} layout, as ECR returns repository policies. */
    static String pretty(JsonNode node) {
        StringBuilder out = new StringBuilder();
        writePretty(node, out, 0);
        return out.toString();
    }

    /** No whitespace at all, as ECR returns lifecycle policies. */
    static String compact(JsonNode node) {
        StringBuilder out = new StringBuilder();
        writeCompact(node, out);
        return out.toString();
    }

    // Jackson indents only inside objects; arrays stay on the line they open on, so their nesting does not count.
    private static void writePretty(JsonNode node, StringBuilder out, int nesting) {
        if (node.isObject()) {
            Map<String, JsonNode> fields = node.asObject();
            if (fields.isEmpty()) {
                out.append("{ }");
                return;
            }
            out.append('{');
            Iterator<Map.Entry<String, JsonNode>> it = fields.entrySet().iterator();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> field = it.next();
                newline(out, nesting + 1);
                quote(field.getKey(), out);
                out.append(" : ");
                writePretty(field.getValue(), out, nesting + 1);
                if (it.hasNext()) {
                    out.append(',');
                }
            }
            newline(out, nesting);
            out.append('}');
        } else if (node.isArray()) {
            List<JsonNode> items = node.asArray();
            if (items.isEmpty()) {
                out.append("[ ]");
                return;
            }
            out.append("[ ");
            for (int i = 0; i < items.size(); i++) {
                if (i > 0) {
                    out.append(", ");
                }
                writePretty(items.get(i), out, nesting);
            }
            out.append(" ]");
        } else {
            writeScalar(node, out);
        }
    }

    private static void newline(StringBuilder out, int nesting) {
        out.append('\n');
        out.append("  ".repeat(nesting));
    }

    private static void writeCompact(JsonNode node, StringBuilder out) {
        if (node.isObject()) {
            out.append('{');
            boolean first = true;
            for (Map.Entry<String, JsonNode> field : node.asObject().entrySet()) {
                if (!first) {
                    out.append(',');
                }
                first = false;
                quote(field.getKey(), out);
                out.append(':');
                writeCompact(field.getValue(), out);
            }
            out.append('}');
        } else if (node.isArray()) {
            out.append('[');
            List<JsonNode> items = node.asArray();
            for (int i = 0; i < items.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                writeCompact(items.get(i), out);
            }
            out.append(']');
        } else {
            writeScalar(node, out);
        }
    }

    private static void writeScalar(JsonNode node, StringBuilder out) {
        if (node.isString()) {
            quote(node.asString(), out);
        } else if (node.isNumber()) {
            out.append(node.asNumber());
        } else if (node.isBoolean()) {
            out.append(node.asBoolean());
        } else {
            out.append("null");
        }
    }

    /**
     * A JSON string literal as ECR writes it. The layout ECR hands back is Jackson's, and the AWS SDK's JSON writer
     * is Jackson (bundled in the SDK), so it escapes as ECR does. The plugin's {@code json.Json} quotes with the same
     * writer: one escaper in the project. The emulator stays an independent check of the plugin all the same,
     * because escaping is the library's, not either side's, and what the emulator is there to check (the layout
     * ECR hands back, validation, state) is written here, apart from the plugin's code.
     */
    static void quote(String text, StringBuilder out) {
        out.append(new String(JsonWriter.create().writeValue(text).getBytes(), StandardCharsets.UTF_8));
    }
}

package io.github.ecrmavenplugin.json;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.protocols.jsoncore.JsonNode;
import software.amazon.awssdk.protocols.jsoncore.JsonWriter;

/**
 * JSON as plain Java values: {@link Map} (insertion-ordered), {@link List}, {@link String}, {@link BigDecimal},
 * {@link Boolean} and {@code null}. Parsing uses the AWS SDK's own parser (already on the classpath), and so does
 * escaping a string; the layout is a few lines here because the policies we render are small and must be
 * byte-for-byte predictable.
 */
public final class Json {

    private Json() {}

    /** A place in the text as the parser names it: the source (a copy of the text), then line and column. */
    private static final Pattern SOURCE =
            Pattern.compile("\\[Source: .*?; line: (\\d+), column: (\\d+)\\]", Pattern.DOTALL);
    /** A class name in a message, e.g. {@code software.amazon.awssdk.thirdparty.jackson.core.JsonParseException: }. */
    private static final Pattern CLASS_NAME =
            Pattern.compile("\\b(?:[a-z][a-z0-9_]*\\.)+[A-Z]\\w*(?:Exception|Error):?\\s*");

    /**
     * Parses JSON text; throws {@link IllegalArgumentException} when it is not JSON, saying where and what is wrong
     * in the text ({@code at line 1, column 8, unexpected character ...}), in words about the document rather than
     * the parser's own (no class names, no copy of the text).
     */
    public static Object parse(String text) {
        JsonNode node;
        try {
            node = JsonNode.parser().parse(text);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(reason(e), e);
        }
        if (node == null) {
            throw new IllegalArgumentException("there is no JSON value in it");
        }
        return toValue(node);
    }

    /** The parser's reason as {@code at line L, column C, what is wrong}; the line is the last place it names. */
    private static String reason(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? "" : root.getMessage();
        Matcher place = SOURCE.matcher(message);
        String where = null;
        while (place.find()) {
            where = "at line " + place.group(1) + ", column " + place.group(2);
        }
        String located = SOURCE.matcher(message).replaceAll("line $1, column $2");
        String what = CLASS_NAME.matcher(firstLine(located)).replaceAll("").trim();
        if (what.isEmpty()) {
            what = "not valid JSON";
        }
        what = Character.toLowerCase(what.charAt(0)) + what.substring(1);
        return where == null ? what : where + ", " + what;
    }

    private static Object toValue(JsonNode node) {
        if (node.isObject()) {
            Map<String, Object> map = new LinkedHashMap<>();
            node.asObject().forEach((k, v) -> map.put(k, toValue(v)));
            return Collections.unmodifiableMap(map);
        }
        if (node.isArray()) {
            List<Object> list = new ArrayList<>();
            node.asArray().forEach(v -> list.add(toValue(v)));
            return Collections.unmodifiableList(list);
        }
        if (node.isString()) {
            return node.asString();
        }
        if (node.isNumber()) {
            return new BigDecimal(node.asNumber());
        }
        if (node.isBoolean()) {
            return node.asBoolean();
        }
        return null;
    }

    /**
     * The semantic normal form used to compare IAM-style documents: object keys sorted, numbers stripped of
     * trailing zeros, and every array treated as a set (IAM and ECR lifecycle documents give array order no
     * meaning) — sorted, de-duplicated, and a one-element array equal to its element ({@code "a"} ≡ {@code ["a"]}).
     */
    public static Object canonical(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> sorted = new TreeMap<>();
            map.forEach((k, v) -> sorted.put((String) k, canonical(v)));
            return Collections.unmodifiableMap(sorted);
        }
        if (value instanceof List<?> list) {
            List<Object> elements = new ArrayList<>();
            for (Object element : list) {
                Object c = canonical(element);
                if (!elements.contains(c)) {
                    elements.add(c);
                }
            }
            if (elements.size() == 1) {
                return elements.get(0);
            }
            elements.sort(Comparator.comparing(Json::write));
            return Collections.unmodifiableList(elements);
        }
        if (value instanceof BigDecimal number) {
            return number.signum() == 0 ? BigDecimal.ZERO : number.stripTrailingZeros();
        }
        return value;
    }

    /** Compact JSON. */
    public static String write(Object value) {
        StringBuilder out = new StringBuilder();
        write(value, out, null, "");
        return out.toString();
    }

    /** JSON indented by two spaces, for humans reading a plan or a build log. */
    public static String pretty(Object value) {
        StringBuilder out = new StringBuilder();
        write(value, out, "  ", "");
        return out.toString();
    }

    private static void write(Object value, StringBuilder out, String indent, String current) {
        String inner = indent == null ? "" : current + indent;
        String newline = indent == null ? "" : "\n";
        if (value instanceof Map<?, ?> map) {
            if (map.isEmpty()) {
                out.append("{}");
                return;
            }
            out.append('{').append(newline);
            int i = 0;
            for (Map.Entry<?, ?> e : map.entrySet()) {
                out.append(inner);
                string((String) e.getKey(), out);
                out.append(indent == null ? ":" : ": ");
                write(e.getValue(), out, indent, inner);
                out.append(++i < map.size() ? "," : "").append(newline);
            }
            out.append(indent == null ? "" : current).append('}');
        } else if (value instanceof List<?> list) {
            if (list.isEmpty()) {
                out.append("[]");
                return;
            }
            out.append('[').append(newline);
            for (int i = 0; i < list.size(); i++) {
                out.append(inner);
                write(list.get(i), out, indent, inner);
                out.append(i + 1 < list.size() ? "," : "").append(newline);
            }
            out.append(indent == null ? "" : current).append(']');
        } else if (value instanceof String s) {
            string(s, out);
        } else if (value instanceof BigDecimal number) {
            out.append(number.toPlainString());
        } else if (value instanceof Number || value instanceof Boolean) {
            out.append(value);
        } else if (value == null) {
            out.append("null");
        } else {
            throw new IllegalArgumentException(
                    "not a JSON value: " + value.getClass().getName());
        }
    }

    /**
     * A JSON string literal, escaped by the AWS SDK's JSON writer (its bundled Jackson), the one escaper of the
     * project: the ECR emulator quotes with it too, so a string the plugin sends and one the emulator hands back
     * are escaped alike, and as ECR (whose layout is Jackson's) escapes them: quotes, backslashes and control characters,
     * with the short forms \b \f \n \r \t where JSON has them.
     */
    private static void string(String s, StringBuilder out) {
        out.append(new String(JsonWriter.create().writeValue(s).getBytes(), StandardCharsets.UTF_8));
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "not valid JSON";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }
}

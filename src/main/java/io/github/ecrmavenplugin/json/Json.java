package io.github.ecrmavenplugin.json;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.protocols.jsoncore.JsonWriter;
import software.amazon.awssdk.thirdparty.jackson.core.JsonFactory;
import software.amazon.awssdk.thirdparty.jackson.core.JsonLocation;
import software.amazon.awssdk.thirdparty.jackson.core.JsonParser;
import software.amazon.awssdk.thirdparty.jackson.core.JsonProcessingException;
import software.amazon.awssdk.thirdparty.jackson.core.JsonToken;

/**
 * JSON as plain Java values: {@link Map} (insertion-ordered), {@link List}, {@link String}, {@link BigDecimal},
 * {@link Boolean} and {@code null}. Parsing uses the JSON reader the AWS SDK bundles (already on the classpath), and
 * escaping a string the SDK's writer; the layout is a few lines here because the policies we render are small and
 * must be byte-for-byte predictable.
 */
public final class Json {

    private Json() {}

    /**
     * The SDK's bundled JSON reader, strict: no comments, no {@code NaN}, nothing that is not JSON. (The SDK's own
     * {@code JsonNode} parser allows comments and stops after the first value, so a file could differ from what is
     * sent.)
     */
    private static final JsonFactory STRICT = JsonFactory.builder().build();

    /** The reader's limits, by the name its messages give them, in words about the document. */
    private static final Map<String, String> LIMITS = Map.of(
            "getMaxNestingDepth", "objects and arrays nest more than %s deep",
            "getMaxStringLength", "a string has more than %s characters",
            "getMaxNumberLength", "a number has more than %s digits",
            "getMaxNameLength", "a key has more than %s characters",
            "getMaxDocumentLength", "the document has more than %s characters",
            "getMaxTokenCount", "the document has more than %s values");

    /** A limit of the reader in its message: {@code ... exceeds the maximum allowed (1000, from `...getMaxX()`)}. */
    private static final Pattern LIMIT =
            Pattern.compile("exceeds the maximum allowed \\((\\d+), from `\\w+\\.(\\w+)\\(\\)`\\)");

    private static final Pattern NON_NUMERIC = Pattern.compile("Non-standard token '([^']*)'.*");

    /** Another place in the text as the reader names it, e.g. where an unclosed array starts. */
    private static final Pattern SOURCE = Pattern.compile("\\[Source: .*?; line: (\\d+), column: (\\d+)\\]");

    /**
     * A setting of the reader its message names, e.g. {@code : enable `JsonReadFeature.X` to allow} or
     * {@code (not recognized as one since Feature 'X' not enabled for parser)}: the reader's words, not the user's.
     */
    private static final Pattern READER_SETTING =
            Pattern.compile("\\s*\\([^()]*Feature '[^()]*\\)|[:;,]?\\s*[^:;,(]*`[^`]*`.*");

    /**
     * Parses JSON text: one JSON value, and nothing but white space around it. Throws
     * {@link IllegalArgumentException} when it is not that, saying where and what is wrong in the text
     * ({@code at line 1, column 8, unexpected character ...}), in words about the document rather than the
     * parser's own (no class names, no copy of the text).
     */
    public static Object parse(String text) {
        try (JsonParser parser = STRICT.createParser(text)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                throw new IllegalArgumentException("there is no JSON value in it");
            }
            Object value = read(parser, first);
            checkNothingFollows(text, (int) parser.currentLocation().getCharOffset());
            return value;
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(reason(e), e);
        } catch (IOException e) {
            throw new IllegalArgumentException("it cannot be read: " + e.getMessage(), e);
        }
    }

    private static Object read(JsonParser parser, JsonToken token) throws IOException {
        switch (token) {
            case START_OBJECT -> {
                Map<String, Object> map = new LinkedHashMap<>();
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String name = parser.currentName();
                    map.put(name, read(parser, parser.nextToken()));
                }
                return Collections.unmodifiableMap(map);
            }
            case START_ARRAY -> {
                List<Object> list = new ArrayList<>();
                for (JsonToken next = parser.nextToken(); next != JsonToken.END_ARRAY; next = parser.nextToken()) {
                    list.add(read(parser, next));
                }
                return Collections.unmodifiableList(list);
            }
            case VALUE_STRING -> {
                return parser.getText();
            }
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> {
                return parser.getDecimalValue();
            }
            case VALUE_TRUE -> {
                return true;
            }
            case VALUE_FALSE -> {
                return false;
            }
            default -> {
                return null;
            }
        }
    }

    /**
     * Fails when anything but white space follows the value that ends at {@code end}: a second document, a comment,
     * any text. The plugin sends ECR the value it read, so what follows would be dropped without a word.
     */
    private static void checkNothingFollows(String text, int end) {
        int extra = end;
        while (extra < text.length() && " \t\r\n".indexOf(text.charAt(extra)) >= 0) {
            extra++;
        }
        if (extra < text.length()) {
            int excerptEnd = Math.min(text.length(), extra + 20);
            String excerpt = text.substring(extra, excerptEnd).replaceAll("\\s+", " ")
                    + (excerptEnd < text.length() ? "..." : "");
            throw new IllegalArgumentException(place(text, extra) + ", more text follows the end of the JSON value: "
                    + write(excerpt) + ". A document is one JSON value; remove what follows it (a comment too: JSON "
                    + "has none, and what is sent to ECR would differ from the file)");
        }
    }

    /** {@code at line L, column C} of the character at {@code offset}, both counted from 1. */
    private static String place(String text, int offset) {
        int line = 1;
        int lineStart = 0;
        for (int i = 0; i < offset; i++) {
            if (text.charAt(i) == '\n') {
                line++;
                lineStart = i + 1;
            }
        }
        return "at line " + line + ", column " + (offset - lineStart + 1);
    }

    /**
     * The reader's reason as {@code at line L, column C, what is wrong}, in words about the document: its limits and
     * the settings it names (how to allow comments, {@code NaN}, ...) are the reader's, not the user's.
     */
    private static String reason(JsonProcessingException e) {
        String message = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
        Matcher limit = LIMIT.matcher(message);
        if (limit.find()) {
            String words = LIMITS.getOrDefault(limit.group(2), "it exceeds a limit of the JSON reader (%s)");
            return "it is too large to read: " + String.format(Locale.ROOT, words, limit.group(1));
        }
        String what = SOURCE.matcher(firstLine(message)).replaceAll("line $1, column $2");
        Matcher nonNumeric = NON_NUMERIC.matcher(what);
        if (nonNumeric.matches()) {
            what = nonNumeric.group(1) + " is not a JSON number (JSON has no NaN or Infinity); write a number, or a "
                    + "string in quotes";
        } else if (what.contains("maybe a (non-standard) comment")) {
            what =
                    "a comment starts here, and JSON has none: what is sent to ECR would differ from the file. Remove it";
        } else {
            what = READER_SETTING.matcher(what).replaceAll("").trim();
            what = what.isEmpty() ? "not valid JSON" : Character.toLowerCase(what.charAt(0)) + what.substring(1);
        }
        JsonLocation location = e.getLocation();
        return location == null || location.getLineNr() < 1
                ? what
                : "at line " + location.getLineNr() + ", column " + location.getColumnNr() + ", " + what;
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

    /**
     * A JSON object to write: the keys and values given in turn, in that order; a {@code null} value is written as
     * {@code null}. One place builds the objects of the plugin's reports, whatever record they come from.
     *
     * @throws IllegalArgumentException when a key has no value
     */
    public static Map<String, Object> object(Object... keysAndValues) {
        if (keysAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("a JSON object needs a value for each key");
        }
        Map<String, Object> object = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            object.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return object;
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

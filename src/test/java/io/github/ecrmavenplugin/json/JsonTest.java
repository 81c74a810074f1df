package io.github.ecrmavenplugin.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

class JsonTest {

    @Test
    void anObjectKeepsItsKeysInTheOrderGivenAndWritesNullValues() {
        assertEquals(
                "{\"z\":1,\"a\":null,\"m\":[\"x\"]}", Json.write(Json.object("z", 1, "a", null, "m", List.of("x"))));
        assertEquals("{}", Json.write(Json.object()));
    }

    @Test
    void anObjectRefusesAKeyWithoutAValue() {
        assertThrows(IllegalArgumentException.class, () -> Json.object("a", 1, "b"));
    }

    @Test
    void roundTripsWithEscapes() {
        String json = "{\"a\":\"q\\\"b\\\\n\\n\\u0001\",\"b\":[1,2.5,true,null],\"c\":{}}";
        assertEquals(json, Json.write(Json.parse(json)));
    }

    @Test
    void escapesStringsAsEcrsJacksonDoes() {
        assertEquals(
                "\"q\\\"b\\\\ \\b\\f\\n\\r\\t\\u0001\\u001F/\u00e9\"",
                Json.write("q\"b\\ \b\f\n\r\t\u0001\u001f/\u00e9"));
    }

    @Test
    void prettyPrints() {
        assertEquals("{\n  \"a\": [\n    1\n  ],\n  \"b\": {}\n}", Json.pretty(Json.parse("{\"a\":[1],\"b\":{}}")));
    }

    @Test
    void canonicalFormIgnoresOrderAndSingletonLists() {
        assertEquals(
                Json.canonical(Json.parse("{\"b\":[\"y\",\"x\"],\"a\":[\"z\"],\"n\":1.0}")),
                Json.canonical(Json.parse("{\"a\":\"z\",\"n\":1,\"b\":[\"x\",\"y\",\"x\"]}")));
    }

    @Test
    void rejectsNonJson() {
        assertThrows(IllegalArgumentException.class, () -> Json.parse("{\"a\":"));
    }

    @Test
    void notJsonIsExplainedByTheFirstLineOfTheParsersReason() {
        // the parser's reason goes on with the position on a second line; the error messages quote one line
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Json.parse("{\"a\":"));
        assertTrue(e.getMessage().contains("end-of-input"), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
    }

    @Test
    void notJsonSaysWhereAndWhatInWordsAboutTheDocument() {
        String text = """
                {
                  "Version": "2012-10-17",
                  "Statement": [ { "Effect": "Allow", } ]
                }""";
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Json.parse(text));
        assertEquals(
                "at line 3, column 39, unexpected character ('}' (code 125)): was expecting double-quote to start "
                        + "field name",
                e.getMessage());
        IllegalArgumentException unclosed =
                assertThrows(IllegalArgumentException.class, () -> Json.parse("{\n  \"a\": [1,\n  2"));
        assertEquals(
                "at line 3, column 4, unexpected end-of-input: expected close marker for Array (start marker at line "
                        + "2, column 8)",
                unclosed.getMessage());
        for (String bad : new String[] {"{'a':1}", "[1,2", "{\"a\":tru}", "\uFEFF{}", "{\"a\":\"\u0001\"}"}) {
            String message = assertThrows(IllegalArgumentException.class, () -> Json.parse(bad))
                    .getMessage();
            assertTrue(message.startsWith("at line 1, column "), message);
            assertFalse(message.contains("Exception"), message);
            assertFalse(message.contains("jackson"), message);
            assertFalse(message.contains("Source"), message);
        }
        assertEquals(
                "there is no JSON value in it",
                assertThrows(IllegalArgumentException.class, () -> Json.parse(""))
                        .getMessage());
    }

    @Test
    void nonNumbersAreExplainedWithoutTheReadersSettings() {
        assertEquals(
                "at line 1, column 21, -Infinity is not a JSON number (JSON has no NaN or Infinity); write a number, "
                        + "or a string in quotes",
                assertThrows(IllegalArgumentException.class, () -> Json.parse("{\"Version\":-Infinity}"))
                        .getMessage());
        assertEquals(
                "at line 1, column 9, NaN is not a JSON number (JSON has no NaN or Infinity); write a number, or a "
                        + "string in quotes",
                assertThrows(IllegalArgumentException.class, () -> Json.parse("{\"n\":NaN}"))
                        .getMessage());
    }

    @Test
    void theReadersSettingsAreLeftOutOfEveryMessage() {
        assertEquals(
                "at line 1, column 3, unexpected character ('+' (code 43)) in numeric value: JSON spec does not allow "
                        + "numbers to have plus signs",
                assertThrows(IllegalArgumentException.class, () -> Json.parse("[+1]"))
                        .getMessage());
        for (String bad : new String[] {"[+1]", "[NaN]", "[+Infinity]", "/**/[]", "[1]//", "# c\n[]", "[.5]", "[01]"}) {
            String message = assertThrows(IllegalArgumentException.class, () -> Json.parse(bad))
                    .getMessage();
            for (String internal : new String[] {"`", "Feature", "JsonReadFeature", "StreamRead", "enable"}) {
                assertFalse(message.contains(internal), bad + ": " + message);
            }
        }
    }

    @Test
    void aCommentIsRefusedForWhatIsSentWouldDifferFromTheFile() {
        for (String text : new String[] {"/* a */ {}", "{\n  // a\n  \"a\": 1}", "{\"a\": /* one */ 1}"}) {
            String message = assertThrows(IllegalArgumentException.class, () -> Json.parse(text))
                    .getMessage();
            assertTrue(
                    message.matches("at line \\d, column \\d+, a comment starts here, and JSON has none: what is "
                            + "sent to ECR would differ from the file. Remove it"),
                    message);
        }
    }

    @Test
    void textAfterTheValueIsRefusedNamingWhereItStarts() {
        assertEquals(
                "at line 1, column 10, more text follows the end of the JSON value: \"{\\\"x\\\":1} garbage\". A "
                        + "document is one JSON value; remove what follows it (a comment too: JSON has none, and what "
                        + "is sent to ECR would differ from the file)",
                assertThrows(IllegalArgumentException.class, () -> Json.parse("{\"a\":1}\t {\"x\":1} garbage"))
                        .getMessage());
        assertEquals(
                "at line 3, column 2, more text follows the end of the JSON value: \"/* the end, and a "
                        + "lo...\". A document is one JSON value; remove what follows it (a comment too: JSON has none, "
                        + "and what is sent to ECR would differ from the file)",
                assertThrows(
                                IllegalArgumentException.class,
                                () -> Json.parse("{\n  \"a\": 1}\r\n /* the end, and a long comment */"))
                        .getMessage());
        assertEquals(List.of(BigDecimal.ONE), Json.parse(" [1] \n\t\r\n"), "white space around the value is no text");
    }

    @Test
    void aDocumentOverTheReadersLimitsIsDescribedInWordsAboutIt() {
        assertEquals(
                "it is too large to read: objects and arrays nest more than 1000 deep",
                assertThrows(IllegalArgumentException.class, () -> Json.parse("[".repeat(1001) + "]".repeat(1001)))
                        .getMessage());
        assertEquals(
                "it is too large to read: a number has more than 1000 digits",
                assertThrows(IllegalArgumentException.class, () -> Json.parse("[" + "1".repeat(1001) + "]"))
                        .getMessage());
        assertEquals(
                "it is too large to read: a key has more than 50000 characters",
                assertThrows(IllegalArgumentException.class, () -> Json.parse("{\"" + "k".repeat(50_001) + "\":1}"))
                        .getMessage());
        assertEquals(
                "it is too large to read: a string has more than 20000000 characters",
                assertThrows(IllegalArgumentException.class, () -> Json.parse("[\"" + "s".repeat(20_000_001) + "\"]"))
                        .getMessage());
    }

    @Test
    void canonicalFormKeepsNumbersApart() {
        // a lifecycle rule keeping 30 images is not the one ECR holds keeping 10
        assertNotEquals(
                Json.canonical(Json.parse("{\"countNumber\":30}")), Json.canonical(Json.parse("{\"countNumber\":10}")));
        assertNotEquals(Json.canonical(Json.parse("[1,2]")), Json.canonical(Json.parse("[1,3]")));
    }

    @Test
    void canonicalFormEqualsNumbersOfTheSameValue() {
        assertEquals(
                Json.canonical(Json.parse("{\"n\":[0.0,2.50,100]}")),
                Json.canonical(Json.parse("{\"n\":[0,2.5,1E+2]}")));
    }
}

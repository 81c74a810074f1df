package io.github.ecrmavenplugin.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class JsonTest {

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

package io.github.ecrmavenplugin.emulator;

import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.protocols.jsoncore.JsonNode;

/**
 * Typed access to the fields of a JSON request object. A field of the wrong JSON type is a
 * {@code SerializationException}, as from AWS; a missing required field is an {@code InvalidParameterException}.
 */
final class RequestBody {

    private final JsonNode node;

    RequestBody(JsonNode node) {
        if (!node.isObject()) {
            throw serialization("Request body must be a JSON object");
        }
        this.node = node;
    }

    static RequestBody parse(byte[] json) {
        if (json.length == 0) {
            return new RequestBody(JsonNode.emptyObjectNode());
        }
        try {
            return new RequestBody(JsonNode.parser().parse(json));
        } catch (RuntimeException e) {
            throw serialization("Request body is not valid JSON");
        }
    }

    JsonNode node() {
        return node;
    }

    Optional<JsonNode> field(String name) {
        return node.field(name).filter(value -> !value.isNull());
    }

    Optional<String> string(String name) {
        return field(name).map(value -> {
            if (!value.isString()) {
                throw serialization("Field '" + name + "' must be a string");
            }
            return value.asString();
        });
    }

    String requiredString(String name) {
        return string(name).orElseThrow(() -> EcrError.invalidParameter(name, "Member must not be null"));
    }

    Optional<Boolean> bool(String name) {
        return field(name).map(value -> {
            if (!value.isBoolean()) {
                throw serialization("Field '" + name + "' must be a boolean");
            }
            return value.asBoolean();
        });
    }

    Optional<Integer> integer(String name) {
        return field(name).map(value -> {
            if (!value.isNumber()) {
                throw serialization("Field '" + name + "' must be a number");
            }
            try {
                return Integer.parseInt(value.asNumber());
            } catch (NumberFormatException e) {
                throw serialization("Field '" + name + "' must be an integer");
            }
        });
    }

    Optional<List<RequestBody>> objects(String name) {
        return array(name).map(items -> items.stream().map(RequestBody::new).toList());
    }

    Optional<List<String>> strings(String name) {
        return array(name)
                .map(items -> items.stream()
                        .map(item -> {
                            if (!item.isString()) {
                                throw serialization("Field '" + name + "' must be a list of strings");
                            }
                            return item.asString();
                        })
                        .toList());
    }

    Optional<RequestBody> object(String name) {
        return field(name).map(RequestBody::new);
    }

    private Optional<List<JsonNode>> array(String name) {
        return field(name).map(value -> {
            if (!value.isArray()) {
                throw serialization("Field '" + name + "' must be a list");
            }
            return value.asArray();
        });
    }

    private static EcrError serialization(String message) {
        return EcrError.of("SerializationException", message);
    }
}

package io.github.ecrmavenplugin;

import io.github.ecrmavenplugin.model.InvalidConfigurationException;
import java.util.Locale;
import java.util.Optional;

/**
 * A boolean parameter, read from its text. Maven's own conversion reads any text but {@code true} as {@code false},
 * so {@code -Decr.plan=yes} or {@code -Decr.failOnDrift=1} would make a read-only run write. The plugin takes its
 * boolean parameters as text instead and accepts {@code true} or {@code false}, in any case, and nothing else.
 */
final class BooleanParameter {

    private BooleanParameter() {}

    /**
     * The value of {@code parameter}; {@code absent} when it is not given.
     *
     * @throws InvalidConfigurationException naming the parameter and the value, when it is neither true nor false
     */
    static boolean parse(String value, String parameter, boolean absent) throws InvalidConfigurationException {
        return parse(value, parameter).orElse(absent);
    }

    /** The value of {@code parameter}; empty when it is not given, for a setting left as ECR has it. */
    static Optional<Boolean> parse(String value, String parameter) throws InvalidConfigurationException {
        if (value == null) {
            return Optional.empty();
        }
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "true" -> Optional.of(true);
            case "false" -> Optional.of(false);
            default ->
                throw new InvalidConfigurationException(
                        parameter,
                        "\"" + value + "\" is neither true nor false. Write true or false (in the POM or as a -D "
                                + "property); nothing else is read as either");
        };
    }
}

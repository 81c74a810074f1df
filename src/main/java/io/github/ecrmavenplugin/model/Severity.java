package io.github.ecrmavenplugin.model;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The severity of a finding, least to worst. Basic scanning says {@code UNDEFINED} and enhanced scanning
 * {@code UNTRIAGED} for a finding not yet rated; both are {@link #UNDEFINED} here, below every rated one.
 */
public enum Severity {
    UNDEFINED,
    INFORMATIONAL,
    LOW,
    MEDIUM,
    HIGH,
    CRITICAL;

    /** Every severity worst first, as the reports count them: the rated ones, then {@link #UNDEFINED}. */
    public static final List<Severity> WORST_FIRST = List.of(CRITICAL, HIGH, MEDIUM, LOW, INFORMATIONAL, UNDEFINED);

    /** ECR's spelling, basic or enhanced; anything unknown counts as {@link #UNDEFINED}. */
    public static Severity fromRegistry(String value) {
        if (value == null) {
            return UNDEFINED;
        }
        try {
            return valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return UNDEFINED;
        }
    }

    /**
     * Whether ECR's spelling names a severity this plugin knows: one of these, or enhanced scanning's
     * {@code UNTRIAGED}, in any case. A severity ECR adds is not one: no threshold can rank it.
     */
    public static boolean known(String value) {
        if (value == null) {
            return false;
        }
        String name = value.trim().toUpperCase(Locale.ROOT);
        return name.equals("UNTRIAGED")
                || Arrays.stream(values()).anyMatch(s -> s.name().equals(name));
    }

    /** A threshold as the POM gives it: one of the rated severities, any case. */
    public static Severity threshold(String value, String parameter) throws InvalidConfigurationException {
        if (value.isBlank()) {
            throw new InvalidConfigurationException(
                    parameter,
                    "the value is empty; give one of " + rated()
                            + " (findings at or above it fail the build), or leave it out " + "to only report");
        }
        try {
            Severity severity = valueOf(value.trim().toUpperCase(Locale.ROOT));
            if (severity != UNDEFINED) {
                return severity;
            }
        } catch (IllegalArgumentException e) {
            // reported below
        }
        throw new InvalidConfigurationException(
                parameter,
                "'" + value + "' is not a severity; use one of " + rated()
                        + " (findings at or above it fail the build)");
    }

    private static String rated() {
        return Arrays.stream(values())
                .filter(s -> s != UNDEFINED)
                .map(Enum::name)
                .collect(Collectors.joining(", "));
    }

    public boolean atLeast(Severity threshold) {
        return compareTo(threshold) >= 0;
    }
}

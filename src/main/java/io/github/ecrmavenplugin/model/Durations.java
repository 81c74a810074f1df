package io.github.ecrmavenplugin.model;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as the POM writes them, one syntax for every parameter that takes one: seconds ({@code 90}), with a
 * unit ({@code 90s}, {@code 90 seconds}, {@code 2m}, {@code 2 min}) or ISO-8601 ({@code PT90S}, any case).
 */
public final class Durations {

    private static final Pattern SECONDS = Pattern.compile("(\\d+)\\s*(s|sec|secs|seconds)?");
    private static final Pattern MINUTES = Pattern.compile("(\\d+)\\s*(m|min|mins|minutes)");

    private Durations() {}

    /**
     * The duration {@code value} writes, zero or longer.
     *
     * @param parameter the POM parameter it came from, named when it is not a duration
     * @throws InvalidConfigurationException when it is blank, no duration, or negative ({@code PT-5M})
     */
    public static Duration parse(String value, String parameter) throws InvalidConfigurationException {
        String text = value == null ? "" : value.strip().toLowerCase(Locale.ROOT);
        Duration duration;
        try {
            Matcher seconds = SECONDS.matcher(text);
            Matcher minutes = MINUTES.matcher(text);
            if (seconds.matches()) {
                duration = Duration.ofSeconds(Long.parseLong(seconds.group(1)));
            } else if (minutes.matches()) {
                duration = Duration.ofMinutes(Long.parseLong(minutes.group(1)));
            } else {
                duration = Duration.parse(text.toUpperCase(Locale.ROOT));
            }
        } catch (DateTimeParseException | ArithmeticException | NumberFormatException e) {
            throw new InvalidConfigurationException(
                    parameter,
                    "\"" + value + "\" is not a duration; give seconds (90), a unit (90s, 2m) or ISO-8601 (PT90S)");
        }
        if (duration.isNegative()) {
            throw new InvalidConfigurationException(
                    parameter,
                    "\"" + value + "\" is negative; give a time to wait of zero or more: seconds (90), a unit "
                            + "(90s, 2m) or ISO-8601 (PT90S)");
        }
        return duration;
    }
}

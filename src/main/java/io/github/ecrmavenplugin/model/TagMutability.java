package io.github.ecrmavenplugin.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Whether image tags may be overwritten: one of ECR's four modes and, for the {@code *_WITH_EXCLUSION} modes, the
 * wildcard filters naming the tags that behave the other way.
 *
 * @param mode             the mode
 * @param exclusionFilters wildcard filters ({@code *} matches any run of characters), kept sorted so that two
 *                         values listing the same filters in another order are equal, as they are to ECR
 */
public record TagMutability(Mode mode, List<String> exclusionFilters) {

    /** ECR's {@code imageTagMutability} values. */
    public enum Mode {
        MUTABLE,
        IMMUTABLE,
        IMMUTABLE_WITH_EXCLUSION,
        MUTABLE_WITH_EXCLUSION
    }

    /** What ECR reports for a repository created without a choice. */
    public static final TagMutability DEFAULT = new TagMutability(Mode.MUTABLE, List.of());

    static final int MAX_FILTERS = 5;
    private static final Pattern FILTER = Pattern.compile("[0-9a-zA-Z._*-]{1,128}");

    public TagMutability {
        Objects.requireNonNull(mode, "mode");
        exclusionFilters = List.copyOf(new TreeSet<>(exclusionFilters));
    }

    /** Parses ECR's answer; an unknown mode (a newer ECR) is kept as given so that it counts as different. */
    public static TagMutability fromRegistry(String mode, List<String> filters) {
        try {
            return new TagMutability(Mode.valueOf(mode), filters);
        } catch (IllegalArgumentException | NullPointerException e) {
            return new TagMutability(Mode.MUTABLE, List.of("(unknown mode " + mode + ")"));
        }
    }

    /**
     * Validates the POM's values; {@code prefix} is put before the parameter names in errors (e.g.
     * {@code repositories[2]/}).
     */
    public static TagMutability fromPom(String mode, List<String> filters, String prefix)
            throws InvalidConfigurationException {
        String parameter = prefix + "imageTagMutability";
        String filtersParameter = prefix + "imageTagMutabilityExclusionFilters";
        List<String> given = filters == null ? List.of() : filters;
        Mode parsed;
        try {
            parsed = Mode.valueOf(mode.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidConfigurationException(
                    parameter,
                    "\"" + mode + "\" is not a tag mutability; use "
                            + "MUTABLE, IMMUTABLE, IMMUTABLE_WITH_EXCLUSION or MUTABLE_WITH_EXCLUSION");
        }
        boolean withExclusion = parsed == Mode.IMMUTABLE_WITH_EXCLUSION || parsed == Mode.MUTABLE_WITH_EXCLUSION;
        if (!withExclusion && !given.isEmpty()) {
            throw new InvalidConfigurationException(
                    filtersParameter,
                    "exclusion filters go with "
                            + "IMMUTABLE_WITH_EXCLUSION or MUTABLE_WITH_EXCLUSION only, not with " + parsed + "; set "
                            + "<imageTagMutability> to one of those or remove the filters");
        }
        if (withExclusion && given.isEmpty()) {
            throw new InvalidConfigurationException(
                    filtersParameter,
                    parsed + " needs at least one filter, e.g. "
                            + "<imageTagMutabilityExclusionFilters><filter>latest</filter></imageTagMutabilityExclusionFilters>");
        }
        if (given.size() > MAX_FILTERS) {
            throw new InvalidConfigurationException(
                    filtersParameter,
                    given.size() + " filters given; ECR takes " + "at most " + MAX_FILTERS
                            + ". Use wildcards (*) to cover several tags with one filter");
        }
        List<String> valid = new ArrayList<>();
        for (String filter : given) {
            String f = filter == null ? "" : filter.trim();
            if (!FILTER.matcher(f).matches()) {
                throw new InvalidConfigurationException(
                        filtersParameter,
                        "\"" + filter + "\" is not a valid "
                                + "filter; use 1 to 128 letters, digits, '.', '_', '-' and the wildcard '*'");
            }
            valid.add(f);
        }
        return new TagMutability(parsed, valid);
    }

    /** Whether ECR refuses to move {@code tag} once an image carries it. */
    public boolean isImmutable(String tag) {
        return switch (mode) {
            case MUTABLE -> false;
            case IMMUTABLE -> true;
            case IMMUTABLE_WITH_EXCLUSION -> !matchesFilter(tag);
            case MUTABLE_WITH_EXCLUSION -> matchesFilter(tag);
        };
    }

    private boolean matchesFilter(String tag) {
        return exclusionFilters.stream()
                .anyMatch(filter -> Pattern.compile(Pattern.quote(filter).replace("*", "\\E.*\\Q"))
                        .matcher(tag)
                        .matches());
    }

    @Override
    public String toString() {
        return exclusionFilters.isEmpty() ? mode.name() : mode + " " + exclusionFilters;
    }
}

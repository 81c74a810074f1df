package io.github.ecrmavenplugin.registry;

import java.util.Arrays;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** How ECR matches a repository name against the wildcard filters of its registry-level rules. */
final class RepositoryFilters {

    private static final Pattern STAR = Pattern.compile("\\*");

    private RepositoryFilters() {}

    /** The whole name against the filter, each {@code *} standing for any run of characters, none included. */
    static boolean wildcardMatch(String filter, String repositoryName) {
        String regex = Arrays.stream(STAR.split(filter, -1)).map(Pattern::quote).collect(Collectors.joining(".*"));
        return Pattern.compile(regex, Pattern.DOTALL).matcher(repositoryName).matches();
    }
}

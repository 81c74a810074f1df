package io.github.ecrmavenplugin.model;

import java.util.Comparator;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The IAM actions of Amazon ECR: every API operation the bundled AWS SDK knows ({@link ServiceModel#OPERATIONS}),
 * plus the actions IAM knows that are no API operation. A near miss of a known action ({@code ecr:BatchGetImages})
 * fails the build with a suggestion instead of silently granting nothing; any other unknown action may be newer
 * than the SDK and is only worth a warning.
 */
final class EcrActions {

    /** IAM actions that are permissions, not API operations: pull through cache imports and replication. */
    private static final Set<String> PERMISSION_ONLY = Set.of("BatchImportUpstreamImage", "ReplicateImage");

    /** How far (in edits, ignoring case) an unknown action may be from a known one to count as its typo. */
    private static final int NEAR_MISS = 2;

    static final Set<String> ACTIONS = actions();

    /** What a check of one action found. */
    enum Verdict {
        KNOWN,
        NEAR_MISS,
        UNKNOWN
    }

    private EcrActions() {}

    private static Set<String> actions() {
        Set<String> actions = new TreeSet<>(ServiceModel.OPERATIONS);
        actions.addAll(PERMISSION_ONLY);
        return Set.copyOf(actions);
    }

    /**
     * {@code *}, or {@code ecr:} followed by an action name or a wildcard pattern matching at least one action, is
     * known; an unknown name within {@value #NEAR_MISS} edits of a known one is a near miss.
     */
    static Verdict check(String action) {
        if (action.equals("*")) {
            return Verdict.KNOWN;
        }
        String name = action.substring("ecr:".length());
        if (name.contains("*") || name.contains("?")) {
            Pattern pattern = Pattern.compile(name.replace("?", ".").replace("*", ".*"), Pattern.CASE_INSENSITIVE);
            return ACTIONS.stream().anyMatch(a -> pattern.matcher(a).matches()) ? Verdict.KNOWN : Verdict.UNKNOWN;
        }
        // IAM action names are case-insensitive
        if (ACTIONS.stream().anyMatch(a -> a.equalsIgnoreCase(name))) {
            return Verdict.KNOWN;
        }
        return closest(name)
                        .filter(c -> distance(c.toLowerCase(Locale.ROOT), name.toLowerCase(Locale.ROOT)) <= NEAR_MISS)
                        .isPresent()
                ? Verdict.NEAR_MISS
                : Verdict.UNKNOWN;
    }

    static String suggestion(String action) {
        return closest(action.substring("ecr:".length()))
                .map(c -> "did you mean \"ecr:" + c + "\"?")
                .orElse("");
    }

    private static Optional<String> closest(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return ACTIONS.stream().min(Comparator.comparingInt(a -> distance(a.toLowerCase(Locale.ROOT), lower)));
    }

    static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}

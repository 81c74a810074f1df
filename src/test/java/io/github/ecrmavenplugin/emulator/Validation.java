package io.github.ecrmavenplugin.emulator;

import io.github.ecrmavenplugin.emulator.RepositoryState.ExclusionFilter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** The parameter rules ECR enforces, with the error types and message shapes it answers when they are broken. */
final class Validation {

    /** The pattern of {@code RepositoryName} in ECR's service model (the SDK's {@code service-2.json}). */
    static final String NAME_REGEX = "[a-z0-9]+((\\.|_|__|-+)[a-z0-9]+)*(\\/[a-z0-9]+((\\.|_|__|-+)[a-z0-9]+)*)*";

    private static final Pattern NAME = Pattern.compile(NAME_REGEX);
    private static final Pattern REGISTRY_ID = Pattern.compile("[0-9]{12}");
    private static final Pattern TAG_TEXT = Pattern.compile("[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*");
    private static final Pattern WILDCARD_FILTER = Pattern.compile("[0-9a-zA-Z._*-]{1,128}");
    static final Set<String> MUTABILITIES =
            Set.of("MUTABLE", "IMMUTABLE", "IMMUTABLE_WITH_EXCLUSION", "MUTABLE_WITH_EXCLUSION");
    static final Set<String> ENCRYPTION_TYPES = Set.of("AES256", "KMS", "KMS_DSSE");
    static final int MAX_TAGS = 50;
    static final int MAX_EXCLUSION_FILTERS = 5;

    private Validation() {}

    static String repositoryName(String name) {
        if (name.length() < 2 || name.length() > 256) {
            throw EcrError.invalidParameter(
                    "repositoryName",
                    "Member must have length greater than or equal to 2 and less than or equal to 256");
        }
        if (!NAME.matcher(name).matches()) {
            throw EcrError.invalidParameter("repositoryName", "must satisfy regular expression '" + NAME_REGEX + "'");
        }
        return name;
    }

    /**
     * A {@code registryId} must look like an account id and, since the emulator holds a single account's
     * registry, name that account; anything else is answered as ECR answers a foreign registry it cannot see.
     */
    static void registryId(String registryId, String accountId) {
        if (!REGISTRY_ID.matcher(registryId).matches()) {
            throw EcrError.invalidParameter("registryId", "must satisfy regular expression '[0-9]{12}'");
        }
        if (!registryId.equals(accountId)) {
            throw EcrError.invalidParameter("Invalid parameter at 'registryId' failed to satisfy constraint: "
                    + "'registry " + registryId + " is not the registry of account " + accountId + "'");
        }
    }

    static String mutability(String value) {
        if (!MUTABILITIES.contains(value)) {
            throw EcrError.invalidParameter(
                    "imageTagMutability", "Member must satisfy enum value set: " + sorted(MUTABILITIES));
        }
        return value;
    }

    /** Exclusion filters go with the {@code *_WITH_EXCLUSION} modes only, and those modes need at least one. */
    static List<ExclusionFilter> exclusionFilters(String mutability, List<RequestBody> filters) {
        boolean withExclusion = mutability.endsWith("_WITH_EXCLUSION");
        if (!withExclusion && !filters.isEmpty()) {
            throw EcrError.invalidParameter("Invalid parameter at 'imageTagMutabilityExclusionFilters' failed to "
                    + "satisfy constraint: 'Exclusion filters are only allowed when imageTagMutability is "
                    + "IMMUTABLE_WITH_EXCLUSION or MUTABLE_WITH_EXCLUSION'");
        }
        if (withExclusion && filters.isEmpty()) {
            throw EcrError.invalidParameter("Invalid parameter at 'imageTagMutabilityExclusionFilters' failed to "
                    + "satisfy constraint: 'At least one exclusion filter is required when imageTagMutability is "
                    + mutability + "'");
        }
        if (filters.size() > MAX_EXCLUSION_FILTERS) {
            throw EcrError.invalidParameter(
                    "imageTagMutabilityExclusionFilters",
                    "Member must have length less than or equal to " + MAX_EXCLUSION_FILTERS);
        }
        List<ExclusionFilter> result = new ArrayList<>();
        for (RequestBody filter : filters) {
            String type = filter.requiredString("filterType");
            String text = filter.requiredString("filter");
            if (!type.equals("WILDCARD")) {
                throw EcrError.invalidParameter(
                        "imageTagMutabilityExclusionFilters.member.filterType",
                        "Member must satisfy enum value set: [WILDCARD]");
            }
            if (!WILDCARD_FILTER.matcher(text).matches()) {
                throw EcrError.invalidParameter(
                        "imageTagMutabilityExclusionFilters.member.filter",
                        "Member must satisfy regular expression '^[0-9a-zA-Z._*-]{1,128}'");
            }
            result.add(new ExclusionFilter(type, text));
        }
        return List.copyOf(result);
    }

    static String encryptionType(String value) {
        if (!ENCRYPTION_TYPES.contains(value)) {
            throw EcrError.invalidParameter(
                    "encryptionConfiguration.encryptionType",
                    "Member must satisfy enum value set: " + sorted(ENCRYPTION_TYPES));
        }
        return value;
    }

    /** Tags as {@code [{Key, Value}]}; keys unique, not reserved, and within AWS's tag character set. */
    static Map<String, String> tags(List<RequestBody> tags) {
        Map<String, String> result = new LinkedHashMap<>();
        for (RequestBody tag : tags) {
            String key = tag.string("Key").orElseThrow(() -> invalidTag("Tag key must not be null"));
            String value = tag.string("Value").orElseThrow(() -> invalidTag("Tag value must not be null"));
            tagKey(key);
            if (value.length() > 256 || !TAG_TEXT.matcher(value).matches()) {
                throw invalidTag("Invalid tag value '" + value + "'");
            }
            result.put(key, value);
        }
        return result;
    }

    static String tagKey(String key) {
        if (key.isEmpty() || key.length() > 128 || !TAG_TEXT.matcher(key).matches()) {
            throw invalidTag("Invalid tag key '" + key + "'");
        }
        if (key.regionMatches(true, 0, "aws:", 0, 4)) {
            throw invalidTag("Tag keys with the prefix 'aws:' are reserved for AWS use: '" + key + "'");
        }
        return key;
    }

    static void tagCount(int count) {
        if (count > MAX_TAGS) {
            throw EcrError.of(
                    "TooManyTagsException",
                    "A resource can have at most " + MAX_TAGS + " tags; " + "the request would give it " + count);
        }
    }

    static int maxResults(RequestBody body, int limit) {
        int value = body.integer("maxResults").orElse(limit);
        if (value < 1 || value > limit) {
            throw EcrError.invalidParameter(
                    "maxResults",
                    "Member must have value greater than or equal to 1 and less than or equal to " + limit);
        }
        return value;
    }

    private static EcrError invalidTag(String message) {
        return EcrError.of("InvalidTagParameterException", message);
    }

    private static String sorted(Set<String> values) {
        return values.stream().sorted().toList().toString();
    }
}

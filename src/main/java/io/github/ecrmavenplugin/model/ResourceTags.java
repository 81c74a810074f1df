package io.github.ecrmavenplugin.model;

import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/** AWS resource tags as the POM declares them, checked against the rules ECR's {@code TagResource} enforces. */
public final class ResourceTags {

    static final int MAX_TAGS = 50;
    private static final Pattern TEXT = Pattern.compile("[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*");

    private ResourceTags() {}

    /**
     * The POM's {@code tags}, validated as ECR validates them.
     *
     * @return the tags sorted by key; a tag given as an empty element ({@code <team/>}) has the empty value
     */
    public static Map<String, String> fromPom(Map<String, String> tags, String parameter)
            throws InvalidConfigurationException {
        Map<String, String> valid = new TreeMap<>();
        for (Map.Entry<String, String> tag : tags.entrySet()) {
            String key = tag.getKey() == null ? "" : tag.getKey().trim();
            String value = tag.getValue() == null ? "" : tag.getValue().trim();
            if (key.isEmpty() || key.length() > 128 || !TEXT.matcher(key).matches()) {
                throw new InvalidConfigurationException(
                        parameter,
                        "\"" + key + "\" is not a valid tag key; use 1 "
                                + "to 128 letters, digits, spaces and _ . : / = + - @");
            }
            if (key.regionMatches(true, 0, "aws:", 0, 4)) {
                throw new InvalidConfigurationException(
                        parameter,
                        "the tag key \"" + key + "\" starts with "
                                + "\"aws:\", which AWS reserves for itself; choose another key");
            }
            if (value.length() > 256 || !TEXT.matcher(value).matches()) {
                throw new InvalidConfigurationException(
                        parameter,
                        "the value of tag \"" + key + "\" is not valid; "
                                + "use up to 256 letters, digits, spaces and _ . : / = + - @");
            }
            valid.put(key, value);
        }
        if (valid.size() > MAX_TAGS) {
            throw new InvalidConfigurationException(
                    parameter, valid.size() + " tags given; an ECR repository " + "holds at most " + MAX_TAGS);
        }
        return valid;
    }
}

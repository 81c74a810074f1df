package io.github.ecrmavenplugin.model;

import java.util.regex.Pattern;

/** Docker image tags: up to 128 characters of letters, digits, '_', '.' and '-', not starting with '.' or '-'. */
public final class ImageTag {

    private static final Pattern TAG = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}");

    private ImageTag() {}

    public static String valid(String tag, String parameter) throws InvalidConfigurationException {
        if (tag == null || !TAG.matcher(tag).matches()) {
            throw new InvalidConfigurationException(
                    parameter,
                    "\"" + tag + "\" is not a valid image tag; use up "
                            + "to 128 letters, digits, '_', '.' or '-', not starting with '.' or '-'");
        }
        return tag;
    }
}

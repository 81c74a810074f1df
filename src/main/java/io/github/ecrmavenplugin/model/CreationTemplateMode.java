package io.github.ecrmavenplugin.model;

import java.util.Locale;

/** Whether the plugin creates a missing repository as the registry's creation template would. */
public enum CreationTemplateMode {
    /**
     * Create it with the settings of the template ECR would apply if a push created it, the POM's declared settings
     * on top, and keep what the template put there.
     */
    FOLLOW,
    /** Create it with the POM's settings only, as ECR's {@code CreateRepository} does. */
    IGNORE;

    public static CreationTemplateMode fromPom(String value, String parameter) throws InvalidConfigurationException {
        if (value == null || value.isBlank()) {
            return FOLLOW;
        }
        try {
            return valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidConfigurationException(
                    parameter,
                    "\"" + value + "\" is not a choice; use follow (create a missing repository as the registry's "
                            + "creation template would, the default) or ignore (the POM's settings only)");
        }
    }
}

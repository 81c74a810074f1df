package io.github.ecrmavenplugin.model;

import java.util.Locale;

/** How the POM's repository policy relates to the policy ECR holds. */
public enum PolicyMode {
    /** The POM's policy is the whole policy: statements others added are replaced. */
    REPLACE,
    /**
     * The plugin owns only the statements it declares, identified by {@code Sid}; statements with other Sids (added
     * by another tool or by hand) are kept as they are.
     */
    MERGE;

    public static PolicyMode fromPom(String value, String parameter) throws InvalidConfigurationException {
        if (value == null || value.isBlank()) {
            return REPLACE;
        }
        try {
            return valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidConfigurationException(
                    parameter,
                    "\"" + value + "\" is not a policy mode; use "
                            + "replace (the POM's policy is the whole policy) or merge (keep statements with other Sids)");
        }
    }
}

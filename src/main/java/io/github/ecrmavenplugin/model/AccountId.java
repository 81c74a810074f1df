package io.github.ecrmavenplugin.model;

import java.util.regex.Pattern;

/** AWS account IDs: exactly twelve digits. */
public final class AccountId {

    private static final Pattern ACCOUNT_ID = Pattern.compile("\\d{12}");

    private AccountId() {}

    /** Returns the trimmed ID, or fails naming {@code parameter}. */
    public static String valid(String value, String parameter) throws InvalidConfigurationException {
        String id = value == null ? "" : value.trim();
        if (!ACCOUNT_ID.matcher(id).matches()) {
            throw new InvalidConfigurationException(
                    parameter,
                    "\"" + value + "\" is not an AWS account ID; an "
                            + "account ID is exactly 12 digits, e.g. 123456789012");
        }
        return id;
    }
}

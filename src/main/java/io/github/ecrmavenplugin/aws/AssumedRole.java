package io.github.ecrmavenplugin.aws;

import io.github.ecrmavenplugin.model.InvalidConfigurationException;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * An IAM role the plugin assumes through STS before calling ECR, with the credentials it would otherwise use.
 * {@link #toString()} leaves the external ID out: it is a shared secret between two accounts, in spirit.
 *
 * @param roleArn     e.g. {@code arn:aws:iam::123456789012:role/ci-ecr}
 * @param externalId  the external ID the role's trust policy demands, if any
 * @param sessionName the role session name, shown in CloudTrail as who made the calls
 */
public record AssumedRole(String roleArn, Optional<String> externalId, String sessionName) {

    public static final String DEFAULT_SESSION_NAME = "ecr-maven-plugin";

    private static final Pattern ROLE_ARN = Pattern.compile("arn:aws[a-z-]*:iam::\\d{12}:role/[\\w+=,.@/-]{1,512}");
    private static final Pattern SESSION_NAME = Pattern.compile("[\\w+=,.@-]{2,64}");
    private static final Pattern EXTERNAL_ID = Pattern.compile("[\\w+=,.@:/-]{2,1224}");

    /** Validates the POM's values; a blank role ARN means no role. */
    public static Optional<AssumedRole> of(String roleArn, String externalId, String sessionName)
            throws InvalidConfigurationException {
        if (roleArn == null || roleArn.isBlank()) {
            if (externalId != null && !externalId.isBlank()) {
                throw new InvalidConfigurationException(
                        "roleExternalId", "is only used with <roleArn>; set the " + "role to assume too");
            }
            return Optional.empty();
        }
        String arn = roleArn.trim();
        if (!ROLE_ARN.matcher(arn).matches()) {
            throw new InvalidConfigurationException(
                    "roleArn",
                    "\"" + arn + "\" is not an IAM role ARN; use one " + "like arn:aws:iam::123456789012:role/ci-ecr");
        }
        String session = sessionName == null || sessionName.isBlank() ? DEFAULT_SESSION_NAME : sessionName.trim();
        if (!SESSION_NAME.matcher(session).matches()) {
            throw new InvalidConfigurationException(
                    "roleSessionName",
                    "\"" + session + "\" is not a valid role "
                            + "session name: 2 to 64 letters, digits or any of _+=,.@-");
        }
        Optional<String> external =
                externalId == null || externalId.isBlank() ? Optional.empty() : Optional.of(externalId.trim());
        if (external.isPresent() && !EXTERNAL_ID.matcher(external.get()).matches()) {
            throw new InvalidConfigurationException(
                    "roleExternalId", "is not a valid external ID: 2 to 1224 " + "letters, digits or any of _+=,.@:/-");
        }
        return Optional.of(new AssumedRole(arn, external, session));
    }

    @Override
    public String toString() {
        return "AssumedRole[" + roleArn + ", session " + sessionName
                + (externalId.isPresent() ? ", with external ID" : "") + "]";
    }
}

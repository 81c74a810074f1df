package io.github.ecrmavenplugin.publish;

import io.github.ecrmavenplugin.registry.AuthorizationToken;
import io.github.ecrmavenplugin.registry.Repository;
import java.util.Properties;

/**
 * Hands the repository to Jib. Jib reads {@code jib.to.image} and {@code jib.to.auth.*} from the project's
 * properties when its goal runs, after {@code -D} properties, which therefore still win; so a user's
 * {@code <to><image>} may stay empty.
 */
public final class JibProperties {

    public static final String TO_IMAGE = "jib.to.image";
    public static final String TO_AUTH_USERNAME = "jib.to.auth.username";
    public static final String TO_AUTH_PASSWORD = "jib.to.auth.password";

    private JibProperties() {}

    /** {@code <repository URL>:<tag>}. */
    public static String image(Repository repository, String tag) {
        return repository.uri() + ":" + tag;
    }

    public static void publishImage(String image, Properties target) {
        target.setProperty(TO_IMAGE, image);
    }

    public static void publishAuth(AuthorizationToken token, Properties target) {
        target.setProperty(TO_AUTH_USERNAME, token.username());
        target.setProperty(TO_AUTH_PASSWORD, token.password());
    }
}

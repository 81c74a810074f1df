package io.github.ecrmavenplugin.aws;

import java.nio.file.Path;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * What the JVM's environment says: environment variables and system properties. Read through this interface
 * wherever the plugin decides from them (region, credentials, endpoint), so that tests can give their own.
 */
public interface SystemSettings {

    /** A non-blank environment variable, trimmed. */
    Optional<String> environment(String name);

    /** A non-blank system property, trimmed. */
    Optional<String> property(String name);

    /** The user's home directory as the AWS SDK and CLI find it: {@code HOME}, else {@code user.home}. */
    default Path home() {
        return environment("HOME").map(Path::of).orElseGet(() -> Path.of(System.getProperty("user.home")));
    }

    /** The shared config file, where the SDK reads it: {@code aws.configFile}, {@code AWS_CONFIG_FILE}, else home. */
    default Path awsConfigFile() {
        return property("aws.configFile")
                .or(() -> environment("AWS_CONFIG_FILE"))
                .map(Path::of)
                .orElseGet(() -> home().resolve(".aws/config"));
    }

    /** The running JVM's. */
    static SystemSettings current() {
        return of(System::getenv, System::getProperty);
    }

    static SystemSettings of(UnaryOperator<String> environment, UnaryOperator<String> properties) {
        return new SystemSettings() {
            @Override
            public Optional<String> environment(String name) {
                return nonBlank(environment.apply(name));
            }

            @Override
            public Optional<String> property(String name) {
                return nonBlank(properties.apply(name));
            }
        };
    }

    private static Optional<String> nonBlank(String value) {
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
    }
}

package io.github.ecrmavenplugin.aws;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import software.amazon.awssdk.utils.internal.SystemSettingUtilsTestBackdoor;

/**
 * The environment and system properties as the AWS SDK reads them, set for one test. Environment variables go
 * through the SDK's own test seam ({@code SystemSettingUtilsTestBackdoor}), through which every lookup of the SDK
 * passes ({@code AWS_PROFILE}, {@code HTTPS_PROXY}, {@code HOME}, ...): the plugin reads none of them itself, so
 * what the SDK sees is what the plugin does. Everything is restored, and the shared clients closed, after the test.
 */
public final class SdkEnvironment implements AfterEachCallback {

    private final Map<String, String> savedProperties = new HashMap<>();

    /** Sets an environment variable as the SDK sees it; {@code null} hides one the process has. */
    public SdkEnvironment variable(String name, String value) {
        SystemSettingUtilsTestBackdoor.addEnvironmentVariableOverride(name, value);
        return this;
    }

    /** Sets a system property ({@code null} clears it) until the test ends. */
    public SdkEnvironment property(String name, String value) {
        if (!savedProperties.containsKey(name)) {
            savedProperties.put(name, System.getProperty(name));
        }
        if (value == null) {
            System.clearProperty(name);
        } else {
            System.setProperty(name, value);
        }
        return this;
    }

    @Override
    public void afterEach(ExtensionContext context) {
        restore();
    }

    /** Forgets what the test set. */
    public void restore() {
        EcrClients.closeAll();
        SystemSettingUtilsTestBackdoor.clearEnvironmentVariableOverrides();
        savedProperties.forEach((name, value) -> {
            if (value == null) {
                System.clearProperty(name);
            } else {
                System.setProperty(name, value);
            }
        });
        savedProperties.clear();
    }
}

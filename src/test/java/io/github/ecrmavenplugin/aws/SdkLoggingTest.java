package io.github.ecrmavenplugin.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.signer.Aws4Signer;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;

class SdkLoggingTest {

    @Test
    void leavesNoLoggerLevelPropertyBehindForMavenOrLaterPlugins() {
        SdkLogging.keepSecretsOutOfDebugLogs();

        assertEquals(Map.of(), loggerLevelProperties(), "logger levels left in the system properties");
    }

    @Test
    void respectsALevelTheUserSetForASignerPackage() {
        String userChoice = "org.slf4j.simpleLogger.log.software.amazon.awssdk.http.auth.aws.internal.signer";
        System.setProperty(userChoice, "debug");
        try {
            SdkLogging.keepSecretsOutOfDebugLogs();

            assertEquals(Map.of(userChoice, "debug"), loggerLevelProperties());
        } finally {
            System.clearProperty(userChoice);
        }
    }

    /** A newer SDK that adds a signer class with a logger fails here until the class is listed. */
    @Test
    void everyClassOfTheSignersPackagesThatLogsIsListed() throws Exception {
        List<String> unlisted = new ArrayList<>();
        int logging = 0;
        for (Class<?> anchor : List.of(Aws4Signer.class, AwsV4HttpSigner.class)) {
            String root = anchor.getPackageName().replace('.', '/').replaceFirst("/signer$", "") + "/";
            try (JarFile jar = new JarFile(jarOf(anchor))) {
                for (JarEntry entry : Collections.list(jar.entries())) {
                    if (entry.getName().startsWith(root) && entry.getName().endsWith(".class") && logs(jar, entry)) {
                        logging++;
                        String type = entry.getName()
                                .replaceFirst("(\\$.*)?\\.class$", "")
                                .replace('/', '.');
                        if (type.contains(".signer.") && !SdkLogging.SIGNER_LOGGERS.contains(type)) {
                            unlisted.add(type);
                        }
                    }
                }
            }
        }
        assertTrue(logging > 0, "the scan found the SDK's classes that log");
        assertEquals(List.of(), unlisted, "signer classes with a logger that SdkLogging does not keep at INFO");
    }

    private static Map<String, String> loggerLevelProperties() {
        Map<String, String> levels = new TreeMap<>();
        for (Enumeration<?> names = System.getProperties().propertyNames(); names.hasMoreElements(); ) {
            String name = (String) names.nextElement();
            if (name.startsWith("org.slf4j.simpleLogger.log.") || name.startsWith("maven.logger.log.")) {
                levels.put(name, System.getProperty(name));
            }
        }
        return levels;
    }

    private static String jarOf(Class<?> type) throws URISyntaxException {
        return new java.io.File(
                        type.getProtectionDomain().getCodeSource().getLocation().toURI())
                .getPath();
    }

    private static boolean logs(JarFile jar, JarEntry entry) throws IOException {
        try (InputStream in = jar.getInputStream(entry)) {
            String constants = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
            return constants.contains("software/amazon/awssdk/utils/Logger") || constants.contains("org/slf4j/Logger");
        }
    }
}

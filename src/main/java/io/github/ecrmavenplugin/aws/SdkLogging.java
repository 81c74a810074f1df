package io.github.ecrmavenplugin.aws;

/**
 * Keeps the AWS SDK and its Apache HTTP client from logging secrets under {@code mvn -X}. At DEBUG the SDK's
 * request signers log the canonical request, session token included. Maven's SLF4J simple logger reads a logger's level from system
 * properties when the logger is created, so setting {@code software.amazon.awssdk} to INFO before the SDK's
 * classes load keeps all SDK loggers quiet at DEBUG; the plugin logs each call it makes itself. A level the user
 * set explicitly (e.g. {@code -Dorg.slf4j.simpleLogger.log.software.amazon.awssdk.request=debug}) is respected.
 *
 * <p>Maven 4's logger reads the same levels from {@code maven.logger.log.*} and warns on every logger configured
 * the old way, so under Maven 4 the new prefix is used.
 */
final class SdkLogging {

    private static final String PREFIX = runningOnMaven4() ? "maven.logger.log." : "org.slf4j.simpleLogger.log.";

    private SdkLogging() {}

    static void keepSecretsOutOfDebugLogs() {
        quiet("software.amazon.awssdk");
        // Named explicitly so that opening up the parent never opens these: they print signing material.
        quiet("software.amazon.awssdk.auth.signer");
        quiet("software.amazon.awssdk.http.auth.aws.internal.signer");
        quiet("software.amazon.awssdk.http.auth.aws.signer");
        // The Apache client (proxies with credentials) logs every header, Proxy-Authorization included, and every
        // byte at DEBUG ("org.apache.http.headers", "org.apache.http.wire"). Through commons-logging these reach
        // java.util.logging in Maven (INFO unless configured), but SLF4J wherever commons-logging is bridged to it.
        quiet("org.apache.http");
    }

    /** Maven 4 exports its new API to plugins; Maven 3 has no such package. */
    private static boolean runningOnMaven4() {
        try {
            Class.forName("org.apache.maven.api.Session", false, SdkLogging.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    private static void quiet(String logger) {
        if (System.getProperty(PREFIX + logger) == null) {
            System.setProperty(PREFIX + logger, "info");
        }
    }
}

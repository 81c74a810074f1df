package io.github.ecrmavenplugin.ecr;

/**
 * Keeps the AWS SDK from logging secrets under {@code mvn -X}. At DEBUG the SDK's request signers log the
 * canonical request, session token included. Maven's SLF4J simple logger reads a logger's level from system
 * properties when the logger is created, so setting {@code software.amazon.awssdk} to INFO before the SDK's
 * classes load keeps all SDK loggers quiet at DEBUG; the plugin logs each call it makes itself. A level the user
 * set explicitly (e.g. {@code -Dorg.slf4j.simpleLogger.log.software.amazon.awssdk.request=debug}) is respected.
 */
final class SdkLogging {

    private static final String PREFIX = "org.slf4j.simpleLogger.log.";

    private SdkLogging() {}

    static void keepSecretsOutOfDebugLogs() {
        quiet("software.amazon.awssdk");
        // Named explicitly so that opening up the parent never opens these: they print signing material.
        quiet("software.amazon.awssdk.auth.signer");
        quiet("software.amazon.awssdk.http.auth.aws.internal.signer");
        quiet("software.amazon.awssdk.http.auth.aws.signer");
    }

    private static void quiet(String logger) {
        if (System.getProperty(PREFIX + logger) == null) {
            System.setProperty(PREFIX + logger, "info");
        }
    }
}

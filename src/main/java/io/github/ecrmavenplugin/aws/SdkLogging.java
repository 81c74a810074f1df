package io.github.ecrmavenplugin.aws;

import java.util.List;
import org.slf4j.LoggerFactory;

/**
 * Keeps the bundled AWS SDK's request signers from logging secrets under {@code mvn -X}: at DEBUG they log the
 * canonical request, session token included, and the string to sign.
 *
 * <p>The SDK logs through SLF4J, that is through the logger Maven gives every plugin: Maven 3's
 * {@code maven-slf4j-provider} (slf4j-simple's logger) and Maven 4's own both read a logger's level from a system
 * property ({@code org.slf4j.simpleLogger.log.<name>}, Maven 4: {@code maven.logger.log.<name>}) once, when the
 * logger is created, and hand out that one instance for the name ever after. So each signer's logger is created
 * here, while such a property says INFO, and the property is removed at once: the signers' loggers stay at INFO,
 * and no property is left behind to change a logger of Maven or of a later plugin. A level the user set for a
 * signer (or a package above it) is respected, and the SDK's other loggers show what {@code -X} shows.
 *
 * <p>The wire loggers ({@code org.apache.http.headers} and {@code .wire}, which would print
 * {@code Proxy-Authorization}) are left alone on purpose: Maven's own HTTP transport uses those names too. The
 * bundled Apache client does not reach them through SLF4J: it logs through the commons-logging bundled beside it,
 * which no Maven exports to plugins and which therefore writes to {@code java.util.logging} (INFO), a log
 * {@code -X} does not open.
 */
final class SdkLogging {

    /**
     * The loggers of the bundled SDK's SigV4 signers, by name (the SDK names a logger after its class; the legacy
     * signers log as {@code Aws4Signer}). {@code SdkLoggingTest} checks that every class of the signers' packages
     * that logs is listed, so a newer SDK's new signer does not go unnoticed.
     */
    static final List<String> SIGNER_LOGGERS = List.of(
            "software.amazon.awssdk.auth.signer.Aws4Signer",
            "software.amazon.awssdk.auth.signer.internal.AbstractAws4Signer",
            "software.amazon.awssdk.auth.signer.internal.BaseEventStreamAsyncAws4Signer",
            "software.amazon.awssdk.http.auth.aws.crt.internal.signer.AwsChunkedV4aPayloadSigner",
            "software.amazon.awssdk.http.auth.aws.crt.internal.signer.DefaultAwsCrtV4aHttpSigner",
            "software.amazon.awssdk.http.auth.aws.eventstream.internal.io.SigV4DataFramePublisher",
            "software.amazon.awssdk.http.auth.aws.internal.signer.AwsChunkedV4PayloadSigner",
            "software.amazon.awssdk.http.auth.aws.internal.signer.DefaultAwsV4HttpSigner",
            "software.amazon.awssdk.http.auth.aws.internal.signer.DefaultV4RequestSigner",
            "software.amazon.awssdk.http.auth.aws.internal.signer.chunkedencoding.ChunkedEncodedInputStream",
            "software.amazon.awssdk.http.auth.aws.internal.signer.util.ChecksumUtil",
            "software.amazon.awssdk.http.auth.aws.internal.signer.util.OptionalDependencyLoaderUtil",
            "software.amazon.awssdk.http.auth.aws.internal.signer.util.SignerUtils");

    private static final String PREFIX = runningOnMaven4() ? "maven.logger.log." : "org.slf4j.simpleLogger.log.";

    static {
        // Once per class loader: the logger instances outlive it, and a second round would find them made.
        SIGNER_LOGGERS.forEach(SdkLogging::createAtInfo);
    }

    private SdkLogging() {}

    /** Makes sure the signers' loggers are at INFO before the first SDK class that signs is loaded. */
    static void keepSecretsOutOfDebugLogs() {
        // The work is done by the static initialiser, which the JVM runs once, even with parallel builds.
    }

    private static void createAtInfo(String logger) {
        if (levelSetByUser(logger)) {
            return;
        }
        String property = PREFIX + logger;
        System.setProperty(property, "info");
        try {
            LoggerFactory.getLogger(logger);
        } finally {
            System.clearProperty(property);
        }
    }

    /** A level given for the logger or a package above it, e.g. {@code -Dorg.slf4j.simpleLogger.log.software...}. */
    private static boolean levelSetByUser(String logger) {
        for (String name = logger; ; name = name.substring(0, name.lastIndexOf('.'))) {
            if (System.getProperty(PREFIX + name) != null) {
                return true;
            }
            if (name.indexOf('.') < 0) {
                return false;
            }
        }
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
}

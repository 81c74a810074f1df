package io.github.ecrmavenplugin.tls;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * A self-signed certificate for {@code 127.0.0.1}, made with the JDK's {@code keytool}, so that test servers (the
 * ECR emulator) can speak HTTPS and test clients can trust them the way users' builds trust AWS: through the JVM's
 * default trust store. Nothing in the plugin is told to trust it.
 *
 * <p>In the directory: {@code server.p12} (the private key and certificate, for the server) and
 * {@code truststore.p12} (the JDK's own CA certificates plus this one, so that a JVM using it still reaches
 * Maven Central), both with the password {@value #PASSWORD}.
 */
public final class SelfSignedCertificate {

    public static final String PASSWORD = "changeit";

    private final Path keyStore;
    private final Path trustStore;

    private SelfSignedCertificate(Path keyStore, Path trustStore) {
        this.keyStore = keyStore;
        this.trustStore = trustStore;
    }

    /**
     * Makes a new key pair and certificate in {@code dir}, valid for two days, for 127.0.0.1, localhost and
     * {@code dnsNames} (e.g. an AWS endpoint's host that a test proxy routes to a local server).
     */
    public static SelfSignedCertificate create(Path directory, String... dnsNames) {
        // keytool runs in this directory, so the paths it is given must not be relative to another one
        Path dir = directory.toAbsolutePath();
        try {
            Files.createDirectories(dir);
            Path keyStore = dir.resolve("server.p12");
            Files.deleteIfExists(keyStore);
            keytool(
                    dir,
                    "-genkeypair",
                    "-alias",
                    "server",
                    "-keyalg",
                    "EC",
                    "-groupname",
                    "secp256r1",
                    "-dname",
                    "CN=127.0.0.1",
                    "-ext",
                    "SAN=ip:127.0.0.1,dns:localhost"
                            + java.util.Arrays.stream(dnsNames)
                                    .map(name -> ",dns:" + name)
                                    .collect(java.util.stream.Collectors.joining()),
                    "-validity",
                    "2",
                    "-storetype",
                    "PKCS12",
                    "-keystore",
                    keyStore.toString(),
                    "-storepass",
                    PASSWORD);
            Path trustStore = dir.resolve("truststore.p12");
            writeTrustStore(load(keyStore).getCertificate("server"), trustStore);
            return new SelfSignedCertificate(keyStore, trustStore);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot make the test certificate", e);
        }
    }

    /** The server side: presents this certificate. */
    public SSLContext serverContext() {
        try {
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(load(keyStore), PASSWORD.toCharArray());
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys.getKeyManagers(), null, null);
            return context;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot load " + keyStore, e);
        }
    }

    /** The JDK's CA certificates plus this one (PKCS12, password {@value #PASSWORD}). */
    public Path trustStore() {
        return trustStore;
    }

    /** The JVM options that make a JVM (e.g. a Maven build) trust this certificate besides the usual CAs. */
    public List<String> jvmOptions() {
        return List.of(
                "-Djavax.net.ssl.trustStore=" + trustStore,
                "-Djavax.net.ssl.trustStoreType=PKCS12",
                "-Djavax.net.ssl.trustStorePassword=" + PASSWORD);
    }

    /**
     * Makes this JVM trust the certificate, as {@link #jvmOptions()} would, until the returned handle is closed.
     * The JDK reads these properties whenever a new SSL context loads its default trust managers, as each SDK
     * HTTP client does when it is built.
     */
    public AutoCloseable trustedByThisJvm() {
        List<String> names =
                List.of("javax.net.ssl.trustStore", "javax.net.ssl.trustStoreType", "javax.net.ssl.trustStorePassword");
        List<String> before = names.stream().map(System::getProperty).toList();
        System.setProperty(names.get(0), trustStore.toString());
        System.setProperty(names.get(1), "PKCS12");
        System.setProperty(names.get(2), PASSWORD);
        return () -> {
            for (int i = 0; i < names.size(); i++) {
                if (before.get(i) == null) {
                    System.clearProperty(names.get(i));
                } else {
                    System.setProperty(names.get(i), before.get(i));
                }
            }
        };
    }

    private static void writeTrustStore(Certificate certificate, Path file)
            throws IOException, GeneralSecurityException {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        File cacerts = Path.of(System.getProperty("java.home"), "lib", "security", "cacerts")
                .toFile();
        if (cacerts.isFile()) {
            KeyStore jdk = KeyStore.getInstance(cacerts, "changeit".toCharArray());
            for (String alias : Collections.list(jdk.aliases())) {
                if (jdk.isCertificateEntry(alias)) {
                    trust.setCertificateEntry(alias, jdk.getCertificate(alias));
                }
            }
        }
        trust.setCertificateEntry("ecr-maven-plugin-test-server", certificate);
        try (OutputStream out = Files.newOutputStream(file)) {
            trust.store(out, PASSWORD.toCharArray());
        }
    }

    private static KeyStore load(Path file) throws IOException, GeneralSecurityException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(file)) {
            store.load(in, PASSWORD.toCharArray());
        }
        return store;
    }

    private static void keytool(Path dir, String... args) throws IOException {
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        List<String> command = new java.util.ArrayList<>(List.of(keytool.toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command)
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .start();
        try {
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IOException("keytool failed: " + output);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while running keytool", e);
        }
    }
}

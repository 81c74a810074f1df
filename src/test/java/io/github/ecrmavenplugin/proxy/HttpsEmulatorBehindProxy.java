package io.github.ecrmavenplugin.proxy;

import io.github.ecrmavenplugin.aws.EcrClients;
import io.github.ecrmavenplugin.emulator.EcrEmulator;
import io.github.ecrmavenplugin.tls.SelfSignedCertificate;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The network of the proxy tests, for each test: an emulator that also listens on HTTPS with a self-signed
 * certificate this JVM trusts as users' builds trust AWS (through the default trust store, never an option of the
 * plugin), and a {@link RecordingProxy} in front of it. The plugin's shared clients are closed after each test, so
 * the next one builds its own for its own proxy. Register it in a {@code static} field; the certificate is made
 * once per class.
 */
public final class HttpsEmulatorBehindProxy
        implements BeforeAllCallback, BeforeEachCallback, AfterEachCallback, AfterAllCallback {

    private Path directory;
    private SelfSignedCertificate certificate;
    private AutoCloseable trust;
    private EcrEmulator emulator;
    private RecordingProxy proxy;

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        directory = Files.createTempDirectory("https-emulator");
        certificate = SelfSignedCertificate.create(directory);
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        trust = certificate.trustedByThisJvm();
        emulator = EcrEmulator.builder()
                .https(certificate.serverContext(), 0)
                .build()
                .start();
        proxy = RecordingProxy.start(0, null);
    }

    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        EcrClients.closeAll();
        proxy.close();
        emulator.close();
        trust.close();
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        try (Stream<Path> files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder()).forEach(file -> {
                try {
                    Files.delete(file);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }

    public EcrEmulator emulator() {
        return emulator;
    }

    public RecordingProxy proxy() {
        return proxy;
    }
}

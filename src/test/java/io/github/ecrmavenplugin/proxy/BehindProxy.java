package io.github.ecrmavenplugin.proxy;

import io.github.ecrmavenplugin.emulator.EcrEmulator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The set-up the proxy tests share: a test class that extends it has, for each test, an {@link #emulator} that also
 * listens on HTTPS and a {@link #proxy} in front of it (see {@link HttpsEmulatorBehindProxy}).
 */
public abstract class BehindProxy {

    @RegisterExtension
    static final HttpsEmulatorBehindProxy NETWORK = new HttpsEmulatorBehindProxy();

    protected EcrEmulator emulator;
    protected RecordingProxy proxy;

    @BeforeEach
    protected void startNetwork() {
        emulator = NETWORK.emulator();
        proxy = NETWORK.proxy();
    }
}

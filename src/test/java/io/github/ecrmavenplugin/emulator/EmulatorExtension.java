package io.github.ecrmavenplugin.emulator;

import io.github.ecrmavenplugin.aws.EcrClients;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import software.amazon.awssdk.services.ecr.EcrClient;

/**
 * An in-process emulator for a test class ({@link #perClass}, in a {@code static} {@code @RegisterExtension} field)
 * or for each test ({@link #perTest}, in an instance field), closed when its test ends (a per-class one: see below). It is started as
 * the extension is made, so that the test's fields can use it at once:
 *
 * <pre>
 * &#64;RegisterExtension
 * static final EmulatorExtension ecr = EmulatorExtension.perClass(EcrEmulator.builder());
 * private static final EcrEmulator emulator = ecr.emulator();
 * </pre>
 *
 * {@link #client()} is an SDK client of that emulator, closed with it.
 *
 * <p>A per-class emulator outlives its class: PIT (the {@code mutation} profile) and IDEs run a class again in the
 * same JVM, where the {@code static} field still holds this extension. Each run after the first starts from an
 * emptied emulator, as the first did; the emulator and its client close when the JVM ends. Closing them after the
 * first run would make every later run fail, and PIT would count each of its mutants as killed.
 */
public final class EmulatorExtension
        implements BeforeAllCallback, BeforeEachCallback, AfterEachCallback, AfterAllCallback {

    private final EcrEmulator emulator;
    private final boolean perTest;
    private final List<Consumer<EcrEmulator>> beforeEach = new ArrayList<>();
    private Runnable set = () -> {};
    private Runnable unset = () -> {};
    private EcrClient client;
    private boolean ranBefore;

    private EmulatorExtension(EcrEmulator.Builder builder, boolean perTest) {
        this.emulator = builder.build().start();
        this.perTest = perTest;
        if (!perTest) {
            Runtime.getRuntime().addShutdownHook(new Thread(this::close, "close-emulator"));
        }
    }

    /** One emulator for all the tests of a class. */
    public static EmulatorExtension perClass(EcrEmulator.Builder builder) {
        return new EmulatorExtension(builder, false);
    }

    /** A fresh emulator for each test. */
    public static EmulatorExtension perTest(EcrEmulator.Builder builder) {
        return new EmulatorExtension(builder, true);
    }

    /** Something to do before each test, e.g. {@link EcrEmulator#reset()} for a per-class emulator. */
    public EmulatorExtension beforeEach(Consumer<EcrEmulator> step) {
        beforeEach.add(step);
        return this;
    }

    /**
     * State the tests need while the emulator runs (e.g. credentials in system properties): set when the class (or
     * test) starts, unset when it ends.
     */
    public EmulatorExtension with(Runnable set, Runnable unset) {
        this.set = set;
        this.unset = unset;
        return this;
    }

    public EcrEmulator emulator() {
        return emulator;
    }

    /**
     * A client of the emulator that does not retry ({@link EmulatorClients#noRetries}), made at the first call; closed
     * before the emulator is.
     */
    public synchronized EcrClient client() {
        if (client == null) {
            client = EmulatorClients.noRetries(emulator);
        }
        return client;
    }

    @Override
    public synchronized void beforeAll(ExtensionContext context) {
        if (ranBefore) {
            emulator.reset();
        }
        ranBefore = true;
        set.run();
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        if (perTest) {
            set.run();
        }
        beforeEach.forEach(step -> step.accept(emulator));
    }

    @Override
    public void afterEach(ExtensionContext context) {
        if (perTest) {
            try {
                unset.run();
            } finally {
                close();
            }
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (!perTest) {
            unset.run();
        }
    }

    private synchronized void close() {
        try {
            if (client != null) {
                client.close();
            }
        } finally {
            emulator.close();
            // As a build's end does: the plugin's clients and credentials, kept per endpoint, go with the emulator,
            // so that a later emulator on the same port starts with none (not with an earlier test's failure).
            EcrClients.closeAll();
        }
    }
}

package io.github.ecrmavenplugin.emulator;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;

/**
 * Runs the emulator as a process of its own, for builds that test in separate JVMs:
 *
 * <pre>
 * java -cp target/test-classes:DEPENDENCIES io.github.ecrmavenplugin.emulator.EmulatorMain \
 *     [--port N] [--registry-host H] [--password P] [--port-file FILE] [--exit-with-parent]
 * </pre>
 *
 * It prints {@code ECR emulator listening on http://127.0.0.1:PORT} once it serves, and runs until
 * {@code POST /_emulator/shutdown}, a signal, or (with {@code --exit-with-parent}) the end of its parent process.
 */
public final class EmulatorMain {

    private EmulatorMain() {}

    public static void main(String[] args) throws Exception {
        // Taken first: once the parent is gone, parent() names whoever adopted this process instead.
        Optional<ProcessHandle> parent = ProcessHandle.current().parent();
        EcrEmulator.Builder builder = EcrEmulator.builder();
        Path portFile = null;
        boolean exitWithParent = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--port" -> builder.port(Integer.parseInt(value(args, ++i)));
                case "--registry-host" -> builder.registryHost(value(args, ++i));
                case "--password" -> builder.authorizationPassword(value(args, ++i));
                case "--port-file" -> portFile = Path.of(value(args, ++i));
                case "--exit-with-parent" -> exitWithParent = true;
                default -> {
                    System.err.println("Unknown option " + args[i] + "\nUsage: EmulatorMain [--port N] "
                            + "[--registry-host H] [--password P] [--port-file FILE] [--exit-with-parent]");
                    System.exit(2);
                }
            }
        }
        EcrEmulator emulator = builder.build().start();
        Runtime.getRuntime().addShutdownHook(new Thread(emulator::close, "ecr-emulator-stop"));
        if (exitWithParent) {
            // A spawned emulator must never outlive the build that spawned it, even when that build is killed.
            parent.filter(ProcessHandle::isAlive)
                    .ifPresentOrElse(handle -> handle.onExit().thenRun(emulator::close), emulator::close);
        }
        // Written last: whoever waits for the file may rely on everything above being in place.
        if (portFile != null) {
            writeAtomically(portFile, Integer.toString(emulator.port()));
        }
        System.out.println("ECR emulator listening on " + emulator.endpoint());
        System.out.flush();
        emulator.awaitClosed();
        System.exit(0);
    }

    private static String value(String[] args, int i) {
        if (i >= args.length) {
            throw new IllegalArgumentException("Option " + args[i - 1] + " needs a value");
        }
        return args[i];
    }

    /** Readers poll for the file, so it must never be seen half written. */
    private static void writeAtomically(Path file, String content) throws IOException {
        Path absolute = file.toAbsolutePath();
        Files.createDirectories(absolute.getParent());
        Path temp = Files.createTempFile(absolute.getParent(), ".port", ".tmp");
        Files.writeString(temp, content, StandardCharsets.UTF_8);
        Files.move(temp, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}

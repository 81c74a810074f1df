package io.github.ecrmavenplugin.localregistry;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * Runs a {@link LocalRegistry} standalone from the test classpath, e.g.
 *
 * <pre>
 * java -cp target/test-classes io.github.ecrmavenplugin.localregistry.LocalRegistryMain \
 *     --port 0 --password secret [--work-dir DIR] [--exit-with-parent]
 * </pre>
 *
 * <p>Once the registry answers, prints one line {@code READY host=127.0.0.1:PORT pid=PID certificate=PEM
 * work-dir=DIR} on stdout, then runs until killed (SIGTERM/SIGINT stop the registry too) or, with
 * {@code --exit-with-parent}, until the process that started this one ends.
 */
public final class LocalRegistryMain {

    private LocalRegistryMain() {}

    public static void main(String[] args) throws Exception {
        int port = 0;
        String password = null;
        Path workDir = null;
        boolean exitWithParent = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--port" -> port = Integer.parseInt(value(args, ++i));
                case "--password" -> password = value(args, ++i);
                case "--work-dir" -> workDir = Path.of(value(args, ++i));
                case "--exit-with-parent" -> exitWithParent = true;
                default -> usage("unknown argument " + args[i]);
            }
        }
        if (password == null) {
            usage("--password is required");
        }
        if (!LocalRegistry.isAvailable()) {
            System.err.println(LocalRegistry.INSTALL_HINT);
            System.exit(2);
        }

        // Take the parent handle before anything else: once it dies this process is re-parented,
        // and parent() would then name the new parent.
        ProcessHandle parent = exitWithParent ? ProcessHandle.current().parent().orElse(null) : null;
        if (exitWithParent && parent == null) {
            usage("--exit-with-parent: parent process unknown (already gone?)");
        }

        LocalRegistry registry = LocalRegistry.start(workDir, port, password); // its shutdown hook stops it on exit
        System.out.println("READY host=" + registry.host() + " pid=" + registry.pid() + " certificate="
                + registry.certificate() + " work-dir=" + registry.workDir());
        System.out.flush();

        if (parent != null) {
            parent.onExit().join();
            System.err.println("parent process " + parent.pid() + " ended; stopping " + registry);
            registry.close();
            System.exit(0);
        }
        new CountDownLatch(1).await();
    }

    private static String value(String[] args, int i) {
        if (i >= args.length) {
            usage(args[i - 1] + " needs a value");
        }
        return args[i];
    }

    private static void usage(String problem) {
        System.err.println(problem);
        System.err.println(
                "usage: LocalRegistryMain --password PASSWORD [--port PORT] [--work-dir DIR] [--exit-with-parent]");
        System.exit(64);
    }
}

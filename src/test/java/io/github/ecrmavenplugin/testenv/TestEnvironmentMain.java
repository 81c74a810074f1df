package io.github.ecrmavenplugin.testenv;

import io.github.ecrmavenplugin.emulator.EcrEmulator;
import io.github.ecrmavenplugin.localregistry.LocalRegistry;
import io.github.ecrmavenplugin.proxy.RecordingProxy;
import io.github.ecrmavenplugin.tls.SelfSignedCertificate;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Properties;

/**
 * The environment integration tests, the demo and the benchmark run against, as one background process: the ECR
 * emulator, and a real registry (Debian's docker-registry) that the emulator's repository URIs point at and whose
 * password is the one the emulator's GetAuthorizationToken hands out.
 *
 * <pre>
 * TestEnvironmentMain --dir DIR [--emulator-port N] [--emulator-https-port N] [--registry-port N] [--no-registry]
 *                     [--latency-millis N] [--proxy-port N] [--docker-port N] [--exit-with-parent]
 * </pre>
 *
 * With {@code --emulator-https-port} the emulator also serves HTTPS there, with a self-signed certificate in
 * {@code DIR/tls} whose trust store ({@code emulator.trustStore}, password {@value SelfSignedCertificate#PASSWORD})
 * a build's JVM can be given to trust it.
 *
 * With {@code --docker-port} it runs a {@link RecordingDockerDaemon} there, logging to {@code DIR/docker.log}.
 * With {@code --proxy-port} it also runs a {@link RecordingProxy} there that demands the user
 * {@value #PROXY_USER} with password {@value #PROXY_PASSWORD} and logs each request to {@code DIR/proxy.log}.
 *
 * <p>It writes {@code DIR/environment.properties} (emulator URL, registry host, password, certificate, PIDs), then
 * {@code DIR/ready}. It stops when {@code DIR/stop} appears (then writes {@code DIR/stopped}), on a signal, or,
 * with {@code --exit-with-parent}, when the process that started it ends: a test environment never outlives its
 * build.
 */
public final class TestEnvironmentMain {

    /** Lines "Operation repositoryName" of destructive calls that a test's POM asked for (see ItEnvironment). */
    public static final String ALLOWED_DESTRUCTIVE = "allowed-destructive-calls.txt";
    /** Written on stop: the destructive calls no test asked for, one a line; empty when nothing was lost. */
    public static final String DESTRUCTIVE_CALLS = "destructive-calls.txt";
    /** The credentials the test proxy demands. */
    public static final String PROXY_USER = "it-proxy-user";

    public static final String PROXY_PASSWORD = "it-proxy-password-7f3a";

    private TestEnvironmentMain() {}

    public static void main(String[] args) throws Exception {
        Path dir = null;
        int emulatorPort = 0;
        int emulatorHttpsPort = -1;
        int registryPort = 0;
        boolean registry = true;
        boolean exitWithParent = false;
        long latencyMillis = 0;
        int proxyPort = -1;
        int dockerPort = -1;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--dir" -> dir = Path.of(args[++i]);
                case "--emulator-port" -> emulatorPort = Integer.parseInt(args[++i]);
                case "--emulator-https-port" -> emulatorHttpsPort = Integer.parseInt(args[++i]);
                case "--registry-port" -> registryPort = Integer.parseInt(args[++i]);
                case "--no-registry" -> registry = false;
                case "--latency-millis" -> latencyMillis = Long.parseLong(args[++i]);
                case "--proxy-port" -> proxyPort = Integer.parseInt(args[++i]);
                case "--docker-port" -> dockerPort = Integer.parseInt(args[++i]);
                case "--exit-with-parent" -> exitWithParent = true;
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        if (dir == null) {
            throw new IllegalArgumentException("--dir is required");
        }
        Files.createDirectories(dir);
        try (PrintStream log =
                new PrintStream(Files.newOutputStream(dir.resolve("environment.log")), true, StandardCharsets.UTF_8)) {
            System.setOut(log);
            System.setErr(log);
            try {
                run(
                        dir,
                        emulatorPort,
                        emulatorHttpsPort,
                        registryPort,
                        registry,
                        latencyMillis,
                        proxyPort,
                        dockerPort,
                        exitWithParent);
            } catch (Exception | Error e) {
                // Into the log while it is open: whoever waits for "ready" reads why it never came.
                e.printStackTrace(log);
                System.exit(1);
            }
        }
        System.exit(0);
    }

    private static void run(
            Path dir,
            int emulatorPort,
            int emulatorHttpsPort,
            int registryPort,
            boolean withRegistry,
            long latencyMillis,
            int proxyPort,
            int dockerPort,
            boolean exitWithParent)
            throws Exception {
        // A fresh password per run: the leak tests look for it in build logs, so it must not be a known constant.
        String password = HexFormat.of().formatHex(new SecureRandom().generateSeed(24));
        // The emulator starts first, so that the registry can tell it of each push (as ECR knows of every push);
        // it names the registry's port in repository URIs, so that port is chosen before either starts.
        int registryPortChosen = withRegistry && registryPort == 0 ? freePort() : registryPort;
        EcrEmulator.Builder builder = EcrEmulator.builder().port(emulatorPort).authorizationPassword(password);
        if (withRegistry) {
            builder.registryHost("127.0.0.1:" + registryPortChosen);
        }
        SelfSignedCertificate certificate = null;
        if (emulatorHttpsPort >= 0) {
            certificate = SelfSignedCertificate.create(dir.resolve("tls"));
            builder.https(certificate.serverContext(), emulatorHttpsPort);
        }
        EcrEmulator emulator = builder.build().start();
        LocalRegistry registry = null;
        if (withRegistry) {
            registry = LocalRegistry.start(
                    dir.resolve("registry"),
                    registryPortChosen,
                    password,
                    java.net.URI.create(emulator.endpoint() + "/_emulator/registry-events"));
            System.out.println("registry listening on https://" + registry.host() + " (pid " + registry.pid() + ")");
        }
        if (latencyMillis > 0) {
            emulator.faults().latency(java.time.Duration.ofMillis(latencyMillis));
        }
        System.out.println("ECR emulator listening on " + emulator.endpoint()
                + (certificate != null ? " and " + emulator.httpsEndpoint() : ""));
        RecordingProxy proxy = null;
        if (proxyPort >= 0) {
            proxy = RecordingProxy.start(proxyPort, dir.resolve("proxy.log"))
                    .requireCredentials(PROXY_USER, PROXY_PASSWORD);
            System.out.println("test proxy listening on 127.0.0.1:" + proxy.port());
        }
        RecordingDockerDaemon docker = null;
        if (dockerPort >= 0) {
            docker = RecordingDockerDaemon.start(dockerPort, dir.resolve("docker.log"));
            System.out.println("test Docker daemon listening on 127.0.0.1:" + docker.port());
        }

        Properties properties = new Properties();
        properties.setProperty("emulator.url", emulator.endpoint().toString());
        properties.setProperty("emulator.accountId", emulator.accountId());
        if (certificate != null) {
            properties.setProperty("emulator.httpsUrl", emulator.httpsEndpoint().toString());
            properties.setProperty(
                    "emulator.trustStore", certificate.trustStore().toString());
        }
        properties.setProperty("registry.host", emulator.registryHost());
        properties.setProperty("registry.password", password);
        properties.setProperty(
                "environment.pid", Long.toString(ProcessHandle.current().pid()));
        properties.setProperty("environment.dir", dir.toAbsolutePath().toString());
        if (proxy != null) {
            properties.setProperty("proxy.port", Integer.toString(proxy.port()));
            properties.setProperty("proxy.log", dir.resolve("proxy.log").toString());
        }
        if (docker != null) {
            properties.setProperty("docker.log", dir.resolve("docker.log").toString());
        }
        if (registry != null) {
            properties.setProperty(
                    "registry.certificate", registry.certificate().toString());
            properties.setProperty("registry.trustStore", registry.trustStore().toString());
            properties.setProperty("registry.pid", Long.toString(registry.pid()));
        }
        Path file = dir.resolve("environment.properties");
        Path tmp = dir.resolve("environment.properties.tmp");
        try (OutputStream out = Files.newOutputStream(tmp)) {
            properties.store(out, "test environment");
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        Files.writeString(dir.resolve("ready"), "ready\n");

        LocalRegistry startedRegistry = registry;
        RecordingProxy startedProxy = proxy;
        RecordingDockerDaemon startedDocker = docker;
        Runnable stop = () -> {
            reportDestructiveCalls(emulator, dir);
            if (startedProxy != null) {
                startedProxy.close();
            }
            if (startedDocker != null) {
                startedDocker.close();
            }
            emulator.close();
            if (startedRegistry != null) {
                startedRegistry.close();
            }
        };
        Runtime.getRuntime().addShutdownHook(new Thread(stop, "test-environment-stop"));
        ProcessHandle parent = exitWithParent ? ProcessHandle.current().parent().orElse(null) : null;
        Path stopFile = dir.resolve("stop");
        while (!Files.exists(stopFile) && (parent == null || parent.isAlive())) {
            Thread.sleep(200);
        }
        System.out.println(Files.exists(stopFile) ? "stop requested" : "parent process ended; stopping");
        stop.run();
        writeQuietly(dir.resolve("stopped"));
    }

    /**
     * Nothing is lost: writes every destructive call the emulator saw that no test declared, for the build to fail
     * on (pom.xml, stop-test-environment). Runs once; a second stop finds the file there.
     */
    static synchronized void reportDestructiveCalls(EcrEmulator emulator, Path dir) {
        Path report = dir.resolve(DESTRUCTIVE_CALLS);
        if (Files.exists(report)) {
            return;
        }
        try {
            java.util.Set<String> allowed = Files.exists(dir.resolve(ALLOWED_DESTRUCTIVE))
                    ? java.util.Set.copyOf(Files.readAllLines(dir.resolve(ALLOWED_DESTRUCTIVE)))
                    : java.util.Set.of();
            StringBuilder text = new StringBuilder();
            for (var call : io.github.ecrmavenplugin.emulator.DestructiveCalls.in(emulator.calls())) {
                if (!allowed.contains(call.operation() + " " + call.repositoryName())) {
                    text.append(io.github.ecrmavenplugin.emulator.DestructiveCalls.describe(call))
                            .append('\n');
                }
            }
            Files.writeString(report, text.toString());
            System.out.println(
                    text.length() == 0
                            ? "nothing lost: no destructive call"
                            : "DESTRUCTIVE CALLS no test asked for:\n" + text);
        } catch (IOException e) {
            System.out.println("cannot write " + report + ": " + e.getMessage());
        }
    }

    private static int freePort() throws IOException {
        try (java.net.ServerSocket socket =
                new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static void writeQuietly(Path file) {
        try {
            Files.writeString(file, "stopped\n");
        } catch (IOException e) {
            System.out.println("cannot write " + file + ": " + e.getMessage());
        }
    }
}

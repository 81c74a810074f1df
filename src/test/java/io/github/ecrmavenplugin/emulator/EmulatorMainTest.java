package io.github.ecrmavenplugin.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.model.AuthorizationData;

/** The emulator as a process of its own, as Maven integration builds start it. */
class EmulatorMainTest {

    @TempDir
    Path dir;

    /** Surefire may hide the real class path behind a manifest-only jar; it publishes the real one here. */
    private static String testClassPath() {
        return Optional.ofNullable(System.getProperty("surefire.test.class.path"))
                .orElse(System.getProperty("java.class.path"));
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    @Test
    void runsStandaloneAndStopsOnShutdownRequest() throws Exception {
        Path portFile = dir.resolve("run/port");
        Process process = new ProcessBuilder(
                        java(),
                        "-cp",
                        testClassPath(),
                        EmulatorMain.class.getName(),
                        "--port",
                        "0",
                        "--registry-host",
                        "registry.test:5000",
                        "--password",
                        "pw-main",
                        "--port-file",
                        portFile.toString())
                .redirectErrorStream(true)
                .start();
        try {
            BufferedReader out =
                    new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            String line = out.readLine();
            assertTrue(
                    line != null && line.matches("ECR emulator listening on http://127\\.0\\.0\\.1:\\d+"),
                    "first line: " + line);
            int port = Integer.parseInt(Files.readString(portFile).trim());
            assertEquals("ECR emulator listening on http://127.0.0.1:" + port, line);

            try (EcrClient ecr = EcrClient.builder()
                    .endpointOverride(URI.create("http://127.0.0.1:" + port))
                    .region(Region.US_EAST_1)
                    .httpClient(UrlConnectionHttpClient.create())
                    .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKID", "s")))
                    .build()) {
                AuthorizationData data =
                        ecr.getAuthorizationToken(r -> {}).authorizationData().get(0);
                assertEquals(
                        "AWS:pw-main",
                        new String(Base64.getDecoder().decode(data.authorizationToken()), StandardCharsets.UTF_8));
                assertEquals("https://registry.test:5000", data.proxyEndpoint());
            }

            HttpResponse<String> shutdown = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/_emulator/shutdown"))
                                    .POST(HttpRequest.BodyPublishers.noBody())
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            assertEquals(200, shutdown.statusCode());
            assertTrue(process.waitFor(15, TimeUnit.SECONDS), "emulator process stops after /_emulator/shutdown");
            assertEquals(0, process.exitValue());
        } finally {
            process.destroyForcibly();
        }
    }

    @Test
    void exitsWithItsParentProcess() throws Exception {
        Path portFile = dir.resolve("port");
        // bash starts the emulator in the background, waits until it serves, and exits, orphaning it.
        String script = "\"$JAVA\" -cp \"$CP\" " + EmulatorMain.class.getName()
                + " --port-file \"$PORT_FILE\" --exit-with-parent >/dev/null 2>&1 &\n"
                + "echo $!\n"
                + "for i in $(seq 1 300); do [ -s \"$PORT_FILE\" ] && exit 0; sleep 0.1; done\n"
                + "exit 1\n";
        ProcessBuilder builder = new ProcessBuilder("bash", "-c", script);
        builder.environment().put("JAVA", java());
        builder.environment().put("CP", testClassPath());
        builder.environment().put("PORT_FILE", portFile.toString());
        Process parent = builder.start();
        long emulatorPid = Long.parseLong(
                new BufferedReader(new InputStreamReader(parent.getInputStream(), StandardCharsets.UTF_8))
                        .readLine()
                        .trim());
        Optional<ProcessHandle> emulator = ProcessHandle.of(emulatorPid);
        try {
            assertTrue(parent.waitFor(40, TimeUnit.SECONDS), "the emulator never wrote its port file");
            assertEquals(0, parent.exitValue(), "the emulator never wrote its port file");
            assertTrue(emulator.isPresent());
            emulator.get().onExit().get(30, TimeUnit.SECONDS);
            assertFalse(emulator.get().isAlive(), "the orphaned emulator exited");
        } finally {
            emulator.ifPresent(ProcessHandle::destroyForcibly);
            parent.destroyForcibly();
        }
    }
}

package io.github.ecrmavenplugin.localregistry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalRegistryMainTest {

    @Test
    void exitWithParentStopsTheRegistryWhenTheParentEnds(@TempDir Path dir) throws Exception {
        assumeTrue(LocalRegistry.isAvailable(), LocalRegistry.INSTALL_HINT);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classes = Path.of(LocalRegistryMain.class
                        .getProtectionDomain()
                        .getCodeSource()
                        .getLocation()
                        .toURI())
                .toString();

        // sh stands in for the parent (e.g. a Maven build); "& wait" keeps java a child of sh rather than exec'ing it.
        Process sh = new ProcessBuilder(
                        "sh",
                        "-c",
                        "\"$0\" -cp \"$1\" " + LocalRegistryMain.class.getName()
                                + " --port 0 --password main-test --work-dir \"$2\" --exit-with-parent & wait",
                        java,
                        classes,
                        dir.resolve("registry").toString())
                .redirectError(dir.resolve("main.err").toFile())
                .start();
        ProcessHandle registryProcess = null;
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(sh.getInputStream(), StandardCharsets.UTF_8));
            String ready = CompletableFuture.supplyAsync(() -> {
                        try {
                            return out.readLine();
                        } catch (java.io.IOException e) {
                            throw new java.io.UncheckedIOException(e);
                        }
                    })
                    .get(60, TimeUnit.SECONDS);
            assertNotNull(ready, () -> "no READY line; stderr: " + read(dir.resolve("main.err")));
            Matcher m = Pattern.compile(
                            "^READY host=127\\.0\\.0\\.1:(\\d+) pid=(\\d+) certificate=(\\S+) work-dir=(\\S+)$")
                    .matcher(ready);
            assertTrue(m.matches(), ready);
            long pid = Long.parseLong(m.group(2));
            registryProcess = ProcessHandle.of(pid).orElseThrow();
            assertTrue(registryProcess.info().command().orElse("").endsWith("docker-registry"));
            assertEquals(
                    pid,
                    Long.parseLong(Files.readString(dir.resolve("registry/registry.pid"))
                            .trim()));

            sh.destroyForcibly().waitFor(10, TimeUnit.SECONDS); // the parent ends without a chance to clean up

            registryProcess.onExit().get(30, TimeUnit.SECONDS);
            assertFalse(registryProcess.isAlive());
            assertFalse(Files.exists(dir.resolve("registry/registry.pid")));
        } finally {
            sh.destroyForcibly();
            if (registryProcess != null) {
                registryProcess.destroyForcibly();
            }
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (java.io.IOException e) {
            return e.toString();
        }
    }
}

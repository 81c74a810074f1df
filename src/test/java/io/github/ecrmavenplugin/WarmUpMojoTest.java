package io.github.ecrmavenplugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ecrmavenplugin.emulator.EcrEmulator;
import io.github.ecrmavenplugin.emulator.EmulatorCall;
import io.github.ecrmavenplugin.emulator.EmulatorExtension;
import java.util.List;
import org.apache.maven.plugin.MojoFailureException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The warm-up goal: checks the configuration at once, then starts the client in the background with one read. */
class WarmUpMojoTest {

    @RegisterExtension
    static final EmulatorExtension emulatorExtension = MojoRunner.withCredentials(
            EmulatorExtension.perClass(EcrEmulator.builder()).beforeEach(emulator -> {
                MojoRunner.installCredentials();
                emulator.reset();
            }));

    private static final EcrEmulator emulator = emulatorExtension.emulator();

    private static List<String> operationsWithin(long millis) throws InterruptedException {
        long deadline = System.nanoTime() + millis * 1_000_000;
        while (emulator.calls().isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        return emulator.calls().stream().map(EmulatorCall::operation).toList();
    }

    @Test
    void startsTheClientWithOneReadInTheBackground() throws Exception {
        MojoRunner goal = MojoRunner.warmUp(emulator).set("repositoryName", "team/app");
        goal.execute();
        assertEquals(List.of("DescribeRepositories"), operationsWithin(20_000));
        assertTrue(emulator.repository("team/app").isEmpty(), "the warm-up changes nothing");
    }

    @Test
    void checksTheConfigurationAtOnce() {
        MojoRunner goal = MojoRunner.warmUp(emulator).set("repositoryName", "Not Valid");
        MojoFailureException e = assertThrows(MojoFailureException.class, goal::execute);
        assertTrue(e.getMessage().startsWith("<repositoryName>: "), e.getMessage());
    }

    @Test
    void doesNothingInBuildsThatDoNotReachPackageOrRunOffline() throws Exception {
        MojoRunner.warmUp(emulator).goals("clean", "test").execute();
        MojoRunner.warmUp(emulator).offline(true).execute();
        assertEquals(List.of(), operationsWithin(1_000));
    }

    @Test
    void buildsThatReachPackageAreRecognised() {
        for (String task : List.of("package", "verify", "install", "deploy", "jib:build")) {
            assertTrue(WarmUpMojo.reachesPackage(sessionAsking(task)), task);
        }
        for (String task : List.of("validate", "compile", "test", "clean")) {
            assertTrue(!WarmUpMojo.reachesPackage(sessionAsking(task)), task);
        }
    }

    private static org.apache.maven.execution.MavenSession sessionAsking(String task) {
        var request = new org.apache.maven.execution.DefaultMavenExecutionRequest();
        request.setGoals(List.of(task));
        return new org.apache.maven.execution.MavenSession(
                null, null, request, new org.apache.maven.execution.DefaultMavenExecutionResult());
    }
}

package io.github.ecrmavenplugin.testenv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ecrmavenplugin.emulator.DeletesOnPurpose;
import io.github.ecrmavenplugin.emulator.EcrEmulator;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The integration tests' nothing-lost check: what the test environment reports on stop, for the build to fail on. */
class DestructiveCallsReportTest {

    /** An emulator in which a client has deleted the repository {@code name}. */
    private static EcrEmulator afterDeleting(String name) throws Exception {
        EcrEmulator emulator = EcrEmulator.builder().build().start();
        emulator.seedRepository(name);
        deleteRepository(emulator, name);
        return emulator;
    }

    /** Sends a signed-looking DeleteRepository the way any ECR client would. */
    private static void deleteRepository(EcrEmulator emulator, String name) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(emulator.endpoint())
                .header("X-Amz-Target", "AmazonEC2ContainerRegistry_V20150921.DeleteRepository")
                .header("Content-Type", "application/x-amz-json-1.1")
                .header(
                        "Authorization",
                        "AWS4-HMAC-SHA256 Credential=AKIAREPORTTEST000001/20250101/us-east-1/ecr/"
                                + "aws4_request, SignedHeaders=host;x-amz-date, Signature=" + "0".repeat(64))
                .header("X-Amz-Date", "20250101T000000Z")
                .POST(HttpRequest.BodyPublishers.ofString("{\"repositoryName\":\"" + name + "\"}"))
                .build();
        HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    }

    @Test
    @DeletesOnPurpose("checks that the report catches a deletion")
    void aDeletionNoTestAskedForIsReported(@TempDir Path dir) throws Exception {
        try (EcrEmulator emulator = afterDeleting("precious")) {
            assertEquals(1, emulator.calls("DeleteRepository").size());

            TestEnvironmentMain.reportDestructiveCalls(emulator, dir);

            String report = Files.readString(dir.resolve(TestEnvironmentMain.DESTRUCTIVE_CALLS));
            assertTrue(report.startsWith("DeleteRepository on precious by AKIAREPORTTEST000001"), report);
        }
    }

    @Test
    @DeletesOnPurpose("checks that an allowed deletion passes")
    void aDeletionATestAskedForPasses(@TempDir Path dir) throws Exception {
        try (EcrEmulator emulator = afterDeleting("scratch")) {
            Files.writeString(dir.resolve(TestEnvironmentMain.ALLOWED_DESTRUCTIVE), "DeleteRepository scratch\n");

            TestEnvironmentMain.reportDestructiveCalls(emulator, dir);

            assertEquals("", Files.readString(dir.resolve(TestEnvironmentMain.DESTRUCTIVE_CALLS)));
        }
    }
}

package io.github.ecrmavenplugin.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.model.DescribeImageScanFindingsResponse;
import software.amazon.awssdk.services.ecr.model.ImageDetail;
import software.amazon.awssdk.services.ecr.model.ScanNotFoundException;

/** Images arrive as the docker registry announces pushes; scans follow the control API's plan. */
class EcrEmulatorScanningTest {

    private static final String DIGEST = "sha256:" + "c0".repeat(32);

    /** Distribution 2.8's notification envelope for a Jib push: a layer, then the manifest with its tag. */
    private static final String PUSH_EVENTS = """
            {"events":[
              {"id":"1","timestamp":"2026-11-30T12:00:00Z","action":"push",
               "target":{"mediaType":"application/octet-stream","size":1234,"digest":"sha256:%s",
                         "length":1234,"repository":"team/api","url":"https://127.0.0.1:5443/v2/team/api/blobs/x"},
               "request":{"id":"r1","addr":"127.0.0.1","host":"127.0.0.1:5443","method":"PUT","useragent":"jib"},
               "actor":{"name":"AWS"},"source":{"addr":"host:5443","instanceID":"i"}},
              {"id":"2","timestamp":"2026-11-30T12:00:01Z","action":"push",
               "target":{"mediaType":"application/vnd.docker.distribution.manifest.v2+json","size":708,
                         "digest":"%s","length":708,"repository":"team/api",
                         "url":"https://127.0.0.1:5443/v2/team/api/manifests/%s","tag":"1.0"},
               "request":{"id":"r2","addr":"127.0.0.1","host":"127.0.0.1:5443","method":"PUT","useragent":"jib"},
               "actor":{"name":"AWS"},"source":{"addr":"host:5443","instanceID":"i"}}
            ]}""".formatted("ab".repeat(32), DIGEST, DIGEST);

    private static void post(EcrEmulator emulator, String path, String body) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(emulator.endpoint() + "/_emulator/" + path))
                                .POST(HttpRequest.BodyPublishers.ofString(body))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
    }

    @Test
    void aPushAnnouncedByTheRegistryIsAnImageAndIsScannedOnTheClock() throws Exception {
        ManualClock clock = new ManualClock(Instant.parse("2026-11-30T12:00:00Z"));
        try (EcrEmulator emulator = EcrEmulator.builder().clock(clock).build().start();
                EcrClient ecr = EmulatorClients.noRetries(emulator)) {
            emulator.seedRepository(new RepositorySeed("team/api").scanOnPush(true));
            post(
                    emulator,
                    "scanning",
                    "{\"repositoryName\":\"team/api\",\"pendingMillis\":1000,"
                            + "\"inProgressMillis\":2000,\"outcome\":\"FAILED\",\"description\":\"The scan failed: disk\"}");
            post(emulator, "registry-events", PUSH_EVENTS);

            ImageDetail image = ecr.describeImages(r -> r.repositoryName("team/api"))
                    .imageDetails()
                    .get(0);
            assertEquals(DIGEST, image.imageDigest());
            assertEquals(java.util.List.of("1.0"), image.imageTags());
            assertEquals(708L, image.imageSizeInBytes());

            assertEquals("PENDING", status(ecr));
            clock.advance(java.time.Duration.ofMillis(1500));
            assertEquals("IN_PROGRESS", status(ecr));
            clock.advance(java.time.Duration.ofMillis(1500));
            DescribeImageScanFindingsResponse failed = scan(ecr);
            assertEquals("FAILED", failed.imageScanStatus().statusAsString());
            assertEquals("The scan failed: disk", failed.imageScanStatus().description());
        }
    }

    @Test
    void anImageRegisteredWithoutScanOnPushHasNoScan() throws Exception {
        try (EcrEmulator emulator = EcrEmulator.builder().build().start();
                EcrClient ecr = EmulatorClients.noRetries(emulator)) {
            emulator.seedRepository(new RepositorySeed("team/api"));
            post(emulator, "images", "{\"repositoryName\":\"team/api\",\"imageTag\":\"1.0\"}");
            assertThrows(ScanNotFoundException.class, () -> scan(ecr));
            // the registry's enhanced scanning scans regardless of the repository's scan on push
            post(
                    emulator,
                    "scanning",
                    "{\"scanType\":\"ENHANCED\",\"pendingMillis\":0,\"inProgressMillis\":0,"
                            + "\"fixture\":\"enhanced-critical\"}");
            post(emulator, "images", "{\"repositoryName\":\"team/api\",\"imageTag\":\"2.0\"}");
            DescribeImageScanFindingsResponse enhanced = ecr.describeImageScanFindings(
                    r -> r.repositoryName("team/api").imageId(id -> id.imageTag("2.0")));
            assertEquals("ACTIVE", enhanced.imageScanStatus().statusAsString());
            assertEquals(2, enhanced.imageScanFindings().enhancedFindings().size());
            assertEquals(
                    1,
                    enhanced.imageScanFindings()
                            .findingSeverityCountsAsStrings()
                            .get("CRITICAL"));
        }
    }

    private static DescribeImageScanFindingsResponse scan(EcrClient ecr) {
        return ecr.describeImageScanFindings(r -> r.repositoryName("team/api").imageId(id -> id.imageTag("1.0")));
    }

    private static String status(EcrClient ecr) {
        return scan(ecr).imageScanStatus().statusAsString();
    }
}

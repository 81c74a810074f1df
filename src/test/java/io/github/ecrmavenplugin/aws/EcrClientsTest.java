package io.github.ecrmavenplugin.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ecrmavenplugin.emulator.EmulatorExtension;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.ecr.EcrClient;

class EcrClientsTest {

    @AfterEach
    void closeClients() {
        EcrClients.closeAll();
    }

    @Test
    void modulesBuildingInParallelShareOneClientPerConnectionSettings() throws Exception {
        int before = EcrClients.built();
        ExecutorService modules = Executors.newFixedThreadPool(8);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<EcrClient>> clients = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                clients.add(modules.submit(() -> {
                    start.await();
                    // each module's execution validates its own, equal, settings
                    return EcrClients.client(ConnectionSettings.of("us-east-1", "http://127.0.0.1:9", null));
                }));
            }
            start.countDown();
            EcrClient first = clients.get(0).get();
            for (Future<EcrClient> client : clients) {
                assertSame(first, client.get());
            }
            assertEquals(before + 1, EcrClients.built());

            assertNotSame(first, EcrClients.client(ConnectionSettings.of("eu-west-1", "http://127.0.0.1:9", null)));
            assertEquals(before + 2, EcrClients.built());
        } finally {
            modules.shutdownNow();
        }
    }

    @RegisterExtension
    final EmulatorExtension emulator =
            TestConnections.emulatorPerTest(TestConnections.ACCESS_KEY_ID, "unit-test-secret-key-0000000000000000000");

    /** What {@code prepare} starts in the background is what the goal then gets: the same client and identity. */
    @Test
    void preparedInTheBackgroundTheGoalGetsTheSameClientAndCredentials() {
        emulator.emulator().seedRepository("team/app");
        ClientKey key = ClientKey.of(TestConnections.to(emulator.emulator()));
        int before = EcrClients.built();

        EcrClients.prepare(key);
        EcrClient client = EcrClients.client(key);
        Registries.Connected connected = Registries.connect(key, null, message -> {});
        connected.registry().describe(List.of("team/app"));

        assertEquals(before + 1, EcrClients.built(), "one client, however often it is asked for");
        assertSame(client, EcrClients.client(key));
        assertEquals(TestConnections.ACCESS_KEY_ID, connected.accessKeyId());
        assertEquals(
                "default chain, Java system properties aws.accessKeyId/aws.secretAccessKey (access key AKIA…0001)",
                connected.credentialsSource());
        assertEquals(
                TestConnections.ACCESS_KEY_ID,
                emulator.emulator().calls("DescribeRepositories").get(0).accessKeyId());
    }

    /** A failure in the background (no credentials) reaches the goal as it would have without it, and once. */
    @Test
    void aFailureInTheBackgroundIsThrownToTheGoal() {
        ClientKey key = ClientKey.of(TestConnections.to(emulator.emulator()));
        System.clearProperty("aws.accessKeyId");
        System.clearProperty("aws.secretAccessKey");

        EcrClients.prepare(key);
        CredentialsException first =
                assertThrows(CredentialsException.class, () -> Registries.connect(key, null, message -> {}));
        CredentialsException again =
                assertThrows(CredentialsException.class, () -> Registries.connect(key, null, message -> {}));

        assertEquals(EcrClients.NO_CREDENTIALS, first.getMessage());
        assertSame(first, again, "resolved once per build, not once per module");
        assertTrue(first.isConfigurationProblem());
    }

    @Test
    void theNextSessionGetsANewClient() throws Exception {
        ConnectionSettings settings = ConnectionSettings.of("us-east-1", "http://127.0.0.1:9", null);
        EcrClient first = EcrClients.client(settings);
        EcrClients.closeAll();
        assertNotSame(first, EcrClients.client(settings));
    }
}

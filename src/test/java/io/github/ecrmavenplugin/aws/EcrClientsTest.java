package io.github.ecrmavenplugin.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

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

    /**
     * A steady-state build reads directly and never needs the SDK's client; nor does closing at the session's end
     * (the SDK's {@code Lazy.close()} would build it just to close it).
     */
    @Test
    void aBuildThatOnlyReadsDirectlyBuildsNoClientNotEvenToCloseIt() {
        emulator.emulator().seedRepository("team/app");
        int before = EcrClients.built();
        ClientKey key = ClientKey.of(TestConnections.to(emulator.emulator()));
        Registries.connect(key, null, message -> {}).registry().describe(List.of("team/app"));
        EcrClients.closeAll();

        assertEquals(1, emulator.emulator().calls("DescribeRepositories").size());
        assertEquals(before, EcrClients.built(), "no ECR client built");
    }

    @Test
    void theNextSessionGetsANewClient() throws Exception {
        ConnectionSettings settings = ConnectionSettings.of("us-east-1", "http://127.0.0.1:9", null);
        EcrClient first = EcrClients.client(settings);
        EcrClients.closeAll();
        assertNotSame(first, EcrClients.client(settings));
    }
}

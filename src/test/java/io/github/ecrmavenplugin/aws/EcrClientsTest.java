package io.github.ecrmavenplugin.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
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

    @Test
    void theNextSessionGetsANewClient() throws Exception {
        ConnectionSettings settings = ConnectionSettings.of("us-east-1", "http://127.0.0.1:9", null);
        EcrClient first = EcrClients.client(settings);
        EcrClients.closeAll();
        assertNotSame(first, EcrClients.client(settings));
    }
}

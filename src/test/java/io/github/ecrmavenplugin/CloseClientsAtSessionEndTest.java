package io.github.ecrmavenplugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.github.ecrmavenplugin.aws.AuthorizationTokens;
import io.github.ecrmavenplugin.aws.ConnectionSettings;
import io.github.ecrmavenplugin.aws.EcrClients;
import io.github.ecrmavenplugin.registry.AuthorizationToken;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.apache.maven.execution.AbstractExecutionListener;
import org.apache.maven.execution.DefaultMavenExecutionRequest;
import org.apache.maven.execution.ExecutionEvent;
import org.apache.maven.execution.ExecutionListener;
import org.apache.maven.execution.MavenExecutionRequest;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecr.EcrClient;

class CloseClientsAtSessionEndTest {

    private final List<String> events = new ArrayList<>();

    private final ExecutionListener mavensOwn = new AbstractExecutionListener() {
        @Override
        public void mojoStarted(ExecutionEvent event) {
            events.add("mojoStarted");
        }

        @Override
        public void sessionEnded(ExecutionEvent event) {
            events.add("sessionEnded");
        }
    };

    @Test
    void chainsInOnceAndPassesEveryEventOn() {
        MavenExecutionRequest request = new DefaultMavenExecutionRequest().setExecutionListener(mavensOwn);
        CloseClientsAtSessionEnd.register(request);
        ExecutionListener chained = request.getExecutionListener();
        CloseClientsAtSessionEnd.register(request);
        assertSame(chained, request.getExecutionListener());

        chained.mojoStarted(null);
        chained.sessionEnded(null);
        assertEquals(List.of("mojoStarted", "sessionEnded"), events);
    }

    @Test
    void theSessionsEndClosesTheSharedClients() throws Exception {
        MavenExecutionRequest request = new DefaultMavenExecutionRequest().setExecutionListener(mavensOwn);
        CloseClientsAtSessionEnd.register(request);
        ConnectionSettings settings = ConnectionSettings.of("us-east-1", "http://127.0.0.1:9", null);
        EcrClient duringTheBuild = EcrClients.client(settings);
        assertSame(duringTheBuild, EcrClients.client(settings));

        request.getExecutionListener().sessionEnded(null);

        assertNotSame(duringTheBuild, EcrClients.client(settings));
        EcrClients.closeAll();
    }

    @Test
    void theSessionsEndForgetsTheAuthorizationTokens() {
        MavenExecutionRequest request = new DefaultMavenExecutionRequest().setExecutionListener(mavensOwn);
        CloseClientsAtSessionEnd.register(request);
        Instant expiry = Instant.now().plus(Duration.ofHours(12));
        AtomicInteger fetches = new AtomicInteger();
        Supplier<AuthorizationToken> fetch =
                () -> new AuthorizationToken("AWS", "pw-" + fetches.incrementAndGet(), expiry, "https://registry");
        AuthorizationTokens.get("registry", "AKIACALLER0000000001", fetch, Clock.systemUTC());
        AuthorizationTokens.get("registry", "AKIACALLER0000000001", fetch, Clock.systemUTC());
        assertEquals(1, fetches.get(), "one token per build");

        request.getExecutionListener().sessionEnded(null);

        assertEquals(
                "pw-2",
                AuthorizationTokens.get("registry", "AKIACALLER0000000001", fetch, Clock.systemUTC())
                        .password(),
                "the next build in the same JVM fetches its own");
        AuthorizationTokens.clear();
    }
}

package io.github.ecrmavenplugin.ecr;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.SdkHttpClient;

/**
 * An HTTP client that is still being built on a thread of its own when the {@code EcrClient} is built with it.
 * Building the URL-connection client initialises TLS (JCE providers, the trust store), which in a cold JVM costs
 * about as much as building the {@code EcrClient} itself; side by side, a build pays for the longer of the two
 * instead of their sum. The first request waits for the client if it is not ready yet.
 */
final class BackgroundHttpClient implements SdkHttpClient {

    private final CompletableFuture<SdkHttpClient> client;
    private final String name;

    private BackgroundHttpClient(CompletableFuture<SdkHttpClient> client, String name) {
        this.client = client;
        this.name = name;
    }

    /** Starts building the client now; {@code name} is what {@link #clientName()} says meanwhile. */
    static BackgroundHttpClient build(SdkHttpClient.Builder<?> builder, String name) {
        CompletableFuture<SdkHttpClient> client = new CompletableFuture<>();
        Thread thread = new Thread(() -> {
            try {
                client.complete(builder.build());
            } catch (Throwable e) {
                client.completeExceptionally(e);
            }
        }, "ecr-http-client-build");
        thread.setDaemon(true);
        thread.start();
        return new BackgroundHttpClient(client, name);
    }

    @Override
    public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
        return client().prepareRequest(request);
    }

    @Override
    public String clientName() {
        return name;
    }

    @Override
    public void close() {
        client.thenAccept(SdkHttpClient::close);
    }

    private SdkHttpClient client() {
        try {
            return client.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw e;
        }
    }
}

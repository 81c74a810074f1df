package bench.floor;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Sends one unsigned POST to {@code url} with the JDK's {@code HttpURLConnection} and the JVM's default TLS set-up
 * (no AWS SDK, no signing, no JSON), and reads the answer, whatever its status. With {@code background} the request
 * runs on a thread of its own and the goal returns at once; the {@code join} goal waits for it, as ensure-repository
 * waits for what warm-up started.
 */
@Mojo(name = "request", defaultPhase = LifecyclePhase.PACKAGE, threadSafe = true)
public class RequestMojo extends AbstractMojo {

    static volatile CompletableFuture<Integer> pending;

    @Parameter(property = "floor.url", required = true)
    String url;

    @Parameter(property = "floor.background", defaultValue = "false")
    boolean background;

    @Override
    public void execute() throws MojoExecutionException {
        if (background) {
            pending = CompletableFuture.supplyAsync(this::send);
            return;
        }
        getLog().info("floor: HTTP " + send());
    }

    int send() {
        try {
            HttpURLConnection connection =
                    (HttpURLConnection) URI.create(url).toURL().openConnection();
            connection.setRequestMethod("POST");
            connection.setDoOutput(true);
            connection.setRequestProperty("Content-Type", "application/x-amz-json-1.1");
            try (OutputStream body = connection.getOutputStream()) {
                body.write("{}".getBytes(StandardCharsets.UTF_8));
            }
            int status = connection.getResponseCode();
            try (InputStream answer = status >= 400 ? connection.getErrorStream() : connection.getInputStream()) {
                if (answer != null) {
                    answer.readAllBytes();
                }
            }
            return status;
        } catch (IOException e) {
            throw new IllegalStateException("floor request to " + url + " failed", e);
        }
    }
}

package io.github.ecrmavenplugin.aws;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

/**
 * The JDK's HTTP client as the calls made without the AWS SDK use it (ECR's direct reads, the web identity and SSO
 * exchanges): through the proxy the SDK's URL-connection client would use, with its time-outs.
 */
final class DirectHttp {

    /** Tells these calls from the SDK's in AWS's logs (and the emulator's). */
    static final String USER_AGENT = "ecr-maven-plugin/" + Optional.ofNullable(
            DirectHttp.class.getPackage().getImplementationVersion()).orElse("dev") + " java/"
            + System.getProperty("java.version");

    private DirectHttp() {}

    /**
     * Where one kind of call goes and how.
     *
     * @param url         the URL to call
     * @param proxy       the settings.xml proxy (without credentials), if one is active
     * @param readTimeout how long one call may wait for its answer
     */
    record Target(URI url, Optional<ProxySettings> proxy, Duration readTimeout) {

        HttpURLConnection open() throws IOException {
            return DirectHttp.open(url, proxy, readTimeout);
        }
    }

    /**
     * A connection through the settings.xml proxy unless its {@code nonProxyHosts} list the host; else through
     * the JVM's proxy settings ({@code https.proxyHost}, {@code http.nonProxyHosts}, an installed
     * {@code ProxySelector}), which is what the SDK's client falls back to.
     *
     * @param readTimeout how long one call may wait for its answer
     */
    static HttpURLConnection open(URI url, Optional<ProxySettings> proxy, Duration readTimeout) throws IOException {
        Optional<ProxySettings> through = proxy.filter(p -> !p.bypasses(url.getHost()));
        HttpURLConnection connection = (HttpURLConnection) (through.isEmpty() ? url.toURL().openConnection()
                : url.toURL().openConnection(new Proxy(Proxy.Type.HTTP,
                        InetSocketAddress.createUnresolved(through.get().host(), through.get().port()))));
        // As long as the SDK's HTTP clients wait to connect
        connection.setConnectTimeout((int) EcrClients.CONNECTION_TIMEOUT.toMillis());
        connection.setReadTimeout((int) Math.min(Integer.MAX_VALUE, readTimeout.toMillis()));
        connection.setRequestProperty("User-Agent", USER_AGENT);
        return connection;
    }

    /** The answer's body, success or error; reading it whole lets the JDK reuse the connection. */
    static String body(HttpURLConnection connection, int status) throws IOException {
        InputStream in = status < 400 ? connection.getInputStream() : connection.getErrorStream();
        if (in == null) {
            return "";
        }
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}

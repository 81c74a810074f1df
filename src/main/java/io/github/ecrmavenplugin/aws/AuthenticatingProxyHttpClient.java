package io.github.ecrmavenplugin.aws;

import java.net.URI;
import java.time.Duration;
import java.util.Set;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.http.apache.ProxyConfiguration;

/**
 * The HTTP client for a settings.xml proxy with credentials: the SDK's Apache client, which sends them both with
 * plain-HTTP requests and on the {@code CONNECT} that opens an HTTPS tunnel, i.e. for every real AWS endpoint. The
 * URL-connection client cannot: it adds {@code Proxy-Authorization} to plain-HTTP requests only, and the JDK
 * neither puts it on a {@code CONNECT} nor allows Basic authentication for tunnels by default
 * ({@code jdk.http.auth.tunneling.disabledSchemes}).
 *
 * <p>This is the only class that names the Apache client's types: builds without proxy credentials never load them.
 */
final class AuthenticatingProxyHttpClient {

    private AuthenticatingProxyHttpClient() {}

    /**
     * The client builder, with the same time-outs as the URL-connection client. (The per-call and per-attempt
     * time-outs are the SDK's own and apply to either client: when one expires, the SDK aborts the request, which
     * closes its connection, a {@code CONNECT} still waiting for the proxy included.)
     *
     * @param proxy         where the proxy is, spoken to in plain HTTP
     * @param nonProxyHosts regular expressions of the hosts reached without the proxy
     */
    static SdkHttpClient.Builder<?> builder(
            URI proxy,
            String username,
            String password,
            Set<String> nonProxyHosts,
            Duration connectionTimeout,
            Duration socketTimeout) {
        return ApacheHttpClient.builder()
                .connectionTimeout(connectionTimeout)
                .socketTimeout(socketTimeout)
                .proxyConfiguration(ProxyConfiguration.builder()
                        .endpoint(proxy)
                        .username(username)
                        // Apache authenticates only a proxy with both; an empty password is still a password.
                        .password(password == null ? "" : password)
                        .nonProxyHosts(nonProxyHosts)
                        // Basic credentials with the first CONNECT of each connection, as the URL-connection
                        // client sends them with plain-HTTP requests: no 407 and second CONNECT every time.
                        .preemptiveBasicAuthenticationEnabled(true)
                        .useSystemPropertyValues(false)
                        .useEnvironmentVariableValues(false)
                        .build());
    }
}

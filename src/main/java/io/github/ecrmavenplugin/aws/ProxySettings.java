package io.github.ecrmavenplugin.aws;

import java.net.URI;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import software.amazon.awssdk.core.exception.SdkServiceException;
import software.amazon.awssdk.http.urlconnection.ProxyConfiguration;

/**
 * An HTTP proxy for the AWS calls, as a {@code settings.xml} {@code <proxy>} declares it. {@link #toString()} never
 * shows the password.
 *
 * <p>Only the hosts in {@code nonProxyHosts} bypass the proxy: once a proxy is configured, even {@code localhost}
 * and {@code 127.0.0.1} go through it unless listed, as with Maven's own downloads. (The JDK's built-in default
 * that exempts {@code localhost|127.*} applies only to its system-property proxies, which this replaces.)
 *
 * @param id            the {@code <id>} of the proxy in settings.xml, for the log
 * @param host          the proxy's host
 * @param port          the proxy's port
 * @param username      the proxy user, if the proxy requires authentication
 * @param password      the proxy password (decrypted), if the proxy requires authentication
 * @param nonProxyHosts host patterns that bypass the proxy, Maven style: {@code *.internal.example.com},
 *                      {@code localhost}, {@code 10.*}
 */
public record ProxySettings(
        String id,
        String host,
        int port,
        Optional<String> username,
        Optional<String> password,
        List<String> nonProxyHosts) {

    // How the JDK (URL-connection client) reports a 407 on CONNECT: "Unable to tunnel through proxy. Proxy returns
    // "HTTP/1.1 407 ..."". (The Apache client hands the proxy's 407 to the SDK as the call's answer.)
    private static final Pattern PROXY_407 = Pattern.compile("(?i)proxy\\b.*\\b407\\b");

    public ProxySettings {
        Objects.requireNonNull(host, "host");
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("proxy port out of range: " + port);
        }
        nonProxyHosts = List.copyOf(nonProxyHosts);
    }

    /** Splits a settings.xml {@code <nonProxyHosts>} value: patterns separated by {@code |} (or commas). */
    public static List<String> parseNonProxyHosts(String value) {
        if (value == null || value.isBlank()) {
            return List.of();
        }
        return Arrays.stream(value.split("[|,]"))
                .map(String::trim)
                .filter(s -> !s.isEmpty())
                .toList();
    }

    /** Whether a request to {@code host} bypasses the proxy. */
    public boolean bypasses(String host) {
        String lower = host.toLowerCase(Locale.ROOT);
        return nonProxyRegexes().stream().anyMatch(lower::matches);
    }

    /** Whether the proxy has credentials: then the calls go through {@link AuthenticatingProxyHttpClient}. */
    public boolean hasCredentials() {
        return username.isPresent();
    }

    /**
     * The proxy as the SDK's clients take it (a proxy with credentials goes to the Apache client, as the
     * URL-connection client cannot send them on the {@code CONNECT} of an HTTPS tunnel). The environment's and the JVM's own proxy settings are
     * switched off: settings.xml is the one source, as for Maven's downloads.
     */
    public ProxyConfiguration toUrlConnection() {
        return ProxyConfiguration.builder()
                .endpoint(endpoint())
                .username(username.orElse(null))
                .password(username.isPresent() ? password.orElse("") : null)
                .nonProxyHosts(nonProxyRegexes())
                .useSystemPropertyValues(false)
                .useEnvironmentVariablesValues(false)
                .build();
    }

    /** The proxy as the SDK's clients take it; settings.xml proxies are spoken to in plain HTTP. */
    URI endpoint() {
        return URI.create("http://" + hostForUri() + ":" + port);
    }

    /**
     * The SDK matches each entry as a regular expression against the lower-cased host, so Maven's glob patterns
     * are quoted, with {@code *} standing for any characters.
     */
    Set<String> nonProxyRegexes() {
        return nonProxyHosts.stream()
                .map(pattern -> Arrays.stream(pattern.toLowerCase(Locale.ROOT).split("\\*", -1))
                        .map(part -> part.isEmpty() ? "" : Pattern.quote(part))
                        .collect(Collectors.joining(".*")))
                .collect(Collectors.toUnmodifiableSet());
    }

    private String hostForUri() {
        return host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
    }

    /**
     * Whether a failed AWS call was refused by a proxy demanding authentication (HTTP 407): as the call's answer
     * (a plain-HTTP request, or the {@code CONNECT} of an HTTPS tunnel on the Apache client), or as the JDK's
     * exception for a {@code CONNECT} refused on the URL-connection client.
     */
    public static boolean refusedAuthentication(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SdkServiceException service && service.statusCode() == 407) {
                return true;
            }
            if (t.getMessage() != null && PROXY_407.matcher(t.getMessage()).find()) {
                return true;
            }
        }
        return false;
    }

    /** What to do when this proxy answered 407: the fix is in settings.xml, so the message names the proxy's id. */
    public String authenticationRefusedMessage() {
        String answer = " (HTTP 407 Proxy Authentication Required)";
        if (hasCredentials()) {
            return "Proxy " + host + ":" + port + " refused the credentials of settings.xml proxy '" + id + "'"
                    + answer + ". Check the <username> and <password> of <proxy> '" + id + "' in settings.xml (an "
                    + "encrypted password is decrypted with settings-security.xml)";
        }
        return "Proxy " + host + ":" + port + " demands credentials" + answer + ", and settings.xml proxy '" + id
                + "' has none. Add <username> and <password> to <proxy> '" + id + "' in settings.xml, or list the "
                + "AWS endpoints in its <nonProxyHosts> if they can be reached without the proxy";
    }

    /** For the log: where, and whether with credentials; never the password. */
    public String describe() {
        return host + ":" + port + " (settings.xml proxy '" + id + "'"
                + (username.isPresent() ? ", user " + username.get() : "")
                + (nonProxyHosts.isEmpty() ? "" : ", not for " + String.join("|", nonProxyHosts)) + ")";
    }

    @Override
    public String toString() {
        return "ProxySettings[" + describe() + "]";
    }
}

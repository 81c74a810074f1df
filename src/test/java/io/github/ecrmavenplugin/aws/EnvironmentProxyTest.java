package io.github.ecrmavenplugin.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ecrmavenplugin.emulator.EcrEmulator;
import io.github.ecrmavenplugin.proxy.RecordingProxy;
import io.github.ecrmavenplugin.tls.SelfSignedCertificate;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The proxy of the environment ({@code HTTPS_PROXY}, {@code HTTP_PROXY}, {@code NO_PROXY}), as the AWS CLI takes
 * it: the one for the endpoint's scheme, read by the SDK itself ({@link SdkEnvironment}). The emulator serves HTTPS
 * with a certificate for ECR's own host name, which this JVM trusts, as builds trust AWS.
 */
class EnvironmentProxyTest {

    private static final String ECR_HOST = "api.ecr.us-east-1.amazonaws.com";
    private static final String KEY = "AKIAPROXYENVKEY00001";
    private static final String SECRET = "proxy/env/secret/0000000000000000000001";

    @TempDir
    static Path directory;

    private static SelfSignedCertificate certificate;

    @RegisterExtension
    final SdkEnvironment sdk = new SdkEnvironment();

    private AutoCloseable trust;
    private EcrEmulator emulator;
    private RecordingProxy proxy;

    @BeforeAll
    static void certificate() {
        certificate = SelfSignedCertificate.create(directory, ECR_HOST);
    }

    @BeforeEach
    void start() {
        trust = certificate.trustedByThisJvm();
        emulator = EcrEmulator.builder()
                .https(certificate.serverContext(), 0)
                .build()
                .start();
        emulator.identities().add(KEY, SECRET);
        emulator.seedRepository("team/app");
        proxy = RecordingProxy.start(0, null);
        sdk.property("aws.accessKeyId", KEY).property("aws.secretAccessKey", SECRET);
        for (String name : List.of("HTTPS_PROXY", "HTTP_PROXY", "NO_PROXY")) {
            sdk.variable(name, null).variable(name.toLowerCase(java.util.Locale.ROOT), null);
        }
        for (String scheme : List.of("http", "https")) {
            sdk.property(scheme + ".proxyHost", null).property(scheme + ".proxyPort", null);
        }
        sdk.property("http.nonProxyHosts", null);
    }

    @AfterEach
    void stop() throws Exception {
        sdk.restore();
        proxy.close();
        emulator.close();
        trust.close();
    }

    /** As a corporate CI runner: only HTTPS_PROXY, no endpoint setting; the proxy alone reaches "AWS". */
    @Test
    void onlyHttpsProxySetTheCallsToEcrsOwnHostGoThroughIt() {
        proxy.route(ECR_HOST, emulator.httpsEndpoint().getPort());
        sdk.variable("HTTPS_PROXY", "http://127.0.0.1:" + proxy.port());

        describe(null);

        assertEquals(List.of("CONNECT " + ECR_HOST + ":443"), requests());
        assertEquals(KEY, emulator.calls("DescribeRepositories").get(0).accessKeyId());
    }

    @Test
    void httpProxyIsTheProxyOfPlainHttpEndpointsOnly() {
        sdk.variable("HTTP_PROXY", "http://127.0.0.1:" + proxy.port());

        describe(emulator.endpoint());
        assertEquals(List.of("POST " + emulator.endpoint() + "/"), requests());

        describe(emulator.httpsEndpoint());
        assertEquals(1, requests().size(), "an HTTPS endpoint does not take HTTP_PROXY, as the AWS CLI: " + requests());
        assertEquals(2, emulator.calls("DescribeRepositories").size());
    }

    @Test
    void noProxyNamesTheHostsThatBypassIt() {
        sdk.variable("HTTPS_PROXY", "http://127.0.0.1:" + proxy.port()).variable("NO_PROXY", "localhost,127.0.0.1");

        describe(emulator.httpsEndpoint());

        assertEquals(List.of(), requests());
        assertEquals(KEY, emulator.calls("DescribeRepositories").get(0).accessKeyId());
    }

    @Test
    void aProxyUrlWithCredentialsSendsThemOnTheTunnel() {
        proxy.requireCredentials("build", "proxy-secret");
        sdk.variable("HTTPS_PROXY", "http://build:proxy-secret@127.0.0.1:" + proxy.port());

        describe(emulator.httpsEndpoint());

        assertEquals(List.of("CONNECT 127.0.0.1:" + emulator.httpsEndpoint().getPort()), requests());
        assertTrue(proxy.requests().get(0).authenticated(), proxy.requests().toString());
    }

    private void describe(URI endpoint) {
        EcrClients.closeAll();
        ClientKey key = ClientKey.of(new ConnectionSettings(
                Optional.of("us-east-1"), Optional.ofNullable(endpoint), Optional.empty(), 1, Duration.ofSeconds(20)));
        Registries.connect(key, null, message -> {}).registry().describe(List.of("team/app"));
    }

    private List<String> requests() {
        return proxy.requests().stream()
                .map(request -> request.method() + " " + request.target())
                .toList();
    }
}

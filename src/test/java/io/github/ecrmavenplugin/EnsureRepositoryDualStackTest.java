package io.github.ecrmavenplugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ecrmavenplugin.aws.EcrClients;
import io.github.ecrmavenplugin.emulator.EcrEmulator;
import io.github.ecrmavenplugin.proxy.RecordingProxy;
import io.github.ecrmavenplugin.tls.SelfSignedCertificate;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import org.apache.maven.plugin.MojoFailureException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code <dualStack>} on the wire: the AWS SDK picks ECR's dual-stack API endpoint by its own rules (here reached
 * through a settings.xml proxy that routes that host to an HTTPS emulator holding a certificate for it, as DNS would
 * route it to ECR), and the image builders get the dual-stack registry host.
 */
class EnsureRepositoryDualStackTest {

    /** The host the SDK's endpoint rules give ECR's API in us-east-1 over dual-stack. */
    private static final String DUAL_STACK_API = "ecr.us-east-1.api.aws";

    @TempDir
    static Path certificates;

    private AutoCloseable trust;
    private EcrEmulator emulator;
    private RecordingProxy proxy;

    @BeforeEach
    void network() {
        SelfSignedCertificate certificate = SelfSignedCertificate.create(certificates, DUAL_STACK_API);
        trust = certificate.trustedByThisJvm();
        emulator = EcrEmulator.builder()
                .https(certificate.serverContext(), 0)
                .build()
                .start();
        proxy = RecordingProxy.start(0, null)
                .route(DUAL_STACK_API, emulator.httpsEndpoint().getPort());
        MojoRunner.installCredentials();
    }

    @AfterEach
    void close() throws Exception {
        EcrClients.closeAll();
        MojoRunner.removeCredentials();
        proxy.close();
        emulator.close();
        trust.close();
    }

    /** ensure-repository for {@code app} in us-east-1, with no endpoint of its own: the SDK decides where ECR is. */
    private MojoRunner build() {
        return MojoRunner.ensureRepository(emulator)
                .set("endpoint", null)
                .set("region", "us-east-1")
                .settingsProxy(proxy.port(), null, null);
    }

    @Test
    void theSdkCallsEcrsDualStackEndpointAndJibGetsTheDualStackRegistryHost() throws Exception {
        MojoRunner goal = build().set("dualStack", "true").set("jibImage", true).set("jibAuth", true);

        goal.execute();

        List<String> tunnels = proxy.requests().stream()
                .map(RecordingProxy.Request::target)
                .distinct()
                .toList();
        assertEquals(List.of(DUAL_STACK_API + ":443"), tunnels);
        assertTrue(emulator.repository("app").isPresent());
        Properties properties = goal.projectProperties();
        String host = "123456789012.dkr-ecr.us-east-1.on.aws";
        assertEquals(host + "/app", properties.getProperty("ecr.repositoryUrl"));
        assertEquals(host, properties.getProperty("ecr.registry"));
        assertEquals(host + "/app:1.0", properties.getProperty("jib.to.image"));
        assertEquals("arn:aws:ecr:us-east-1:123456789012:repository/app", properties.getProperty("ecr.repositoryArn"));
        assertTrue(goal.logText().contains("[INFO] Jib pushes to " + host + "/app:1.0"), goal::logText);
        assertTrue(goal.logText().contains("[INFO] Jib push credentials set for " + host + " "), goal::logText);
    }

    @Test
    void withoutDualStackTheSdkCallsTheIpv4EndpointAndJibGetsTheUsualHost() throws Exception {
        MojoRunner goal = build().set("jibImage", true);

        assertThrows(Exception.class, goal::execute);

        // refused by the proxy, as this machine reaches no AWS endpoint: what counts is where the SDK went
        assertEquals(
                List.of("api.ecr.us-east-1.amazonaws.com:443"),
                proxy.requests().stream()
                        .map(RecordingProxy.Request::target)
                        .distinct()
                        .toList());
    }

    @Test
    void dualStackWithAnEndpointIsRefusedBeforeAnyCall() {
        MojoRunner goal = MojoRunner.ensureRepository(emulator)
                .set("dualStack", "true")
                .set("endpoint", "https://vpce-0a1b2c3d4e5f-abcdefgh.api.ecr.us-east-1.vpce.amazonaws.com");

        MojoFailureException e = assertThrows(MojoFailureException.class, goal::execute);

        assertTrue(
                e.getMessage()
                        .startsWith("<dualStack>: cannot be combined with <endpoint>: "
                                + "vpce-0a1b2c3d4e5f-abcdefgh.api.ecr.us-east-1.vpce.amazonaws.com is a VPC endpoint, "
                                + "and ECR does not carry AWS PrivateLink traffic over dual-stack"),
                e.getMessage());
        assertEquals(List.of(), emulator.calls());
        assertEquals(List.of(), proxy.requests());
    }
}

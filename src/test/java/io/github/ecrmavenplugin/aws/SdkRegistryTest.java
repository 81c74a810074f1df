package io.github.ecrmavenplugin.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ecrmavenplugin.emulator.EcrEmulator;
import io.github.ecrmavenplugin.emulator.EmulatorCall;
import io.github.ecrmavenplugin.emulator.EmulatorExtension;
import io.github.ecrmavenplugin.model.PolicyDocument;
import io.github.ecrmavenplugin.model.PullPolicy;
import io.github.ecrmavenplugin.model.RepositorySpec;
import io.github.ecrmavenplugin.registry.AuthorizationToken;
import io.github.ecrmavenplugin.registry.Registry;
import io.github.ecrmavenplugin.registry.RegistryException;
import io.github.ecrmavenplugin.registry.Repository;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The SDK implementation of the Registry port, over the wire, against the ECR emulator. */
class SdkRegistryTest {

    @RegisterExtension
    static final EmulatorExtension ecr = TestConnections.emulatorPerClass(
            EcrEmulator.builder().registryHost("127.0.0.1:5000").authorizationPassword("s3cr3t-pw"));

    private static final EcrEmulator emulator = ecr.emulator();
    // Per test: the shared client is rebuilt after another test closes every client (as a build's end does).
    private final SdkRegistry registry = new SdkRegistry(EcrClients.client(TestConnections.to(emulator)), null);

    private static RepositorySpec spec(String name) throws Exception {
        return RepositorySpec.builder()
                .name(name)
                .pullPolicy(new PullPolicy(List.of("210987654321"), List.of(), List.of(), List.of()))
                .build();
    }

    @Test
    void describesMissingRepositoryAsAbsent() {
        assertEquals(Optional.empty(), registry.describe("not-there"));
        assertEquals(Optional.empty(), registry.repositoryPolicy("not-there"));
    }

    @Test
    void createsAndDescribes() throws Exception {
        Repository created = registry.create(spec("team/app"));
        assertEquals(
                new Repository(
                        "team/app",
                        "arn:aws:ecr:us-east-1:123456789012:repository/team/app",
                        "127.0.0.1:5000/team/app",
                        "123456789012"),
                created);
        assertEquals(Optional.of(created), registry.describe("team/app"));
        assertEquals("127.0.0.1:5000", created.registryHost());
    }

    @Test
    void secondCreateReportsAlreadyExists() throws Exception {
        registry.create(spec("team/app"));
        assertThrows(Registry.RepositoryAlreadyExistsException.class, () -> registry.create(spec("team/app")));
    }

    @Test
    void policyRoundTripsByMeaningNotByText() throws Exception {
        RepositorySpec spec = spec("team/app");
        registry.create(spec);
        PolicyDocument desired = spec.policy().orElseThrow();
        registry.setRepositoryPolicy("team/app", desired, false);
        String stored = registry.repositoryPolicy("team/app").orElseThrow();
        assertTrue(!stored.equals(desired.toJson()), "ECR re-formats policies; the emulator must too");
        assertEquals(desired, PolicyDocument.fromRegistry(stored).orElseThrow());
    }

    @Test
    void authorizationTokenIsDecodedAndHidesItsPassword() {
        AuthorizationToken token = registry.authorizationToken();
        assertEquals("AWS", token.username());
        assertEquals("s3cr3t-pw", token.password());
        assertEquals("https://127.0.0.1:5000", token.proxyEndpoint());
        assertTrue(!token.toString().contains("s3cr3t-pw"), token.toString());
    }

    @Test
    void registryIdIsSentWithEveryCall() {
        // The emulator serves one account; naming another one must reach it and be refused there.
        SdkRegistry other = new SdkRegistry(EcrClients.client(TestConnections.to(emulator)), "999999999999");
        RegistryException describe = assertThrows(RegistryException.class, () -> other.describe("team/app"));
        assertEquals("DescribeRepositories", describe.operation());
        RegistryException token = assertThrows(RegistryException.class, other::authorizationToken);
        assertEquals("GetAuthorizationToken", token.operation());
        SdkRegistry own = new SdkRegistry(EcrClients.client(TestConnections.to(emulator)), "123456789012");
        assertEquals("s3cr3t-pw", own.authorizationToken().password());
    }

    @Test
    void accessDeniedNamesTheActionAndCarriesTheRequestId() throws Exception {
        registry.create(spec("team/app"));
        emulator.faults().accessDenied("SetRepositoryPolicy");
        RegistryException e = assertThrows(
                RegistryException.class,
                () -> registry.setRepositoryPolicy(
                        "team/app", spec("team/app").policy().orElseThrow(), false));
        assertTrue(e.isAccessDenied());
        assertEquals("ecr:SetRepositoryPolicy", e.iamAction());
        EmulatorCall denied = emulator.calls("SetRepositoryPolicy").get(0);
        assertEquals(Optional.of(denied.requestId()), e.requestId());
        assertEquals(Optional.of("AccessDeniedException"), e.errorCode());
        assertEquals(
                "ECR SetRepositoryPolicy for repository team/app failed: the build's AWS identity "
                        + "(arn:aws:iam::123456789012:user/ci) may not call ecr:SetRepositoryPolicy on "
                        + "arn:aws:ecr:us-east-1:123456789012:repository/team/app (request ID " + denied.requestId()
                        + ")",
                e.getMessage());
    }
}

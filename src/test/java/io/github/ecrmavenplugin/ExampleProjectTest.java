package io.github.ecrmavenplugin;

import static org.apache.maven.api.plugin.testing.MojoExtension.setVariableValueToObject;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ecrmavenplugin.emulator.EcrEmulator;
import io.github.ecrmavenplugin.emulator.EmulatorExtension;
import io.github.ecrmavenplugin.emulator.RepositoryState;
import java.util.ArrayList;
import java.util.List;
import org.apache.maven.api.plugin.testing.InjectMojo;
import org.apache.maven.api.plugin.testing.MojoTest;
import org.apache.maven.execution.DefaultMavenExecutionRequest;
import org.apache.maven.execution.DefaultMavenExecutionResult;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.model.Model;
import org.apache.maven.plugin.logging.SystemStreamLog;
import org.apache.maven.project.MavenProject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The example a newcomer runs first ({@code ./demo.sh} runs {@code examples/hello-jib}) shows the recommended
 * configuration: its {@code <configuration>}, mapped by Maven's own configurator, creates the repository with its
 * policy and the build log has no warning to puzzle over.
 */
@MojoTest
class ExampleProjectTest {

    @RegisterExtension
    static final EmulatorExtension emulatorExtension =
            MojoRunner.withCredentials(EmulatorExtension.perClass(EcrEmulator.builder()));

    private static final EcrEmulator emulator = emulatorExtension.emulator();

    @Test
    @InjectMojo(goal = "ensure-repository", pom = "examples/hello-jib/pom.xml")
    void helloJibEnsuresItsRepositoryWithoutAWarning(EnsureRepositoryMojo mojo) throws Exception {
        Model model = new Model();
        model.setArtifactId("hello-jib");
        model.setVersion("1.0.0");
        MavenProject project = new MavenProject(model);
        setVariableValueToObject(mojo, "project", project);
        setVariableValueToObject(
                mojo,
                "session",
                new MavenSession(null, null, new DefaultMavenExecutionRequest(), new DefaultMavenExecutionResult()));
        setVariableValueToObject(mojo, "endpoint", emulator.endpoint().toString());
        setVariableValueToObject(mojo, "region", emulator.region());
        List<String> warnings = new ArrayList<>();
        mojo.setLog(new SystemStreamLog() {
            @Override
            public void warn(CharSequence content) {
                warnings.add(content.toString());
            }
        });

        mojo.execute();

        RepositoryState repository = emulator.repository("examples/hello-jib").orElseThrow();
        assertTrue(repository.policyText().contains("lambda.amazonaws.com"), repository.policyText());
        assertTrue(repository.policyText().contains("aws:sourceArn"), repository.policyText());
        assertEquals(List.of(), warnings, "warnings in the example's first run");
    }
}

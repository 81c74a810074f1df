package io.github.ecrmavenplugin;

import static org.apache.maven.api.plugin.testing.MojoExtension.setVariableValueToObject;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ecrmavenplugin.emulator.EcrEmulator;
import io.github.ecrmavenplugin.emulator.EmulatorExtension;
import io.github.ecrmavenplugin.emulator.RepositoryState;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.maven.api.plugin.testing.InjectMojo;
import org.apache.maven.api.plugin.testing.MojoTest;
import org.apache.maven.execution.DefaultMavenExecutionRequest;
import org.apache.maven.execution.DefaultMavenExecutionResult;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.model.Model;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.project.MavenProject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The goal as Maven configures it: maven-plugin-testing-harness reads the plugin descriptor and maps the POM's
 * {@code <configuration>} (nested {@code <pullPolicy>}, {@code <tags>}, {@code <lifecycleRules>}) onto the Mojo
 * with Maven's own configurator; the goal then runs against the ECR emulator.
 */
@MojoTest
class EnsureRepositoryMojoHarnessTest {

    @RegisterExtension
    static final EmulatorExtension emulatorExtension =
            MojoRunner.withCredentials(EmulatorExtension.perClass(EcrEmulator.builder()));

    private static final EcrEmulator emulator = emulatorExtension.emulator();

    @Test
    @InjectMojo(goal = "ensure-repository", pom = "src/test/resources/harness/pom.xml")
    void mapsThePomsConfigurationAndEnsuresTheRepository(EnsureRepositoryMojo mojo) throws Exception {
        Model model = new Model();
        model.setArtifactId("harness-app");
        MavenProject project = new MavenProject(model);
        setVariableValueToObject(mojo, "project", project);
        setVariableValueToObject(
                mojo,
                "session",
                new MavenSession(null, null, new DefaultMavenExecutionRequest(), new DefaultMavenExecutionResult()));
        setVariableValueToObject(mojo, "endpoint", emulator.endpoint().toString());

        mojo.execute();

        RepositoryState repository = emulator.repository("harness/app").orElseThrow();
        assertEquals(Map.of("team", "payments"), repository.tags());
        assertTrue(repository.policyText().contains("arn:aws:iam::210987654321:root"), repository.policyText());
        assertTrue(repository.policyText().contains("lambda.amazonaws.com"), repository.policyText());
        assertTrue(
                repository.lifecyclePolicyText().contains("\"countUnit\":\"days\""), repository.lifecyclePolicyText());
        assertEquals(repository.uri() + ":2.0", project.getProperties().getProperty("jib.to.image"));
        assertEquals(repository.uri(), project.getProperties().getProperty("ecr.repositoryUrl"));
    }

    /** Maven's configurator alone would read {@code <plan>yes</plan>} as false, and the goal would create the repository. */
    @Test
    @InjectMojo(goal = "ensure-repository", pom = "src/test/resources/harness/plan-yes.xml")
    void aBooleanThatIsNeitherTrueNorFalseFailsBeforeAnyCall(EnsureRepositoryMojo mojo) throws Exception {
        setVariableValueToObject(mojo, "project", new MavenProject(new Model()));
        setVariableValueToObject(
                mojo,
                "session",
                new MavenSession(null, null, new DefaultMavenExecutionRequest(), new DefaultMavenExecutionResult()));
        setVariableValueToObject(mojo, "endpoint", emulator.endpoint().toString());
        emulator.clearCalls();

        MojoFailureException e = assertThrows(MojoFailureException.class, mojo::execute);

        assertEquals(
                "<plan>: \"yes\" is neither true nor false. Write true or false (in the POM or as a -D property); "
                        + "nothing else is read as either",
                e.getMessage());
        assertEquals(List.of(), emulator.calls());
        assertEquals(Optional.empty(), emulator.repository("harness/plan-yes"));
    }
}

package io.github.ecrmavenplugin;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.StringReader;
import java.util.List;
import java.util.Properties;
import org.apache.maven.model.Build;
import org.apache.maven.model.Model;
import org.apache.maven.model.Plugin;
import org.apache.maven.model.PluginExecution;
import org.apache.maven.project.MavenProject;
import org.codehaus.plexus.util.xml.Xpp3DomBuilder;
import org.junit.jupiter.api.Test;

/** Where the immutable-tag guard learns Jib's additional tags. */
class JibTagsTest {

    private static MavenProject projectWithJib(String pluginTags, String executionTags) throws Exception {
        Plugin jib = new Plugin();
        jib.setGroupId("com.google.cloud.tools");
        jib.setArtifactId("jib-maven-plugin");
        jib.setConfiguration(Xpp3DomBuilder.build(
                new StringReader("<configuration><to><tags>" + pluginTags + "</tags></to></configuration>")));
        PluginExecution execution = new PluginExecution();
        execution.setConfiguration(Xpp3DomBuilder.build(
                new StringReader("<configuration><to><tags>" + executionTags + "</tags></to></configuration>")));
        jib.addExecution(execution);
        Model model = new Model();
        model.setBuild(new Build());
        model.getBuild().addPlugin(jib);
        return new MavenProject(model);
    }

    @Test
    void readsToTagsOfJibsConfigurationAndExecutions() throws Exception {
        MavenProject project = projectWithJib("<tag>latest</tag><tag>${git.commit}</tag>", "<tag>stable</tag>");
        assertEquals(List.of("latest", "stable"), JibTags.additional(project, new Properties()));
    }

    @Test
    void thePropertyWinsAsInJib() throws Exception {
        MavenProject project = projectWithJib("<tag>latest</tag>", "");
        Properties user = new Properties();
        user.setProperty("jib.to.tags", "a, b");
        assertEquals(List.of("a", "b"), JibTags.additional(project, user));
        project.getProperties().setProperty("jib.to.tags", "c");
        assertEquals(List.of("c"), JibTags.additional(project, new Properties()));
    }

    @Test
    void noJibNoTags() {
        assertEquals(List.of(), JibTags.additional(new MavenProject(new Model()), new Properties()));
    }
}

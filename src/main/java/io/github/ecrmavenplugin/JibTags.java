package io.github.ecrmavenplugin;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.maven.model.Plugin;
import org.apache.maven.model.PluginExecution;
import org.apache.maven.project.MavenProject;
import org.codehaus.plexus.util.xml.Xpp3Dom;

/**
 * The additional tags Jib pushes besides its main one, where Jib takes them from: the {@code jib.to.tags} property
 * (comma-separated; on the command line or in the POM's properties), which wins, else {@code <to><tags>} of the
 * Jib plugin's configuration and of its executions. A value Jib would not take as a tag (an unresolved
 * {@code ${...}}, a malformed tag) is left out: Jib reports it.
 */
final class JibTags {

    static final String PROPERTY = "jib.to.tags";
    private static final String JIB = "com.google.cloud.tools:jib-maven-plugin";
    private static final Pattern TAG = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}");

    private JibTags() {}

    static List<String> additional(MavenProject project, Properties userProperties) {
        String property = userProperties.getProperty(
                PROPERTY, project == null ? null : project.getProperties().getProperty(PROPERTY));
        Set<String> tags = new LinkedHashSet<>();
        if (property != null) {
            tags.addAll(Arrays.asList(property.split(",")));
        } else if (project != null) {
            for (Plugin plugin : project.getBuildPlugins()) {
                if (JIB.equals(plugin.getKey())) {
                    tags.addAll(configured(plugin.getConfiguration()));
                    for (PluginExecution execution : plugin.getExecutions()) {
                        tags.addAll(configured(execution.getConfiguration()));
                    }
                }
            }
        }
        return tags.stream()
                .map(String::trim)
                .filter(tag -> TAG.matcher(tag).matches())
                .toList();
    }

    private static List<String> configured(Object configuration) {
        List<String> tags = new ArrayList<>();
        if (configuration instanceof Xpp3Dom dom
                && dom.getChild("to") != null
                && dom.getChild("to").getChild("tags") != null) {
            for (Xpp3Dom tag : dom.getChild("to").getChild("tags").getChildren()) {
                if (tag.getValue() != null) {
                    tags.add(tag.getValue());
                }
            }
        }
        return tags;
    }
}

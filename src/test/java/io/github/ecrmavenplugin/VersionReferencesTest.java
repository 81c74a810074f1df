package io.github.ecrmavenplugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.maven.model.io.xpp3.MavenXpp3Reader;
import org.junit.jupiter.api.Test;

/**
 * The plugin's version is written once, in pom.xml. The README's quick start, the documentation pages, the examples
 * (which demo.sh runs) and the CHANGELOG name it too, and must follow it: a user copies the version from there.
 */
class VersionReferencesTest {

    /** A plugin declaration, a Maven log line ("--- ecr-maven-plugin:0.1.0:ensure-repository"), a version property. */
    private static final List<Pattern> REFERENCES = List.of(
            Pattern.compile("<artifactId>ecr-maven-plugin</artifactId>\\s*<version>([^<$]+)</version>"),
            Pattern.compile("ecr-maven-plugin:(\\d[^:\\s]*):"),
            Pattern.compile("<ecr-maven-plugin\\.version>([^<]+)</ecr-maven-plugin\\.version>"),
            Pattern.compile("declare version `([^`]+)`"));

    @Test
    void readmeDocumentationAndExamplesNameTheProjectVersion() throws Exception {
        String version = projectVersion();
        List<String> wrong = new ArrayList<>();
        int references = 0;
        for (Path file : filesNamingTheVersion()) {
            String text = Files.readString(file);
            for (Pattern pattern : REFERENCES) {
                Matcher matcher = pattern.matcher(text);
                while (matcher.find()) {
                    references++;
                    if (!matcher.group(1).equals(version)) {
                        wrong.add(file + ": " + matcher.group());
                    }
                }
            }
        }
        assertEquals(List.of(), wrong, "references to another version than pom.xml's " + version);
        assertTrue(references >= 4, "README.md and examples/hello-jib name the plugin's version: " + references);
    }

    @Test
    void readmeQuickStartSaysHowToInstallThisVersion() throws Exception {
        String readme = Files.readString(Path.of("README.md"));
        int quickStart = readme.indexOf("## Quick start");
        assertTrue(quickStart >= 0, "README.md has a quick start");
        String section = readme.substring(quickStart, readme.indexOf("\n## ", quickStart + 1));
        assertTrue(
                Pattern.compile("(?m)^mvn .*install").matcher(section).find(),
                "the quick start says how to install the plugin");
        assertTrue(section.contains("<version>" + projectVersion() + "</version>"), section);
    }

    @Test
    void aReleasedVersionHasItsChangelogSection() throws Exception {
        String version = projectVersion();
        String changelog = Files.readString(Path.of("CHANGELOG.md"));
        if (!version.endsWith("-SNAPSHOT")) {
            assertTrue(changelog.contains("## [" + version + "]"), "CHANGELOG.md has no section ## [" + version + "]");
        }
        assertFalse(changelog.contains("-SNAPSHOT]"), "CHANGELOG.md names a snapshot version");
    }

    private static String projectVersion() throws Exception {
        try (Reader pom = Files.newBufferedReader(Path.of("pom.xml"))) {
            return new MavenXpp3Reader().read(pom).getVersion();
        }
    }

    private static List<Path> filesNamingTheVersion() throws IOException {
        List<Path> files = new ArrayList<>(List.of(Path.of("README.md")));
        for (String folder : List.of("src/site/markdown", "examples")) {
            if (Files.isDirectory(Path.of(folder))) {
                try (Stream<Path> tree = Files.walk(Path.of(folder))) {
                    tree.filter(path -> path.toString().endsWith(".md") || path.endsWith("pom.xml"))
                            .filter(path -> !path.toString().contains("/target/"))
                            .forEach(files::add);
                }
            }
        }
        if (Files.exists(Path.of("CONTRIBUTING.md"))) {
            files.add(Path.of("CONTRIBUTING.md"));
        }
        return files;
    }
}

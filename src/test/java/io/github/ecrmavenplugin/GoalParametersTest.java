package io.github.ecrmavenplugin;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.File;
import java.util.Set;
import java.util.TreeSet;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The parameters each goal exposes, as the plugin descriptor that Maven reads lists them
 * (target/classes/META-INF/maven/plugin.xml, written by maven-plugin-plugin before the tests run), so that a
 * parameter declared in the wrong class shows.
 *
 * <p>Each parameter is declared once, in a chain of classes (Java gives a class one superclass):
 * RepositorySettings, AbstractEcrMojo, AbstractEcrCallingMojo. So print-iam-policy, which calls nothing, has no
 * connection parameters; but verify-image and warm-up, below AbstractEcrMojo, also have the push settings that
 * ensure-repository and print-iam-policy read there (createIfMissing, jibImage, jibAuth, imageBuilders), and
 * warm-up has jibTag.
 */
class GoalParametersTest {

    /** The repository's settings, {@link RepositorySettings}: every goal that builds the repositories reads them. */
    private static final String REPOSITORY = """
            allowLockOut allowPublicAccess creationTemplate encryption imageTagMutability imageTagMutabilityExclusionFilters kmsKey lifecyclePolicy
            lifecyclePolicyFile lifecycleRules policy policyFile policyMode pullPolicy purgeTags scanOnPush tags
            repositoryName repositories""";
    /** {@link AbstractEcrMojo}: where the repositories are and what is pushed to them. */
    private static final String EVERY_GOAL = """
            region registryId profile createIfMissing jibImage jibAuth imageBuilders""";
    /** {@link AbstractEcrCallingMojo}: how a goal that calls ECR reaches it. */
    private static final String CALLING = """
            endpoint dualStack serverId roleArn roleExternalId roleSessionName stsEndpoint maxAttempts timeout jibTag skip""";

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
        ensure-repository | CALLING plan failOnDrift planFile failWhenOffline lifecyclePreviewTimeout
        verify-image      | CALLING image failOnSeverity scanTimeout ignoredFindings ignoreFile scanReport sarifReport requireSignature plan
        warm-up           | CALLING
        print-iam-policy  | iamPolicyFile
        """)
    void eachGoalHasTheParametersItReads(String goal, String own) throws Exception {
        Set<String> expected = words(REPOSITORY + " " + EVERY_GOAL + " " + own.replace("CALLING", CALLING));

        assertEquals(expected, parametersOf(goal));
    }

    private static Set<String> parametersOf(String goal) throws Exception {
        Element plugin = DocumentBuilderFactory.newInstance()
                .newDocumentBuilder()
                .parse(new File("target/classes/META-INF/maven/plugin.xml"))
                .getDocumentElement();
        NodeList mojos = plugin.getElementsByTagName("mojo");
        for (int i = 0; i < mojos.getLength(); i++) {
            Element mojo = (Element) mojos.item(i);
            if (!text(mojo, "goal").equals(goal)) {
                continue;
            }
            Set<String> names = new TreeSet<>();
            NodeList parameters =
                    ((Element) mojo.getElementsByTagName("parameters").item(0)).getElementsByTagName("parameter");
            for (int j = 0; j < parameters.getLength(); j++) {
                Element parameter = (Element) parameters.item(j);
                if (text(parameter, "editable").equals("true")) {
                    names.add(text(parameter, "name"));
                }
            }
            return names;
        }
        throw new AssertionError("no goal " + goal + " in the plugin descriptor");
    }

    private static String text(Element parent, String child) {
        NodeList nodes = parent.getElementsByTagName(child);
        for (int i = 0; i < nodes.getLength(); i++) {
            if (nodes.item(i).getParentNode() == parent) {
                return nodes.item(i).getTextContent().trim();
            }
        }
        return "";
    }

    private static Set<String> words(String text) {
        return new TreeSet<>(Set.of(text.trim().split("\\s+")));
    }
}

package io.github.ecrmavenplugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
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
 *
 * <p>So a goal has parameters it does not act on, and the descriptions say which: each parameter's ends with "Acted on
 * by: <goals>." (then "Checked, not acted on, by: ...", "Not read by: ..."), and each goal's lists what it acts on
 * ("Acts on: ..."), then what it only checks. A table here pins what each goal acts on, read from the code.
 */
class GoalParametersTest {

    /** The repository's settings, {@link RepositorySettings}, and its name: every goal has them. */
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

    /** In a parameter's description: the goals that act on it, those that only check it, those that do not read it. */
    private static final Pattern ACTED_ON = Pattern.compile("Acted on by: ([a-z-]+(?:, [a-z-]+)*)\\.");

    private static final Pattern CHECKED = Pattern.compile("Checked, not acted on, by: ([a-z-]+(?:, [a-z-]+)*)\\.");
    private static final Pattern NOT_READ = Pattern.compile("Not read by: ([a-z-]+(?:, [a-z-]+)*)\\.");
    /** In a goal's description: the parameters it acts on, those it only checks, those it does not read. */
    private static final Pattern ACTS_ON = Pattern.compile("Acts on: ([A-Za-z]+(?:, [A-Za-z]+)*)\\.");

    private static final Pattern CHECKS =
            Pattern.compile("Checks, without acting on them[^:.]*: ([A-Za-z]+(?:, [A-Za-z]+)*)\\.");
    private static final Pattern DOES_NOT_READ = Pattern.compile("Does not read: ([A-Za-z]+(?:, [A-Za-z]+)*)\\.");

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
        ensure-repository | CALLING plan failOnDrift planFile failWhenOffline lifecyclePreviewTimeout
        verify-image      | CALLING image failOnSeverity scanTimeout ignoredFindings ignoreFile scanReport sarifReport requireSignature plan
        warm-up           | CALLING
        print-iam-policy  | iamPolicyFile
        """)
    void eachGoalHasTheParametersOfItsClasses(String goal, String own) throws Exception {
        Set<String> expected = words(REPOSITORY + " " + EVERY_GOAL + " " + own.replace("CALLING", CALLING));

        assertEquals(expected, parametersOf(goal));
    }

    /**
     * The parameters each goal acts on: reads the value to do something with it, not only to fail on a wrong one.
     * Every other parameter of the goal is only checked (the repository settings in verify-image and warm-up, the
     * settings that change what ensure-repository writes but not its permissions in print-iam-policy) or not read.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
        ensure-repository | REPOSITORY EVERY_GOAL CALLING plan failOnDrift planFile failWhenOffline lifecyclePreviewTimeout
        verify-image      | repositoryName repositories region registryId profile imageBuilders CALLING image failOnSeverity scanTimeout ignoredFindings ignoreFile scanReport sarifReport requireSignature plan
        warm-up           | repositoryName repositories region registryId profile endpoint dualStack serverId roleArn roleExternalId roleSessionName stsEndpoint maxAttempts timeout skip
        print-iam-policy  | repositoryName repositories region registryId profile createIfMissing jibImage jibAuth imageBuilders iamPolicyFile imageTagMutability scanOnPush tags purgeTags lifecyclePolicy lifecyclePolicyFile lifecycleRules encryption kmsKey pullPolicy policy policyFile creationTemplate
        """)
    void eachGoalActsOnTheParametersOfItsTable(String goal, String actedOn) throws Exception {
        Set<String> expected = words(actedOn.replace("REPOSITORY", REPOSITORY)
                .replace("EVERY_GOAL", EVERY_GOAL)
                .replace("CALLING", CALLING));

        assertEquals(
                expected,
                parametersSaying(goal, ACTED_ON),
                "the parameters whose description says " + goal + " acts on them");
        assertEquals(expected, goalList(goal, ACTS_ON), "the \"Acts on\" list of " + goal + "'s description");
    }

    @ParameterizedTest
    @ValueSource(strings = {"ensure-repository", "verify-image", "warm-up", "print-iam-policy"})
    void everyParameterSaysWhichGoalsActOnIt(String goal) throws Exception {
        Map<String, Map<String, String>> descriptor = descriptor();
        List<String> wrong = new ArrayList<>();
        parameters(goal).forEach((parameter, description) -> {
            List<String> named = new ArrayList<>();
            if (goals(description, ACTED_ON).isEmpty()) {
                wrong.add(parameter + ": no sentence \"Acted on by: <goals>.\" in: " + description);
            }
            for (Pattern sentence : List.of(ACTED_ON, CHECKED, NOT_READ)) {
                named.addAll(goals(description, sentence));
            }
            if (named.stream().filter(goal::equals).count() != 1) {
                wrong.add(parameter + ": names " + goal + " "
                        + named.stream().filter(goal::equals).count()
                        + " times among the goals that act on it, check it or do not read it: " + description);
            }
            for (String other : named) {
                if (!descriptor.containsKey(other) || !descriptor.get(other).containsKey(parameter)) {
                    wrong.add(parameter + ": names " + other + ", which has no such parameter");
                }
            }
        });

        assertEquals(List.of(), wrong);
    }

    /** The goal's description names, after what it acts on, the parameters it only checks and those it does not read. */
    @ParameterizedTest
    @ValueSource(strings = {"ensure-repository", "verify-image", "warm-up", "print-iam-policy"})
    void eachGoalDescriptionSaysWhatItOnlyChecks(String goal) throws Exception {
        assertEquals(parametersSaying(goal, CHECKED), goalList(goal, CHECKS), "only checked");
        assertEquals(parametersSaying(goal, NOT_READ), goalList(goal, DOES_NOT_READ), "not read");
        String description = goalDescription(goal);
        Matcher checks = CHECKS.matcher(description);
        if (checks.find()) {
            Matcher acts = ACTS_ON.matcher(description);
            assertTrue(acts.find() && acts.start() < checks.start(), "what it acts on comes first: " + description);
        }
    }

    /** The goal's parameters whose description names it in {@code sentence}. */
    private static Set<String> parametersSaying(String goal, Pattern sentence) throws Exception {
        Set<String> names = new TreeSet<>();
        parameters(goal).forEach((parameter, description) -> {
            if (goals(description, sentence).contains(goal)) {
                names.add(parameter);
            }
        });
        return names;
    }

    /** The names a sentence lists; empty when there is no such sentence. A sentence given twice counts twice. */
    private static List<String> goals(String description, Pattern sentence) {
        List<String> names = new ArrayList<>();
        Matcher matcher = sentence.matcher(description);
        while (matcher.find()) {
            names.addAll(List.of(matcher.group(1).split(", ")));
        }
        return names;
    }

    private static Set<String> goalList(String goal, Pattern sentence) throws Exception {
        return new TreeSet<>(goals(goalDescription(goal), sentence));
    }

    private static Set<String> parametersOf(String goal) throws Exception {
        return new TreeSet<>(parameters(goal).keySet());
    }

    private static Map<String, String> parameters(String goal) throws Exception {
        Map<String, String> parameters = descriptor().get(goal);
        if (parameters == null) {
            throw new AssertionError("no goal " + goal + " in the plugin descriptor");
        }
        return parameters;
    }

    /** Each goal's editable parameters with their descriptions, as Maven's plugin descriptor has them. */
    private static Map<String, Map<String, String>> descriptor() throws Exception {
        Map<String, Map<String, String>> goals = new LinkedHashMap<>();
        NodeList mojos = plugin().getElementsByTagName("mojo");
        for (int i = 0; i < mojos.getLength(); i++) {
            Element mojo = (Element) mojos.item(i);
            Map<String, String> parameters = new LinkedHashMap<>();
            NodeList all =
                    ((Element) mojo.getElementsByTagName("parameters").item(0)).getElementsByTagName("parameter");
            for (int j = 0; j < all.getLength(); j++) {
                Element parameter = (Element) all.item(j);
                if (text(parameter, "editable").equals("true")) {
                    parameters.put(text(parameter, "name"), oneLine(text(parameter, "description")));
                }
            }
            goals.put(text(mojo, "goal"), parameters);
        }
        return goals;
    }

    private static String goalDescription(String goal) throws Exception {
        NodeList mojos = plugin().getElementsByTagName("mojo");
        for (int i = 0; i < mojos.getLength(); i++) {
            Element mojo = (Element) mojos.item(i);
            if (text(mojo, "goal").equals(goal)) {
                return oneLine(text(mojo, "description"));
            }
        }
        throw new AssertionError("no goal " + goal + " in the plugin descriptor");
    }

    private static Element plugin() throws Exception {
        return DocumentBuilderFactory.newInstance()
                .newDocumentBuilder()
                .parse(new File("target/classes/META-INF/maven/plugin.xml"))
                .getDocumentElement();
    }

    /** The descriptor breaks descriptions into lines as the Javadoc is. */
    private static String oneLine(String text) {
        return text.replaceAll("\\s+", " ");
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

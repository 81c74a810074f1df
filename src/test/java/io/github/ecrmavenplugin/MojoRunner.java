package io.github.ecrmavenplugin;

import io.github.ecrmavenplugin.emulator.EcrEmulator;
import io.github.ecrmavenplugin.emulator.EmulatorExtension;
import java.io.File;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Properties;
import javax.xml.parsers.DocumentBuilderFactory;
import org.apache.maven.execution.DefaultMavenExecutionRequest;
import org.apache.maven.execution.DefaultMavenExecutionResult;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.model.Model;
import org.apache.maven.plugin.Mojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugin.logging.SystemStreamLog;
import org.apache.maven.project.MavenProject;
import org.apache.maven.settings.Proxy;
import org.apache.maven.settings.Settings;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Runs the real goals in-process, configured the way Maven would configure them: each parameter is set on its
 * field by name, starting from the defaults the {@code @Parameter} annotations declare. (Fields are set
 * reflectively rather than through maven-plugin-testing-harness: the goals need nothing from a Plexus container,
 * so a harness would add a container and a POM per case for no extra coverage.)
 *
 * <p>The log is captured, so tests can assert on what a user would see and on what must never be shown.
 */
final class MojoRunner {

    /** Credentials for the in-process runs; the secret must never appear in a message or log line. */
    static final String ACCESS_KEY_ID = "AKIAMOJOTEST00000001";

    static final String SECRET_KEY = "mojo-test-secret-key-0123456789abcdefghij";

    private final Mojo mojo;
    private final MavenProject project;
    private final DefaultMavenExecutionRequest request = new DefaultMavenExecutionRequest();
    private final List<String> log = Collections.synchronizedList(new ArrayList<>());

    private MojoRunner(Mojo mojo, String artifactId) {
        this.mojo = mojo;
        Model model = new Model();
        model.setGroupId("it");
        model.setArtifactId(artifactId);
        model.setVersion("1.0");
        this.project = new MavenProject(model);
        MavenSession session = new MavenSession(null, null, request, new DefaultMavenExecutionResult());
        set("project", project);
        set("session", session);
        applyDescriptorDefaults();
        // Defaults that are expressions, evaluated as Maven would for this project
        set("repositoryName", artifactId);
        setIfDeclared("jibTag", "1.0");
        setIfDeclared("planFile", new File("target/mojo-runner/" + artifactId + "/ecr-plan.json"));
        mojo.setLog(new CapturingLog());
    }

    /**
     * Sets every literal default-value from the generated plugin descriptor (the one Maven itself reads), so a
     * new parameter's default needs no copy here.
     */
    private void applyDescriptorDefaults() {
        try {
            Document descriptor = DocumentBuilderFactory.newInstance()
                    .newDocumentBuilder()
                    .parse(new File("target/classes/META-INF/maven/plugin.xml"));
            NodeList mojos = descriptor.getElementsByTagName("mojo");
            for (int i = 0; i < mojos.getLength(); i++) {
                Element mojoElement = (Element) mojos.item(i);
                String implementation = mojoElement
                        .getElementsByTagName("implementation")
                        .item(0)
                        .getTextContent();
                if (!implementation.equals(mojo.getClass().getName())) {
                    continue;
                }
                Element configuration = (Element)
                        mojoElement.getElementsByTagName("configuration").item(0);
                NodeList parameters = configuration.getChildNodes();
                for (int j = 0; j < parameters.getLength(); j++) {
                    if (parameters.item(j) instanceof Element parameter
                            && parameter.hasAttribute("default-value")
                            && !parameter.getAttribute("default-value").contains("${")) {
                        setDefault(
                                parameter.getTagName(),
                                parameter.getAttribute("implementation"),
                                parameter.getAttribute("default-value"));
                    }
                }
            }
        } catch (Exception e) {
            throw new AssertionError("cannot read the plugin descriptor; run `mvn process-classes` first", e);
        }
    }

    private void setDefault(String name, String type, String value) {
        switch (type) {
            case "boolean", "java.lang.Boolean" -> set(name, Boolean.valueOf(value));
            case "int", "java.lang.Integer" -> set(name, Integer.valueOf(value));
            case "java.io.File" -> set(name, new File(value));
            default -> set(name, value);
        }
    }

    private void setIfDeclared(String name, Object value) {
        try {
            field(mojo.getClass(), name);
            set(name, value);
        } catch (NoSuchFieldException e) {
            // this goal has no such parameter
        }
    }

    /** ensure-repository for a project {@code app}, pointed at the emulator in its region. */
    static MojoRunner ensureRepository(EcrEmulator emulator) {
        return new MojoRunner(new EnsureRepositoryMojo(), "app")
                .set("endpoint", emulator.endpoint().toString())
                .set("region", emulator.region());
    }

    /** warm-up for a project {@code app}, pointed at the emulator in its region, in a build asking for package. */
    static MojoRunner warmUp(EcrEmulator emulator) {
        return new MojoRunner(new WarmUpMojo(), "app")
                .set("endpoint", emulator.endpoint().toString())
                .set("region", emulator.region())
                .goals("package");
    }

    /** verify-image for a project {@code app}, pointed at the emulator in its region. */
    static MojoRunner verifyImage(EcrEmulator emulator) {
        return new MojoRunner(new VerifyImageMojo(), "app")
                .set("endpoint", emulator.endpoint().toString())
                .set("region", emulator.region())
                .set("scanReport", new File("target/mojo-runner/app/ecr-scan.json"))
                .set("sarifReport", new File("target/mojo-runner/app/ecr-scan.sarif"));
    }

    /** print-iam-policy for a project {@code app}. */
    static MojoRunner printIamPolicy() {
        return new MojoRunner(new PrintIamPolicyMojo(), "app");
    }

    /**
     * Sets the parameter's field, as Maven does from {@code <name>value</name>} or {@code -Decr.name=value}. A
     * boolean parameter takes its text ({@code BooleanParameter}), so {@code true} becomes {@code "true"}.
     */
    MojoRunner set(String parameter, Object value) {
        try {
            Field field = field(mojo.getClass(), parameter);
            field.setAccessible(true);
            field.set(mojo, value instanceof Boolean && field.getType() == String.class ? value.toString() : value);
            return this;
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(
                    "no parameter " + parameter + " on " + mojo.getClass().getSimpleName(), e);
        }
    }

    private static Field field(Class<?> type, String name) throws NoSuchFieldException {
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            try {
                return c.getDeclaredField(name);
            } catch (NoSuchFieldException e) {
                // look in the superclass
            }
        }
        throw new NoSuchFieldException(name);
    }

    /** The tasks on the command line, e.g. {@code package} or {@code clean test}. */
    MojoRunner goals(String... goals) {
        request.setGoals(List.of(goals));
        return this;
    }

    /** As {@code mvn -e}. */
    MojoRunner showErrors() {
        request.setShowErrors(true);
        return this;
    }

    MojoRunner offline(boolean offline) {
        request.setOffline(offline);
        return this;
    }

    /** A user property, as {@code -Dname=value} on the command line sets it (what other plugins read too). */
    MojoRunner userProperty(String name, String value) {
        request.getUserProperties().setProperty(name, value);
        return this;
    }

    /** The project's build directory ({@code target}), where image builders write what they pushed. */
    MojoRunner buildDirectory(File directory) {
        project.getBuild().setDirectory(directory.getAbsolutePath());
        return this;
    }

    /** When the build started, as Maven records it for the session. */
    MojoRunner startedAt(java.time.Instant start) {
        request.setStartTime(java.util.Date.from(start));
        return this;
    }

    /**
     * A settings.xml with one active proxy, {@code corp} at 127.0.0.1:{@code port}, with these credentials
     * ({@code null}: none), and a decrypter that hands them back as they are.
     */
    MojoRunner settingsProxy(int port, String username, String password) {
        Proxy corp = new Proxy();
        corp.setId("corp");
        corp.setActive(true);
        corp.setProtocol("http");
        corp.setHost("127.0.0.1");
        corp.setPort(port);
        corp.setUsername(username);
        corp.setPassword(password);
        Settings settings = new Settings();
        settings.addProxy(corp);
        return set("settings", settings).set("settingsDecrypter", PlainDecryption.DECRYPTER);
    }

    void execute() throws MojoExecutionException, MojoFailureException {
        mojo.execute();
    }

    MavenProject project() {
        return project;
    }

    Properties projectProperties() {
        return project.getProperties();
    }

    /** Every line logged so far, as "[LEVEL] text". */
    List<String> log() {
        return List.copyOf(log);
    }

    String logText() {
        return String.join("\n", log());
    }

    /** The emulator, with the credentials of {@link #installCredentials()} while it runs. */
    static EmulatorExtension withCredentials(EmulatorExtension emulator) {
        return emulator.with(MojoRunner::installCredentials, MojoRunner::removeCredentials);
    }

    /** Sets the SDK's system-property credentials ({@code aws.accessKeyId}, {@code aws.secretAccessKey}). */
    static void installCredentials() {
        System.setProperty("aws.accessKeyId", ACCESS_KEY_ID);
        System.setProperty("aws.secretAccessKey", SECRET_KEY);
    }

    static void removeCredentials() {
        System.clearProperty("aws.accessKeyId");
        System.clearProperty("aws.secretAccessKey");
        System.clearProperty("aws.sessionToken");
    }

    /** Every message of the exception and its causes, for asserting that no secret is in any of them. */
    static String messages(Throwable e) {
        StringBuilder all = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            all.append(t).append('\n');
            for (Throwable suppressed : t.getSuppressed()) {
                all.append(suppressed).append('\n');
            }
        }
        return all.toString();
    }

    private final class CapturingLog extends SystemStreamLog {
        @Override
        public boolean isDebugEnabled() {
            return true;
        }

        @Override
        public void debug(CharSequence content) {
            log.add("[DEBUG] " + content);
        }

        @Override
        public void info(CharSequence content) {
            log.add("[INFO] " + content);
        }

        @Override
        public void warn(CharSequence content) {
            log.add("[WARNING] " + content);
        }

        @Override
        public void error(CharSequence content) {
            log.add("[ERROR] " + content);
        }
    }
}

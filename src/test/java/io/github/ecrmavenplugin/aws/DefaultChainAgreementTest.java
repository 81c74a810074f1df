package io.github.ecrmavenplugin.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.ecrmavenplugin.emulator.EcrEmulator;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProviderChain;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkClientException;

/**
 * The plugin signs as the SDK's {@code DefaultCredentialsProvider} would, in every arrangement of environment,
 * system properties and shared files below; the rows marked "the plugin's own source first" show where the POM's
 * or settings.xml's sources ({@code <serverId>}, {@code <profile>}, {@code <roleArn>}) come before the chain.
 */
class DefaultChainAgreementTest {

    private static final String ENV = "AKIAFROMENVIRONMENT1";
    private static final String PROPERTY = "AKIAFROMSYSPROPERTY1";
    private static final String DEFAULT_CREDENTIALS = "AKIADEFAULTCREDFILE1";
    private static final String DEFAULT_CONFIG = "AKIADEFAULTCONFIGFL1";
    private static final String DEV_CREDENTIALS = "AKIADEVCREDENTIALS01";
    private static final String DEV_CONFIG = "AKIADEVCONFIGFILE001";
    private static final String SERVER = "AKIASETTINGSSERVER01";

    @RegisterExtension
    final SdkEnvironment sdk = new SdkEnvironment();

    @TempDir
    Path home;

    /**
     * One arrangement.
     *
     * @param description   what is set, as the test's name
     * @param variables     environment variables, as the SDK reads them
     * @param properties    system properties
     * @param config        the shared config file ({@code ~/.aws/config}), {@code null} for none
     * @param credentials   the shared credentials file ({@code ~/.aws/credentials}), {@code null} for none
     * @param own           the plugin's own source, if the row has one: {@code server}, {@code profile:NAME}
     * @param expected      the access key ID the plugin must sign with; {@code null}: no credentials at all
     */
    record Row(
            String description,
            Map<String, String> variables,
            Map<String, String> properties,
            String config,
            String credentials,
            String own,
            String expected) {
        @Override
        public String toString() {
            return description;
        }
    }

    static Stream<Row> rows() {
        String envKeys = "AWS_ACCESS_KEY_ID=" + ENV + ",AWS_SECRET_ACCESS_KEY=env/secret";
        String propertyKeys = "aws.accessKeyId=" + PROPERTY + ",aws.secretAccessKey=property/secret";
        String defaultInCredentials = section("default", DEFAULT_CREDENTIALS);
        String defaultInConfig = section("default", DEFAULT_CONFIG);
        String devInCredentials = section("dev", DEV_CREDENTIALS);
        String devInConfig = section("profile dev", DEV_CONFIG);
        return Stream.of(
                row("environment keys", envKeys, "", null, null, ENV),
                row("system properties", "", propertyKeys, null, null, PROPERTY),
                row("system properties before environment", envKeys, propertyKeys, null, null, PROPERTY),
                row("environment before a profile", envKeys + ",AWS_PROFILE=dev", "", null, devInCredentials, ENV),
                row("default profile, credentials file", "", "", null, defaultInCredentials, DEFAULT_CREDENTIALS),
                row("default profile, config file", "", "", defaultInConfig, null, DEFAULT_CONFIG),
                row(
                        "default profile in both files",
                        "",
                        "",
                        defaultInConfig,
                        defaultInCredentials,
                        DEFAULT_CREDENTIALS),
                row("AWS_PROFILE, credentials file", "AWS_PROFILE=dev", "", null, devInCredentials, DEV_CREDENTIALS),
                row("AWS_PROFILE, config file", "AWS_PROFILE=dev", "", devInConfig, null, DEV_CONFIG),
                row("AWS_PROFILE in both files", "AWS_PROFILE=dev", "", devInConfig, devInCredentials, DEV_CREDENTIALS),
                row(
                        "AWS_PROFILE over the default profile",
                        "AWS_PROFILE=dev",
                        "",
                        defaultInConfig + devInConfig,
                        defaultInCredentials,
                        DEV_CONFIG),
                row(
                        "aws.profile before AWS_PROFILE",
                        "AWS_PROFILE=default",
                        "aws.profile=dev",
                        null,
                        defaultInCredentials + devInCredentials,
                        DEV_CREDENTIALS),
                row(
                        "config file section without 'profile ' is not a profile",
                        "AWS_PROFILE=dev",
                        "",
                        section("dev", DEV_CONFIG) + defaultInConfig,
                        null,
                        null),
                row(
                        "key ID in one file, secret in the other",
                        "AWS_PROFILE=dev",
                        "",
                        "[profile dev]\naws_secret_access_key = dev/secret\n",
                        "[dev]\naws_access_key_id = " + DEV_CREDENTIALS + "\n",
                        DEV_CREDENTIALS),
                row(
                        "session token with the environment keys",
                        envKeys + ",AWS_SESSION_TOKEN=env-session-token",
                        "",
                        null,
                        null,
                        ENV),
                row(
                        "a key ID without its secret in the environment",
                        "AWS_ACCESS_KEY_ID=" + ENV,
                        "",
                        null,
                        defaultInCredentials,
                        DEFAULT_CREDENTIALS),
                row("AWS_PROFILE naming no profile", "AWS_PROFILE=absent", "", defaultInConfig, null, null),
                row("nothing anywhere", "", "", null, null, null),
                row(
                        "AWS_SHARED_CREDENTIALS_FILE elsewhere",
                        "AWS_SHARED_CREDENTIALS_FILE=~/elsewhere/credentials",
                        "",
                        null,
                        "@elsewhere/credentials\n" + devInCredentials.replace("[dev]", "[default]"),
                        DEV_CREDENTIALS),
                row(
                        "AWS_CONFIG_FILE with ~",
                        "AWS_CONFIG_FILE=~/elsewhere/config",
                        "",
                        "@elsewhere/config\n" + defaultInConfig,
                        null,
                        DEFAULT_CONFIG),
                row(
                        "profile with a session token",
                        "AWS_PROFILE=dev",
                        "",
                        null,
                        devInCredentials + "aws_session_token = dev-session-token\n",
                        DEV_CREDENTIALS),
                own("the plugin's own source first: <serverId> before the environment", envKeys, "server", SERVER),
                own("the plugin's own source first: <serverId> before a profile", "AWS_PROFILE=dev", "server", SERVER),
                own(
                        "the plugin's own source first: <profile> before the environment",
                        envKeys,
                        "profile:dev",
                        DEV_CREDENTIALS),
                own(
                        "the plugin's own source first: <profile> before AWS_PROFILE",
                        "AWS_PROFILE=default",
                        "profile:dev",
                        DEV_CREDENTIALS));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void thePluginSignsAsTheSdksDefaultChainWould(Row row) throws Exception {
        arrange(row);
        ClientKey key = key(row);

        assertAgreement(row, key);
        if (row.own() == null && row.expected() != null) {
            assertInstanceOf(DefaultCredentialsProvider.class, EcrClients.baseProvider(key), "the SDK's chain itself");
        }
    }

    /**
     * Behind a proxy the default chain is the same links with the web identity token exchanged through the proxy
     * ({@link DefaultChainBehindProxy}): it chooses as {@code DefaultCredentialsProvider} does.
     */
    @ParameterizedTest(name = "behind a proxy: {0}")
    @MethodSource("rows")
    void behindAProxyThePluginStillSignsAsTheSdksDefaultChainWould(Row row) throws Exception {
        arrange(row);
        sdk.variable("HTTPS_PROXY", "http://127.0.0.1:9");
        ClientKey key = key(row);

        assertAgreement(row, key);
        if (row.own() == null && row.expected() != null) {
            assertInstanceOf(AwsCredentialsProviderChain.class, EcrClients.baseProvider(key), "the chain behind it");
        }
    }

    private static void assertAgreement(Row row, ClientKey key) {
        if (row.expected() == null) {
            assertThrows(CredentialsException.class, () -> EcrClients.identity(key));
            assertThrows(SdkClientException.class, () -> sdkChain().resolveCredentials());
            return;
        }
        String plugin = EcrClients.identity(key).accessKeyId();
        assertEquals(row.expected(), plugin);
        if (row.own() == null) {
            assertEquals(sdkChain().resolveCredentials().accessKeyId(), plugin, "as DefaultCredentialsProvider");
        } else {
            // The plugin's own source comes first: the SDK's chain alone would have chosen another key.
            assertNotEquals(sdkChain().resolveCredentials().accessKeyId(), plugin, "the plugin's own source first");
        }
    }

    /** With {@code <roleArn>}, the role is assumed with the credentials the plugin would otherwise use. */
    @org.junit.jupiter.api.Test
    void theRoleIsAssumedWithWhatThePluginWouldOtherwiseSignWith() throws Exception {
        try (EcrEmulator sts = EcrEmulator.builder().build().start()) {
            arrange(rows().filter(r -> r.description().equals("environment keys"))
                    .findFirst()
                    .orElseThrow());
            ClientKey key = new ClientKey(
                    settings(Optional.empty()),
                    new CredentialsSettings(
                            Optional.empty(),
                            AssumedRole.of("arn:aws:iam::123456789012:role/ci-ecr", null, null),
                            Optional.of(sts.endpoint())),
                    Optional.empty());

            String plugin = EcrClients.identity(key).accessKeyId();

            assertEquals(ENV, sts.calls("AssumeRole").get(0).accessKeyId(), "assumed with the chain's key");
            assertEquals(sts.identities().all().get(0).accessKeyId(), plugin, "signs with the role's key");
        }
    }

    private void arrange(Row row) throws Exception {
        for (String name : List.of(
                "AWS_ACCESS_KEY_ID",
                "AWS_SECRET_ACCESS_KEY",
                "AWS_SESSION_TOKEN",
                "AWS_PROFILE",
                "AWS_WEB_IDENTITY_TOKEN_FILE",
                "AWS_CONTAINER_CREDENTIALS_FULL_URI",
                "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI")) {
            sdk.variable(name, null);
        }
        for (String name : List.of("aws.accessKeyId", "aws.secretAccessKey", "aws.sessionToken", "aws.profile")) {
            sdk.property(name, null);
        }
        // No proxy, unless the test sets one: the chain depends on it.
        for (String name : List.of("HTTPS_PROXY", "https_proxy")) {
            sdk.variable(name, null);
        }
        sdk.property("https.proxyHost", null).property("https.proxyPort", null);
        sdk.variable("HOME", home.toString())
                .variable("AWS_EC2_METADATA_DISABLED", "true")
                .variable("AWS_CONFIG_FILE", home.resolve(".aws/config").toString())
                .variable(
                        "AWS_SHARED_CREDENTIALS_FILE",
                        home.resolve(".aws/credentials").toString());
        Files.createDirectories(home.resolve(".aws"));
        write(row.config(), ".aws/config");
        write(row.credentials(), ".aws/credentials");
        row.variables().forEach(sdk::variable);
        row.properties().forEach(sdk::property);
    }

    /** Writes a file under the home directory; a first line {@code @path} names another place than {@code path}. */
    private void write(String content, String path) throws Exception {
        if (content == null) {
            return;
        }
        String text = content;
        if (content.startsWith("@")) {
            path = content.substring(1, content.indexOf('\n'));
            text = content.substring(content.indexOf('\n') + 1);
        }
        Files.createDirectories(home.resolve(path).getParent());
        Files.writeString(home.resolve(path), text);
    }

    private static ClientKey key(Row row) throws Exception {
        Optional<AccessKey> server = "server".equals(row.own())
                ? Optional.of(new AccessKey("settings.xml server 'aws'", SERVER, "server/secret"))
                : Optional.empty();
        Optional<String> profile = row.own() != null && row.own().startsWith("profile:")
                ? Optional.of(row.own().substring("profile:".length()))
                : Optional.empty();
        return new ClientKey(
                settings(profile),
                new CredentialsSettings(server, Optional.empty(), Optional.empty()),
                Optional.empty());
    }

    private static ConnectionSettings settings(Optional<String> profile) {
        return new ConnectionSettings(
                Optional.of("us-east-1"),
                Optional.of(URI.create("http://127.0.0.1:9")),
                profile,
                1,
                Duration.ofSeconds(5));
    }

    private static DefaultCredentialsProvider sdkChain() {
        return DefaultCredentialsProvider.builder().build();
    }

    private static String section(String name, String accessKeyId) {
        return "[" + name + "]\naws_access_key_id = " + accessKeyId + "\naws_secret_access_key = "
                + name.replace(' ', '-') + "/secret\n";
    }

    private static Row row(
            String description,
            String variables,
            String properties,
            String config,
            String credentials,
            String expected) {
        return new Row(description, pairs(variables), pairs(properties), config, credentials, null, expected);
    }

    /** A row whose plugin's own source comes first; the files hold a default and a {@code dev} profile. */
    private static Row own(String description, String variables, String own, String expected) {
        return new Row(
                description,
                pairs(variables),
                Map.of(),
                null,
                section("default", DEFAULT_CREDENTIALS) + section("dev", DEV_CREDENTIALS),
                own,
                expected);
    }

    private static Map<String, String> pairs(String text) {
        Map<String, String> pairs = new LinkedHashMap<>();
        for (String pair : text.split(",")) {
            if (!pair.isBlank()) {
                pairs.put(pair.substring(0, pair.indexOf('=')), pair.substring(pair.indexOf('=') + 1));
            }
        }
        return pairs;
    }
}

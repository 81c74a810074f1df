package io.github.ecrmavenplugin.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.protocols.jsoncore.JsonNode;

/**
 * The real AWS CLI against the emulator: a second, independent client implementation (botocore) of the same
 * wire protocol, signing included, so the emulator cannot merely fit the Java SDK's reading of it.
 */
class EcrEmulatorAwsCliTest {

    private static final Path AWS = Path.of("/usr/bin/aws");

    @TempDir
    Path home;

    private record Result(int exitCode, String stdout, String stderr) {}

    private Result aws(EcrEmulator emulator, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(AWS.toString(), "ecr"));
        command.addAll(List.of(args));
        command.addAll(
                List.of("--endpoint-url", emulator.endpoint().toString(), "--region", "us-east-1", "--output", "json"));
        ProcessBuilder builder = new ProcessBuilder(command);
        Map<String, String> env = builder.environment();
        // Only the test's own settings: no profile, config file or credentials of the machine may leak in.
        env.keySet().removeIf(name -> name.startsWith("AWS_"));
        env.put("HOME", home.toString());
        env.put("AWS_ACCESS_KEY_ID", EmulatorClients.ACCESS_KEY_ID);
        env.put("AWS_SECRET_ACCESS_KEY", EmulatorClients.SECRET_KEY);
        env.put("AWS_CONFIG_FILE", home.resolve("config").toString());
        env.put("AWS_SHARED_CREDENTIALS_FILE", home.resolve("credentials").toString());
        env.put("AWS_PAGER", "");
        env.put("AWS_EC2_METADATA_DISABLED", "true");
        env.put("AWS_MAX_ATTEMPTS", "1");
        Path out = Files.createTempFile(home, "out", ".txt");
        Path err = Files.createTempFile(home, "err", ".txt");
        Process process =
                builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("aws " + String.join(" ", args) + " did not finish in 60 s");
        }
        return new Result(
                process.exitValue(),
                Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }

    @Test
    void awsCliCreatesDescribesAndReadsPolicies() throws Exception {
        assumeTrue(Files.isExecutable(AWS), "AWS CLI not installed at " + AWS + " (apt-get install awscli)");
        // Signatures are checked, so a CLI that signed differently from the SDK would fail here.
        try (EcrEmulator emulator = EcrEmulator.builder()
                .registryHost("127.0.0.1:5443")
                .credentials(EmulatorClients.ACCESS_KEY_ID, EmulatorClients.SECRET_KEY)
                .build()
                .start()) {
            Result created = aws(
                    emulator,
                    "create-repository",
                    "--repository-name",
                    "cli/app",
                    "--image-tag-mutability",
                    "IMMUTABLE",
                    "--tags",
                    "Key=team,Value=core");
            assertEquals(0, created.exitCode(), created.stderr());
            JsonNode repository = JsonNode.parser()
                    .parse(created.stdout())
                    .field("repository")
                    .get();
            assertEquals(
                    "127.0.0.1:5443/cli/app",
                    repository.field("repositoryUri").get().asString());
            assertEquals(
                    "IMMUTABLE", repository.field("imageTagMutability").get().asString());

            Result described = aws(emulator, "describe-repositories", "--repository-names", "cli/app");
            assertEquals(0, described.exitCode(), described.stderr());
            assertEquals(
                    "arn:aws:ecr:us-east-1:123456789012:repository/cli/app",
                    JsonNode.parser()
                            .parse(described.stdout())
                            .field("repositories")
                            .get()
                            .index(0)
                            .get()
                            .field("repositoryArn")
                            .get()
                            .asString());

            Result noPolicy = aws(emulator, "get-repository-policy", "--repository-name", "cli/app");
            assertNotEquals(0, noPolicy.exitCode());
            assertTrue(noPolicy.stderr().contains("RepositoryPolicyNotFoundException"), noPolicy.stderr());

            Result set = aws(
                    emulator,
                    "set-repository-policy",
                    "--repository-name",
                    "cli/app",
                    "--policy-text",
                    EcrEmulatorPolicyTest.POLICY);
            assertEquals(0, set.exitCode(), set.stderr());
            Result policy = aws(emulator, "get-repository-policy", "--repository-name", "cli/app");
            assertEquals(0, policy.exitCode(), policy.stderr());
            assertEquals(
                    EcrEmulatorPolicyTest.POLICY_AS_ECR_RETURNS_IT,
                    JsonNode.parser()
                            .parse(policy.stdout())
                            .field("policyText")
                            .get()
                            .asString());

            Result missing = aws(emulator, "describe-repositories", "--repository-names", "nope");
            assertNotEquals(0, missing.exitCode());
            assertTrue(missing.stderr().contains("RepositoryNotFoundException"), missing.stderr());

            List<EmulatorCall> calls = emulator.calls();
            assertEquals(
                    List.of(
                            "CreateRepository",
                            "DescribeRepositories",
                            "GetRepositoryPolicy",
                            "SetRepositoryPolicy",
                            "GetRepositoryPolicy",
                            "DescribeRepositories"),
                    calls.stream().map(EmulatorCall::operation).toList());
            assertTrue(
                    calls.stream()
                            .allMatch(c -> EmulatorClients.ACCESS_KEY_ID.equals(c.accessKeyId())
                                    && "us-east-1".equals(c.region())),
                    calls.toString());
        }
    }

    /**
     * The registry's own settings as the CLI writes and reads them: a pull through cache rule and the replication
     * configuration. (Debian's CLI predates repository creation templates; the SDK tests cover those.)
     */
    @Test
    void awsCliManagesTheRegistrysOwnSettings() throws Exception {
        assumeTrue(Files.isExecutable(AWS), "AWS CLI not installed at " + AWS + " (apt-get install awscli)");
        try (EcrEmulator emulator = EcrEmulator.builder()
                .credentials(EmulatorClients.ACCESS_KEY_ID, EmulatorClients.SECRET_KEY)
                .build()
                .start()) {
            Result rule = aws(
                    emulator,
                    "create-pull-through-cache-rule",
                    "--ecr-repository-prefix",
                    "quay",
                    "--upstream-registry-url",
                    "quay.io");
            assertEquals(0, rule.exitCode(), rule.stderr());
            Result rules = aws(emulator, "describe-pull-through-cache-rules");
            assertEquals(0, rules.exitCode(), rules.stderr());
            assertTrue(rules.stdout().contains("\"ecrRepositoryPrefix\": \"quay\""), rules.stdout());

            Result put = aws(
                    emulator,
                    "put-replication-configuration",
                    "--replication-configuration",
                    "{\"rules\":[{\"destinations\":[{\"region\":\"eu-central-1\",\"registryId\":\"123456789012\"}]}]}");
            assertEquals(0, put.exitCode(), put.stderr());
            Result registry = aws(emulator, "describe-registry");
            assertEquals(0, registry.exitCode(), registry.stderr());
            assertEquals(
                    "eu-central-1",
                    JsonNode.parser()
                            .parse(registry.stdout())
                            .field("replicationConfiguration")
                            .get()
                            .field("rules")
                            .get()
                            .index(0)
                            .get()
                            .field("destinations")
                            .get()
                            .index(0)
                            .get()
                            .field("region")
                            .get()
                            .asString());
            assertEquals(
                    List.of(
                            "CreatePullThroughCacheRule",
                            "DescribePullThroughCacheRules",
                            "PutReplicationConfiguration",
                            "DescribeRegistry"),
                    emulator.calls().stream().map(EmulatorCall::operation).toList());
        }
    }

    /**
     * The CLI's paginator reads every page of a scan's findings (its own reading of nextToken and maxResults),
     * and reads enhanced findings; before any scan, ScanNotFoundException.
     */
    @Test
    void awsCliReadsScanFindingsAcrossPages() throws Exception {
        assumeTrue(Files.isExecutable(AWS), "AWS CLI not installed at " + AWS + " (apt-get install awscli)");
        try (EcrEmulator emulator =
                EcrEmulator.builder().registryHost("127.0.0.1:5443").build().start()) {
            emulator.seedRepository(new RepositorySeed("cli/scanned").scanOnPush(true));
            emulator.seedRepository(new RepositorySeed("cli/unscanned"));
            emulator.scanPlan(
                    "cli/scanned",
                    new ScanPlan(
                            java.time.Duration.ZERO,
                            java.time.Duration.ZERO,
                            "COMPLETE",
                            "BASIC",
                            "generated:1234",
                            null));
            emulator.registerPush("cli/scanned", "1.0", null, null);
            emulator.registerPush("cli/unscanned", "1.0", null, null);

            Result all = aws(
                    emulator,
                    "describe-image-scan-findings",
                    "--repository-name",
                    "cli/scanned",
                    "--image-id",
                    "imageTag=1.0",
                    "--page-size",
                    "500");
            assertEquals(0, all.exitCode(), all.stderr());
            JsonNode answer = JsonNode.parser().parse(all.stdout());
            assertEquals(
                    "COMPLETE",
                    answer.field("imageScanStatus").get().field("status").get().asString());
            assertEquals(
                    1234,
                    answer.field("imageScanFindings")
                            .get()
                            .field("findings")
                            .get()
                            .asArray()
                            .size());
            assertEquals(3, emulator.calls("DescribeImageScanFindings").size(), "pages of 500");

            Result none = aws(
                    emulator,
                    "describe-image-scan-findings",
                    "--repository-name",
                    "cli/unscanned",
                    "--image-id",
                    "imageTag=1.0");
            assertNotEquals(0, none.exitCode());
            assertTrue(none.stderr().contains("ScanNotFoundException"), none.stderr());

            emulator.scanPlan(
                    "cli/enhanced",
                    new ScanPlan(
                            java.time.Duration.ZERO,
                            java.time.Duration.ZERO,
                            "COMPLETE",
                            "ENHANCED",
                            "enhanced-critical",
                            null));
            emulator.seedRepository(new RepositorySeed("cli/enhanced"));
            emulator.registerPush("cli/enhanced", "1.0", null, null);
            Result enhanced = aws(
                    emulator,
                    "describe-image-scan-findings",
                    "--repository-name",
                    "cli/enhanced",
                    "--image-id",
                    "imageTag=1.0");
            assertEquals(0, enhanced.exitCode(), enhanced.stderr());
            JsonNode findings = JsonNode.parser()
                    .parse(enhanced.stdout())
                    .field("imageScanFindings")
                    .get();
            // (the Debian CLI's model predates fixedInVersion and drops it; name and version it knows)
            JsonNode xz = findings.field("enhancedFindings")
                    .get()
                    .index(0)
                    .get()
                    .field("packageVulnerabilityDetails")
                    .get()
                    .field("vulnerablePackages")
                    .get()
                    .index(0)
                    .get();
            assertEquals("xz-utils", xz.field("name").get().asString());
            assertEquals("5.6.0", xz.field("version").get().asString());
        }
    }

    /** The registry's scanning rules and a scan on request, as the CLI (botocore) writes and reads them. */
    @Test
    void awsCliSetsScanningRulesReadsWhatTheyCoverAndStartsAScan() throws Exception {
        assumeTrue(Files.isExecutable(AWS), "AWS CLI not installed at " + AWS + " (apt-get install awscli)");
        try (EcrEmulator emulator = EcrEmulator.builder()
                .credentials(EmulatorClients.ACCESS_KEY_ID, EmulatorClients.SECRET_KEY)
                .build()
                .start()) {
            emulator.seedRepository("team/api");
            emulator.seedRepository("app");
            emulator.seedImage("app", "1.0");
            Result put = aws(
                    emulator,
                    "put-registry-scanning-configuration",
                    "--scan-type",
                    "BASIC",
                    "--rules",
                    "[{\"scanFrequency\":\"SCAN_ON_PUSH\",\"repositoryFilters\":"
                            + "[{\"filter\":\"team/*\",\"filterType\":\"WILDCARD\"}]}]");
            assertEquals(0, put.exitCode(), put.stderr());

            Result read = aws(emulator, "get-registry-scanning-configuration");
            assertEquals(0, read.exitCode(), read.stderr());
            JsonNode configuration = JsonNode.parser()
                    .parse(read.stdout())
                    .field("scanningConfiguration")
                    .orElseThrow();
            assertEquals("BASIC", configuration.field("scanType").orElseThrow().asString());

            Result batch = aws(
                    emulator, "batch-get-repository-scanning-configuration", "--repository-names", "team/api", "app");
            assertEquals(0, batch.exitCode(), batch.stderr());
            List<JsonNode> repositories = JsonNode.parser()
                    .parse(batch.stdout())
                    .field("scanningConfigurations")
                    .orElseThrow()
                    .asArray();
            assertEquals(
                    List.of("SCAN_ON_PUSH", "MANUAL"),
                    repositories.stream()
                            .map(r -> r.field("scanFrequency").orElseThrow().asString())
                            .toList());

            Result started =
                    aws(emulator, "start-image-scan", "--repository-name", "app", "--image-id", "imageTag=1.0");
            assertEquals(0, started.exitCode(), started.stderr());
            Result again = aws(emulator, "start-image-scan", "--repository-name", "app", "--image-id", "imageTag=1.0");
            assertNotEquals(0, again.exitCode());
            assertTrue(again.stderr().contains("LimitExceededException"), again.stderr());
        }
    }
}

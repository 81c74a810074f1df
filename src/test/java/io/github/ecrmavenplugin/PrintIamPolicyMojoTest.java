package io.github.ecrmavenplugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ecrmavenplugin.json.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.maven.plugin.MojoFailureException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code mvn ecr:print-iam-policy}: the least policy for what the POM configures, without any call to AWS. */
class PrintIamPolicyMojoTest {

    /** The JSON the goal logged, parsed. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> printed(MojoRunner goal) {
        String json = goal.log().stream()
                .filter(line -> line.startsWith("[INFO] "))
                .map(line -> line.substring("[INFO] ".length()))
                .dropWhile(line -> !line.equals("{"))
                .takeWhile(line -> !line.startsWith("Written to"))
                .collect(Collectors.joining("\n"));
        return (Map<String, Object>) Json.parse(json);
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> statements(Map<String, Object> policy) {
        return (List<Map<String, Object>>) policy.get("Statement");
    }

    @Test
    void aRepositoryWithoutPolicyNeedsDescribeAndCreateOnItsArn() throws Exception {
        MojoRunner goal = MojoRunner.printIamPolicy()
                .set("region", "eu-west-1")
                .set("registryId", "123456789012")
                .set("repositoryName", "team/app")
                .set("creationTemplate", "ignore");

        goal.execute();

        Map<String, Object> policy = printed(goal);
        assertEquals("2012-10-17", policy.get("Version"));
        assertEquals(
                List.of(
                        Map.of(
                                "Sid",
                                "EnsureRepository",
                                "Effect",
                                "Allow",
                                "Action",
                                List.of("ecr:CreateRepository", "ecr:DescribeRepositories"),
                                "Resource",
                                "arn:aws:ecr:eu-west-1:123456789012:repository/team/app"),
                        // plan mode: which signing rule covers the repository, the registry around it
                        Map.of(
                                "Sid",
                                "RegistrySettings",
                                "Effect",
                                "Allow",
                                "Action",
                                List.of(
                                        "ecr:DescribePullThroughCacheRules",
                                        "ecr:DescribeRegistry",
                                        "ecr:GetSigningConfiguration"),
                                "Resource",
                                "*")),
                statements(policy));
    }

    /**
     * Following the registry's creation templates (the default), creating may write what the template for the name
     * gives: tags, a policy, a lifecycle policy, and a KMS key that ECR uses on the build's behalf.
     */
    @Test
    void followingCreationTemplatesAddsTheirReadAndWhatATemplateMayGiveANewRepository() throws Exception {
        MojoRunner goal = MojoRunner.printIamPolicy()
                .set("region", "eu-west-1")
                .set("registryId", "123456789012")
                .set("repositoryName", "team/app");

        goal.execute();

        assertEquals(
                List.of(
                        Map.of(
                                "Sid",
                                "EnsureRepository",
                                "Effect",
                                "Allow",
                                "Action",
                                List.of(
                                        "ecr:CreateRepository",
                                        "ecr:DescribeRepositories",
                                        "ecr:PutLifecyclePolicy",
                                        "ecr:SetRepositoryPolicy",
                                        "ecr:TagResource"),
                                "Resource",
                                "arn:aws:ecr:eu-west-1:123456789012:repository/team/app"),
                        Map.of(
                                "Sid",
                                "RegistrySettings",
                                "Effect",
                                "Allow",
                                "Action",
                                List.of(
                                        "ecr:DescribePullThroughCacheRules",
                                        "ecr:DescribeRegistry",
                                        "ecr:DescribeRepositoryCreationTemplates",
                                        "ecr:GetSigningConfiguration"),
                                "Resource",
                                "*"),
                        Map.of(
                                "Sid",
                                "KmsKeyThroughEcr",
                                "Effect",
                                "Allow",
                                "Action",
                                List.of("kms:CreateGrant", "kms:DescribeKey", "kms:RetireGrant"),
                                "Resource",
                                "*",
                                "Condition",
                                Map.of("StringEquals", Map.of("kms:ViaService", "ecr.eu-west-1.amazonaws.com")))),
                statements(printed(goal)));
    }

    /** A key the POM names by ARN is granted on that key alone; the registry's reads never need a repository ARN. */
    @Test
    void aKmsKeyThePomNamesIsGrantedOnItself() throws Exception {
        MojoRunner goal = MojoRunner.printIamPolicy()
                .set("region", "eu-west-1")
                .set("repositoryName", "team/app")
                .set("creationTemplate", "ignore")
                .set("encryption", "KMS")
                .set("kmsKey", "arn:aws:kms:eu-west-1:123456789012:key/k-1");

        goal.execute();

        List<Map<String, Object>> statements = statements(printed(goal));
        assertEquals("KmsKeyAtCreation", statements.get(2).get("Sid"));
        assertEquals(
                "arn:aws:kms:eu-west-1:123456789012:key/k-1", statements.get(2).get("Resource"));
        assertEquals(3, statements.size());
    }

    /** A POM that runs verify-image needs to read the image and its scan findings. */
    @Test
    void verifyImageInThePomAddsTheImageReads() throws Exception {
        MojoRunner goal = MojoRunner.printIamPolicy()
                .set("region", "eu-west-1")
                .set("registryId", "123456789012")
                .set("repositoryName", "team/app");
        goal.execute();
        assertFalse(printed(goal).toString().contains("DescribeImageScanFindings"));

        org.apache.maven.model.Plugin plugin = new org.apache.maven.model.Plugin();
        plugin.setGroupId("io.github.ecrmavenplugin");
        plugin.setArtifactId("ecr-maven-plugin");
        org.apache.maven.model.PluginExecution execution = new org.apache.maven.model.PluginExecution();
        execution.addGoal("ensure-repository");
        execution.addGoal("verify-image");
        plugin.addExecution(execution);
        MojoRunner verifying = MojoRunner.printIamPolicy()
                .set("region", "eu-west-1")
                .set("registryId", "123456789012")
                .set("repositoryName", "team/app")
                .set("creationTemplate", "ignore");
        verifying.project().setBuild(new org.apache.maven.model.Build());
        verifying.project().getBuild().addPlugin(plugin);
        verifying.execute();
        List<Map<String, Object>> statements = statements(printed(verifying));
        assertEquals(
                List.of(
                        "ecr:BatchGetRepositoryScanningConfiguration",
                        "ecr:CreateRepository",
                        "ecr:DescribeImageScanFindings",
                        "ecr:DescribeImageSigningStatus",
                        "ecr:DescribeImages",
                        "ecr:DescribeRepositories",
                        "ecr:StartImageScan"),
                statements.get(0).get("Action"));
        assertEquals(
                List.of(
                        "ecr:DescribePullThroughCacheRules",
                        "ecr:DescribeRegistry",
                        "ecr:GetRegistryScanningConfiguration",
                        "ecr:GetSigningConfiguration"),
                statements.get(1).get("Action"));
        // AWS's documented Inspector permissions for enhanced scanning's findings, less turning it on and off
        assertEquals(
                Map.of(
                        "Sid",
                        "EnhancedScanFindings",
                        "Effect",
                        "Allow",
                        "Action",
                        List.of(
                                "inspector2:ListAccountPermissions",
                                "inspector2:ListCoverage",
                                "inspector2:ListFindings"),
                        "Resource",
                        "*"),
                statements.get(2));
        assertEquals(3, statements.size(), "no signing without requireSignature: " + statements);
    }

    /** With requireSignature, the pushing identity needs to sign with the registry's signing profiles. */
    @Test
    void requireSignatureAddsSignPayloadOnTheSigningProfiles() throws Exception {
        org.apache.maven.model.Plugin plugin = new org.apache.maven.model.Plugin();
        plugin.setArtifactId("ecr-maven-plugin");
        org.apache.maven.model.PluginExecution execution = new org.apache.maven.model.PluginExecution();
        execution.addGoal("verify-image");
        org.codehaus.plexus.util.xml.Xpp3Dom configuration = new org.codehaus.plexus.util.xml.Xpp3Dom("configuration");
        org.codehaus.plexus.util.xml.Xpp3Dom require = new org.codehaus.plexus.util.xml.Xpp3Dom("requireSignature");
        require.setValue("true");
        configuration.addChild(require);
        execution.setConfiguration(configuration);
        plugin.addExecution(execution);
        MojoRunner goal = MojoRunner.printIamPolicy()
                .set("region", "eu-west-1")
                .set("registryId", "123456789012")
                .set("jibImage", true);
        goal.project().setBuild(new org.apache.maven.model.Build());
        goal.project().getBuild().addPlugin(plugin);

        goal.execute();

        List<Map<String, Object>> statements = statements(printed(goal));
        assertEquals(
                Map.of(
                        "Sid",
                        "SignOnPush",
                        "Effect",
                        "Allow",
                        "Action",
                        "signer:SignPayload",
                        "Resource",
                        "arn:aws:signer:eu-west-1:123456789012:/signing-profiles/*"),
                statements.get(statements.size() - 1));
        assertTrue(statements.stream().anyMatch(s -> "JibPush".equals(s.get("Sid"))), statements::toString);
    }

    @Test
    void scanOnPushAddsTheReadsOfTheRegistrysScanningRules() throws Exception {
        MojoRunner goal = MojoRunner.printIamPolicy()
                .set("region", "eu-west-1")
                .set("registryId", "123456789012")
                .set("createIfMissing", false)
                .set("scanOnPush", true);

        goal.execute();

        List<Map<String, Object>> statements = statements(printed(goal));
        assertEquals(
                List.of(
                        "ecr:BatchGetRepositoryScanningConfiguration",
                        "ecr:DescribeRepositories",
                        "ecr:PutImageScanningConfiguration"),
                statements.get(0).get("Action"));
        assertEquals(
                List.of("ecr:DescribeRegistry", "ecr:GetRegistryScanningConfiguration", "ecr:GetSigningConfiguration"),
                statements.get(1).get("Action"));
    }

    @Test
    void aRepositoryThatMustExistNeedsNoCreate() throws Exception {
        MojoRunner goal = MojoRunner.printIamPolicy()
                .set("region", "eu-west-1")
                .set("registryId", "123456789012")
                .set("repositoryName", "team/app")
                .set("createIfMissing", false);

        goal.execute();

        assertEquals(
                "ecr:DescribeRepositories", statements(printed(goal)).get(0).get("Action"));
    }

    @Test
    void aPolicyAndJibAddTheirActionsAndTheTokenOnStar() throws Exception {
        MojoRunner goal = MojoRunner.printIamPolicy()
                .set("region", "cn-north-1")
                .set("jibAuth", true)
                .set("creationTemplate", "ignore")
                .set(
                        "policy",
                        "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":"
                                + "{\"AWS\":\"arn:aws:iam::210987654321:root\"},\"Action\":\"ecr:BatchGetImage\"}]}");

        goal.execute();

        List<Map<String, Object>> statements = statements(printed(goal));
        String arn = "arn:aws-cn:ecr:cn-north-1:*:repository/app";
        // DescribeImages: the immutable-tag guard looks for the tag Jib will push
        assertEquals(
                List.of(
                        "ecr:CreateRepository",
                        "ecr:DescribeImages",
                        "ecr:DescribeRepositories",
                        "ecr:GetRepositoryPolicy",
                        "ecr:SetRepositoryPolicy"),
                statements.get(0).get("Action"));
        assertEquals(arn, statements.get(0).get("Resource"));
        assertEquals("JibPush", statements.get(1).get("Sid"));
        assertTrue(((List<?>) statements.get(1).get("Action")).contains("ecr:PutImage"));
        assertEquals(arn, statements.get(1).get("Resource"));
        assertEquals(
                Map.of(
                        "Sid",
                        "AuthorizationToken",
                        "Effect",
                        "Allow",
                        "Action",
                        "ecr:GetAuthorizationToken",
                        "Resource",
                        "*"),
                statements.get(2));
        assertEquals("RegistrySettings", statements.get(3).get("Sid"));
    }

    @Test
    void makesNoCallToAwsAndCanWriteAFile(@TempDir Path dir) throws Exception {
        // The tests run without AWS credentials (see the surefire configuration): any call to AWS would fail.
        Path file = dir.resolve("policy/iam.json");
        MojoRunner goal = MojoRunner.printIamPolicy().set("region", "us-east-1").set("iamPolicyFile", file.toFile());

        goal.execute();

        assertEquals(printed(goal), Json.parse(Files.readString(file)));
    }

    @Test
    void aDirectoryForTheFileFailsNamingTheParameter(@TempDir Path dir) {
        for (java.io.File directory : List.of(new java.io.File("/"), dir.toFile())) {
            MojoRunner goal =
                    MojoRunner.printIamPolicy().set("region", "us-east-1").set("iamPolicyFile", directory);

            MojoFailureException e = assertThrows(MojoFailureException.class, goal::execute);

            assertEquals(
                    "<iamPolicyFile>: " + directory + " is a directory; the goal writes a file there. Give a file, "
                            + "e.g. target/iam-policy.json",
                    e.getMessage());
        }
    }

    @Test
    void aFileUnderARegularFileFailsSayingWhichPartIsAFile(@TempDir Path dir) throws Exception {
        Path pom = Files.writeString(dir.resolve("pom.xml"), "<project/>");
        java.io.File file = pom.resolve("x.json").toFile();
        MojoRunner goal = MojoRunner.printIamPolicy().set("region", "us-east-1").set("iamPolicyFile", file);

        MojoFailureException e = assertThrows(MojoFailureException.class, goal::execute);

        assertEquals(
                "<iamPolicyFile>: cannot write " + file + ": a part of its path, " + pom + ", is a file, not a "
                        + "directory. Give a file in a directory, e.g. target/iam-policy.json",
                e.getMessage());
        assertFalse(goal.logText().contains("{"), "fails before printing the policy");
    }

    @Test
    void invalidConfigurationFailsAsInEnsureRepository() {
        MojoRunner goal = MojoRunner.printIamPolicy().set("repositoryName", "Not/Valid");

        MojoFailureException e = assertThrows(MojoFailureException.class, goal::execute);

        assertTrue(e.getMessage().startsWith("<repositoryName>"), e.getMessage());
        assertFalse(goal.logText().contains("{"));
    }
}

package io.github.ecrmavenplugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ecrmavenplugin.emulator.EcrEmulator;
import io.github.ecrmavenplugin.emulator.EmulatorExtension;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.maven.plugin.MojoFailureException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Policy files as editors write them, through the real goal against the emulator. */
class EnsureRepositoryInputFilesTest {

    private static final String POLICY = """
            {
              "Version": "2012-10-17",
              "Statement": [{"Sid": "AllowPull", "Effect": "Allow",
                             "Principal": {"AWS": "arn:aws:iam::210987654321:root"},
                             "Action": ["ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer"]}]
            }
            """;

    @RegisterExtension
    final EmulatorExtension emulatorExtension =
            MojoRunner.withCredentials(EmulatorExtension.perTest(EcrEmulator.builder()));

    private final EcrEmulator emulator = emulatorExtension.emulator();

    @TempDir
    Path dir;

    @Test
    void aPolicyFileStartingWithAByteOrderMarkIsRead() throws Exception {
        Path file = dir.resolve("policy.json");
        Files.write(file, ("\uFEFF" + POLICY).getBytes(StandardCharsets.UTF_8));
        Path lifecycle = dir.resolve("lifecycle.json");
        Files.write(lifecycle, ("\uFEFF" + """
                {"rules": [{"rulePriority": 1, "description": "keep the last 30 images",
                            "selection": {"tagStatus": "any", "countType": "imageCountMoreThan", "countNumber": 30},
                            "action": {"type": "expire"}}]}""").getBytes(StandardCharsets.UTF_8));

        MojoRunner goal = MojoRunner.ensureRepository(emulator)
                .set("policyFile", file.toFile())
                .set("lifecyclePolicyFile", lifecycle.toFile());
        goal.execute();

        assertEquals(
                List.of("CreateRepository", "SetRepositoryPolicy", "PutLifecyclePolicy"),
                emulator.calls().stream()
                        .map(c -> c.operation())
                        .filter(op -> !op.startsWith("Describe") && !op.startsWith("Get"))
                        .toList());
        assertTrue(emulator.repository("app").orElseThrow().policyText().contains("arn:aws:iam::210987654321:root"));
    }

    @Test
    void wholeNumbersWrittenWithAnExponentOrAFractionAreSentInTheirPlainForm() throws Exception {
        MojoRunner goal = MojoRunner.ensureRepository(emulator).set("lifecyclePolicy", """
                {"rules": [{"rulePriority": 1e1, "description": "keep the last 30 images",
                            "selection": {"tagStatus": "any", "countType": "imageCountMoreThan", "countNumber": 30.0},
                            "action": {"type": "expire"}}]}""");

        goal.execute();

        // ECR's schema wants integers, told by their form: the emulator, as ECR, refuses 1e1 and 30.0 as written
        assertEquals(
                "{\"rules\":[{\"rulePriority\":10,\"description\":\"keep the last 30 images\",\"selection\":"
                        + "{\"tagStatus\":\"any\",\"countType\":\"imageCountMoreThan\",\"countNumber\":30},"
                        + "\"action\":{\"type\":\"expire\"}}]}",
                emulator.repository("app").orElseThrow().lifecyclePolicyText());
    }

    @Test
    void aPolicyFileThatIsNotJsonIsDescribedByLineAndColumnWithoutTheParsersClassNames() throws Exception {
        Path file = dir.resolve("policy.json");
        Files.writeString(file, POLICY.replace("\"Allow\",", "\"Allow\",,"));

        MojoFailureException e = assertThrows(
                MojoFailureException.class,
                MojoRunner.ensureRepository(emulator).set("policyFile", file.toFile())::execute);

        assertEquals(
                "<policyFile>: the policy is not valid JSON: at line 3, column 56, unexpected character (',' (code 44)): "
                        + "was expecting double-quote to start field name",
                e.getMessage());
        assertFalse(MojoRunner.messages(e).lines().findFirst().orElseThrow().contains("jackson"));
        assertEquals(List.of(), emulator.calls());
    }
}

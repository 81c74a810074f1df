package io.github.ecrmavenplugin.model;

import static io.github.ecrmavenplugin.model.InvalidConfiguration.fails;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RepositorySpecTest {

    private static final String POLICY = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
            + "\"Principal\":{\"AWS\":\"arn:aws:iam::123456789012:root\"},\"Action\":\"ecr:BatchGetImage\"}]}";

    @ParameterizedTest
    @ValueSource(
            strings = {
                "ab",
                "my-service",
                "team/my-service",
                "a/b/c.d_e-f",
                "x1",
                "double--dash",
                "team/a__b--c",
                "a---b/c__d"
            })
    void acceptsEcrNames(String name) throws Exception {
        assertEquals(name, RepositorySpec.builder().name(name).build().name());
    }

    @ParameterizedTest
    @ValueSource(
            strings = {"a", "My-Service", "-lead", "trail-", "/root", "team/", "a b", "a..b", "a___b", "a._b", "a//b"})
    void rejectsInvalidNames(String name) {
        fails("repositoryName", () -> RepositorySpec.builder().name(name).build());
    }

    @Test
    void suggestsLowercaseAndRejectsOverlongNames() {
        InvalidConfigurationException upper = assertThrows(
                InvalidConfigurationException.class,
                () -> RepositorySpec.builder().name("My-Service").build());
        assertTrue(upper.getMessage().contains("(try \"my-service\")"), upper.getMessage());
        InvalidConfigurationException longName = assertThrows(
                InvalidConfigurationException.class,
                () -> RepositorySpec.builder().name("a".repeat(257)).build());
        assertTrue(longName.getMessage().contains("2 to 256"), longName.getMessage());
    }

    @Test
    void noPolicyMeansLeaveItAlone() throws Exception {
        assertTrue(RepositorySpec.builder().name("my-service").build().policy().isEmpty());
    }

    @Test
    void readsPolicyFile(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("policy.json"), POLICY);
        RepositorySpec spec =
                RepositorySpec.builder().name("my-service").policyFile(file).build();
        assertEquals(
                PolicyDocument.fromPom(POLICY, "policy", false), spec.policy().orElseThrow());
    }

    @Test
    void missingPolicyFileNamesTheParameter(@TempDir Path dir) {
        fails(
                "policyFile",
                "does not exist",
                () -> RepositorySpec.builder()
                        .name("my-service")
                        .policyFile(dir.resolve("nope.json"))
                        .build());
    }

    @Test
    void aFileInUtf16IsNamedAsSuchWhicheverItsByteOrder(@TempDir Path dir) throws Exception {
        for (byte[] bytes : new byte[][] {
            "\uFEFF{}".getBytes(java.nio.charset.StandardCharsets.UTF_16BE),
            "\uFEFF{}".getBytes(java.nio.charset.StandardCharsets.UTF_16LE),
            {(byte) 0xFF, (byte) 0xFE}
        }) {
            Path file = Files.write(dir.resolve("policy.json"), bytes);
            fails(
                    "policyFile",
                    "is not UTF-8 text, which JSON is: it starts with the byte-order mark of UTF-16. Save it as UTF-8",
                    () -> RepositorySpec.builder()
                            .name("my-service")
                            .policyFile(file)
                            .build());
        }
    }

    @Test
    void invalidJsonInPolicyFileNamesTheFileParameter(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("policy.json"), "{oops");
        fails(
                "policyFile",
                () -> RepositorySpec.builder()
                        .name("my-service")
                        .policyFile(file)
                        .build());
    }

    @Test
    void onlyOnePolicySource(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("policy.json"), POLICY);
        fails(
                "policy",
                () -> RepositorySpec.builder()
                        .name("my-service")
                        .policy(POLICY)
                        .policyFile(file)
                        .build());
        InvalidConfigurationException e2 = assertThrows(
                InvalidConfigurationException.class,
                () -> RepositorySpec.builder()
                        .name("my-service")
                        .policy(POLICY)
                        .pullPolicy(new PullPolicy(List.of("123456789012"), List.of(), List.of(), List.of()))
                        .build());
        assertTrue(e2.getMessage().contains("one way only"), e2.getMessage());
    }
}

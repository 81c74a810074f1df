package io.github.ecrmavenplugin.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class CredentialSourcesTest {

    @Test
    void sdkCodesBecomeWords() {
        assertEquals("environment variables AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY", CredentialSources.describe("g"));
        assertEquals("profile with source_profile, role assumed through STS", CredentialSources.describe("o,i"));
        assertEquals("SSO profile", CredentialSources.describe("r"));
        assertEquals("EC2 instance profile (instance metadata)", CredentialSources.describe("0"));
    }

    @Test
    void unknownNamesPassThrough() {
        assertEquals(
                "EnvironmentVariableCredentialsProvider",
                CredentialSources.describe("EnvironmentVariableCredentialsProvider"));
        assertEquals("unnamed provider", CredentialSources.describe(null));
    }
}

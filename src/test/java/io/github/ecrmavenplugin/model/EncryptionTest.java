package io.github.ecrmavenplugin.model;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Whether an existing repository's encryption satisfies the POM's: the type, and the key when one is named. */
class EncryptionTest {

    private static final String KEY_ARN = "arn:aws:kms:us-east-1:123456789012:key/1111-aaaa";

    private static Encryption kms(String key) {
        return new Encryption(Encryption.Type.KMS, Optional.ofNullable(key));
    }

    @Test
    void theSameKeyByArnOrKeyIdSatisfies() {
        Encryption actual = kms(KEY_ARN);
        assertTrue(kms(KEY_ARN).isSatisfiedBy(actual));
        assertTrue(kms("1111-aaaa").isSatisfiedBy(actual));
    }

    @Test
    void anotherKeySatisfiesNot() {
        Encryption actual = kms(KEY_ARN);
        assertFalse(kms("arn:aws:kms:us-east-1:123456789012:key/2222-bbbb").isSatisfiedBy(actual));
        assertFalse(kms("2222-bbbb").isSatisfiedBy(actual));
        // a key ID that is only the end of the actual one is another key
        assertFalse(kms("aaaa").isSatisfiedBy(actual));
    }

    @Test
    void aNamedKeyIsNotSatisfiedByTheAwsManagedOne() {
        assertFalse(kms("1111-aaaa").isSatisfiedBy(kms(null)));
    }

    @Test
    void withoutAKeyAnyKeyOfTheTypeSatisfiesButNotAnotherType() {
        assertTrue(kms(null).isSatisfiedBy(kms(KEY_ARN)));
        assertFalse(kms(null).isSatisfiedBy(new Encryption(Encryption.Type.AES256, Optional.empty())));
        assertFalse(new Encryption(Encryption.Type.KMS_DSSE, Optional.empty()).isSatisfiedBy(kms(null)));
    }
}

package io.github.ecrmavenplugin.model;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * How ECR encrypts the repository's images at rest. Set at creation only: ECR cannot change it afterwards, so a
 * repository that differs is reported, never replaced.
 *
 * @param type   the encryption type
 * @param kmsKey the KMS key (ARN, key ID or alias) for the KMS types; empty for AES256, or for KMS with the
 *               AWS-managed key
 */
public record Encryption(Type type, Optional<String> kmsKey) {

    /** ECR's {@code encryptionType} values. */
    public enum Type {
        AES256,
        KMS,
        KMS_DSSE
    }

    public Encryption {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(kmsKey, "kmsKey");
    }

    /** Validates the POM's values, naming {@code prefix + "encryption"} or {@code prefix + "kmsKey"} in errors. */
    public static Encryption fromPom(String type, String kmsKey, String prefix) throws InvalidConfigurationException {
        Optional<String> key = kmsKey == null || kmsKey.isBlank() ? Optional.empty() : Optional.of(kmsKey.trim());
        if (type == null || type.isBlank()) {
            throw new InvalidConfigurationException(
                    prefix + "kmsKey",
                    "a KMS key needs <encryption>KMS</encryption> " + "or KMS_DSSE; add it, or remove <kmsKey>");
        }
        Type parsed;
        try {
            parsed = Type.valueOf(type.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidConfigurationException(
                    prefix + "encryption",
                    "\"" + type + "\" is not an encryption " + "type; use AES256, KMS or KMS_DSSE");
        }
        if (parsed == Type.AES256 && key.isPresent()) {
            throw new InvalidConfigurationException(
                    prefix + "kmsKey",
                    "a KMS key goes with <encryption> KMS or "
                            + "KMS_DSSE, not AES256; change <encryption> or remove <kmsKey>");
        }
        return new Encryption(parsed, key);
    }

    public static Encryption fromRegistry(String type, String kmsKey) {
        Type parsed;
        try {
            parsed = Type.valueOf(type);
        } catch (IllegalArgumentException | NullPointerException e) {
            parsed = Type.AES256;
        }
        return new Encryption(parsed, Optional.ofNullable(kmsKey));
    }

    /**
     * Whether an existing repository's encryption satisfies this one. ECR reports the key as an ARN, while the POM
     * may name it by key ID or ARN; without a key in the POM any key of the right type will do.
     */
    public boolean isSatisfiedBy(Encryption actual) {
        if (type != actual.type) {
            return false;
        }
        if (kmsKey.isEmpty()) {
            return true;
        }
        String wanted = kmsKey.get();
        return actual.kmsKey
                .map(k -> k.equals(wanted) || k.endsWith("/" + wanted) || k.endsWith(":" + wanted))
                .orElse(false);
    }

    @Override
    public String toString() {
        return kmsKey.map(k -> type + " (" + k + ")").orElse(type.name());
    }
}

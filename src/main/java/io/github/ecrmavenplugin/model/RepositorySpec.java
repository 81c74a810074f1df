package io.github.ecrmavenplugin.model;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The desired state of one repository, as the POM declares it: validated, immutable, and built without any I/O
 * to AWS. Anything the POM leaves out is absent here, and absent means "leave ECR's value alone".
 *
 * @param name            the repository name
 * @param policy          the repository policy, when the POM declares one
 * @param policyMode      whether {@code policy} is the whole policy or only the plugin's own statements
 * @param tagMutability   tag mutability and its exclusion filters
 * @param scanOnPush      whether ECR scans each image on push
 * @param tags            the repository's tags (sorted by key); others are kept unless {@code purgeTags}
 * @param purgeTags       remove tags not in {@code tags}: the user asked for it explicitly
 * @param lifecyclePolicy the lifecycle policy
 * @param encryption      encryption at rest, set at creation only
 * @param allowPublicAccess whether the policy ECR ends up with may be public ({@link PublicAccess}), statements
 *                        kept from ECR included
 * @param allowLockOut    whether the policy may deny everyone the right to change it again
 *                        ({@link PolicyDocument#lockOut}); it is then written with ECR's {@code force}
 * @param creationTemplate whether a missing repository is created as the registry's creation template would
 */
public record RepositorySpec(
        String name,
        Optional<PolicyDocument> policy,
        PolicyMode policyMode,
        Optional<TagMutability> tagMutability,
        Optional<Boolean> scanOnPush,
        Optional<Map<String, String>> tags,
        boolean purgeTags,
        Optional<LifecyclePolicy> lifecyclePolicy,
        Optional<Encryption> encryption,
        boolean allowPublicAccess,
        boolean allowLockOut,
        CreationTemplateMode creationTemplate) {

    /**
     * ECR's rule for repository names, as its service model states it (not the stricter one a documentation page
     * shows): components of lowercase letters and digits joined by {@code .}, {@code _}, {@code __} or any run of
     * {@code -}, namespaces separated by {@code /}. {@code team/a__b--c} is a valid name.
     */
    private static final Pattern NAME =
            Pattern.compile("[a-z0-9]+((\\.|_|__|-+)[a-z0-9]+)*(/[a-z0-9]+((\\.|_|__|-+)[a-z0-9]+)*)*");

    public RepositorySpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(policyMode, "policyMode");
        Objects.requireNonNull(tagMutability, "tagMutability");
        Objects.requireNonNull(scanOnPush, "scanOnPush");
        tags = tags.map(Map::copyOf);
        Objects.requireNonNull(lifecyclePolicy, "lifecyclePolicy");
        Objects.requireNonNull(encryption, "encryption");
        Objects.requireNonNull(creationTemplate, "creationTemplate");
    }

    /** Whether a missing repository is created as the registry's creation template would. */
    public boolean followsCreationTemplate() {
        return creationTemplate == CreationTemplateMode.FOLLOW;
    }

    /**
     * The same desired state with other creation-time settings: what a repository is created with when a creation
     * template fills in what the POM leaves out.
     */
    public RepositorySpec atCreation(
            Optional<TagMutability> tagMutability,
            Optional<Encryption> encryption,
            Optional<Map<String, String>> tags) {
        return with(tagMutability, scanOnPush, tags, encryption);
    }

    /** The same desired state, leaving scanning on push as it is: where the registry's scanning rules decide it. */
    public RepositorySpec withoutScanOnPush() {
        return with(tagMutability, Optional.empty(), tags, encryption);
    }

    /** The same desired state with these settings, every other one as it is. */
    private RepositorySpec with(
            Optional<TagMutability> tagMutability,
            Optional<Boolean> scanOnPush,
            Optional<Map<String, String>> tags,
            Optional<Encryption> encryption) {
        return new RepositorySpec(
                name,
                policy,
                policyMode,
                tagMutability,
                scanOnPush,
                tags,
                purgeTags,
                lifecyclePolicy,
                encryption,
                allowPublicAccess,
                allowLockOut,
                creationTemplate);
    }

    /** What the checks of the policies found worth a warning in the build log, but not a refusal. */
    public List<String> warnings() {
        List<String> warnings = new java.util.ArrayList<>();
        policy.ifPresent(p -> warnings.addAll(p.warnings()));
        lifecyclePolicy.ifPresent(l -> warnings.addAll(l.warnings()));
        return warnings;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Checks a repository name against ECR's rule, naming {@code parameter} when it fails. */
    public static String validName(String name, String parameter) throws InvalidConfigurationException {
        if (name == null || name.isBlank()) {
            throw new InvalidConfigurationException(
                    parameter,
                    "no repository name; set <repositoryName> "
                            + "(-Decr.repositoryName), which defaults to the project's artifactId");
        }
        if (name.length() < 2 || name.length() > 256) {
            throw new InvalidConfigurationException(
                    parameter,
                    "\"" + name + "\" has " + name.length() + " characters; ECR repository names have 2 to 256");
        }
        if (!NAME.matcher(name).matches()) {
            throw new InvalidConfigurationException(
                    parameter,
                    "\"" + name + "\" is not a valid ECR repository "
                            + "name. Use lowercase letters and digits, separated by '.', '_', '__' or dashes, and '/' between "
                            + "namespaces, e.g. \"team/my-service\"" + hint(name));
        }
        return name;
    }

    private static String hint(String name) {
        String lower = name.toLowerCase(java.util.Locale.ROOT);
        return !lower.equals(name) && NAME.matcher(lower).matches() ? " (try \"" + lower + "\")" : "";
    }

    /**
     * Collects the POM's parameters for one repository and turns them into a {@link RepositorySpec}, or into an
     * {@link InvalidConfigurationException} naming the first parameter that is wrong.
     */
    public static final class Builder {
        private String name;
        private String nameParameter = "repositoryName";
        private String parameterPrefix = "";
        private String policyMode;
        private String imageTagMutability;
        private List<String> exclusionFilters;
        private Boolean scanOnPush;
        private Map<String, String> tags;
        private boolean purgeTags;
        private String lifecyclePolicy;
        private Path lifecyclePolicyFile;
        private List<LifecycleRule> lifecycleRules;
        private String encryption;
        private String kmsKey;
        private PullPolicy pullPolicy;
        private String policy;
        private Path policyFile;
        private boolean allowPublicAccess;
        private boolean allowLockOut;
        private String creationTemplate;
        private PullPolicy.RegionSource region = Optional::empty;
        private Optional<String> registryAccount = Optional.empty();

        private Builder() {}

        /** Where the region comes from, should the policy need it ({@code <pullPolicy><lambdaAccounts>}). */
        public Builder region(PullPolicy.RegionSource region) {
            this.region = region;
            return this;
        }

        /**
         * The registry's account ID, when the POM names it ({@code registryId}): a policy denying that account the
         * right to set the policy is known to lock the build out before any call.
         */
        public Builder registryAccount(Optional<String> registryAccount) {
            this.registryAccount = registryAccount;
            return this;
        }

        /** Prefix for parameter names in errors, e.g. {@code repositories[2]/} for an entry of a list. */
        public Builder parameterPrefix(String prefix) {
            this.parameterPrefix = prefix == null ? "" : prefix;
            return this;
        }

        public Builder name(String name) {
            this.name = name;
            return this;
        }

        /** The parameter that holds the name, for errors: {@code repositoryName} unless said otherwise. */
        public Builder nameParameter(String nameParameter) {
            this.nameParameter = nameParameter;
            return this;
        }

        /** {@code replace} (default) or {@code merge}. */
        public Builder policyMode(String policyMode) {
            this.policyMode = policyMode;
            return this;
        }

        public Builder imageTagMutability(String mode, List<String> exclusionFilters) {
            this.imageTagMutability = mode;
            this.exclusionFilters = exclusionFilters;
            return this;
        }

        public Builder scanOnPush(Boolean scanOnPush) {
            this.scanOnPush = scanOnPush;
            return this;
        }

        public Builder tags(Map<String, String> tags, boolean purgeTags) {
            this.tags = tags;
            this.purgeTags = purgeTags;
            return this;
        }

        public Builder lifecyclePolicy(String lifecyclePolicy) {
            this.lifecyclePolicy = lifecyclePolicy;
            return this;
        }

        public Builder lifecyclePolicyFile(Path lifecyclePolicyFile) {
            this.lifecyclePolicyFile = lifecyclePolicyFile;
            return this;
        }

        public Builder lifecycleRules(List<LifecycleRule> lifecycleRules) {
            this.lifecycleRules = lifecycleRules;
            return this;
        }

        public Builder encryption(String encryption, String kmsKey) {
            this.encryption = encryption;
            this.kmsKey = kmsKey;
            return this;
        }

        public Builder pullPolicy(PullPolicy pullPolicy) {
            this.pullPolicy = pullPolicy;
            return this;
        }

        public Builder policy(String policy) {
            this.policy = policy;
            return this;
        }

        public Builder policyFile(Path policyFile) {
            this.policyFile = policyFile;
            return this;
        }

        public Builder allowPublicAccess(boolean allowPublicAccess) {
            this.allowPublicAccess = allowPublicAccess;
            return this;
        }

        public Builder allowLockOut(boolean allowLockOut) {
            this.allowLockOut = allowLockOut;
            return this;
        }

        /** {@code follow} (default) or {@code ignore}. */
        public Builder creationTemplate(String creationTemplate) {
            this.creationTemplate = creationTemplate;
            return this;
        }

        public RepositorySpec build() throws InvalidConfigurationException {
            String validName = validName(name, parameterPrefix + nameParameter);
            CreationTemplateMode templateMode =
                    CreationTemplateMode.fromPom(creationTemplate, parameterPrefix + "creationTemplate");
            PolicyMode mode = PolicyMode.fromPom(policyMode, parameterPrefix + "policyMode");
            Optional<PolicyDocument> policy = resolvePolicy();
            if (policy.isPresent() && !allowLockOut) {
                Optional<String> lockOut = policy.get().lockOut(registryAccount);
                if (lockOut.isPresent()) {
                    throw new InvalidConfigurationException(
                            parameterPrefix + policySource(),
                            lockOut.get() + ", and ECR refuses it unless told to force it. If that is intended, set "
                                    + "<allowLockOut>true</allowLockOut> (-Decr.allowLockOut=true), which sends "
                                    + "SetRepositoryPolicy's force; otherwise narrow the Deny to the principals it is meant "
                                    + "for, or give it a condition");
                }
            }
            if (mode == PolicyMode.MERGE) {
                if (policy.isEmpty()) {
                    throw new InvalidConfigurationException(
                            parameterPrefix + "policyMode",
                            "merge needs a policy "
                                    + "to merge; declare <pullPolicy>, <policy> or <policyFile>, or remove <policyMode>");
                }
                policy.get().requireSids(parameterPrefix + policySource(), parameterPrefix + "policyMode");
            }
            Optional<TagMutability> mutability = Optional.empty();
            if (imageTagMutability != null && !imageTagMutability.isBlank()) {
                mutability = Optional.of(TagMutability.fromPom(imageTagMutability, exclusionFilters, parameterPrefix));
            } else if (exclusionFilters != null && !exclusionFilters.isEmpty()) {
                throw new InvalidConfigurationException(
                        parameterPrefix + "imageTagMutabilityExclusionFilters",
                        "filters need <imageTagMutability> IMMUTABLE_WITH_EXCLUSION or MUTABLE_WITH_EXCLUSION");
            }
            // No tags (or an empty <tags/>) means "leave the tags alone", unless purgeTags says "no tags at all".
            Optional<Map<String, String>> validTags = tags != null && !tags.isEmpty()
                    ? Optional.of(ResourceTags.fromPom(tags, parameterPrefix + "tags"))
                    : purgeTags ? Optional.of(Map.of()) : Optional.empty();
            Optional<Encryption> validEncryption =
                    (encryption == null || encryption.isBlank()) && (kmsKey == null || kmsKey.isBlank())
                            ? Optional.empty()
                            : Optional.of(Encryption.fromPom(encryption, kmsKey, parameterPrefix));
            return new RepositorySpec(
                    validName,
                    policy,
                    mode,
                    mutability,
                    Optional.ofNullable(scanOnPush),
                    validTags,
                    purgeTags,
                    resolveLifecyclePolicy(),
                    validEncryption,
                    allowPublicAccess,
                    allowLockOut,
                    templateMode);
        }

        private String policySource() {
            return policy != null && !policy.isBlank() ? "policy" : policyFile != null ? "policyFile" : "pullPolicy";
        }

        private Optional<LifecyclePolicy> resolveLifecyclePolicy() throws InvalidConfigurationException {
            boolean hasInline = lifecyclePolicy != null && !lifecyclePolicy.isBlank();
            boolean hasRules = lifecycleRules != null && !lifecycleRules.isEmpty();
            int sources = (hasInline ? 1 : 0) + (lifecyclePolicyFile != null ? 1 : 0) + (hasRules ? 1 : 0);
            if (sources > 1) {
                throw new InvalidConfigurationException(
                        parameterPrefix + "lifecyclePolicy",
                        "give the lifecycle "
                                + "policy one way only: <lifecycleRules>, <lifecyclePolicy> or <lifecyclePolicyFile>");
            }
            if (hasInline) {
                return Optional.of(LifecyclePolicy.fromPom(lifecyclePolicy, parameterPrefix + "lifecyclePolicy"));
            }
            if (lifecyclePolicyFile != null) {
                String parameter = parameterPrefix + "lifecyclePolicyFile";
                return Optional.of(LifecyclePolicy.fromPom(read(lifecyclePolicyFile, parameter), parameter));
            }
            if (hasRules) {
                return Optional.of(LifecyclePolicy.fromRules(lifecycleRules, parameterPrefix + "lifecycleRules"));
            }
            return Optional.empty();
        }

        private Optional<PolicyDocument> resolvePolicy() throws InvalidConfigurationException {
            boolean hasInline = policy != null && !policy.isBlank();
            int sources = (hasInline ? 1 : 0)
                    + (policyFile != null ? 1 : 0)
                    + (pullPolicy != null && !pullPolicy.isEmpty() ? 1 : 0);
            if (sources > 1) {
                throw new InvalidConfigurationException(
                        parameterPrefix + "policy",
                        "give the repository policy "
                                + "one way only: <pullPolicy>, <policy> or <policyFile>, not several");
            }
            if (hasInline) {
                return Optional.of(PolicyDocument.fromPom(policy, parameterPrefix + "policy", allowPublicAccess));
            }
            if (policyFile != null) {
                return Optional.of(PolicyDocument.fromPom(
                        read(policyFile, parameterPrefix + "policyFile"),
                        parameterPrefix + "policyFile",
                        allowPublicAccess));
            }
            if (pullPolicy != null) {
                return Optional.of(pullPolicy
                        .render(parameterPrefix + "pullPolicy", allowPublicAccess, region)
                        .checkSize(parameterPrefix + "pullPolicy"));
            }
            return Optional.empty();
        }

        static String read(Path file, String parameter) throws InvalidConfigurationException {
            if (!Files.isRegularFile(file)) {
                throw new InvalidConfigurationException(
                        parameter,
                        "the file " + file + " does not exist; check "
                                + "the path (relative paths are resolved against the module's directory)");
            }
            byte[] bytes;
            try {
                bytes = Files.readAllBytes(file);
            } catch (IOException e) {
                throw new InvalidConfigurationException(parameter, "cannot read " + file + ": " + e.getMessage(), e);
            }
            String text = utf8(bytes, file, parameter);
            // Some editors start a UTF-8 file with a byte-order mark; it is not part of the document.
            return text.startsWith("\uFEFF") ? text.substring(1) : text;
        }

        /** The file's bytes as UTF-8 text, or an error saying the file is not UTF-8 and where that shows. */
        private static String utf8(byte[] bytes, Path file, String parameter) throws InvalidConfigurationException {
            String notUtf8 = "the file " + file + " is not UTF-8 text, which JSON is: ";
            String fix = ". Save it as UTF-8";
            if (bytes.length >= 2
                    && ((bytes[0] == (byte) 0xFE && bytes[1] == (byte) 0xFF)
                            || (bytes[0] == (byte) 0xFF && bytes[1] == (byte) 0xFE))) {
                throw new InvalidConfigurationException(
                        parameter, notUtf8 + "it starts with the byte-order mark of UTF-16" + fix);
            }
            for (int i = 0; i < bytes.length; i++) {
                if (bytes[i] == 0) {
                    throw new InvalidConfigurationException(
                            parameter,
                            notUtf8 + "it holds zero bytes (the first at offset " + i + "), as UTF-16 text does" + fix);
                }
            }
            ByteBuffer in = ByteBuffer.wrap(bytes);
            CharBuffer out = CharBuffer.allocate(bytes.length);
            CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder();
            CoderResult result = decoder.decode(in, out, true);
            if (result.isError()) {
                throw new InvalidConfigurationException(
                        parameter,
                        notUtf8
                                + String.format(
                                        java.util.Locale.ROOT,
                                        "the byte 0x%02X at offset %d",
                                        bytes[in.position()],
                                        in.position())
                                + " is not valid UTF-8 there, as in Latin-1 or Windows-1252 text" + fix);
            }
            decoder.flush(out);
            return out.flip().toString();
        }
    }
}

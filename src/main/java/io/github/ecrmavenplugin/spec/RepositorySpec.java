package io.github.ecrmavenplugin.spec;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The desired state of one repository, as the POM declares it: validated, immutable, and built without any I/O
 * to AWS. Anything the POM leaves out is absent here, and absent means "leave ECR's value alone".
 *
 * @param name   the repository name
 * @param policy the repository policy, when the POM declares one
 */
public record RepositorySpec(String name, Optional<PolicyDocument> policy) {

    /** ECR's rule for repository names (namespaces separated by {@code /}). */
    private static final Pattern NAME =
            Pattern.compile("(?:[a-z0-9]+(?:[._-][a-z0-9]+)*/)*[a-z0-9]+(?:[._-][a-z0-9]+)*");

    public RepositorySpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(policy, "policy");
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Checks a repository name against ECR's rule, naming {@code parameter} when it fails. */
    public static String validName(String name, String parameter) throws InvalidConfigurationException {
        if (name == null || name.isBlank()) {
            throw new InvalidConfigurationException(parameter, "no repository name; set <repositoryName> "
                    + "(-Decr.repositoryName), which defaults to the project's artifactId");
        }
        if (name.length() < 2 || name.length() > 256) {
            throw new InvalidConfigurationException(parameter, "\"" + name + "\" has " + name.length()
                    + " characters; ECR repository names have 2 to 256");
        }
        if (!NAME.matcher(name).matches()) {
            throw new InvalidConfigurationException(parameter, "\"" + name + "\" is not a valid ECR repository "
                    + "name. Use lowercase letters and digits, separated by '.', '_' or '-', and '/' between "
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
        private String parameterPrefix = "";
        private PullPolicy pullPolicy;
        private String policy;
        private Path policyFile;
        private boolean allowPublicAccess;

        private Builder() {}

        /** Prefix for parameter names in errors, e.g. {@code repositories[2]/} for an entry of a list. */
        public Builder parameterPrefix(String prefix) {
            this.parameterPrefix = prefix == null ? "" : prefix;
            return this;
        }

        public Builder name(String name) {
            this.name = name;
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

        public RepositorySpec build() throws InvalidConfigurationException {
            String validName = validName(name, parameterPrefix + "repositoryName");
            return new RepositorySpec(validName, resolvePolicy());
        }

        private Optional<PolicyDocument> resolvePolicy() throws InvalidConfigurationException {
            boolean hasInline = policy != null && !policy.isBlank();
            int sources = (hasInline ? 1 : 0) + (policyFile != null ? 1 : 0)
                    + (pullPolicy != null && !pullPolicy.isEmpty() ? 1 : 0);
            if (sources > 1) {
                throw new InvalidConfigurationException(parameterPrefix + "policy", "give the repository policy "
                        + "one way only: <pullPolicy>, <policy> or <policyFile>, not several");
            }
            if (hasInline) {
                return Optional.of(PolicyDocument.fromPom(policy, parameterPrefix + "policy", allowPublicAccess));
            }
            if (policyFile != null) {
                return Optional.of(PolicyDocument.fromPom(read(policyFile, parameterPrefix + "policyFile"),
                        parameterPrefix + "policyFile", allowPublicAccess));
            }
            if (pullPolicy != null) {
                return Optional.of(pullPolicy.render(parameterPrefix + "pullPolicy", allowPublicAccess));
            }
            return Optional.empty();
        }

        static String read(Path file, String parameter) throws InvalidConfigurationException {
            if (!Files.isRegularFile(file)) {
                throw new InvalidConfigurationException(parameter, "the file " + file + " does not exist; check "
                        + "the path (relative paths are resolved against the module's directory)");
            }
            try {
                return Files.readString(file, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new InvalidConfigurationException(parameter, "cannot read " + file + ": " + e.getMessage(), e);
            }
        }
    }
}

package io.github.ecrmavenplugin.reconcile;

import io.github.ecrmavenplugin.model.LifecyclePolicy;
import io.github.ecrmavenplugin.model.PolicyDocument;
import io.github.ecrmavenplugin.model.RepositorySpec;
import io.github.ecrmavenplugin.model.TagMutability;
import io.github.ecrmavenplugin.registry.CreationTemplate;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;

/**
 * One write that brings ECR closer to the spec. Changes never delete anything the POM did not ask to delete: the
 * only removal is {@link UntagRepository}, planned only under {@code purgeTags}.
 */
public sealed interface Change {

    /** A short human description, e.g. for the plan and the build log. */
    String summary();

    /**
     * Create the repository with its creation-time settings (tag mutability, scan on push, encryption, tags): the
     * POM's, over those of the registry's creation template when the plugin follows one.
     *
     * @param spec     the settings to create it with, the template's included
     * @param template the creation template followed, if any
     */
    record CreateRepository(RepositorySpec spec, Optional<CreationTemplate> template) implements Change {
        public CreateRepository(RepositorySpec spec) {
            this(spec, Optional.empty());
        }

        @Override
        public String summary() {
            return "create repository " + spec.name();
        }
    }

    /** Replace the repository policy; {@code current} is what ECR has today, if anything. */
    record SetRepositoryPolicy(String repositoryName, PolicyDocument desired, Optional<PolicyDocument> current)
            implements Change {
        @Override
        public String summary() {
            return current.isPresent() ? "update repository policy" : "set repository policy";
        }
    }

    /** Replace the lifecycle policy; {@code current} is what ECR has today, if anything. */
    record SetLifecyclePolicy(String repositoryName, LifecyclePolicy desired, Optional<LifecyclePolicy> current)
            implements Change {
        @Override
        public String summary() {
            return current.isPresent() ? "update lifecycle policy" : "set lifecycle policy";
        }
    }

    record SetTagMutability(String repositoryName, TagMutability desired, TagMutability current) implements Change {
        @Override
        public String summary() {
            return "image tag mutability " + current + " -> " + desired;
        }
    }

    record SetScanOnPush(String repositoryName, boolean desired) implements Change {
        @Override
        public String summary() {
            return "scan on push " + (desired ? "on" : "off");
        }
    }

    /** Add or overwrite tags; {@code current} holds the old values of overwritten ones. */
    record TagRepository(String repositoryName, Map<String, String> tags, Map<String, String> current)
            implements Change {
        public TagRepository {
            tags = Map.copyOf(tags);
            current = Map.copyOf(current);
        }

        @Override
        public String summary() {
            return "tag " + String.join(", ", new java.util.TreeSet<>(tags.keySet()));
        }
    }

    /** Remove tags the POM does not declare: planned only when the POM says {@code purgeTags}. */
    record UntagRepository(String repositoryName, SortedSet<String> keys) implements Change {
        public UntagRepository {
            keys = java.util.Collections.unmodifiableSortedSet(new java.util.TreeSet<>(keys));
        }

        @Override
        public String summary() {
            return "untag " + String.join(", ", keys);
        }
    }
}

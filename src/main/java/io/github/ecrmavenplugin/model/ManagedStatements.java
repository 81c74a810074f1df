package io.github.ecrmavenplugin.model;

import io.github.ecrmavenplugin.json.Json;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The statements of a repository policy that others manage, which the plugin keeps even when the POM's policy
 * replaces the rest ({@link PolicyMode#REPLACE}): those AWS services add ({@link ServiceManagedStatements}), and
 * those the registry's creation template puts in the repositories it creates, which the platform team relies on
 * (an organisation-wide pull statement, for one). A template's statement counts as such only while it is the same
 * as in the template now, Sid and content: one changed by hand is the repository's own.
 *
 * @param template           how the build log names the template, e.g. {@code creation template "team"}; empty when
 *                           no template is known
 * @param templateStatements the statements of the template's repository policy
 */
public record ManagedStatements(Optional<String> template, List<Object> templateStatements) {

    /** Only the statements AWS services manage: no creation template is known. */
    public static final ManagedStatements SERVICES = new ManagedStatements(Optional.empty(), List.of());

    public ManagedStatements {
        templateStatements = templateStatements.stream().map(Json::canonical).toList();
    }

    /** The statements of {@code policy}, the repository policy of the creation template named {@code template}. */
    public static ManagedStatements ofTemplate(String template, PolicyDocument policy) {
        return new ManagedStatements(Optional.of(template), List.copyOf(policy.statements()));
    }

    /** Who manages the statement and why, for the build log; empty for a statement nobody else manages. */
    public Optional<String> managedBy(Map<String, Object> statement) {
        return ServiceManagedStatements.managedBy(statement)
                .or(() -> fromTemplate(statement)
                        ? template.map(t -> "the registry's " + t + " puts it in the repositories ECR creates")
                        : Optional.empty());
    }

    /** Whether the statement is one of the template's, as the template has it now. */
    public boolean fromTemplate(Map<String, Object> statement) {
        return templateStatements.contains(Json.canonical(statement));
    }
}

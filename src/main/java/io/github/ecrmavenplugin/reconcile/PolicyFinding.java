package io.github.ecrmavenplugin.reconcile;

import io.github.ecrmavenplugin.model.ManagedStatements;
import io.github.ecrmavenplugin.model.PolicyDocument;
import io.github.ecrmavenplugin.model.PolicyMode;
import io.github.ecrmavenplugin.model.PublicAccess;
import io.github.ecrmavenplugin.model.RepositorySpec;
import io.github.ecrmavenplugin.model.ServiceManagedStatements;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What the plugin has to say about the repository policy it is about to hold: a statement it keeps from ECR, a
 * public statement, a service principal open to the confused-deputy problem.
 *
 * @param kind      what was found
 * @param statement the statement as the build log names it (its Sid, or its position)
 * @param message   the finding in words, with what to do about it
 * @param keptFor   for a {@link Kind#KEPT} statement, why in a few words for the plan's diff, e.g.
 *                  {@code an AWS service manages it}; empty otherwise
 */
public record PolicyFinding(Kind kind, String statement, String message, String keptFor) {

    public PolicyFinding(Kind kind, String statement, String message) {
        this(kind, statement, message, "");
    }

    public enum Kind {
        /** A statement AWS services or the registry's creation template manage, kept in {@code replace} mode. */
        KEPT,
        /** A statement that grants access to everyone ({@link PublicAccess}). */
        PUBLIC,
        /** A service principal without a condition on the source account, ARN or organization. */
        CONFUSED_DEPUTY
    }

    /** Keys that tie a service's request to the customer it acts for (the confused-deputy fix). */
    private static final Set<String> SOURCE_KEYS = Set.of("aws:sourceaccount", "aws:sourcearn", "aws:sourceorgid");

    /**
     * Reviews the policy that will be in ECR after this build ({@code desired}), against what ECR has now.
     */
    static List<PolicyFinding> review(RepositorySpec spec, Optional<PolicyDocument> current, PolicyDocument desired) {
        return review(spec, current, desired, ManagedStatements.SERVICES, "the policy in ECR");
    }

    /**
     * Reviews the policy that will be in ECR after this build ({@code desired}), written over {@code current}: what
     * ECR has now, or for a new repository, the policy of the creation template the plugin follows.
     *
     * @param managed the statements others manage, kept in replace mode
     * @param source  how the build log names {@code current}, e.g. {@code the policy in ECR}
     */
    static List<PolicyFinding> review(
            RepositorySpec spec,
            Optional<PolicyDocument> current,
            PolicyDocument desired,
            ManagedStatements managed,
            String source) {
        List<PolicyFinding> findings = new ArrayList<>();
        PolicyDocument own = spec.policy().orElseThrow();
        List<Map<String, Object>> kept = own.keptFrom(current, spec.policyMode(), managed);
        if (spec.policyMode() == PolicyMode.REPLACE) {
            for (Map<String, Object> statement : kept) {
                String name = nameIn(statement, current.orElseThrow());
                boolean template = ServiceManagedStatements.managedBy(statement).isEmpty();
                findings.add(new PolicyFinding(
                        Kind.KEPT,
                        name,
                        "kept " + name + " of " + source + ": "
                                + (template
                                        ? "policyMode replace keeps the statements the registry's "
                                                + managed.template().orElseThrow() + " puts in new repositories"
                                        : managed.managedBy(statement).orElseThrow()
                                                + ", and policyMode replace keeps statements AWS services manage")
                                + " (a POM statement with the same Sid would own it)",
                        template
                                ? "the registry's " + managed.template().orElseThrow() + " put it there"
                                : "an AWS service manages it"));
            }
        }
        findings.addAll(publicStatements(kept, current, source));
        List<Map<String, Object>> statements = own.statements();
        for (int i = 0; i < statements.size(); i++) {
            Map<String, Object> statement = statements.get(i);
            Optional<String> service = unboundService(statement);
            if (service.isPresent()) {
                String name = PolicyDocument.name(statement, i);
                findings.add(new PolicyFinding(
                        Kind.CONFUSED_DEPUTY,
                        name,
                        name + " of the POM's policy allows "
                                + "the service principal " + service.get() + " with no condition on aws:SourceAccount, "
                                + "aws:SourceArn or aws:SourceOrgID: the service could pull on behalf of any AWS customer "
                                + "(the confused-deputy problem). Add a condition naming your accounts or resources, e.g. "
                                + "\"StringLike\": {\"aws:SourceArn\": \"arn:aws:lambda:<region>:<account>:function:*\"}, "
                                + "or for Lambda use <pullPolicy><lambdaAccounts>"));
            }
        }
        return findings;
    }

    /**
     * Reviews the policy of the creation template that the plugin writes as it is to a new repository (the POM
     * declares none): its public statements go through the same guard as the POM's.
     *
     * @param source how the build log names the template's policy, e.g. {@code the policy of creation template "team"}
     */
    static List<PolicyFinding> reviewTemplatePolicy(PolicyDocument policy, String source) {
        return publicStatements(policy.statements(), Optional.of(policy), source);
    }

    /** The public statements among those kept from {@code current}, named where the user will look for them. */
    private static List<PolicyFinding> publicStatements(
            List<Map<String, Object>> kept, Optional<PolicyDocument> current, String source) {
        List<PolicyFinding> findings = new ArrayList<>();
        for (Map<String, Object> statement : kept) {
            PublicAccess.Verdict verdict = PublicAccess.judge(statement);
            if (verdict.isPublic()) {
                String name = nameIn(statement, current.orElseThrow());
                findings.add(new PolicyFinding(
                        Kind.PUBLIC,
                        name,
                        name + " of " + source + ", which the plugin "
                                + "keeps, is public: " + verdict.reason() + ". Either set <allowPublicAccess>true"
                                + "</allowPublicAccess> (-Decr.allowPublicAccess) if the repository is meant to be public, "
                                + "or remove or narrow that statement in ECR (or declare a statement with its Sid in the "
                                + "POM, which then owns and replaces it)"));
            }
        }
        return findings;
    }

    /** The first service principal of an Allow statement that no source condition binds to a customer. */
    private static Optional<String> unboundService(Map<String, Object> statement) {
        if (!"Allow".equals(statement.get("Effect"))
                || !(statement.get("Principal") instanceof Map<?, ?> principal)
                || principal.get("Service") == null) {
            return Optional.empty();
        }
        if (statement.get("Condition") instanceof Map<?, ?> condition) {
            for (Object keys : condition.values()) {
                if (keys instanceof Map<?, ?> map
                        && map.keySet().stream()
                                .anyMatch(k ->
                                        SOURCE_KEYS.contains(String.valueOf(k).toLowerCase(Locale.ROOT)))) {
                    return Optional.empty();
                }
            }
        }
        Object service = principal.get("Service");
        return Optional.of(service instanceof List<?> list ? String.valueOf(list.get(0)) : String.valueOf(service));
    }

    /** A kept statement's name, by its position in the policy ECR holds, where the user will look for it. */
    private static String nameIn(Map<String, Object> statement, PolicyDocument current) {
        return PolicyDocument.name(statement, current.statements().indexOf(statement));
    }
}

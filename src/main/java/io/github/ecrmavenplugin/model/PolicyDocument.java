package io.github.ecrmavenplugin.model;

import io.github.ecrmavenplugin.json.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * An ECR repository policy: an IAM resource policy without {@code Resource}, since it applies to the repository
 * it is attached to. Two documents are equal when they mean the same: ECR hands back its own re-formatting of what
 * was sent, so comparing text would see drift on every build.
 */
public final class PolicyDocument extends JsonDocument {

    /** ECR's limit on {@code policyText}. */
    static final int MAX_LENGTH = 10_240;

    private static final Set<String> VERSIONS = Set.of("2012-10-17", "2008-10-17");
    private static final Pattern ACTION = Pattern.compile("ecr:[A-Za-z*?]+|\\*");

    private PolicyDocument(Map<String, Object> document, List<String> warnings) {
        super(document, warnings);
    }

    /**
     * Validates a policy from the POM: JSON, a known {@code Version}, statements with {@code Effect}, a principal
     * and ECR actions, no {@code Resource}, and no public principal unless {@code allowPublicAccess} says so.
     *
     * @param parameter the POM parameter the text came from, named in every error
     */
    public static PolicyDocument fromPom(String text, String parameter, boolean allowPublicAccess)
            throws InvalidConfigurationException {
        Map<String, Object> document = pomObject(
                text,
                parameter,
                "the policy",
                "give a JSON policy document",
                "a policy must be a JSON object with \"Version\" and \"Statement\"");
        List<String> warnings = new ArrayList<>();
        validate(document, parameter, allowPublicAccess, warnings);
        return new PolicyDocument(document, warnings).checkSize(parameter);
    }

    /**
     * Checks ECR's size limit on what is sent: the compact JSON, not the text as written (a pretty-printed file of
     * 150 principals has twice the characters of what goes over the wire).
     *
     * @param parameter named in the error, e.g. {@code policyFile}, or {@code pullPolicy} for a rendered policy
     */
    public PolicyDocument checkSize(String parameter) throws InvalidConfigurationException {
        int length = toJson().length();
        if (length > MAX_LENGTH) {
            throw new InvalidConfigurationException(
                    parameter,
                    "the policy has " + length + " characters as "
                            + "compact JSON, the form sent to ECR; ECR accepts at most " + MAX_LENGTH
                            + ". Merge statements "
                            + "or use wildcards");
        }
        return this;
    }

    /**
     * Reads a policy as ECR returns it. No validation: whatever is in ECR today is a fact to compare against,
     * not an input to reject.
     *
     * @return empty when the text is not a JSON object, so a broken remote policy simply counts as different
     */
    public static Optional<PolicyDocument> fromRegistry(String text) {
        return registryObject(text).map(document -> new PolicyDocument(document, List.of()));
    }

    static PolicyDocument of(Map<String, Object> document) {
        return new PolicyDocument(document, List.of());
    }

    private static void validate(
            Map<String, Object> document, String parameter, boolean allowPublicAccess, List<String> warnings)
            throws InvalidConfigurationException {
        Object version = document.get("Version");
        if (!(version instanceof String v && VERSIONS.contains(v))) {
            throw new InvalidConfigurationException(
                    parameter,
                    "\"Version\" must be \"2012-10-17\" (or the older " + "\"2008-10-17\"), found "
                            + (version == null ? "none" : Json.write(version)));
        }
        for (String key : document.keySet()) {
            if (!Set.of("Version", "Statement", "Id").contains(key)) {
                throw new InvalidConfigurationException(
                        parameter,
                        "unknown top-level element \"" + key
                                + "\"; a policy has only \"Version\", \"Id\" and \"Statement\"");
            }
        }
        List<Map<String, Object>> statements = statements(document, parameter);
        for (int i = 0; i < statements.size(); i++) {
            validateStatement(statements.get(i), parameter, "statement " + (i + 1), allowPublicAccess, warnings);
        }
    }

    private static List<Map<String, Object>> statements(Map<String, Object> document, String parameter)
            throws InvalidConfigurationException {
        Object statement = document.get("Statement");
        List<?> raw = statement instanceof List<?> list ? list : statement == null ? List.of() : List.of(statement);
        if (raw.isEmpty()) {
            throw new InvalidConfigurationException(parameter, "the policy has no \"Statement\"; add at least one");
        }
        List<Map<String, Object>> statements = new ArrayList<>();
        for (Object s : raw) {
            if (!(s instanceof Map<?, ?>)) {
                throw new InvalidConfigurationException(parameter, "every \"Statement\" must be a JSON object");
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> map = (Map<String, Object>) s;
            statements.add(map);
        }
        return statements;
    }

    private static void validateStatement(
            Map<String, Object> statement,
            String parameter,
            String where,
            boolean allowPublicAccess,
            List<String> warnings)
            throws InvalidConfigurationException {
        String name = statement.get("Sid") instanceof String sid ? "statement \"" + sid + "\"" : where;
        if (statement.containsKey("Resource") || statement.containsKey("NotResource")) {
            throw new InvalidConfigurationException(
                    parameter,
                    name + " has a \"Resource\" element, which ECR "
                            + "rejects in a repository policy (\"Invalid repository policy provided\"). Remove it: a "
                            + "repository policy always applies to the repository it is attached to");
        }
        Object effect = statement.get("Effect");
        if (!"Allow".equals(effect) && !"Deny".equals(effect)) {
            throw new InvalidConfigurationException(parameter, name + " needs \"Effect\": \"Allow\" or \"Deny\"");
        }
        if (!statement.containsKey("Principal") && !statement.containsKey("NotPrincipal")) {
            throw new InvalidConfigurationException(
                    parameter,
                    name + " has no \"Principal\"; a repository policy "
                            + "must say who it applies to, e.g. {\"AWS\": \"arn:aws:iam::123456789012:root\"}");
        }
        Object actions = statement.containsKey("Action") ? statement.get("Action") : statement.get("NotAction");
        if (actions == null) {
            throw new InvalidConfigurationException(
                    parameter,
                    name + " has no \"Action\"; list the ECR actions "
                            + "it allows or denies, e.g. \"ecr:BatchGetImage\"");
        }
        for (Object action : actions instanceof List<?> list ? list : List.of(actions)) {
            checkAction(action, parameter, name, warnings);
        }
        PublicAccess.Verdict verdict = PublicAccess.judge(statement);
        if (verdict.isPublic() && !allowPublicAccess) {
            throw new InvalidConfigurationException(
                    parameter,
                    name + " is public: " + verdict.reason()
                            + ". Every AWS account in the world could use this repository. If that is intended, set "
                            + "<allowPublicAccess>true</allowPublicAccess> (-Decr.allowPublicAccess); otherwise name the "
                            + "accounts, roles or organizations that may pull, or pin aws:PrincipalOrgID or "
                            + "aws:PrincipalAccount in a condition");
        }
    }

    /**
     * An action must be a string (certain); an ECR action that is a near miss of a known one fails with a
     * suggestion; anything else unknown is sent with a warning, since ECR and IAM grow faster than the SDK.
     */
    private static void checkAction(Object action, String parameter, String name, List<String> warnings)
            throws InvalidConfigurationException {
        if (!(action instanceof String a) || a.isBlank()) {
            throw new InvalidConfigurationException(
                    parameter,
                    name + " has the action " + Json.write(action)
                            + ", which is not an action; repository policies take actions like \"ecr:BatchGetImage\"");
        }
        if (!ACTION.matcher(a).matches()) {
            warnings.add("<" + parameter + ">: " + name + " has the action \"" + a + "\", which is not an ECR "
                    + "action; a repository policy grants ECR actions such as \"ecr:BatchGetImage\", so ECR may "
                    + "refuse it or it may grant nothing");
            return;
        }
        switch (EcrActions.check(a)) {
            case NEAR_MISS ->
                throw new InvalidConfigurationException(
                        parameter, name + " has the unknown action \"" + a + "\"; " + EcrActions.suggestion(a));
            case UNKNOWN ->
                warnings.add("<" + parameter + ">: " + name + " has the action \"" + a + "\", which "
                        + "the bundled AWS SDK does not know; it is sent as written (ECR reports it if it is wrong)");
            case KNOWN -> {}
        }
    }

    /** The statements, a single statement object counting as a list of one. */
    public List<Map<String, Object>> statements() {
        Object statement = document().get("Statement");
        List<?> raw = statement instanceof List<?> list ? list : statement == null ? List.of() : List.of(statement);
        List<Map<String, Object>> statements = new ArrayList<>();
        for (Object s : raw) {
            if (s instanceof Map<?, ?>) {
                @SuppressWarnings("unchecked")
                Map<String, Object> map = (Map<String, Object>) s;
                statements.add(map);
            }
        }
        return statements;
    }

    /** A statement's {@code Sid}, or empty when it has none. */
    public static Optional<String> sid(Map<String, Object> statement) {
        return statement.get("Sid") instanceof String sid && !sid.isEmpty() ? Optional.of(sid) : Optional.empty();
    }

    /** As {@link #keptFrom(Optional, PolicyMode, ManagedStatements)}, keeping in replace mode what services manage. */
    public List<Map<String, Object>> keptFrom(Optional<PolicyDocument> current, PolicyMode mode) {
        return keptFrom(current, mode, ManagedStatements.SERVICES);
    }

    /**
     * The statements of {@code current} that writing this policy in {@code mode} keeps: for
     * {@link PolicyMode#MERGE} every statement whose Sid this policy does not declare (someone else's), for
     * {@link PolicyMode#REPLACE} only those others manage ({@code managed}: AWS services, the registry's creation
     * template). A statement this policy declares by Sid is this policy's, whatever the mode.
     */
    public List<Map<String, Object>> keptFrom(
            Optional<PolicyDocument> current, PolicyMode mode, ManagedStatements managed) {
        if (current.isEmpty()) {
            return List.of();
        }
        Set<String> own = new java.util.HashSet<>();
        statements().forEach(s -> sid(s).ifPresent(own::add));
        List<Map<String, Object>> kept = new ArrayList<>();
        for (Map<String, Object> statement : current.get().statements()) {
            boolean owned = sid(statement).filter(own::contains).isPresent();
            boolean keep =
                    mode == PolicyMode.MERGE || managed.managedBy(statement).isPresent();
            if (!owned && keep) {
                kept.add(statement);
            }
        }
        return kept;
    }

    /** As {@link #writtenOver(Optional, PolicyMode, ManagedStatements)}, keeping in replace mode what services manage. */
    public PolicyDocument writtenOver(Optional<PolicyDocument> current, PolicyMode mode) {
        return writtenOver(current, mode, ManagedStatements.SERVICES);
    }

    /**
     * The whole policy that writing this one in {@code mode} puts in ECR: the statements it keeps from
     * {@code current} ({@link #keptFrom}), followed by this policy's statements.
     */
    public PolicyDocument writtenOver(Optional<PolicyDocument> current, PolicyMode mode, ManagedStatements managed) {
        List<Map<String, Object>> kept = keptFrom(current, mode, managed);
        if (kept.isEmpty()) {
            return this;
        }
        List<Object> statements = new ArrayList<>(kept);
        statements.addAll(statements());
        Map<String, Object> document = new java.util.LinkedHashMap<>(document());
        document.put("Statement", statements);
        return new PolicyDocument(java.util.Collections.unmodifiableMap(document), List.of());
    }

    /** How the build log names a statement: its Sid, else its position (1-based) in the policy. */
    public static String name(Map<String, Object> statement, int index) {
        return sid(statement).map(sid -> "statement \"" + sid + "\"").orElse("statement " + (index + 1));
    }

    /**
     * Checks that every statement has a Sid, which {@link PolicyMode#MERGE} needs to tell its own statements from
     * others' ones; names {@code parameter} otherwise.
     */
    public void requireSids(String parameter, String modeParameter) throws InvalidConfigurationException {
        Set<String> seen = new java.util.HashSet<>();
        List<Map<String, Object>> statements = statements();
        for (int i = 0; i < statements.size(); i++) {
            Optional<String> sid = sid(statements.get(i));
            if (sid.isEmpty()) {
                throw new InvalidConfigurationException(
                        parameter,
                        "statement " + (i + 1) + " has no \"Sid\"; <"
                                + modeParameter + ">merge</" + modeParameter + "> tells the plugin's statements from "
                                + "others' by Sid. Give every statement a unique \"Sid\"");
            }
            if (!seen.add(sid.get())) {
                throw new InvalidConfigurationException(
                        parameter,
                        "the Sid \"" + sid.get() + "\" is used twice; " + "give every statement a unique \"Sid\"");
            }
        }
    }
}

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

    /** The elements of a statement in IAM's policy grammar ("Grammar of the IAM JSON policy language"). */
    private static final List<String> STATEMENT_ELEMENTS = List.of(
            "Sid",
            "Effect",
            "Principal",
            "NotPrincipal",
            "Action",
            "NotAction",
            "Resource",
            "NotResource",
            "Condition");

    /** A principal ARN of IAM or STS, whose fifth field is the account: {@code arn:aws:iam::123456789012:role/ci}. */
    private static final Pattern IAM_ARN = Pattern.compile("arn:[^:]*:(iam|sts)::([^:]*):(.*)");

    private static final Pattern DIGITS = Pattern.compile("\\d+");
    private static final Pattern ACCOUNT_ID = Pattern.compile("\\d{12}");

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
        Set<String> sids = new java.util.HashSet<>();
        for (int i = 0; i < statements.size(); i++) {
            validateStatement(statements.get(i), parameter, "statement " + (i + 1), allowPublicAccess, warnings);
            // ECR accepts a Sid used twice (unlike IAM's own policies), so it is worth a warning only.
            sid(statements.get(i))
                    .filter(sid -> !sids.add(sid))
                    .ifPresent(sid -> warnings.add("<" + parameter + ">: the Sid \"" + sid + "\" is used by more "
                            + "than one statement. ECR accepts it, but policyMode merge and other tools tell "
                            + "statements apart by Sid; give each statement its own"));
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
        checkElements(statement, parameter, name);
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
        String principalElement = statement.containsKey("Principal") ? "Principal" : "NotPrincipal";
        checkPrincipal(statement.get(principalElement), parameter, name + "'s \"" + principalElement + "\"");
        Object actions = statement.containsKey("Action") ? statement.get("Action") : statement.get("NotAction");
        if (actions == null || (actions instanceof List<?> none && none.isEmpty())) {
            throw new InvalidConfigurationException(
                    parameter,
                    name + " has no \"Action\"; list the ECR actions "
                            + "it allows or denies, e.g. \"ecr:BatchGetImage\"");
        }
        for (Object action : actions instanceof List<?> list ? list : List.of(actions)) {
            checkAction(action, parameter, name, warnings);
        }
        checkCondition(statement, parameter, name);
        checkAddresses(statement.get("Condition"), parameter, name);
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
     * The elements IAM's policy grammar allows, each pair of alternatives once: ECR refuses a statement with
     * another element, or with both {@code Principal} and {@code NotPrincipal}, or {@code Action} and
     * {@code NotAction}.
     */
    private static void checkElements(Map<String, Object> statement, String parameter, String name)
            throws InvalidConfigurationException {
        for (String key : statement.keySet()) {
            if (!STATEMENT_ELEMENTS.contains(key)) {
                String closest = STATEMENT_ELEMENTS.stream()
                        .min(java.util.Comparator.comparingInt(e -> EcrActions.distance(
                                e.toLowerCase(java.util.Locale.ROOT), key.toLowerCase(java.util.Locale.ROOT))))
                        .orElseThrow();
                throw new InvalidConfigurationException(
                        parameter,
                        name + " has the element \"" + key + "\", which a policy statement does not have (did you "
                                + "mean \"" + closest + "\"?). A statement has only "
                                + String.join(", ", STATEMENT_ELEMENTS)
                                + ", as IAM's policy grammar says; ECR refuses any other");
            }
        }
        for (String[] pair : new String[][] {{"Principal", "NotPrincipal"}, {"Action", "NotAction"}}) {
            if (statement.containsKey(pair[0]) && statement.containsKey(pair[1])) {
                throw new InvalidConfigurationException(
                        parameter,
                        name + " has both \"" + pair[0] + "\" and \"" + pair[1] + "\"; a statement has one of them. "
                                + "Keep the one you mean");
            }
        }
    }

    /**
     * A principal is {@code "*"} or an object of principal types, each naming one or more principals (IAM's
     * policy grammar). ECR refuses a list, an empty object, an account ID that is not 12 digits, and an IAM group,
     * which IAM cannot name as a principal ("groups relate to permissions, not authentication").
     */
    private static void checkPrincipal(Object principal, String parameter, String what)
            throws InvalidConfigurationException {
        String example =
                "write \"*\" for everyone, or an object such as {\"AWS\": [\"arn:aws:iam::123456789012:root\"]}";
        if ("*".equals(principal)) {
            return;
        }
        if (!(principal instanceof Map<?, ?> types) || types.isEmpty()) {
            throw new InvalidConfigurationException(
                    parameter, what + " is " + Json.write(principal) + ", which is no principal; " + example);
        }
        for (Map.Entry<?, ?> type : types.entrySet()) {
            Object names = type.getValue();
            List<?> list = names instanceof List<?> l ? l : java.util.Collections.singletonList(names);
            if (list.isEmpty() || !list.stream().allMatch(n -> n instanceof String s && !s.isEmpty())) {
                throw new InvalidConfigurationException(
                        parameter,
                        what + " names " + Json.write(names) + " under \"" + type.getKey() + "\", which is no "
                                + "principal; give a string or a list of strings");
            }
            if ("AWS".equals(type.getKey())) {
                for (Object name : list) {
                    checkAwsPrincipal((String) name, parameter, what);
                }
            }
        }
    }

    private static void checkAwsPrincipal(String principal, String parameter, String what)
            throws InvalidConfigurationException {
        java.util.regex.Matcher arn = IAM_ARN.matcher(principal);
        String account = DIGITS.matcher(principal).matches() ? principal : arn.matches() ? arn.group(2) : null;
        if (account != null
                && !account.contains("*")
                && !ACCOUNT_ID.matcher(account).matches()) {
            throw new InvalidConfigurationException(
                    parameter,
                    what + " names \"" + principal + "\", whose account ID \"" + account + "\" is not 12 digits; "
                            + "an AWS account ID is exactly 12 digits, e.g. 123456789012");
        }
        if (arn.matches() && arn.group(1).equals("iam") && arn.group(3).startsWith("group/")) {
            throw new InvalidConfigurationException(
                    parameter,
                    what + " names the IAM group \"" + principal + "\"; a policy cannot name a group as a principal "
                            + "(IAM: groups relate to permissions, not authentication). Name the group's users or a "
                            + "role they assume, or grant the group ECR's actions in an IAM policy of its own");
        }
    }

    /** A condition is an object of operators, each an object of keys (IAM's policy grammar). */
    private static void checkCondition(Map<String, Object> statement, String parameter, String name)
            throws InvalidConfigurationException {
        if (!statement.containsKey("Condition")) {
            return;
        }
        Object condition = statement.get("Condition");
        if (!(condition instanceof Map<?, ?> operators)) {
            throw new InvalidConfigurationException(
                    parameter,
                    name + " has the \"Condition\" " + Json.write(condition) + ", which is not an object; write "
                            + "one such as {\"StringEquals\": {\"aws:PrincipalOrgID\": \"o-a1b2c3d4e5\"}}");
        }
        for (Map.Entry<?, ?> operator : operators.entrySet()) {
            if (!(operator.getValue() instanceof Map<?, ?>)) {
                throw new InvalidConfigurationException(
                        parameter,
                        name + "'s condition \"" + operator.getKey() + "\" is " + Json.write(operator.getValue())
                                + ", which is not an object of condition keys; write e.g. {\"" + operator.getKey()
                                + "\": {\"aws:PrincipalOrgID\": \"o-a1b2c3d4e5\"}}");
            }
        }
    }

    /**
     * The values of IAM's IP address operators ({@code IpAddress}, {@code NotIpAddress}, with their qualifiers) must
     * be addresses or CIDR ranges: a value IAM cannot read as one (a trailing space, a prefix such as {@code /00})
     * would make the public-access guard guess at what the condition limits.
     */
    private static void checkAddresses(Object condition, String parameter, String name)
            throws InvalidConfigurationException {
        if (!(condition instanceof Map<?, ?> operators)) {
            return;
        }
        for (Map.Entry<?, ?> operator : operators.entrySet()) {
            if (!isAddressOperator(String.valueOf(operator.getKey()))
                    || !(operator.getValue() instanceof Map<?, ?> keys)) {
                continue;
            }
            for (Map.Entry<?, ?> key : keys.entrySet()) {
                Object values = key.getValue();
                for (Object value :
                        values instanceof List<?> list ? list : java.util.Collections.singletonList(values)) {
                    if (!(value instanceof String s) || IpRange.parse(s).isEmpty()) {
                        throw new InvalidConfigurationException(
                                parameter,
                                name + " compares " + key.getKey() + " under " + operator.getKey() + " with "
                                        + Json.write(value) + ", which is not an IP address or CIDR range. Write "
                                        + "one like \"203.0.113.0/24\" or \"2001:db8::/32\", with no spaces and "
                                        + "a prefix length of 0 to 32 (IPv4) or 0 to 128 (IPv6)");
                    }
                }
            }
        }
    }

    /** {@code IpAddress} or {@code NotIpAddress}, with an optional {@code ForAnyValue:}/{@code ForAllValues:} or {@code IfExists}. */
    private static boolean isAddressOperator(String operator) {
        String base = operator.replaceFirst("(?i)^For(Any|All)Values?:", "").replaceFirst("(?i)IfExists$", "");
        return base.equalsIgnoreCase("IpAddress") || base.equalsIgnoreCase("NotIpAddress");
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

    /**
     * The first statement that certainly stops the build from changing the policy again, described: a {@code Deny}
     * whose actions cover {@code ecr:SetRepositoryPolicy} (by name, through a wildcard such as {@code ecr:*} or
     * {@code ecr:Set*}, or through {@code NotAction}), with no condition that limits it, to everyone or to
     * {@code account}, the account the POM names for the registry. ECR's {@code SetRepositoryPolicy} refuses a
     * policy "that would prevent you from setting another policy in the future" unless told to force it. Before any
     * call the plugin knows no other account the build may run as: a Deny to another one is for ECR to judge
     * ({@link #possibleLockOut}).
     *
     * @param account the registry's account ID when the POM gives it ({@code registryId}), else empty
     */
    public Optional<String> lockOut(Optional<String> account) {
        List<Map<String, Object>> statements = statements();
        for (int i = 0; i < statements.size(); i++) {
            Map<String, Object> statement = statements.get(i);
            if (deniesSettingThePolicy(statement)) {
                Optional<String> whom = everyoneOrTheAccount(statement.get("Principal"), account);
                if (whom.isPresent()) {
                    return Optional.of(name(statement, i) + " denies ecr:SetRepositoryPolicy to " + whom.get());
                }
            }
        }
        return Optional.empty();
    }

    /**
     * The first statement that stops some principals from changing the policy again, which ECR refuses unless
     * forced when the build is one of them: a Deny as in {@link #lockOut} to named principals (an account, a role, a
     * user), to everyone but those {@code NotPrincipal} names, or to everyone (a statement kept from ECR in
     * {@code merge} mode is not checked before the call). Whether the build is one of them is known to ECR only; the
     * plugin names the statement when ECR refuses the policy.
     */
    public Optional<String> possibleLockOut() {
        List<Map<String, Object>> statements = statements();
        for (int i = 0; i < statements.size(); i++) {
            Map<String, Object> statement = statements.get(i);
            if (!deniesSettingThePolicy(statement)) {
                continue;
            }
            if (statement.containsKey("NotPrincipal")) {
                return Optional.of(name(statement, i) + " denies ecr:SetRepositoryPolicy to everyone but "
                        + Json.write(statement.get("NotPrincipal")));
            }
            if ("*".equals(statement.get("Principal"))) {
                return Optional.of(name(statement, i) + " denies ecr:SetRepositoryPolicy to everyone (\"*\")");
            }
            if (statement.get("Principal") instanceof Map<?, ?> types && types.containsKey("AWS")) {
                return Optional.of(name(statement, i) + " denies ecr:SetRepositoryPolicy to "
                        + String.join(
                                ", ",
                                asList(types.get("AWS")).stream()
                                        .map(String::valueOf)
                                        .toList()));
            }
        }
        return Optional.empty();
    }

    /**
     * A {@code Deny} covering {@code ecr:SetRepositoryPolicy} that no condition limits: a {@code Condition} without
     * a single key (such as {@code {}} or {@code {"StringEquals": {}}}) limits nothing.
     */
    private static boolean deniesSettingThePolicy(Map<String, Object> statement) {
        return "Deny".equals(statement.get("Effect"))
                && !hasConditionKey(statement.get("Condition"))
                && coversSetRepositoryPolicy(statement);
    }

    private static boolean hasConditionKey(Object condition) {
        return condition instanceof Map<?, ?> operators
                && operators.values().stream().anyMatch(keys -> keys instanceof Map<?, ?> map && !map.isEmpty());
    }

    private static boolean coversSetRepositoryPolicy(Map<String, Object> statement) {
        boolean listed =
                asList(statement.containsKey("Action") ? statement.get("Action") : statement.get("NotAction")).stream()
                        .anyMatch(
                                a -> a instanceof String pattern && matchesAction(pattern, "ecr:SetRepositoryPolicy"));
        return statement.containsKey("Action") == listed;
    }

    /** IAM's action matching: case-insensitive, {@code *} any run of characters, {@code ?} any one. */
    private static boolean matchesAction(String pattern, String action) {
        StringBuilder regex = new StringBuilder();
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            regex.append(c == '*' ? ".*" : c == '?' ? "." : Pattern.quote(String.valueOf(c)));
        }
        return Pattern.compile(regex.toString(), Pattern.CASE_INSENSITIVE)
                .matcher(action)
                .matches();
    }

    /** {@code "everyone"}, or the registry's account, when the principal is one of them. */
    private static Optional<String> everyoneOrTheAccount(Object principal, Optional<String> account) {
        if ("*".equals(principal)) {
            return Optional.of("everyone (\"*\"): once ECR holds it, nobody can change the policy again, this build "
                    + "included");
        }
        if (!(principal instanceof Map<?, ?> types)) {
            return Optional.empty();
        }
        for (Object name : asList(types.get("AWS"))) {
            if ("*".equals(name)) {
                return Optional.of("everyone ({\"AWS\": \"*\"}): once ECR holds it, nobody can change the policy "
                        + "again, this build included");
            }
            java.util.regex.Matcher root =
                    Pattern.compile("arn:[^:]+:iam::(\\d{12}):root").matcher(String.valueOf(name));
            String named = root.matches() ? root.group(1) : String.valueOf(name);
            if (account.isPresent() && account.get().equals(named)) {
                return Optional.of("the whole account " + named + ", the registry's (<registryId>): once ECR holds "
                        + "it, no one in that account can change the policy again");
            }
        }
        return Optional.empty();
    }

    private static List<?> asList(Object value) {
        return value instanceof List<?> list ? list : value == null ? List.of() : List.of(value);
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

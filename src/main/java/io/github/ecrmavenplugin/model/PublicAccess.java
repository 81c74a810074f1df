package io.github.ecrmavenplugin.model;

import io.github.ecrmavenplugin.json.Json;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * When a statement of a repository policy grants public access, by AWS's own definition rather than one of ours.
 *
 * <p>Sources: the Amazon S3 User Guide, "Blocking public access to your Amazon S3 storage", section "The meaning of
 * public" (a policy is non-public only if it grants access to fixed values, i.e. values without a wildcard or a
 * policy variable, of a principal or of the keys listed there), and the IAM User Guide, "IAM Access Analyzer filter
 * keys" (the {@code condition.aws:*} keys Access Analyzer reports as what narrows an external or public grant).
 * {@link #PINNING_KEYS} is the union of both lists.
 *
 * <p>An {@code Allow} statement is public when its principal is {@code *}, {@code {"AWS": "*"}} or holds a wildcard
 * (e.g. {@code arn:aws:iam::*:root}), or when it uses {@code NotPrincipal} (everyone but a few), unless a condition
 * pins one of {@link #PINNING_KEYS} to fixed values with a positive operator. A condition on another key
 * ({@code aws:SecureTransport}, {@code aws:CurrentTime}, ...) narrows how, not who: the statement stays public. An
 * {@code ...IfExists} operator matches when the key is absent, and negated operators match everyone else: neither
 * pins anything. {@code Deny} statements never grant access.
 *
 * <p>Where from: S3 counts a policy that "limits access to a set of CIDRs using {@code aws:SourceIp}" as non-public,
 * with a note in the same section: "Bucket policies that grant access conditioned on the aws:SourceIp condition key
 * with very broad IP ranges (for example, 0.0.0.0/1) are evaluated as public. This includes values broader than /8
 * for IPv4 and /32 for IPv6". So {@code aws:SourceIp} pins a statement only under {@code IpAddress} (the operator
 * that compares addresses; {@code StringEquals} on an address compares text), and only when every value is an
 * address or CIDR range ({@link IpRange}) no broader than /8 (IPv4) or /32 (IPv6) and the ranges together leave
 * part of each family out: {@code 0.0.0.0/1} and {@code 128.0.0.0/1} are all of IPv4 in two halves. ECR's
 * dual-stack endpoints make IPv6 ranges count as much as IPv4 ones, and an IPv6 range that holds the IPv4-mapped
 * block {@code ::ffff:0:0/96} ({@code ::/80}, {@code ::ffff:0:0/95}) holds all of IPv4. An address without a prefix
 * is the /32 IAM reads it as ({@link IpRange}).
 */
public final class PublicAccess {

    /**
     * Condition keys that say who calls or from where, so that fixed values of them make a wildcard principal
     * non-public. S3's list (principal keys such as {@code aws:PrincipalOrgID}, {@code aws:SourceIp},
     * {@code aws:SourceArn}, {@code aws:SourceVpc}, {@code aws:SourceVpce}, {@code aws:SourceOwner},
     * {@code aws:SourceAccount}, {@code aws:userid}) joined with Access Analyzer's condition filter keys
     * ({@code aws:PrincipalArn}, {@code aws:PrincipalOrgID}, {@code aws:PrincipalOrgPaths},
     * {@code aws:PrincipalAccount}, {@code aws:SourceOrgID}, {@code aws:SourceOrgPaths}, ...). Lower case: condition
     * keys are case-insensitive.
     */
    public static final Set<String> PINNING_KEYS = Set.of(
            "aws:principalaccount",
            "aws:principalarn",
            "aws:principalorgid",
            "aws:principalorgpaths",
            "aws:sourceaccount",
            "aws:sourcearn",
            "aws:sourceorgid",
            "aws:sourceorgpaths",
            "aws:sourceowner",
            "aws:sourcevpc",
            "aws:sourcevpce",
            "aws:sourceip",
            "aws:userid");

    /**
     * Operators that match only the listed values (with an optional set qualifier {@code ForAnyValue:}), for every
     * pinning key but {@code aws:SourceIp}, which only {@link #SOURCE_IP_OPERATOR} pins.
     */
    private static final Set<String> PINNING_OPERATORS =
            Set.of("stringequals", "stringequalsignorecase", "stringlike", "arnequals", "arnlike");

    private static final String SOURCE_IP = "aws:sourceip";
    private static final String SOURCE_IP_OPERATOR = "ipaddress";

    private PublicAccess() {}

    /**
     * The verdict on one statement.
     *
     * @param isPublic whether the statement grants access to anyone
     * @param reason   why, in words for the build log
     */
    public record Verdict(boolean isPublic, String reason) {}

    /** Judges one statement of a repository policy. */
    public static Verdict judge(Map<String, Object> statement) {
        if (!"Allow".equals(statement.get("Effect"))) {
            return new Verdict(false, "a Deny statement grants nothing");
        }
        Optional<String> wide = wideGrant(statement);
        if (wide.isEmpty()) {
            return new Verdict(false, "it names its principals");
        }
        Optional<String> pin = pinningCondition(statement.get("Condition"));
        if (pin.isPresent()) {
            return new Verdict(false, wide.get() + ", but the condition pins " + pin.get());
        }
        return new Verdict(true, wide.get() + conditionNote(statement.get("Condition")));
    }

    /** What makes the grant wide, if anything: a wildcard principal or NotPrincipal. */
    private static Optional<String> wideGrant(Map<String, Object> statement) {
        if (statement.containsKey("NotPrincipal")) {
            return Optional.of("it uses \"NotPrincipal\", which allows everyone but the principals it lists");
        }
        Object principal = statement.get("Principal");
        if ("*".equals(principal)) {
            return Optional.of("its principal is \"*\" (everyone)");
        }
        if (principal instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                for (Object value : asList(entry.getValue())) {
                    if (value instanceof String s && s.contains("*")) {
                        return Optional.of("its principal " + Json.write(Map.of(entry.getKey(), s))
                                + (s.equals("*") ? " is everyone" : " holds a wildcard"));
                    }
                }
            }
        }
        return Optional.empty();
    }

    /** The first condition that pins a key saying who or from where to fixed values, described. */
    private static Optional<String> pinningCondition(Object condition) {
        if (!(condition instanceof Map<?, ?> operators)) {
            return Optional.empty();
        }
        for (Map.Entry<?, ?> operator : operators.entrySet()) {
            String name = String.valueOf(operator.getKey());
            if (!(operator.getValue() instanceof Map<?, ?> keys)) {
                continue;
            }
            for (Map.Entry<?, ?> key : keys.entrySet()) {
                String keyName = String.valueOf(key.getKey());
                String lower = keyName.toLowerCase(Locale.ROOT);
                List<?> values = asList(key.getValue());
                boolean pinned = lower.equals(SOURCE_IP)
                        ? name.equalsIgnoreCase(SOURCE_IP_OPERATOR)
                                && whyNoSourceIpLimit(values).isEmpty()
                        : PINNING_KEYS.contains(lower)
                                && pins(name)
                                && !values.isEmpty()
                                && values.stream().allMatch(v -> isFixed(lower, v));
                if (pinned) {
                    return Optional.of(keyName + " (" + name + ")");
                }
            }
        }
        return Optional.empty();
    }

    /**
     * Why addresses compared with {@code IpAddress} limit nothing, or empty when they do limit where from: a value
     * that is no address or range, a range broader than /8 or /32, or ranges that hold a whole family together.
     */
    static Optional<String> whyNoSourceIpLimit(List<?> values) {
        if (values.isEmpty()) {
            return Optional.of("it lists no address");
        }
        List<IpRange> ranges = new java.util.ArrayList<>();
        for (Object value : values) {
            Optional<IpRange> range = value instanceof String s ? IpRange.parse(s) : Optional.empty();
            if (range.isEmpty()) {
                return Optional.of(Json.write(value) + " is not an IP address or CIDR range");
            }
            String written = Json.write(value)
                    + (((String) value).contains("/")
                            ? ""
                            : " (an address without a prefix, which IAM reads as /" + IpRange.DEFAULT_PREFIX + ")");
            if (!range.get().isNarrow()) {
                return Optional.of(written + " is broader than /" + (range.get().ipv6() ? "32 (IPv6)" : "8 (IPv4)"));
            }
            if (range.get().holdsEveryIpv4Address()) {
                return Optional.of(
                        written + " holds every IPv4 address, as the IPv4-mapped IPv6 addresses ::ffff:0:0/96");
            }
            ranges.add(range.get());
        }
        return IpRange.coveredFamily(ranges).map(family -> "its ranges together hold every " + family + " address");
    }

    private static boolean pins(String operator) {
        String lower = operator.toLowerCase(Locale.ROOT);
        if (lower.endsWith("ifexists")) {
            return false;
        }
        // ForAllValues matches a request without the key at all; ForAnyValue needs one listed value.
        if (lower.startsWith("forallvalues:")) {
            return false;
        }
        if (lower.startsWith("foranyvalue:")) {
            lower = lower.substring("foranyvalue:".length());
        }
        return PINNING_OPERATORS.contains(lower);
    }

    /**
     * A fixed value: no wildcard and no policy variable. S3 makes one exception, {@code aws:userid} in the form
     * {@code AROLEID:*} (every session of one role).
     */
    private static boolean isFixed(String key, Object value) {
        if (!(value instanceof String s) || s.isBlank() || s.contains("${")) {
            return false;
        }
        if (key.equals("aws:userid") && s.matches("[A-Z0-9]+:\\*")) {
            return true;
        }
        return !s.contains("*") && !s.contains("?");
    }

    private static String conditionNote(Object condition) {
        if (condition instanceof Map<?, ?> map && !map.isEmpty()) {
            return ", and its condition pins none of the keys that say who or from where (aws:PrincipalOrgID, "
                    + "aws:PrincipalAccount, aws:SourceAccount, aws:SourceVpce, ...) to fixed values"
                    + sourceIpNote(map).map(note -> " (" + note + ")").orElse("");
        }
        return ", with no condition";
    }

    /** Why a condition on {@code aws:SourceIp} in the statement does not limit where from, if there is one. */
    private static Optional<String> sourceIpNote(Map<?, ?> condition) {
        for (Map.Entry<?, ?> operator : condition.entrySet()) {
            if (!(operator.getValue() instanceof Map<?, ?> keys)) {
                continue;
            }
            String name = String.valueOf(operator.getKey());
            for (Map.Entry<?, ?> key : keys.entrySet()) {
                if (String.valueOf(key.getKey()).equalsIgnoreCase(SOURCE_IP)) {
                    String where = key.getKey() + " under " + name;
                    if (!name.equalsIgnoreCase(SOURCE_IP_OPERATOR)) {
                        return Optional.of(where + " limits nothing: only IpAddress compares addresses");
                    }
                    return whyNoSourceIpLimit(asList(key.getValue()))
                            .map(why -> where + " limits nothing: " + why
                                    + "; ranges limit callers when none is broader than /8 (IPv4) or /32 (IPv6)");
                }
            }
        }
        return Optional.empty();
    }

    private static List<?> asList(Object value) {
        return value instanceof List<?> list ? list : value == null ? List.of() : List.of(value);
    }
}

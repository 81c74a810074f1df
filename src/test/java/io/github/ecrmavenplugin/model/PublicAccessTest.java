package io.github.ecrmavenplugin.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ecrmavenplugin.json.Json;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The definition of public, statement by statement: the verdict, and the reason the build prints. Cases follow S3's
 * "The meaning of public" and IAM Access Analyzer's condition keys.
 */
class PublicAccessTest {

    private static final String PULL = "\"Action\":[\"ecr:BatchGetImage\",\"ecr:GetDownloadUrlForLayer\"]";
    private static final boolean PUBLIC = true;
    private static final boolean NOT_PUBLIC = false;

    static Stream<Arguments> statements() {
        return Stream.of(
                // Principals that are everyone, with no condition
                row("\"Principal\":\"*\"", PUBLIC, "its principal is \"*\" (everyone), with no condition"),
                row(
                        "\"Principal\":{\"AWS\":\"*\"}",
                        PUBLIC,
                        "its principal {\"AWS\":\"*\"} is everyone, with no " + "condition"),
                row(
                        "\"Principal\":{\"AWS\":[\"arn:aws:iam::123456789012:root\",\"*\"]}",
                        PUBLIC,
                        "its principal {\"AWS\":\"*\"} is everyone"),
                row(
                        "\"Principal\":{\"AWS\":\"arn:aws:iam::*:root\"}",
                        PUBLIC,
                        "its principal {\"AWS\":\"arn:aws:iam::*:root\"} holds a wildcard"),
                row(
                        "\"Principal\":{\"AWS\":\"arn:aws:iam::123456789012:role/*\"}",
                        PUBLIC,
                        "its principal {\"AWS\":\"arn:aws:iam::123456789012:role/*\"} holds a wildcard"),
                row(
                        "\"NotPrincipal\":{\"AWS\":\"arn:aws:iam::111122223333:root\"}",
                        PUBLIC,
                        "it uses \"NotPrincipal\", which allows everyone but the principals it lists, with no "
                                + "condition"),
                // Named principals
                row(
                        "\"Principal\":{\"AWS\":\"arn:aws:iam::123456789012:root\"}",
                        NOT_PUBLIC,
                        "it names its principals"),
                row("\"Principal\":{\"AWS\":\"123456789012\"}", NOT_PUBLIC, "it names its principals"),
                row(
                        "\"Principal\":{\"AWS\":\"arn:aws:iam::123456789012:role/deployer\"}",
                        NOT_PUBLIC,
                        "it names its principals"),
                row("\"Principal\":{\"Service\":\"lambda.amazonaws.com\"}", NOT_PUBLIC, "it names its principals"),
                deny("\"Principal\":\"*\"", "a Deny statement grants nothing"),
                deny(
                        "\"NotPrincipal\":{\"AWS\":\"arn:aws:iam::111122223333:root\"}",
                        "a Deny statement grants nothing"),
                // Conditions that pin who or from where to fixed values
                condition(
                        "{\"StringEquals\":{\"aws:PrincipalOrgID\":\"o-a1b2c3d4e5\"}}",
                        NOT_PUBLIC,
                        "its principal is \"*\" (everyone), but the condition pins aws:PrincipalOrgID (StringEquals)"),
                condition(
                        "{\"StringEquals\":{\"aws:PrincipalAccount\":[\"123456789012\",\"210987654321\"]}}",
                        NOT_PUBLIC,
                        "but the condition pins aws:PrincipalAccount (StringEquals)"),
                condition(
                        "{\"ArnEquals\":{\"aws:PrincipalArn\":\"arn:aws:iam::123456789012:role/ci\"}}",
                        NOT_PUBLIC,
                        "but the condition pins aws:PrincipalArn (ArnEquals)"),
                condition(
                        "{\"ArnLike\":{\"aws:PrincipalArn\":\"arn:aws:iam::123456789012:role/ci\"}}",
                        NOT_PUBLIC,
                        "but the condition pins aws:PrincipalArn (ArnLike)"),
                condition(
                        "{\"ForAnyValue:StringEquals\":{\"aws:PrincipalOrgPaths\":\"o-a1b2c3d4e5/r-ab12/ou-ab12-11111111/\"}}",
                        NOT_PUBLIC,
                        "but the condition pins aws:PrincipalOrgPaths (ForAnyValue:StringEquals)"),
                condition(
                        "{\"StringEquals\":{\"aws:SourceAccount\":\"123456789012\"}}",
                        NOT_PUBLIC,
                        "but the condition pins aws:SourceAccount (StringEquals)"),
                condition(
                        "{\"ArnLike\":{\"aws:SourceArn\":\"arn:aws:lambda:eu-west-1:123456789012:function:app\"}}",
                        NOT_PUBLIC,
                        "but the condition pins aws:SourceArn (ArnLike)"),
                condition(
                        "{\"StringEquals\":{\"aws:SourceOrgID\":\"o-a1b2c3d4e5\"}}",
                        NOT_PUBLIC,
                        "but the condition pins aws:SourceOrgID (StringEquals)"),
                condition(
                        "{\"StringEquals\":{\"aws:SourceVpc\":\"vpc-0a1b2c3d\"}}",
                        NOT_PUBLIC,
                        "but the condition pins aws:SourceVpc (StringEquals)"),
                condition(
                        "{\"StringEquals\":{\"aws:SourceVpce\":\"vpce-0a1b2c3d\"}}",
                        NOT_PUBLIC,
                        "but the condition pins aws:SourceVpce (StringEquals)"),
                condition(
                        "{\"IpAddress\":{\"aws:SourceIp\":\"203.0.113.0/24\"}}",
                        NOT_PUBLIC,
                        "but the condition pins aws:SourceIp (IpAddress)"),
                condition(
                        "{\"StringEquals\":{\"aws:sourceaccount\":\"123456789012\"}}",
                        NOT_PUBLIC,
                        "but the condition pins aws:sourceaccount (StringEquals)"),
                condition(
                        "{\"StringLike\":{\"aws:userid\":\"AROAEXAMPLEID:*\"}}",
                        NOT_PUBLIC,
                        "but the condition pins aws:userid (StringLike)"),
                condition(
                        "{\"Bool\":{\"aws:SecureTransport\":\"true\"},\"StringEquals\":{\"aws:PrincipalOrgID\":"
                                + "\"o-a1b2c3d4e5\"}}",
                        NOT_PUBLIC,
                        "but the condition pins aws:PrincipalOrgID"),
                notPrincipalWith(
                        "{\"StringEquals\":{\"aws:PrincipalAccount\":\"123456789012\"}}",
                        NOT_PUBLIC,
                        "it uses \"NotPrincipal\", which allows everyone but the principals it lists, but the "
                                + "condition pins aws:PrincipalAccount (StringEquals)"),
                // Conditions that leave it public
                condition(
                        "{\"Bool\":{\"aws:SecureTransport\":\"true\"}}",
                        PUBLIC,
                        "its principal is \"*\" "
                                + "(everyone), and its condition pins none of the keys that say who or from where"),
                condition(
                        "{\"DateLessThan\":{\"aws:CurrentTime\":\"2030-01-01T00:00:00Z\"}}",
                        PUBLIC,
                        "its condition pins none of the keys"),
                condition(
                        "{\"StringEquals\":{\"ecr:ResourceTag/team\":\"payments\"}}",
                        PUBLIC,
                        "its condition pins none of the keys"),
                condition(
                        "{\"StringEqualsIfExists\":{\"aws:PrincipalOrgID\":\"o-a1b2c3d4e5\"}}",
                        PUBLIC,
                        "its condition pins none of the keys"),
                condition(
                        "{\"StringNotEquals\":{\"aws:PrincipalAccount\":\"123456789012\"}}",
                        PUBLIC,
                        "its condition pins none of the keys"),
                condition(
                        "{\"StringLike\":{\"aws:PrincipalOrgID\":\"o-*\"}}",
                        PUBLIC,
                        "its condition pins none of the keys"),
                condition(
                        "{\"StringLike\":{\"aws:PrincipalArn\":\"arn:aws:iam::*:role/ci\"}}",
                        PUBLIC,
                        "its condition pins none of the keys"),
                condition(
                        "{\"StringLike\":{\"aws:SourceArn\":\"arn:aws:lambda:eu-west-1:12345678901?:function:x\"}}",
                        PUBLIC,
                        "its condition pins none of the keys"),
                condition(
                        "{\"StringEquals\":{\"aws:PrincipalAccount\":\"${aws:username}\"}}",
                        PUBLIC,
                        "its condition pins none of the keys"),
                condition(
                        "{\"IpAddress\":{\"aws:SourceIp\":\"0.0.0.0/0\"}}",
                        PUBLIC,
                        "its condition pins none of the keys"),
                // Source IP ranges: only IpAddress, only ranges no broader than /8 (IPv4) or /32 (IPv6), and not
                // all of a family together (S3's "The meaning of public")
                sourceIp(
                        "IpAddress",
                        "[\"0.0.0.0/1\",\"128.0.0.0/1\"]",
                        PUBLIC,
                        "\"0.0.0.0/1\" is broader than /8 (IPv4)"),
                sourceIp("IpAddress", slash8s(256), PUBLIC, "its ranges together hold every IPv4 address"),
                sourceIp("IpAddress", slash8s(255), NOT_PUBLIC, "but the condition pins aws:SourceIp (IpAddress)"),
                sourceIp("IpAddress", "\"::/1\"", PUBLIC, "\"::/1\" is broader than /32 (IPv6)"),
                sourceIp("IpAddress", "[\"::/1\",\"8000::/1\"]", PUBLIC, "is broader than /32 (IPv6)"),
                sourceIp("IpAddress", "\"2000::/3\"", PUBLIC, "\"2000::/3\" is broader than /32"),
                sourceIp("IpAddress", "\"16.0.0.0/4\"", PUBLIC, "\"16.0.0.0/4\" is broader than /8"),
                sourceIp("IpAddress", "\"10.0.0.0/7\"", PUBLIC, "\"10.0.0.0/7\" is broader than /8"),
                sourceIp("IpAddress", "\"10.0.0.0/8\"", NOT_PUBLIC, "but the condition pins aws:SourceIp (IpAddress)"),
                sourceIp("IpAddress", "\"2001:db8::/31\"", PUBLIC, "\"2001:db8::/31\" is broader than /32"),
                sourceIp("IpAddress", "\"2001:db8::/32\"", NOT_PUBLIC, "but the condition pins aws:SourceIp"),
                sourceIp("IpAddress", "\"203.0.113.7\"", NOT_PUBLIC, "but the condition pins aws:SourceIp"),
                sourceIp("IpAddress", "\"2001:db8::7\"", NOT_PUBLIC, "but the condition pins aws:SourceIp"),
                sourceIp("IpAddress", "[\"203.0.113.0/24\",\"::/0\"]", PUBLIC, "\"::/0\" is broader than /32"),
                sourceIp("IpAddress", "\"::ffff:0.0.0.0/96\"", PUBLIC, "\"::ffff:0.0.0.0/96\" is broader than /8"),
                // IPv6 ranges that hold the whole IPv4-mapped block hold all of IPv4
                sourceIp("IpAddress", "\"::ffff:0:0/95\"", PUBLIC, "\"::ffff:0:0/95\" holds every IPv4 address"),
                sourceIp("IpAddress", "\"::/80\"", PUBLIC, "\"::/80\" holds every IPv4 address"),
                sourceIp("IpAddress", "\"::/32\"", PUBLIC, "\"::/32\" holds every IPv4 address"),
                sourceIp("IpAddress", "\"::ffff:10.0.0.0/104\"", NOT_PUBLIC, "but the condition pins aws:SourceIp"),
                sourceIp("IpAddress", "\"::/96\"", NOT_PUBLIC, "but the condition pins aws:SourceIp"),
                // an address without a prefix is the /32 IAM reads it as, in both families
                sourceIp(
                        "IpAddress",
                        "\"::ffff:203.0.113.7\"",
                        PUBLIC,
                        "\"::ffff:203.0.113.7\" (an address without a prefix, which IAM reads as /32) holds every "
                                + "IPv4 address"),
                sourceIp("IpAddress", "\"::ffff:203.0.113.7/128\"", NOT_PUBLIC, "but the condition pins aws:SourceIp"),
                sourceIp("IpAddress", "\"0.0.0.0/00\"", PUBLIC, "\"0.0.0.0/00\" is not an IP address or CIDR range"),
                sourceIp("IpAddress", "\"0.0.0.0/0 \"", PUBLIC, "\"0.0.0.0/0 \" is not an IP address or CIDR range"),
                sourceIp("IpAddress", "\"203.0.113.0/33\"", PUBLIC, "is not an IP address or CIDR range"),
                sourceIp("IpAddress", "[]", PUBLIC, "it lists no address"),
                sourceIp("StringEquals", "\"203.0.113.0/24\"", PUBLIC, "only IpAddress compares addresses"),
                sourceIp("StringLike", "\"203.0.113.*\"", PUBLIC, "only IpAddress compares addresses"),
                sourceIp("NotIpAddress", "\"203.0.113.0/24\"", PUBLIC, "only IpAddress compares addresses"),
                sourceIp("IpAddressIfExists", "\"203.0.113.0/24\"", PUBLIC, "only IpAddress compares addresses"),
                sourceIp("ForAnyValue:IpAddress", "\"203.0.113.0/24\"", PUBLIC, "only IpAddress compares"),
                sourceIp("ipaddress", "\"203.0.113.0/24\"", NOT_PUBLIC, "but the condition pins aws:SourceIp"),
                condition(
                        "{\"IpAddress\":{\"aws:PrincipalOrgID\":\"o-a1b2c3d4e5\"}}",
                        PUBLIC,
                        "its condition pins none of the keys"),
                condition(
                        "{\"ForAllValues:StringEquals\":{\"aws:PrincipalOrgPaths\":\"o-a1b2c3d4e5/r-ab12/\"}}",
                        PUBLIC,
                        "its condition pins none of the keys"),
                condition(
                        "{\"Null\":{\"aws:PrincipalOrgID\":\"false\"}}", PUBLIC, "its condition pins none of the keys"),
                condition(
                        "{\"StringEquals\":{\"aws:PrincipalOrgID\":[]}}",
                        PUBLIC,
                        "its condition pins none of the keys"),
                condition("{}", PUBLIC, "with no condition"),
                notPrincipalWith(
                        "{\"Bool\":{\"aws:SecureTransport\":\"true\"}}",
                        PUBLIC,
                        "it uses \"NotPrincipal\", which allows everyone but the principals it lists, and its "
                                + "condition pins none of the keys"));
    }

    @ParameterizedTest(name = "[{index}] {0} -> public: {1}")
    @MethodSource("statements")
    void judgesLikeAws(String statement, boolean expected, String reason) {
        @SuppressWarnings("unchecked")
        Map<String, Object> parsed = (Map<String, Object>) Json.parse(statement);
        PublicAccess.Verdict verdict = PublicAccess.judge(parsed);
        assertEquals(expected, verdict.isPublic(), verdict.reason());
        assertTrue(
                verdict.reason().contains(reason), () -> "reason \"" + verdict.reason() + "\" says \"" + reason + "\"");
    }

    @org.junit.jupiter.api.Test
    void tableHoldsAtLeastThirtyStatements() {
        assertTrue(statements().count() >= 30);
    }

    private static Arguments row(String principal, boolean expected, String reason) {
        return Arguments.of("{\"Effect\":\"Allow\"," + principal + "," + PULL + "}", expected, reason);
    }

    private static Arguments deny(String principal, String reason) {
        return Arguments.of("{\"Effect\":\"Deny\"," + principal + "," + PULL + "}", NOT_PUBLIC, reason);
    }

    private static Arguments condition(String condition, boolean expected, String reason) {
        return Arguments.of(
                "{\"Effect\":\"Allow\",\"Principal\":\"*\"," + PULL + ",\"Condition\":" + condition + "}",
                expected,
                reason);
    }

    /** A statement for everyone whose condition compares aws:SourceIp with {@code values} under {@code operator}. */
    private static Arguments sourceIp(String operator, String values, boolean expected, String reason) {
        return condition("{\"" + operator + "\":{\"aws:SourceIp\":" + values + "}}", expected, reason);
    }

    /** The first {@code count} of the 256 IPv4 /8 ranges, as a JSON array. */
    private static String slash8s(int count) {
        return IntStream.range(0, count)
                .mapToObj(i -> "\"" + i + ".0.0.0/8\"")
                .collect(Collectors.joining(",", "[", "]"));
    }

    private static Arguments notPrincipalWith(String condition, boolean expected, String reason) {
        return Arguments.of(
                "{\"Effect\":\"Allow\",\"NotPrincipal\":{\"AWS\":\"arn:aws:iam::111122223333:root\"}," + PULL
                        + ",\"Condition\":" + condition + "}",
                expected,
                reason);
    }
}

package io.github.ecrmavenplugin.model;

import static io.github.ecrmavenplugin.model.InvalidConfiguration.fails;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PullPolicyTest {

    private static PullPolicy of(
            List<String> accounts, List<String> principals, List<String> orgs, List<String> services) {
        return new PullPolicy(accounts, principals, orgs, services);
    }

    @Test
    void rendersAccountsRolesAndServicesInOneStatement() throws Exception {
        PolicyDocument policy = of(
                        List.of("123456789012"),
                        List.of("arn:aws:iam::210987654321:role/deployer"),
                        List.of(),
                        List.of("lambda.amazonaws.com"))
                .render("pullPolicy", false);
        assertEquals(
                "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"AllowPull\",\"Effect\":\"Allow\","
                        + "\"Principal\":{\"AWS\":[\"arn:aws:iam::123456789012:root\","
                        + "\"arn:aws:iam::210987654321:role/deployer\"],\"Service\":\"lambda.amazonaws.com\"},"
                        + "\"Action\":[\"ecr:BatchCheckLayerAvailability\",\"ecr:BatchGetImage\","
                        + "\"ecr:GetDownloadUrlForLayer\"]}]}",
                policy.toJson());
    }

    @Test
    void rendersOrganizationsAsAConditionInTheirOwnStatement() throws Exception {
        PolicyDocument policy = of(List.of("123456789012"), List.of(), List.of("o-a1b2c3d4e5"), List.of())
                .render("pullPolicy", false);
        String json = policy.toJson();
        assertTrue(
                json.contains("{\"Sid\":\"AllowPullFromOrganization\",\"Effect\":\"Allow\",\"Principal\":\"*\","),
                json);
        assertTrue(json.contains("\"Condition\":{\"StringEquals\":{\"aws:PrincipalOrgID\":\"o-a1b2c3d4e5\"}}"), json);
        // The rendered policy passes the same validation as a user's own policy, public check included.
        PolicyDocument.fromPom(json, "policy", false);
    }

    @Test
    void everyoneNeedsOptInAndThenRendersTheSeedPolicy() throws Exception {
        PullPolicy everyone = of(List.of(), List.of("*"), List.of(), List.of());
        fails(
                "pullPolicy/principals",
                "<allowPublicAccess>true</allowPublicAccess>",
                () -> everyone.render("pullPolicy", false));

        assertEquals(
                "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"AllowPull\",\"Effect\":\"Allow\","
                        + "\"Principal\":\"*\",\"Action\":[\"ecr:BatchCheckLayerAvailability\",\"ecr:BatchGetImage\","
                        + "\"ecr:GetDownloadUrlForLayer\"]}]}",
                everyone.render("pullPolicy", true).toJson());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
        short account   | accounts      | 12345               | pullPolicy/accounts      | 12 digits
        letters account | accounts      | 12345678901a        | pullPolicy/accounts      | 12 digits
        bad arn         | principals    | arn:aws:s3:::bucket | pullPolicy/principals    | IAM principal ARN
        bare role       | principals    | role/deployer       | pullPolicy/principals    | IAM principal ARN
        bad org         | organizations | org-123             | pullPolicy/organizations | o-a1b2c3d4e5
        bad service     | services      | lambda              | pullPolicy/services      | lambda.amazonaws.com
        """)
    void rejectsMalformedEntries(String name, String list, String value, String parameter, String expected) {
        List<String> one = List.of(value);
        PullPolicy policy = of(
                list.equals("accounts") ? one : List.of(),
                list.equals("principals") ? one : List.of(),
                list.equals("organizations") ? one : List.of(),
                list.equals("services") ? one : List.of());
        fails(parameter, expected, () -> policy.render("pullPolicy", false));
    }

    @Test
    void emptyPullPolicyIsAnError() {
        InvalidConfigurationException e = assertThrows(
                InvalidConfigurationException.class,
                () -> of(List.of(), List.of(), List.of(), List.of()).render("pullPolicy", false));
        assertTrue(e.getMessage().contains("names nobody"), e.getMessage());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
        eu-west-1      | aws
        us-east-1      | aws
        cn-north-1     | aws-cn
        cn-northwest-1 | aws-cn
        us-gov-west-1  | aws-us-gov
        us-iso-east-1  | aws-iso
        us-isob-east-1 | aws-iso-b
        """)
    void partitionFollowsTheRegion(String region, String partition) {
        assertEquals(partition, PullPolicy.partition(region));
    }

    @Test
    void lambdaAccountsRenderAwsDocumentedPair() throws Exception {
        PolicyDocument policy = new PullPolicy(
                        List.of(), List.of(), List.of(), List.of(), List.of("123456789012", "210987654321"))
                .render("pullPolicy", false, () -> java.util.Optional.of("cn-north-1"));
        assertEquals(
                "{\"Version\":\"2012-10-17\",\"Statement\":["
                        + "{\"Sid\":\"AllowLambdaAccountsPull\",\"Effect\":\"Allow\",\"Principal\":{\"AWS\":["
                        + "\"arn:aws-cn:iam::123456789012:root\",\"arn:aws-cn:iam::210987654321:root\"]},"
                        + "\"Action\":[\"ecr:BatchGetImage\",\"ecr:GetDownloadUrlForLayer\"]},"
                        + "{\"Sid\":\"AllowLambdaServicePull\",\"Effect\":\"Allow\",\"Principal\":{\"Service\":"
                        + "\"lambda.amazonaws.com\"},\"Action\":[\"ecr:BatchGetImage\",\"ecr:GetDownloadUrlForLayer\"],"
                        + "\"Condition\":{\"StringLike\":{\"aws:sourceArn\":["
                        + "\"arn:aws-cn:lambda:cn-north-1:123456789012:function:*\","
                        + "\"arn:aws-cn:lambda:cn-north-1:210987654321:function:*\"]}}}]}",
                policy.toJson());
        // The pair is not public, and passes the validation of a user's own policy.
        PolicyDocument.fromPom(policy.toJson(), "policy", false);
    }

    @Test
    void lambdaAccountsBesideAccountsKeepTheirOwnStableSids() throws Exception {
        PolicyDocument policy = new PullPolicy(
                        List.of("111122223333"), List.of(), List.of(), List.of(), List.of("123456789012"))
                .render("pullPolicy", false, () -> java.util.Optional.of("eu-west-1"));
        assertEquals(
                List.of("AllowPull", "AllowLambdaAccountsPull", "AllowLambdaServicePull"),
                policy.statements().stream().map(s -> s.get("Sid")).toList());
    }

    @Test
    void lambdaAccountsNeedARegion() {
        fails(
                "pullPolicy/lambdaAccounts",
                "no AWS region is configured",
                () -> new PullPolicy(List.of(), List.of(), List.of(), List.of(), List.of("123456789012"))
                        .render("pullPolicy", false));
    }
}

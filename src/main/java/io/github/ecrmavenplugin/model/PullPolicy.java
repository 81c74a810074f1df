package io.github.ecrmavenplugin.model;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Who may pull from the repository: AWS accounts, IAM roles or users, whole AWS Organizations, AWS services, and
 * the Lambda functions of given accounts. Rendered into a repository policy that grants exactly the three actions a
 * pull needs.
 *
 * @param lambdaAccounts accounts whose Lambda functions may run this repository's images, rendered as AWS Lambda
 *                       Developer Guide documents it ("Create a Lambda function using a container image", Amazon
 *                       ECR permissions, cross-account): the accounts' principal may pull, and
 *                       {@code lambda.amazonaws.com} may pull for functions of those accounts only
 *                       ({@code aws:sourceArn} {@code arn:<partition>:lambda:<region>:<account>:function:*})
 */
public record PullPolicy(
        List<String> accounts,
        List<String> principals,
        List<String> organizations,
        List<String> services,
        List<String> lambdaAccounts) {

    /** Sid of the statement that lets the Lambda accounts' principals pull. */
    public static final String LAMBDA_ACCOUNTS_SID = "AllowLambdaAccountsPull";
    /** Sid of the statement that lets Lambda pull for functions of those accounts. */
    public static final String LAMBDA_SERVICE_SID = "AllowLambdaServicePull";
    /** The actions Lambda needs to read an image, as its documentation grants them. */
    static final List<String> LAMBDA_ACTIONS = List.of("ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer");

    /** Where the region comes from, asked only when {@code lambdaAccounts} need it. */
    @FunctionalInterface
    public interface RegionSource {
        /** The region the repository is in; empty when none is configured. */
        Optional<String> region() throws InvalidConfigurationException;
    }

    /** The actions an image pull needs, in the order ECR's console writes them. */
    public static final List<String> PULL_ACTIONS =
            List.of("ecr:BatchCheckLayerAvailability", "ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer");

    private static final Pattern PRINCIPAL_ARN =
            Pattern.compile("arn:aws(-cn|-us-gov|-iso|-iso-b)?:(iam::\\d{12}:(root|(role|user)/[\\w+=,.@/-]+)"
                    + "|sts::\\d{12}:assumed-role/[\\w+=,.@-]+/[\\w+=,.@-]+)");
    private static final Pattern ORGANIZATION = Pattern.compile("o-[a-z0-9]{10,32}");
    private static final Pattern SERVICE = Pattern.compile("[a-z0-9-]+(\\.[a-z0-9-]+)*\\.amazonaws\\.com(\\.cn)?");

    public PullPolicy {
        accounts = List.copyOf(accounts);
        principals = List.copyOf(principals);
        organizations = List.copyOf(organizations);
        services = List.copyOf(services);
        lambdaAccounts = List.copyOf(lambdaAccounts);
    }

    public PullPolicy(
            List<String> accounts, List<String> principals, List<String> organizations, List<String> services) {
        this(accounts, principals, organizations, services, List.of());
    }

    public boolean isEmpty() {
        return accounts.isEmpty()
                && principals.isEmpty()
                && organizations.isEmpty()
                && services.isEmpty()
                && lambdaAccounts.isEmpty();
    }

    /** As {@link #render(String, boolean, RegionSource)} without a region, which only lambdaAccounts need. */
    public PolicyDocument render(String parameter, boolean allowPublicAccess) throws InvalidConfigurationException {
        return render(parameter, allowPublicAccess, Optional::empty);
    }

    /**
     * Checks every entry and renders the policy: one statement for the listed accounts, roles, users and services,
     * and one for the organizations (a {@code aws:PrincipalOrgID} condition on principal {@code *}, which would
     * otherwise also narrow the named principals).
     */
    public PolicyDocument render(String parameter, boolean allowPublicAccess, RegionSource region)
            throws InvalidConfigurationException {
        if (isEmpty()) {
            throw new InvalidConfigurationException(
                    parameter,
                    "names nobody; list at least one of <accounts>, "
                            + "<principals>, <organizations>, <services> or <lambdaAccounts>, or remove <pullPolicy>");
        }
        List<String> aws = new ArrayList<>();
        for (String account : accounts) {
            aws.add("arn:aws:iam::" + AccountId.valid(account, parameter + "/accounts") + ":root");
        }
        boolean everyone = false;
        for (String principal : principals) {
            String arn = principal == null ? "" : principal.trim();
            if (arn.equals("*")) {
                everyone = true;
            } else if (!PRINCIPAL_ARN.matcher(arn).matches()) {
                throw new InvalidConfigurationException(
                        parameter + "/principals",
                        "\"" + principal + "\" is not "
                                + "an IAM principal ARN; use arn:aws:iam::<account>:role/<name>, "
                                + "arn:aws:iam::<account>:user/<name> or arn:aws:iam::<account>:root");
            } else {
                aws.add(arn);
            }
        }
        List<String> services = new ArrayList<>();
        for (String service : this.services) {
            String s = service == null ? "" : service.trim();
            if (!SERVICE.matcher(s).matches()) {
                throw new InvalidConfigurationException(
                        parameter + "/services",
                        "\"" + service + "\" is not an "
                                + "AWS service principal; use a name like lambda.amazonaws.com");
            }
            services.add(s);
        }
        List<String> orgs = new ArrayList<>();
        for (String organization : organizations) {
            String o = organization == null ? "" : organization.trim();
            if (!ORGANIZATION.matcher(o).matches()) {
                throw new InvalidConfigurationException(
                        parameter + "/organizations",
                        "\"" + organization + "\" is not an AWS Organizations ID; it looks like o-a1b2c3d4e5");
            }
            orgs.add(o);
        }
        if (everyone && !allowPublicAccess) {
            throw new InvalidConfigurationException(
                    parameter + "/principals",
                    "the principal \"*\" lets every AWS "
                            + "account in the world pull this repository's images. If that is intended, set "
                            + "<allowPublicAccess>true</allowPublicAccess> (-Decr.allowPublicAccess); otherwise name the "
                            + "accounts, roles or organizations that may pull");
        }

        List<Object> statements = new ArrayList<>();
        if (everyone) {
            statements.add(statement("AllowPull", "*", null));
        } else if (!aws.isEmpty() || !services.isEmpty()) {
            Map<String, Object> principal = new LinkedHashMap<>();
            if (!aws.isEmpty()) {
                principal.put("AWS", aws.size() == 1 ? aws.get(0) : aws);
            }
            if (!services.isEmpty()) {
                principal.put("Service", services.size() == 1 ? services.get(0) : services);
            }
            statements.add(statement("AllowPull", principal, null));
        }
        if (!orgs.isEmpty() && !everyone) {
            Map<String, Object> condition =
                    Map.of("StringEquals", Map.of("aws:PrincipalOrgID", orgs.size() == 1 ? orgs.get(0) : orgs));
            statements.add(statement("AllowPullFromOrganization", "*", condition));
        }
        if (!lambdaAccounts.isEmpty()) {
            statements.addAll(lambdaStatements(parameter + "/lambdaAccounts", region));
        }
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("Version", "2012-10-17");
        document.put("Statement", statements);
        return PolicyDocument.of(document);
    }

    /**
     * AWS's documented pair for Lambda functions in other accounts: the accounts' root principal, and Lambda itself
     * bound to the accounts' functions by {@code aws:sourceArn}, which also closes the confused-deputy gap.
     */
    private List<Map<String, Object>> lambdaStatements(String parameter, RegionSource regionSource)
            throws InvalidConfigurationException {
        Optional<String> region = regionSource.region();
        if (region.isEmpty()) {
            throw new InvalidConfigurationException(
                    parameter,
                    "the Lambda statement names the functions' region "
                            + "(arn:<partition>:lambda:<region>:<account>:function:*), and no AWS region is configured. Set "
                            + "<region> (-Decr.region=eu-west-1), AWS_REGION, or a region in your AWS profile");
        }
        String partition = partition(region.get());
        List<String> roots = new ArrayList<>();
        List<String> functions = new ArrayList<>();
        for (String account : lambdaAccounts) {
            String id = AccountId.valid(account, parameter);
            roots.add("arn:" + partition + ":iam::" + id + ":root");
            functions.add("arn:" + partition + ":lambda:" + region.get() + ":" + id + ":function:*");
        }
        Map<String, Object> condition =
                Map.of("StringLike", Map.of("aws:sourceArn", functions.size() == 1 ? functions.get(0) : functions));
        return List.of(
                statement(
                        LAMBDA_ACCOUNTS_SID,
                        Map.of("AWS", roots.size() == 1 ? roots.get(0) : roots),
                        null,
                        LAMBDA_ACTIONS),
                statement(LAMBDA_SERVICE_SID, Map.of("Service", "lambda.amazonaws.com"), condition, LAMBDA_ACTIONS));
    }

    /** The AWS partition of a region: its ARNs say {@code arn:<partition>:...}. */
    static String partition(String region) {
        if (region.startsWith("cn-")) {
            return "aws-cn";
        }
        if (region.startsWith("us-gov-")) {
            return "aws-us-gov";
        }
        if (region.startsWith("us-isob-")) {
            return "aws-iso-b";
        }
        if (region.startsWith("us-iso-")) {
            return "aws-iso";
        }
        return "aws";
    }

    private static Map<String, Object> statement(String sid, Object principal, Object condition) {
        return statement(sid, principal, condition, PULL_ACTIONS);
    }

    private static Map<String, Object> statement(String sid, Object principal, Object condition, List<String> actions) {
        Map<String, Object> statement = new LinkedHashMap<>();
        statement.put("Sid", sid);
        statement.put("Effect", "Allow");
        statement.put("Principal", principal);
        statement.put("Action", actions);
        if (condition != null) {
            statement.put("Condition", condition);
        }
        return statement;
    }
}

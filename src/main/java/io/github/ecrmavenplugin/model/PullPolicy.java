package io.github.ecrmavenplugin.model;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Who may pull from the repository: AWS accounts, IAM roles or users, whole AWS Organizations, and AWS services
 * (Lambda needs {@code lambda.amazonaws.com} to run container images). Rendered into a repository policy that
 * grants exactly the three actions a pull needs.
 */
public record PullPolicy(List<String> accounts, List<String> principals, List<String> organizations,
        List<String> services) {

    /** The actions an image pull needs, in the order ECR's console writes them. */
    public static final List<String> PULL_ACTIONS = List.of(
            "ecr:BatchCheckLayerAvailability", "ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer");

    private static final Pattern PRINCIPAL_ARN = Pattern.compile(
            "arn:aws(-cn|-us-gov|-iso|-iso-b)?:(iam::\\d{12}:(root|(role|user)/[\\w+=,.@/-]+)"
                    + "|sts::\\d{12}:assumed-role/[\\w+=,.@-]+/[\\w+=,.@-]+)");
    private static final Pattern ORGANIZATION = Pattern.compile("o-[a-z0-9]{10,32}");
    private static final Pattern SERVICE = Pattern.compile("[a-z0-9-]+(\\.[a-z0-9-]+)*\\.amazonaws\\.com(\\.cn)?");

    public PullPolicy {
        accounts = List.copyOf(accounts);
        principals = List.copyOf(principals);
        organizations = List.copyOf(organizations);
        services = List.copyOf(services);
    }

    public boolean isEmpty() {
        return accounts.isEmpty() && principals.isEmpty() && organizations.isEmpty() && services.isEmpty();
    }

    /**
     * Checks every entry and renders the policy: one statement for the listed accounts, roles, users and services,
     * and one for the organizations (a {@code aws:PrincipalOrgID} condition on principal {@code *}, which would
     * otherwise also narrow the named principals).
     */
    public PolicyDocument render(String parameter, boolean allowPublicAccess) throws InvalidConfigurationException {
        if (isEmpty()) {
            throw new InvalidConfigurationException(parameter, "names nobody; list at least one of <accounts>, "
                    + "<principals>, <organizations> or <services>, or remove <pullPolicy>");
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
                throw new InvalidConfigurationException(parameter + "/principals", "\"" + principal + "\" is not "
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
                throw new InvalidConfigurationException(parameter + "/services", "\"" + service + "\" is not an "
                        + "AWS service principal; use a name like lambda.amazonaws.com");
            }
            services.add(s);
        }
        List<String> orgs = new ArrayList<>();
        for (String organization : organizations) {
            String o = organization == null ? "" : organization.trim();
            if (!ORGANIZATION.matcher(o).matches()) {
                throw new InvalidConfigurationException(parameter + "/organizations", "\"" + organization
                        + "\" is not an AWS Organizations ID; it looks like o-a1b2c3d4e5");
            }
            orgs.add(o);
        }
        if (everyone && !allowPublicAccess) {
            throw new InvalidConfigurationException(parameter + "/principals", "the principal \"*\" lets every AWS "
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
            Map<String, Object> condition = Map.of("StringEquals",
                    Map.of("aws:PrincipalOrgID", orgs.size() == 1 ? orgs.get(0) : orgs));
            statements.add(statement("AllowPullFromOrganization", "*", condition));
        }
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("Version", "2012-10-17");
        document.put("Statement", statements);
        return PolicyDocument.of(document);
    }

    private static Map<String, Object> statement(String sid, Object principal, Object condition) {
        Map<String, Object> statement = new LinkedHashMap<>();
        statement.put("Sid", sid);
        statement.put("Effect", "Allow");
        statement.put("Principal", principal);
        statement.put("Action", PULL_ACTIONS);
        if (condition != null) {
            statement.put("Condition", condition);
        }
        return statement;
    }
}

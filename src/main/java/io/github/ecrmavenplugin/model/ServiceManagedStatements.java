package io.github.ecrmavenplugin.model;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Repository policy statements that AWS services add and rely on, kept even when the POM's policy replaces the
 * rest ({@link PolicyMode#REPLACE}). Removing one breaks the service without a word: Lambda, for one, fails the next
 * update of a function whose image it can no longer read.
 *
 * <p>Source: AWS Lambda Developer Guide, "Create a Lambda function using a container image", section "Amazon ECR
 * permissions": when a function is created from an image, Lambda adds the statement
 * {@code LambdaECRImageRetrievalPolicy} (same account) or {@code LambdaECRImageCrossAccountRetrievalPolicy} (a
 * function in another account) to the repository policy: principal {@code lambda.amazonaws.com}, the actions
 * {@code ecr:BatchGetImage} and {@code ecr:GetDownloadUrlForLayer}, and for another account's functions a condition
 * on {@code aws:sourceArn}. These are the only statements AWS documents as added to a repository policy by a
 * service; a new one goes here, with its source.
 *
 * <p>A Sid is only a name anyone can write: a statement is Lambda's when its content is what Lambda writes. Under
 * the same Sid, a statement granting more (another principal, another action, a condition on other keys) is an
 * ordinary statement of someone else's, replaced in {@code replace} mode.
 */
public final class ServiceManagedStatements {

    /** Sid of a service-managed statement, and who manages it and why, for the build log. */
    static final Map<String, String> BY_SID = Map.of(
            "LambdaECRImageRetrievalPolicy",
            "AWS Lambda adds it when a function is created from this repository's image",
            "LambdaECRImageCrossAccountRetrievalPolicy",
            "AWS Lambda adds it when a function in another account is created from this repository's image");

    private static final Set<String> ELEMENTS = Set.of("Sid", "Effect", "Principal", "Action", "Condition");
    private static final Set<String> LAMBDA_ACTIONS = Set.of("ecr:batchgetimage", "ecr:getdownloadurlforlayer");
    /** Keys that tie Lambda's pull to the functions it acts for (lower case: condition keys ignore case). */
    private static final Set<String> SOURCE_KEYS =
            Set.of("aws:sourcearn", "aws:sourceaccount", "aws:sourceorgid", "aws:sourceorgpaths");
    /** Operators that compare with the listed values only. */
    private static final Set<String> MATCHING_OPERATORS = Set.of("stringequals", "stringlike", "arnequals", "arnlike");

    private ServiceManagedStatements() {}

    /** Who manages the statement and why, when an AWS service does; empty for everyone else's statements. */
    public static Optional<String> managedBy(Map<String, Object> statement) {
        return PolicyDocument.sid(statement).map(BY_SID::get).filter(why -> isLambdasPull(statement));
    }

    /**
     * Whether the statement is what Lambda writes: an {@code Allow} for the principal {@code lambda.amazonaws.com}
     * alone, of Lambda's two pull actions alone, with no condition but on the source of the request.
     */
    private static boolean isLambdasPull(Map<String, Object> statement) {
        return ELEMENTS.containsAll(statement.keySet())
                && "Allow".equals(statement.get("Effect"))
                && statement.get("Principal") instanceof Map<?, ?> principal
                && principal.keySet().equals(Set.of("Service"))
                && strings(principal.get("Service")).equals(Set.of("lambda.amazonaws.com"))
                && strings(statement.get("Action")).equals(LAMBDA_ACTIONS)
                && onlySourceConditions(statement.get("Condition"));
    }

    private static boolean onlySourceConditions(Object condition) {
        if (condition == null) {
            return true;
        }
        if (!(condition instanceof Map<?, ?> operators)) {
            return false;
        }
        for (Map.Entry<?, ?> operator : operators.entrySet()) {
            if (!MATCHING_OPERATORS.contains(String.valueOf(operator.getKey()).toLowerCase(Locale.ROOT))
                    || !(operator.getValue() instanceof Map<?, ?> keys)
                    || !SOURCE_KEYS.containsAll(strings(List.copyOf(keys.keySet())))) {
                return false;
            }
        }
        return true;
    }

    /** A string or a list of strings as a set, in lower case; a set holding {@code null} for anything else. */
    private static Set<String> strings(Object value) {
        List<?> values = value instanceof List<?> list ? list : java.util.Collections.singletonList(value);
        return values.stream()
                .map(v -> v instanceof String s ? s.toLowerCase(Locale.ROOT) : null)
                .collect(Collectors.toSet());
    }
}

package io.github.ecrmavenplugin.reconcile;

/** Repository policies as JSON text, for the tests of plans: each statement written as what sets it apart. */
final class PolicyJson {

    private PolicyJson() {}

    /** A policy of the current policy language version, 2012-10-17, with these statements. */
    static String policy(String... statements) {
        return "{\"Version\":\"2012-10-17\",\"Statement\":[" + String.join(",", statements) + "]}";
    }

    /** A statement that allows one AWS principal (an account's root or a role, by ARN) one action. */
    static String allow(String sid, String principal, String action) {
        return """
                {"Sid":"%s","Effect":"Allow","Principal":{"AWS":"%s"},"Action":"%s"}""".formatted(sid, principal, action);
    }
}

package io.github.ecrmavenplugin.emulator;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * The part of AWS STS that the plugin uses, {@code AssumeRole}, in STS's wire protocol (the AWS query protocol):
 * {@code POST /} with a form-encoded body ({@code Action=AssumeRole&Version=2011-06-15&RoleArn=...}), signed with
 * SigV4 for the service {@code sts}, answered in XML. Errors are {@code <ErrorResponse>} documents, which the SDK
 * maps by their {@code <Code>}.
 */
final class StsProtocolHandler {

    static final String FORM = "application/x-www-form-urlencoded";
    private static final String NS = "https://sts.amazonaws.com/doc/2011-06-15/";
    private static final Pattern ROLE_ARN = Pattern.compile("arn:aws[a-z-]*:iam::\\d{12}:role/[\\w+=,.@/-]{1,512}");
    private static final Pattern SESSION_NAME = Pattern.compile("[\\w+=,.@-]{2,64}");

    private final String accountId;
    private final Identities sessions;
    private final Faults faults;
    private final Consumer<EmulatorCall> callLog;
    private final Map<String, String> secretKeys;

    StsProtocolHandler(
            String accountId,
            Identities sessions,
            Faults faults,
            Consumer<EmulatorCall> callLog,
            Map<String, String> secretKeys) {
        this.accountId = accountId;
        this.sessions = sessions;
        this.faults = faults;
        this.callLog = callLog;
        this.secretKeys = Map.copyOf(secretKeys);
    }

    void handle(HttpExchange exchange) throws IOException {
        long start = System.nanoTime();
        String requestId = UUID.randomUUID().toString();
        try (exchange) {
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            Map<String, String> form = parseForm(new String(body, StandardCharsets.UTF_8));
            String action = form.get("Action");
            SignatureCheck.Authorization auth = null;
            int status = 200;
            String errorType = null;
            String response;
            try {
                if ("AssumeRoleWithWebIdentity".equals(action)) {
                    // Unsigned, as in STS: the web identity token is the proof.
                    response = assumeRoleWithWebIdentity(form, requestId);
                    callLog.accept(new EmulatorCall(
                            action,
                            null,
                            null,
                            null,
                            200,
                            null,
                            start,
                            System.nanoTime(),
                            requestId,
                            EcrProtocolHandler.userAgent(exchange)));
                    send(exchange, 200, requestId, response);
                    return;
                }
                auth = SignatureCheck.parse(exchange.getRequestHeaders().getFirst("Authorization"), "sts");
                authenticate(exchange, auth, body);
                if (!"AssumeRole".equals(action)) {
                    throw new EcrError(
                            "InvalidAction",
                            400,
                            "Could not find operation " + action + " for version " + form.get("Version"));
                }
                if (faults.denies("AssumeRole")) {
                    throw new EcrError(
                            "AccessDenied",
                            403,
                            "User: arn:aws:iam::" + accountId + ":user/ci is not "
                                    + "authorized to perform: sts:AssumeRole on resource: " + form.get("RoleArn"));
                }
                response = assumeRole(form, auth.accessKeyId(), requestId);
            } catch (EcrError e) {
                status = e.status();
                errorType = e.type();
                response = "<ErrorResponse xmlns=\"" + NS + "\"><Error><Type>" + (status >= 500 ? "Receiver" : "Sender")
                        + "</Type><Code>" + e.type() + "</Code><Message>" + xml(e.getMessage())
                        + "</Message></Error><RequestId>" + requestId + "</RequestId></ErrorResponse>";
            }
            callLog.accept(new EmulatorCall(
                    action,
                    null,
                    auth == null ? null : auth.accessKeyId(),
                    auth == null ? null : auth.region(),
                    status,
                    errorType,
                    start,
                    System.nanoTime(),
                    requestId,
                    EcrProtocolHandler.userAgent(exchange)));
            send(exchange, status, requestId, response);
        }
    }

    private static void send(HttpExchange exchange, int status, String requestId, String response) throws IOException {
        byte[] bytes = response.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/xml");
        exchange.getResponseHeaders().set("x-amzn-RequestId", requestId);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    /**
     * {@code AssumeRoleWithWebIdentity}, as CI jobs with OIDC call it: any non-blank token is accepted (the emulator
     * trusts every identity provider); the session's caller is {@code web-identity}.
     */
    private String assumeRoleWithWebIdentity(Map<String, String> form, String requestId) {
        if (faults.takeIdpCommunicationError()) {
            throw new EcrError(
                    "IDPCommunicationError",
                    400,
                    "The request could not be fulfilled because the identity provider (IDP) that was asked to verify "
                            + "the incoming identity token could not be reached.");
        }
        String roleArn = form.get("RoleArn");
        String sessionName = form.get("RoleSessionName");
        String token = form.get("WebIdentityToken");
        if (roleArn == null || sessionName == null || token == null || token.isBlank()) {
            throw new EcrError(
                    "MissingParameter",
                    400,
                    "The request must contain the parameter "
                            + (roleArn == null
                                    ? "RoleArn"
                                    : sessionName == null ? "RoleSessionName" : "WebIdentityToken"));
        }
        if (!ROLE_ARN.matcher(roleArn).matches()
                || !SESSION_NAME.matcher(sessionName).matches()) {
            throw new EcrError("ValidationError", 400, "1 validation error detected: RoleArn or RoleSessionName");
        }
        Identities.Session session = sessions.issue(
                roleArn,
                sessionName,
                null,
                "web-identity",
                Instant.now().plusSeconds(3600).truncatedTo(ChronoUnit.SECONDS));
        return "<AssumeRoleWithWebIdentityResponse xmlns=\"" + NS + "\"><AssumeRoleWithWebIdentityResult>"
                + "<SubjectFromWebIdentityToken>emulator</SubjectFromWebIdentityToken>"
                + assumedRoleUserAndCredentials(roleArn, sessionName, session)
                + "<Provider>emulator</Provider><Audience>sts.amazonaws.com</Audience>"
                + "</AssumeRoleWithWebIdentityResult>"
                + "<ResponseMetadata><RequestId>" + requestId + "</RequestId></ResponseMetadata>"
                + "</AssumeRoleWithWebIdentityResponse>";
    }

    /** Known callers must sign correctly; temporary credentials (role chaining) must bring their token. */
    private void authenticate(HttpExchange exchange, SignatureCheck.Authorization auth, byte[] body) {
        var session = sessions.find(auth.accessKeyId());
        String secret = sessions.secretOf(auth.accessKeyId()).orElseGet(() -> secretKeys.get(auth.accessKeyId()));
        if (session.isPresent()
                && !session.get()
                        .sessionToken()
                        .equals(exchange.getRequestHeaders().getFirst("X-Amz-Security-Token"))) {
            throw new EcrError("InvalidClientTokenId", 403, "The security token included in the request is invalid.");
        }
        if (secret == null && !secretKeys.isEmpty()) {
            throw new EcrError("InvalidClientTokenId", 403, "The security token included in the request is invalid.");
        }
        if (secret != null) {
            SignatureCheck.verify(
                    auth,
                    secret,
                    exchange.getRequestMethod(),
                    exchange.getRequestURI().getRawPath(),
                    exchange.getRequestURI().getRawQuery(),
                    exchange.getRequestHeaders(),
                    body,
                    faults.now());
        }
    }

    private String assumeRole(Map<String, String> form, String caller, String requestId) {
        String roleArn = form.get("RoleArn");
        String sessionName = form.get("RoleSessionName");
        String externalId = form.get("ExternalId");
        if (roleArn == null || sessionName == null) {
            throw new EcrError(
                    "MissingParameter",
                    400,
                    "The request must contain the parameter " + (roleArn == null ? "RoleArn" : "RoleSessionName"));
        }
        if (!ROLE_ARN.matcher(roleArn).matches()) {
            throw new EcrError(
                    "ValidationError",
                    400,
                    "1 validation error detected: Value '" + roleArn
                            + "' at 'roleArn' failed to satisfy constraint: Member must be a valid role ARN");
        }
        if (!SESSION_NAME.matcher(sessionName).matches()) {
            throw new EcrError(
                    "ValidationError",
                    400,
                    "1 validation error detected: Value '" + sessionName
                            + "' at 'roleSessionName' failed to satisfy constraint: Member must satisfy regular expression "
                            + "pattern: [\\w+=,.@-]*");
        }
        int duration = form.containsKey("DurationSeconds") ? Integer.parseInt(form.get("DurationSeconds")) : 3600;
        if (duration < 900 || duration > 43200) {
            throw new EcrError("ValidationError", 400, "The requested DurationSeconds exceeds the allowed range");
        }
        sessions.requiredExternalId(roleArn).ifPresent(required -> {
            if (!required.equals(externalId)) {
                throw new EcrError(
                        "AccessDenied",
                        403,
                        "User: arn:aws:iam::" + accountId + ":user/ci is not "
                                + "authorized to perform: sts:AssumeRole on resource: " + roleArn);
            }
        });
        Identities.Session session = sessions.issue(
                roleArn,
                sessionName,
                externalId,
                caller,
                Instant.now().plusSeconds(duration).truncatedTo(ChronoUnit.SECONDS));
        return "<AssumeRoleResponse xmlns=\"" + NS + "\"><AssumeRoleResult>"
                + assumedRoleUserAndCredentials(roleArn, sessionName, session)
                + "<PackedPolicySize>0</PackedPolicySize></AssumeRoleResult>"
                + "<ResponseMetadata><RequestId>" + requestId + "</RequestId></ResponseMetadata>"
                + "</AssumeRoleResponse>";
    }

    /** The elements every AssumeRole* result has: the assumed role's user and the session's credentials. */
    private static String assumedRoleUserAndCredentials(
            String roleArn, String sessionName, Identities.Session session) {
        String roleName = roleArn.substring(roleArn.lastIndexOf('/') + 1);
        return "<AssumedRoleUser><Arn>arn:aws:sts::" + roleArn.split(":")[4] + ":assumed-role/" + xml(roleName)
                + "/" + xml(sessionName) + "</Arn><AssumedRoleId>AROAEMULATOR0000ROLE:" + xml(sessionName)
                + "</AssumedRoleId></AssumedRoleUser>"
                + "<Credentials><AccessKeyId>" + session.accessKeyId() + "</AccessKeyId>"
                + "<SecretAccessKey>" + xml(session.secretAccessKey()) + "</SecretAccessKey>"
                + "<SessionToken>" + xml(session.sessionToken()) + "</SessionToken>"
                + "<Expiration>" + DateTimeFormatter.ISO_INSTANT.format(session.expiration()) + "</Expiration>"
                + "</Credentials>";
    }

    static Map<String, String> parseForm(String body) {
        Map<String, String> form = new LinkedHashMap<>();
        for (String pair : body.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            form.put(name, value);
        }
        return form;
    }

    private static String xml(String text) {
        return text.replace("&", "&amp;")
                .replace("<", "&lt;")
                .replace(">", "&gt;")
                .replace("\"", "&quot;");
    }
}

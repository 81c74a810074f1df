package io.github.ecrmavenplugin.emulator;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * The part of the AWS IAM Identity Center portal API that an SSO profile's credentials come from,
 * {@code GetRoleCredentials}: {@code GET /federation/credentials?role_name=R&account_id=A} with the cached SSO
 * access token in {@code x-amz-sso_bearer_token} (not signed), answered in JSON with a temporary key. Any non-blank
 * token is accepted; the session's caller is {@code sso}. A client reaches it through the SSO endpoint override
 * ({@code AWS_ENDPOINT_URL_SSO}, or {@code endpoint_url} in a {@code services} section of the config file).
 */
final class SsoPortalHandler {

    static final String PATH = "/federation/credentials";

    private final Identities sessions;
    private final Consumer<EmulatorCall> callLog;

    SsoPortalHandler(Identities sessions, Consumer<EmulatorCall> callLog) {
        this.sessions = sessions;
        this.callLog = callLog;
    }

    void handle(HttpExchange exchange) throws IOException {
        long start = System.nanoTime();
        String requestId = UUID.randomUUID().toString();
        try (exchange) {
            Map<String, String> query = StsProtocolHandler.parseForm(
                    exchange.getRequestURI().getRawQuery() == null
                            ? ""
                            : exchange.getRequestURI().getRawQuery());
            String token = exchange.getRequestHeaders().getFirst("x-amz-sso_bearer_token");
            String roleName = query.get("role_name");
            String accountId = query.get("account_id");
            int status;
            String errorType = null;
            String body;
            if (token == null || token.isBlank()) {
                status = 401;
                errorType = "UnauthorizedException";
                body = "{\"message\":\"Session token not found or invalid\"}";
            } else if (roleName == null || accountId == null || !accountId.matches("\\d{12}")) {
                status = 400;
                errorType = "InvalidRequestException";
                body = "{\"message\":\"role_name and a 12-digit account_id are required\"}";
            } else {
                Identities.Session session = sessions.issue(
                        "arn:aws:iam::" + accountId + ":role/" + roleName,
                        "sso",
                        null,
                        "sso",
                        Instant.now().plusSeconds(3600).truncatedTo(ChronoUnit.SECONDS));
                status = 200;
                body = "{\"roleCredentials\":{\"accessKeyId\":\"" + session.accessKeyId()
                        + "\",\"secretAccessKey\":\"" + session.secretAccessKey() + "\",\"sessionToken\":\""
                        + session.sessionToken() + "\",\"expiration\":"
                        + session.expiration().toEpochMilli() + "}}";
            }
            callLog.accept(new EmulatorCall(
                    "GetRoleCredentials",
                    null,
                    null,
                    null,
                    status,
                    errorType,
                    start,
                    System.nanoTime(),
                    requestId,
                    EcrProtocolHandler.userAgent(exchange)));
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.getResponseHeaders().set("x-amzn-RequestId", requestId);
            if (errorType != null) {
                exchange.getResponseHeaders().set("x-amzn-ErrorType", errorType);
            }
            exchange.sendResponseHeaders(status, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }
}

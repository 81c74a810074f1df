package io.github.ecrmavenplugin.emulator;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import software.amazon.awssdk.protocols.jsoncore.JsonWriter;

/**
 * Plain-HTTP control of the emulator under {@code /_emulator/}, for tests that run in another process (Maven
 * integration builds and their verify scripts) and so cannot use the Java API. No signing is needed.
 *
 * <pre>
 * GET    /_emulator/calls          the call log, as a JSON array
 * DELETE /_emulator/calls          clear the call log
 * GET    /_emulator/repositories   every repository's state, as a JSON array
 * GET    /_emulator/sts-sessions   the roles assumed through STS: roleArn, sessionName, externalId,
 *                                  callerAccessKeyId, accessKeyId (no secrets), as a JSON array
 * POST   /_emulator/identities     {"accessKeyId":..,"secretAccessKey":..}: check that key's signatures
 * POST   /_emulator/repositories   seed (create or replace) one repository from the same JSON shape
 *                                  ({@code images}: tags with push, pull and archive dates)
 * POST   /_emulator/faults         add faults, see {@link StateJson#applyFaults}
 * POST   /_emulator/lifecycle-preview  {"durationMillis":N}: how long a lifecycle preview stays in progress
 * POST   /_emulator/scanning       {"repositoryName":..,"pendingMillis":..,"inProgressMillis":..,"outcome":..,
 *                                  "scanType":..,"fixture":..,"description":..}: a {@link ScanPlan} (no
 *                                  repositoryName: for every repository)
 * POST   /_emulator/images         {"repositoryName":..,"imageTag":..,"imageDigest":..}: register a pushed image
 * POST   /_emulator/registry-scanning {"scanType":..,"rules":[{"scanFrequency":..,"filters":[..]}]}: the registry's
 *                                  scanning configuration
 * POST   /_emulator/signing        {"rules":[{"signingProfileArn":..,"filters":[..]}]}: the registry's signing
 *                                  configuration (no rules: none); {"repositoryName":..,"inProgressMillis":..,
 *                                  "outcome":..,"failureCode":..,"failureReason":..}: how images pushed to a
 *                                  repository (none named: to every other one) are signed
 * POST   /_emulator/basic-scans    {"left":N}: how many more basic scans ECR starts today
 * POST   /_emulator/registry-events the docker registry's push notifications (its config's notifications
 *                                  endpoint): each manifest pushed becomes an image, see {@link #registryEvents}
 * POST   /_emulator/registry-settings/{Operation}  the request JSON of CreateRepositoryCreationTemplate,
 *                                  CreatePullThroughCacheRule or PutReplicationConfiguration: set up the registry as
 *                                  a platform team would, without a call in the log
 * POST   /_emulator/reset          forget all repositories, registry settings, calls and faults
 * POST   /_emulator/shutdown       stop the emulator
 * GET    /_emulator/health         {"status":"ok","port":N}
 * </pre>
 */
final class ControlApiHandler implements HttpHandler {

    static final String PREFIX = "/_emulator/";

    private final EcrEmulator emulator;

    ControlApiHandler(EcrEmulator emulator) {
        this.emulator = emulator;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            String route = exchange.getRequestMethod() + " "
                    + exchange.getRequestURI()
                            .getPath()
                            .substring(PREFIX.length())
                            .replaceAll("/+$", "");
            try {
                switch (route) {
                    case "GET calls" -> send(exchange, 200, StateJson.calls(emulator.calls()));
                    case "DELETE calls" -> {
                        emulator.clearCalls();
                        send(exchange, 200, ok());
                    }
                    case "GET sts-sessions" -> send(exchange, 200, stsSessions());
                    case "POST identities" -> {
                        RequestBody request = RequestBody.parse(body);
                        emulator.identities()
                                .add(request.requiredString("accessKeyId"), request.requiredString("secretAccessKey"));
                        send(exchange, 200, ok());
                    }
                    case "GET repositories" -> send(exchange, 200, StateJson.repositories(emulator.repositories()));
                    case "POST repositories" -> {
                        RepositoryState state = emulator.seedRepository(StateJson.seed(RequestBody.parse(body)));
                        send(exchange, 200, StateJson.repository(state));
                    }
                    case "POST lambda-functions" -> {
                        emulator.lambdaFunctionCreated(RequestBody.parse(body).requiredString("repositoryName"));
                        send(exchange, 200, ok());
                    }
                    case "POST lifecycle-preview" -> {
                        emulator.lifecyclePreviewDuration(java.time.Duration.ofMillis(RequestBody.parse(body)
                                .integer("durationMillis")
                                .orElse(300)));
                        send(exchange, 200, ok());
                    }
                    case "POST faults" -> {
                        StateJson.applyFaults(RequestBody.parse(body), emulator.faults());
                        send(exchange, 200, ok());
                    }
                    case "POST scanning" -> {
                        RequestBody request = RequestBody.parse(body);
                        emulator.scanPlan(request.string("repositoryName").orElse(null), StateJson.scanPlan(request));
                        send(exchange, 200, ok());
                    }
                    case "POST images" -> {
                        RequestBody request = RequestBody.parse(body);
                        if (!emulator.registerPush(
                                request.requiredString("repositoryName"),
                                request.string("imageTag").orElse(null),
                                request.string("imageDigest").orElse(null),
                                null)) {
                            throw new IllegalArgumentException("no repository "
                                    + request.string("repositoryName").orElseThrow());
                        }
                        send(exchange, 200, ok());
                    }
                    case "POST registry-scanning" -> {
                        RequestBody request = RequestBody.parse(body);
                        emulator.registryScanning(
                                request.string("scanType").orElse("BASIC"), rules(request, "scanFrequency"));
                        send(exchange, 200, ok());
                    }
                    case "POST signing" -> {
                        RequestBody request = RequestBody.parse(body);
                        if (request.field("rules").isPresent()) {
                            emulator.signingRules(rules(request, "signingProfileArn"));
                        } else {
                            emulator.signingPlan(
                                    request.string("repositoryName").orElse(null),
                                    java.time.Duration.ofMillis(
                                            request.integer("inProgressMillis").orElse(200)),
                                    request.string("outcome").orElse("COMPLETE"),
                                    request.string("failureCode").orElse(null),
                                    request.string("failureReason").orElse(null));
                        }
                        send(exchange, 200, ok());
                    }
                    case "POST basic-scans" -> {
                        emulator.basicScansLeft(
                                RequestBody.parse(body).integer("left").orElse(0));
                        send(exchange, 200, ok());
                    }
                    case "POST registry-events" -> {
                        registryEvents(RequestBody.parse(body));
                        send(exchange, 200, ok());
                    }
                    case "POST reset" -> {
                        emulator.reset();
                        send(exchange, 200, ok());
                    }
                    case "POST shutdown" -> {
                        send(exchange, 200, ok());
                        // Stopping waits for exchanges to finish, this one included, so it cannot run here.
                        Thread stopper = new Thread(emulator::close, "ecr-emulator-shutdown");
                        stopper.start();
                    }
                    case "GET health" -> {
                        JsonWriter out = JsonWriter.create();
                        out.writeStartObject()
                                .writeFieldName("status")
                                .writeValue("ok")
                                .writeFieldName("port")
                                .writeValue(emulator.port())
                                .writeEndObject();
                        send(exchange, 200, out.getBytes());
                    }
                    default -> {
                        if (route.startsWith("POST registry-settings/")) {
                            String operation = route.substring("POST registry-settings/".length());
                            send(
                                    exchange,
                                    200,
                                    emulator.seedRegistrySetting(operation, new String(body, StandardCharsets.UTF_8))
                                            .getBytes(StandardCharsets.UTF_8));
                        } else {
                            send(exchange, 404, error("No control endpoint " + route));
                        }
                    }
                }
            } catch (EcrError | IllegalArgumentException e) {
                send(exchange, 400, error(e.getMessage()));
            } catch (RuntimeException e) {
                e.printStackTrace();
                send(exchange, 500, error(e.toString()));
            }
        }
    }

    /**
     * Distribution's notification envelope, {@code {"events":[{"action":"push","target":{"mediaType":..,
     * "digest":..,"size":..,"repository":..,"tag":..}}]}}: a pushed manifest (not a layer) is an image.
     */
    private void registryEvents(RequestBody envelope) {
        for (RequestBody event : envelope.objects("events").orElse(java.util.List.of())) {
            Optional<RequestBody> target = event.object("target");
            boolean manifest = target.flatMap(t -> t.string("mediaType"))
                    .filter(type -> type.contains("manifest") || type.contains("image.index"))
                    .isPresent();
            if (!"push".equals(event.string("action").orElse("")) || !manifest) {
                continue;
            }
            RequestBody t = target.get();
            emulator.registerPush(
                    t.requiredString("repository"),
                    t.string("tag").orElse(null),
                    t.requiredString("digest"),
                    t.integer("size").map(Integer::longValue).orElse(null));
        }
    }

    /** {@code "rules":[{<what>:..,"filters":[..]}]} as seeding rules. */
    private static EcrEmulator.RegistryRule[] rules(RequestBody request, String what) {
        return request.objects("rules").orElse(java.util.List.of()).stream()
                .map(rule -> new EcrEmulator.RegistryRule(
                        rule.requiredString(what), rule.strings("filters").orElse(java.util.List.of())))
                .toArray(EcrEmulator.RegistryRule[]::new);
    }

    private byte[] stsSessions() {
        JsonWriter out = JsonWriter.create();
        out.writeStartArray();
        for (Identities.Session session : emulator.identities().all()) {
            out.writeStartObject()
                    .writeFieldName("roleArn")
                    .writeValue(session.roleArn())
                    .writeFieldName("sessionName")
                    .writeValue(session.sessionName());
            if (session.externalId() != null) {
                out.writeFieldName("externalId").writeValue(session.externalId());
            }
            out.writeFieldName("callerAccessKeyId")
                    .writeValue(session.callerAccessKeyId())
                    .writeFieldName("accessKeyId")
                    .writeValue(session.accessKeyId())
                    .writeEndObject();
        }
        out.writeEndArray();
        return out.getBytes();
    }

    private static byte[] ok() {
        return "{\"status\":\"ok\"}".getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] error(String message) {
        JsonWriter out = JsonWriter.create();
        out.writeStartObject()
                .writeFieldName("error")
                .writeValue(String.valueOf(message))
                .writeEndObject();
        return out.getBytes();
    }

    private static void send(HttpExchange exchange, int status, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }
}

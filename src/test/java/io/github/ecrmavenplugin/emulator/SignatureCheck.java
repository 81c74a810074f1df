package io.github.ecrmavenplugin.emulator;

import com.sun.net.httpserver.Headers;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * AWS Signature Version 4, as far as the emulator needs it: reading the {@code Authorization} header (who is
 * calling, in which region) and, when the emulator knows the caller's secret key, checking the signature.
 */
final class SignatureCheck {

    static final String ALGORITHM = "AWS4-HMAC-SHA256";

    private SignatureCheck() {}

    /** What an {@code Authorization: AWS4-HMAC-SHA256 Credential=..., SignedHeaders=..., Signature=...} says. */
    record Authorization(
            String accessKeyId,
            String date,
            String region,
            String service,
            List<String> signedHeaders,
            String signature) {

        String scope() {
            return date + "/" + region + "/" + service + "/aws4_request";
        }
    }

    static Authorization parse(String header) {
        return parse(header, "ecr");
    }

    /** Reads the header of a request to {@code service} ({@code ecr}, {@code sts}). */
    static Authorization parse(String header, String service) {
        if (header == null || header.isBlank()) {
            throw new EcrError("MissingAuthenticationTokenException", 403, "Missing Authentication Token");
        }
        if (!header.startsWith(ALGORITHM + " ")) {
            throw incomplete("Unsupported authorization algorithm; only " + ALGORITHM + " is accepted");
        }
        Map<String, String> parts = new HashMap<>();
        for (String part : header.substring(ALGORITHM.length() + 1).split(",")) {
            int eq = part.indexOf('=');
            if (eq > 0) {
                parts.put(part.substring(0, eq).trim(), part.substring(eq + 1).trim());
            }
        }
        String credential = parts.get("Credential");
        String signedHeaders = parts.get("SignedHeaders");
        String signature = parts.get("Signature");
        if (credential == null || signedHeaders == null || signature == null) {
            throw incomplete("Authorization header requires 'Credential', 'SignedHeaders' and 'Signature'");
        }
        String[] scope = credential.split("/");
        if (scope.length != 5 || scope[0].isEmpty() || !scope[4].equals("aws4_request")) {
            throw incomplete("Credential should be scoped to a valid region, like 'us-east-1': " + credential);
        }
        if (!scope[3].equals(service)) {
            throw incomplete("Credential should be scoped to correct service: '" + service + "'");
        }
        return new Authorization(
                scope[0], scope[1], scope[2], scope[3], Arrays.asList(signedHeaders.split(";")), signature);
    }

    /**
     * Recomputes the signature with {@code secretKey} and compares it with the one sent. The canonical request
     * is built from the headers the client said it signed, so any header or body change in transit shows.
     */
    static void verify(
            Authorization auth,
            String secretKey,
            String method,
            String path,
            String query,
            Headers headers,
            byte[] body,
            java.time.Instant now) {
        String amzDate = headers.getFirst("X-Amz-Date");
        if (amzDate == null || !amzDate.startsWith(auth.date())) {
            throw incomplete("X-Amz-Date is missing or does not match the credential scope date");
        }
        checkTime(amzDate, now);
        StringBuilder canonicalHeaders = new StringBuilder();
        for (String name : auth.signedHeaders()) {
            List<String> values = headers.get(name);
            if (values == null) {
                throw incomplete("Signed header '" + name + "' is missing from the request");
            }
            canonicalHeaders
                    .append(name)
                    .append(':')
                    .append(String.join(
                            ",",
                            values.stream()
                                    .map(v -> v.trim().replaceAll(" +", " "))
                                    .toList()))
                    .append('\n');
        }
        String payloadHash = headers.getFirst("X-Amz-Content-Sha256");
        if (payloadHash == null || payloadHash.equals("UNSIGNED-PAYLOAD")) {
            payloadHash = hex(sha256(body));
        }
        String canonicalRequest = method + "\n" + (path.isEmpty() ? "/" : path) + "\n" + canonicalQuery(query) + "\n"
                + canonicalHeaders + "\n" + String.join(";", auth.signedHeaders()) + "\n" + payloadHash;
        String stringToSign = ALGORITHM + "\n" + amzDate + "\n" + auth.scope() + "\n"
                + hex(sha256(canonicalRequest.getBytes(StandardCharsets.UTF_8)));
        byte[] key = hmac(("AWS4" + secretKey).getBytes(StandardCharsets.UTF_8), auth.date());
        key = hmac(key, auth.region());
        key = hmac(key, auth.service());
        key = hmac(key, "aws4_request");
        String expected = hex(hmac(key, stringToSign));
        if (!MessageDigest.isEqual(
                expected.getBytes(StandardCharsets.US_ASCII), auth.signature().getBytes(StandardCharsets.US_ASCII))) {
            throw new EcrError(
                    "InvalidSignatureException",
                    403,
                    "The request signature we calculated does not "
                            + "match the signature you provided. Check your AWS Secret Access Key and signing method.");
        }
    }

    /** AWS's words, and code, for a signature made more than 5 minutes before or after its own time. */
    private static void checkTime(String amzDate, java.time.Instant now) {
        java.time.format.DateTimeFormatter format = java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
                .withZone(java.time.ZoneOffset.UTC);
        java.time.Instant signed;
        try {
            signed = java.time.Instant.from(format.parse(amzDate));
        } catch (java.time.format.DateTimeParseException e) {
            throw incomplete("X-Amz-Date is not a date of the form yyyyMMdd'T'HHmmss'Z': " + amzDate);
        }
        java.time.Duration window = java.time.Duration.ofMinutes(5);
        if (signed.isBefore(now.minus(window))) {
            throw new EcrError(
                    "InvalidSignatureException",
                    400,
                    "Signature expired: " + amzDate + " is now earlier than " + format.format(now.minus(window)) + " ("
                            + format.format(now) + " - 5 min.)");
        }
        if (signed.isAfter(now.plus(window))) {
            throw new EcrError(
                    "InvalidSignatureException",
                    400,
                    "Signature not yet current: " + amzDate + " is still later than " + format.format(now.plus(window))
                            + " (" + format.format(now) + " + 5 min.)");
        }
    }

    private static String canonicalQuery(String query) {
        if (query == null || query.isEmpty()) {
            return "";
        }
        return String.join(
                "&",
                Arrays.stream(query.split("&"))
                        .map(p -> p.contains("=") ? p : p + "=")
                        .sorted()
                        .toList());
    }

    private static EcrError incomplete(String message) {
        return new EcrError("IncompleteSignatureException", 400, message);
    }

    private static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] hmac(byte[] key, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }
}

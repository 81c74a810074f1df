package io.github.ecrmavenplugin.aws;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;

/**
 * AWS Signature Version 4 for the plugin's own calls (ECR's direct reads, STS's {@code AssumeRole}): a POST of a
 * body, with the headers the caller names, signed for one service in one region. It is the plugin's own rather than the SDK's {@code AwsV4HttpSigner} because the
 * SDK's signer brings about 150 classes (its identity, checksum and utility modules) into every build for this one
 * step (BENCHMARKS.md); it produces the same headers as the SDK's signer, which {@code SigV4Test} checks for each
 * request shape the plugin sends, and ECR's emulator checks every signature it receives.
 *
 * <p>Nothing here logs: the canonical request holds the session token.
 */
final class SigV4 {

    private static final String ALGORITHM = "AWS4-HMAC-SHA256";

    private final String service;
    private final String region;
    private final Clock clock;

    SigV4(String service, String region, Clock clock) {
        this.service = service;
        this.region = region;
        this.clock = clock;
    }

    /**
     * The headers that sign a POST of {@code payload} to {@code url}: {@code X-Amz-Date}, {@code
     * x-amz-content-sha256} (the payload's hash, which the SDK's signer sends too), {@code X-Amz-Security-Token}
     * with temporary credentials, and {@code Authorization}. The signature covers these, {@code headers}, and
     * {@code Host}, which the JDK's HTTP client writes itself with the value signed here.
     */
    Map<String, String> sign(URI url, Map<String, String> headers, byte[] payload, AwsCredentials credentials) {
        String dateTime = basicDateTime(clock.instant().getEpochSecond());
        String date = dateTime.substring(0, 8);
        String payloadHash = hex(sha256(payload));
        Map<String, String> added = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        added.put("X-Amz-Date", dateTime);
        added.put("x-amz-content-sha256", payloadHash);
        if (credentials instanceof AwsSessionCredentials session) {
            added.put("X-Amz-Security-Token", session.sessionToken());
        }
        // Canonical headers: lower-case names in order, values trimmed with inner runs of spaces made one.
        Map<String, String> signed = new TreeMap<>();
        signed.put("host", host(url));
        for (Map<String, String> part : List.of(headers, added)) {
            part.forEach((name, value) ->
                    signed.put(name.toLowerCase(Locale.ROOT), value.trim().replaceAll(" +", " ")));
        }
        StringBuilder canonical =
                new StringBuilder("POST\n").append(canonicalPath(url)).append("\n\n");
        signed.forEach((name, value) ->
                canonical.append(name).append(':').append(value).append('\n'));
        String signedNames = String.join(";", signed.keySet());
        canonical.append('\n').append(signedNames).append('\n').append(payloadHash);

        String scope = date + "/" + region + "/" + service + "/aws4_request";
        String stringToSign = ALGORITHM + "\n" + dateTime + "\n" + scope + "\n"
                + hex(sha256(canonical.toString().getBytes(StandardCharsets.UTF_8)));
        String signature = hex(chainedHmac(
                ("AWS4" + credentials.secretAccessKey()).getBytes(StandardCharsets.UTF_8),
                date,
                region,
                service,
                "aws4_request",
                stringToSign));
        added.put(
                "Authorization",
                ALGORITHM + " Credential=" + credentials.accessKeyId() + "/" + scope + ", SignedHeaders=" + signedNames
                        + ", Signature=" + signature);
        return added;
    }

    /** HMAC-SHA256 of each part in turn, keyed with the previous result: the signing key, then the signature. */
    private static byte[] chainedHmac(byte[] secret, String... parts) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            byte[] key = secret;
            for (String part : parts) {
                mac.init(new SecretKeySpec(key, "HmacSHA256"));
                key = mac.doFinal(part.getBytes(StandardCharsets.UTF_8));
            }
            return key;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JVM has no HmacSHA256", e);
        }
    }

    /**
     * {@code yyyyMMdd'T'HHmmss'Z'} in UTC, written out by hand: a {@code DateTimeFormatter} would load some 60 classes
     * into the build for this one string.
     */
    static String basicDateTime(long epochSecond) {
        LocalDateTime t = LocalDateTime.ofEpochSecond(epochSecond, 0, ZoneOffset.UTC);
        return t.getYear() + twoDigits(t.getMonthValue()) + twoDigits(t.getDayOfMonth()) + "T" + twoDigits(t.getHour())
                + twoDigits(t.getMinute()) + twoDigits(t.getSecond()) + "Z";
    }

    private static String twoDigits(int value) {
        return value < 10 ? "0" + value : Integer.toString(value);
    }

    /** {@code host}, or {@code host:port} for a port that is not the scheme's own, as HTTP clients send it. */
    private static String host(URI url) {
        int port = url.getPort();
        boolean standard = port == -1
                || (port == 443 && "https".equalsIgnoreCase(url.getScheme()))
                || (port == 80 && "http".equalsIgnoreCase(url.getScheme()));
        return standard ? url.getHost() : url.getHost() + ":" + port;
    }

    /**
     * The path, dot segments removed, URI-encoded once more (every service but S3 signs the encoded path encoded
     * again); {@code /} for none.
     */
    private static String canonicalPath(URI url) {
        String path = url.normalize().getRawPath();
        if (path == null || path.isEmpty()) {
            return "/";
        }
        StringBuilder encoded = new StringBuilder();
        for (byte b : path.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if (c == '/'
                    || c == '-'
                    || c == '_'
                    || c == '.'
                    || c == '~'
                    || (c >= 'a' && c <= 'z')
                    || (c >= 'A' && c <= 'Z')
                    || (c >= '0' && c <= '9')) {
                encoded.append(c);
            } else {
                encoded.append('%').append(HexFormat.of().withUpperCase().toHexDigits(b));
            }
        }
        return encoded.toString();
    }

    private static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JVM has no SHA-256", e);
        }
    }

    private static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }
}

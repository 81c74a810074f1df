package io.github.ecrmavenplugin.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;

/** The plugin's signer produces, header for header, what the SDK's SigV4 signer produces for the same request. */
class SigV4Test {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-30T23:59:58Z"), ZoneOffset.UTC);

    @ParameterizedTest(name = "{0} {1} {2}, session token: {3}")
    @CsvSource(delimiter = '|', textBlock = """
            https://api.ecr.eu-west-1.amazonaws.com             | eu-west-1      | DescribeRepositories | false | {"repositoryNames":["team/service"]}
            https://api.ecr.us-east-1.amazonaws.com/            | us-east-1      | GetRepositoryPolicy  | true  | {"repositoryName":"a/b"}
            https://api.ecr.us-east-1.amazonaws.com:443         | us-east-1      | GetLifecyclePolicy   | true  | {}
            http://127.0.0.1:41507                              | ap-southeast-2 | DescribeRepositories | false | {"repositoryNames":["ü/é"]}
            http://localhost:80/                                | us-west-2      | DescribeImages       | true  | {"repositoryName":"x","imageIds":[{"imageTag":"1.0"}]}
            https://vpce-0a1b.api.ecr.eu-central-1.vpce.amazonaws.com:8443/ecr/ | eu-central-1 | DescribeRepositories | false | {}
            https://proxy.example.com/a%20b/./c/../ecr          | us-east-1      | DescribeRepositories | true  | {}
            """)
    void signsAsTheSdkSigns(String url, String region, String operation, boolean session, String body) {
        URI uri = URI.create(url);
        AwsCredentials credentials = session
                ? AwsSessionCredentials.create("ASIAEXAMPLE", "secret/with+chars", "token  with   spaces==")
                : AwsBasicCredentials.create("AKIAEXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY");
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/x-amz-json-1.1");
        headers.put("X-Amz-Target", "AmazonEC2ContainerRegistry_V20150921." + operation);
        assertSignedAsTheSdkSigns("ecr", region, uri, headers, body.getBytes(StandardCharsets.UTF_8), credentials);
    }

    @ParameterizedTest(name = "STS AssumeRole at {0}")
    @CsvSource({"https://sts.eu-west-1.amazonaws.com, eu-west-1", "http://127.0.0.1:41507/, us-east-1"})
    void signsStsFormsAsTheSdkSigns(String url, String region) {
        byte[] form = ("Action=AssumeRole&Version=2011-06-15&RoleArn=arn%3Aaws%3Aiam%3A%3A123456789012%3Arole%2Fci"
                        + "&RoleSessionName=ecr-maven-plugin&ExternalId=ext-42")
                .getBytes(StandardCharsets.UTF_8);
        assertSignedAsTheSdkSigns(
                "sts",
                region,
                URI.create(url),
                Map.of("Content-Type", "application/x-www-form-urlencoded; charset=utf-8"),
                form,
                AwsBasicCredentials.create("AKIAEXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"));
    }

    private static void assertSignedAsTheSdkSigns(
            String service,
            String region,
            URI uri,
            Map<String, String> headers,
            byte[] payload,
            AwsCredentials credentials) {
        Map<String, String> ours = new SigV4(service, region, CLOCK).sign(uri, headers, payload, credentials);

        SdkHttpRequest.Builder request =
                SdkHttpRequest.builder().method(SdkHttpMethod.POST).uri(uri);
        headers.forEach(request::putHeader);
        SdkHttpRequest sdk = AwsV4HttpSigner.create()
                .sign(r -> r.identity(credentials)
                        .request(request.build())
                        .payload(ContentStreamProvider.fromByteArrayUnsafe(payload))
                        .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, service)
                        .putProperty(AwsV4HttpSigner.REGION_NAME, region)
                        .putProperty(HttpSigner.SIGNING_CLOCK, CLOCK))
                .request();
        Map<String, String> theirs = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        sdk.forEachHeader((name, values) -> {
            if (!headers.containsKey(name) && !name.equalsIgnoreCase("Host")) {
                theirs.put(name, String.join(",", values));
            }
        });
        assertEquals(theirs, ours);
        assertEquals(sdk.firstMatchingHeader("Host").orElseThrow(), hostTheJdkSends(uri));
    }

    @ParameterizedTest(name = "changing the {0} changes the signature")
    @CsvSource({"region", "service", "payload", "secret", "time"})
    void theSignatureCoversWhatItMust(String change) {
        URI url = URI.create("https://api.ecr.eu-west-1.amazonaws.com/");
        Map<String, String> headers = Map.of("X-Amz-Target", "AmazonEC2ContainerRegistry_V20150921.Describe");
        AwsCredentials key = AwsBasicCredentials.create("AKIAEXAMPLE", "secret");
        String base = new SigV4("ecr", "eu-west-1", CLOCK)
                .sign(url, headers, new byte[0], key)
                .get("Authorization");
        Map<String, String> signed = switch (change) {
            case "region" -> new SigV4("ecr", "eu-west-2", CLOCK).sign(url, headers, new byte[0], key);
            case "service" -> new SigV4("sts", "eu-west-1", CLOCK).sign(url, headers, new byte[0], key);
            case "payload" -> new SigV4("ecr", "eu-west-1", CLOCK).sign(url, headers, new byte[] {'{', '}'}, key);
            case "secret" ->
                new SigV4("ecr", "eu-west-1", CLOCK)
                        .sign(url, headers, new byte[0], AwsBasicCredentials.create("AKIAEXAMPLE", "secret2"));
            default ->
                new SigV4("ecr", "eu-west-1", Clock.offset(CLOCK, java.time.Duration.ofSeconds(1)))
                        .sign(url, headers, new byte[0], key);
        };
        assertNotEquals(base, signed.get("Authorization"));
        assertFalse(base.contains("secret"), "the secret key is never in a header");
    }

    @ParameterizedTest
    @CsvSource({
        "0, 19700101T000000Z",
        "1796083198, 20261130T235958Z",
        "951782400, 20000229T000000Z",
        "253402300799, 99991231T235959Z",
        "1704067205, 20240101T000005Z"
    })
    void writesTheBasicDateTimeInUtc(long epochSecond, String expected) {
        assertEquals(expected, SigV4.basicDateTime(epochSecond));
    }

    /** What {@code HttpURLConnection} writes as {@code Host}: the port only when it is not the scheme's own. */
    private static String hostTheJdkSends(URI uri) {
        int port = uri.getPort();
        int standard = uri.getScheme().equals("https") ? 443 : 80;
        return port == -1 || port == standard ? uri.getHost() : uri.getHost() + ":" + port;
    }
}

package io.github.ecrmavenplugin.aws;

import java.io.IOException;
import java.io.StringReader;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;

/** What STS answers to {@code AssumeRole} and {@code AssumeRoleWithWebIdentity}, read from its XML. */
final class StsAnswer {

    private static final Set<String> FIELDS =
            Set.of("AccessKeyId", "SecretAccessKey", "SessionToken", "Expiration", "Code", "Message", "RequestId");

    private StsAnswer() {}

    /** What a refusal means to the user, from STS's error code, request ID and message. */
    interface Refusal {
        CredentialsException explain(String code, String requestId, String message);
    }

    /**
     * The temporary key of a successful answer.
     *
     * @param source  how the SDK's providers name these credentials ({@link CredentialSources})
     * @param refusal explains an answer that asking again would not change
     * @throws ExchangedCredentials.TryAgain for an answer worth asking again for (a 5xx, a throttle, an identity
     *                                       provider out of reach)
     * @throws CredentialsException          for a refusal
     */
    static AwsSessionCredentials read(DirectHttp.Reply reply, String source, Refusal refusal) throws IOException {
        Map<String, String> answer = fields(reply.body());
        if (reply.status() == 200) {
            return credentials(answer, source);
        }
        String code = answer.getOrDefault("Code", "HTTP " + reply.status());
        if (reply.status() >= 500 || code.startsWith("Throttling") || "IDPCommunicationError".equals(code)) {
            throw new ExchangedCredentials.TryAgain("STS answered " + code);
        }
        throw refusal.explain(code, answer.get("RequestId"), answer.get("Message"));
    }

    /** The first text of each field STS's answers (success or error) hold; {@code <ErrorResponse>} or result. */
    private static Map<String, String> fields(String xml) throws IOException {
        Map<String, String> found = new HashMap<>();
        if (xml.isBlank()) {
            return found;
        }
        XMLInputFactory factory = XMLInputFactory.newFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        try {
            XMLStreamReader reader = factory.createXMLStreamReader(new StringReader(xml));
            while (reader.hasNext()) {
                if (reader.next() == XMLStreamConstants.START_ELEMENT
                        && FIELDS.contains(reader.getLocalName())
                        && !found.containsKey(reader.getLocalName())) {
                    found.put(reader.getLocalName(), reader.getElementText().trim());
                }
            }
            return found;
        } catch (XMLStreamException e) {
            throw new IOException("STS answered with something that is not XML", e);
        }
    }

    private static AwsSessionCredentials credentials(Map<String, String> answer, String source) throws IOException {
        String keyId = answer.get("AccessKeyId");
        String secret = answer.get("SecretAccessKey");
        String token = answer.get("SessionToken");
        if (keyId == null || secret == null || token == null) {
            throw new IOException("STS answered without credentials");
        }
        AwsSessionCredentials.Builder credentials = AwsSessionCredentials.builder()
                .accessKeyId(keyId)
                .secretAccessKey(secret)
                .sessionToken(token)
                .providerName(source);
        try {
            Optional.ofNullable(answer.get("Expiration")).map(Instant::parse).ifPresent(credentials::expirationTime);
        } catch (DateTimeParseException e) {
            throw new IOException("STS answered with an expiration it cannot read", e);
        }
        return credentials.build();
    }
}

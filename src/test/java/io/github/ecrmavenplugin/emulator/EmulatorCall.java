package io.github.ecrmavenplugin.emulator;

/**
 * One ECR API call as the emulator saw it. The log is in the order the calls were answered.
 *
 * @param operation      the operation from {@code X-Amz-Target}, e.g. {@code CreateRepository}
 * @param repositoryName the repository named in the request ({@code repositoryName} or the one in
 *                       {@code resourceArn}); {@code null} when the request names none
 * @param accessKeyId    from the SigV4 credential scope; {@code null} when the request was not signed
 * @param region         from the SigV4 credential scope; {@code null} when the request was not signed
 * @param httpStatus     the status answered, or {@link #CONNECTION_DROPPED} when the connection was closed
 *                       without an answer
 * @param errorType      the {@code __type} of an error answer, {@code null} on success
 * @param startNanos     {@link System#nanoTime()} when the request arrived
 * @param endNanos       {@link System#nanoTime()} when the answer was ready to send (or the connection was
 *                       dropped); the call is logged at that moment, so a client holding its answer finds it
 * @param requestId      the {@code x-amzn-RequestId} answered
 * @param userAgent      the caller's {@code User-Agent}: tells the SDK's calls ({@code aws-sdk-java/...}) from the
 *                       plugin's direct reads ({@code ecr-maven-plugin/...})
 */
public record EmulatorCall(
        String operation,
        String repositoryName,
        String accessKeyId,
        String region,
        int httpStatus,
        String errorType,
        long startNanos,
        long endNanos,
        String requestId,
        String userAgent) {

    /** The {@link #httpStatus()} of a call whose connection the emulator closed without answering. */
    public static final int CONNECTION_DROPPED = 0;

    /** The {@link #errorType()} of a call whose connection the emulator closed without answering. */
    public static final String DROPPED_ERROR_TYPE = "ConnectionDropped";

    public boolean succeeded() {
        return httpStatus == 200;
    }
}

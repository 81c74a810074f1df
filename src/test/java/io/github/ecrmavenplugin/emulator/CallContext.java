package io.github.ecrmavenplugin.emulator;

/** Who made an ECR call and where: read from the SigV4 credential scope of the request. */
record CallContext(String requestId, String accessKeyId, String region) {}

/**
 * A test-side emulator of Amazon ECR's API, so that the plugin's tests run against ECR's real wire protocol
 * (AWS JSON 1.1, SigV4-signed) without an AWS account.
 *
 * <p>In-process: {@link io.github.ecrmavenplugin.emulator.EcrEmulator} (state, call log, seeding,
 * {@link io.github.ecrmavenplugin.emulator.Faults}). In another process:
 * {@link io.github.ecrmavenplugin.emulator.EmulatorMain}, controlled over plain HTTP under {@code /_emulator/}
 * (see {@code ControlApiHandler}):
 *
 * <pre>
 * mvn -q test-compile dependency:build-classpath -Dmdep.outputFile=target/test-cp.txt -Dmdep.includeScope=test
 * java -cp target/test-classes:$(cat target/test-cp.txt) io.github.ecrmavenplugin.emulator.EmulatorMain \
 *     --port 0 --port-file target/ecr.port --registry-host 127.0.0.1:5443 --exit-with-parent
 * </pre>
 *
 * <p>What it deliberately reproduces of real ECR: modeled error types and message shapes, name/tag/policy
 * validation as ECR's current service model states it (names of its {@code RepositoryName} pattern, the archive
 * lifecycle grammar), repository policies returned pretty-printed and lifecycle policies compacted (never the bytes
 * sent), and lifecycle policy previews ({@code StartLifecyclePolicyPreview}, {@code GetLifecyclePolicyPreview})
 * evaluated over seeded images with their push, pull and archive dates ({@code LifecyclePreviews}), and the
 * registry's scanning and signing configurations ({@code RegistryRules}, {@code RegistryRuleOperations}): which
 * repositories scanning rules cover (their documented wildcard matching), basic scans on request once a day per
 * image, and the signing of each pushed image by the signing rules that cover its repository. What it does
 * not: a docker registry (images exist only when seeded), regions as separate registries (one registry serves every
 * region; ARNs carry the region of the creating request), running lifecycle policies on a schedule.
 */
package io.github.ecrmavenplugin.emulator;

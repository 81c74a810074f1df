import java.lang.management.ClassLoadingMXBean;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProviderChain;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.auth.credentials.SystemPropertyCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ecr.EcrClient;

/**
 * Where a cold JVM's time goes when it first talks to ECR: each step of what the plugin does, one after the other,
 * with wall time, process CPU time and classes loaded. Used to choose what to attack (see BENCHMARKS.md).
 *
 * <pre>
 * java -cp "$(cat bench/target/test-classpath.txt):bench/target/classes" bench/StartupProbe.java \
 *     http://127.0.0.1:PORT [default|env|plugin]
 * </pre>
 * with AWS_REGION and AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY set, against the emulator bench/run.sh starts
 * (or TestEnvironmentMain --no-registry). {@code default} resolves credentials through the SDK's whole default
 * chain, as the plugin does; {@code env} through only its first two links (system properties, environment), a
 * remedy that was tried and dropped: it only moves class loading later (see BENCHMARKS.md); {@code plugin} takes
 * the plugin's own read path (credentials resolved once, reads sent directly), whatever the credential source the
 * environment holds.
 */
public final class StartupProbe {

    private static final com.sun.management.OperatingSystemMXBean OS =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    private static final ClassLoadingMXBean CLASSES = ManagementFactory.getClassLoadingMXBean();
    private static long wall = System.nanoTime();
    private static long cpu = OS.getProcessCpuTime();
    private static long classes = CLASSES.getTotalLoadedClassCount();

    public static void main(String[] args) {
        URI endpoint = URI.create(args[0]);
        String mode = args.length > 1 ? args[1] : "default";
        boolean env = mode.equals("env");
        mark("JVM start to main (not counted below)");
        if (mode.equals("plugin")) {
            plugin(endpoint);
            return;
        }
        Region region = Region.of(System.getenv().getOrDefault("AWS_REGION", "us-east-1"));
        mark("region");
        AwsCredentialsProvider credentials = env
                ? AwsCredentialsProviderChain.of(
                        SystemPropertyCredentialsProvider.create(), EnvironmentVariableCredentialsProvider.create())
                : DefaultCredentialsProvider.builder().build();
        credentials.resolveCredentials();
        mark("credentials resolved (" + (env ? "env" : "default chain") + ")");
        var http = UrlConnectionHttpClient.builder()
                .connectionTimeout(Duration.ofSeconds(5))
                .build();
        mark("URL-connection HTTP client (TLS set-up)");
        EcrClient ecr = EcrClient.builder()
                .region(region)
                .credentialsProvider(credentials)
                .httpClient(http)
                .endpointOverride(endpoint)
                .build();
        mark("EcrClient.build()");
        call(() -> ecr.describeRepositories(r -> r.repositoryNames("probe/absent")));
        mark("first call (DescribeRepositories)");
        call(() -> ecr.getRepositoryPolicy(r -> r.repositoryName("probe/absent")));
        mark("first call of a second operation");
        for (int i = 0; i < 10; i++) {
            call(() -> ecr.describeRepositories(r -> r.repositoryNames("probe/absent")));
        }
        mark("10 more calls");
    }

    /**
     * The plugin's own read path, as a steady-state build takes it: region and credentials resolved once
     * ({@code EcrClients}), then the reads, sent directly where there is a direct route.
     */
    private static void plugin(URI endpoint) {
        var key = io.github.ecrmavenplugin.aws.ClientKey.of(new io.github.ecrmavenplugin.aws.ConnectionSettings(
                java.util.Optional.empty(),
                java.util.Optional.of(endpoint),
                java.util.Optional.empty(),
                3,
                Duration.ofSeconds(20)));
        var registry = io.github.ecrmavenplugin.aws.Registries.connect(key, null, message -> {})
                .registry();
        mark("region and credentials resolved, registry opened");
        registry.describe(java.util.List.of("probe/absent"));
        mark("first call (DescribeRepositories)");
        registry.repositoryPolicy("probe/absent");
        mark("first call of a second operation");
        for (int i = 0; i < 10; i++) {
            registry.describe(java.util.List.of("probe/absent"));
        }
        mark("10 more calls");
        io.github.ecrmavenplugin.aws.EcrClients.closeAll();
    }

    private static void call(Runnable call) {
        try {
            call.run();
        } catch (RuntimeException expected) {
            // the repository does not exist: a full round trip all the same
        }
    }

    private static void mark(String step) {
        long nowWall = System.nanoTime();
        long nowCpu = OS.getProcessCpuTime();
        long nowClasses = CLASSES.getTotalLoadedClassCount();
        System.out.printf(
                "%-42s wall %5d ms   cpu %5d ms   classes %5d%n",
                step, (nowWall - wall) / 1_000_000, (nowCpu - cpu) / 1_000_000, nowClasses - classes);
        wall = nowWall;
        cpu = nowCpu;
        classes = nowClasses;
    }
}

import io.github.ecrmavenplugin.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.function.IntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The benchmark driver, run by {@code bench/run.sh} (which builds the plugin and starts the ECR emulator first).
 *
 * <p>For each injected latency it runs, interleaved so that a noisy moment hurts every scenario alike:
 * (a) {@code mvn package} of a small project without the plugin, (b) the same with the plugin, steady state,
 * (c) the same checks in a shell step with the AWS CLI, the creation path (a new repository each run); then
 * reactors of 1/5/20 modules under {@code -T 4}, with and without the plugin. Each scenario gets one unmeasured
 * warm-up run, then {@code --runs} measured ones. Per run it records wall time, the goal's own time (from Maven's
 * timestamped log: the goal's "---" header to its outcome line) and the emulator's call log, whose calls are
 * grouped into round-trip waves (calls whose [start, end] intervals overlap form one wave).
 */
public final class Bench {

    private static final DateTimeFormatter LOG_TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS", Locale.ROOT);
    private static final Pattern GOAL_HEADER = Pattern.compile(
            "^(\\d\\d:\\d\\d:\\d\\d\\.\\d{3}) \\[INFO\\] --- ecr-maven-plugin:\\S+:ensure-repository .*@ (\\S+) ---");
    private static final Pattern GOAL_OUTCOME =
            Pattern.compile("^(\\d\\d:\\d\\d:\\d\\d\\.\\d{3}) \\[INFO\\] ECR repository (\\S+) .*: ");

    private final Options options;
    private final HttpClient http = HttpClient.newHttpClient();
    private final String emulatorUrl;
    /** The emulator's TLS port and the trust store for its certificate, for the (b-tls) scenario. */
    private final String emulatorHttpsUrl;

    private final String trustStore;
    private final List<String> lines = new ArrayList<>();

    private Bench(Options options) throws IOException {
        this.options = options;
        Properties environment = new Properties();
        try (var in = Files.newBufferedReader(options.environmentFile)) {
            environment.load(in);
        }
        this.emulatorUrl = environment.getProperty("emulator.url");
        this.emulatorHttpsUrl = environment.getProperty("emulator.httpsUrl");
        this.trustStore = environment.getProperty("emulator.trustStore");
    }

    public static void main(String[] args) throws Exception {
        Bench bench = new Bench(Options.parse(args));
        if (bench.options.scenarios.equals("sources")) {
            bench.runSources();
        } else {
            bench.run();
        }
    }

    private void run() throws Exception {
        Path work = options.work;
        Files.createDirectories(work.resolve("logs"));
        Path project = copyProject(options.benchDir.resolve("project"), work.resolve("project"));
        Map<Integer, Path> reactors = new LinkedHashMap<>();
        for (int modules : options.modules) {
            reactors.put(modules, reactor(work.resolve("reactor-" + modules), modules));
        }

        say(
                "Benchmark: %d measured runs per scenario (+1 warm-up), latencies %s ms, reactors %s under -T %d",
                options.runs, options.latencies, options.modules, options.threads);
        say("Emulator: %s", emulatorUrl);
        setLatency(0);
        // Fills the benchmark's local repository (online) and creates the steady-state repositories.
        say("Preparing: resolving plugins into %s, creating the steady-state repositories", options.repository);
        maven(project, "prepare", false, List.of("-Pecr"));
        maven(project, "prepare", false, List.of());
        for (var reactor : reactors.entrySet()) {
            maven(reactor.getValue(), "prepare", false, List.of("-Pecr", "-T", Integer.toString(options.threads)));
        }
        seedCliRepository();

        List<Result> results = new ArrayList<>();
        for (int latency : options.latencies) {
            setLatency(latency);
            say("%n== injected latency %d ms per call ==", latency);
            Result plain = new Result("(a) mvn package, no plugin", latency);
            Result steady = new Result("(b) mvn package + ensure-repository, steady", latency);
            Result warmed = new Result("(b') mvn package + warm-up + ensure-repository, steady", latency);
            Result tls = new Result("(b-tls) as (b), to the emulator's HTTPS port", latency);
            Result cli = new Result("(c) AWS CLI shell step (3 calls)", latency);
            Result create = new Result("creation path (new repository)", latency);
            for (int i = 0; i <= options.runs; i++) {
                boolean warmUp = i == 0;
                record(plain, warmUp, () -> maven(project, "a-" + latency, true, List.of()));
                record(steady, warmUp, () -> maven(project, "b-" + latency, true, List.of("-Pecr")));
                record(warmed, warmUp, () -> maven(project, "bw-" + latency, true, List.of("-Pecr,warm-up")));
                if (emulatorHttpsUrl != null) {
                    // Real ECR endpoints are HTTPS: the JVM's TLS start-up is part of a real build's cost.
                    record(
                            tls,
                            warmUp,
                            () -> maven(
                                    project,
                                    "bt-" + latency,
                                    true,
                                    List.of(
                                            "-Pecr",
                                            "-Decr.endpoint=" + emulatorHttpsUrl,
                                            "-Djavax.net.ssl.trustStore=" + trustStore,
                                            "-Djavax.net.ssl.trustStorePassword=changeit")));
                }
                record(cli, warmUp, () -> awsCli("c-" + latency));
                String name = "bench/create-" + latency + "-" + System.currentTimeMillis() + "-" + i;
                record(
                        create,
                        warmUp,
                        () -> maven(
                                project, "create-" + latency, true, List.of("-Pecr", "-Dbench.repository=" + name)));
            }
            results.addAll(List.of(plain, steady, warmed));
            if (emulatorHttpsUrl != null) {
                results.add(tls);
            }
            results.addAll(List.of(cli, create));
            say("%s", plain.line());
            say("%s", steady.line());
            say("%s", warmed.line());
            if (emulatorHttpsUrl != null) {
                say("%s", tls.line());
            }
            say("%s", cli.line());
            say("%s", create.line());
            if (latency != options.reactorLatency()) {
                continue;
            }
            for (var reactor : reactors.entrySet()) {
                int modules = reactor.getKey();
                List<String> parallel = List.of("-T", Integer.toString(options.threads));
                Result without = new Result(modules + "-module reactor -T " + options.threads + ", no plugin", latency);
                Result with = new Result(modules + "-module reactor -T " + options.threads + " + plugin", latency);
                List<String> withPlugin = new ArrayList<>(parallel);
                withPlugin.add("-Pecr");
                for (int i = 0; i <= options.runs; i++) {
                    boolean warmUp = i == 0;
                    record(without, warmUp, () -> maven(reactor.getValue(), "r" + modules + "-a", true, parallel));
                    record(with, warmUp, () -> maven(reactor.getValue(), "r" + modules + "-b", true, withPlugin));
                }
                results.addAll(List.of(without, with));
                say("%s", without.line());
                say("%s", with.line());
            }
        }
        report(results);
    }

    // ---- credential sources ----------------------------------------------------------------------------------

    /**
     * The steady state for each credential source over HTTPS, as ECR always is, beside {@code mvn package} alone,
     * the one-request floor plugin and the AWS CLI's three-call check over HTTPS, all interleaved in each round; then
     * {@code warm-up} and the creation path (its round-trip waves). With {@code --before-version}, each plugin row
     * runs for that version too (the plugin built from an earlier commit), interleaved with this one.
     */
    private void runSources() throws Exception {
        Path work = options.work;
        Files.createDirectories(work.resolve("logs"));
        Path project = copyProject(options.benchDir.resolve("project"), work.resolve("project"));
        writeCredentialFiles();
        List<String> versions = new ArrayList<>(List.of(options.pluginVersion));
        if (options.beforeVersion != null) {
            versions.add(options.beforeVersion);
        }
        say(
                "Benchmark: credential sources %s over HTTPS, plugin %s, %d measured round(s) (+%d unmeasured), "
                        + "interleaved",
                options.sources, versions, options.runs, options.unmeasuredRounds);
        say("Emulator: %s", emulatorHttpsUrl);
        setLatency(0);
        List<String> tls = List.of(
                "-Decr.endpoint=" + emulatorHttpsUrl,
                "-Djavax.net.ssl.trustStore=" + trustStore,
                "-Djavax.net.ssl.trustStorePassword=changeit");
        for (String version : versions) {
            maven(project, "prepare", false, List.of("-Pecr,warm-up"), Map.of(), version);
        }
        maven(project, "prepare", false, List.of("-Pfloor-warm", "-Dfloor.url=" + emulatorUrl));
        seedCliRepository();

        Result plain = new Result("(a) mvn package, no plugin", 0);
        Result cliTls = new Result("(c) AWS CLI step (3 calls), HTTPS", 0);
        Result floor = new Result("(f) floor: one request, nothing else, HTTPS", 0);
        Result floorWarm = new Result("(f') floor started at validate, HTTPS", 0);
        Map<String, Result> results = new LinkedHashMap<>();
        int unmeasured = options.unmeasuredRounds;
        for (int i = 1 - unmeasured; i <= options.runs; i++) {
            boolean warmUp = i <= 0;
            record(plain, warmUp, () -> maven(project, "a", true, List.of()));
            record(cliTls, warmUp, () -> awsCli("c-tls", true));
            for (Result result : List.of(floor, floorWarm)) {
                List<String> args = new ArrayList<>(
                        List.of(result == floor ? "-Pfloor" : "-Pfloor-warm", "-Dfloor.url=" + emulatorHttpsUrl));
                args.addAll(tls.subList(1, 3));
                record(result, warmUp, () -> maven(project, label(result.scenario), true, args));
            }
            for (String version : versions) {
                String who = version.equals(options.pluginVersion) ? "after" : "before";
                for (String source : options.sources) {
                    measureSource(project, results, who + ": " + source, version, source, "-Pecr", tls, warmUp);
                }
                measureSource(
                        project,
                        results,
                        who + ": environment + warm-up",
                        version,
                        "environment",
                        "-Pecr,warm-up",
                        tls,
                        warmUp);
                String name = "bench/create-" + who + "-" + System.currentTimeMillis() + "-" + i;
                List<String> create = new ArrayList<>(List.of("-Pecr", "-Dbench.repository=" + name));
                create.addAll(tls);
                Result creation = results.computeIfAbsent(
                        who + ": creation path (new repository), environment", n -> new Result(n, 0));
                record(
                        creation,
                        warmUp,
                        () -> maven(
                                project,
                                label(creation.scenario),
                                true,
                                create,
                                environment("environment", true),
                                version));
            }
            say("round %d of %d done (%s)", i, options.runs, warmUp ? "warm-up, not counted" : "measured");
            if (!warmUp) {
                // After every round, so that a run cut short still leaves what it measured.
                writeSources(plain, cliTls, floor, floorWarm, results.values(), i);
            }
        }
    }

    private void measureSource(
            Path project,
            Map<String, Result> results,
            String name,
            String version,
            String source,
            String profiles,
            List<String> tls,
            boolean warmUp)
            throws Exception {
        Result result = results.computeIfAbsent(name, n -> new Result(n, 0));
        List<String> args = new ArrayList<>(List.of(profiles));
        args.addAll(tls);
        args.addAll(mavenArgs(source));
        record(result, warmUp, () -> maven(project, label(name), true, args, environment(source, true), version));
    }

    private void writeSources(
            Result plain,
            Result cliTls,
            Result floor,
            Result floorWarm,
            java.util.Collection<Result> results,
            int rounds)
            throws IOException {
        List<String> table = new ArrayList<>();
        table.add("After " + rounds + " measured round(s); load average now "
                + Files.readString(Path.of("/proc/loadavg")).trim());
        table.add("");
        table.add("| scenario | wall, median | wall, min–max | CPU, median | goal's own time, median | waves "
                + "| calls | added to (a): wall, CPU | ratio to the floor (f): wall, CPU "
                + "| ratio to the AWS CLI step: wall, CPU |");
        table.add("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        table.add(sourceRow(plain, plain, null, null));
        table.add(sourceRow(cliTls, plain, null, null));
        table.add(sourceRow(floor, plain, null, cliTls));
        table.add(sourceRow(floorWarm, plain, floor, cliTls));
        for (Result result : results) {
            table.add(sourceRow(result, plain, floor, cliTls));
        }
        table.add("");
        table.add("Goal: the plugin's steady state over HTTPS at or below the floor (ratio ≤ 1.00), in one wave.");
        say("%n%s", String.join("\n", table));
        List<String> file = new ArrayList<>(lines);
        file.add(0, "Machine: " + machine());
        Files.write(options.work.resolve("results-sources.md"), file, StandardCharsets.UTF_8);
        say("Written to %s", options.work.resolve("results-sources.md"));
    }

    private static String label(String name) {
        return name.replaceAll("[^a-zA-Z0-9]+", "-");
    }

    private static String sourceRow(Result result, Result plain, Result floor, Result cli) {
        // A CLI step adds its whole self to a build.
        boolean step = result.scenario.contains("CLI");
        double added = step ? result.median() : result.median() - plain.median();
        double addedCpu = step ? result.cpuMedian() : result.cpuMedian() - plain.cpuMedian();
        return String.format(
                Locale.ROOT,
                "| %s | %.2f s | %.2f–%.2f s | %.2f s | %s | %s | %s | %s | %s | %s |",
                result.scenario,
                result.median(),
                Result.min(result.seconds),
                Result.max(result.seconds),
                result.cpuMedian(),
                result.goalMillis.isEmpty() ? "–" : result.goalMedian() + " ms",
                Result.range(result.waves),
                Result.range(result.calls),
                result == plain ? "–" : String.format(Locale.ROOT, "%.0f ms, %.0f ms", added * 1000, addedCpu * 1000),
                ratio(result, plain, floor, "**%.2f**, %.2f"),
                ratio(result, plain, cli, "%.2f, %.2f"));
    }

    /** What {@code result} adds to {@code plain}, as a multiple of what {@code other} adds (a CLI step: its whole). */
    private static String ratio(Result result, Result plain, Result other, String format) {
        if (other == null || result == plain || result == other) {
            return "–";
        }
        boolean step = other.scenario.contains("CLI");
        double wall = step ? other.median() : other.median() - plain.median();
        double cpu = step ? other.cpuMedian() : other.cpuMedian() - plain.cpuMedian();
        return String.format(
                Locale.ROOT,
                format,
                (result.median() - plain.median()) / wall,
                (result.cpuMedian() - plain.cpuMedian()) / cpu);
    }

    /** The build's own arguments for a credential source: a settings.xml server, or the role to assume. */
    private static List<String> mavenArgs(String source) {
        return switch (source) {
            case "server" -> List.of("-Decr.serverId=bench-ecr");
            case "role" -> List.of("-Decr.roleArn=arn:aws:iam::123456789012:role/bench-deployer");
            default -> List.of();
        };
    }

    /** What a developer's or a CI job's environment holds for each credential source. */
    private Map<String, String> environment(String source, boolean https) {
        Map<String, String> env = new HashMap<>();
        String endpoint = https ? emulatorHttpsUrl : emulatorUrl;
        if (!source.equals("environment") && !source.equals("role")) {
            env.put("AWS_ACCESS_KEY_ID", null);
            env.put("AWS_SECRET_ACCESS_KEY", null);
        }
        Path home = options.work.resolve("home");
        switch (source) {
            case "environment", "server" -> {}
            // <roleArn>, assumed with the environment's keys
            case "role" -> env.put("AWS_ENDPOINT_URL_STS", endpoint);
            case "profile" -> env.put("AWS_PROFILE", "bench-static");
            case "sso" -> {
                env.put("AWS_PROFILE", "bench-sso");
                env.put("AWS_ENDPOINT_URL_SSO", endpoint);
            }
            case "web-identity" -> {
                env.put(
                        "AWS_WEB_IDENTITY_TOKEN_FILE",
                        home.resolve("oidc-token").toString());
                env.put("AWS_ROLE_ARN", "arn:aws:iam::123456789012:role/bench-ci");
                env.put("AWS_ROLE_SESSION_NAME", "bench");
                env.put("AWS_ENDPOINT_URL_STS", endpoint);
            }
            default ->
                throw new IllegalArgumentException("unknown credential source " + source + "; known: " + SOURCES);
        }
        // The SDK finds ~/.aws/sso/cache through HOME; Maven's own files are named on its command line.
        env.put("HOME", home.toString());
        env.put("AWS_CONFIG_FILE", home.resolve(".aws/config").toString());
        env.put("AWS_SHARED_CREDENTIALS_FILE", home.resolve(".aws/credentials").toString());
        return env;
    }

    /**
     * A home of the benchmark's own: a static-key profile, an SSO profile whose token `aws sso login` would have
     * cached, and a CI job's OIDC token file.
     */
    private void writeCredentialFiles() throws Exception {
        Path aws = Files.createDirectories(options.work.resolve("home/.aws/sso/cache"))
                .getParent()
                .getParent();
        Files.writeString(
                aws.resolve("credentials"),
                "[bench-static]\naws_access_key_id = AKIABENCHPROFILE0000\n"
                        + "aws_secret_access_key = bench-profile-secret-000000000000000000000\n");
        Files.writeString(
                aws.resolve("config"),
                "[profile bench-static]\nregion = us-east-1\n\n"
                        + "[profile bench-sso]\nsso_session = bench\nsso_account_id = 123456789012\n"
                        + "sso_role_name = ecr-push\nregion = us-east-1\n\n[sso-session bench]\nsso_region = us-east-1\n"
                        + "sso_start_url = https://bench.awsapps.com/start\n");
        String cacheName = java.util.HexFormat.of()
                .formatHex(java.security.MessageDigest.getInstance("SHA-1")
                        .digest("bench".getBytes(StandardCharsets.UTF_8)));
        Files.writeString(
                aws.resolve("sso/cache/" + cacheName + ".json"),
                "{\"startUrl\": "
                        + "\"https://bench.awsapps.com/start\", \"region\": \"us-east-1\", \"accessToken\": "
                        + "\"bench-sso-access-token\", \"expiresAt\": \"2099-01-01T00:00:00Z\"}");
        Files.writeString(options.work.resolve("home/oidc-token"), "eyJhbGciOiJSUzI1NiJ9.e30.YmVuY2g");
        // The AWS CLI verifies the emulator's certificate against a PEM bundle.
        java.security.KeyStore store = java.security.KeyStore.getInstance("PKCS12");
        try (var in = Files.newInputStream(Path.of(trustStore).resolveSibling("server.p12"))) {
            store.load(in, "changeit".toCharArray());
        }
        Files.writeString(
                options.work.resolve("emulator.pem"),
                "-----BEGIN CERTIFICATE-----\n"
                        + java.util.Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                                .encodeToString(store.getCertificate("server").getEncoded())
                        + "\n-----END CERTIFICATE-----\n");
    }

    // ---- scenarios -------------------------------------------------------------------------------------------

    /** Runs Maven in {@code project}; returns wall time and the goal's own times read from the log. */
    private Run maven(Path project, String label, boolean measured, List<String> extra) throws Exception {
        return maven(project, label, measured, extra, Map.of());
    }

    /**
     * @param environment variables to set for this build (a {@code null} value removes one); with
     *                    {@code AWS_ENDPOINT_URL_ECR} the endpoint comes from there instead of {@code -Decr.endpoint}
     */
    private Run maven(Path project, String label, boolean measured, List<String> extra, Map<String, String> environment)
            throws Exception {
        return maven(project, label, measured, extra, environment, options.pluginVersion);
    }

    /** As above, with the plugin of {@code pluginVersion} (this work tree's, or the one built from an earlier commit). */
    private Run maven(
            Path project,
            String label,
            boolean measured,
            List<String> extra,
            Map<String, String> environment,
            String pluginVersion)
            throws Exception {
        List<String> command = new ArrayList<>(List.of(
                "mvn",
                "-B",
                "-s",
                options.settings.toString(),
                "-Dmaven.repo.local=" + options.repository,
                "-Dbench.userRepositoryUrl=" + options.userRepository.toUri(),
                "-Dbench.pluginVersion=" + pluginVersion,
                "-Dorg.slf4j.simpleLogger.showDateTime=true",
                "-Dorg.slf4j.simpleLogger.dateTimeFormat=HH:mm:ss.SSS"));
        if (!environment.containsKey("AWS_ENDPOINT_URL_ECR")) {
            command.add("-Decr.endpoint=" + emulatorUrl);
        }
        if (measured) {
            // Everything is resolved by the preparing run; no update checks, so no network call but the goal's.
            // (Not -o: the goal skips itself in offline builds.)
            command.add("-nsu");
        }
        command.addAll(extra);
        command.add("package");
        Path log = options.work.resolve("logs").resolve(label + ".log");
        Timing timing = execute(command, project, log, environment);
        return new Run(timing, goalMillis(Files.readAllLines(log)));
    }

    /** The same checks the usual way: three AWS CLI calls in a shell step, one after the other. */
    private Run awsCli(String label) throws Exception {
        return awsCli(label, false);
    }

    private Run awsCli(String label, boolean https) throws Exception {
        String common = https
                ? " --endpoint-url " + emulatorHttpsUrl + " --ca-bundle " + options.work.resolve("emulator.pem")
                        + " --output json"
                : " --endpoint-url " + emulatorUrl + " --output json";
        String script = String.join(
                " && ",
                options.awsCli + " ecr describe-repositories --repository-names bench/cli" + common,
                options.awsCli + " ecr get-repository-policy --repository-name bench/cli" + common,
                options.awsCli + " ecr get-lifecycle-policy --repository-name bench/cli" + common);
        Path log = options.work.resolve("logs").resolve(label + ".log");
        return new Run(execute(List.of("bash", "-c", script), options.work, log, Map.of()), List.of());
    }

    private Timing execute(List<String> command, Path directory, Path log, Map<String, String> overrides)
            throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(directory.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        Map<String, String> env = builder.environment();
        env.put("AWS_REGION", "us-east-1");
        env.put("AWS_ACCESS_KEY_ID", "AKIABENCHMARK0000000");
        env.put("AWS_SECRET_ACCESS_KEY", "bench-secret-key-000000000000000000000000");
        env.remove("AWS_SESSION_TOKEN");
        env.remove("AWS_PROFILE");
        env.put("AWS_CONFIG_FILE", options.work.resolve("no-aws-config").toString());
        env.put(
                "AWS_SHARED_CREDENTIALS_FILE",
                options.work.resolve("no-aws-credentials").toString());
        env.put("AWS_EC2_METADATA_DISABLED", "true");
        env.put("AWS_PAGER", "");
        overrides.forEach((name, value) -> {
            if (value == null) {
                env.remove(name);
            } else {
                env.put(name, value);
            }
        });
        // `times` prints the CPU time of the command and all its children: a measure that, unlike wall time,
        // hardly moves when other work shares the machine.
        List<String> timed = new ArrayList<>(List.of("bash", "-c", "\"$@\"; status=$?; times; exit $status", "bash"));
        timed.addAll(command);
        builder.command(timed);
        long start = System.nanoTime();
        Process process = builder.start();
        int exit = process.waitFor();
        long elapsed = System.nanoTime() - start;
        if (exit != 0) {
            List<String> output = Files.readAllLines(log);
            output.subList(Math.max(0, output.size() - 40), output.size()).forEach(System.err::println);
            throw new IllegalStateException(String.join(" ", command) + " failed (exit " + exit + "), see " + log);
        }
        return new Timing(elapsed, cpuNanos(Files.readAllLines(log)));
    }

    private static final Pattern TIMES = Pattern.compile("^(\\d+)m([\\d.]+)s (\\d+)m([\\d.]+)s$");

    /** User + system CPU of the children, from the second line of bash's {@code times}. */
    static long cpuNanos(List<String> log) {
        List<String> times =
                log.stream().filter(line -> TIMES.matcher(line).matches()).toList();
        if (times.isEmpty()) {
            return -1;
        }
        Matcher m = TIMES.matcher(times.get(times.size() - 1));
        m.matches();
        double seconds = Integer.parseInt(m.group(1)) * 60
                + Double.parseDouble(m.group(2))
                + Integer.parseInt(m.group(3)) * 60
                + Double.parseDouble(m.group(4));
        return Math.round(seconds * 1e9);
    }

    /** The goal's own time per execution: from its "---" header to its outcome line. */
    static List<Long> goalMillis(List<String> log) {
        Map<String, LocalTime> started = new HashMap<>();
        List<Long> times = new ArrayList<>();
        for (String line : log) {
            Matcher header = GOAL_HEADER.matcher(line);
            if (header.find()) {
                started.put(header.group(2), LocalTime.parse(header.group(1), LOG_TIME));
                continue;
            }
            Matcher outcome = GOAL_OUTCOME.matcher(line);
            if (outcome.find()) {
                String repository = outcome.group(2);
                String artifact = repository.substring(repository.lastIndexOf('/') + 1);
                LocalTime start = started.containsKey(artifact)
                        ? started.remove(artifact)
                        : started.size() == 1
                                ? started.remove(started.keySet().iterator().next())
                                : null;
                if (start != null) {
                    LocalTime end = LocalTime.parse(outcome.group(1), LOG_TIME);
                    times.add(java.time.Duration.between(start, end).toMillis());
                }
            }
        }
        return times;
    }

    // ---- emulator --------------------------------------------------------------------------------------------

    interface Measured {
        Run run() throws Exception;
    }

    private void record(Result result, boolean warmUp, Measured measured) throws Exception {
        control("DELETE", "calls", null);
        Run run = measured.run();
        List<long[]> calls = calls();
        if (!warmUp) {
            result.add(run, waves(calls), calls.size(), inCalls(calls) / 1e6);
        }
    }

    @SuppressWarnings("unchecked")
    private List<long[]> calls() throws Exception {
        List<Map<String, Object>> calls = (List<Map<String, Object>>) Json.parse(control("GET", "calls", null));
        return calls.stream()
                .map(call -> new long[] {
                    ((BigDecimal) call.get("startNanos")).longValueExact(),
                    ((BigDecimal) call.get("endNanos")).longValueExact()
                })
                .toList();
    }

    /** Calls whose [start, end] intervals overlap (directly or through others) form one round-trip wave. */
    static int waves(List<long[]> calls) {
        List<long[]> sorted =
                calls.stream().sorted(Comparator.comparingLong(call -> call[0])).toList();
        int waves = 0;
        long end = Long.MIN_VALUE;
        for (long[] call : sorted) {
            if (call[0] > end) {
                waves++;
                end = call[1];
            } else {
                end = Math.max(end, call[1]);
            }
        }
        return waves;
    }

    /**
     * How long at least one call was in flight (the union of the calls' intervals). Injected latency changes a
     * build's time by exactly this much: the client's own work between waves does not depend on it.
     */
    static long inCalls(List<long[]> calls) {
        List<long[]> sorted =
                calls.stream().sorted(Comparator.comparingLong(call -> call[0])).toList();
        long total = 0;
        long start = Long.MIN_VALUE;
        long end = Long.MIN_VALUE;
        for (long[] call : sorted) {
            if (call[0] > end) {
                total += end - start;
                start = call[0];
                end = call[1];
            } else {
                end = Math.max(end, call[1]);
            }
        }
        return sorted.isEmpty() ? 0 : total + end - start;
    }

    private void setLatency(int millis) throws Exception {
        control("POST", "faults", "{\"latencyMillis\":" + millis + "}");
    }

    private void seedCliRepository() throws Exception {
        String policy = "{\\\"Version\\\":\\\"2012-10-17\\\",\\\"Statement\\\":[{\\\"Sid\\\":\\\"AllowPull\\\","
                + "\\\"Effect\\\":\\\"Allow\\\",\\\"Principal\\\":{\\\"AWS\\\":\\\"arn:aws:iam::210987654321:root\\\"},"
                + "\\\"Action\\\":[\\\"ecr:BatchGetImage\\\",\\\"ecr:GetDownloadUrlForLayer\\\"]}]}";
        String lifecycle = "{\\\"rules\\\":[{\\\"rulePriority\\\":1,\\\"selection\\\":{\\\"tagStatus\\\":"
                + "\\\"untagged\\\",\\\"countType\\\":\\\"sinceImagePushed\\\",\\\"countUnit\\\":\\\"days\\\","
                + "\\\"countNumber\\\":14},\\\"action\\\":{\\\"type\\\":\\\"expire\\\"}}]}";
        control(
                "POST",
                "repositories",
                "{\"name\":\"bench/cli\",\"policyText\":\"" + policy + "\",\"lifecyclePolicyText\":\"" + lifecycle
                        + "\"}");
    }

    private String control(String method, String path, String body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(emulatorUrl + "/_emulator/" + path))
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            throw new IOException(method + " " + path + ": " + response.statusCode() + " " + response.body());
        }
        return response.body();
    }

    // ---- projects --------------------------------------------------------------------------------------------

    private static Path copyProject(Path from, Path to) throws IOException {
        if (Files.exists(to)) {
            try (Stream<Path> old = Files.walk(to)) {
                old.sorted(Comparator.reverseOrder())
                        .forEach(path -> path.toFile().delete());
            }
        }
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : files.toList()) {
                Path target = to.resolve(from.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(file, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        return ownRoot(to);
    }

    /**
     * Makes {@code dir} a project root of its own, as a user's project is: Maven looks upwards for a {@code .mvn}
     * directory and would otherwise take this work tree's, whose jvm.config is for compiling the plugin.
     */
    private static Path ownRoot(Path dir) throws IOException {
        Files.createDirectories(dir.resolve(".mvn"));
        return dir;
    }

    /**
     * A reactor of {@code modules} jar modules, each like the small project and each, with {@code -Pecr},
     * ensuring a repository of its own ({@code bench/r<N>/<module>}).
     */
    private Path reactor(Path dir, int modules) throws IOException {
        IntFunction<String> name = i -> String.format("m%02d", i);
        String single = Files.readString(options.benchDir.resolve("project/pom.xml"));
        StringBuilder list = new StringBuilder();
        for (int i = 1; i <= modules; i++) {
            String module = name.apply(i);
            list.append("    <module>").append(module).append("</module>\n");
            Path moduleDir = dir.resolve(module);
            Files.createDirectories(moduleDir.resolve("src/main/java/bench/" + module));
            Files.writeString(
                    moduleDir.resolve("pom.xml"),
                    single.replace("<artifactId>bench-service</artifactId>", "<artifactId>" + module + "</artifactId>")
                            .replace(
                                    "<bench.repository>bench/steady</bench.repository>",
                                    "<bench.repository>bench/r" + modules + "/" + module + "</bench.repository>"));
            Files.writeString(
                    moduleDir.resolve("src/main/java/bench/" + module + "/Service.java"),
                    "package bench." + module + ";\n\npublic final class Service {\n    private Service() {}\n}\n");
        }
        Files.writeString(dir.resolve("pom.xml"), """
                <?xml version="1.0" encoding="UTF-8"?>
                <project xmlns="http://maven.apache.org/POM/4.0.0">
                  <modelVersion>4.0.0</modelVersion>
                  <groupId>bench</groupId>
                  <artifactId>reactor-%d</artifactId>
                  <version>1.0</version>
                  <packaging>pom</packaging>
                  <modules>
                %s  </modules>
                </project>
                """.formatted(modules, list));
        return ownRoot(dir);
    }

    // ---- results ---------------------------------------------------------------------------------------------

    private void report(List<Result> results) throws IOException {
        List<String> table = new ArrayList<>();
        table.add("| scenario | latency | wall, median | wall, min–max | CPU, median | goal's own time (log), median "
                + "| waves | calls | calls in flight, median |");
        table.add("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
        results.forEach(result -> table.add(result.row()));
        table.add("");
        for (int latency : options.latencies) {
            Result a = find(results, "(a)", latency);
            Result b = find(results, "(b)", latency);
            Result c = find(results, "(c)", latency);
            double added = b.median() - a.median();
            table.add(String.format(
                    Locale.ROOT,
                    "- %d ms: plugin adds (b − a) **%.0f ms** wall, %.0f ms CPU (goal's "
                            + "own time %s ms); AWS CLI step (c) %.0f ms wall, %.0f ms CPU; (b − a) / (c) = %.2f",
                    latency,
                    added * 1000,
                    (b.cpuMedian() - a.cpuMedian()) * 1000,
                    b.goalMedian(),
                    c.median() * 1000,
                    c.cpuMedian() * 1000,
                    added / c.median()));
            Result tls = find(results, "(b-tls)", latency);
            if (tls != null) {
                table.add(String.format(
                        Locale.ROOT,
                        "- %d ms, over HTTPS: plugin adds (b-tls − a) **%.0f ms** wall, "
                                + "%.0f ms CPU (goal's own time %s ms); (b-tls − a) / (c) = %.2f",
                        latency,
                        (tls.median() - a.median()) * 1000,
                        (tls.cpuMedian() - a.cpuMedian()) * 1000,
                        tls.goalMedian(),
                        (tls.median() - a.median()) / c.median()));
            }
            Result warmed = find(results, "(b')", latency);
            double addedWarm = warmed.median() - a.median();
            table.add(String.format(
                    Locale.ROOT,
                    "- %d ms, with warm-up: plugin adds (b' − a) **%.0f ms** wall, "
                            + "%.0f ms CPU (goal's own time %s ms); (b' − a) / (c) = %.2f",
                    latency,
                    addedWarm * 1000,
                    (warmed.cpuMedian() - a.cpuMedian()) * 1000,
                    warmed.goalMedian(),
                    addedWarm / c.median()));
        }
        if (options.latencies.size() >= 2) {
            int low = options.latencies.get(0);
            int high = options.latencies.get(options.latencies.size() - 1);
            double addedLow = find(results, "(b)", low).median()
                    - find(results, "(a)", low).median();
            double addedHigh = find(results, "(b)", high).median()
                    - find(results, "(a)", high).median();
            table.add(String.format(
                    Locale.ROOT,
                    "- latency %d → %d ms: time with calls in flight in (b) %.0f → %.0f ms, "
                            + "so the latency adds %.0f ms to the build (wall (b − a) moved %.0f ms; goal's own time %s → %s "
                            + "ms)",
                    low,
                    high,
                    find(results, "(b)", low).inCallsMedian(),
                    find(results, "(b)", high).inCallsMedian(),
                    find(results, "(b)", high).inCallsMedian()
                            - find(results, "(b)", low).inCallsMedian(),
                    (addedHigh - addedLow) * 1000,
                    find(results, "(b)", low).goalMedian(),
                    find(results, "(b)", high).goalMedian()));
        }
        for (int modules : options.modules) {
            Result without = find(results, modules + "-module reactor -T " + options.threads + ", no", -1);
            Result with = find(results, modules + "-module reactor -T " + options.threads + " +", -1);
            if (without != null && with != null) {
                table.add(String.format(
                        Locale.ROOT,
                        "- %d modules: plugin adds %.0f ms to the reactor build "
                                + "(%.0f ms per module); goal's own time summed over modules %s ms",
                        modules,
                        (with.median() - without.median()) * 1000,
                        (with.median() - without.median()) * 1000 / modules,
                        with.goalSumMedian()));
            }
        }
        say("%n%s", String.join("\n", table));
        lines.add(0, "Machine: " + machine());
        Files.write(options.work.resolve("results.md"), lines, StandardCharsets.UTF_8);
        say("%nWritten to %s", options.work.resolve("results.md"));
    }

    private static Result find(List<Result> results, String prefix, int latency) {
        return results.stream()
                .filter(r -> r.scenario.startsWith(prefix) && (latency < 0 || r.latency == latency))
                .findFirst()
                .orElse(null);
    }

    private static String machine() {
        try {
            String cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
                    .filter(l -> l.startsWith("model name"))
                    .findFirst()
                    .map(l -> l.replaceAll(".*:\\s*", ""))
                    .orElse("?");
            String memory = Files.readAllLines(Path.of("/proc/meminfo")).get(0).replaceAll("\\s+", " ");
            String load = Files.readString(Path.of("/proc/loadavg")).trim();
            return Runtime.getRuntime().availableProcessors() + " cores, " + cpu + ", " + memory + ", Java "
                    + System.getProperty("java.version") + ", load average at the end " + load;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void say(String format, Object... args) {
        String text = String.format(Locale.ROOT, format, args);
        System.out.println(text);
        System.out.flush();
        lines.addAll(Arrays.asList(text.split("\n", -1)));
    }

    // ---- values ----------------------------------------------------------------------------------------------

    record Timing(long wallNanos, long cpuNanos) {}

    record Run(Timing timing, List<Long> goalMillis) {}

    static final class Result {
        final String scenario;
        final int latency;
        final List<Double> seconds = new ArrayList<>();
        final List<Double> cpuSeconds = new ArrayList<>();
        final List<Double> goalMillis = new ArrayList<>();
        final List<Double> goalSums = new ArrayList<>();
        final List<Double> waves = new ArrayList<>();
        final List<Double> calls = new ArrayList<>();
        final List<Double> inCallsMillis = new ArrayList<>();

        Result(String scenario, int latency) {
            this.scenario = scenario;
            this.latency = latency;
        }

        void add(Run run, int waves, int calls, double inCallsMillis) {
            this.inCallsMillis.add(inCallsMillis);
            seconds.add(run.timing.wallNanos / 1e9);
            cpuSeconds.add(run.timing.cpuNanos / 1e9);
            run.goalMillis.forEach(ms -> goalMillis.add((double) ms));
            if (!run.goalMillis.isEmpty()) {
                goalSums.add((double)
                        run.goalMillis.stream().mapToLong(Long::longValue).sum());
            }
            this.waves.add((double) waves);
            this.calls.add((double) calls);
        }

        double median() {
            return median(seconds);
        }

        double cpuMedian() {
            return median(cpuSeconds);
        }

        String goalMedian() {
            return goalMillis.isEmpty() ? "–" : String.format(Locale.ROOT, "%.0f", median(goalMillis));
        }

        double inCallsMedian() {
            return median(inCallsMillis);
        }

        String goalSumMedian() {
            return goalSums.isEmpty() ? "–" : String.format(Locale.ROOT, "%.0f", median(goalSums));
        }

        String row() {
            return String.format(
                    Locale.ROOT,
                    "| %s | %d ms | %.2f s | %.2f–%.2f s | %.2f s | %s | %s | %s | %.0f ms |",
                    scenario,
                    latency,
                    median(),
                    min(seconds),
                    max(seconds),
                    cpuMedian(),
                    goalMillis.isEmpty()
                            ? "–"
                            : goalMedian() + " ms"
                                    + (goalMillis.size() > seconds.size()
                                            ? " per module (" + goalSumMedian() + " summed)"
                                            : ""),
                    range(waves),
                    range(calls),
                    inCallsMedian());
        }

        String line() {
            return String.format(
                    Locale.ROOT,
                    "  %-46s median %.2f s (%.2f–%.2f), cpu %.2f s, goal %s ms, waves %s, calls %s, in calls %.0f ms",
                    scenario,
                    median(),
                    min(seconds),
                    max(seconds),
                    cpuMedian(),
                    goalMedian(),
                    range(waves),
                    range(calls),
                    inCallsMedian());
        }

        static String range(List<Double> values) {
            long low = Math.round(min(values));
            long high = Math.round(max(values));
            return low == high ? Long.toString(low) : low + "–" + high;
        }

        static double median(List<Double> values) {
            List<Double> sorted = values.stream().sorted().toList();
            int n = sorted.size();
            return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
        }

        static double min(List<Double> values) {
            return values.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
        }

        static double max(List<Double> values) {
            return values.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
        }
    }

    static final List<String> SOURCES = List.of("environment", "profile", "sso", "web-identity", "server", "role");

    record Options(
            Path benchDir,
            Path work,
            Path environmentFile,
            Path settings,
            Path repository,
            Path userRepository,
            String pluginVersion,
            String awsCli,
            int runs,
            List<Integer> latencies,
            List<Integer> modules,
            int threads,
            String scenarios,
            List<String> sources,
            int unmeasuredRounds,
            String beforeVersion) {

        int reactorLatency() {
            return latencies.get(latencies.size() - 1);
        }

        static Options parse(String[] args) {
            Map<String, String> values = new HashMap<>();
            for (int i = 0; i + 1 < args.length; i += 2) {
                if (!args[i].startsWith("--")) {
                    throw new IllegalArgumentException("unexpected " + args[i]);
                }
                values.put(args[i].substring(2), args[i + 1]);
            }
            Path benchDir = Path.of(values.getOrDefault("bench-dir", "bench")).toAbsolutePath();
            Path work = Path.of(values.getOrDefault(
                            "work", benchDir.resolve("target").toString()))
                    .toAbsolutePath();
            return new Options(
                    benchDir,
                    work,
                    Path.of(values.getOrDefault(
                            "environment",
                            work.resolve("env/environment.properties").toString())),
                    benchDir.resolve("settings.xml"),
                    Path.of(values.getOrDefault(
                                    "maven-repo", work.resolve("repo").toString()))
                            .toAbsolutePath(),
                    Path.of(values.getOrDefault("user-repo", System.getProperty("user.home") + "/.m2/repository")),
                    values.getOrDefault("plugin-version", "0.1.0-SNAPSHOT"),
                    values.getOrDefault("aws-cli", "/usr/bin/aws"),
                    Integer.parseInt(values.getOrDefault("runs", "5")),
                    ints(values.getOrDefault("latency-ms", "0,50")),
                    ints(values.getOrDefault("modules", "1,5,20")),
                    Integer.parseInt(values.getOrDefault("threads", "4")),
                    values.getOrDefault("scenarios", "latency"),
                    Arrays.asList(values.getOrDefault("sources", String.join(",", SOURCES))
                            .split(",")),
                    Integer.parseInt(values.getOrDefault("unmeasured-rounds", "1")),
                    values.get("before-version"));
        }

        private static List<Integer> ints(String list) {
            return list.isBlank()
                    ? List.of()
                    : Arrays.stream(list.split(","))
                            .map(String::trim)
                            .map(Integer::parseInt)
                            .toList();
        }
    }
}

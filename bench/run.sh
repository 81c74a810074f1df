#!/usr/bin/env bash
# The benchmark: what the ensure-repository goal costs a build, against the ECR emulator with injected latency.
#
#   bench/run.sh [--runs 5] [--latency-ms 0,50] [--modules 1,5,20] [--threads 4] [--aws-cli /usr/bin/aws]
#   bench/run.sh [--before COMMIT] --scenarios sources [--runs 5]
#                [--sources environment,profile,sso,web-identity,server,role] [--unmeasured-rounds 1]
#
# The second form measures the steady state per credential source over HTTPS, beside the one-request floor plugin
# and the AWS CLI (BENCHMARKS.md). With --before COMMIT (first), the plugin is also built from that commit, in a
# directory of its own (bench/target/before), as version <version>-before, and every plugin row runs for both,
# interleaved.
#
# Builds the plugin from this work tree, installs it into a local repository of the benchmark's own
# (bench/target/repo), starts the ECR emulator (TestEnvironmentMain --no-registry), then runs bench/Bench.java:
# each scenario once to warm up and --runs times measured, and prints median, min–max, the goal's own time and
# the round-trip waves seen by the emulator. Results also go to bench/target/results.md. About 10 minutes with
# the defaults on a 2-core machine.
set -euo pipefail
cd "$(dirname "$0")/.."
work=bench/target
mkdir -p "$work"
user_repo="${HOME}/.m2/repository"
version=$(sed -n 's|^  <version>\(.*\)</version>|\1|p' pom.xml | head -1)
before=""
if [ "${1:-}" = "--before" ]; then
    before="$2"
    shift 2
fi

echo "Building ecr-maven-plugin ${version}..."
mvn -B -q -DskipTests -Dinvoker.skip package
mvn -B -q dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$work/test-classpath.txt"
mvn -B -q -s bench/settings.xml -Dbench.userRepositoryUrl="file://${user_repo}" \
    -Dmaven.repo.local="$PWD/$work/repo" install:install-file \
    -Dfile="target/ecr-maven-plugin-${version}.jar" -DpomFile=dependency-reduced-pom.xml
# The floor plugin (one request, nothing else), for the credential-source scenarios.
mvn -B -q -f bench/floor-plugin/pom.xml package
mvn -B -q -s bench/settings.xml -Dbench.userRepositoryUrl="file://${user_repo}" \
    -Dmaven.repo.local="$PWD/$work/repo" install:install-file \
    -Dfile=bench/floor-plugin/target/floor-maven-plugin-1.0.jar -DpomFile=bench/floor-plugin/pom.xml
if [ -n "$before" ]; then
    echo "Building ecr-maven-plugin at ${before} as ${version}-before..."
    rm -rf "$work/before"
    mkdir -p "$work/before"
    git archive "$before" | tar -x -C "$work/before"
    sed -i "0,/^  <version>${version}<\/version>/s//  <version>${version}-before<\/version>/" "$work/before/pom.xml"
    (cd "$work/before" && mvn -B -q -DskipTests -Dinvoker.skip -Dspotless.check.skip=true package)
    mvn -B -q -s bench/settings.xml -Dbench.userRepositoryUrl="file://${user_repo}" \
        -Dmaven.repo.local="$PWD/$work/repo" install:install-file \
        -Dfile="$work/before/target/ecr-maven-plugin-${version}-before.jar" \
        -DpomFile="$work/before/dependency-reduced-pom.xml"
    set -- --before-version "${version}-before" "$@"
fi
# A copy of the compiled classes, so that building in this work tree while the benchmark runs cannot pull them away
# from under the emulator and the driver.
rm -rf "$work/classes" "$work/test-classes"
cp -r target/classes "$work/classes"
cp -r target/test-classes "$work/test-classes"
classpath="$(cat "$work/test-classpath.txt"):$work/classes:$work/test-classes"

rm -rf "$work/env"
# nodelay: the JDK HTTP server otherwise writes headers and body in two segments, and Nagle plus delayed ACKs
# add ~40 ms to every call on a reused connection, which no real ECR endpoint does.
java -Dsun.net.httpserver.nodelay=true -cp "$classpath" io.github.ecrmavenplugin.testenv.TestEnvironmentMain --dir "$work/env" --no-registry --emulator-https-port 0 \
    --exit-with-parent &
trap 'touch "$work/env/stop"' EXIT
for _ in $(seq 1 150); do
    [ -f "$work/env/ready" ] && break
    sleep 0.2
done
[ -f "$work/env/ready" ] || { echo "the ECR emulator did not start; see $work/env/environment.log" >&2; exit 1; }

echo "Load before measuring: $(uptime)"
java -cp "$classpath" bench/Bench.java --bench-dir bench --work "$work" --plugin-version "$version" \
    --user-repo "$user_repo" "$@"
echo "Load after measuring: $(uptime)"

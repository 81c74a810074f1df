# Sourced by demo.sh and .ci/release-check.sh: runs the ECR emulator and the local registry of src/test
# (testenv/TestEnvironmentMain, one background JVM) for a build outside the plugin's own Maven build.
#
#   start_test_environment <built checkout> <dir>   needs target/classes and target/test-classes; sets env_dir,
#                                                   env_pid, endpoint (emulator URL), registry (host:port)
#   environment_property <name>                     a value of <dir>/environment.properties
#   stop_test_environment                           asks it to stop and waits

start_test_environment() {
  local checkout=$1 classpath
  env_dir=$2
  classpath=$(cd "$checkout" && mvn -B -q -ntp dependency:build-classpath -Dmdep.includeScope=test \
    -Dmdep.outputFile=/dev/stdout)
  rm -rf "$env_dir"
  java -cp "$checkout/target/test-classes:$checkout/target/classes:$classpath" \
    io.github.ecrmavenplugin.testenv.TestEnvironmentMain --dir "$env_dir" --exit-with-parent &
  env_pid=$!
  for _ in $(seq 1 300); do [ -f "$env_dir/ready" ] && break; sleep 0.1; done
  [ -f "$env_dir/ready" ] || { cat "$env_dir/environment.log"; return 1; }
  endpoint=$(environment_property emulator.url)
  registry=$(environment_property registry.host)
}

environment_property() {
  grep "^$1=" "$env_dir/environment.properties" | cut -d= -f2- | sed 's/\\:/:/g'
}

stop_test_environment() {
  [ -n "${env_pid:-}" ] || return 0
  touch "$env_dir/stop"
  wait "$env_pid" 2>/dev/null || true
  env_pid=
}

#!/usr/bin/env bash
# Runs the whole test suite on a fresh machine: installs the Debian packages the tests need when missing
# (docker-registry, apache2-utils, openssl, awscli, gnupg, unzip), then unit tests and the integration tests in src/it
# against the ECR emulator and a local registry that the build starts and stops, under this Maven, the oldest
# supported Maven (3.6.3) and the newest Maven 3.9 and 4 (profile maven-matrix), and the unit tests once more on
# Java 25 (profile java-25, with the first JDK 25 found under /usr/lib/jvm unless JAVA25_HOME is set). Last, the
# release check (.ci/release-check.sh): a signed release staged as Maven Central takes it, the README's quick
# start followed to the letter, and two builds in two directories compared byte for byte.
set -euo pipefail
cd "$(dirname "$0")"
.ci/install-deps.sh
if [ -z "${JAVA25_HOME:-}" ]; then
  for jdk in /usr/lib/jvm/*/; do
    if "$jdk/bin/java" -version 2>&1 | grep -q '^[a-z]* version "25[."]'; then
      export JAVA25_HOME=${jdk%/}
      break
    fi
  done
fi
# The plugin documentation (a page per goal, from the parameters' Javadoc, and the reference pages of
# src/site/markdown) must build; it is quick, so first.
mvn -B -ntp site
grep -q 'ecr.serverId' target/site/ensure-repository-mojo.html
grep -q 'IMMUTABLE_WITH_EXCLUSION' target/site/configuration.html
grep -q 'AWS_WEB_IDENTITY_TOKEN_FILE' target/site/credentials.html
grep -q 'failOnDrift' target/site/plan-mode.html
grep -q 'ecr:SetRepositoryPolicy' target/site/iam.html
mvn -B -ntp verify "$@"
.ci/release-check.sh

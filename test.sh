#!/usr/bin/env bash
# Runs the whole test suite on a fresh machine: installs the Debian packages the tests need when missing
# (docker-registry, apache2-utils, openssl, awscli), then unit tests and the integration tests in src/it
# against the ECR emulator and a local registry that the build starts and stops, under this Maven, the oldest
# supported Maven (3.6.3) and the newest Maven 3.9 and 4 (profile maven-matrix), and the unit tests once more on
# Java 25 (profile java-25).
set -euo pipefail
cd "$(dirname "$0")"
.ci/install-deps.sh
# The plugin documentation (a page per goal, from the parameters' Javadoc, and the reference pages of
# src/site/markdown) must build; it is quick, so first.
mvn -B -ntp site
grep -q 'ecr.serverId' target/site/ensure-repository-mojo.html
grep -q 'IMMUTABLE_WITH_EXCLUSION' target/site/configuration.html
grep -q 'AWS_WEB_IDENTITY_TOKEN_FILE' target/site/credentials.html
grep -q 'failOnDrift' target/site/plan-mode.html
grep -q 'ecr:SetRepositoryPolicy' target/site/iam.html
exec mvn -B -ntp verify "$@"

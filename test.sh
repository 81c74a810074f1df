#!/usr/bin/env bash
# Runs the whole test suite on a fresh machine: installs the Debian packages the tests need when missing
# (docker-registry, apache2-utils, openssl, awscli), then unit tests and the integration tests in src/it
# against the ECR emulator and a local registry that the build starts and stops.
set -euo pipefail
cd "$(dirname "$0")"
.ci/install-deps.sh
exec mvn -B -ntp verify "$@"

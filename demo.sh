#!/usr/bin/env bash
# The demo: runs examples/hello-jib end to end on this machine, with no AWS account. An ECR emulator stands in
# for Amazon ECR and Debian's docker-registry for the registry behind it; the real plugin and the real Jib run
# in a plain `mvn package`. Shows the repository URL, its policy (read back with the AWS CLI) and the pushed
# image's digest.
set -euo pipefail
cd "$(dirname "$0")"
root=$(pwd)
.ci/install-deps.sh

echo "==> Building the plugin"
mvn -B -q -ntp install -DskipTests -Dinvoker.skip

echo "==> Starting the ECR emulator and a local registry"
. .ci/test-environment.sh
trap stop_test_environment EXIT
start_test_environment "$root" "$root/target/demo-environment"

# Credentials for the emulator (any key works; it checks the SigV4 signature's shape).
export AWS_ACCESS_KEY_ID=AKIADEMO000000000000 AWS_SECRET_ACCESS_KEY=demo-secret-key AWS_REGION=us-east-1
export AWS_CONFIG_FILE=/dev/null AWS_SHARED_CREDENTIALS_FILE=/dev/null

echo "==> mvn package in examples/hello-jib (the plugin ensures the repository, then Jib pushes)"
(cd examples/hello-jib && mvn -B -ntp package -Decr.endpoint="$endpoint" \
   -Djib.from.image=scratch -Djib.allowInsecureRegistries=true | tee "$env_dir/build.log" \
   | grep -E "ecr-maven-plugin|AWS credentials|ECR repository|Jib pushes|Jib push credentials|Built and pushed|BUILD")

echo
echo "==> The repository, as the AWS CLI sees it"
/usr/bin/aws ecr describe-repositories --endpoint-url "$endpoint" --repository-names examples/hello-jib \
  --query 'repositories[0].repositoryUri' --output text
echo "==> Its policy"
/usr/bin/aws ecr get-repository-policy --endpoint-url "$endpoint" --repository-name examples/hello-jib \
  --query policyText --output text
echo "==> The image Jib pushed, as the registry reports it"
password=$(environment_property registry.password)
digest=$(curl -sS --cacert "$(environment_property registry.certificate)" -u "AWS:$password" -o /dev/null -D - \
  -H 'Accept: application/vnd.oci.image.manifest.v1+json' \
  "https://$registry/v2/examples/hello-jib/manifests/1.0.0" | tr -d '\r' | awk -F': ' 'tolower($1)=="docker-content-digest"{print $2}')
echo "$registry/examples/hello-jib:1.0.0@$digest"

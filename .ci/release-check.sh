#!/usr/bin/env bash
# Checks the release as a user and as Maven Central would see it, from two clean copies of the sources (the
# committed tree plus tracked changes not yet committed) in two different directories:
#
#   1. release: `mvn -Prelease deploy` in the first copy, signed with a throw-away gpg key made here, staged in
#      a local directory. Every staged file must carry a good signature by that key and correct .md5, .sha1,
#      .sha256 and .sha512 checksums; the POM what Central requires and no BOM import; the SBOM every artifact
#      bundled in the jar, with its version.
#   2. quick start: in the second copy, the README's install command, on a "fresh machine" (a new user home and
#      local repository that can take everything from the local caches except this plugin); then a new project
#      made of the README's quick-start POM runs `mvn package` against the ECR emulator and the local registry,
#      and the plugin creates the repository and Jib pushes the image.
#   3. reproducible: the jars (the shaded plugin jar included), the POM and the SBOM of the two builds are
#      byte-identical.
#
# Tests are not run here (test.sh runs them); both builds skip them. Needs gpg (.ci/install-deps.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
started=$SECONDS
work=$(mktemp -d "${TMPDIR:-/tmp}/ecr-release-check.XXXXXX")
. .ci/test-environment.sh

cleanup() {
  stop_test_environment
  GNUPGHOME=$work/gnupg gpgconf --kill gpg-agent 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
fail() { echo "release-check: FAILED: $*" >&2; exit 1; }
step() { echo "release-check: $* ($((SECONDS - started)) s)"; }

version=$(sed -n 's|^  <version>\(.*\)</version>|\1|p' pom.xml | head -1)
coordinates=io/github/ecrmavenplugin/ecr-maven-plugin/$version
name=ecr-maven-plugin-$version

# Two clean copies, at different depths so that no path can hide in an output
sources=$(git stash create)
sources=${sources:-HEAD}
first=$work/first/ecr-maven-plugin
second=$work/another/place/checkout
mkdir -p "$first" "$second"
git archive "$sources" | tar -x -C "$first"
git archive "$sources" | tar -x -C "$second"

# --- 1. The release, staged ---------------------------------------------------------------------------------
export GNUPGHOME=$work/gnupg
mkdir -m 700 "$GNUPGHOME"
gpg --batch --quiet --passphrase '' --quick-gen-key 'ecr-maven-plugin release check <release-check@example.invalid>' \
  ed25519 sign 1d 2>/dev/null
key=$(gpg --batch --with-colons --list-secret-keys 2>/dev/null | awk -F: '$1=="fpr"{print $10; exit}')
step "release build of $version in $first, signing with throw-away key $key"
(cd "$first" && mvn -B -ntp -Prelease deploy -Dgpg.keyname="$key" -Dmaven.test.skip=true -Dinvoker.skip \
  -Dmaven.install.skip=true) > "$work/release-build.log" 2>&1 \
  || { tail -50 "$work/release-build.log"; fail "the release build failed"; }
staged=$first/target/staging-deploy/$coordinates
[ -d "$staged" ] || fail "nothing staged in $staged"

signed_and_summed() { # <file>: a good signature by the throw-away key and four correct checksums
  local file=$1
  [ -f "$file.asc" ] || { echo "no signature: $file.asc"; return 1; }
  gpg --batch --status-fd 1 --verify "$file.asc" "$file" 2>/dev/null | grep -q "^\[GNUPG:\] VALIDSIG $key " \
    || { echo "bad signature: $file.asc"; return 1; }
  summed "$file"
}
summed() { # <file>: .md5, .sha1, .sha256 and .sha512 beside it, each matching
  local file=$1 algorithm
  for algorithm in md5 sha1 sha256 sha512; do
    [ -f "$file.$algorithm" ] || { echo "no checksum: $file.$algorithm"; return 1; }
    [ "$(cut -d' ' -f1 < "$file.$algorithm")" = "$("${algorithm}sum" "$file" | cut -d' ' -f1)" ] \
      || { echo "wrong checksum: $file.$algorithm"; return 1; }
  done
}

for expected in "$name.jar" "$name.pom" "$name-sources.jar" "$name-javadoc.jar" "$name-cyclonedx.json"; do
  [ -f "$staged/$expected" ] || fail "not staged: $expected"
done
artifacts=0
for file in "$staged"/*; do
  case "$file" in *.asc|*.md5|*.sha1|*.sha256|*.sha512) continue ;; esac
  signed_and_summed "$file" || fail "staged artifacts"
  artifacts=$((artifacts + 1))
done
for file in "$(dirname "$staged")"/maven-metadata.xml; do summed "$file" || fail "staged metadata"; done

# The checks above catch a changed byte
tampered=$work/tampered.jar
cp "$staged/$name.jar" "$tampered"
for suffix in asc md5 sha1 sha256 sha512; do cp "$staged/$name.jar.$suffix" "$tampered.$suffix"; done
printf 'x' | dd of="$tampered" bs=1 seek=100 conv=notrunc status=none
! signed_and_summed "$tampered" > /dev/null || fail "a tampered jar passed the signature check"
! summed "$tampered" > /dev/null || fail "a tampered jar passed the checksum check"

pom=$staged/$name.pom
for element in name description url licenses/license/name developers/developer/name scm/url scm/connection; do
  tag=${element##*/}
  grep -q "<$tag>[^<]" "$pom" || fail "the published POM has no $element"
done
! grep -q '<scope>import</scope>' "$pom" || fail "the published POM imports a BOM"
! grep -q '<profiles>\|<build>' "$pom" || fail "the published POM carries this project's build or profiles"
sdk_version=$(sed -n 's|.*<awssdk.version>\(.*\)</awssdk.version>.*|\1|p' "$pom")

# The SBOM names every artifact bundled in the jar (each brings its META-INF/maven/<group>/<artifact>/pom.properties)
sbom=$staged/$name-cyclonedx.json
grep -q "\"pkg:maven/software.amazon.awssdk/ecr@$sdk_version?type=jar\"" "$sbom" \
  || fail "the SBOM does not list software.amazon.awssdk:ecr $sdk_version"
bundled=0
while read -r properties; do
  group=$(echo "$properties" | cut -d/ -f3)
  artifact=$(echo "$properties" | cut -d/ -f4)
  [ "$group/$artifact" != "io.github.ecrmavenplugin/ecr-maven-plugin" ] || continue
  bundled_version=$(unzip -p "$staged/$name.jar" "$properties" | sed -n 's/^version=//p' | tr -d '\r')
  grep -q "\"pkg:maven/$group/$artifact@$bundled_version?type=jar\"" "$sbom" \
    || fail "the SBOM does not list $group:$artifact:$bundled_version, which the jar bundles"
  bundled=$((bundled + 1))
done < <(unzip -Z1 "$staged/$name.jar" | grep '^META-INF/maven/.*/pom.properties$')
[ "$bundled" -gt 20 ] || fail "only $bundled bundled artifacts found in the jar"
step "staged: $artifacts artifacts, each signed and with 4 checksums; the SBOM lists all $bundled bundled artifacts"

# --- 2. The README's quick start, on a fresh machine --------------------------------------------------------
# A new user home whose Maven takes what it needs from this machine's local repositories (standing in for Maven
# Central, which does not have the plugin), then from Maven Central; never this plugin.
home=$work/home
cache=$work/cache
links_without_plugin() { # <repository> <link tree>: the repository, as symbolic links, less io/github/ecrmavenplugin
  local source=$1 target=$2 entry
  mkdir -p "$target/io/github"
  for entry in "$source"/*; do [ "${entry##*/}" = io ] || ln -s "$entry" "$target/"; done
  for entry in "$source"/io/*; do [ "${entry##*/}" = github ] || ln -s "$entry" "$target/io/"; done
  for entry in "$source"/io/github/*; do [ "${entry##*/}" = ecrmavenplugin ] || ln -s "$entry" "$target/io/github/"; done
}
repositories=""
n=0
for repository in "${MAVEN_LOCAL_REPOSITORY:-$HOME/.m2/repository}" "$root/target/local-repo"; do
  [ -d "$repository" ] || continue
  n=$((n + 1))
  links_without_plugin "$repository" "$cache/$n"
  repositories+="<repository><id>cache-$n</id><url>file://$cache/$n</url>"
  repositories+="<releases><checksumPolicy>ignore</checksumPolicy></releases></repository>"
done
mkdir -p "$home/.m2"
cat > "$home/.m2/settings.xml" <<SETTINGS
<settings>
  <profiles><profile><id>caches</id>
    <repositories>$repositories</repositories>
    <pluginRepositories>${repositories//repository>/pluginRepository>}</pluginRepositories>
  </profile></profiles>
  <activeProfiles><activeProfile>caches</activeProfile></activeProfiles>
</settings>
SETTINGS
export MAVEN_OPTS="${MAVEN_OPTS:-} -Duser.home=$home"

quick_start=$(sed -n '/^## Quick start/,/^## /p' README.md)
install=$(echo "$quick_start" | grep -m1 '^mvn .*install') || fail "the README's quick start names no install command"
step "quick start: '$install' in $second"
(cd "$second" && bash -c "$install") > "$work/install.log" 2>&1 \
  || { tail -50 "$work/install.log"; fail "the quick start's install command failed"; }
installed=$home/.m2/repository/$coordinates/$name.jar
[ -f "$installed" ] || fail "the install command put no $name.jar into the local repository"

project=$work/my-service
mkdir -p "$project/src/main/java/com/example"
{
  cat <<'POM'
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>com.example</groupId>
  <artifactId>my-service</artifactId>
  <version>1.0.0</version>
  <properties>
    <maven.compiler.source>17</maven.compiler.source>
    <maven.compiler.target>17</maven.compiler.target>
  </properties>
POM
  echo "$quick_start" | awk '/^```xml/{inside=1; next} inside && /^```/{exit} inside'
  echo '</project>'
} > "$project/pom.xml"
grep -q "<version>$version</version>" "$project/pom.xml" || fail "the quick-start POM does not use version $version"
cat > "$project/src/main/java/com/example/Hello.java" <<'JAVA'
package com.example;

public class Hello {
    public static void main(String[] args) {
        System.out.println("Hello");
    }
}
JAVA

start_test_environment "$second" "$work/environment"
step "quick start: mvn package of the quick-start POM against the emulator at $endpoint"
(cd "$project" && env AWS_ACCESS_KEY_ID=AKIAQUICKSTART000000 AWS_SECRET_ACCESS_KEY=quick-start-secret \
  AWS_REGION=us-east-1 AWS_CONFIG_FILE=/dev/null AWS_SHARED_CREDENTIALS_FILE=/dev/null \
  mvn -B package -Decr.endpoint="$endpoint" -Djib.from.image=scratch -Djib.allowInsecureRegistries=true) \
  > "$work/package.log" 2>&1 || { tail -50 "$work/package.log"; fail "mvn package of the quick-start project failed"; }
stop_test_environment
grep -q -- "--- ecr-maven-plugin:$version:ensure-repository" "$work/package.log" \
  || fail "the quick-start build did not run ecr-maven-plugin $version"
grep -q 'ECR repository my-service created' "$work/package.log" || fail "the quick-start build created no repository"
grep -q "Built and pushed image as $registry/my-service" "$work/package.log" || fail "Jib pushed no image"

# --- 3. Reproducible -----------------------------------------------------------------------------------------
different=()
for pair in "$name.jar:$name.jar" "$name-sources.jar:$name-sources.jar" "$name-javadoc.jar:$name-javadoc.jar" \
            "$name-cyclonedx.json:bom.json" "$name.pom:dependency-reduced-pom.xml"; do
  staged_file=$staged/${pair%%:*}
  built_file=${pair##*:}
  [ "$built_file" = dependency-reduced-pom.xml ] && built_file=$second/$built_file || built_file=$second/target/$built_file
  cmp -s "$staged_file" "$built_file" || different+=("${pair%%:*}")
done
[ ${#different[@]} -eq 0 ] || fail "the two builds differ in: ${different[*]}"
cmp -s "$installed" "$staged/$name.jar" || fail "the installed jar is not the staged one"
step "reproducible: plugin, sources and Javadoc jars, POM and SBOM byte-identical in both builds"
echo "release-check: OK in $((SECONDS - started)) s"

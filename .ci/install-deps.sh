#!/usr/bin/env bash
# Installs the Debian packages the tests need, when they are missing:
#   docker-registry  - Debian's distribution 2.8 registry, started by the tests as a child process
#   apache2-utils    - htpasswd (bcrypt password file for the registry)
#   openssl          - self-signed TLS certificate for the registry
#   awscli           - aws command line
#   gnupg            - gpg, for the release check's throw-away signing key (.ci/release-check.sh)
#   unzip            - the release check reads the plugin jar's entries
# Idempotent and quiet when everything is already installed. Needs root (or sudo).
set -euo pipefail

packages=(docker-registry apache2-utils openssl awscli gnupg unzip)

installed() {
  [ "$(dpkg-query -W -f='${Status}' "$1" 2>/dev/null)" = "install ok installed" ]
}

missing=()
for p in "${packages[@]}"; do
  installed "$p" || missing+=("$p")
done

if [ ${#missing[@]} -gt 0 ]; then
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  echo "install-deps: installing ${missing[*]}"
  $sudo apt-get -o DPkg::Lock::Timeout=600 update -q
  DEBIAN_FRONTEND=noninteractive $sudo apt-get -o DPkg::Lock::Timeout=600 install -y -q --no-install-recommends "${missing[@]}"
fi

# The package ships a system service; the tests never use it. Make sure none is left running
# (with systemd: stop and disable the unit; without systemd: stop the init script, if any).
if installed docker-registry; then
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  if [ -d /run/systemd/system ] && command -v systemctl >/dev/null; then
    if systemctl is-active --quiet docker-registry 2>/dev/null || systemctl is-enabled --quiet docker-registry 2>/dev/null; then
      echo "install-deps: stopping and disabling the docker-registry system service"
      $sudo systemctl disable --now docker-registry >/dev/null 2>&1 || true
    fi
  elif [ -x /etc/init.d/docker-registry ]; then
    if $sudo /etc/init.d/docker-registry status >/dev/null 2>&1; then
      echo "install-deps: stopping the docker-registry init service"
      $sudo /etc/init.d/docker-registry stop >/dev/null 2>&1 || true
    fi
  fi
fi

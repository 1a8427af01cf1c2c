#!/usr/bin/env bash
# Installs what the real-editor tests need: Debian's chromium, ripgrep and libkrb5-dev, and
# code-server (VS Code 1.100.3 in a browser, from npm) into .cache/code-server of this clone.
# Idempotent: a second run only checks and takes well under a second.
# Nothing is downloaded from outside the npm registry and Debian's mirrors (see
# /work/shared/reference/REAL-EDITOR-TESTING.md for the pitfalls worked around here).
set -euo pipefail

CODE_SERVER_VERSION=4.100.3
# code-server 4.100.3's lib/vscode/npm-shrinkwrap.json pins @vscode/ripgrep 1.15.11, whose
# postinstall looks for this asset in $TMPDIR/vscode-ripgrep-cache-1.15.11 before GitHub.
RIPGREP_PKG_VERSION=1.15.11
RIPGREP_ASSET=ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz
DEBIAN_PACKAGES=(chromium libkrb5-dev ripgrep)

start=$(date +%s%N)
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cache="$root/.cache"
prefix="$cache/code-server"
marker="$prefix/.installed-$CODE_SERVER_VERSION"

elapsed() { echo "$(( ($(date +%s%N) - start) / 1000000 ))"; }
log() { echo "setup-code-server: $*"; }

# One setup at a time per clone (parallel test runs share .cache/code-server).
mkdir -p "$cache"
exec 9>"$cache/.setup-code-server.lock"
flock 9

# --- Debian packages ------------------------------------------------------------------------
missing=()
for p in "${DEBIAN_PACKAGES[@]}"; do
  if [ "$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null)" != "install ok installed" ]; then missing+=("$p"); fi
done
# code-server's native modules (node-pty, kerberos, spdlog, ...) build with node-gyp.
command -v make >/dev/null || missing+=(make)
command -v g++ >/dev/null || missing+=(g++)
command -v python3 >/dev/null || missing+=(python3)
if [ ${#missing[@]} -gt 0 ]; then
  log "installing Debian packages: ${missing[*]}"
  sudo=""
  if [ "$(id -u)" != 0 ]; then sudo="sudo"; fi
  export DEBIAN_FRONTEND=noninteractive
  if ! $sudo apt-get install -y --no-install-recommends "${missing[@]}"; then
    log "apt-get install failed; running apt-get update and retrying"
    $sudo apt-get update
    $sudo apt-get install -y --no-install-recommends "${missing[@]}"
  fi
fi

# --- code-server -----------------------------------------------------------------------------
entry="$prefix/node_modules/code-server/out/node/entry.js"
if [ -f "$marker" ] && [ -f "$entry" ] && [ -e "$prefix/node_modules/code-server/lib/vscode/node_modules/@vscode/ripgrep/bin/rg" ]; then
  log "code-server $CODE_SERVER_VERSION already installed in ${prefix#"$root"/}"
else
  log "installing code-server $CODE_SERVER_VERSION into ${prefix#"$root"/} (takes about a minute)"
  mkdir -p "$cache/tmp"
  # Keep npm's temp files, and the ripgrep "download cache", inside the clone.
  export TMPDIR="$cache/tmp"
  rgcache="$TMPDIR/vscode-ripgrep-cache-$RIPGREP_PKG_VERSION"
  mkdir -p "$rgcache"
  if [ ! -s "$rgcache/$RIPGREP_ASSET" ]; then
    work="$(mktemp -d)"
    cp /usr/bin/rg "$work/rg"
    tar -czf "$rgcache/$RIPGREP_ASSET" -C "$work" rg
    rm -rf "$work"
  fi
  export npm_config_yes=true            # node-pty's install runs `npx node-gyp`
  export npm_config_unsafe_perm=true    # code-server's postinstall refuses root without it
  export npm_config_audit=false npm_config_fund=false npm_config_update_notifier=false
  install_code_server() {
    rm -rf "$prefix"
    mkdir -p "$prefix"
    # A package.json of its own, so that npm never treats the repository as the project.
    # allowScripts: npm 11 reviews dependency install scripts; these two must run.
    printf '{ "name": "cfn-hipaa-code-server", "private": true, "allowScripts": { "code-server": true, "argon2": true } }\n' >"$prefix/package.json"
    (cd "$prefix" && npm install --no-save --no-package-lock --omit=dev "code-server@$CODE_SERVER_VERSION")
  }
  # Seen once here: node-pty's postinstall (`npx node-gyp configure`) failing with
  # "spawn sh ENOENT"; the same install then passed. One retry, then give up.
  if ! install_code_server; then
    log "npm install failed; retrying once"
    install_code_server
  fi
  "$prefix/node_modules/.bin/code-server" --version >/dev/null
  touch "$marker"
fi

# --- playwright-core (a devDependency of the repository) -------------------------------------
if [ ! -f "$root/node_modules/playwright-core/package.json" ]; then
  log "playwright-core is missing from node_modules: run npm ci (it is a devDependency)"
  exit 1
fi

log "code-server $CODE_SERVER_VERSION ready; took $(elapsed) ms"

#!/usr/bin/env bash
# Installs what the real-VS Code harness needs: Debian's chromium and
# libkrb5-dev, then code-server on Node 24 (from npm) in test/e2e/node_modules.
# Idempotent: a second run only checks, in about a second.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
log() { printf '[e2e setup] %s\n' "$*"; }

# --- Debian packages -------------------------------------------------------
missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
# a native module of code-server includes gssapi/gssapi.h
[ -f /usr/include/gssapi/gssapi.h ] || missing+=(libkrb5-dev)
if [ "${#missing[@]}" -gt 0 ]; then
  log "apt-get install ${missing[*]}"
  SUDO=""
  [ "$(id -u)" = 0 ] || SUDO=sudo
  # Another engineer (or CI step) may run apt-get at the same time.
  flock /tmp/apt.lock $SUDO env DEBIAN_FRONTEND=noninteractive sh -c \
    "apt-get update -qq && apt-get install -y -qq ${missing[*]} >/dev/null"
else
  log "Debian packages present (chromium, libkrb5-dev)"
fi

# --- npm packages (code-server needs Node 24) --------------------------------
cd "$HERE"
BIN="$HERE/node_modules/.bin"
# Node 24 from the `node` npm package goes first on PATH, so that npm and the
# install scripts (code-server's postinstall, native rebuilds) run on it. On a
# fresh clone the folder appears during the install below.
export PATH="$BIN:$PATH"
# Under `npm run`, the outer npm (on the system Node) exports its config as
# npm_* variables; an inner npm would take them as its own, among them the
# user agent "… node/v20 …" that code-server's postinstall reads to refuse.
while IFS= read -r var; do unset "$var"; done < <(compgen -e | grep '^npm_' || true)

stamp="$HERE/node_modules/.harness-installed"
# What was installed is recorded as a hash of the manifest and the lockfile.
fingerprint() { cat package.json package-lock.json 2>/dev/null | sha256sum | cut -c1-16; }
harness_ok() {
  [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$(fingerprint)" ] &&
    "$BIN/node" --version 2>/dev/null | grep -q '^v24\.' &&
    [ -f "$HERE/node_modules/code-server/out/node/entry.js" ]
}

if harness_ok; then
  log "harness npm packages present ($("$BIN/node" --version), code-server $(node -p 'require("code-server/package.json").version'))"
  exit 0
fi

# Scripts are held back at first: code-server's postinstall refuses Node 20,
# and Node 24 exists only once the `node` package's own preinstall has run.
if [ -f package-lock.json ]; then
  log "npm ci --ignore-scripts in test/e2e"
  npm ci --ignore-scripts --no-audit --no-fund
else
  log "npm install --ignore-scripts in test/e2e (no lockfile yet: writes it)"
  npm install --ignore-scripts --no-audit --no-fund
fi
log "fetching Node 24 (the node package's preinstall)"
npm rebuild node
if ! "$BIN/node" --version 2>/dev/null | grep -q '^v24\.'; then
  echo "[e2e setup] Node 24 did not install into $BIN" >&2
  exit 1
fi
# code-server's postinstall compiles native modules with node-gyp: use every core.
export JOBS=max
log "running install scripts on $("$BIN/node" --version) (code-server postinstall, native modules)"
hash -r
npm rebuild code-server argon2
"$BIN/code-server" --version >/dev/null
fingerprint >"$stamp"
log "done: $("$BIN/node" --version), code-server $("$BIN/code-server" --version | head -1)"

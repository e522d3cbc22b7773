#!/usr/bin/env bash
# Prints the shell lines that put the Node.js of .nvmrc first on the PATH, fetching it from the
# npm registry's `node` package (a binary and its headers, a few seconds) when the node on the
# PATH is another version. npm runs on the first node on the PATH, so install, build and tests
# then all run on it:   eval "$(bash tools/use-node.sh)"
set -euo pipefail
want=$(cat "$(dirname "$0")/../.nvmrc")
if [ "$(node --version 2>/dev/null)" = "v$want" ]; then exit 0; fi
dir="${XDG_CACHE_HOME:-$HOME/.cache}/candlecast/node-$want"
if [ ! -x "$dir/node_modules/node/bin/node" ]; then
  echo "fetching Node.js $want into $dir" >&2
  npm install --prefix "$dir" --no-save --no-audit --no-fund --loglevel=error "node@$want" >&2
fi
headers=$(dirname "$(dirname "$(ls -d "$dir"/node_modules/node/node_modules/*/include/node | head -1)")")
echo "export PATH='$dir/node_modules/node/bin':\"\$PATH\""
# node-gyp builds native addons (argon2, where no prebuilt binary fits) against these headers.
echo "export npm_config_nodedir='$headers'"

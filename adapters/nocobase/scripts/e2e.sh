#!/usr/bin/env bash
# End-to-end check of the OKR Align NocoBase plugin on a fresh machine:
#   install NocoBase 2.2.15 from the npm registry on PostgreSQL (loopback), build and upload our .tgz,
#   enable it, run the adapter tests over HTTP, open the alignment board block in Chromium.
# Needs: Node 20+, PostgreSQL on 127.0.0.1 (trust or PG* env), Debian's chromium, the repo's node_modules.
# Every npm package of the NocoBase app is pinned by adapters/nocobase/e2e/yarn.lock (made from a registry-only
# install of create-nocobase-app@2.2.15; regenerate it with E2E_UNPINNED=1 and copy the app's yarn.lock back).
# Env: E2E_DIR (default /tmp/okr-nocobase-e2e), E2E_PORT (13000), E2E_DB (okr_nocobase_e2e), E2E_KEEP=1 keeps
# the server, app and database; E2E_INSTALL_PG=1 installs and starts Debian's postgresql first (root only).
# E2E_UPGRADE_FROM=<git ref> checks an upgrade instead of a fresh install: the plugin built from that ref is
# enabled and given the demo, then replaced through the plugin manager (pm:update) by this tree's package and
# the app restarted without `nocobase upgrade`; the tests then run on the upgraded app.
set -euo pipefail

NOCOBASE_VERSION=2.2.15
YARN_VERSION=1.22.22
repo="$(cd "$(dirname "$0")/../../.." && pwd)"
dir="${E2E_DIR:-/tmp/okr-nocobase-e2e}"
port="${E2E_PORT:-13000}"
db="${E2E_DB:-okr_nocobase_e2e}"
url="http://127.0.0.1:${port}"
pgid=""
t0=$(date +%s)

step() { echo "== [$(($(date +%s) - t0)) s] $*"; }
cleanup() {
  if [ -n "$pgid" ] && [ "${E2E_KEEP:-0}" != 1 ]; then kill -- "-$pgid" 2>/dev/null || true; fi
}
trap cleanup EXIT

if [ "${E2E_INSTALL_PG:-0}" = 1 ]; then
  step "installing PostgreSQL from Debian"
  apt-get install -y --no-install-recommends postgresql >/dev/null
  pg_ctlcluster "$(ls /etc/postgresql)" main start || true
fi
pg_isready -h 127.0.0.1 -p 5432 >/dev/null || { echo "e2e: PostgreSQL does not answer on 127.0.0.1:5432; start it or set E2E_INSTALL_PG=1"; exit 1; }
command -v yarn >/dev/null || { step "installing yarn $YARN_VERSION"; npm i -g "yarn@$YARN_VERSION" >/dev/null; }

# A server left on the port would answer instead of the one installed here.
if curl -s -o /dev/null "$url"; then echo "e2e: something already listens on $url; stop it or set E2E_PORT"; exit 1; fi

step "fresh database $db and app dir $dir"
dropdb -h 127.0.0.1 -U "${PGUSER:-postgres}" --if-exists "$db"
createdb -h 127.0.0.1 -U "${PGUSER:-postgres}" "$db"
rm -rf "$dir" && mkdir -p "$dir" && cd "$dir"

step "create-nocobase-app@$NOCOBASE_VERSION"
npx -y "create-nocobase-app@$NOCOBASE_VERSION" app -d postgres --skip-dev-dependencies \
  -e DB_HOST=127.0.0.1 -e DB_PORT=5432 -e "DB_DATABASE=$db" -e "DB_USER=${PGUSER:-postgres}" \
  -e "DB_PASSWORD=${PGPASSWORD:-}" -e "APP_PORT=$port" -e APP_HOST=127.0.0.1 >/dev/null
cd app
# @nocobase/devtools is not on the registry; xlsx would otherwise be fetched from outside the registry.
node -e '
const fs = require("fs");
const p = JSON.parse(fs.readFileSync("package.json"));
delete p.devDependencies;
p.resolutions = { ...p.resolutions, xlsx: "npm:@e965/xlsx@0.20.3" };
fs.writeFileSync("package.json", JSON.stringify(p, null, 2) + "\n");'
# The contract suite reaches the adapter's ports through a test-only resource that this switch turns on.
echo OKR_ALIGN_PORT_BRIDGE=1 >> .env

frozen=(--frozen-lockfile)
if [ "${E2E_UNPINNED:-0}" = 1 ]; then frozen=(); else cp "$repo/adapters/nocobase/e2e/yarn.lock" yarn.lock; fi
step "yarn install ${frozen[*]:-(unpinned)} from registry.npmjs.org"
yarn install --ignore-engines --non-interactive --network-timeout 600000 --registry https://registry.npmjs.org \
  "${frozen[@]}" >install.log 2>&1 || { tail -30 install.log; exit 1; }

step "nocobase install"
yarn nocobase install >nocobase-install.log 2>&1 || { tail -30 nocobase-install.log; exit 1; }

start_app() {
  setsid yarn start --launch-mode node >>server.log 2>&1 </dev/null &
  pgid=$!
  for _ in $(seq 1 180); do curl -sf "$url/api/app:getLang" >/dev/null && break; sleep 1; done
  curl -sf "$url/api/app:getLang" >/dev/null || { tail -30 server.log; exit 1; }
}
stop_app() {
  kill -- "-$pgid" 2>/dev/null || true
  for _ in $(seq 1 30); do curl -s -o /dev/null "$url" || break; sleep 1; done
}
sign_in() {
  token=$(curl -sf -X POST "$url/api/auth:signIn" -H 'content-type: application/json' -H 'x-authenticator: basic' \
    -d '{"account":"admin@nocobase.com","password":"admin123"}' | node -pe 'JSON.parse(require("fs").readFileSync(0)).data.token')
}
wait_for_plugin() {
  for _ in $(seq 1 180); do
    curl -s "$url/api/okrAlign:me" -H "authorization: Bearer $token" | grep -q userId && break
    sleep 1
  done
  curl -s "$url/api/okrAlign:me" -H "authorization: Bearer $token" | grep -q userId || { tail -30 server.log; exit 1; }
}
add_and_enable() {
  curl -sf -X POST "$url/api/pm:add" -H "authorization: Bearer $token" -F "file=@$1" >/dev/null
  for _ in $(seq 1 60); do
    curl -sf "$url/api/pm:get?filterByTk=@okr-align/nocobase" -H "authorization: Bearer $token" | grep -q packageName && break
    sleep 1
  done
  curl -sf -X POST "$url/api/pm:enable?filterByTk=@okr-align/nocobase" -H "authorization: Bearer $token" >/dev/null
  wait_for_plugin
}

step "start NocoBase on $url"
: >server.log
start_app

step "build the plugin package"
node "$repo/adapters/nocobase/scripts/build.mjs" --out "$dir/pkg"
tgz=$(ls "$dir"/pkg/okr-align-nocobase-*.tgz)
sign_in

if [ -z "${E2E_UPGRADE_FROM:-}" ]; then
  step "upload and enable $tgz"
  add_and_enable "$tgz"
else
  step "build the plugin of $E2E_UPGRADE_FROM, upload and enable it, import the demo"
  mkdir -p "$dir/from/src"
  git -C "$repo" archive "$E2E_UPGRADE_FROM" | tar -x -C "$dir/from/src"
  ln -s "$repo/node_modules" "$dir/from/src/node_modules"
  node "$dir/from/src/adapters/nocobase/scripts/build.mjs" --out "$dir/from/pkg" >/dev/null
  add_and_enable "$(ls "$dir"/from/pkg/okr-align-nocobase-*.tgz)"
  # The restart an admin makes sooner or later (it runs the upgrade that pm:add left pending).
  stop_app && start_app && sign_in && wait_for_plugin
  NOCOBASE_URL="$url" "$repo/node_modules/.bin/tsx" "$repo/adapters/nocobase/scripts/seed-demo.ts"

  step "update to $tgz through the plugin manager, restart without nocobase upgrade"
  curl -sf -X POST "$url/api/pm:update?filterByTk=@okr-align/nocobase" -H "authorization: Bearer $token" \
    -F "file=@$tgz" --form-string "packageName=@okr-align/nocobase" >/dev/null
  for _ in $(seq 1 60); do
    cmp -s "$dir/pkg/package/dist/server/index.js" storage/plugins/@okr-align/nocobase/dist/server/index.js && break
    sleep 1
  done
  stop_app && start_app && sign_in && wait_for_plugin
  # pm:update ends with `pm2 restart all`, which only starts a PM2 daemon when the app does not run under PM2.
  PM2_HOME="$PWD/storage/.pm2" node_modules/.bin/pm2 kill >/dev/null 2>&1 || true
  grep -q 'okr-align: the database lacked' server.log || echo "e2e: the upgraded app lacked no column of the plugin"
fi

step "adapter tests over HTTP"
cd "$repo"
NOCOBASE_URL="$url" npx vitest run test/adapters/nocobase

step "alignment board block in Chromium"
NOCOBASE_URL="$url" node adapters/nocobase/scripts/browser-check.mjs

step "live board: two browsers, link/unlink and presence"
NOCOBASE_URL="$url" node adapters/nocobase/scripts/browser-check-live.mjs

# Last: the use-case table leaves its own KRs, cycles and windows behind, which the demo checks above
# would count.
step "use cases over HTTP (test/usecases)"
NOCOBASE_URL="$url" npx vitest run test/usecases/nocobase.test.ts

step "done"
if [ "${E2E_KEEP:-0}" != 1 ]; then
  kill -- "-$pgid" 2>/dev/null || true
  pgid=""
  sleep 2
  dropdb -h 127.0.0.1 -U "${PGUSER:-postgres}" --if-exists "$db"
fi

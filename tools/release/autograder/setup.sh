#!/usr/bin/env bash
# Gradescope runs this once, as root, in /autograder/source, when it builds the autograder's
# image (base image: Ubuntu 22.04, Gradescope's default; nothing here depends on the release, so
# 24.04 works too). It installs Node.js from the official tarball at nodejs.org, pinned below,
# checked against the SHA-256 published beside it, into /usr/local; then the pack's npm
# dependencies exactly as package-lock.json pins them (`npm ci`).
# Why the tarball and not apt: Ubuntu's own nodejs is 12 (22.04) or 18 (24.04), below the
# pack's Node >= 20.19; the tarball needs no third-party apt repository or key.
set -euo pipefail

NODE_VERSION="20.20.2" # the version the pack is tested with (README, Benchmarks)

cd "$(dirname "$0")"
export DEBIAN_FRONTEND=noninteractive
missing=""
for tool in curl xz tar; do command -v "$tool" >/dev/null 2>&1 || missing="$missing $tool"; done
if [ -n "$missing" ] || [ ! -d /etc/ssl/certs ]; then
  apt-get update
  apt-get install -y --no-install-recommends ca-certificates curl xz-utils tar
fi

case "$(uname -m)" in
  x86_64) arch=x64 ;;
  aarch64 | arm64) arch=arm64 ;;
  *) echo "setup.sh: no Node.js build for $(uname -m)" >&2; exit 1 ;;
esac
tarball="node-v${NODE_VERSION}-linux-${arch}.tar.xz"
base="https://nodejs.org/dist/v${NODE_VERSION}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
curl -fsSL --retry 3 -o "$work/$tarball" "$base/$tarball"
curl -fsSL --retry 3 -o "$work/SHASUMS256.txt" "$base/SHASUMS256.txt"
# Same server, so this catches a truncated or corrupted download, not a compromised nodejs.org.
(cd "$work" && grep " ${tarball}\$" SHASUMS256.txt | sha256sum -c -)
tar -xJf "$work/$tarball" -C /usr/local --strip-components=1 --no-same-owner
hash -r
node --version
node -e 'const [a, b] = process.versions.node.split(".").map(Number); if (a < 20 || (a === 20 && b < 19)) { console.error("setup.sh: Node >= 20.19 is needed, got " + process.version); process.exit(1); }'

npm ci --no-audit --no-fund
echo "setup.sh: Node $(node --version), npm $(npm --version), $(ls node_modules | wc -l) packages in $(pwd)/node_modules"

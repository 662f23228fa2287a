#!/usr/bin/env bash
# Installs the Citus extension into Debian's PostgreSQL 15 when it is missing, by building the
# vendored source tarball (../shared/vendor, or CITUS_TARBALL). Idempotent: a second run finds
# citus.so and the control file and does nothing. Nothing is downloaded but Debian's build
# packages. Needs root (apt-get and `make install` into PostgreSQL's directories).
#
# Why a source build: Citus 12.1 is the newest line for PostgreSQL 15, and no registry this
# project can reach ships it as a package. The build takes about 5-11 minutes on 2 cores.
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
tarball="${CITUS_TARBALL:-$here/../shared/vendor/citus-12.1.12.tar.gz}"

pg_config_bin="$(command -v pg_config || true)"
if [ -z "$pg_config_bin" ] || ! "$pg_config_bin" --pgxs >/dev/null 2>&1; then
  pg_config_bin=/usr/lib/postgresql/15/bin/pg_config
fi
libdir="$("$pg_config_bin" --pkglibdir 2>/dev/null || echo /usr/lib/postgresql/15/lib)"
sharedir="$("$pg_config_bin" --sharedir 2>/dev/null || echo /usr/share/postgresql/15)"
if [ -f "$libdir/citus.so" ] && [ -f "$sharedir/extension/citus.control" ]; then
  echo "citus is installed ($libdir/citus.so)"
  exit 0
fi
if [ ! -f "$tarball" ]; then
  echo "citus is not installed and its source is not at $tarball (set CITUS_TARBALL)" >&2
  exit 1
fi

# The build packages SOURCE.md lists; only the missing ones are installed.
packages=(postgresql-server-dev-15 libcurl4-openssl-dev liblz4-dev libzstd-dev libkrb5-dev libssl-dev
  libselinux1-dev libpam0g-dev libxslt1-dev libreadline-dev zlib1g-dev autoconf flex make gcc)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "installing Debian build packages: ${missing[*]}" >&2
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi

started=$(date +%s)
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
tar -xzf "$tarball" -C "$work"
src="$(find "$work" -mindepth 1 -maxdepth 1 -type d | head -n 1)"
cd "$src"
echo "building citus from $(basename "$tarball") (a few minutes)" >&2
PG_CONFIG="$(dirname "$pg_config_bin")/pg_config" ./configure --without-libcurl PG_CONFIG="$pg_config_bin" >/dev/null
# with_llvm=no skips the JIT bitcode: faster to build, and Diplomat does not rely on JIT.
make -s -j"$(nproc)" with_llvm=no >/dev/null
make -s install with_llvm=no >/dev/null
echo "citus installed in $(($(date +%s) - started)) s" >&2

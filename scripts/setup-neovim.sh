#!/usr/bin/env bash
# Make sure Neovim (the second, independent LSP client used by test/editors/neovim.test.ts) is
# installed. Idempotent and instant when `nvim` is already on PATH; otherwise installs Debian's
# `neovim` package (0.7.x on bookworm), running `apt-get update` only if the first try fails.
set -euo pipefail

if command -v nvim >/dev/null 2>&1; then
  exit 0
fi

if [ "$(id -u)" -ne 0 ]; then
  echo "setup-neovim: nvim is not installed and this script is not running as root." >&2
  echo "setup-neovim: install it with: sudo apt-get install -y --no-install-recommends neovim" >&2
  exit 1
fi

if ! command -v apt-get >/dev/null 2>&1; then
  echo "setup-neovim: nvim is not installed and apt-get is not available (Debian/Ubuntu expected)." >&2
  exit 1
fi

export DEBIAN_FRONTEND=noninteractive
install() { apt-get install -y --no-install-recommends neovim; }

echo "setup-neovim: installing Debian's neovim package" >&2
if ! install >&2; then
  echo "setup-neovim: install failed; running apt-get update and retrying" >&2
  apt-get update >&2
  install >&2
fi

if ! command -v nvim >/dev/null 2>&1; then
  echo "setup-neovim: neovim was installed but nvim is still not on PATH." >&2
  exit 1
fi
echo "setup-neovim: $(nvim --version | head -n 1)" >&2

#!/usr/bin/env bash
# bootstrap.sh: build pdev, install it, and set up this machine with `pdev init`.
#
#   ./bootstrap.sh [--prefix DIR] [--yes] [--no-init] [-- INIT-FLAGS...]
#       Check for Swift, pkg-config and libyaml (offering to install the last two), build
#       pdev in release mode, install PREFIX/bin/pdev and PREFIX/share/pdev/{templates,profiles},
#       then run `pdev init INIT-FLAGS...` (or, when pdev.yaml exists already: an upgrade,
#       `pdev generate`).
#   ./bootstrap.sh test [--yes]
#       Install what the tests need (libyaml, pkg-config, the validators nix-instantiate,
#       luajit and fish, and what ../shared/tools/app-check needs: git, python3-venv, make,
#       gcc, bat, ripgrep), set up app-check (a Python virtualenv from PyPI) and
#       check-jsonschema (~/.cache/pdev-tools), check the format against .swift-format,
#       and run `swift test`.
#
# Flags:
#   --prefix DIR   Install under DIR (default: ~/.local)
#   --yes, -y      Install missing packages without asking
#   --no-init      Install pdev only
# Environment:
#   PREFIX         The same as --prefix
#   CI             When "true", tests fail instead of skipping when a validator is missing
set -euo pipefail

cd "$(dirname "$0")"

mode=install
prefix="${PREFIX:-$HOME/.local}"
assume_yes=false
run_init=true
init_args=()

if [ "${1:-}" = test ]; then
  mode=test
  shift
fi
while [ $# -gt 0 ]; do
  case "$1" in
    --prefix) prefix="${2:?--prefix needs a directory}"; shift 2 ;;
    --prefix=*) prefix="${1#--prefix=}"; shift ;;
    --yes | -y) assume_yes=true; shift ;;
    --no-init) run_init=false; shift ;;
    --) shift; init_args=("$@"); break ;;
    -h | --help) sed -n '2,20p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "bootstrap.sh: unknown argument '$1' (see ./bootstrap.sh --help)" >&2; exit 2 ;;
  esac
done

say() { printf 'bootstrap: %s\n' "$*" >&2; }
die() { say "$*"; exit 1; }
has_command() { command -v "$1" >/dev/null 2>&1; }

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"; elif has_command sudo; then sudo "$@"; else die "run as root or install sudo: $*"; fi
}

# Ask before installing, unless --yes or there is no terminal to ask on.
confirm() {
  $assume_yes && return 0
  [ -r /dev/tty ] || die "$1 (rerun with --yes to install it)"
  printf 'bootstrap: %s Install it now? [Y/n] ' "$1" >/dev/tty
  read -r answer </dev/tty || answer=n
  case "$answer" in "" | y | Y | yes) return 0 ;; *) die "stopped; install it and run bootstrap.sh again" ;; esac
}

# Install packages by their Debian names; brew and nix get their own names.
install_packages() {
  local why="$1"; shift
  if has_command apt-get; then
    confirm "$why: apt-get install $*."
    as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
  elif has_command brew; then
    local formulae=()
    for p in "$@"; do
      case "$p" in
        libyaml-dev) formulae+=(libyaml) ;;
        nix-bin) say "install Nix from https://nixos.org/download for the Nix parse checks" ;;
        *) formulae+=("$p") ;;
      esac
    done
    [ ${#formulae[@]} -eq 0 ] || { confirm "$why: brew install ${formulae[*]}."; brew install "${formulae[@]}"; }
  elif has_command nix; then
    local attrs=()
    for p in "$@"; do
      case "$p" in libyaml-dev) attrs+=(nixpkgs#libyaml nixpkgs#libyaml.dev) ;; nix-bin) ;; *) attrs+=("nixpkgs#$p") ;; esac
    done
    [ ${#attrs[@]} -eq 0 ] || { confirm "$why: nix profile install ${attrs[*]}."; nix profile install "${attrs[@]}"; }
  else
    die "$why; install $* with your package manager"
  fi
}

has_command swift || die "no Swift toolchain found; install one from https://www.swift.org/install (Swift 6 or newer)"

missing=()
has_command pkg-config || missing+=(pkg-config)
if ! has_command pkg-config || ! pkg-config --exists yaml-0.1; then missing+=(libyaml-dev); fi
if [ "$mode" = test ]; then
  has_command nix-instantiate || missing+=(nix-bin)
  has_command luajit || missing+=(luajit)
  has_command fish || missing+=(fish)
  # The real-application checks (../shared/tools/app-check) and their virtualenv.
  has_command git || missing+=(git)
  has_command make || missing+=(make)
  has_command gcc || missing+=(gcc)
  has_command bat || has_command batcat || missing+=(bat)
  has_command rg || missing+=(ripgrep)
  # The AI CLI sandbox is run for real under bubblewrap where user namespaces allow it.
  has_command bwrap || missing+=(bubblewrap)
  if has_command apt-get && ! dpkg -s python3-venv >/dev/null 2>&1; then missing+=(python3-venv); fi
fi
[ ${#missing[@]} -eq 0 ] || install_packages "pdev needs ${missing[*]}" "${missing[@]}"
pkg-config --exists yaml-0.1 || die "libyaml is still missing (pkg-config yaml-0.1)"

if [ "$mode" = test ]; then
  app_check_setup=../shared/tools/app-check/app-check-setup
  if [ -x "$app_check_setup" ]; then
    say "setting up app-check ($app_check_setup)"
    "$app_check_setup" >&2 || { [ "${CI:-}" = true ] && die "app-check could not be set up"; say "app-check is not ready: its tests will be skipped"; }
  elif [ "${CI:-}" = true ]; then
    die "no $app_check_setup: the real-application tests cannot run"
  fi
  # GitHub's workflow schema, for the tests of `ci: github` (check-jsonschema, PyPI).
  tools_venv="$HOME/.cache/pdev-tools"
  if [ ! -x "$tools_venv/bin/check-jsonschema" ]; then
    say "installing check-jsonschema into $tools_venv"
    { python3 -m venv "$tools_venv" && "$tools_venv/bin/pip" install -q check-jsonschema; } >&2 \
      || { [ "${CI:-}" = true ] && die "check-jsonschema could not be installed"; say "check-jsonschema is missing: its tests will be skipped"; }
  fi
  # The code follows .swift-format (swift-format ships with the toolchain).
  if swift format --version >/dev/null 2>&1; then
    say "checking the format (swift format lint --strict)"
    swift format lint --strict -r Sources Tests Package.swift || die "swift format lint found the above; run: swift format format -i -r Sources Tests Package.swift"
  elif [ "${CI:-}" = true ]; then
    die "swift format is not available in this toolchain"
  fi
  say "running the tests (swift test)"
  exec swift test
fi

say "building pdev (release)"
swift build -c release --product pdev
bin="$(swift build -c release --product pdev --show-bin-path)/pdev"

say "installing into $prefix"
mkdir -p "$prefix/bin" "$prefix/share/pdev"
install -m 0755 "$bin" "$prefix/bin/pdev"
rm -rf "$prefix/share/pdev/templates" "$prefix/share/pdev/profiles"
cp -R templates profiles "$prefix/share/pdev/"
"$prefix/bin/pdev" --version >/dev/null || die "the installed pdev does not run"
say "installed $("$prefix/bin/pdev" --version)"

# The PATH line for the shell the user really logs in with.
case ":$PATH:" in
  *":$prefix/bin:"*) ;;
  *)
    case "$(basename "${SHELL:-sh}")" in
      fish) say "add $prefix/bin to your PATH: fish_add_path $prefix/bin" ;;
      zsh) say "add $prefix/bin to your PATH: echo 'export PATH=\"$prefix/bin:\$PATH\"' >> ~/.zshrc" ;;
      bash) say "add $prefix/bin to your PATH: echo 'export PATH=\"$prefix/bin:\$PATH\"' >> ~/.bashrc" ;;
      *) say "add $prefix/bin to your PATH: export PATH=\"$prefix/bin:\$PATH\" in your shell's startup file" ;;
    esac
    ;;
esac

if $run_init; then
  config="${PDEV_CONFIG_HOME:-${XDG_CONFIG_HOME:-$HOME/.config}/pdev}/pdev.yaml"
  if [ -e "$config" ]; then
    # An upgrade: the configuration stays; the output is rendered again by the new pdev.
    say "$config is kept; rendering it with the new pdev: pdev generate"
    exec "$prefix/bin/pdev" generate
  fi
  say "setting up this machine: pdev init ${init_args[*]:-}"
  exec "$prefix/bin/pdev" init "${init_args[@]}"
fi

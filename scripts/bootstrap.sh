#!/usr/bin/env bash
# scripts/bootstrap.sh [--test]
#
# Idempotent set-up of everything the program (and, with --test, the tests)
# needs, for a fresh Debian/Ubuntu-like machine:
#   1. system packages via apt-get (only when root, only the missing ones;
#      otherwise it prints which ones are needed and carries on);
#   2. .venv in the repo root (created if missing, re-created if broken);
#   3. requirements.txt (+ requirements-test.txt with --test) into .venv, with
#      uv when it can be had, else pip.  Skipped entirely when the stamp
#      .venv/.req-<sha256 of the requirements files> exists.
#
# Environment knobs (all optional):
#   PYTHON=python3.11        interpreter used to create .venv (default python3)
#   BOOTSTRAP_NO_APT=1       never call apt-get, only report missing packages
#   BOOTSTRAP_NO_UV=1        use plain pip, do not try uv
# Progress goes to stderr, so `scripts/run.sh --version` keeps a clean stdout.
set -euo pipefail

UV_VERSION=0.13.9

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

WITH_TEST=0
for arg in "$@"; do
    case "$arg" in
        --test) WITH_TEST=1 ;;
        -h|--help) sed -n '2,19p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) echo "bootstrap.sh: 未知参数 / unknown argument: $arg" >&2; exit 2 ;;
    esac
done

log()  { printf '[bootstrap] %s\n' "$*" >&2; }
die()  { printf '[bootstrap] 错误 / ERROR: %s\n' "$*" >&2; exit 1; }

# Two runs at once (run.sh in one terminal, test.sh in another) must not build
# the same .venv concurrently.
if command -v flock >/dev/null 2>&1; then
    exec 9>"$ROOT/.venv.lock"
    flock -w 1800 9 || die "等待 .venv.lock 超时 / timed out waiting for .venv.lock"
fi

# ---------------------------------------------------------------- 1. system
BASE_PKGS=(python3 python3-venv ca-certificates
           libgl1 libegl1 libxkbcommon0 libglib2.0-0 libfontconfig1 libdbus-1-3
           fonts-wqy-microhei)
# What a real window (xcb platform plugin, also under Xvfb) needs.
XCB_PKGS=(xvfb xauth libxkbcommon-x11-0 libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1
          libxcb-shape0 libxcb-randr0 libxcb-render-util0 libxcb-image0
          libxcb-xinerama0 libxcb-xkb1)
# Opening exports in LibreOffice and looking at pages; typing 拼音 through fcitx5
# under Xvfb (tools/check_fcitx_input.sh); strace for the no-network test — tests only.
TEST_PKGS=(libreoffice-writer-nogui libreoffice-calc-nogui poppler-utils imagemagick
           fcitx5 fcitx5-chinese-addons xdotool dbus-x11 strace)

WANTED=("${BASE_PKGS[@]}" "${XCB_PKGS[@]}")
if (( WITH_TEST )); then WANTED+=("${TEST_PKGS[@]}"); fi

pkg_installed() {
    # Debian 13 / Ubuntu 24.04 renamed some libraries to <name>t64; apt
    # installs those for the old name, so accept either.
    local name status
    for name in "$1" "$1t64"; do
        status="$(dpkg-query -W -f='${Status}' "$name" 2>/dev/null)" || continue
        [[ "$status" == *" ok installed" ]] && return 0
    done
    return 1
}

print_needed() {   # $1 = reason, rest = packages
    local reason="$1"; shift
    log "$reason"
    log "需要以下系统软件包（请让管理员安装）/ these system packages are needed (ask an administrator):"
    log "    sudo apt-get install -y --no-install-recommends $*"
    log "继续执行；缺少的库会在启动 Qt 时报错 / continuing; missing libraries will show up as Qt start-up errors."
}

if ! command -v apt-get >/dev/null 2>&1 || ! command -v dpkg-query >/dev/null 2>&1; then
    print_needed "未找到 apt-get/dpkg，跳过系统软件包安装 / no apt-get/dpkg here, not installing system packages." \
                 "${WANTED[@]}"
else
    MISSING=()
    for p in "${WANTED[@]}"; do pkg_installed "$p" || MISSING+=("$p"); done
    if (( ${#MISSING[@]} )); then
        if [[ "$(id -u)" != 0 ]]; then
            print_needed "当前不是 root，无法安装系统软件包 / not root, cannot install system packages." "${MISSING[@]}"
        elif [[ "${BOOTSTRAP_NO_APT:-}" == 1 ]]; then
            print_needed "BOOTSTRAP_NO_APT=1，跳过 apt-get / BOOTSTRAP_NO_APT=1, skipping apt-get." "${MISSING[@]}"
        else
            export DEBIAN_FRONTEND=noninteractive
            APT=(apt-get -q -o DPkg::Lock::Timeout=900 -o Dpkg::Use-Pty=0)
            log "安装系统软件包 / installing system packages: ${MISSING[*]}"
            # A broken third-party source makes `update` exit non-zero although
            # Debian's own lists were fetched: warn and try the install anyway.
            "${APT[@]}" update </dev/null >&2 \
                || log "警告：apt-get update 部分失败 / warning: apt-get update reported errors"
            "${APT[@]}" install -y --no-install-recommends "${MISSING[@]}" </dev/null >&2 \
                || die "apt-get install 失败 / apt-get install failed: ${MISSING[*]}"
        fi
    fi
fi

# ---------------------------------------------------------------- 2. venv
PY="${PYTHON:-python3}"
VPY="$ROOT/.venv/bin/python"

venv_ok() {
    [[ -x "$VPY" ]] && "$VPY" - <<'EOF' >/dev/null 2>&1
import sys
assert sys.version_info >= (3, 10)
assert sys.prefix != sys.base_prefix
import pip  # noqa: F401  (python -m venv always seeds pip; gone = broken)
EOF
}

if [[ -e .venv ]] && ! venv_ok; then
    log ".venv 已损坏，重新创建 / .venv is broken, re-creating it"
    rm -rf .venv
fi
if [[ ! -e .venv ]]; then
    command -v "$PY" >/dev/null 2>&1 \
        || die "找不到 $PY（需要 Python ≥ 3.10）/ $PY not found (Python >= 3.10 needed)"
    "$PY" -c 'import sys; sys.exit(sys.version_info < (3, 10))' \
        || die "$PY 版本过低，需要 ≥ 3.10 / $PY is too old, 3.10 or newer is needed: $("$PY" -V 2>&1)"
    log "创建虚拟环境 / creating .venv with $("$PY" -V 2>&1) ($(command -v "$PY"))"
    if ! "$PY" -m venv .venv >&2; then
        rm -rf .venv
        die "python3 -m venv 失败（Debian/Ubuntu 上请安装 python3-venv）/ python3 -m venv failed (on Debian/Ubuntu install python3-venv)"
    fi
    venv_ok || { rm -rf .venv; die "新建的 .venv 不可用 / the new .venv does not work"; }
fi

# ---------------------------------------------------------------- 3. pip
REQ=requirements.txt
REQ_FILES=(requirements.txt)
if (( WITH_TEST )); then REQ=requirements-test.txt; REQ_FILES+=(requirements-test.txt); fi
for f in "${REQ_FILES[@]}"; do [[ -f "$f" ]] || die "缺少 $f / $f is missing"; done

stamp_of() { echo ".venv/.req-$(cat "$@" | sha256sum | cut -c1-64)"; }
STAMP="$(stamp_of "${REQ_FILES[@]}")"
if [[ -e "$STAMP" ]]; then
    exit 0          # nothing to do: same requirements already installed
fi

# TLS: an intercepting proxy or an intranet mirror signs with a CA that only
# the system store knows.  pip < 24.2 (Debian 12 seeds 23.0.1) trusts only its
# bundled certifi, uv only its built-in roots: point both at the system store
# unless the user already chose a bundle.  (The system store on Debian/Ubuntu
# holds the same Mozilla roots, so nothing is lost on an ordinary machine.)
SYS_CA=/etc/ssl/certs/ca-certificates.crt
if [[ -r "$SYS_CA" ]]; then
    if [[ -z "${PIP_CERT:-}${REQUESTS_CA_BUNDLE:-}" ]]; then export PIP_CERT="$SYS_CA"; fi
    if [[ -z "${SSL_CERT_FILE:-}" ]]; then export SSL_CERT_FILE="$SYS_CA"; fi
fi
export PIP_DISABLE_PIP_VERSION_CHECK=1

install_with_uv() {
    [[ "${BOOTSTRAP_NO_UV:-}" == 1 ]] && return 1
    local uv="$ROOT/.venv/bin/uv"
    if [[ ! -x "$uv" ]] || ! "$uv" --version >/dev/null 2>&1; then
        log "安装 uv / installing uv==$UV_VERSION"
        "$VPY" -m pip install -q "uv==$UV_VERSION" >&2 || return 1
    fi
    # uv ignores pip.conf; hand it the index a user configured for pip
    # (e.g. an intranet or 清华/阿里 mirror), if any.
    local args=() index
    index="$("$VPY" -m pip config get global.index-url 2>/dev/null || true)"
    if [[ -n "${PIP_INDEX_URL:-}" ]]; then index="$PIP_INDEX_URL"; fi
    if [[ -n "$index" && -z "${UV_DEFAULT_INDEX:-}${UV_INDEX_URL:-}" ]]; then args+=(--index-url "$index"); fi
    log "uv 安装依赖 / uv pip install -r $REQ"
    UV_HTTP_TIMEOUT="${UV_HTTP_TIMEOUT:-60}" \
        "$uv" pip install --python "$VPY" "${args[@]}" -r "$REQ" >&2
}

install_with_pip() {
    log "pip 安装依赖 / pip install -r $REQ"
    "$VPY" -m pip install --progress-bar off -r "$REQ" >&2
}

if ! install_with_uv; then
    [[ "${BOOTSTRAP_NO_UV:-}" == 1 ]] || log "uv 不可用，改用 pip / uv did not work, falling back to pip"
    install_with_pip || die "依赖安装失败 / installing $REQ failed"
fi

rm -f .venv/.req-*
touch "$STAMP"
# The test set includes the runtime set: run.sh after test.sh stays a no-op.
if (( WITH_TEST )); then touch "$(stamp_of requirements.txt)"; fi
log "完成 / done ($REQ)"

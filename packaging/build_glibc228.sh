#!/usr/bin/env bash
# packaging/build_glibc228.sh — build, on a newer Linux (Debian 12 here), a
# Python 3.11 that only needs glibc <= 2.28, for the 麒麟 V10 / 统信 UOS V20
# bundle. Called by `bash packaging/build.sh --glibc-2.28`; never by tests or CI.
#
#   BUILD_DIR=/work/build-14 bash packaging/build_glibc228.sh    → $BUILD_DIR/python/bin/python3.11
#
# Route (docs/deploy.md): zig (PyPI package `ziglang`) cross-compiles C for
# x86_64-linux-gnu.2.28, i.e. links against glibc 2.28's symbol versions
# whatever the build machine's glibc. Sources are Debian bookworm's source
# packages (upstream tarballs, checked by sha256), fetched with apt-get source
# through a private apt configuration, so the machine's apt set-up is untouched.
# zlib, libffi, bzip2 and xz are built as static, position-independent
# libraries and linked into the interpreter's modules; expat and libmpdec are
# CPython's own copies. No OpenSSL, sqlite, readline, curses or Tk: the program
# never opens a socket and needs none of them (hashlib falls back to its
# built-in md5/sha*). Each step is skipped when its result is already there.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
B="${BUILD_DIR:-$ROOT/build/glibc228}"
JOBS="${JOBS:-2}"
ZIG_VERSION=0.14.1
TARGET=x86_64-linux-gnu.2.28
mkdir -p "$B"/{src,work,deps,apt/lists/partial,apt/cache/archives/partial,bin}
log() { printf '[glibc228] %s\n' "$*" >&2; }
step() { STEP="$1"; log "== $1"; }
trap 'log "失败 / FAILED at step: ${STEP:-start} (log: $B/work/*.log)"' ERR

# name | Debian source package | upstream tarball | sha256
SOURCES=(
  "python|python3.11|python3.11_3.11.2.orig.tar.gz|2411c74bda5bbcfcddaf4531f66d1adc73f247f529aee981b029513aefdbf849"
  "zlib|zlib|zlib_1.2.13.dfsg.orig.tar.bz2|71feb7947e3c00ef125f83b79a4e529bde31171e5babe48b391f06758d1ab0a1"
  "libffi|libffi|libffi_3.4.4.orig.tar.gz|d66c56ad259a82cf2a9dfc408b32bf5da52371500b84745f7fb8b645712df676"
  "bzip2|bzip2|bzip2_1.0.8.orig.tar.gz|ab5a03176ee106d3f0fa90e381da478ddae405918153cca248e682cd0c4a2269"
  "xz|xz-utils|xz-utils_5.4.1.orig.tar.xz|5d9827aa1875b21c288f78864bb26d2650b436ea8d2cad364e4921eb6266a5a5"
)

# ------------------------------------------------------------ 1. zig
step "zig $ZIG_VERSION (pip package ziglang)"
if [[ ! -x "$B/tools/bin/python" ]]; then
    "${HOST_PYTHON:-python3}" -m venv "$B/tools"
fi
"$B/tools/bin/python" -m ziglang version 2>/dev/null | grep -qx "$ZIG_VERSION" \
    || "$B/tools/bin/pip" install -q "ziglang==$ZIG_VERSION"
# Wrappers: every compile targets glibc 2.28. zig enables UBSan traps when no
# -O is given; CPython casts function pointers on purpose, so sanitizers stay off.
# zig also makes __DATE__ (CPython's build info) an error: allowed again.
ZIG="$("$B/tools/bin/python" -c 'import os, ziglang; print(os.path.join(os.path.dirname(ziglang.__file__), "zig"))')"
for tool in cc c++ ar ranlib; do
    case $tool in
        cc)  cmd="cc -target $TARGET -fno-sanitize=all -Wno-date-time" ;;
        c++) cmd="c++ -target $TARGET -fno-sanitize=all -Wno-date-time" ;;
        *)   cmd="$tool" ;;
    esac
    printf '#!/bin/sh\nexec "%s" %s "$@"\n' "$ZIG" "$cmd" > "$B/bin/zig-$tool"
    chmod +x "$B/bin/zig-$tool"
done
export CC="$B/bin/zig-cc" CXX="$B/bin/zig-c++" AR="$B/bin/zig-ar" RANLIB="$B/bin/zig-ranlib"

# ------------------------------------------------------------ 2. sources
step "sources (apt-get source, Debian bookworm)"
missing=()
for entry in "${SOURCES[@]}"; do
    IFS='|' read -r _ pkg file _ <<<"$entry"
    [[ -f "$B/src/$file" ]] || missing+=("$pkg")
done
if (( ${#missing[@]} )); then
    cat > "$B/apt/sources.list" <<'EOF'
deb-src http://deb.debian.org/debian bookworm main
deb-src http://deb.debian.org/debian bookworm-updates main
deb-src http://deb.debian.org/debian-security bookworm-security main
EOF
    APTO=(-o "Dir::Etc::SourceList=$B/apt/sources.list" -o Dir::Etc::SourceParts=/dev/null
          -o "Dir::State::Lists=$B/apt/lists" -o "Dir::Cache=$B/apt/cache")
    apt-get "${APTO[@]}" update >"$B/work/apt.log" 2>&1
    # --download-only: only the upstream tarball is used; a missing Debian diff
    # (a security snapshot that moved on) is not an error for us.
    (cd "$B/src" && apt-get "${APTO[@]}" source --download-only "${missing[@]}" >>"$B/work/apt.log" 2>&1 || true)
fi
for entry in "${SOURCES[@]}"; do
    IFS='|' read -r _ _ file sum <<<"$entry"
    echo "$sum  $B/src/$file" | sha256sum -c --quiet - || { log "sha256 mismatch or missing: $file"; exit 1; }
done

unpack() {   # name file → $B/work/<name>
    rm -rf "$B/work/$1"; mkdir -p "$B/work/$1"
    tar -xf "$B/src/$2" -C "$B/work/$1" --strip-components=1
}
src_of() { local e; for e in "${SOURCES[@]}"; do [[ "$e" == "$1|"* ]] && { IFS='|' read -r _ _ f _ <<<"$e"; echo "$f"; }; done; }

D="$B/deps"
export CFLAGS="-O2 -fPIC" CPPFLAGS="-I$D/include" LDFLAGS="-L$D/lib"
# only our own libraries: never the build machine's libffi.pc or zlib.pc
export PKG_CONFIG_LIBDIR="$D/lib/pkgconfig" PKG_CONFIG_PATH=""

# ------------------------------------------------------------ 3. libraries
if [[ ! -f "$D/lib/libz.a" ]]; then
    step "zlib (static)"
    unpack zlib "$(src_of zlib)"
    (cd "$B/work/zlib" && ./configure --prefix="$D" --static && make -j"$JOBS" && make install) >"$B/work/zlib.log" 2>&1
fi
if [[ ! -f "$D/lib/libbz2.a" ]]; then
    step "bzip2 (static)"
    unpack bzip2 "$(src_of bzip2)"
    (cd "$B/work/bzip2" && make -j"$JOBS" libbz2.a CC="$CC" AR="$AR" RANLIB="$RANLIB" CFLAGS="$CFLAGS -D_FILE_OFFSET_BITS=64" \
        && install -D -m644 libbz2.a "$D/lib/libbz2.a" && install -D -m644 bzlib.h "$D/include/bzlib.h") >"$B/work/bzip2.log" 2>&1
fi
if [[ ! -f "$D/lib/liblzma.a" ]]; then
    step "xz / liblzma (static)"
    unpack xz "$(src_of xz)"
    (cd "$B/work/xz" && ./configure --prefix="$D" --disable-shared --enable-static --with-pic --disable-xz \
        --disable-xzdec --disable-lzmadec --disable-lzmainfo --disable-scripts --disable-doc --disable-nls \
        && make -j"$JOBS" && make install) >"$B/work/xz.log" 2>&1
fi
if [[ ! -f "$D/lib/libffi.a" ]]; then
    step "libffi (static)"
    unpack libffi "$(src_of libffi)"
    # libffi 3.4.4's tramp.c calls open_temp_exec_file undeclared: an error for clang 16+ (zig), fixed in 3.4.5
    (cd "$B/work/libffi" && CFLAGS="$CFLAGS -Wno-implicit-function-declaration" ./configure --prefix="$D" --libdir="$D/lib" --disable-shared --enable-static --with-pic \
        --disable-docs --disable-multi-os-directory && make -j"$JOBS" && make install) >"$B/work/libffi.log" 2>&1
fi

# ------------------------------------------------------------ 4. CPython
P="$B/python"
if [[ ! -x "$P/bin/python3.11" ]]; then
    step "CPython 3.11.2 (shared libpython, glibc 2.28)"
    unpack python "$(src_of python)"
    # zig's linker knows -soname but not its short form -h, which CPython's Makefile uses
    sed -i 's/-Wl,-h\$/-Wl,-soname,$/g' "$B/work/python/Makefile.pre.in"
    "$B/tools/bin/python" "$ROOT/packaging/glibc228_setup_patch.py" "$B/work/python/setup.py"
    # PyInstaller needs libpython3.11.so; $ORIGIN/../lib finds it without LD_LIBRARY_PATH.
    # PY3LIBRARY= : no libpython3.so (the stable-ABI forwarder, a link of no object
    # files, which zig cc refuses: "version '.2.28' in target triple … is invalid").
    (cd "$B/work/python" && ./configure --prefix="$P" --enable-shared --with-system-ffi --without-ensurepip --disable-test-modules \
        LDFLAGS="$LDFLAGS -Wl,-rpath,\\\$\$ORIGIN/../lib" \
        && make -j"$JOBS" PY3LIBRARY= && make install PY3LIBRARY=) >"$B/work/python.log" 2>&1
fi
"$P/bin/python3.11" - <<'EOF'
import bz2, ctypes, lzma, zlib, pyexpat, _decimal, sys
print("[glibc228] python", sys.version.split()[0], "with zlib, bz2, lzma, ctypes, expat, decimal", file=sys.stderr)
EOF
log "done: $P/bin/python3.11"

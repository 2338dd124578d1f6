#!/usr/bin/env bash
# Chinese input through fcitx5, as on 统信 UOS / 麒麟 with fcitx5, checked for real:
# under Xvfb, start a D-Bus session and fcitx5 with 拼音, open the window on the
# sample with the cursor in 单位名称, type "nihao" + space with xdotool, and
# expect the draft to hold 你好.  Needs: xvfb-run fcitx5 fcitx5-chinese-addons
# xdotool dbus-x11.  Exit 0 = 你好 arrived; 1 = it did not; 2 = tools missing.
#   bash tools/check_fcitx_input.sh [python]
#   bash tools/check_fcitx_input.sh --bundle dist/jxzp    (the built program: its
#        runtime hook packaging/probe.py runs the same probe, JXZP_BUNDLE_PROBE=ime)
set -u
if [[ "${1:-}" == "--bundle" ]]; then
    BUNDLE="$(cd "${2:?--bundle needs the bundle folder}" && pwd)"; PY=""
    PROBE_CMD=(env JXZP_BUNDLE_PROBE=ime "$BUNDLE/jxzp-cli")
else
    PY="${1:-$(cd "$(dirname "$0")/.." && pwd)/.venv/bin/python}"; BUNDLE=""
    PROBE_CMD=("$PY" "$(cd "$(dirname "$0")" && pwd)/ime_probe.py")
fi
HERE="$(cd "$(dirname "$0")" && pwd)"
for tool in xvfb-run fcitx5 xdotool dbus-launch; do
    command -v "$tool" >/dev/null || { echo "missing: $tool"; exit 2; }
done
if [[ -z "${CHECK_FCITX_INNER:-}" ]]; then
    export CHECK_FCITX_INNER=1
    exec xvfb-run -a -s "-screen 0 1500x920x24" bash "$0" "$@"
fi
WORK="$(mktemp -d)"
export HOME="$WORK/home" JXZP_DATA_DIR="$WORK/data"
mkdir -p "$HOME/.config/fcitx5"
cat > "$HOME/.config/fcitx5/profile" <<'PROFILE'
[Groups/0]
Name=Default
Default Layout=us
DefaultIM=pinyin

[Groups/0/Items/0]
Name=keyboard-us
Layout=

[Groups/0/Items/1]
Name=pinyin
Layout=

[GroupOrder]
0=Default
PROFILE
eval "$(dbus-launch --sh-syntax)"
export XMODIFIERS=@im=fcitx QT_IM_MODULE=fcitx   # what a fcitx5 desktop sets; the program adapts
unset IBUS_USE_PORTAL
export QT_QPA_PLATFORM=xcb                 # a real X window, even when the caller runs offscreen (tests)
fcitx5 -d --replace >"$WORK/fcitx5.log" 2>&1
sleep 3
PROBE_SECONDS=10 "${PROBE_CMD[@]}" >"$WORK/probe.log" 2>&1 &
PROBE=$!
sleep 5                                    # the window is up and 单位名称 has the cursor
xdotool key ctrl+space; sleep 0.5          # fcitx5: switch to 拼音
xdotool type --delay 120 nihao; sleep 0.5
xdotool key space
wait "$PROBE"
kill "$DBUS_SESSION_BUS_PID" 2>/dev/null
grep -E "^(QT_IM_MODULE|FIELD)=" "$WORK/probe.log"
grep -qx "FIELD=你好" "$WORK/probe.log"

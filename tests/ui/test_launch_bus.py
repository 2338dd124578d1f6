"""Without a session bus the window must not leave a dbus-daemon behind (issue 16):
libdbus would autolaunch one through dbus-launch, and it outlived the window."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from ui.launch import no_bus_autolaunch

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="session bus autolaunch is Linux's")
def test_no_bus_means_no_autolaunch_and_a_bus_is_kept():
    env = {"DISPLAY": ":0"}
    no_bus_autolaunch(env)
    assert env["DBUS_SESSION_BUS_ADDRESS"] == "disabled:"
    env = {"DBUS_SESSION_BUS_ADDRESS": "unix:path=/run/user/1000/bus"}
    no_bus_autolaunch(env)
    assert env["DBUS_SESSION_BUS_ADDRESS"] == "unix:path=/run/user/1000/bus"


def _session_processes(sid: int) -> list[str]:
    out = subprocess.run(["ps", "-eo", "sid=,stat=,comm="], capture_output=True, text=True).stdout
    return [ln for ln in out.splitlines() if ln.split() and ln.split()[0] == str(sid) and "Z" not in ln.split()[1]]


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("xvfb-run") is None or not sys.platform.startswith("linux"), reason="needs xvfb-run")
def test_the_window_leaves_no_process_behind(tmp_path):
    env = {k: v for k, v in os.environ.items() if k not in ("DBUS_SESSION_BUS_ADDRESS", "QT_QPA_PLATFORM")}
    env.update(JXZP_DATA_DIR=str(tmp_path / "data"), JXZP_EXIT_WHEN_READY="1")
    proc = subprocess.Popen(["xvfb-run", "-a", "-s", "-screen 0 1366x768x24", sys.executable, str(ROOT / "main.py"),
                             str(ROOT / "samples" / "gd-huadu-xinfang-2021.json")],
                            env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            start_new_session=True)
    out, err = proc.communicate(timeout=300)
    assert proc.returncode == 0 and "ready" in out, err[-2000:]
    # xvfb-run signals its Xvfb on the way out without waiting for it: give that (the harness's
    # own server, not the program's) a moment to go; a dbus-daemon would stay for good
    deadline = time.monotonic() + 10
    left = _session_processes(proc.pid)
    harness = {"Xvfb", "xkbcomp", "sh"}   # the X server xvfb-run started, and the keymap compiler it runs
    while left and all(ln.split()[-1] in harness for ln in left) and time.monotonic() < deadline:
        time.sleep(0.2)
        left = _session_processes(proc.pid)
    for line in left:   # clean up what the test started before failing
        subprocess.run(["pkill", "-s", str(proc.pid)], capture_output=True)
    assert left == [], left

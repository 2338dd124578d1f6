"""Crash safety: a process saving a growing draft is SIGKILLed at random moments.

After every kill the clerk's file (or its .bak) must load and be exactly one of
the versions that were saved: never a mix of two, never unreadable, and never
older than the last save that returned (nothing acknowledged is lost). The same
holds for the autosave journal, and the recovery offer names the newest entry.

The saving child is forked from this (already imported) test process, so a
round costs milliseconds and 200+ kills fit in well under a minute.

What SIGKILL does not cover: a power cut also loses the page cache, which is
what the fsync calls in core.store.write_atomic are for; proving those needs a
VM or dm-flakey and is out of reach here.
"""

from __future__ import annotations

import json
import os
import random
import select
import signal
import sys
import time
from pathlib import Path

import pytest

from core.draft import Draft, IndicatorEntry, TemplateRef
from core.errors import DraftError
from core.paths import journal_dir
from core.store import journal_key, read_draft, recoverable, save_draft, write_journal

pytestmark = [pytest.mark.slow,
              pytest.mark.skipif(not hasattr(os, "fork"), reason="needs os.fork (POSIX)")]

KILLS = 220
BASE = "本部门内设办公室、信访接待科、督查科等机构，编制 25 名，实有 23 名。" * 400   # about 12,000 chars
SESSION = "kill-test-session"


def make_draft(v: int) -> Draft:
    """Version v of a draft that grows with v: every version differs in several places."""
    return Draft(
        template=TemplateRef(id="gd-dept-overall", version="2021.1"),
        created="2022-03-01T09:00:00",
        fields={"unit_name": f"版本{v}", "year": "2021", "overall_goal": BASE[: 1000 + (v * 7919) % 11000]},
        sections={"s_overview": BASE, "s_tasks": "".join(f"第{k}项重点工作已完成。" for k in range(v))},
        indicators={f"row{k}": IndicatorEntry(actual=str(k), score=str(v % 5), note=f"版本{v}")
                    for k in range(v % 40)},
    )


def version_of(draft: Draft) -> int:
    return int(draft.fields["unit_name"].removeprefix("版本"))


def same_content(a: Draft, b: Draft) -> bool:
    return a.model_dump(exclude={"saved"}) == b.model_dump(exclude={"saved"})


def _child(save, start: int, wfd: int) -> None:
    """Runs in the forked child: save versions start, start+1, ... until killed."""
    try:
        v = start
        while True:
            os.write(wfd, f"S{v}\n".encode())
            save(make_draft(v))
            os.write(wfd, f"D{v}\n".encode())
            v += 1
    finally:
        os._exit(0)


def _run_and_kill(save, start: int, rng: random.Random) -> tuple[set[int], int | None]:
    """Fork a saving child, SIGKILL it after a random delay; return (versions
    attempted, last version whose save returned)."""
    rfd, wfd = os.pipe()
    pid = os.fork()
    if pid == 0:  # pragma: no cover - child
        os.close(rfd)
        _child(save, start, wfd)
    os.close(wfd)
    # Mostly short delays (a kill lands inside the first or second save), some
    # longer ones so the draft grows and saves overlap the kill at every step.
    time.sleep(rng.choice([rng.uniform(0, 0.004), rng.uniform(0, 0.03), rng.uniform(0.02, 0.12)]))
    os.kill(pid, signal.SIGKILL)
    _, status = os.waitpid(pid, 0)
    assert os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGKILL, "child ended before the kill"
    chunks = []
    while True:
        ready, _, _ = select.select([rfd], [], [], 5)
        data = os.read(rfd, 65536) if ready else b""
        if not data:
            break
        chunks.append(data)
    os.close(rfd)
    attempted, done = set(), None
    for line in b"".join(chunks).decode().split():
        if line[0] == "S":
            attempted.add(int(line[1:]))
        elif line[0] == "D":
            done = int(line[1:])
    return attempted, done


def _litter(folder: Path) -> int:
    """Temporary files a killed save leaves behind; counted, then removed."""
    files = [p for p in folder.iterdir() if p.name.endswith(".tmp")]
    for p in files:
        p.unlink()
    return len(files)


def _kill_rounds(save, path: Path, kills: int, rng: random.Random) -> dict:
    """Kill `kills` saving children and check the file after each kill."""
    bak = path.with_name(path.name + ".bak")
    save(make_draft(0))
    attempted, last_done, next_v = {0}, 0, 1
    n = {"kills": 0, "corrupted": 0, "lost": 0, "from_bak": 0, "litter": 0}
    problems: list[str] = []
    for _ in range(kills):
        tried, done = _run_and_kill(save, next_v, rng)
        n["kills"] += 1
        k = n["kills"]
        attempted |= tried
        last_done = done if done is not None else last_done
        next_v = max(attempted) + 1
        n["litter"] += _litter(path.parent)
        try:
            current = read_draft(path)
        except DraftError as exc:
            n["from_bak"] += 1
            problems.append(f"kill {k}: main file unreadable ({exc.reason}), trying .bak")
            try:
                current = read_draft(bak)
            except DraftError as exc2:
                n["corrupted"] += 1
                problems.append(f"kill {k}: .bak unreadable too ({exc2.reason})")
                save(make_draft(next_v))  # start the next round from a readable file
                attempted.add(next_v)
                last_done, next_v = next_v, next_v + 1
                continue
        v = version_of(current)
        if v not in attempted or not same_content(current, make_draft(v)):
            n["corrupted"] += 1
            problems.append(f"kill {k}: file holds version {v}, which does not match what was saved")
        elif v < last_done:
            n["lost"] += 1
            problems.append(f"kill {k}: file holds version {v} but version {last_done} had been saved")
        if bak.exists():
            try:
                b = read_draft(bak)
                if not same_content(b, make_draft(version_of(b))) or version_of(b) > v:
                    n["corrupted"] += 1
                    problems.append(f"kill {k}: .bak holds a mixed or newer version {version_of(b)}")
            except DraftError as exc:
                n["corrupted"] += 1
                problems.append(f"kill {k}: .bak unreadable ({exc.reason})")
    n["attempted"], n["last_done"], n["problems"] = len(attempted), last_done, problems
    return n


def test_killed_draft_saves_never_corrupt_or_lose(tmp_path, report_line):
    rng = random.Random(int(os.environ.get("JXZP_KILL_SEED", "20240601")))
    path = tmp_path / "自评草稿.json"
    n = _kill_rounds(lambda d: save_draft(d, path), path, KILLS, rng)
    report_line(f"draft saves: {n['kills']} kills, {n['attempted']} versions attempted, "
                f"{n['last_done']} last acknowledged, {n['corrupted']} corrupted, {n['lost']} lost, "
                f"{n['from_bak']} read from .bak, {n['litter']} temp files left by killed saves; "
                f"final size {path.stat().st_size} bytes")
    assert n["kills"] >= 200
    assert (n["corrupted"], n["lost"], n["from_bak"]) == (0, 0, 0), "\n".join(n["problems"][:20])
    assert n["attempted"] > n["kills"], "the kills should land after some saves completed"


def test_the_harness_catches_a_naive_save(tmp_path, report_line):
    """The same kills against a plain open-and-write save must show damage,
    or the test above proves nothing."""
    from core.draft import draft_to_bytes

    def naive_save(draft):
        data = draft_to_bytes(draft)
        with open(path, "wb") as fh:
            for i in range(0, len(data), 4096):
                fh.write(data[i:i + 4096])
                fh.flush()

    path = tmp_path / "naive.json"
    n = _kill_rounds(naive_save, path, 60, random.Random(7))
    report_line(f"naive save (control): {n['kills']} kills, {n['corrupted']} corrupted, {n['from_bak']} unreadable")
    assert n["corrupted"] + n["from_bak"] > 0


def test_killed_journal_writes_never_corrupt_and_recovery_finds_newest(tmp_path, report_line):
    rng = random.Random(int(os.environ.get("JXZP_KILL_SEED", "20240601")) + 1)
    # An older entry from another session that crashed: recovery must list the
    # live session's entry first.
    old = write_journal(make_draft(0), None, "an-older-session")
    payload = json.loads(old.read_text(encoding="utf-8"))
    payload["saved_at"] = "2001-01-01T08:00:00"
    old.write_text(json.dumps(payload, ensure_ascii=False), encoding="utf-8")

    journal = journal_dir() / f"{journal_key(None, SESSION)}.json"
    write_journal(make_draft(1), None, SESSION)
    attempted, last_done, next_v = {1}, 1, 2
    kills = corrupted = lost = not_newest = litter = 0
    problems: list[str] = []
    for _ in range(KILLS):
        tried, done = _run_and_kill(lambda d: write_journal(d, None, SESSION), next_v, rng)
        kills += 1
        attempted |= tried
        last_done = done if done is not None else last_done
        next_v = max(attempted) + 1
        try:
            entries = recoverable()
            live = [e for e in entries if e.file == journal]
            if not live:
                raise DraftError(str(journal), "journal entry missing or unreadable")
            v = version_of(live[0].draft)
        except DraftError as exc:
            corrupted += 1
            problems.append(f"kill {kills}: {exc}")
            continue
        if v not in attempted or not same_content(live[0].draft, make_draft(v)):
            corrupted += 1
            problems.append(f"kill {kills}: journal holds version {v}, which does not match what was written")
        elif v < last_done:
            lost += 1
            problems.append(f"kill {kills}: journal holds version {v} but version {last_done} had been written")
        if entries[0].file != journal or len(entries) != 2:
            not_newest += 1
            problems.append(f"kill {kills}: recovery offers {[e.file.name for e in entries]}")
        litter += _litter(journal.parent)
    report_line(f"journal writes: {kills} kills, {len(attempted)} versions attempted, {corrupted} corrupted, "
                f"{lost} lost, {not_newest} times recovery did not offer the newest first, "
                f"{litter} temp files left by killed writes")
    assert kills >= 200
    assert (corrupted, lost, not_newest) == (0, 0, 0), "\n".join(problems[:20])


if __name__ == "__main__":  # pragma: no cover
    sys.exit(pytest.main([__file__, "-s", "-q"]))

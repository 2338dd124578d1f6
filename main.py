"""绩效自评填报 — entry point.

No arguments: the window (on the last draft, or the sample on first run).
A draft's path: the window on that draft. Anything else (a subcommand, an
option, an unknown word): the command line in cli/, which answers in Chinese.
"""

from __future__ import annotations

import os
import sys


def wants_window(argv: list[str]) -> bool:
    """A first argument that names a draft (an existing file, or any *.json) opens the
    window; a word that is neither goes to the command line, which says it is unknown."""
    if not argv:
        return True
    first = argv[0]
    return not first.startswith("-") and (first.lower().endswith(".json") or os.path.isfile(first))


def main(argv: list[str]) -> int:
    if argv and argv[0] == "--self-test":  # docs/deploy.md: does the program work on this PC?
        from cli.guard import guarded
        from cli.self_test import run as self_test
        return guarded(self_test, argv[1:])
    if not wants_window(argv):
        from cli.commands import run
        from cli.guard import guarded
        return guarded(run, argv)
    from ui.launch import launch  # Qt is imported only for the window
    return launch(argv)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

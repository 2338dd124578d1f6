"""绩效自评填报 — entry point.

No arguments: the window (on the last draft, or the sample on first run).
A .json path: the window on that draft. A subcommand: headless work
(templates, new, check, validate-template, export); see --help.
"""

from __future__ import annotations

import sys

SUBCOMMANDS = {"templates", "new", "check", "validate-template", "export", "-h", "--help"}


def main(argv: list[str]) -> int:
    if argv and argv[0] == "--self-test":  # docs/deploy.md: does the program work on this PC?
        from cli.guard import guarded
        from cli.self_test import run as self_test
        return guarded(self_test, argv[1:])
    if argv and argv[0] in SUBCOMMANDS:
        from cli.commands import run
        from cli.guard import guarded
        return guarded(run, argv)
    from ui.launch import launch  # Qt is imported only for the window
    return launch(argv)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

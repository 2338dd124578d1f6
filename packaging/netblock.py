"""Network blocker for proofs: with JXZP_BLOCK_NETWORK=<log file> set, every
attempt to open a socket, connect or resolve a name is refused and written to
the log (one JSON line each); at exit one more line lists the network-capable
modules that were imported.

Used two ways:
  * as a PyInstaller runtime hook (packaging/jxzp.spec), so the built program
    can prove it never touches the network (packaging/check_bundle.py);
  * run ahead of main.py by tests/security/test_no_network.py.
Without the environment variable it does nothing.
"""

import os


def install(log_path: str) -> None:
    import atexit
    import json
    import socket
    import sys

    def record(what: str, detail) -> None:
        with open(log_path, "a", encoding="utf-8") as fh:
            fh.write(json.dumps({"attempt": what, "detail": repr(detail)[:300]}, ensure_ascii=False) + "\n")

    def audit(event: str, args) -> None:
        # every socket the interpreter makes, also through _socket directly
        if event.startswith("socket.") and event != "socket.sethostname":
            record(event, args)
            raise PermissionError(f"network blocked: {event}")

    sys.addaudithook(audit)

    def refuse(name):
        def blocked(*args, **kwargs):
            record(name, args)
            raise PermissionError(f"network blocked: {name}")
        return blocked

    for name in ("socket", "create_connection", "getaddrinfo", "gethostbyname", "gethostbyname_ex",
                 "create_server", "socketpair", "fromfd"):
        if hasattr(socket, name):
            setattr(socket, name, refuse(f"socket.{name}"))

    def modules() -> None:
        watched = ("PySide6.QtNetwork", "PySide6.QtWebEngineCore", "http.client", "urllib.request", "ssl",
                   "requests", "urllib3", "ftplib", "smtplib", "xmlrpc.client", "asyncio")
        with open(log_path, "a", encoding="utf-8") as fh:
            fh.write(json.dumps({"modules": sorted(m for m in watched if m in sys.modules)}) + "\n")

    atexit.register(modules)


if os.environ.get("JXZP_BLOCK_NETWORK"):
    install(os.environ["JXZP_BLOCK_NETWORK"])

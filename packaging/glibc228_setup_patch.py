"""Called by packaging/build_glibc228.sh on CPython's setup.py (which builds the
shared stdlib modules): it must not add the build machine's /usr/include,
/usr/include/x86_64-linux-gnu or /usr/lib, whose glibc 2.36 headers clash with
the glibc 2.28 headers zig compiles against."""

import sys

path = sys.argv[1]
text = open(path, encoding="utf-8").read()
for old, new in (("    def add_multiarch_paths(self):\n", "    def add_multiarch_paths(self):\n        return\n"),
                 ("system_lib_dirs = ['/lib64', '/usr/lib64', '/lib', '/usr/lib']", "system_lib_dirs = []"),
                 ("system_include_dirs = ['/usr/include']", "system_include_dirs = []")):
    if old not in text:
        sys.exit(f"setup.py has changed, not patched: {old!r}")
    text = text.replace(old, new)
open(path, "w", encoding="utf-8").write(text)

"""The calculation core: templates, drafts, scoring, checks, storage.

Pure Python: never imports Qt or any file-format library, so the window, the
command line and every exporter share one engine and can never disagree.
"""

PROGRAM_VERSION = "0.1.0"

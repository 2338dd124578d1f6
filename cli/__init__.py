"""The headless command line: the same core the window uses."""

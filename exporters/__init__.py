"""Outputs: model → bytes. Exporters never choose paths; the caller does.

Import the heavy libraries (docxtpl, openpyxl, Qt printing) inside the
exporter functions, so the window starts without them.
"""

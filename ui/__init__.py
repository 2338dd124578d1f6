"""The desktop window (PySide6). Qt lives only here; every figure comes from core."""

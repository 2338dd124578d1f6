"""One page per part of the form. Each page has focus(address) → bool, used when
the clerk activates a 审核 finding, and refresh(change) after every edit."""


def select_cell(view, index) -> bool:
    """Make `index` the current cell of an item view, in sight and focused."""
    from PySide6.QtCore import Qt
    if not index.isValid():
        return False
    view.scrollTo(index)
    view.setCurrentIndex(index)
    view.setFocus(Qt.FocusReason.OtherFocusReason)
    return True

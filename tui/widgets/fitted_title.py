"""A pane's border title with a short form, shown where the whole one would be cut."""
from __future__ import annotations


class FittedTitle:
    """Mixed into a widget: `show_title` sets its border title, the short form where the pane is too narrow for
    the whole one (a narrow pane cut its count). The widget calls `fit_title` when it is resized."""

    _titles: tuple[str, str] | None = None

    def show_title(self, title: str, short: str) -> None:
        self._titles = (title, short)
        self.fit_title()

    def fit_title(self) -> None:
        if self._titles is not None:
            title, short = self._titles
            room = self.outer_size.width - 6  # the corners, a dash and a space on each side
            self.border_title = short if 0 < room < len(title) else title

"""The main screen's panes: which are shown (the quote sidebar only where there is room for it, unless asked for),
one zoomed to the whole width, and paging the reader. Mixed into `MainScreen`."""
from __future__ import annotations


class PaneLayout:
    def apply_layout(self) -> None:
        """Show the panes the user asked for, the quote sidebar only when there is room for it unless asked for;
        a hidden pane gives up the focus to the reader."""
        narrow = self.size.width < self.NARROW
        self.set_class(narrow, "-narrow")
        left = self.query_one("#left")
        if not self.query("#quotes"):  # the first screen: the list alone, the panes come just after
            left.display = self.list_shown
            return
        quotes_shown = self.quotes_shown if self.quotes_shown is not None else not narrow
        # Below THREE_PANES the list and the sidebar never show together, however the width got there (a key or a
        # resize): the focused one keeps its place, else the list; the other comes back with the width.
        if quotes_shown and self.list_shown and self.size.width < self.THREE_PANES:
            sidebar_focused = self.focused is not None and self.sidebar in self.focused.ancestors_with_self
            left.display, self.sidebar.display = not sidebar_focused, sidebar_focused
        else:
            left.display, self.sidebar.display = self.list_shown, quotes_shown
        focused = self.focused
        if focused is not None and not (focused.display and focused.parent.display):
            self.set_focus(self.reader)  # at once: a focus given next (the search field's) must not be undone

    def action_toggle_list(self) -> None:
        self.list_shown = not self.list_shown
        if self.list_shown and self.size.width < self.THREE_PANES and self.sidebar.display:
            self.quotes_shown = False  # the list takes the sidebar's place
        self.maximized = None
        self.apply_layout()
        if self.list_shown:
            self.article_list.focus()

    def action_toggle_quotes(self) -> None:
        self.quotes_shown = not self.sidebar.display
        if self.quotes_shown and self.size.width < self.THREE_PANES:
            self.list_shown = False  # the sidebar takes the list's place
        self.maximized = None
        self.apply_layout()
        if self.quotes_shown:
            self.sidebar.focus()

    def action_zoom(self) -> None:
        """The focused pane takes the whole width, or gives it back."""
        if self.maximized is not None:
            self.minimize()
        elif self.focused is not None:
            pane = next((node for node in self.focused.ancestors_with_self
                         if node in (self.article_list, self.reader, self.sidebar)), None)
            if pane is not None:
                self.maximize(pane, container=False)

    def action_page_down(self) -> None:
        self.reader.scroll_page_down(animate=False)

    def action_page_up(self) -> None:
        self.reader.scroll_page_up(animate=False)

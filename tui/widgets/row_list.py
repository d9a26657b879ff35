"""A list of rows of a fixed height, drawn through the line API (so its length costs nothing): the cursor, the
keys that move it, page up and down, a click. The article list and the highlights list are made of it."""
from __future__ import annotations

from typing import ClassVar

from textual import events
from textual.geometry import Region, Size
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.widget import Widget


def cursor_css(widget: str, component: str) -> str:
    """The cursor row's colours, the block cursor's of the theme, dimmed while the list is not focused."""
    return f"""
    {widget} > .{component} {{
        color: $block-cursor-blurred-foreground;
        background: $block-cursor-blurred-background;
        text-style: $block-cursor-blurred-text-style;
    }}
    {widget}:focus > .{component} {{
        color: $block-cursor-foreground;
        background: $block-cursor-background;
        text-style: $block-cursor-text-style;
    }}
    """


class TopLineTitle:
    """A `border_title` whose change draws the border's top line again, and nothing else. Textual's draws the whole
    widget again: every row of a long list, for a count in its title.

    The title is stored as Textual's own descriptor stores it (`_border_title`, which its renderer reads: private to
    Textual, and worth it, a list's redraw costing some forty times a line's); the list tests read the title from
    the line drawn, so a Textual that stored it otherwise would fail them."""

    def __get__(self, widget: Widget | None, owner: type | None = None) -> str | None:
        return Widget.__dict__["border_title"].__get__(widget, owner) if widget is not None else None

    def __set__(self, widget: Widget, title: str | None) -> None:
        widget._border_title = None if title is None else widget.render_str(title).expand_tabs(4).split()[0]
        x, y = widget.content_offset  # regions to refresh are the content's: the border is above and left of it
        widget.refresh(Region(-x, -y, widget.outer_size.width, 1))


class RowList(ScrollView, can_focus=True):
    """Rows of `ROW_HEIGHT` lines; `highlighted` is the cursor's row. A list says how many rows it has
    (`row_count`), draws them (`render_line`) and what enter or a click does (`action_select`)."""

    ROW_HEIGHT: ClassVar[int] = 1

    # The rows it leaves and lands on are drawn again by `watch_highlighted`, not the whole list.
    highlighted: reactive[int | None] = reactive(None, always_update=True, repaint=False)
    border_title = TopLineTitle()  # a count in it changes often

    @property
    def row_count(self) -> int:
        raise NotImplementedError

    def action_select(self) -> None:
        raise NotImplementedError

    def rows_changed(self) -> None:
        """Take the new `row_count` as the height to scroll through. The list's own size is the screen's to set,
        never its rows': a search that changes them lays nothing else out. The height is therefore set as the
        scrollbar's alone (as `OptionList` updates it); only a scrollbar shown or hidden lays the screen out."""
        height, lines = self.row_count * self.ROW_HEIGHT, self.scrollable_content_region.height
        # Lines below the last row, so that the top of the list is a row's first line at the end of it too.
        padding = -(height - lines) % self.ROW_HEIGHT if height > lines else 0
        size = Size(self.scrollable_content_region.width, height + padding)
        if size != self.virtual_size:
            self.set_reactive(ScrollView.virtual_size, size)
            self._scroll_update(size)

    def _size_updated(self, size: Size, virtual_size: Size, container_size: Size, layout: bool = True) -> bool:
        # Every layout of the screen hands each widget its geometry. `ScrollView` then updates its scrollbars, and
        # so repaints them, whether or not anything changed (it compares the region it is handed as a virtual size
        # with its own, and its parent's size with its own, never equal). The list's height to scroll through is
        # its own (`rows_changed`): only a new size of the list concerns it.
        if size == self.outer_size and self.container_size:
            return False
        changed = super()._size_updated(size, virtual_size, container_size, layout)
        # Its width to scroll through is the list's own: one left as it was before the list narrowed (the quote
        # sidebar shown) brought a horizontal scrollbar, over the last line.
        self.rows_changed()
        return changed

    @property
    def whole_lines(self) -> int:
        """The lines of the pane that whole rows fill; those below them are left blank, never a part of a row (a
        headline without its date at the bottom of a pane of an odd height)."""
        height = self.scrollable_content_region.height
        return height - height % self.ROW_HEIGHT

    def shows_line(self, y: int) -> bool:
        """Whether the line `y` of the pane shows a part of a row (it is above the blank lines at the bottom)."""
        return y < self.whole_lines

    # The top of the pane is always a row's first line, whatever scrolls it (the keys, the wheel, the scrollbar).
    def validate_scroll_y(self, value: float) -> float:
        line = round(super().validate_scroll_y(value))
        return line - line % self.ROW_HEIGHT

    def validate_scroll_target_y(self, value: float) -> float:
        line = round(super().validate_scroll_target_y(value))
        return line - line % self.ROW_HEIGHT

    def _scroll_down_for_pointer(self, **kwargs) -> bool:
        return self._scroll_to(y=self.scroll_target_y + self.ROW_HEIGHT, **{"release_anchor": False, **kwargs})

    def _scroll_up_for_pointer(self, **kwargs) -> bool:
        return self._scroll_to(y=self.scroll_target_y - self.ROW_HEIGHT, **{"release_anchor": False, **kwargs})

    def validate_highlighted(self, index: int | None) -> int | None:
        if index is None or not self.row_count:
            return None
        return max(0, min(self.row_count - 1, index))

    def watch_highlighted(self, old: int | None, new: int | None) -> None:
        for index in (old, new):
            if index is not None:
                self.refresh_lines(index * self.ROW_HEIGHT, self.ROW_HEIGHT)
        if new is not None:
            self._scroll_to_row(new)

    def _scroll_to_row(self, index: int) -> None:
        """Scroll just enough to show the row whole, among the whole rows the pane has room for."""
        height, top = max(self.whole_lines, self.ROW_HEIGHT), index * self.ROW_HEIGHT
        y = round(self.scroll_y)
        if top < y:
            y = top
        elif top + self.ROW_HEIGHT > y + height:
            y = top + self.ROW_HEIGHT - height
        if y != round(self.scroll_y):
            self.scroll_to(y=y, animate=False, immediate=True)

    def _move(self, delta: int) -> None:
        if self.row_count:
            self.highlighted = 0 if self.highlighted is None else self.highlighted + delta

    def action_cursor_down(self) -> None:
        self._move(1)

    def action_cursor_up(self) -> None:
        self._move(-1)

    def action_first(self) -> None:
        self.highlighted = 0

    def action_last(self) -> None:
        self.highlighted = self.row_count - 1

    def action_page_down(self) -> None:
        self._move(max(1, self.whole_lines // self.ROW_HEIGHT - 1))

    def action_page_up(self) -> None:
        self._move(-max(1, self.whole_lines // self.ROW_HEIGHT - 1))

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)  # the event's own is the widget's, its border included
        if offset is None:
            return
        index = (round(self.scroll_y) + offset.y) // self.ROW_HEIGHT
        if 0 <= index < self.row_count and self.shows_line(offset.y):
            self.highlighted = index
            self.action_select()

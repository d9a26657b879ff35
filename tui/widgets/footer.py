"""The key footer of every screen."""
from __future__ import annotations

from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Footer as TextualFooter
from textual.widgets._footer import FooterKey


class Footer(TextualFooter):
    """Textual's footer, rebuilt once for a burst of binding changes and only when the keys it shows change, its
    keys made in their final style.

    Textual's rebuilds its keys on every change of bindings (each focus move, a view pushed or popped: several per
    view, the popped view's included), though they mostly show the same keys; and each of its keys starts compact,
    then is bound to the footer's not compact: two restyles of each key per rebuild. Together they were most of
    the time to open a view."""

    _shown: tuple | None = None  # the keys last built
    _rebuild_due = False

    @staticmethod
    def _keys_shown(screen: Screen) -> tuple:
        return tuple((binding.key, binding.key_display, binding.description, binding.action, binding.show,
                      binding.group, enabled, tooltip)
                     for _node, binding, enabled, tooltip in screen.active_bindings.values())

    def on_mount(self) -> None:
        self.app.screen_change_signal.subscribe(self, self._screen_changed, immediate=True)

    def on_unmount(self) -> None:
        self.app.screen_change_signal.unsubscribe(self)

    def _screen_changed(self, _screen: Screen) -> None:
        # Under another screen (the command palette, a dialog) this screen's keys do not apply: none is shown.
        self.visible = self.screen.is_active

    def bindings_changed(self, screen: Screen) -> None:
        self._bindings_ready = True
        if screen.app.app_focus and self.is_attached and screen is self.screen and not self._rebuild_due:
            self._rebuild_due = True
            self.call_after_refresh(self._rebuild)

    async def _rebuild(self) -> None:
        self._rebuild_due = False
        # A screen on its way out is not rebuilt; one that comes back refreshes its bindings.
        if self.is_attached and self.screen.is_current and self._keys_shown(self.screen) != self._shown:
            await self.recompose()
            self._fit()

    def on_resize(self) -> None:
        self._fit()

    def _fit(self) -> None:
        """Show the keys that fit whole, in their order, and the help key: a narrow terminal cut the last one
        shown mid-word ("? He")."""
        keys = list(self.query_children(FooterKey))
        if not keys or not self.size.width:
            return
        width = {key: key.render().cell_len + key.styles.gutter.width + key.styles.margin.width for key in keys}
        palette = [key for key in keys if key.has_class("-command-palette")]
        helps = [key for key in keys if key.action in ("help", "app.help") and key not in palette]
        room = self.size.width - sum(width[key] for key in palette + helps)
        fits = True
        for key in keys:
            if key in palette or key in helps:
                continue
            fits = fits and width[key] <= room
            room -= width[key] if fits else 0
            key.display = fits
        for key in helps:
            key.display = room >= 0

    def compose(self) -> ComposeResult:
        if self._bindings_ready:
            self._shown = self._keys_shown(self.screen)
        for widget in super().compose():
            if isinstance(widget, FooterKey) and not widget.has_class("-command-palette"):
                widget.set_reactive(FooterKey.compact, self.compact)
            yield widget

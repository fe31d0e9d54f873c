"""Following one aisle list by push: its event stream, with catch-up and reconnect.

`ListFollower` keeps what Home Assistant knows of a list (its items by id and the version
they are at). It reads the list's Server-Sent Events; on `hello`, `change` and `resync` it
asks `changes?since=<version it has>` and applies the answer (`reset: true` replaces
everything). When the stream drops or the server restarts it reconnects, 1 s doubling to
30 s, and the `hello` of the new stream catches it up.

It also fires `aisle_item_added` for every item that appears after the first load, and
`aisle_list_completed` when the list goes from having unchecked items to none with at
least one checked. `by` is the user named by the `change` event of the version that made
the change; it is None when aisle did not say (a change caught up on reconnect).
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from contextlib import aclosing
import logging
from typing import Any

from homeassistant.core import HomeAssistant, callback

from .api import AisleApiError, AisleAuthError, AisleClient, AisleError, item_summary
from .const import EVENT_ITEM_ADDED, EVENT_LIST_COMPLETED, RECONNECT_MAX, RECONNECT_MIN

_LOGGER = logging.getLogger(__name__)

# A fact waits at most this many versions for its `change` event to say who made it.
_PENDING_VERSIONS = 1000


class ListFollower:
    """What Home Assistant knows of one aisle list, kept current by push."""

    def __init__(
        self,
        hass: HomeAssistant,
        client: AisleClient,
        list_id: int,
        name: str,
        on_gone: Callable[[], None] | None = None,
        on_auth_failed: Callable[[], None] | None = None,
    ) -> None:
        self.hass = hass
        # Called when the list was archived or deleted in aisle (the entry reloads).
        self._on_gone = on_gone
        # Called when aisle refuses the token (Home Assistant asks for a new one).
        self._on_auth_failed = on_auth_failed
        self.client = client
        self.list_id = list_id
        self.name = name
        self.version = 0
        self.items: dict[int, dict[str, Any]] = {}
        # False while the stream cannot be reached (the entity shows unavailable).
        self.available = True
        self._loaded = False
        self._lock = asyncio.Lock()
        self._listeners: list[Callable[[], None]] = []
        self._task: asyncio.Task | None = None
        # Who made each version, from `change` events; facts waiting to be told.
        self._by: dict[int, str | None] = {}
        self._pending: list[tuple[int, str, dict[str, Any]]] = []

    # -- state -------------------------------------------------------------------------

    def sorted_items(self) -> list[dict[str, Any]]:
        """The items as aisle shows them: unchecked first, each part in list order."""
        return sorted(
            self.items.values(),
            key=lambda i: (bool(i.get("checked")), i.get("position", 0), i.get("id", 0)),
        )

    @callback
    def add_listener(self, listener: Callable[[], None]) -> Callable[[], None]:
        self._listeners.append(listener)

        def remove() -> None:
            if listener in self._listeners:
                self._listeners.remove(listener)

        return remove

    @callback
    def _notify(self) -> None:
        for listener in list(self._listeners):
            listener()

    # -- catching up -------------------------------------------------------------------

    async def async_refresh(self) -> None:
        """Asks aisle what changed since the version we have and applies it."""
        async with self._lock:
            changes = await self.client.changes(self.list_id, self.version)
            list_changed = self._apply(changes)
        if list_changed:
            # The list itself changed (its name, archived state): read it once more.
            await self._refresh_name()

    @callback
    def _apply(self, changes: dict[str, Any]) -> bool:
        """Applies `changes`; True when the version moved with no item in them."""
        version = int(changes.get("version", self.version))
        before_unchecked = self._unchecked()
        list_changed = version != self.version and not changes.get("items")
        if changes.get("reset"):
            new = {i["id"]: i for i in changes.get("items", []) if not i.get("deleted")}
            added = [i for k, i in new.items() if k not in self.items]
            self.items = new
            # A reset can take the list back (a restored backup): who made versions past
            # the new one no longer says anything about the versions to come.
            self._by = {v: b for v, b in self._by.items() if v <= version}
        else:
            added = []
            for item in changes.get("items", []):
                if item.get("deleted"):
                    self.items.pop(item["id"], None)
                    continue
                if item["id"] not in self.items:
                    added.append(item)
                self.items[item["id"]] = item
        self.version = version
        if self._loaded:
            for item in added:
                self._pending.append((int(item.get("version", version)), "added", item))
            if before_unchecked and not self._unchecked() and self._checked():
                self._pending.append((version, "completed", {}))
        self._loaded = True
        self._notify()
        return list_changed

    def _unchecked(self) -> int:
        return sum(1 for i in self.items.values() if not i.get("checked"))

    def _checked(self) -> int:
        return sum(1 for i in self.items.values() if i.get("checked"))

    async def _refresh_name(self) -> None:
        try:
            body = await self.client.list(self.list_id)
        except AisleApiError as err:
            if err.status == 404:
                self._gone()
            return
        except AisleError:
            return
        if body.get("archived"):
            self._gone()
            return
        if body.get("name") and body["name"] != self.name:
            self.name = body["name"]
            self._notify()

    @callback
    def _fire_ready(self, upto: int | None) -> None:
        """Fires the facts whose maker is known, or will not be (`upto`: a `change`
        event's version; None fires everything waiting, unattributed)."""
        waiting = []
        for version, kind, item in self._pending:
            if version in self._by:
                self._fire(kind, item, self._by[version])
            elif upto is None or version < upto:
                # Events come in version order: no `change` for this version will follow.
                self._fire(kind, item, None)
            else:
                waiting.append((version, kind, item))
        self._pending = waiting[-_PENDING_VERSIONS:]
        keep = min((v for v, _, _ in self._pending), default=self.version)
        self._by = {v: b for v, b in self._by.items() if v >= keep}

    @callback
    def _fire(self, kind: str, item: dict[str, Any], by: str | None) -> None:
        if kind == "added":
            self.hass.bus.async_fire(
                EVENT_ITEM_ADDED,
                {
                    "list_id": self.list_id,
                    "list": self.name,
                    "item_id": item.get("id"),
                    "item": item_summary(item),
                    "name": item.get("name"),
                    "by": by,
                },
            )
        else:
            self.hass.bus.async_fire(
                EVENT_LIST_COMPLETED, {"list_id": self.list_id, "list": self.name, "by": by}
            )

    # -- following ---------------------------------------------------------------------

    @callback
    def start(self, create_task: Callable[..., asyncio.Task]) -> None:
        self._task = create_task(self._follow(), f"aisle list {self.list_id} events")

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            try:
                await self._task
            except asyncio.CancelledError:
                pass
            self._task = None

    async def _follow(self) -> None:
        delay = RECONNECT_MIN
        while True:
            try:
                # aclosing: a cancelled follower closes its connection at once, not when
                # the generator is collected.
                async with aclosing(self.client.events(self.list_id)) as stream:
                    async for event, data in stream:
                        if event == "hello":
                            await self.async_refresh()
                            self._fire_ready(None)
                            self._set_available(True)
                            delay = RECONNECT_MIN
                        elif event == "change":
                            version = data.get("version")
                            if isinstance(version, int):
                                self._by[version] = data.get("by")
                                if version > self.version:
                                    await self.async_refresh()
                                self._fire_ready(version)
                            else:
                                await self.async_refresh()
                                self._fire_ready(None)
                        elif event == "resync":
                            await self.async_refresh()
                            self._fire_ready(None)
                _LOGGER.debug("Event stream of aisle list %s ended", self.list_id)
            except asyncio.CancelledError:
                raise
            except AisleAuthError as err:
                _LOGGER.warning("aisle refused the token for list %s: %s", self.list_id, err)
                delay = RECONNECT_MAX
                self._set_available(False)
                if self._on_auth_failed is not None:
                    self._on_auth_failed()
            except AisleApiError as err:
                _LOGGER.warning("aisle list %s: %s", self.list_id, err)
                if err.status == 404:
                    delay = RECONNECT_MAX
                    self._gone()
                self._set_available(False)
            except AisleError as err:
                _LOGGER.debug("aisle list %s: %s", self.list_id, err)
                self._set_available(False)
            except Exception:  # noqa: BLE001 - never let the follower die
                _LOGGER.exception("Unexpected error following aisle list %s", self.list_id)
                self._set_available(False)
            await asyncio.sleep(delay)
            delay = min(delay * 2, RECONNECT_MAX)

    @callback
    def _gone(self) -> None:
        if self._on_gone is not None:
            self._on_gone()

    @callback
    def _set_available(self, available: bool) -> None:
        if self.available != available:
            self.available = available
            self._notify()

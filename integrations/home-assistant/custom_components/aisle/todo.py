"""One to-do entity per aisle list that is not archived."""

from __future__ import annotations

from typing import Any

from homeassistant.components.todo import (
    TodoItem,
    TodoItemStatus,
    TodoListEntity,
    TodoListEntityFeature,
)
from homeassistant.core import HomeAssistant, callback
from homeassistant.exceptions import HomeAssistantError
from homeassistant.helpers.device_registry import DeviceEntryType, DeviceInfo
from homeassistant.helpers.entity_platform import AddEntitiesCallback

from . import AisleConfigEntry
from .api import AisleError, item_summary
from .const import DOMAIN
from .follower import ListFollower


async def async_setup_entry(
    hass: HomeAssistant, entry: AisleConfigEntry, async_add_entities: AddEntitiesCallback
) -> None:
    async_add_entities(
        AisleTodoList(entry, follower) for follower in entry.runtime_data.followers.values()
    )


def _note(description: str | None) -> str | None:
    """A description as aisle keeps a note: blank is none."""
    if description is None or not description.strip():
        return None
    return description


def _joined_note(old: str | None, note: str) -> str | None:
    """The note an item gets when `note` is added to it, as aisle joins notes when it
    merges: `old; note`, unless it is already said (None: nothing to change)."""
    if not old:
        return note
    if note in old:
        return None
    return f"{old}; {note}"


class AisleTodoList(TodoListEntity):
    """An aisle list: summary "2 l milk", description = note, completed = checked."""

    _attr_has_entity_name = False
    _attr_should_poll = False
    _attr_supported_features = (
        TodoListEntityFeature.CREATE_TODO_ITEM
        | TodoListEntityFeature.UPDATE_TODO_ITEM
        | TodoListEntityFeature.DELETE_TODO_ITEM
        | TodoListEntityFeature.MOVE_TODO_ITEM
        | TodoListEntityFeature.SET_DESCRIPTION_ON_ITEM
    )

    def __init__(self, entry: AisleConfigEntry, follower: ListFollower) -> None:
        self._follower = follower
        self._client = entry.runtime_data.client
        self._attr_unique_id = f"{entry.unique_id or entry.entry_id}_{follower.list_id}"
        self._attr_name = follower.name
        self._attr_device_info = DeviceInfo(
            identifiers={(DOMAIN, entry.unique_id or entry.entry_id)},
            name=entry.title,
            manufacturer="aisle",
            entry_type=DeviceEntryType.SERVICE,
            configuration_url=self._client.url,
        )
        self._update_from_follower()

    async def async_added_to_hass(self) -> None:
        await super().async_added_to_hass()
        self.async_on_remove(self._follower.add_listener(self._handle_update))

    @callback
    def _handle_update(self) -> None:
        self._update_from_follower()
        self.async_write_ha_state()

    @callback
    def _update_from_follower(self) -> None:
        self._attr_name = self._follower.name
        self._attr_available = self._follower.available
        self._attr_todo_items = [
            TodoItem(
                uid=str(item["id"]),
                summary=item_summary(item),
                description=item.get("note") or None,
                status=TodoItemStatus.COMPLETED
                if item.get("checked")
                else TodoItemStatus.NEEDS_ACTION,
            )
            for item in self._follower.sorted_items()
        ]

    @property
    def extra_state_attributes(self) -> dict[str, Any]:
        return {"list_id": self._follower.list_id}

    def _item(self, uid: str | None) -> dict[str, Any]:
        try:
            return self._follower.items[int(uid or "")]
        except (KeyError, ValueError):
            raise HomeAssistantError(
                f"There is no item {uid!r} on the aisle list {self._follower.name}"
            ) from None

    async def _ops(self, ops: list[dict[str, Any]]) -> None:
        if not ops:
            return
        try:
            await self._client.ops(self._follower.list_id, ops)
        except AisleError as err:
            raise HomeAssistantError(str(err)) from err
        finally:
            await self._catch_up()

    async def _catch_up(self) -> None:
        """Shows the change at once; the event stream would bring it a moment later."""
        try:
            await self._follower.async_refresh()
        except AisleError:
            pass

    async def async_create_todo_item(self, item: TodoItem) -> None:
        """Adds through aisle's parser: "2 cups milk" becomes 2, cup, milk."""
        list_id = self._follower.list_id
        # What the list held before: an add that aisle merges into one of these items
        # must not replace the note it has.
        before = {k: v.get("note") for k, v in self._follower.items.items()}
        try:
            added = await self._client.add_items(list_id, item.summary or "")
            note = _note(item.description)
            ops: list[dict[str, Any]] = []
            for new in added.get("items", []):
                if note is not None:
                    joined = _joined_note(before.get(new["id"]), note)
                    if joined is not None:
                        ops.append(
                            {"kind": "edit", "item_id": new["id"], "fields": {"note": joined}}
                        )
                if item.status == TodoItemStatus.COMPLETED:
                    ops.append({"kind": "check", "item_id": new["id"]})
            if ops:
                await self._client.ops(list_id, ops)
        except AisleError as err:
            raise HomeAssistantError(str(err)) from err
        finally:
            await self._catch_up()

    async def async_update_todo_item(self, item: TodoItem) -> None:
        """One batch: check or uncheck, and an edit of what changed (the summary is read
        by aisle's parser, as the add box reads it; a blank description clears the note)."""
        current = self._item(item.uid)
        item_id = current["id"]
        ops: list[dict[str, Any]] = []
        if item.status is not None:
            checked = item.status == TodoItemStatus.COMPLETED
            if checked != bool(current.get("checked")):
                ops.append({"kind": "check" if checked else "uncheck", "item_id": item_id})
        fields: dict[str, Any] = {}
        if item.summary is not None and item.summary.strip() != item_summary(current):
            fields["text"] = item.summary
        note = _note(item.description)
        # Assist's "complete …" sends the item without its description: a missing one
        # with a change of status leaves the note alone. An empty one clears it.
        keep_note = item.description is None and bool(ops)
        if not keep_note and note != (current.get("note") or None):
            fields["note"] = note
        if fields:
            ops.append({"kind": "edit", "item_id": item_id, "fields": fields})
        await self._ops(ops)

    async def async_delete_todo_items(self, uids: list[str]) -> None:
        """Removes several items in one batch."""
        await self._ops(
            [{"kind": "delete", "item_id": self._item(uid)["id"]} for uid in uids]
        )

    async def async_move_todo_item(self, uid: str, previous_uid: str | None = None) -> None:
        """Places the item right after `previous_uid` (None: at the top). Items keep
        their category, so aisle's grouping by category still holds."""
        item_id = self._item(uid)["id"]
        after = self._item(previous_uid)["id"] if previous_uid is not None else None
        await self._ops([{"kind": "move", "item_id": item_id, "fields": {"after": after}}])

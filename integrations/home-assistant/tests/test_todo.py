"""The to-do entities against a real aisle: items, services, voice, push, events, reconnect."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Any

import pytest

from homeassistant.components.todo import DOMAIN as TODO_DOMAIN
from homeassistant.const import STATE_UNAVAILABLE
from homeassistant.core import Event, HomeAssistant
from homeassistant.exceptions import HomeAssistantError
from homeassistant.helpers import intent
from homeassistant.setup import async_setup_component
from pytest_homeassistant_custom_component.common import MockConfigEntry

from custom_components.aisle.api import AisleClient
from custom_components.aisle.const import DOMAIN, EVENT_ITEM_ADDED, EVENT_LIST_COMPLETED

from .conftest import AisleServer

WAIT = 20.0  # the longest any push may take to show


async def wait_for(check: Callable[[], Any], timeout: float = WAIT, what: str = "it") -> Any:
    """Polls `check` until it returns something true, for at most `timeout` seconds."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while True:
        value = check()
        if value:
            return value
        if loop.time() > deadline:
            raise AssertionError(f"waited {timeout} s for {what}")
        await asyncio.sleep(0.05)


async def make_list(api: AisleClient, name: str, text: str | None = None) -> int:
    body = await api._request("POST", "/lists", {"name": name})
    if text:
        await api.add_items(body["id"], text)
    return body["id"]


async def setup_entry(hass: HomeAssistant, data: dict[str, str]) -> MockConfigEntry:
    entry = MockConfigEntry(domain=DOMAIN, data=data, unique_id=data["url"], title="aisle")
    entry.add_to_hass(hass)
    assert await hass.config_entries.async_setup(entry.entry_id)
    await hass.async_block_till_done()
    return entry


async def get_items(hass: HomeAssistant, entity_id: str) -> list[dict[str, Any]]:
    reply = await hass.services.async_call(
        TODO_DOMAIN, "get_items", {}, target={"entity_id": entity_id},
        blocking=True, return_response=True,
    )
    return reply[entity_id]["items"]


async def server_items(api: AisleClient, list_id: int) -> list[dict[str, Any]]:
    return (await api.list(list_id))["items"]


def summaries(items: list[dict[str, Any]]) -> list[str]:
    return [i["summary"] for i in items]


async def call(hass: HomeAssistant, service: str, entity_id: str, **data: Any) -> None:
    await hass.services.async_call(
        TODO_DOMAIN, service, data, target={"entity_id": entity_id}, blocking=True
    )


@pytest.fixture
async def weekly(bob: AisleClient) -> int:
    return await make_list(bob, "Weekly", "2 l milk, 1 loaf bread, 3 eggs")


async def test_one_entity_per_list_with_its_items(
    hass: HomeAssistant, bob: AisleClient, weekly: int, entry_data: dict[str, str]
) -> None:
    await make_list(bob, "Party", "chips")
    eggs = next(i for i in await server_items(bob, weekly) if i["name"] == "eggs")
    await bob.ops(weekly, [
        {"kind": "check", "item_id": eggs["id"]},
    ])
    await setup_entry(hass, entry_data)

    state = hass.states.get("todo.weekly")
    assert state is not None
    assert state.state == "2"  # unchecked items
    assert state.attributes["list_id"] == weekly
    assert hass.states.get("todo.party").state == "1"

    items = await get_items(hass, "todo.weekly")
    # Unchecked first, in the list's order, then the checked ones.
    assert summaries(items) == ["2 l milk", "1 loaf bread", "3 eggs"]
    assert [i["status"] for i in items] == ["needs_action", "needs_action", "completed"]
    assert items[0]["uid"] == str(
        next(i["id"] for i in await server_items(bob, weekly) if i["name"] == "milk")
    )


async def test_add_by_voice_goes_through_aisles_parser(
    hass: HomeAssistant, bob: AisleClient, weekly: int, entry_data: dict[str, str]
) -> None:
    await setup_entry(hass, entry_data)
    assert await async_setup_component(hass, "intent", {})  # Assist's intents, as in HA
    await hass.async_block_till_done()
    response = await intent.async_handle(
        hass, "test", "HassListAddItem",
        {"item": {"value": "2 cups sugar"}, "name": {"value": "Weekly"}},
    )
    assert response.response_type == intent.IntentResponseType.ACTION_DONE
    sugar = [i for i in await server_items(bob, weekly) if i["name"] == "sugar"]
    assert len(sugar) == 1
    assert sugar[0]["quantity"] == 2
    assert sugar[0]["unit"] == "cup"
    assert "2 cups sugar" in summaries(await get_items(hass, "todo.weekly"))


async def test_complete_by_voice_keeps_the_note(
    hass: HomeAssistant, bob: AisleClient, entry_data: dict[str, str]
) -> None:
    list_id = await make_list(bob, "Corner shop", "milk")
    milk = (await server_items(bob, list_id))[0]
    await bob.ops(list_id, [{"kind": "edit", "item_id": milk["id"], "fields": {"note": "oat"}}])
    await setup_entry(hass, entry_data)
    assert await async_setup_component(hass, "intent", {})  # Assist's intents, as in HA
    await hass.async_block_till_done()
    response = await intent.async_handle(
        hass, "test", "HassListCompleteItem",
        {"item": {"value": "milk"}, "name": {"value": "Corner shop"}},
    )
    assert response.response_type == intent.IntentResponseType.ACTION_DONE
    milk = (await server_items(bob, list_id))[0]
    assert (milk["checked"], milk["note"]) == (True, "oat")


async def test_add_item_with_description(
    hass: HomeAssistant, bob: AisleClient, weekly: int, entry_data: dict[str, str]
) -> None:
    await setup_entry(hass, entry_data)
    await call(hass, "add_item", "todo.weekly", item="500 g flour", description="the fine one")
    flour = next(i for i in await server_items(bob, weekly) if i["name"] == "flour")
    assert (flour["quantity"], flour["unit"], flour["note"]) == (500, "g", "the fine one")
    items = await get_items(hass, "todo.weekly")
    mine = next(i for i in items if i["uid"] == str(flour["id"]))
    assert mine["summary"] == "500 g flour"
    assert mine["description"] == "the fine one"


async def test_complete_and_reopen(
    hass: HomeAssistant, bob: AisleClient, weekly: int, entry_data: dict[str, str]
) -> None:
    await setup_entry(hass, entry_data)
    await call(hass, "update_item", "todo.weekly", item="2 l milk", status="completed")
    milk = next(i for i in await server_items(bob, weekly) if i["name"] == "milk")
    assert milk["checked"] is True
    assert hass.states.get("todo.weekly").state == "2"

    await call(hass, "update_item", "todo.weekly", item=str(milk["id"]), status="needs_action")
    milk = next(i for i in await server_items(bob, weekly) if i["name"] == "milk")
    assert milk["checked"] is False
    assert hass.states.get("todo.weekly").state == "3"


async def test_description_set_and_cleared(
    hass: HomeAssistant, bob: AisleClient, weekly: int, entry_data: dict[str, str]
) -> None:
    await setup_entry(hass, entry_data)
    await call(hass, "update_item", "todo.weekly", item="3 eggs", description="free range")
    eggs = next(i for i in await server_items(bob, weekly) if i["name"] == "eggs")
    assert eggs["note"] == "free range"
    assert (eggs["quantity"], eggs["name"]) == (3, "eggs")  # the rest untouched

    await call(hass, "update_item", "todo.weekly", item="3 eggs", description="")
    eggs = next(i for i in await server_items(bob, weekly) if i["name"] == "eggs")
    assert eggs["note"] is None


async def test_rename_goes_through_aisles_parser(
    hass: HomeAssistant, bob: AisleClient, weekly: int, entry_data: dict[str, str]
) -> None:
    """Needs the edit op's `fields.text` (read by the add box's parser) on the server."""
    await setup_entry(hass, entry_data)
    await call(hass, "update_item", "todo.weekly", item="2 l milk", rename="1 l oat milk")
    items = await server_items(bob, weekly)
    assert not [i for i in items if i["name"] == "milk"]
    oat = next(i for i in items if i["name"] == "oat milk")
    assert (oat["quantity"], oat["unit"]) == (1, "l")
    assert "1 l oat milk" in summaries(await get_items(hass, "todo.weekly"))


async def test_remove_several_items(
    hass: HomeAssistant, bob: AisleClient, weekly: int, entry_data: dict[str, str]
) -> None:
    await setup_entry(hass, entry_data)
    await call(hass, "remove_item", "todo.weekly", item=["2 l milk", "3 eggs"])
    assert [i["name"] for i in await server_items(bob, weekly)] == ["bread"]
    assert summaries(await get_items(hass, "todo.weekly")) == ["1 loaf bread"]


async def test_unknown_item_is_said(
    hass: HomeAssistant, weekly: int, entry_data: dict[str, str]
) -> None:
    await setup_entry(hass, entry_data)
    with pytest.raises((HomeAssistantError, ValueError)):
        await call(hass, "update_item", "todo.weekly", item="caviar", status="completed")


async def test_move_item(
    hass: HomeAssistant,
    hass_ws_client,
    bob: AisleClient,
    entry_data: dict[str, str],
) -> None:
    """Needs the move op's `fields.after` on the server."""
    # Items of one category, so aisle's grouping by category leaves the order to the move.
    list_id = await make_list(bob, "Fruit", "apples, pears, plums")
    await setup_entry(hass, entry_data)
    by_name = {i["name"]: str(i["id"]) for i in await server_items(bob, list_id)}

    ws = await hass_ws_client(hass)

    async def move(uid: str, previous_uid: str | None) -> None:
        msg = {"type": "todo/item/move", "entity_id": "todo.fruit", "uid": uid}
        if previous_uid is not None:
            msg["previous_uid"] = previous_uid
        await ws.send_json_auto_id(msg)
        reply = await ws.receive_json()
        assert reply["success"], reply

    await move(by_name["plums"], None)  # to the top
    assert [i["name"] for i in await server_items(bob, list_id)] == ["plums", "apples", "pears"]
    await move(by_name["apples"], by_name["pears"])  # after pears
    assert [i["name"] for i in await server_items(bob, list_id)] == ["plums", "pears", "apples"]
    assert summaries(await get_items(hass, "todo.fruit")) == ["plums", "pears", "apples"]


async def test_change_in_aisle_arrives_by_push(
    hass: HomeAssistant, bob: AisleClient, weekly: int, entry_data: dict[str, str]
) -> None:
    await setup_entry(hass, entry_data)
    # Give the event stream its hello, then change the list as the web page would.
    await asyncio.sleep(0.5)
    await bob.add_items(weekly, "250 g butter")
    await wait_for(
        lambda: hass.states.get("todo.weekly").state == "4", what="the added item by push"
    )
    assert "250 g butter" in summaries(await get_items(hass, "todo.weekly"))

    milk = next(i for i in await server_items(bob, weekly) if i["name"] == "milk")
    await bob.ops(weekly, [{"kind": "delete", "item_id": milk["id"]}])
    await wait_for(lambda: hass.states.get("todo.weekly").state == "3", what="the removal")
    assert "2 l milk" not in summaries(await get_items(hass, "todo.weekly"))


async def test_events_say_what_and_who(
    hass: HomeAssistant, bob: AisleClient, entry_data: dict[str, str]
) -> None:
    """`by` needs the `change` event's `by` on the server."""
    list_id = await make_list(bob, "Weekend", "coffee")
    added: list[Event] = []
    completed: list[Event] = []
    hass.bus.async_listen(EVENT_ITEM_ADDED, added.append)
    hass.bus.async_listen(EVENT_LIST_COMPLETED, completed.append)
    await setup_entry(hass, entry_data)
    await asyncio.sleep(0.5)
    assert added == []  # not for what was there at the first load

    reply = await bob.add_items(list_id, "3 eggs")
    eggs_id = reply["items"][0]["id"]
    await wait_for(lambda: added, what="aisle_item_added")
    assert added[0].data == {
        "list_id": list_id, "list": "Weekend", "item_id": eggs_id,
        "item": "3 eggs", "name": "eggs", "by": "bob",
    }

    coffee = next(i for i in await server_items(bob, list_id) if i["name"] == "coffee")
    await bob.ops(list_id, [{"kind": "check", "item_id": coffee["id"]}])
    await asyncio.sleep(0.5)
    assert completed == []  # eggs are still to get
    await bob.ops(list_id, [{"kind": "check", "item_id": eggs_id}])
    await wait_for(lambda: completed, what="aisle_list_completed")
    assert completed[0].data == {"list_id": list_id, "list": "Weekend", "by": "bob"}

    # Added from Home Assistant: fired too, by the token's user.
    await call(hass, "add_item", "todo.weekend", item="tea")
    await wait_for(lambda: len(added) == 2, what="the event of an item added from HA")
    assert added[1].data["item"] == "tea"
    assert added[1].data["by"] == "anna"

    # Each fact once: not again from the catch-up after HA's own write, nor from the
    # `change` event that follows it.
    await bob.add_items(list_id, "jam")
    await wait_for(lambda: len(added) == 3, what="the event of jam")
    await asyncio.sleep(1.0)
    assert [e.data["item"] for e in added] == ["3 eggs", "tea", "jam"]
    assert len(completed) == 1


async def test_reconnects_after_a_restart(
    hass: HomeAssistant, aisle_server: AisleServer, bob: AisleClient, weekly: int,
    entry_data: dict[str, str],
) -> None:
    await setup_entry(hass, entry_data)
    await asyncio.sleep(0.5)
    await hass.async_add_executor_job(aisle_server.stop)
    await wait_for(
        lambda: hass.states.get("todo.weekly").state == STATE_UNAVAILABLE,
        what="the entity to show the server gone",
    )
    await hass.async_add_executor_job(aisle_server.start)
    # Changed while Home Assistant was still away: caught up when it reconnects.
    await bob.add_items(weekly, "1 jar honey")
    await wait_for(
        lambda: hass.states.get("todo.weekly").state == "4", timeout=45,
        what="the change made across the restart",
    )
    assert "1 jar honey" in summaries(await get_items(hass, "todo.weekly"))
    # And the new stream pushes again.
    await bob.add_items(weekly, "salt")
    await wait_for(lambda: hass.states.get("todo.weekly").state == "5", what="a change after")


async def test_unload_stops_following(
    hass: HomeAssistant, weekly: int, entry_data: dict[str, str]
) -> None:
    entry = await setup_entry(hass, entry_data)
    await asyncio.sleep(0.2)
    follower = entry.runtime_data.followers[weekly]
    assert follower._task is not None
    assert await hass.config_entries.async_unload(entry.entry_id)
    await hass.async_block_till_done()
    assert follower._task is None
    assert hass.states.get("todo.weekly").state == STATE_UNAVAILABLE


async def test_rename_keeps_the_note(
    hass: HomeAssistant, bob: AisleClient, weekly: int, entry_data: dict[str, str]
) -> None:
    """A summary renamed in HA (the card's dialog sends the description it shows)."""
    milk = next(i for i in await server_items(bob, weekly) if i["name"] == "milk")
    await bob.ops(weekly, [{"kind": "edit", "item_id": milk["id"], "fields": {"note": "oat"}}])
    await setup_entry(hass, entry_data)
    await call(hass, "update_item", "todo.weekly", item="2 l milk", rename="1 l soy milk")
    milk = next(i for i in await server_items(bob, weekly) if i["id"] == milk["id"])
    assert (milk["name"], milk["quantity"], milk["unit"], milk["note"]) == (
        "soy milk", 1, "l", "oat"
    )
    mine = next(i for i in await get_items(hass, "todo.weekly") if i["uid"] == str(milk["id"]))
    assert (mine["summary"], mine["description"]) == ("1 l soy milk", "oat")


async def test_add_merged_into_an_item_keeps_its_note(
    hass: HomeAssistant, bob: AisleClient, weekly: int, entry_data: dict[str, str]
) -> None:
    """aisle merges "1 l milk" into the unchecked "2 l milk": the description joins the
    note that item has, as aisle joins notes, instead of replacing it."""
    milk = next(i for i in await server_items(bob, weekly) if i["name"] == "milk")
    await bob.ops(weekly, [{"kind": "edit", "item_id": milk["id"], "fields": {"note": "oat"}}])
    await setup_entry(hass, entry_data)
    await call(hass, "add_item", "todo.weekly", item="1 l milk", description="for the cake")
    milks = [i for i in await server_items(bob, weekly) if i["name"] == "milk"]
    assert len(milks) == 1
    assert (milks[0]["quantity"], milks[0]["note"]) == (3, "oat; for the cake")


async def test_move_across_categories(
    hass: HomeAssistant, hass_ws_client, bob: AisleClient, entry_data: dict[str, str]
) -> None:
    """Dragging an item below one of another category: it lands there in the list's
    order (what the to-do card shows) and keeps its own category."""
    list_id = await make_list(bob, "Mixed", "milk, apples, cheese")
    before = {i["name"]: i for i in await server_items(bob, list_id)}
    assert before["milk"]["category"] != before["apples"]["category"]
    await setup_entry(hass, entry_data)
    ws = await hass_ws_client(hass)
    await ws.send_json_auto_id({
        "type": "todo/item/move", "entity_id": "todo.mixed",
        "uid": str(before["milk"]["id"]), "previous_uid": str(before["apples"]["id"]),
    })
    reply = await ws.receive_json()
    assert reply["success"], reply
    after = {i["name"]: i for i in await server_items(bob, list_id)}
    assert after["apples"]["position"] < after["milk"]["position"] < after["cheese"]["position"]
    assert after["milk"]["category"] == before["milk"]["category"]
    assert summaries(await get_items(hass, "todo.mixed")) == ["apples", "milk", "cheese"]


async def test_a_long_list(
    hass: HomeAssistant, bob: AisleClient, entry_data: dict[str, str]
) -> None:
    """300 items load whole, in order, and a move among them renumbers in one op."""
    list_id = await make_list(bob, "Big")
    for start in range(0, 300, 100):
        await bob.add_items(list_id, "\n".join(f"thing {n:03}" for n in range(start, start + 100)))
    await setup_entry(hass, entry_data)
    assert hass.states.get("todo.big").state == "300"
    items = await get_items(hass, "todo.big")
    assert summaries(items)[:3] == ["thing 000", "thing 001", "thing 002"]
    last, first = items[-1]["uid"], items[0]["uid"]
    entity = hass.data[TODO_DOMAIN].get_entity("todo.big")  # what the card's drag calls
    await entity.async_move_todo_item(last, first)
    assert summaries(await get_items(hass, "todo.big"))[:3] == [
        "thing 000", "thing 299", "thing 001"
    ]


async def test_a_revoked_token_asks_for_a_new_one(
    hass: HomeAssistant, aisle_server: AisleServer, weekly: int, entry_data: dict[str, str]
) -> None:
    """aisle refusing the token to a loaded entry (revoked on the Settings page) starts
    Home Assistant's reauth flow, as docs/HOME-ASSISTANT.md says."""
    entry = await setup_entry(hass, entry_data)
    await asyncio.sleep(0.5)
    # The token as if revoked: the next connection the follower makes is refused.
    entry.runtime_data.client._token = "revoked"
    await hass.async_add_executor_job(aisle_server.restart)
    await wait_for(
        lambda: [
            f for f in hass.config_entries.flow.async_progress_by_handler(DOMAIN)
            if f["context"]["source"] == "reauth"
        ],
        timeout=45, what="a reauth flow",
    )
    assert hass.states.get("todo.weekly").state == STATE_UNAVAILABLE


async def test_an_add_in_the_web_page_arrives_by_push(
    hass: HomeAssistant, aisle_server: AisleServer, bob: AisleClient, weekly: int,
    entry_data: dict[str, str],
) -> None:
    """Bob logs in to aisle's own web page and adds through its form (no JavaScript, as
    the page's fallback posts it): the entity shows it by push, and the event says bob."""
    import re

    import aiohttp

    added: list[Event] = []
    hass.bus.async_listen(EVENT_ITEM_ADDED, added.append)
    await setup_entry(hass, entry_data)
    await asyncio.sleep(0.5)

    base = aisle_server.url
    jar = aiohttp.CookieJar(unsafe=True)  # cookies for 127.0.0.1
    async with aiohttp.ClientSession(cookie_jar=jar, headers={"Origin": base}) as page:

        async def csrf(path: str) -> str:
            async with page.get(base + path) as resp:
                assert resp.status == 200, await resp.text()
                found = re.search(r'name="csrf_token" value="([^"]+)"', await resp.text())
                assert found, f"no CSRF token on {path}"
                return found.group(1)

        login = {"username": "bob", "password": "a-long-password-for-tests",
                 "csrf_token": await csrf("/login")}
        async with page.post(base + "/login", data=login, allow_redirects=False) as resp:
            assert resp.status in (302, 303), await resp.text()
        form = {"text": "2 cups flour", "csrf_token": await csrf(f"/lists/{weekly}")}
        async with page.post(
            base + f"/lists/{weekly}/items", data=form, allow_redirects=False
        ) as resp:
            assert resp.status in (302, 303), await resp.text()

    await wait_for(
        lambda: hass.states.get("todo.weekly").state == "4", what="the page's add by push"
    )
    assert "2 cups flour" in summaries(await get_items(hass, "todo.weekly"))
    event = await wait_for(
        lambda: next((e for e in added if e.data["name"] == "flour"), None),
        what="the aisle_item_added event",
    )
    assert event.data["by"] == "bob"

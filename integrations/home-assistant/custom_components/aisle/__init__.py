"""aisle: a self-hosted shopping list, as Home Assistant to-do lists kept current by push."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field

from homeassistant.config_entries import ConfigEntry
from homeassistant.const import Platform
from homeassistant.core import HomeAssistant
from homeassistant.exceptions import ConfigEntryAuthFailed, ConfigEntryNotReady
from homeassistant.helpers.aiohttp_client import async_get_clientsession

from .api import AisleAuthError, AisleClient, AisleError
from .const import CONF_TOKEN, CONF_URL
from .follower import ListFollower

PLATFORMS: list[Platform] = [Platform.TODO]


@dataclass
class AisleData:
    """What a configured aisle server keeps while loaded."""

    client: AisleClient
    followers: dict[int, ListFollower] = field(default_factory=dict)


type AisleConfigEntry = ConfigEntry[AisleData]


async def async_setup_entry(hass: HomeAssistant, entry: AisleConfigEntry) -> bool:
    """Reads the server's lists, catches each up and starts following it."""
    client = AisleClient(async_get_clientsession(hass), entry.data[CONF_URL], entry.data[CONF_TOKEN])

    def reload() -> None:
        # A list archived or deleted in aisle: reading the lists again drops its entity.
        hass.config_entries.async_schedule_reload(entry.entry_id)

    def reauth() -> None:
        # The token was revoked while loaded: ask for a new one (once; Home Assistant
        # starts no second reauth flow for an entry that has one).
        entry.async_start_reauth(hass)

    try:
        lists = await client.lists()
        followers = {
            int(body["id"]): ListFollower(
                hass, client, int(body["id"]), body["name"], reload, reauth
            )
            for body in lists
            if not body.get("archived")
        }
        await asyncio.gather(*(f.async_refresh() for f in followers.values()))
    except AisleAuthError as err:
        raise ConfigEntryAuthFailed(str(err)) from err
    except AisleError as err:
        raise ConfigEntryNotReady(str(err)) from err

    entry.runtime_data = AisleData(client=client, followers=followers)
    await hass.config_entries.async_forward_entry_setups(entry, PLATFORMS)
    for follower in followers.values():
        follower.start(
            lambda coro, name: entry.async_create_background_task(hass, coro, name)
        )
    return True


async def async_unload_entry(hass: HomeAssistant, entry: AisleConfigEntry) -> bool:
    """Removes the entities and stops following the lists (only once the entities are
    gone: an entry whose platforms fail to unload stays loaded, and kept current)."""
    if not await hass.config_entries.async_unload_platforms(entry, PLATFORMS):
        return False
    await asyncio.gather(*(f.stop() for f in entry.runtime_data.followers.values()))
    return True

"""Constants of the aisle integration."""

from __future__ import annotations

from typing import Final

DOMAIN: Final = "aisle"

CONF_URL: Final = "url"
CONF_TOKEN: Final = "token"

API_PREFIX: Final = "/api/v1"

# Fired on Home Assistant's event bus.
EVENT_ITEM_ADDED: Final = "aisle_item_added"
EVENT_LIST_COMPLETED: Final = "aisle_list_completed"

# aisle sends a heartbeat comment every 15 s on an event stream; a stream silent for longer
# than this is taken for dead and opened again.
STREAM_READ_TIMEOUT: Final = 45.0
# Plain requests (lists, changes, ops).
REQUEST_TIMEOUT: Final = 20.0
# Reconnecting a dropped stream: 1 s, doubling up to 30 s; back to 1 s once connected.
RECONNECT_MIN: Final = 1.0
RECONNECT_MAX: Final = 30.0

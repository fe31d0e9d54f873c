"""A small client of aisle's JSON API (`/api/v1`, bearer token).

Only what the integration needs: lists, a list's changes, adding items, op batches and
the list's Server-Sent Events stream. Errors come back as the three exceptions below;
an API error carries the server's `detail` sentence (aisle writes it for people).
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
import json
from typing import Any
import uuid

import aiohttp

from .const import API_PREFIX, REQUEST_TIMEOUT, STREAM_READ_TIMEOUT


class AisleError(Exception):
    """Something went wrong talking to aisle."""


class AisleConnectionError(AisleError):
    """aisle could not be reached, or did not answer in time."""


class AisleAuthError(AisleError):
    """aisle refused the token (401)."""


class AisleApiError(AisleError):
    """aisle answered with an error (problem+json); `detail` is its sentence."""

    def __init__(self, status: int, detail: str, results: list[dict] | None = None) -> None:
        super().__init__(detail)
        self.status = status
        self.detail = detail
        self.results = results or []


def normalize_url(url: str) -> str:
    """The server's base URL as the integration keeps it: no trailing slash."""
    url = url.strip()
    if "://" not in url:
        url = "http://" + url
    return url.rstrip("/")


def new_op_id() -> str:
    """A fresh op id (aisle applies each op id at most once per list)."""
    return str(uuid.uuid4())


def item_summary(item: dict[str, Any]) -> str:
    """aisle's display string of an item: its amount, a space and its name ("2 l milk").

    `changes` carries `amount` as the list page writes it; an item without it (from an
    older server) is written from its own quantity and unit.
    """
    amount = item.get("amount")
    if amount is None:
        quantity = item.get("quantity")
        unit = item.get("unit")
        parts = []
        if quantity is not None:
            q = float(quantity)
            parts.append(str(int(q)) if q.is_integer() else f"{q:g}")
        if unit:
            parts.append(unit)
        amount = " ".join(parts)
    name = item.get("name", "")
    return f"{amount} {name}" if amount else name


class AisleClient:
    """aisle's JSON API, for one server and one token."""

    def __init__(self, session: aiohttp.ClientSession, url: str, token: str) -> None:
        self._session = session
        self.url = normalize_url(url)
        self._token = token

    @property
    def _headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self._token}", "Accept": "application/json"}

    async def _request(self, method: str, path: str, body: Any = None) -> Any:
        try:
            async with self._session.request(
                method,
                f"{self.url}{API_PREFIX}{path}",
                headers=self._headers,
                json=body,
                timeout=aiohttp.ClientTimeout(total=REQUEST_TIMEOUT),
            ) as resp:
                if resp.status >= 400:
                    raise await _error(resp)
                if resp.status == 204:
                    return None
                try:
                    return await resp.json(content_type=None)
                except (ValueError, aiohttp.ContentTypeError) as err:
                    raise AisleApiError(
                        resp.status, f"aisle answered {path} with something that is not JSON"
                    ) from err
        except (aiohttp.ClientError, asyncio.TimeoutError, OSError) as err:
            raise AisleConnectionError(
                f"Cannot reach aisle at {self.url}: {err or type(err).__name__}"
            ) from err

    async def lists(self) -> list[dict[str, Any]]:
        """`GET /lists`: `[{id, name, archived, open_items, total_items}]`."""
        return await self._request("GET", "/lists")

    async def list(self, list_id: int) -> dict[str, Any]:
        """`GET /lists/{id}`: `{id, name, archived, version, items}`."""
        return await self._request("GET", f"/lists/{list_id}")

    async def changes(self, list_id: int, since: int) -> dict[str, Any]:
        """`GET /lists/{id}/changes?since=`: `{version, reset, items}`."""
        return await self._request("GET", f"/lists/{list_id}/changes?since={since}")

    async def add_items(self, list_id: int, text: str) -> dict[str, Any]:
        """`POST /lists/{id}/items`: aisle's parser reads `text` ("2 cups milk")."""
        return await self._request("POST", f"/lists/{list_id}/items", {"text": text})

    async def ops(self, list_id: int, ops: list[dict[str, Any]]) -> dict[str, Any]:
        """`POST /lists/{id}/ops` with a batch; each op gets a fresh `op_id`.

        Raises `AisleApiError` with the server's sentence when the batch is refused, and
        when an op changed nothing because of a conflict (its item was deleted meanwhile).
        """
        batch = [{"op_id": new_op_id(), **op} for op in ops]
        reply = await self._request("POST", f"/lists/{list_id}/ops", {"ops": batch})
        conflicts = [
            r.get("message") or f"op {r.get('index')} changed nothing"
            for r in reply.get("results", [])
            if r.get("code") == "conflict"
        ]
        if conflicts:
            raise AisleApiError(409, "; ".join(conflicts), reply.get("results"))
        return reply

    async def events(self, list_id: int) -> AsyncIterator[tuple[str, dict[str, Any]]]:
        """`GET /lists/{id}/events`: yields `(event, data)` until the stream ends.

        A stream silent for longer than `STREAM_READ_TIMEOUT` (aisle sends a heartbeat
        every 15 s) raises `AisleConnectionError`, as does a dropped connection.
        """
        try:
            async with self._session.get(
                f"{self.url}{API_PREFIX}/lists/{list_id}/events",
                headers={**self._headers, "Accept": "text/event-stream"},
                timeout=aiohttp.ClientTimeout(
                    total=None, sock_connect=REQUEST_TIMEOUT, sock_read=STREAM_READ_TIMEOUT
                ),
            ) as resp:
                if resp.status >= 400:
                    raise await _error(resp)
                event, data = "message", []
                async for raw in resp.content:
                    line = raw.decode("utf-8", "replace").rstrip("\r\n")
                    if not line:
                        if data:
                            yield event, _json_object("\n".join(data))
                        event, data = "message", []
                    elif line.startswith(":"):
                        continue  # heartbeat
                    else:
                        field, _, value = line.partition(":")
                        value = value.removeprefix(" ")
                        if field == "event":
                            event = value
                        elif field == "data":
                            data.append(value)
        except (aiohttp.ClientError, asyncio.TimeoutError, OSError) as err:
            raise AisleConnectionError(
                f"The event stream of list {list_id} dropped: {err or type(err).__name__}"
            ) from err


def _json_object(text: str) -> dict[str, Any]:
    try:
        value = json.loads(text)
    except ValueError:
        return {}
    return value if isinstance(value, dict) else {}


async def _error(resp: aiohttp.ClientResponse) -> AisleError:
    """The exception for an error answer, with aisle's `detail` sentence."""
    detail = ""
    results: list[dict] | None = None
    try:
        body = await resp.json(content_type=None)
        if isinstance(body, dict):
            detail = str(body.get("detail") or body.get("title") or "")
            results = body.get("results")
    except (ValueError, aiohttp.ClientError):
        pass
    if not detail:
        detail = f"aisle answered {resp.status} {resp.reason or ''}".strip()
    if resp.status == 401:
        return AisleAuthError(detail)
    return AisleApiError(resp.status, detail, results)

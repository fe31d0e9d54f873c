"""Config flow: the server's URL and an API token, checked by reading the lists."""

from __future__ import annotations

from collections.abc import Mapping
import logging
from typing import Any

import aiohttp
import voluptuous as vol

from homeassistant.config_entries import ConfigFlow, ConfigFlowResult
from homeassistant.helpers.aiohttp_client import async_get_clientsession
from homeassistant.helpers.service_info.zeroconf import ZeroconfServiceInfo

from .api import AisleApiError, AisleAuthError, AisleClient, AisleConnectionError, normalize_url
from .const import CONF_TOKEN, CONF_URL, DOMAIN

_LOGGER = logging.getLogger(__name__)


def _url_from_zeroconf(info: ZeroconfServiceInfo) -> str:
    """The address phones use when aisle announces one (TXT `url`, its `public_url`),
    else the announcing address and port, with the TXT `scheme` (`https` when aisle
    serves TLS itself) and `path`."""
    announced = info.properties.get("url")
    if announced:
        return normalize_url(str(announced))
    host = str(info.ip_address) if info.ip_address is not None else info.host
    if ":" in host:
        host = f"[{host}]"
    scheme = "https" if info.properties.get("scheme") == "https" else "http"
    path = str(info.properties.get("path") or "/")
    if not path.startswith("/"):
        path = "/" + path
    return normalize_url(f"{scheme}://{host}:{info.port}{path}")


class AisleConfigFlow(ConfigFlow, domain=DOMAIN):
    """Adds an aisle server: by hand (URL + token) or as found on the network."""

    VERSION = 1

    def __init__(self) -> None:
        self._url: str | None = None
        self._version: str | None = None

    async def _check(self, url: str, token: str) -> dict[str, str]:
        """Errors for the form, from asking aisle for the lists with this token."""
        client = AisleClient(async_get_clientsession(self.hass), url, token)
        try:
            await client.lists()
        except AisleAuthError:
            return {"base": "invalid_auth"}
        except AisleConnectionError as err:
            if isinstance(err.__cause__, aiohttp.ClientConnectorCertificateError):
                # aisle answers over HTTPS with a certificate Home Assistant does not
                # trust (its own `local-ca`): say so rather than "cannot reach".
                return {"base": "untrusted_certificate"}
            return {"base": "cannot_connect"}
        except AisleApiError as err:
            _LOGGER.warning("aisle at %s answered the lists with %s: %s", url, err.status, err)
            return {"base": "cannot_connect" if err.status != 403 else "invalid_auth"}
        return {}

    async def async_step_user(self, user_input: dict[str, Any] | None = None) -> ConfigFlowResult:
        errors: dict[str, str] = {}
        if user_input is not None:
            url = normalize_url(user_input[CONF_URL])
            token = user_input[CONF_TOKEN].strip()
            await self.async_set_unique_id(url)
            self._abort_if_unique_id_configured()
            errors = await self._check(url, token)
            if not errors:
                return self.async_create_entry(
                    title=_title(url), data={CONF_URL: url, CONF_TOKEN: token}
                )
        return self.async_show_form(
            step_id="user",
            data_schema=self.add_suggested_values_to_schema(
                vol.Schema({vol.Required(CONF_URL): str, vol.Required(CONF_TOKEN): str}),
                user_input or {},
            ),
            errors=errors,
        )

    async def async_step_zeroconf(self, discovery_info: ZeroconfServiceInfo) -> ConfigFlowResult:
        """aisle announces `_aisle._tcp` with TXT `path`, `scheme`, `version` and `url`."""
        self._url = _url_from_zeroconf(discovery_info)
        self._version = discovery_info.properties.get("version")
        await self.async_set_unique_id(self._url)
        self._abort_if_unique_id_configured()
        self.context["title_placeholders"] = {"url": self._url}
        return await self.async_step_zeroconf_confirm()

    async def async_step_zeroconf_confirm(
        self, user_input: dict[str, Any] | None = None
    ) -> ConfigFlowResult:
        assert self._url is not None
        errors: dict[str, str] = {}
        if user_input is not None:
            token = user_input[CONF_TOKEN].strip()
            errors = await self._check(self._url, token)
            if not errors:
                return self.async_create_entry(
                    title=_title(self._url), data={CONF_URL: self._url, CONF_TOKEN: token}
                )
        return self.async_show_form(
            step_id="zeroconf_confirm",
            data_schema=vol.Schema({vol.Required(CONF_TOKEN): str}),
            description_placeholders={"url": self._url, "version": self._version or "?"},
            errors=errors,
        )

    async def async_step_reauth(self, entry_data: Mapping[str, Any]) -> ConfigFlowResult:
        self._url = entry_data[CONF_URL]
        return await self.async_step_reauth_confirm()

    async def async_step_reauth_confirm(
        self, user_input: dict[str, Any] | None = None
    ) -> ConfigFlowResult:
        assert self._url is not None
        errors: dict[str, str] = {}
        if user_input is not None:
            token = user_input[CONF_TOKEN].strip()
            errors = await self._check(self._url, token)
            if not errors:
                return self.async_update_reload_and_abort(
                    self._get_reauth_entry(), data_updates={CONF_TOKEN: token}
                )
        return self.async_show_form(
            step_id="reauth_confirm",
            data_schema=vol.Schema({vol.Required(CONF_TOKEN): str}),
            description_placeholders={"url": self._url},
            errors=errors,
        )


def _title(url: str) -> str:
    return f"aisle ({url.split('://', 1)[-1]})"

"""The config flow against a real aisle: URL + token, errors, zeroconf discovery."""

from __future__ import annotations

from ipaddress import ip_address

from homeassistant import config_entries
from homeassistant.core import HomeAssistant
from homeassistant.data_entry_flow import FlowResultType
from homeassistant.helpers.service_info.zeroconf import ZeroconfServiceInfo

from custom_components.aisle.const import CONF_TOKEN, CONF_URL, DOMAIN

from .conftest import AisleServer, _free_port


async def _user_flow(hass: HomeAssistant, url: str, token: str):
    result = await hass.config_entries.flow.async_init(
        DOMAIN, context={"source": config_entries.SOURCE_USER}
    )
    assert result["type"] is FlowResultType.FORM
    assert result["step_id"] == "user"
    return await hass.config_entries.flow.async_configure(
        result["flow_id"], {CONF_URL: url, CONF_TOKEN: token}
    )


async def test_user_flow_creates_entry(hass: HomeAssistant, aisle_server: AisleServer) -> None:
    token = aisle_server.tokens["anna"]
    result = await _user_flow(hass, aisle_server.url + "/", f" {token} ")
    assert result["type"] is FlowResultType.CREATE_ENTRY
    assert result["data"] == {CONF_URL: aisle_server.url, CONF_TOKEN: token}
    assert result["result"].unique_id == aisle_server.url

    # The same server a second time is refused.
    again = await _user_flow(hass, aisle_server.url, token)
    assert again["type"] is FlowResultType.ABORT
    assert again["reason"] == "already_configured"


async def test_user_flow_bad_token(hass: HomeAssistant, aisle_server: AisleServer) -> None:
    result = await _user_flow(hass, aisle_server.url, "not-a-token")
    assert result["type"] is FlowResultType.FORM
    assert result["errors"] == {"base": "invalid_auth"}


async def test_user_flow_unreachable(hass: HomeAssistant, socket_enabled) -> None:
    result = await _user_flow(hass, f"http://127.0.0.1:{_free_port()}", "whatever")
    assert result["type"] is FlowResultType.FORM
    assert result["errors"] == {"base": "cannot_connect"}


def _discovery(server: AisleServer) -> ZeroconfServiceInfo:
    return ZeroconfServiceInfo(
        ip_address=ip_address("127.0.0.1"),
        ip_addresses=[ip_address("127.0.0.1")],
        hostname="kitchen.local.",
        name="aisle on kitchen._aisle._tcp.local.",
        port=server.port,
        type="_aisle._tcp.local.",
        # As aisle announces them (tests/it/mdns.rs checks the real announcement).
        properties={"path": "/", "scheme": "http", "version": "0.1.0"},
    )


async def test_zeroconf_asks_only_for_the_token(
    hass: HomeAssistant, aisle_server: AisleServer
) -> None:
    result = await hass.config_entries.flow.async_init(
        DOMAIN,
        context={"source": config_entries.SOURCE_ZEROCONF},
        data=_discovery(aisle_server),
    )
    assert result["type"] is FlowResultType.FORM
    assert result["step_id"] == "zeroconf_confirm"
    assert set(result["data_schema"].schema) == {CONF_TOKEN}

    bad = await hass.config_entries.flow.async_configure(result["flow_id"], {CONF_TOKEN: "nope"})
    assert bad["errors"] == {"base": "invalid_auth"}

    token = aisle_server.tokens["anna"]
    done = await hass.config_entries.flow.async_configure(result["flow_id"], {CONF_TOKEN: token})
    assert done["type"] is FlowResultType.CREATE_ENTRY
    assert done["data"] == {CONF_URL: aisle_server.url, CONF_TOKEN: token}

    # Announced again, the server is known already.
    again = await hass.config_entries.flow.async_init(
        DOMAIN,
        context={"source": config_entries.SOURCE_ZEROCONF},
        data=_discovery(aisle_server),
    )
    assert again["type"] is FlowResultType.ABORT
    assert again["reason"] == "already_configured"


def test_the_announced_url_and_scheme_are_used() -> None:
    from custom_components.aisle.config_flow import _url_from_zeroconf

    def found(properties: dict[str, str]) -> ZeroconfServiceInfo:
        return ZeroconfServiceInfo(
            ip_address=ip_address("192.168.1.10"),
            ip_addresses=[ip_address("192.168.1.10")],
            hostname="pantry.local.",
            name="aisle on pantry._aisle._tcp.local.",
            port=8443,
            type="_aisle._tcp.local.",
            properties=properties,
        )

    assert _url_from_zeroconf(found({"path": "/", "scheme": "http"})) == "http://192.168.1.10:8443"
    assert _url_from_zeroconf(found({"path": "/", "scheme": "https"})) == "https://192.168.1.10:8443"
    assert (
        _url_from_zeroconf(found({"scheme": "https", "url": "https://lists.example.org"}))
        == "https://lists.example.org"
    )


async def test_user_flow_untrusted_certificate(
    hass: HomeAssistant, aisle_bin: str, tmp_path, socket_enabled
) -> None:
    """aisle serving HTTPS with its own local-ca: the form says the certificate is not
    trusted, not that aisle cannot be reached."""
    tls_port = _free_port()
    server = AisleServer(
        binary=aisle_bin, data_dir=tmp_path / "data", port=_free_port(),
        log_path=tmp_path / "aisle.log",
        extra_env={"AISLE_TLS": "local-ca", "AISLE_TLS_LISTEN": f"127.0.0.1:{tls_port}"},
    )
    server.data_dir.mkdir()
    token = server.add_user("anna")
    server.start()
    try:
        result = await _user_flow(hass, f"https://127.0.0.1:{tls_port}", token)
    finally:
        server.stop()
    assert result["type"] is FlowResultType.FORM
    assert result["errors"] == {"base": "untrusted_certificate"}

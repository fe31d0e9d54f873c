//! aisle: a self-hosted household shopping-list server.
//!
//! Layers: `domain` (pure logic) ← `db` (SQLite, no HTTP) ← `web`/`api` (thin handlers)
//! → `views` (askama). `server` puts them together.

pub mod api;
pub mod app;
pub mod auth;
pub mod cli;
pub mod commands;
pub mod config;
pub mod db;
pub mod domain;
pub mod door;
pub mod error;
pub mod http;
pub mod i18n;
pub mod ids;
pub mod import;
pub mod jobs;
pub mod live;
pub mod logging;
pub mod lookup;
pub mod mdns;
pub mod metrics;
pub mod news;
pub mod notify;
pub mod push;
pub mod server;
pub mod tls;
pub mod views;
pub mod web;

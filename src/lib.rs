//! Taizhang (台账): a district Development and Reform Bureau's work ledger.
//!
//! The pure core (`model`, `calc`, `format`, `charts`, `i18n`, `report`, `route`, `workspace`) knows nothing of the browser and
//! is tested natively with `cargo test`. The browser-facing shell (`store`, `ui`) is compiled
//! only for `wasm32`; it turns user actions into [`model::Edit`]s, applies them through the core
//! and persists what changed.

pub mod calc;
pub mod charts;
pub mod format;
pub mod i18n;
pub mod model;
pub mod report;
pub mod route;
pub mod sample;
pub mod sheet;
pub mod sorting;
pub mod store;
pub mod workspace;

#[cfg(target_arch = "wasm32")]
pub mod ui;

/// The app version written into every exported file (information only).
pub const APP_VERSION: &str = env!("CARGO_PKG_VERSION");

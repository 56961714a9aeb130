//! Pages as hash addresses: the pure part of navigation lives in [`crate::route`].

pub use crate::route::*;

/// Goes to a page (sets `location.hash`; the app follows the hash).
pub fn navigate(route: &Route) {
    if let Some(location) = web_sys::window().map(|w| w.location()) {
        let _ = location.set_hash(route.to_hash().trim_start_matches('#'));
    }
}

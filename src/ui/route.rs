//! Pages as hash addresses: the pure part of navigation lives in [`crate::route`].

pub use crate::route::*;

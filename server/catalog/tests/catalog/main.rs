//! Tests of the catalog crate, one binary (faster to link than several).
//!
//! Expected clause lists are written out here rather than read from
//! `shared/data`: the project builds and tests without that folder.

mod builtin_data;
mod correlations;
mod queries;
mod user_catalogs;

use ims_catalog::{Catalog, ClauseKey};

/// `key("iso9001@2015:8.4")`.
#[track_caller]
pub fn key(s: &str) -> ClauseKey {
    s.parse().unwrap()
}

pub fn builtin() -> &'static Catalog {
    Catalog::builtin()
}

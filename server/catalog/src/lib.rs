//! The standards catalog of the IMS language tools.
//!
//! Clause numbers, titles, own-words summaries and correlations of ISO/IEC
//! 20000-1:2018, ISO 9001:2015 and ISO/IEC 27001:2013 and 2022, read from the
//! TOML files in `data/` (embedded in the binary) plus any user catalogs for
//! other Annex SL standards. The format is documented in `docs/catalogs.md`.
//!
//! **Boundary:** this crate knows standards, not `.ims` files: it depends on
//! neither the syntax layer nor any editor protocol. The analysis layer asks
//! it questions such as "does `27001:A.5.40` exist?" ([`Standard::clause`],
//! [`Standard::suggest`]), "what correlates with 9001 8.4?"
//! ([`Catalog::correlations_of`]) or "what replaced 27001:2013 A.15.1.1?"
//! ([`Catalog::superseding`]).
//!
//! **Invariant:** requirement text of the standards is never stored here;
//! only numbers, titles and the project's own summaries.

mod builtin;
mod catalog;
mod describe;
mod error;
mod harmonized;
mod json;
mod load;
mod model;
mod reference;
mod relations;
mod suggest;
mod validate;

pub use catalog::{Catalog, ClauseCorrelation};
pub use describe::describe_clause;
pub use error::CatalogError;
pub use json::catalog_json;
pub use model::{
    Clause, ClauseKey, ClauseKind, Correlation, CorrelationCategory, ExclusionEntry,
    ExclusionPolicy, ExclusionRule, ExclusionVerdict, HarmonizedClause, ParseClauseKeyError,
    Relation, ScopeContent, ScopeItem, Standard, Strength, Structure,
};

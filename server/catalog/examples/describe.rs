//! Prints the description of clauses given as `iso9001@2015:8.4`.
//!
//! `cargo run -p ims-catalog --example describe -- iso9001@2015:8.4`

use ims_catalog::{describe_clause, Catalog, ClauseKey};

fn main() {
    for arg in std::env::args().skip(1) {
        match arg.parse::<ClauseKey>() {
            Ok(key) => println!("{}", describe_clause(Catalog::builtin(), &key)),
            Err(e) => eprintln!("{e}"),
        }
    }
}

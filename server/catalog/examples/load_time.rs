//! Measures how long parsing and checking the built-in catalog takes.
//!
//! `cargo run --release -p ims-catalog --example load_time`
//!
//! Not a test: timings depend on the machine. The target is well under 5 ms.

use std::time::{Duration, Instant};

use ims_catalog::Catalog;

fn main() {
    const RUNS: u32 = 50;
    let mut best = Duration::MAX;
    let mut total = Duration::ZERO;
    for _ in 0..RUNS {
        let start = Instant::now();
        let (catalog, errors) = Catalog::load_builtin();
        let elapsed = start.elapsed();
        assert!(errors.is_empty(), "built-in catalog has errors: {errors:?}");
        std::hint::black_box(catalog);
        best = best.min(elapsed);
        total += elapsed;
    }
    let catalog = Catalog::builtin();
    let clauses: usize = catalog.standards().iter().map(|s| s.clauses.len()).sum();
    println!(
        "built-in catalog: {} standards, {clauses} clauses, {} correlations",
        catalog.standards().len(),
        catalog.correlations().len()
    );
    println!("load time over {RUNS} runs: best {best:?}, mean {:?}", total / RUNS);
}

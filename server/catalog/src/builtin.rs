//! The data files embedded in the binary. Paths are relative to the
//! workspace root so that an error in them can be opened directly.

/// The Annex SL harmonized-structure table.
pub(crate) const HARMONIZED: (&str, &str) =
    ("server/catalog/data/harmonized.toml", include_str!("../data/harmonized.toml"));

/// Standards first (in the order `Catalog::standards` lists them), then correlations.
pub(crate) const FILES: &[(&str, &str)] = &[
    ("server/catalog/data/iso20000-1-2018.toml", include_str!("../data/iso20000-1-2018.toml")),
    ("server/catalog/data/iso9001-2015.toml", include_str!("../data/iso9001-2015.toml")),
    ("server/catalog/data/iso27001-2013.toml", include_str!("../data/iso27001-2013.toml")),
    ("server/catalog/data/iso27001-2022.toml", include_str!("../data/iso27001-2022.toml")),
    ("server/catalog/data/correlations.toml", include_str!("../data/correlations.toml")),
    (
        "server/catalog/data/iso27001-2013-to-2022.toml",
        include_str!("../data/iso27001-2013-to-2022.toml"),
    ),
];

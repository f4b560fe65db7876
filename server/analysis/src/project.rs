//! Finding what belongs to one IMS on disk: the project configuration
//! (`ims.toml`, walking up from a start path) and the catalog it names.
//! Shared by the CLI and the language server so both see the same project.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use ims_catalog::{Catalog, CatalogError};

use crate::{Config, ConfigError};

/// The configuration and catalog of the project around `start`.
#[derive(Clone, Debug)]
pub struct Project {
    /// The `ims.toml`, if one was found.
    pub config_file: Option<PathBuf>,
    pub config: Config,
    pub catalog: Arc<Catalog>,
    pub config_errors: Vec<ConfigError>,
    pub catalog_errors: Vec<CatalogError>,
}

impl Project {
    /// Loads the project for `start` (a file or directory). Problems in
    /// `ims.toml` or in user catalogs are collected, never fatal: the
    /// built-in catalog and default settings still apply.
    pub fn load(start: &Path) -> Project {
        let Some(config_file) = Config::find(start) else {
            return Project::default_for(None);
        };
        let text = match std::fs::read_to_string(&config_file) {
            Ok(text) => text,
            Err(e) => {
                let mut project = Project::default_for(Some(config_file.clone()));
                project.config_errors.push(ConfigError {
                    file: config_file,
                    line: 1,
                    column: 1,
                    message: format!("cannot read: {e}"),
                });
                return project;
            }
        };
        Project::from_config_text(&config_file, &text)
    }

    /// A project from the text of its `ims.toml` (the language server passes
    /// unsaved text).
    pub fn from_config_text(config_file: &Path, text: &str) -> Project {
        let (config, config_errors) = Config::parse(config_file, text);
        let (catalog, catalog_errors) = if config.catalogs.is_empty() {
            (builtin(), Vec::new())
        } else {
            let (catalog, errors) = Catalog::with_user_files(&config.catalogs);
            (Arc::new(catalog), errors)
        };
        Project {
            config_file: Some(config_file.to_path_buf()),
            config,
            catalog,
            config_errors,
            catalog_errors,
        }
    }

    fn default_for(config_file: Option<PathBuf>) -> Project {
        Project {
            config_file,
            config: Config::default(),
            catalog: builtin(),
            config_errors: Vec::new(),
            catalog_errors: Vec::new(),
        }
    }
}

/// The built-in catalog, shared: built once per process.
pub fn builtin() -> Arc<Catalog> {
    static BUILTIN: std::sync::OnceLock<Arc<Catalog>> = std::sync::OnceLock::new();
    BUILTIN.get_or_init(|| Arc::new(Catalog::builtin().clone())).clone()
}

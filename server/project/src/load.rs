//! A project's configuration and catalog: `ims.toml`, and the user catalogs
//! it names, read through [`read_text`](crate::read_text) like every input.
//!
//! **Invariant:** a user catalog named in `ims.toml` must lie inside the
//! project. A catalog elsewhere is read only when the user names it
//! explicitly ([`LoadOptions::extra_catalogs`]: `--catalog` on the command
//! line, the user-level `ims.catalogs` editor setting), never because a
//! cloned repository's `ims.toml` points at it.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use ims_analysis::{Catalog, Config, ConfigError};
use ims_catalog::CatalogError;

use crate::discover::ProjectRoot;
use crate::read::{read_text, Limits, ReadError};

/// How to load a project.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct LoadOptions {
    pub limits: Limits,
    /// Catalogs the user named explicitly; they may lie anywhere.
    pub extra_catalogs: Vec<PathBuf>,
}

/// A problem with a project's configuration or catalogs, never fatal: the
/// built-in catalog and the default settings still apply.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ProjectProblem {
    Config(ConfigError),
    Catalog(CatalogError),
    Read(ReadError),
    /// A catalog in `ims.toml` that lies outside the project.
    CatalogOutsideProject {
        config_file: PathBuf,
        catalog: PathBuf,
    },
}

impl ProjectProblem {
    /// The file the problem is in, and the 1-based line and column when it
    /// has a place in it.
    pub fn location(&self) -> (&Path, Option<(usize, usize)>) {
        match self {
            ProjectProblem::Config(e) => (&e.file, Some((e.line, e.column))),
            ProjectProblem::Catalog(e) if e.line > 0 => (&e.file, Some((e.line, e.column))),
            ProjectProblem::Catalog(e) => (&e.file, None),
            ProjectProblem::Read(e) => (&e.path, None),
            ProjectProblem::CatalogOutsideProject { config_file, .. } => (config_file, None),
        }
    }
}

impl std::fmt::Display for ProjectProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ProjectProblem::Config(e) => e.fmt(f),
            ProjectProblem::Catalog(e) => e.fmt(f),
            ProjectProblem::Read(e) => e.fmt(f),
            ProjectProblem::CatalogOutsideProject { config_file, catalog } => write!(
                f,
                "{}: the catalog {} lies outside the project and is not read; \
                 name it with --catalog (or the ims.catalogs editor setting) to use it",
                config_file.display(),
                catalog.display()
            ),
        }
    }
}

/// A project's root, configuration and catalog.
#[derive(Clone, Debug)]
pub struct Project {
    pub root: ProjectRoot,
    pub config: Config,
    pub catalog: Arc<Catalog>,
    pub problems: Vec<ProjectProblem>,
}

impl Project {
    /// Reads the project's `ims.toml`, if it has one, and its catalogs.
    pub fn load(root: ProjectRoot, options: &LoadOptions) -> Project {
        let config_text = root
            .config_file
            .as_ref()
            .map(|file| read_text(file, Some(&root.dir), options.limits).map(|t| t.text));
        match config_text {
            Some(Ok(text)) => Project::with_config_text(root, &text, options),
            Some(Err(error)) => {
                let mut project = Project::with_config_text(root, "", options);
                project.problems.insert(0, ProjectProblem::Read(error));
                project
            }
            None => Project::with_config_text(root, "", options),
        }
    }

    /// A project whose `ims.toml` holds `text` (the language server passes
    /// the editor's unsaved text). Without a configuration file `text` is
    /// ignored.
    pub fn with_config_text(root: ProjectRoot, text: &str, options: &LoadOptions) -> Project {
        let mut problems = Vec::new();
        let config = match &root.config_file {
            Some(file) => {
                let (config, errors) = Config::parse(file, text);
                problems.extend(errors.into_iter().map(ProjectProblem::Config));
                config
            }
            None => Config::default(),
        };
        let mut sources = Vec::new();
        for catalog in &config.catalogs {
            let inside = catalog
                .canonicalize()
                .map_or_else(|_| catalog.starts_with(&root.dir), |c| c.starts_with(&root.dir));
            if !inside {
                let config_file = root.config_file.clone().unwrap_or_default();
                let catalog = catalog.clone();
                problems.push(ProjectProblem::CatalogOutsideProject { config_file, catalog });
                continue;
            }
            match read_text(catalog, Some(&root.dir), options.limits) {
                Ok(text) => sources.push((catalog.clone(), text.text)),
                Err(error) => problems.push(ProjectProblem::Read(error)),
            }
        }
        for catalog in &options.extra_catalogs {
            match read_text(catalog, None, options.limits) {
                Ok(text) => sources.push((catalog.clone(), text.text)),
                Err(error) => problems.push(ProjectProblem::Read(error)),
            }
        }
        let catalog = if sources.is_empty() {
            ims_analysis::project::builtin()
        } else {
            let (catalog, errors) = Catalog::with_user_sources(&sources);
            problems.extend(errors.into_iter().map(ProjectProblem::Catalog));
            Arc::new(catalog)
        };
        Project { root, config, catalog, problems }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::temp::Temp;

    /// A one-clause user catalog.
    fn catalog(id: &str) -> String {
        let (family, edition) = id.split_once('@').unwrap();
        format!(
            "id = \"{id}\"\nfamily = \"{family}\"\nedition = \"{edition}\"\n\
             title = \"{family}:{edition} Test\"\nsystem-kind = \"EMS\"\nstructure = \"hls-2012\"\n\
             exclusion-policy = \"none\"\naliases = [\"{}\"]\n\n[[clause]]\nref = \"4\"\n\
             title = \"Context of the organization\"\nsummary = \"Know the context.\"\n",
            family.trim_start_matches("iso")
        )
    }

    #[test]
    fn catalogs_inside_the_project_load_and_others_need_to_be_named() {
        let t = Temp::new("load-catalogs");
        let outside = t.write("elsewhere/iso45001.toml", &catalog("iso45001@2018"));
        t.write("p/catalogs/iso14001.toml", &catalog("iso14001@2015"));
        t.write(
            "p/ims.toml",
            "catalogs = [\"catalogs/iso14001.toml\", \"catalogs/missing.toml\", \"../elsewhere/iso45001.toml\"]\n",
        );
        t.write("p/a.ims", "");
        let root = ProjectRoot::of(&t.0.join("p/a.ims")).unwrap();
        let project = Project::load(root.clone(), &LoadOptions::default());
        assert!(project.catalog.standard("iso14001@2015").is_some(), "{:#?}", project.problems);
        assert!(project.catalog.standard("iso45001@2018").is_none(), "read although outside");
        let problems: Vec<String> = project.problems.iter().map(ToString::to_string).collect();
        assert_eq!(problems.len(), 2, "{problems:#?}");
        assert!(problems[0].ends_with("catalogs/missing.toml: no such file"), "{problems:#?}");
        assert!(problems[1].contains("lies outside the project and is not read"), "{problems:#?}");
        assert!(problems[1].contains("--catalog"), "{problems:#?}");

        // Named explicitly, a catalog may lie anywhere.
        let options = LoadOptions { extra_catalogs: vec![outside], ..LoadOptions::default() };
        let project = Project::load(root, &options);
        assert!(project.catalog.standard("iso45001@2018").is_some(), "{:#?}", project.problems);
    }

    #[test]
    fn a_project_without_ims_toml_has_the_defaults() {
        let t = Temp::new("load-defaults");
        let file = t.write("a.ims", "");
        let project = Project::load(ProjectRoot::of(&file).unwrap(), &LoadOptions::default());
        assert!(project.problems.is_empty());
        assert_eq!(project.config, Config::default());
        assert!(Arc::ptr_eq(&project.catalog, &ims_analysis::project::builtin()));
    }
}

//! The registry of diagnostic codes: stable names, default severities and
//! one-line descriptions. docs/diagnostics.md documents each code under a
//! heading named after it, and a test checks that every code is documented.

use serde::Serialize;

use crate::Severity;

macro_rules! codes {
    ($($variant:ident = $name:literal, $severity:ident, $summary:literal;)*) => {
        /// A stable diagnostic code.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
        pub enum Code { $($variant,)* }

        impl Code {
            pub const ALL: &'static [Code] = &[$(Code::$variant,)*];

            /// The stable name, e.g. `scope-gap`.
            pub fn name(self) -> &'static str {
                match self { $(Code::$variant => $name,)* }
            }

            pub fn default_severity(self) -> Severity {
                match self { $(Code::$variant => Severity::$severity,)* }
            }

            /// What the code means, in one line.
            pub fn summary(self) -> &'static str {
                match self { $(Code::$variant => $summary,)* }
            }

            pub fn from_name(name: &str) -> Option<Code> {
                match name { $($name => Some(Code::$variant),)* _ => None }
            }
        }
    };
}

codes! {
    SyntaxError = "syntax-error", Error, "The text does not follow the IMS grammar.";
    MissingHeader = "missing-header", Error, "No `ims` header declares which standards the IMS integrates.";
    DuplicateHeader = "duplicate-header", Error, "More than one `ims` header in the IMS.";
    UnknownStandard = "unknown-standard", Error, "A standard or edition that no catalog defines.";
    NotIntegrated = "not-integrated", Error, "A clause of a standard that the `ims` header does not integrate.";
    AmbiguousEdition = "ambiguous-edition", Error, "An unqualified reference where the IMS integrates two editions of the standard.";
    UnknownClause = "unknown-clause", Error, "A clause or control that the standard does not have.";
    ClauseCase = "clause-case", Hint, "A clause number written in another case than the standard's (`a.5.19` for A.5.19).";
    InvalidRange = "invalid-range", Error, "A clause range whose ends differ in standard or kind, or run backwards.";
    UndefinedName = "undefined-name", Error, "A name that no declaration defines.";
    DuplicateName = "duplicate-name", Error, "A name defined more than once.";
    WrongKind = "wrong-kind", Error, "A name of the wrong kind, such as a site where a unit is expected.";
    MisplacedStatement = "misplaced-statement", Error, "A statement that does not belong in this declaration or block.";
    SupersededEdition = "superseded-edition", Warning, "A 27001:2013 reference or system while the IMS uses 27001:2022.";
    ScopeGap = "scope-gap", Warning, "A unit, site or service in the scope of some systems but not others.";
    ScopeCrossing = "scope-crossing", Warning, "A process covers clauses of a system but works outside that system's scope.";
    DelegationGap = "delegation-gap", Warning, "A clause is delegated to a system whose scope misses part of the delegating system's scope.";
    OrgLocationMismatch = "org-location-mismatch", Warning, "A unit wholly in organisation-based scopes but only partly in a location-based scope, because it also works at sites outside it.";
    ServiceUnitOutOfScope = "service-unit-out-of-scope", Warning, "A service in scope is delivered by a unit outside the scope.";
    UnmanagedSupplier = "unmanaged-supplier", Warning, "A supplier of an in-scope service that no supplier-management process manages.";
    UnitNotAtScopeSite = "unit-not-at-scope-site", Warning, "A unit listed in a location-based scope works at none of its sites.";
    UncoveredClauses = "uncovered-clauses", Warning, "Mandatory clauses of a system that no process covers.";
    SoaIncomplete = "soa-incomplete", Warning, "Annex A controls missing from a system's Statement of Applicability.";
    ControlNotImplemented = "control-not-implemented", Warning, "An applicable Annex A control that no process implements.";
    MissingJustification = "missing-justification", Error, "An exclusion without a justification.";
    MissingInclusionJustification = "missing-inclusion-justification", Warning, "An applicable Annex A control without a justification for its inclusion.";
    ExclusionNotPermitted = "exclusion-not-permitted", Error, "An exclusion that the standard does not allow.";
    UnusualExclusion = "unusual-exclusion", Warning, "An exclusion the standard allows in principle but a certification body will challenge.";
    CoveredAndExcluded = "covered-and-excluded", Error, "A clause both covered by a process and excluded.";
    IntegrationOpportunity = "integration-opportunity", Info, "A harmonized clause covered for one system but not by the same process for another.";
    HarmonizedAdditions = "harmonized-additions", Hint, "A shared process covers a harmonized clause: each committee's additions must be reconciled.";
    NoScope = "no-scope", Warning, "A system without a scope, or whose scope lists nothing.";
    ScopeContent = "scope-content", Warning, "A scope that does not state what its standard's 4.3 asks for: services, or interfaces and dependencies.";
    InvalidValue = "invalid-value", Error, "A status, reason for inclusion or date that is not one the language allows.";
    PlannedOverdue = "planned-overdue", Warning, "A control planned for a date that has passed, still not implemented.";
    SuppressionWithoutReason = "suppression-without-reason", Warning, "An `ims-allow` comment without a reason.";
    UnusedSuppression = "unused-suppression", Hint, "An `ims-allow` comment that suppresses nothing, names an unknown code or is malformed.";
}

impl std::fmt::Display for Code {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

/// The environment variable that names where the diagnostics reference is
/// published (a URL of `docs/diagnostics.md`, to which `#code` is appended).
/// Without it no front end invents a link: the documentation ships with the
/// tool (`Code::documentation`).
pub const DOCS_ENV: &str = "IMS_DOCS_URL";

/// The configured URL of `docs/diagnostics.md`: `$IMS_DOCS_URL` if set and
/// not empty. Read once per process.
pub fn docs_base() -> Option<&'static str> {
    static BASE: std::sync::OnceLock<Option<String>> = std::sync::OnceLock::new();
    BASE.get_or_init(|| std::env::var(DOCS_ENV).ok().filter(|url| !url.trim().is_empty()))
        .as_deref()
}

/// `docs/diagnostics.md`, compiled into the binary so that the
/// documentation of every code ships with the tool (`ims explain`, SARIF
/// rule help, the editor's explanation view) and never depends on a URL.
const DIAGNOSTICS_MD: &str = include_str!("../../../docs/diagnostics.md");

/// The section of `docs/diagnostics.md` headed `## name`, up to the next
/// `## ` heading, without trailing blank lines.
fn section<'d>(docs: &'d str, name: &str) -> Option<&'d str> {
    let heading = format!("## {name}\n");
    let start =
        if docs.starts_with(&heading) { 0 } else { docs.find(&format!("\n{heading}"))? + 1 };
    let body = &docs[start..];
    let end = body[heading.len()..].find("\n## ").map_or(body.len(), |i| heading.len() + i + 1);
    Some(body[..end].trim_end())
}

impl Code {
    /// The documentation of this code: its section of `docs/diagnostics.md`
    /// (Markdown, starting with its `## name` heading). A test checks that
    /// every code has one.
    pub fn documentation(self) -> &'static str {
        static SECTIONS: std::sync::OnceLock<Vec<&'static str>> = std::sync::OnceLock::new();
        let sections = SECTIONS.get_or_init(|| {
            Code::ALL
                .iter()
                .map(|code| section(DIAGNOSTICS_MD, code.name()).unwrap_or(""))
                .collect()
        });
        sections[Code::ALL.iter().position(|&c| c == self).expect("every code is in Code::ALL")]
    }

    /// The known codes closest to `name` (a misspelt code), closest first:
    /// those within three edits.
    pub fn closest(name: &str) -> Vec<Code> {
        let mut close: Vec<(usize, Code)> = Code::ALL
            .iter()
            .map(|&c| (strsim::damerau_levenshtein(c.name(), name), c))
            .filter(|&(distance, _)| distance <= 3)
            .collect();
        close.sort();
        close.into_iter().map(|(_, code)| code).collect()
    }

    /// The URL of this code's entry in the published `docs/diagnostics.md`,
    /// when one is configured ([`docs_base`]).
    pub fn docs_url(self) -> Option<String> {
        docs_base().map(|base| format!("{base}#{}", self.name()))
    }
}

#[cfg(test)]
mod docs_tests {
    use super::{section, Code};

    #[test]
    fn every_code_has_its_documentation_section() {
        for &code in Code::ALL {
            let docs = code.documentation();
            assert!(docs.starts_with(&format!("## {}\n", code.name())), "{code}: {docs:.80}");
            assert!(!docs[3..].contains("\n## "), "{code}: the section runs into the next one");
            assert!(docs.contains("**Default severity:**"), "{code}: no default severity");
        }
    }

    #[test]
    fn a_section_ends_at_the_next_heading() {
        let docs = "# T\n\n## a\n\nA.\n\n## ab\n\nAB.\n## b\nB.\n";
        assert_eq!(section(docs, "a"), Some("## a\n\nA."));
        assert_eq!(section(docs, "ab"), Some("## ab\n\nAB."));
        assert_eq!(section(docs, "b"), Some("## b\nB."));
        assert_eq!(section(docs, "c"), None);
    }
}

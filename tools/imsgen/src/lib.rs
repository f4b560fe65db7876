//! Generates realistic synthetic IMS workspaces of a chosen size, for the
//! benchmarks, the fuzz seeds and the load tests.
//!
//! The generated IMS is a group of divisions run as one integrated
//! management system: a header, group-wide sites, units, suppliers, three
//! systems (SMS, QMS and a location-based ISMS with a complete Statement of
//! Applicability) and group processes that cover every requirement clause,
//! then as many divisions as the size asks for. Each division declares its
//! own sites, units, suppliers and services, local processes, an interested
//! party, an objective and documented information. Every construct of the
//! language appears: inline and block statements, `;` separators, line and
//! block comments, ranges, `via`, qualified references, `not-applicable`,
//! `excluded` controls.
//!
//! Findings are sprinkled in at fixed rates, as in a real IMS under way:
//! every fifth division has a test lab outside the ISMS sites (a scope gap on
//! the lab and its site, a process crossing the ISMS scope, and the one
//! delegation of 20000-1 8.7.3 to the ISMS misses them), every seventh uses a
//! supplier that no process manages.
//!
//! Every tenth division is a regional hub whose supplier-management process
//! lists the suppliers of its region.
//!
//! The output depends only on [`Options`]: the same options give the same
//! text, and division `d` is the same whatever the total size (but for the
//! supplier list of the last hub).

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

/// What to generate.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Options {
    /// The approximate total number of lines (at least one division is
    /// always generated, so tiny targets give about 400 lines).
    pub lines: usize,
    /// How many files to spread the workspace over: 1 puts everything in
    /// `ims.ims`; more puts the header, group and systems in `ims.ims` and
    /// the divisions, evenly, in `divisions-NNN.ims`.
    pub files: usize,
    /// Varies names and the choice of processes.
    pub seed: u64,
}

impl Default for Options {
    fn default() -> Self {
        Options { lines: 10_000, files: 1, seed: 1 }
    }
}

/// One generated file, with a path relative to the workspace folder.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GeneratedFile {
    pub path: PathBuf,
    pub text: String,
}

/// Generates a workspace of about `options.lines` lines.
pub fn generate(options: &Options) -> Vec<GeneratedFile> {
    // Division sizes vary a little; two probes give the fixed part and the
    // slope, and the division count follows.
    let one = line_count(&render(options.seed, 1, 1));
    let two = line_count(&render(options.seed, 2, 1));
    let slope = two.saturating_sub(one).max(1);
    let divisions =
        if options.lines <= one { 1 } else { 1 + (options.lines - one + slope / 2) / slope };
    render(options.seed, divisions, options.files.max(1))
}

/// Generates one file of about `lines` lines (the common case of the benchmarks).
pub fn generate_single(lines: usize, seed: u64) -> String {
    generate(&Options { lines, files: 1, seed }).remove(0).text
}

/// Writes `files` under `dir`, creating it.
pub fn write(dir: &Path, files: &[GeneratedFile]) -> std::io::Result<()> {
    std::fs::create_dir_all(dir)?;
    for file in files {
        std::fs::write(dir.join(&file.path), &file.text)?;
    }
    Ok(())
}

/// The number of lines of `files` together.
pub fn total_lines(files: &[GeneratedFile]) -> usize {
    line_count(files)
}

fn line_count(files: &[GeneratedFile]) -> usize {
    files.iter().map(|f| f.text.lines().count()).sum()
}

/// splitmix64: small, fast and good enough to vary names.
#[derive(Clone, Debug)]
struct Rng(u64);

impl Rng {
    fn new(seed: u64, stream: u64) -> Rng {
        Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ stream.wrapping_mul(0xD1B5_4A32_D192_ED03))
    }

    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }

    fn chance(&mut self, one_in: usize) -> bool {
        self.below(one_in) == 0
    }
}

const CITIES: &[&str] = &[
    "Rotterdam",
    "Utrecht",
    "Eindhoven",
    "Groningen",
    "Antwerp",
    "Ghent",
    "Cologne",
    "Hamburg",
    "Lyon",
    "Porto",
    "Bilbao",
    "Turin",
    "Gdansk",
    "Brno",
    "Aarhus",
    "Tampere",
    "Cork",
    "Leeds",
    "Graz",
    "Basel",
    "Malmo",
    "Bergen",
    "Tallinn",
    "Vilnius",
];
const QUARTERS: &[&str] = &["North", "South", "East", "West", "Harbour", "Airport", "Centre"];
const STREETS: &[&str] =
    &["Kade", "Laan", "Weg", "Straat", "Plein", "Singel", "Dreef", "Park", "Haven", "Markt"];

/// What one division declares, by name.
struct Division {
    index: usize,
    prefix: String,
    place: String,
    /// A test lab outside the ISMS sites: the scope-gap findings.
    lab: bool,
    /// A supplier no process manages.
    unmanaged_supplier: bool,
    sites: Vec<String>,
    units: Vec<String>,
    services: Vec<String>,
}

impl Division {
    fn new(seed: u64, index: usize) -> Division {
        let mut rng = Rng::new(seed, index as u64);
        let place = format!("{} {}", rng.pick(CITIES), rng.pick(QUARTERS));
        let prefix = format!("d{index:03}");
        let lab = index % 5 == 2;
        let unmanaged_supplier = index % 7 == 3;
        let p = &prefix;
        let mut sites = vec![format!("{p}-office"), format!("{p}-dc")];
        let mut units = vec![
            format!("{p}-mgmt"),
            format!("{p}-ops"),
            format!("{p}-desk"),
            format!("{p}-dev"),
            format!("{p}-network"),
        ];
        if lab {
            sites.push(format!("{p}-lab-site"));
            units.push(format!("{p}-lab"));
        }
        let services = vec![format!("{p}-hosting"), format!("{p}-support"), format!("{p}-backup")];
        Division { index, prefix, place, lab, unmanaged_supplier, sites, units, services }
    }

    /// The sites the location-based ISMS lists: all but the lab.
    fn isms_sites(&self) -> impl Iterator<Item = &String> {
        self.sites.iter().filter(|s| !s.ends_with("-lab-site"))
    }
}

fn render(seed: u64, divisions: usize, files: usize) -> Vec<GeneratedFile> {
    let divisions: Vec<Division> = (0..divisions).map(|d| Division::new(seed, d)).collect();
    let mut head = String::new();
    header(&mut head, &divisions);
    group(&mut head);
    systems(&mut head, &divisions);
    group_processes(&mut head);
    if files <= 1 {
        for division in &divisions {
            division_text(&mut head, seed, division, divisions.len());
        }
        return vec![GeneratedFile { path: PathBuf::from("ims.ims"), text: head }];
    }
    let mut out = vec![GeneratedFile { path: PathBuf::from("ims.ims"), text: head }];
    let parts = (files - 1).min(divisions.len());
    for part in 0..parts {
        let from = part * divisions.len() / parts;
        let to = (part + 1) * divisions.len() / parts;
        let mut text = format!(
            "// Divisions {from} to {} of the generated group (part {} of {parts}).\n",
            to - 1,
            part + 1
        );
        for division in &divisions[from..to] {
            division_text(&mut text, seed, division, divisions.len());
        }
        out.push(GeneratedFile { path: PathBuf::from(format!("divisions-{part:03}.ims")), text });
    }
    out
}

fn header(out: &mut String, divisions: &[Division]) {
    let _ = writeln!(
        out,
        "// Generated by imsgen: a group of {} division(s) run as one integrated\n\
         // management system. Synthetic data for benchmarks and tests.\n",
        divisions.len()
    );
    out.push_str(
        r#"ims "Generated Group Managed Services" {
  standards iso20000-1@2018, iso9001@2015, iso27001@2022
  description "One IMS for the SMS, QMS and ISMS of every division"
}

"#,
    );
}

fn group(out: &mut String) {
    out.push_str(
        r#"// ---------------------------------------------------------------------------
// Group
// ---------------------------------------------------------------------------

site hq "Group head office" {
  address "Stationsplein 1, Amersfoort"
  description "Board, IMS office, security office and group functions"
}

unit board "Management board" at hq {
  description "Top management for all three systems"
}
unit ims-office "IMS office" at hq
unit security-office "Information security office" at hq
unit procurement "Group procurement" at hq; unit hr "People and culture" at hq

supplier group-it "Group IT shared services" internal {
  provides "Identity platform, e-mail and the IMS portal"
}
supplier auditors "External audit firm" external { provides "Second-party audits" }

"#,
    );
}

/// Writes `keyword a, b, c` with at most six names a line.
fn list(out: &mut String, indent: &str, keyword: &str, names: &[&String]) {
    if names.is_empty() {
        return;
    }
    let _ = write!(out, "{indent}{keyword} ");
    let continuation = " ".repeat(indent.len() + keyword.len() + 1);
    for (i, chunk) in names.chunks(6).enumerate() {
        if i > 0 {
            let _ = write!(out, ",\n{continuation}");
        }
        let joined: Vec<&str> = chunk.iter().map(|s| s.as_str()).collect();
        out.push_str(&joined.join(", "));
    }
    out.push('\n');
}

fn systems(out: &mut String, divisions: &[Division]) {
    let group_units =
        ["board", "ims-office", "security-office", "procurement", "hr"].map(String::from);
    let hq = String::from("hq");
    let units: Vec<&String> =
        group_units.iter().chain(divisions.iter().flat_map(|d| d.units.iter())).collect();
    let services: Vec<&String> = divisions.iter().flat_map(|d| d.services.iter()).collect();
    let sites: Vec<&String> =
        std::iter::once(&hq).chain(divisions.iter().flat_map(|d| d.sites.iter())).collect();
    let isms_sites: Vec<&String> =
        std::iter::once(&hq).chain(divisions.iter().flat_map(|d| d.isms_sites())).collect();

    out.push_str(
        "// ---------------------------------------------------------------------------\n\
         // Management systems\n\
         // ---------------------------------------------------------------------------\n\n",
    );
    out.push_str(
        "system SMS \"Service management system\" standard iso20000-1@2018 {\n  scope organisation {\n",
    );
    list(out, "    ", "services", &services);
    list(out, "    ", "units", &units);
    list(out, "    ", "sites", &sites);
    out.push_str(
        "  }\n  description \"No exclusions: other parties are controlled under 8.2.3\"\n}\n\n",
    );

    out.push_str(
        "// Organisation-based: every listed unit is in scope wherever it works.\n\
         system QMS \"Quality management system\" standard iso9001@2015 {\n  scope organisation {\n",
    );
    list(out, "    ", "services", &services);
    list(out, "    ", "units", &units);
    out.push_str("  }\n}\n\n");

    out.push_str(
        "/* The ISMS scope is location-based: the sites where customer systems and\n   \
         information are handled, and the work done there. Test labs are left out. */\n\
         system ISMS \"Information security management system\" standard iso27001@2022 {\n  \
         scope location {\n",
    );
    list(out, "    ", "sites", &isms_sites);
    list(out, "    ", "services", &services);
    out.push_str(
        r#"  }
  // The Statement of Applicability: every control applicable or excluded.
  controls {
    applicable 27001:A.5.1 .. 27001:A.5.37 because "Organisational controls for a managed-service provider"
    applicable 27001:A.6.1 .. 27001:A.6.8 because "Staff have privileged access to customer systems"
    applicable 27001:A.7.1 .. 27001:A.7.14 because "Data centres and offices handle customer systems"
    applicable 27001:A.8.1 .. 27001:A.8.29, 27001:A.8.31 .. 27001:A.8.34
               because "The divisions operate, develop and monitor customer infrastructure"
    excluded   27001@2022:A.8.30 because "No development is outsourced"
  }
}

"#,
    );
}

fn group_processes(out: &mut String) {
    out.push_str(
        r#"// ---------------------------------------------------------------------------
// Group processes: one process per harmonized clause for all three systems
// ---------------------------------------------------------------------------

process context "Context, interested parties and scope" {
  owner ims-office
  performed-by ims-office, board
  covers 20000-1:4, 9001:4, 27001:4
}
process leadership "Leadership, policy and roles" {
  owner board
  performed-by board, ims-office, security-office
  covers 20000-1:5, 9001:5, 27001:5, 27001:A.5.1 .. 27001:A.5.4
}
process planning "Risks, opportunities, objectives and changes" {
  owner ims-office; performed-by ims-office, security-office
  covers 20000-1:6, 9001:6, 27001:6, 27001:8.2, 27001:8.3
}
process support "Resources, competence, awareness, communication, documents" {
  owner ims-office
  performed-by ims-office, hr, board
  covers 20000-1:7, iso9001:7, 27001:7,
         27001:A.5.5, 27001:A.5.6, 27001:A.5.33, 27001:A.6.1 .. 27001:A.6.6
}
process operations "Operational planning and control" {
  owner ims-office
  performed-by ims-office, security-office
  covers 20000-1:8.1, 20000-1:8.2, 20000-1:8.3.1 .. 20000-1:8.3.3, 20000-1:8.4 .. 20000-1:8.6,
         20000-1:8.7.1, 20000-1:8.7.2, 9001:8.1 .. 9001:8.3, 9001:8.5 .. 9001:8.7,
         27001:8.1, 27001:A.5.37
}
process audit "Integrated internal audit" {
  owner ims-office
  performed-by ims-office, security-office
  covers 20000-1:9.2, 9001:9.2, 27001:9.2, 27001:A.5.35
}
process monitoring "Monitoring and service reporting" {
  owner ims-office
  performed-by ims-office, board
  covers 20000-1:9.1, 20000-1:9.4, 9001:9.1, 27001:9.1
}
process review "Integrated management review" {
  owner board
  performed-by board, ims-office
  covers 20000-1:9.3, 9001:9.3, 27001:9.3
}
process improvement "Nonconformity and continual improvement" {
  owner ims-office
  performed-by ims-office
  covers 20000-1:10, 9001:10, 27001:10
}
process group-security "Information security management" {
  owner security-office
  performed-by security-office
  covers 27001:A.5.7 .. 27001:A.5.18, 27001:A.5.31, 27001:A.5.32, 27001:A.5.34, 27001:A.5.36,
         27001:A.6.7, 27001:A.6.8, 27001:A.8.1 .. 27001:A.8.5, 27001:A.8.7 .. 27001:A.8.28,
         27001:A.8.31, 27001:A.8.33, 27001:A.8.34
}
// 20000-1 8.7.3 is met by the ISMS rather than by an SMS process of its own.
process information-security "Information security for the SMS" { owner security-office; covers 20000-1:8.7.3 via ISMS }
process group-physical "Physical security of group sites" {
  owner security-office
  performed-by security-office
  at hq
  covers 27001:A.7.1 .. 27001:A.7.14
}
process group-suppliers "Group supplier management" {
  owner procurement
  performed-by procurement
  suppliers group-it, auditors
  covers 20000-1:8.3.4, 9001:8.4, 27001:A.5.19 .. 27001:A.5.23
}

party shareholders "Shareholders" {
  systems SMS, QMS, ISMS
  requirements "Profitable growth and group policies on risk and security"
}
objective certification "Keep all three certificates" {
  systems SMS, QMS, ISMS
  owner ims-office
  target "No major nonconformity at any surveillance audit"
  measure "Audit reports"
}
document ims-manual "IMS manual" {
  systems SMS, QMS, ISMS
  owner ims-office
  evidence 20000-1:4.3, 9001:4.3, 27001:4.3, 27001:6.1.3
}

"#,
    );
}

/// The local processes a division may run: name, title, what they cover.
const PROCESSES: &[(&str, &str, &str)] = &[
    ("service-level", "Service level management", "20000-1:8.3.3, 9001:8.2.2, 9001:8.2.3"),
    (
        "incident",
        "Incident management",
        "20000-1:8.6.1, 9001:8.7, 27001:A.5.24 .. 27001:A.5.28, 27001:A.6.8",
    ),
    ("requests", "Service request management", "20000-1:8.6.2"),
    ("problem", "Problem management", "20000-1:8.6.3, 9001:10.2"),
    ("change", "Change management", "20000-1:8.5.1, 9001:8.5.6, 27001@2022:A.8.32"),
    ("release", "Release and deployment", "20000-1:8.5.3, iso9001:8.6, 27001:A.8.19"),
    ("capacity", "Capacity management", "20000-1:8.4.3, 27001:A.8.6"),
    ("configuration", "Configuration management", "20000-1:8.2.6, 9001:8.5.2, 27001:A.8.9"),
    ("assets", "Asset management", "20000-1:8.2.5, 27001:A.5.9 .. 27001:A.5.13, 27001:A.7.10"),
    ("access", "Access management", "27001:A.5.15 .. 27001:A.5.18, 27001:A.8.2, 27001:A.8.5"),
    ("logging", "Logging and monitoring", "27001:A.8.15, 27001:A.8.16, 27001:A.8.17"),
    ("network-security", "Network security", "27001:A.8.20 .. 27001:A.8.23"),
    ("availability", "Availability management", "20000-1:8.7.1, 27001:A.8.14"),
];

/// Every this many divisions form a region whose first division manages the
/// suppliers of all of them.
const HUB: usize = 10;

fn division_text(out: &mut String, seed: u64, d: &Division, total: usize) {
    let mut rng = Rng::new(seed ^ 0x5EED, d.index as u64);
    let p = &d.prefix;
    let place = &d.place;
    let n = d.index;
    let street = rng.pick(STREETS);
    let number = 1 + rng.below(200);
    let _ = write!(
        out,
        r#"// ---------------------------------------------------------------------------
// Division {n}: {place}
// ---------------------------------------------------------------------------

/* Division {n} runs hosting, support and backup for customers around
   {place}. Its processes are local instances of the group processes. */

site {p}-office "{place} office" {{
  address "{street} {number}, {place}"
  description "Division management, service desk and engineering"
}}
site {p}-dc "{place} data centre" {{
  address "Campus {number}, hall {hall}"
}}
"#,
        hall = 1 + rng.below(6),
    );
    if d.lab {
        let _ =
            writeln!(out, "site {p}-lab-site \"{place} test lab\" // FINDING: not an ISMS site");
    }
    let _ = write!(
        out,
        r#"
unit {p}-mgmt "{place} management" at {p}-office
unit {p}-ops "{place} operations" at {p}-office, {p}-dc {{
  description "Servers, storage and virtualisation of the division"
}}
unit {p}-desk "{place} service desk" at {p}-office; unit {p}-dev "{place} development" at {p}-office
unit {p}-network "{place} network engineering" at {p}-office, {p}-dc
"#
    );
    if d.lab {
        let _ = writeln!(out, "unit {p}-lab \"{place} test lab\" at {p}-lab-site");
    }
    let _ = write!(
        out,
        r#"
supplier {p}-colo "{place} Colocation" external {{
  provides "Rack space, power, cooling and site security"
}}
supplier {p}-carrier "{place} Fibre" external {{ provides "Internet transit and dark fibre" }}
supplier {p}-shared "Group shared services for division {n}" internal {{
  provides "Payroll and the identity platform"
}}
"#
    );
    let mut hosting_suppliers = format!("{p}-colo, {p}-carrier");
    if d.unmanaged_supplier {
        let _ = writeln!(
            out,
            "// FINDING: contracted last month, not yet in the supplier register.\n\
             supplier {p}-courier \"{place} Couriers\" external {{ provides \"Offsite media transport\" }}"
        );
        hosting_suppliers.push_str(&format!(", {p}-courier"));
    }
    let _ = write!(
        out,
        r#"
service {p}-hosting "{place} managed hosting" {{
  delivered-by {p}-ops, {p}-network
  at {p}-dc
  suppliers {hosting_suppliers}
  description "Dedicated and virtual servers operated around the clock"
}}
service {p}-support "{place} service desk" {{
  delivered-by {p}-desk
  at {p}-office
}}
service {p}-backup "{place} backup" {{ delivered-by {p}-ops; at {p}-dc; suppliers {p}-colo }}

process {p}-continuity "{place} service continuity" {{
  owner {p}-ops
  performed-by {p}-ops, {p}-network
  at {p}-dc, {p}-office
  services {p}-hosting, {p}-backup
  covers 20000-1:8.7.2, 27001:A.5.29, 27001:A.5.30, 27001:A.8.13
  description "Fail-over plans and yearly tests"
}}
process {p}-security "{place} vulnerability management" {{ owner {p}-mgmt; performed-by {p}-ops; covers 27001:A.5.7, 27001:A.8.8 }}
"#
    );
    if d.index.is_multiple_of(HUB) {
        // A regional hub manages the suppliers of its region's divisions.
        let region: Vec<String> = (d.index..(d.index + HUB).min(total))
            .flat_map(|r| {
                let q = format!("d{r:03}");
                [format!("{q}-colo"), format!("{q}-carrier"), format!("{q}-shared")]
            })
            .collect();
        let _ = writeln!(
            out,
            "process {p}-suppliers \"{place} regional supplier management\" {{\n  \
             owner {p}-mgmt\n  performed-by {p}-mgmt, {p}-ops"
        );
        list(out, "  ", "suppliers", &region.iter().collect::<Vec<_>>());
        let _ = writeln!(out, "  covers 20000-1:8.3.4, 9001:8.4, 27001:A.5.19 .. 27001:A.5.22\n}}");
    }
    // Four to seven of the local processes, in catalogue order.
    let count = 4 + rng.below(4);
    let mut chosen: Vec<usize> = (0..PROCESSES.len()).collect();
    for i in 0..count {
        let j = i + rng.below(chosen.len() - i);
        chosen.swap(i, j);
    }
    chosen.truncate(count);
    chosen.sort_unstable();
    for i in chosen {
        let (name, title, covers) = PROCESSES[i];
        let performer = if rng.chance(2) { format!("{p}-ops") } else { format!("{p}-desk") };
        let _ = write!(
            out,
            r#"process {p}-{name} "{place} {lower}" {{
  owner {p}-mgmt
  performed-by {performer}, {p}-mgmt
  services {p}-hosting, {p}-support
  covers {covers}
}}
"#,
            lower = title.to_lowercase(),
        );
    }
    if d.lab {
        let _ = write!(
            out,
            r#"// FINDING: the lab is outside the ISMS sites but implements ISMS controls.
process {p}-lab-testing "{place} security testing" {{
  owner {p}-lab
  performed-by {p}-lab, {p}-dev
  covers 27001:A.8.29, 9001:8.5.1
}}
"#
        );
    }
    let _ = write!(
        out,
        r#"
party {p}-customers "Customers of {place}" {{
  systems SMS, QMS, ISMS
  requirements "Agreed service levels, transparent reporting and protection of their data"
}}
objective {p}-uptime "{place} availability" {{
  systems SMS, QMS
  owner {p}-ops
  target "99.9% monthly availability of managed hosting"
  measure "Availability monitoring, monthly report"
}}
document {p}-runbooks "{place} runbooks" {{
  systems SMS, ISMS
  owner {p}-ops
  evidence 20000-1:8.5.1, 27001:A.5.37
}}

"#
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_size_is_close_to_the_target() {
        for target in [1_000, 10_000, 100_000] {
            let files = generate(&Options { lines: target, files: 1, seed: 1 });
            let lines = total_lines(&files);
            assert!(
                lines.abs_diff(target) * 10 <= target,
                "{lines} lines for a target of {target}"
            );
        }
    }

    #[test]
    fn generation_is_deterministic_and_split_files_hold_the_same_declarations() {
        let options = Options { lines: 5_000, files: 1, seed: 7 };
        assert_eq!(generate(&options), generate(&options));
        let many = generate(&Options { files: 8, ..options.clone() });
        assert_eq!(many.len(), 8);
        let declarations = |files: &[GeneratedFile]| {
            let mut lines: Vec<String> = files
                .iter()
                .flat_map(|f| f.text.lines())
                .filter(|l| l.starts_with("process ") || l.starts_with("unit "))
                .map(String::from)
                .collect();
            lines.sort();
            lines
        };
        assert_eq!(declarations(&generate(&options)), declarations(&many));
    }

    /// The generated IMS is valid (no errors) and reports exactly the
    /// sprinkled findings, in one file and in many.
    #[test]
    fn the_workspace_has_no_errors_and_the_sprinkled_findings() {
        use ims_analysis::{analyze, Code, Severity, SourceFile, Workspace};
        for files in [1, 5] {
            let generated = generate(&Options { lines: 3_000, files, seed: 3 });
            let sources = generated
                .iter()
                .map(|f| SourceFile::new(f.path.clone(), f.text.as_str()))
                .collect();
            let workspace = Workspace::new(
                sources,
                ims_analysis::project::builtin(),
                ims_analysis::Config::default(),
            );
            let analysis = analyze(&workspace);
            let errors: Vec<_> =
                analysis.diagnostics.iter().filter(|d| d.severity == Severity::Error).collect();
            assert!(errors.is_empty(), "{errors:#?}");
            let count = |code: Code| analysis.diagnostics.iter().filter(|d| d.code == code).count();
            let divisions =
                generated.iter().map(|f| f.text.matches("\n// Division ").count()).sum::<usize>();
            let labs = (0..divisions).filter(|d| d % 5 == 2).count();
            let couriers = (0..divisions).filter(|d| d % 7 == 3).count();
            assert!(labs > 0 && couriers > 0);
            // A lab unit and its site are each a gap.
            assert_eq!(count(Code::ScopeGap), 2 * labs);
            assert_eq!(count(Code::ScopeCrossing), labs);
            assert_eq!(count(Code::UnmanagedSupplier), couriers);
            assert_eq!(count(Code::UncoveredClauses), 0);
        }
    }
}

//! Indexes over the name and clause uses, built once per model so that the
//! rules look uses up by user, by owner or by clause instead of scanning all
//! of them for every process, system or clause (which made the analysis
//! quadratic in the size of the IMS).
//!
//! **Invariant:** every lookup returns the uses in their order in
//! `Model::name_uses` / `Model::clause_uses`, so a rule that switched from a
//! scan to a lookup sees the same uses in the same order and reports the
//! same diagnostics.

use rustc_hash::FxHashMap as HashMap;

use ims_catalog::{Catalog, Standard};
use ims_syntax::ast::DeclarationKind;

use super::{ClauseUse, EntityId, Model, NameUse};
use crate::FileRange;

/// Positions in `name_uses` and `clause_uses`, by what the rules ask for.
#[derive(Clone, Debug, Default)]
pub(crate) struct UseIndex {
    name_uses_by_user: HashMap<EntityId, Vec<usize>>,
    clause_uses_by_owner: HashMap<EntityId, Vec<usize>>,
    /// By standard id, then by a clause reference that a key of the use
    /// names: the uses that name exactly that clause.
    naming: HashMap<String, HashMap<String, Vec<usize>>>,
    /// By standard id, then by a clause reference: the uses that name that
    /// clause or one below it (a key of the use lies within it).
    naming_within: HashMap<String, HashMap<String, Vec<usize>>>,
    /// By (system, entity): where the system's scope first lists the entity
    /// (its units, then sites, then services).
    listed_at: HashMap<(EntityId, EntityId), FileRange>,
    /// By system: the systems it delegates a clause to (`covers X via T`
    /// for a clause X of its standard) that have a scope, in the order of
    /// the covers. Computed once, as every scope fix asks it.
    delegated_to: HashMap<EntityId, Vec<EntityId>>,
    /// By site: the units that work there (their `at`), in declaration
    /// order, once each. A scope fix that adds a site to a location-based
    /// scope adds the units working there, and looked them up among all
    /// units, for every site it added (quadratic in a large IMS).
    units_at: HashMap<EntityId, Vec<EntityId>>,
}

impl crate::locations::LocationsMut for UseIndex {
    fn locations_mut(&mut self, f: &mut dyn FnMut(&mut FileRange)) {
        let UseIndex {
            name_uses_by_user: _,
            clause_uses_by_owner: _,
            naming: _,
            naming_within: _,
            listed_at,
            delegated_to: _,
            units_at: _,
        } = self;
        listed_at.values_mut().for_each(f);
    }
}

impl UseIndex {
    /// The index with its maps sorted, for tests comparing two models.
    #[cfg(test)]
    pub(crate) fn sorted_debug(&self) -> String {
        fn sorted<K: Ord + std::fmt::Debug, V: std::fmt::Debug>(map: &HashMap<K, V>) -> String {
            let mut entries: Vec<_> = map.iter().collect();
            entries.sort_by(|a, b| a.0.cmp(b.0));
            format!("{entries:?}")
        }
        let nested = |maps: &HashMap<String, HashMap<String, Vec<usize>>>| {
            let mut entries: Vec<_> = maps.iter().map(|(k, v)| (k, sorted(v))).collect();
            entries.sort();
            format!("{entries:?}")
        };
        [
            sorted(&self.name_uses_by_user),
            sorted(&self.clause_uses_by_owner),
            nested(&self.naming),
            nested(&self.naming_within),
            sorted(&self.listed_at),
            sorted(&self.delegated_to),
            sorted(&self.units_at),
        ]
        .join("\n")
    }

    pub(super) fn build(catalog: &Catalog, model: &Model) -> UseIndex {
        let mut index = UseIndex::default();
        for (i, name_use) in model.name_uses.iter().enumerate() {
            if let Some(user) = name_use.user {
                index.name_uses_by_user.entry(user).or_default().push(i);
            }
        }
        for (system, _, data) in model.systems() {
            for listed in data
                .listed_units
                .iter()
                .chain(&data.listed_sites)
                .chain(&data.listed_services)
                .chain(&data.listed_suppliers)
            {
                index.listed_at.entry((system, listed.entity)).or_insert(listed.location);
            }
        }
        for (i, clause_use) in model.clause_uses.iter().enumerate() {
            if let Some(owner) = clause_use.owner {
                index.clause_uses_by_owner.entry(owner).or_default().push(i);
            }
            let Some(standard_id) = clause_use.standard.as_deref() else { continue };
            let standard = catalog.standard(standard_id);
            let naming = by_standard(&mut index.naming, standard_id);
            for key in &clause_use.keys {
                push_once(naming, &key.clause, i);
            }
            // A key unknown to the catalog lies within nothing.
            let Some(standard) = standard else { continue };
            let within = by_standard(&mut index.naming_within, standard_id);
            for key in &clause_use.keys {
                let mut current = standard.clause(&key.clause);
                while let Some(clause) = current {
                    push_once(within, &clause.reference, i);
                    current = clause.parent.as_deref().and_then(|p| standard.clause(p));
                }
            }
        }
        index.delegated_to = delegations(model);
        for (unit, data) in model.of_kind(DeclarationKind::Unit) {
            for &site in &data.details.sites {
                let units = index.units_at.entry(site).or_default();
                // A site written twice in one `at` lists the unit once.
                if units.last() != Some(&unit) {
                    units.push(unit);
                }
            }
        }
        index
    }

    /// See [`UseIndex::delegated_to`]'s field.
    pub(crate) fn delegated_to(&self, system: EntityId) -> &[EntityId] {
        self.delegated_to.get(&system).map_or(&[], Vec::as_slice)
    }

    /// See [`UseIndex::units_at`]'s field.
    pub(crate) fn units_at(&self, site: EntityId) -> &[EntityId] {
        self.units_at.get(&site).map_or(&[], Vec::as_slice)
    }
}

/// By system, the scoped systems its clauses are delegated to: one pass
/// over the clause uses for all systems.
fn delegations(model: &Model) -> HashMap<EntityId, Vec<EntityId>> {
    // By standard id: the targets of process covers `via` them, once each.
    let mut by_standard: HashMap<&str, Vec<EntityId>> = HashMap::default();
    for clause_use in model.clause_uses.iter().filter(|u| super::is_process_cover(model, u)) {
        let (Some(target), Some(standard)) = (clause_use.via, clause_use.standard.as_deref())
        else {
            continue;
        };
        let scoped = model.entity(target).details.system.as_ref().is_some_and(super::is_scoped);
        let targets = by_standard.entry(standard).or_default();
        if scoped && !targets.contains(&target) {
            targets.push(target);
        }
    }
    let mut delegated = HashMap::default();
    for (system, _, data) in model.systems() {
        let Some(targets) = data.standard.as_deref().and_then(|s| by_standard.get(s)) else {
            continue;
        };
        let targets: Vec<EntityId> = targets.iter().copied().filter(|&t| t != system).collect();
        if !targets.is_empty() {
            delegated.insert(system, targets);
        }
    }
    delegated
}

/// The map of one standard, created on first use.
fn by_standard<'m>(
    maps: &'m mut HashMap<String, HashMap<String, Vec<usize>>>,
    standard_id: &str,
) -> &'m mut HashMap<String, Vec<usize>> {
    if !maps.contains_key(standard_id) {
        maps.insert(standard_id.to_string(), HashMap::default());
    }
    maps.get_mut(standard_id).expect("inserted above")
}

/// Appends `use_index` unless it is already the last entry (the keys of one
/// use are visited together, so a repeat is always the last).
fn push_once(map: &mut HashMap<String, Vec<usize>>, clause: &str, use_index: usize) {
    let list = match map.get_mut(clause) {
        Some(list) => list,
        None => map.entry(clause.to_string()).or_default(),
    };
    if list.last() != Some(&use_index) {
        list.push(use_index);
    }
}

fn merged(lists: impl IntoIterator<Item = Vec<usize>>) -> Vec<usize> {
    let mut all: Vec<usize> = lists.into_iter().flatten().collect();
    all.sort_unstable();
    all.dedup();
    all
}

impl Model {
    /// The name uses written in the declaration of `user`, in order.
    pub fn name_uses_of(&self, user: EntityId) -> impl Iterator<Item = &NameUse> + '_ {
        self.index
            .name_uses_by_user
            .get(&user)
            .into_iter()
            .flatten()
            .map(move |&i| &self.name_uses[i])
    }

    /// The clause uses written in the declaration of `owner`, in order.
    pub fn clause_uses_of(&self, owner: EntityId) -> impl Iterator<Item = &ClauseUse> + '_ {
        self.index
            .clause_uses_by_owner
            .get(&owner)
            .into_iter()
            .flatten()
            .map(move |&i| &self.clause_uses[i])
    }

    /// Where the scope of `system` first lists `entity`, if it does.
    pub fn listed_location(&self, system: EntityId, entity: EntityId) -> Option<FileRange> {
        self.index.listed_at.get(&(system, entity)).copied()
    }

    /// The clause uses of `standard` that name `clause` or an ancestor of it
    /// (those for which [`super::use_includes`] holds), in order.
    pub fn clause_uses_including(&self, standard: &Standard, clause: &str) -> Vec<&ClauseUse> {
        self.uses_at(self.positions_including(standard, clause))
    }

    /// The clause uses of `standard` that name `clause`, an ancestor or a
    /// sub-clause of it, in order.
    pub fn clause_uses_touching(&self, standard: &Standard, clause: &str) -> Vec<&ClauseUse> {
        let below = self.index.naming_within.get(&standard.id).and_then(|m| m.get(clause));
        let positions = match below {
            Some(below) => merged([self.positions_including(standard, clause), below.clone()]),
            None => self.positions_including(standard, clause),
        };
        self.uses_at(positions)
    }

    fn positions_including(&self, standard: &Standard, clause: &str) -> Vec<usize> {
        let Some(naming) = self.index.naming.get(&standard.id) else { return Vec::new() };
        let mut lists = Vec::new();
        let mut current = standard.clause(clause);
        while let Some(c) = current {
            if let Some(list) = naming.get(&c.reference) {
                lists.push(list.clone());
            }
            current = c.parent.as_deref().and_then(|p| standard.clause(p));
        }
        merged(lists)
    }

    fn uses_at(&self, positions: Vec<usize>) -> Vec<&ClauseUse> {
        positions.into_iter().map(|i| &self.clause_uses[i]).collect()
    }
}

//! Moving every location an analysis holds, for `reanalyze`: after an edit
//! that cannot change the analysis, only its byte ranges move. Each type
//! that holds locations says where they are, next to its definition, by
//! destructuring itself completely, so that a field added without a visit is
//! a compile error, not a stale range.

use crate::FileRange;

/// Something holding locations in the workspace's files.
pub(crate) trait LocationsMut {
    /// Calls `f` on every location held.
    fn locations_mut(&mut self, f: &mut dyn FnMut(&mut FileRange));
}

impl LocationsMut for FileRange {
    fn locations_mut(&mut self, f: &mut dyn FnMut(&mut FileRange)) {
        f(self);
    }
}

impl<T: LocationsMut> LocationsMut for Option<T> {
    fn locations_mut(&mut self, f: &mut dyn FnMut(&mut FileRange)) {
        if let Some(inner) = self {
            inner.locations_mut(f);
        }
    }
}

impl<T: LocationsMut> LocationsMut for Vec<T> {
    fn locations_mut(&mut self, f: &mut dyn FnMut(&mut FileRange)) {
        for item in self {
            item.locations_mut(f);
        }
    }
}

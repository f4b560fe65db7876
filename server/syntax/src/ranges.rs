//! Visiting every byte range of lowered syntax, to move declarations that an
//! edit left intact but moved (text inserted or deleted before them), and to
//! compare syntax across an edit.
//!
//! Every impl destructures its type completely, so a field added to the AST
//! without a visit here is a compile error, not a stale range.

use crate::ast::{ClauseItem, ClauseRefSyntax, Declaration, Name, Statement, StringLit};
use crate::TextRange;

/// Something holding byte ranges.
pub trait RangesMut {
    /// Calls `f` on every byte range held.
    fn ranges_mut(&mut self, f: &mut dyn FnMut(&mut TextRange));

    /// Moves every range by `delta` bytes.
    fn shift(&mut self, delta: isize) {
        self.ranges_mut(&mut |range| *range = range.shifted(delta));
    }
}

impl RangesMut for TextRange {
    fn ranges_mut(&mut self, f: &mut dyn FnMut(&mut TextRange)) {
        f(self);
    }
}

impl<T: RangesMut> RangesMut for Option<T> {
    fn ranges_mut(&mut self, f: &mut dyn FnMut(&mut TextRange)) {
        if let Some(inner) = self {
            inner.ranges_mut(f);
        }
    }
}

impl<T: RangesMut> RangesMut for Vec<T> {
    fn ranges_mut(&mut self, f: &mut dyn FnMut(&mut TextRange)) {
        for item in self {
            item.ranges_mut(f);
        }
    }
}

impl RangesMut for Name {
    fn ranges_mut(&mut self, f: &mut dyn FnMut(&mut TextRange)) {
        let Name { text: _, range } = self;
        f(range);
    }
}

impl RangesMut for StringLit {
    fn ranges_mut(&mut self, f: &mut dyn FnMut(&mut TextRange)) {
        let StringLit { value: _, range } = self;
        f(range);
    }
}

impl RangesMut for ClauseRefSyntax {
    fn ranges_mut(&mut self, f: &mut dyn FnMut(&mut TextRange)) {
        let ClauseRefSyntax { range, standard, clause } = self;
        f(range);
        standard.ranges_mut(f);
        clause.ranges_mut(f);
    }
}

impl RangesMut for ClauseItem {
    fn ranges_mut(&mut self, f: &mut dyn FnMut(&mut TextRange)) {
        let ClauseItem { range, start, end, via } = self;
        f(range);
        start.ranges_mut(f);
        end.ranges_mut(f);
        via.ranges_mut(f);
    }
}

impl RangesMut for Statement {
    fn ranges_mut(&mut self, f: &mut dyn FnMut(&mut TextRange)) {
        let Statement {
            kind: _,
            range,
            keyword,
            names,
            editions,
            clauses,
            justification,
            value,
            scope_kind: _,
            children,
            body,
            trailing_comma,
        } = self;
        f(range);
        f(keyword);
        trailing_comma.ranges_mut(f);
        names.ranges_mut(f);
        editions.ranges_mut(f);
        clauses.ranges_mut(f);
        justification.ranges_mut(f);
        value.ranges_mut(f);
        children.ranges_mut(f);
        body.ranges_mut(f);
    }
}

impl RangesMut for Declaration {
    fn ranges_mut(&mut self, f: &mut dyn FnMut(&mut TextRange)) {
        let Declaration { kind: _, range, keyword, name, title, statements, body } = self;
        f(range);
        f(keyword);
        name.ranges_mut(f);
        title.ranges_mut(f);
        statements.ranges_mut(f);
        body.ranges_mut(f);
    }
}

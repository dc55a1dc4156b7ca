//! Composite availability of systems built from components:
//! serial (all are needed: `Π aᵢ`), parallel (any one suffices:
//! `1 − Π (1 − aᵢ)`), and k-of-n (at least k of n work: the Poisson-binomial
//! tail, which handles components of different availabilities), nested to any
//! depth up to 16.
//!
//! Text form: `serial(99.9, parallel(99.5, 99.5), 2of3(99, 99, 99.5))`; a bare
//! list `99.9, 99.95` is serial. Composites are computed in double precision
//! (about 15 significant digits): they estimate a design, they never decide a
//! credit tier.

use crate::{Explained, Percent};
use thiserror::Error;

/// A component, or a group of them.
#[derive(Debug, Clone, PartialEq)]
pub enum Component {
    Level(Percent),
    Serial(Vec<Component>),
    Parallel(Vec<Component>),
    /// At least `k` of `parts` must work; `1 <= k <= parts.len()`.
    KOfN { k: usize, parts: Vec<Component> },
}

/// Why a composite text cannot be read; `position` is a 0-based character index.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[error("{message} (at position {position})")]
pub struct CompositeError {
    pub message: String,
    pub position: usize,
}

impl Component {
    /// Parses the text form (see the module docs). Group names are case-insensitive:
    /// `serial`, `parallel`, `KofN` such as `2of3` (n must equal the number of parts).
    ///
    /// # Errors
    /// Empty text, more than 2,000 characters, more than 64 parts in a group,
    /// nesting deeper than 16, a bad percentage, unbalanced brackets, `k` of 0 or
    /// above n, or an n that differs from the number of parts.
    pub fn parse(text: &str) -> Result<Component, CompositeError> {
        todo!("{text}")
    }

    /// Canonical text that [`Component::parse`] reads back equal.
    pub fn to_text(&self) -> String {
        todo!()
    }

    /// The availability as a fraction of one.
    pub fn availability(&self) -> f64 {
        todo!()
    }

    /// The availability with an explanation of the formula of the outermost group.
    pub fn explain(&self) -> Explained<f64> {
        todo!()
    }
}

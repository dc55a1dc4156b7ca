//! The quick calculator's state.
//!
//! - [`quick`]: its draft state and actions.
//! - [`url`]: that state in the URL fragment.

pub mod quick;
pub mod url;

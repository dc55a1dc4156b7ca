//! App state: one struct per concern, changed only through its action enum.
//!
//! - [`quick`]: the quick calculator's draft state and actions.
//! - [`url`]: that state in the URL fragment.
//! - [`import`]: the measurement import: source, choices, progress, batches and undo.

pub mod import;
pub mod quick;
pub mod store;
pub mod url;
pub mod workspace;

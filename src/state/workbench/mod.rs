//! The workbench's state.
//!
//! - [`workspace`]: the workspace, its actions, undo and the bench.
//! - [`store`]: workspaces kept in the browser (IndexedDB, `localStorage`).
//! - [`interop`]: what an OpenSLO or `.ics` import changes in a workspace.

pub mod interop;
pub mod store;
pub mod workspace;

//! Service credits: see the submodules.

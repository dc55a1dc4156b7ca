//! Effective targets (filled in below).

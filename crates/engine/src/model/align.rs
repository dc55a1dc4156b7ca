//! Alignment checks (filled in below).

//! Triangulate's front ends: the desktop app ([`app`]) and the command line ([`cli`]), thin
//! layers over [`triangulate_core`], which holds storage, import, analysis, linking, comparison,
//! ratings and reports. `main.rs` parses the command line and runs a command or opens the app.

pub mod app;
pub mod cli;

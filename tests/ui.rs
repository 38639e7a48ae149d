//! The UI tests (egui_kittest), in one test binary: see `integration.rs` for why.

mod common;

mod ui_compare;
mod ui_corroboration;
mod ui_disagreements;
mod ui_incidents;
mod ui_lexicon;
mod ui_library;
mod ui_linking;
mod ui_navigation;
mod ui_ratings;
mod ui_safety;
mod ui_working_layer;

//! The UI tests: the app driven through egui_kittest (widgets found by label, clicked, and what
//! is shown asserted), in one test binary. Each file is one view or subject, a module here.

mod common;

mod compare;
mod corrections;
mod corroboration;
mod dialogs;
mod disagreements;
mod first_run;
mod import_log;
mod incidents;
mod lexicon;
mod library;
mod linking;
mod navigation;
mod outlet_edits;
mod ratings;
mod references;
mod safety;
mod small_windows;
mod working_layer;

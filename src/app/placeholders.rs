//! The Compare view as it stands before the framing comparison exists: it says what it will hold
//! and what the library already has.

use super::TriangulateApp;
use super::widgets::empty_state;

pub fn compare(app: &mut TriangulateApp, ui: &mut egui::Ui) {
    ui.heading("Compare");
    if app.counts.incidents == 0 {
        empty_state(
            ui,
            "Nothing to compare yet. Compare shows the reports of one incident side by side: the numbers each claims, whom each cites, what each calls the actors. Make an incident by accepting link suggestions.",
        );
    } else {
        empty_state(
            ui,
            "Choose an incident in Incidents to compare its reports.",
        );
    }
}

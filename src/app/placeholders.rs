//! The Suggestions and Compare views as they stand before the linking engine and the framing
//! comparison exist: they say what they will hold and show what the library already has.

use super::TriangulateApp;
use super::widgets::empty_state;

pub fn suggestions(app: &mut TriangulateApp, ui: &mut egui::Ui) {
    ui.heading("Suggestions");
    let waiting = app.counts.suggestions;
    if waiting == 0 {
        empty_state(
            ui,
            "No link suggestions waiting. Linking proposes exact copies, near copies and reports of the same incident, each with its evidence, for you to accept or reject.",
        );
    } else {
        ui.label(format!("{waiting} suggestions waiting for a decision."));
    }
}

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

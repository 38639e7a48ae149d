//! The Incidents view: incidents with their date, place, and number of reports and outlets.

use egui_extras::{Column, TableBuilder};

use super::TriangulateApp;
use super::widgets::{Cached, date_or_dash, empty_state, read_error};
use crate::model::IncidentSummary;

/// What the Incidents view remembers between frames.
#[derive(Default)]
pub struct IncidentsViewState {
    incidents: Cached<(), Vec<IncidentSummary>>,
}

pub fn show(app: &mut TriangulateApp, ui: &mut egui::Ui) {
    let Some(library) = app.library.as_ref() else {
        return;
    };
    ui.heading("Incidents");
    let incidents = match app
        .incidents_view
        .incidents
        .get(app.generation, &(), || library.incidents())
    {
        Ok(incidents) => incidents,
        Err(e) => return read_error(ui, e),
    };
    if incidents.is_empty() {
        return empty_state(
            ui,
            "No incidents yet. An incident groups the reports of one event across outlets; they are made by accepting link suggestions.",
        );
    }
    TableBuilder::new(ui)
        .id_salt("incidents")
        .striped(true)
        .cell_layout(egui::Layout::left_to_right(egui::Align::Center))
        .column(Column::remainder().at_least(200.0).clip(true))
        .column(Column::initial(90.0))
        .column(Column::initial(150.0).clip(true))
        .column(Column::initial(70.0))
        .column(Column::initial(70.0))
        .header(22.0, |mut header| {
            for title in ["Incident", "Date", "Place", "Reports", "Outlets"] {
                header.col(|ui| {
                    ui.strong(title);
                });
            }
        })
        .body(|body| {
            body.rows(22.0, incidents.len(), |mut row| {
                let i = &incidents[row.index()];
                row.col(|ui| {
                    ui.label(&i.title);
                });
                row.col(|ui| {
                    ui.label(date_or_dash(i.date.as_deref()));
                });
                row.col(|ui| {
                    ui.label(date_or_dash(i.place.as_deref()));
                });
                row.col(|ui| {
                    ui.label(i.report_count.to_string());
                });
                row.col(|ui| {
                    ui.label(i.outlet_count.to_string());
                });
            });
        });
}

//! A combo box choosing one incident among any number: its list opens with a filter (part of a
//! title or place) and reads only the first matches of it. The Incidents view's pages (Move to,
//! Merge) and Compare choose incidents with it.

use egui::RichText;

use super::paged::Paged;
use super::widgets::{plural, read_error};
use triangulate_core::library::Library;
use triangulate_core::model::{Id, IncidentSummary};

/// Matches an incident picker lists: enough to choose from once a word or two is typed.
const PICKER_ROWS: usize = 50;

/// A combo box of incidents whose list opens with a filter (part of a title or place) and shows
/// the first [`PICKER_ROWS`] incidents matching it, newest first: a choice among 100,000
/// incidents reads 50 of them, and only while the list is open and its filter changes.
pub struct IncidentPicker {
    filter: String,
    matches: Paged<String, IncidentSummary>,
    /// Whether the list was open the frame before: the filter takes the keyboard when it opens.
    was_open: bool,
}

impl Default for IncidentPicker {
    fn default() -> Self {
        IncidentPicker {
            filter: String::new(),
            matches: Paged::new(PICKER_ROWS, 1),
            was_open: false,
        }
    }
}

impl IncidentPicker {
    /// Shows `combo` (its id, selected text and size set by the caller). Its list names each
    /// matching incident as `name` gives it (`None` leaves one out) and marks `selected`. Returns
    /// the incident clicked this frame; the caller labels the response.
    pub fn show(
        &mut self,
        ui: &mut egui::Ui,
        library: &Library,
        generation: u64,
        combo: egui::ComboBox,
        selected: Option<Id>,
        name: impl Fn(&IncidentSummary) -> Option<String>,
    ) -> egui::InnerResponse<Option<IncidentSummary>> {
        let opening = !self.was_open;
        let mut chosen = None;
        let shown = combo
            .close_behavior(egui::PopupCloseBehavior::CloseOnClickOutside)
            .show_ui(ui, |ui| {
                ui.horizontal(|ui| {
                    let label = ui.label("Find");
                    let edit = ui
                        .add(
                            egui::TextEdit::singleline(&mut self.filter)
                                .hint_text("title or place")
                                .desired_width(ui.available_width()),
                        )
                        .labelled_by(label.id)
                        .on_hover_text(format!(
                            "Lists the first {PICKER_ROWS} incidents whose title or place contains this."
                        ));
                    if opening {
                        edit.request_focus();
                    }
                });
                let filter = self.filter.trim();
                self.matches.follow(generation, &filter.to_string());
                let (mut read_rows, mut listed) = (0, 0);
                for index in 0..PICKER_ROWS {
                    let read = self.matches.get(index, |offset, limit| {
                        library.incident_page(filter, None, offset, limit)
                    });
                    let incident = match read {
                        Ok(Some(incident)) => incident,
                        Ok(None) => break,
                        Err(e) => {
                            read_error(ui, e);
                            break;
                        }
                    };
                    read_rows += 1;
                    let Some(text) = name(incident) else {
                        continue;
                    };
                    listed += 1;
                    if ui
                        .selectable_label(selected == Some(incident.id), text)
                        .on_hover_text(details(incident))
                        .clicked()
                    {
                        chosen = Some(incident.clone());
                        ui.close();
                    }
                }
                let note = if listed == 0 && filter.is_empty() {
                    "There is no other incident.".to_string()
                } else if listed == 0 {
                    format!("No incident to choose has “{filter}” in its title or place.")
                } else if read_rows == PICKER_ROWS {
                    format!("The first {PICKER_ROWS} matches, newest first: type to narrow them.")
                } else {
                    String::new()
                };
                if !note.is_empty() {
                    ui.label(RichText::new(note).weak());
                }
            });
        self.was_open = shown.inner.is_some();
        egui::InnerResponse::new(chosen, shown.response)
    }
}

/// "2025-03-14 · Qasr al-Nahr · 3 reports from 2 outlets".
fn details(incident: &IncidentSummary) -> String {
    let count = |n: i64, noun| plural(usize::try_from(n).unwrap_or(0), noun);
    let mut parts: Vec<String> = [incident.date.clone(), incident.place.clone()]
        .into_iter()
        .flatten()
        .collect();
    parts.push(format!(
        "{} from {}",
        count(incident.report_count, "report"),
        count(incident.outlet_count, "outlet")
    ));
    parts.join(" · ")
}

//! Compare's incident chooser: a combo box naming the incident compared (or the hand-picked
//! articles), whose list reads the first matches of a filter ([`IncidentPicker`]).

use egui::RichText;

use super::Target;
use crate::app::incident_picker::IncidentPicker;
use crate::app::widgets::plural;
use triangulate_core::library::Library;
use triangulate_core::model::{Id, IncidentDetail};

/// "Title (date, place)".
fn incident_text(title: &str, date: Option<&str>, place: Option<&str>) -> String {
    let when_where: Vec<&str> = [date, place].into_iter().flatten().collect();
    if when_where.is_empty() {
        title.to_string()
    } else {
        format!("{title} ({})", when_where.join(", "))
    }
}

/// The incident chooser, showing the target (`incident` when it is one); returns the incident
/// chosen this frame.
pub(super) fn picker(
    ui: &mut egui::Ui,
    state: &mut IncidentPicker,
    (library, generation): (&Library, u64),
    target: Option<&Target>,
    incident: Option<&IncidentDetail>,
) -> Option<Id> {
    let mut chosen = None;
    ui.horizontal(|ui| {
        let label = ui.label("Incident");
        let current = match (target, incident) {
            (Some(Target::Incident(_)), Some(i)) => {
                incident_text(&i.title, i.date.as_deref(), i.place.as_deref())
            }
            (Some(Target::Incident(id)), None) => format!("incident {id}"),
            (Some(Target::Articles(ids)), _) => {
                format!("Hand-picked: {}", plural(ids.len(), "article"))
            }
            (None, _) => "choose…".to_string(),
        };
        let selected = match target {
            Some(Target::Incident(id)) => Some(*id),
            _ => None,
        };
        // As wide as a long title, as the window allows.
        let after = if matches!(target, Some(Target::Articles(_))) {
            120.0
        } else {
            8.0
        };
        let width = (ui.available_width() - after).clamp(160.0, 520.0);
        let combo = egui::ComboBox::from_id_salt("compare-incident")
            .selected_text(current)
            .width(width)
            .height(360.0);
        let shown = state.show(ui, library, generation, combo, selected, |i| {
            Some(incident_text(
                &i.title,
                i.date.as_deref(),
                i.place.as_deref(),
            ))
        });
        shown.response.labelled_by(label.id);
        chosen = shown.inner.map(|i| i.id);
        if matches!(target, Some(Target::Articles(_))) {
            ui.label(RichText::new("picked in Library").weak());
        }
    });
    chosen
}

//! The Outlets view: every outlet with its aliases, article count and each analyst's current grade.

use std::collections::BTreeSet;

use egui_extras::{Column, TableBuilder};

use super::TriangulateApp;
use super::widgets::{Cached, empty_state, plural, read_error};
use crate::model::{Id, OutletSummary};

/// What the Outlets view remembers between frames.
#[derive(Default)]
pub struct OutletsViewState {
    outlets: Cached<(), Vec<OutletSummary>>,
    /// Outlets picked (click, Ctrl-click) for merging.
    selected: BTreeSet<Id>,
    /// Which of the picked outlets the others merge into.
    merge_into: Option<Id>,
}

pub fn show(app: &mut TriangulateApp, ui: &mut egui::Ui) {
    let Some(library) = app.library.as_ref() else {
        return;
    };
    ui.heading("Outlets");
    let view = &mut app.outlets_view;
    let outlets = match view.outlets.get(app.generation, &(), || library.outlets()) {
        Ok(outlets) => outlets,
        Err(e) => return read_error(ui, e),
    };
    if outlets.is_empty() {
        return empty_state(ui, "No outlets yet: they appear as articles are imported.");
    }
    let (selected, merge_into) = (&mut view.selected, &mut view.merge_into);
    let mut merge = None;
    let mut clicked = None;
    ui.label(
        egui::RichText::new(format!(
            "{} outlets. Two spellings of one outlet? Pick both (Ctrl-click) and merge them.",
            outlets.len()
        ))
        .weak(),
    );
    selected.retain(|id| outlets.iter().any(|o| o.id == *id));
    if selected.len() >= 2 {
        let name = |id: Id| {
            outlets
                .iter()
                .find(|o| o.id == id)
                .map_or("", |o| o.name.as_str())
        };
        let into = merge_into
            .filter(|id| selected.contains(id))
            .or_else(|| selected.first().copied());
        ui.horizontal(|ui| {
            let label = ui.label(format!("Merge {} outlets into", selected.len()));
            let mut choice = into;
            egui::ComboBox::from_id_salt("merge-into")
                .selected_text(choice.map_or("", name))
                .show_ui(ui, |ui| {
                    for id in selected.iter() {
                        ui.selectable_value(&mut choice, Some(*id), name(*id));
                    }
                })
                .response
                .labelled_by(label.id);
            *merge_into = choice;
            if ui.button("Merge").clicked()
                && let Some(keep) = choice
            {
                let others: Vec<Id> = selected.iter().copied().filter(|id| *id != keep).collect();
                merge = Some((keep, others));
            }
        });
    }
    TableBuilder::new(ui)
        .id_salt("outlets")
        .striped(true)
        .sense(egui::Sense::click())
        .cell_layout(egui::Layout::left_to_right(egui::Align::Center))
        .column(Column::initial(240.0).at_least(120.0).clip(true))
        .column(Column::initial(70.0))
        .column(Column::initial(200.0).clip(true))
        .column(Column::remainder().clip(true))
        .header(22.0, |mut header| {
            for title in ["Outlet", "Articles", "Current grades", "Also known as"] {
                header.col(|ui| {
                    ui.strong(title);
                });
            }
        })
        .body(|body| {
            body.rows(22.0, outlets.len(), |mut row| {
                let o = &outlets[row.index()];
                row.set_selected(selected.contains(&o.id));
                row.col(|ui| {
                    ui.add(egui::Label::new(&o.name).selectable(false));
                    if o.name_is_guess {
                        ui.label(egui::RichText::new("(folder name)").weak())
                            .on_hover_text("No metadata or sidecar named this outlet; its name is the folder's.");
                    }
                });
                row.col(|ui| {
                    ui.label(o.article_count.to_string());
                });
                row.col(|ui| {
                    if o.ratings.is_empty() {
                        ui.label(egui::RichText::new("not rated").weak());
                    } else {
                        let grades: Vec<String> = o.ratings.iter().map(|(who, g)| format!("{g} ({who})")).collect();
                        ui.label(grades.join(", "));
                    }
                });
                row.col(|ui| {
                    ui.label(o.aliases.join(", "));
                });
                let response = row.response();
                if response.clicked() {
                    clicked = Some((o.id, response.ctx.input(|i| i.modifiers.command)));
                }
            });
        });
    if let Some((id, add)) = clicked {
        if !add {
            selected.clear();
        }
        if !selected.remove(&id) {
            selected.insert(id);
        }
    }
    if let Some((keep, others)) = merge {
        let mut result = Ok(());
        if let Some(library) = app.library.as_mut() {
            for other in &others {
                result = library.merge_outlets(keep, *other);
                if result.is_err() {
                    break;
                }
            }
        }
        match result {
            Ok(()) => app.inform(format!(
                "Merged {} into {}; the merged names are now aliases.",
                plural(others.len(), "outlet"),
                app.library
                    .as_ref()
                    .and_then(|l| l.outlets().ok())
                    .and_then(|all| all.into_iter().find(|o| o.id == keep))
                    .map_or_else(String::new, |o| o.name)
            )),
            Err(e) => app.fail(format!("Could not merge the outlets: {e}")),
        }
        app.outlets_view.selected.clear();
        app.library_changed();
    }
}

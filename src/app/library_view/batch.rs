//! What the Library view does to the articles selected in its table (Ctrl-click, Shift-click):
//! assign them an outlet, compare them, delete them (to the trash), tag them, add them to a
//! hand-picked collection.

use super::LibraryViewState;
use crate::app::command::{Command, Written};
use crate::app::compare::Target;
use crate::app::context::ViewContext;
use crate::app::notes::{batch_tag_field, collect};
use crate::app::widgets::thousands;
use triangulate_core::compare::MAX_REPORTS;
use triangulate_core::model::{Id, TargetKind};

/// The bar above the table while articles are selected.
pub(super) fn bar(ui: &mut egui::Ui, state: &mut LibraryViewState, ctx: &mut ViewContext) {
    // Wrapped, so that a small window shows every action.
    ui.horizontal_wrapped(|ui| {
        ui.label(format!("{} selected", state.marked.len()));
        let label = ui.label("Assign outlet");
        ui.add(
            egui::TextEdit::singleline(&mut state.assign_to)
                .hint_text("outlet name")
                .desired_width(200.0),
        )
        .labelled_by(label.id);
        let ready = !state.assign_to.trim().is_empty();
        if ui.add_enabled(ready, egui::Button::new("Assign")).clicked() {
            ctx.send(assign_outlet(
                state.marked.iter().copied().collect(),
                state.assign_to.trim().to_string(),
            ));
        }
        let n = state.marked.len();
        let comparable = (2..=MAX_REPORTS).contains(&n);
        if ui
            .add_enabled(comparable, egui::Button::new("Compare selected"))
            .on_hover_text("Open the selected articles side by side in Compare.")
            .on_disabled_hover_text(format!(
                "Select 2 to {MAX_REPORTS} articles (Ctrl-click, Shift-click) to compare them."
            ))
            .clicked()
        {
            ctx.send(Command::Compare(Target::Articles(
                state.marked.iter().copied().collect(),
            )));
        }
        let delete = ui
            .button("Delete selected")
            .on_hover_text("Delete (Del). They go to the trash: Edit > Undo (Ctrl+Z) or Edit > Trash… brings them back.")
            .clicked();
        // The Delete key, unless a text field is taking the keys.
        let key = !ui.ctx().egui_wants_keyboard_input()
            && ui.input(|i| i.key_pressed(egui::Key::Delete));
        if delete || key {
            ctx.send(delete_articles(
                state.marked.iter().copied().collect(),
                ctx.recorded_name(),
            ));
        }
        if ui.small_button("Clear selection").clicked() {
            state.marked.clear();
        }
    });
    ui.horizontal_wrapped(|ui| {
        let marked: Vec<Id> = state.marked.iter().copied().collect();
        batch_tag_field(
            ui,
            "batch-tag",
            TargetKind::Article,
            &state.marked,
            &mut state.batch_tag,
            ctx,
        );
        ui.add_space(8.0);
        let library = ctx.library;
        let sets: Vec<(Id, String)> = match state
            .collections
            .get(ctx.generation, &(), || library.collections())
        {
            Ok(all) => all
                .iter()
                .filter(|c| c.filter.is_none())
                .map(|c| (c.id, c.name.clone()))
                .collect(),
            Err(_) => Vec::new(),
        };
        let label = ui.label("Add to collection");
        egui::ComboBox::from_id_salt("add-to-collection")
            .selected_text("choose…")
            .show_ui(ui, |ui| {
                if sets.is_empty() {
                    ui.label("No hand-picked collection yet: make one with “New collection”.");
                }
                for (id, name) in &sets {
                    if ui.selectable_label(false, name).clicked() {
                        ctx.send(collect(*id, marked.clone(), ctx.recorded_name()));
                    }
                }
            })
            .response
            .labelled_by(label.id);
    });
}

/// Gives articles the outlet of this name (made when there is none); clears the selection.
fn assign_outlet(ids: Vec<Id>, outlet: String) -> Command {
    Command::edit("assign the outlet", move |l| {
        let n = l.assign_outlet(&ids, &outlet)?;
        Ok(Written::done()
            .say(format!("{n} articles assigned to {outlet}."))
            .then_update(|v| {
                v.library.marked.clear();
                v.library.assign_to.clear();
            }))
    })
}

/// Deletes articles (to the trash); clears the selection, and the reader if it showed one.
fn delete_articles(ids: Vec<Id>, analyst: String) -> Command {
    Command::edit("delete the articles", move |l| {
        let (n, undo) = l.delete_articles(&ids, &analyst)?;
        let what = if n == 1 {
            "Deleted 1 article".to_string()
        } else {
            format!("Deleted {} articles", thousands(n as u64))
        };
        Ok(Written::done()
            .undo(undo)
            .say(format!(
                "{what}. Edit > Undo (Ctrl+Z) or Edit > Trash… brings them back."
            ))
            .then_update(move |v| {
                let view = &mut v.library;
                view.marked.clear();
                if view.selected.is_some_and(|id| ids.contains(&id)) {
                    view.selected = None;
                }
            }))
    })
}

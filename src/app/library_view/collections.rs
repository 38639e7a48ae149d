//! Collections in the Library view: the picker among the filters (a saved filter sets the filters
//! and search it saved; a hand-picked set lists its articles), and "New collection", which saves
//! the filters and search in force or, with none, makes an empty set to add selected articles to.

use super::LibraryViewState;
use super::filters::Filters;
use crate::app::command::{Command, Written};
use crate::app::context::ViewContext;
use crate::app::widgets::{read_error, thousands};
use triangulate_core::library::{ArticleFilter, Collection, Library, SavedFilter};

/// The collection filter: choosing a saved filter sets the filters and search it saved; choosing
/// a hand-picked set lists its articles.
pub(super) fn picker(
    ui: &mut egui::Ui,
    library: &Library,
    generation: u64,
    state: &mut LibraryViewState,
) {
    let label = ui.label("Collection");
    let shown = state
        .filters
        .collection
        .as_ref()
        .map_or_else(|| "All articles".to_string(), |(_, name)| name.clone());
    let mut chosen: Option<Collection> = None;
    let mut cleared = false;
    egui::ComboBox::from_id_salt("collection-filter")
        .selected_text(shown)
        .width(140.0)
        .show_ui(ui, |ui| {
            if ui
                .selectable_label(state.filters.collection.is_none(), "All articles")
                .clicked()
            {
                cleared = true;
            }
            match state
                .collections
                .get(generation, &(), || library.collections())
            {
                Ok(all) => {
                    for c in all {
                        let what = match &c.filter {
                            Some(_) => format!("{} (saved filter)", c.name),
                            None => format!("{} ({})", c.name, thousands(c.articles.max(0) as u64)),
                        };
                        if ui.selectable_label(false, what).clicked() {
                            chosen = Some(c.clone());
                        }
                    }
                }
                Err(e) => read_error(ui, e),
            }
        })
        .response
        .labelled_by(label.id);
    if cleared {
        state.filters.collection = None;
    }
    if let Some(c) = chosen {
        match c.filter {
            Some(saved) => {
                state.filters = Filters::from_saved(library, &saved.filter);
                state.search = saved.search;
            }
            None => state.filters.collection = Some((c.id, c.name)),
        }
    }
}

/// "New collection": a name, and a button that saves the filters and search in force under it (or,
/// with none, makes an empty hand-picked set).
pub(super) fn new_collection_row(
    ui: &mut egui::Ui,
    state: &mut LibraryViewState,
    ctx: &mut ViewContext,
) {
    ui.horizontal(|ui| {
        let label = ui.label("New collection");
        ui.add(
            egui::TextEdit::singleline(&mut state.collection_name)
                .hint_text("name")
                .desired_width(160.0),
        )
        .labelled_by(label.id);
        let name = state.collection_name.trim().to_string();
        let saves_filter = state.filters.any_set() || !state.search.trim().is_empty();
        let (button, hover) = if saves_filter {
            (
                "Save filters as collection",
                "Keep these filters and search words under a name, to apply again in one click.",
            )
        } else {
            (
                "Make hand-picked collection",
                "An empty set: select articles and use “Add to collection”.",
            )
        };
        if ui
            .add_enabled(!name.is_empty(), egui::Button::new(button))
            .on_hover_text(hover)
            .clicked()
        {
            let saved = saves_filter.then(|| SavedFilter {
                filter: ArticleFilter {
                    collection: None,
                    ..state.filters.to_filter()
                },
                search: state.search.trim().to_string(),
            });
            let analyst = ctx.recorded_name();
            ctx.send(Command::edit("make the collection", move |l| {
                l.create_collection(&name, saved.as_ref(), &analyst)?;
                Ok(Written::done()
                    .say(format!("Collection “{name}” made."))
                    .then_update(|v| v.library.collection_name.clear()))
            }));
        }
    });
}

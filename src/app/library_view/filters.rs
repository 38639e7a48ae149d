//! The Library view's search box and filters: outlet (a picker whose list narrows as the analyst
//! types), language, date range, incident, rating, tag and collection. Text that does not read (a
//! date that is not one, an incident that is not a number) shows in the error colour and is left
//! out of the listing.

use egui::RichText;

use super::LibraryViewState;
use super::collections;
use crate::app::context::ViewContext;
use crate::app::notes::tag_picker;
use crate::app::widgets::{read_error, shorten};
use triangulate_core::library::{ArticleFilter, GradeFilter, Library};
use triangulate_core::model::Id;
use triangulate_core::ratings::Grade;

/// The filters as the analyst set them. Text that does not read (a date that is not one, an
/// incident that is not a number) is shown in the error colour and left out of the listing.
#[derive(Default)]
pub(super) struct Filters {
    outlet: Option<(Id, String)>,
    language: Option<String>,
    from: String,
    to: String,
    incident: String,
    grade: Option<GradeFilter>,
    tag: Option<(Id, String)>,
    /// A hand-picked collection (a saved filter sets the other fields instead).
    pub(super) collection: Option<(Id, String)>,
}

impl Filters {
    /// The filters a saved collection sets, as the analyst would have set them.
    pub(super) fn from_saved(library: &Library, filter: &ArticleFilter) -> Filters {
        let outlet = filter.outlet.and_then(|id| {
            library
                .outlet_names()
                .ok()?
                .into_iter()
                .find(|(o, _)| *o == id)
        });
        let tag = filter.tag.and_then(|id| {
            library
                .tags()
                .ok()?
                .into_iter()
                .find(|t| t.id == id)
                .map(|t| (t.id, t.name))
        });
        Filters {
            outlet,
            language: filter.language.clone(),
            from: filter.from.clone().unwrap_or_default(),
            to: filter.to.clone().unwrap_or_default(),
            incident: filter.incident.map(|i| i.to_string()).unwrap_or_default(),
            grade: filter.grade,
            tag,
            collection: None,
        }
    }

    /// The filter the listing applies: only the fields that read.
    pub(super) fn to_filter(&self) -> ArticleFilter {
        ArticleFilter {
            outlet: self.outlet.as_ref().map(|(id, _)| *id),
            language: self.language.clone(),
            from: date_bound(&self.from),
            to: date_bound(&self.to),
            incident: incident_number(&self.incident),
            grade: self.grade,
            tag: self.tag.as_ref().map(|(id, _)| *id),
            collection: self.collection.as_ref().map(|(id, _)| *id),
        }
    }

    /// How many filters are set or typed, read or not: the Filters button says so.
    pub(super) fn count_set(&self) -> usize {
        [
            self.outlet.is_some(),
            self.language.is_some(),
            self.grade.is_some(),
            self.tag.is_some(),
            self.collection.is_some(),
        ]
        .into_iter()
        .chain(
            [&self.from, &self.to, &self.incident]
                .iter()
                .map(|t| !t.trim().is_empty()),
        )
        .filter(|set| *set)
        .count()
    }

    /// Whether anything is set or typed, read or not: when "Clear filters" is offered.
    pub(super) fn any_set(&self) -> bool {
        self.outlet.is_some()
            || self.language.is_some()
            || self.grade.is_some()
            || self.tag.is_some()
            || self.collection.is_some()
            || [&self.from, &self.to, &self.incident]
                .iter()
                .any(|t| !t.trim().is_empty())
    }
}

/// A date bound as the filter takes it, if `text` is one.
fn date_bound(text: &str) -> Option<String> {
    let text = text.trim();
    is_date_prefix(text).then(|| text.to_string())
}

/// Whether `text` is `YYYY`, `YYYY-MM` or `YYYY-MM-DD` with a month and day that can be.
fn is_date_prefix(text: &str) -> bool {
    let digits = |s: &str, n: usize| s.len() == n && s.bytes().all(|b| b.is_ascii_digit());
    let within = |s: &str, max: u32| s.parse::<u32>().is_ok_and(|n| (1..=max).contains(&n));
    match text.split('-').collect::<Vec<_>>().as_slice() {
        [y] => digits(y, 4),
        [y, m] => digits(y, 4) && digits(m, 2) && within(m, 12),
        [y, m, d] => digits(y, 4) && digits(m, 2) && within(m, 12) && digits(d, 2) && within(d, 31),
        _ => false,
    }
}

/// The incident number in `text` ("12" or "#12"), if it is one.
fn incident_number(text: &str) -> Option<Id> {
    let text = text.trim();
    let text = text.strip_prefix('#').unwrap_or(text);
    text.parse::<Id>().ok().filter(|n| *n > 0)
}

/// The search box: words in titles and text, ranked by the full-text index. When `folded`, the
/// filters and "New collection" fold into a Filters button at its end (a small window).
pub(super) fn search_row(
    ui: &mut egui::Ui,
    state: &mut LibraryViewState,
    ctx: &mut ViewContext,
    folded: bool,
) {
    ui.horizontal(|ui| {
        let label = ui.label("Search");
        // Room for Clear and the Filters button after the box.
        let room = if folded { 190.0 } else { 60.0 };
        let width = (ui.available_width() - room).clamp(100.0, 320.0);
        ui.add(
            egui::TextEdit::singleline(&mut state.search)
                .hint_text("words in titles and text")
                .desired_width(width),
        )
        .labelled_by(label.id);
        if !state.search.is_empty() && ui.small_button("Clear").clicked() {
            state.search.clear();
        }
        if folded {
            filters_button(ui, state, ctx);
        }
    });
}

/// "Filters" (with how many are set), which opens the filters and "New collection" in a pop-up
/// that stays open while they are set, until the button or Done is clicked (or Escape pressed).
fn filters_button(ui: &mut egui::Ui, state: &mut LibraryViewState, ctx: &mut ViewContext) {
    let set = state.filters.count_set();
    let text = match set {
        0 => "Filters".to_string(),
        n => format!("Filters ({n})"),
    };
    let button = ui
        .add(egui::Button::selectable(state.filters_open, text))
        .on_hover_text(
            "Outlet, language, dates, incident, rating, tag and collection; and saving them as a collection.",
        );
    if button.clicked() {
        state.filters_open = !state.filters_open;
    }
    let mut open = state.filters_open;
    let (library, generation) = (ctx.library, ctx.generation);
    egui::Popup::from_response(&button)
        .id(egui::Id::unique("library-filters-popup"))
        .open_bool(&mut open)
        .close_behavior(egui::PopupCloseBehavior::IgnoreClicks)
        .show(|ui| {
            ui.set_max_width(420.0);
            egui::Grid::new("library-filters-grid")
                .num_columns(2)
                .spacing([8.0, 6.0])
                .show(ui, |ui| {
                    filter_fields(ui, library, generation, state, &mut |ui| ui.end_row());
                });
            ui.separator();
            collections::new_collection_row(ui, state, ctx);
            ui.add_space(4.0);
            if ui.button("Done").clicked() {
                ui.close();
            }
        });
    state.filters_open = open;
}

/// The filters under the search box: outlet, language, date range, incident, rating, tag and
/// collection.
pub(super) fn filters_row(
    ui: &mut egui::Ui,
    library: &Library,
    generation: u64,
    state: &mut LibraryViewState,
) {
    ui.horizontal_wrapped(|ui| {
        filter_fields(ui, library, generation, state, &mut |ui| {
            ui.add_space(6.0);
        });
    });
}

/// Each filter, a label and its field, with `next` between them: a space in a row, the end of
/// a grid's row in the Filters pop-up.
fn filter_fields(
    ui: &mut egui::Ui,
    library: &Library,
    generation: u64,
    state: &mut LibraryViewState,
    next: &mut dyn FnMut(&mut egui::Ui),
) {
    {
        outlet_picker(ui, library, generation, state);
        next(ui);

        let label = ui.label("Language");
        let filter = &mut state.filters.language;
        let shown = filter
            .as_deref()
            .map_or("Any language".into(), language_name);
        egui::ComboBox::from_id_salt("language-filter")
            .selected_text(shown)
            .width(120.0)
            .show_ui(ui, |ui| {
                ui.selectable_value(filter, None, "Any language");
                match state.languages.get(generation, &(), || library.languages()) {
                    Ok(codes) => {
                        for code in codes {
                            ui.selectable_value(filter, Some(code.clone()), language_name(code));
                        }
                    }
                    Err(e) => read_error(ui, e),
                }
            })
            .response
            .labelled_by(label.id);
        next(ui);

        date_field(ui, "From", &mut state.filters.from);
        next(ui);
        date_field(ui, "To", &mut state.filters.to);
        next(ui);

        let text = &mut state.filters.incident;
        let reads = text.trim().is_empty() || incident_number(text).is_some();
        checked_field(
            ui,
            "Incident",
            text,
            ("no.", 44.0),
            reads,
            "Not an incident number: ignored.",
        );
        next(ui);

        let label = ui.label("Rating");
        let grade = &mut state.filters.grade;
        let shown = match grade {
            None => "Any rating".to_string(),
            Some(GradeFilter::Grade(g)) => grade_text(*g),
            Some(GradeFilter::Unrated) => "Unrated".to_string(),
        };
        egui::ComboBox::from_id_salt("rating-filter")
            .selected_text(shown)
            .width(150.0)
            .show_ui(ui, |ui| {
                ui.selectable_value(grade, None, "Any rating");
                // F is no opinion: an outlet graded only F counts as unrated.
                for g in Grade::ALL.into_iter().filter(|g| *g != Grade::F) {
                    ui.selectable_value(grade, Some(GradeFilter::Grade(g)), grade_text(g));
                }
                ui.selectable_value(grade, Some(GradeFilter::Unrated), "Unrated")
                    .on_hover_text("Outlets no analyst has graded A to E.");
            })
            .response
            .labelled_by(label.id)
            .on_hover_text("The outlet's combined grade: the median of the analysts' grades.");
        next(ui);

        tag_picker(
            ui,
            "tag-filter",
            (library, generation, &mut state.tags),
            |t| t.articles,
            &mut state.filters.tag,
        );
        next(ui);
        collections::picker(ui, library, generation, state);
        next(ui);

        if state.filters.any_set() && ui.small_button("Clear filters").clicked() {
            state.filters = Filters::default();
        }
    }
}

/// The outlet filter: a picker whose list narrows as the analyst types, drawing only the names
/// in view (libraries can hold thousands of outlets).
fn outlet_picker(
    ui: &mut egui::Ui,
    library: &Library,
    generation: u64,
    state: &mut LibraryViewState,
) {
    let label = ui.label("Outlet");
    let current = state.filters.outlet.as_ref().map(|(id, _)| *id);
    let shown = state
        .filters
        .outlet
        .as_ref()
        .map_or("Any outlet".to_string(), |(_, name)| shorten(name, 26));
    let mut picked = None;
    egui::ComboBox::from_id_salt("outlet-filter")
        .selected_text(shown)
        .width(190.0)
        .height(400.0)
        .close_behavior(egui::PopupCloseBehavior::CloseOnClickOutside)
        .show_ui(ui, |ui| {
            ui.horizontal(|ui| {
                let find = ui.label("Find");
                let edit = ui
                    .add(
                        egui::TextEdit::singleline(&mut state.outlet_query)
                            .hint_text("part of a name")
                            .desired_width(f32::INFINITY),
                    )
                    .labelled_by(find.id);
                // Typing goes to the list's filter as soon as the picker opens.
                if ui.memory(|m| m.focused().is_none()) {
                    edit.request_focus();
                }
            });
            if ui
                .selectable_label(current.is_none(), "Any outlet")
                .clicked()
            {
                picked = Some(None);
                ui.close();
            }
            let outlets = match state
                .outlets
                .get(generation, &(), || library.outlet_names())
            {
                Ok(outlets) => outlets,
                Err(e) => {
                    read_error(ui, e);
                    return;
                }
            };
            let query = state.outlet_query.trim().to_lowercase();
            let matching: Vec<&(Id, String)> = outlets
                .iter()
                .filter(|(_, name)| query.is_empty() || name.to_lowercase().contains(&query))
                .collect();
            if matching.is_empty() {
                ui.label(RichText::new("No outlet's name has that in it.").weak());
                return;
            }
            let row_height = ui.spacing().interact_size.y;
            egui::ScrollArea::vertical()
                .id_salt("outlet-filter-list")
                .max_height(300.0)
                .auto_shrink([false, true])
                .show_rows(ui, row_height, matching.len(), |ui, rows| {
                    for (id, name) in &matching[rows] {
                        if ui.selectable_label(current == Some(*id), name).clicked() {
                            picked = Some(Some((*id, name.clone())));
                            ui.close();
                        }
                    }
                });
        })
        .response
        .labelled_by(label.id);
    if let Some(outlet) = picked {
        state.filters.outlet = outlet;
        state.outlet_query.clear();
    }
}

/// A date bound of the filters: shown in the error colour, and ignored, until it reads.
fn date_field(ui: &mut egui::Ui, name: &str, text: &mut String) {
    let reads = text.trim().is_empty() || is_date_prefix(text.trim());
    checked_field(
        ui,
        name,
        text,
        ("YYYY-MM-DD", 100.0),
        reads,
        "Not a date: write YYYY, YYYY-MM or YYYY-MM-DD. Ignored until then.",
    );
}

/// A labelled filter field whose text, when it does not `reads`, shows in the error colour with
/// `complaint` on hover. `(hint, width)` shape the empty field.
fn checked_field(
    ui: &mut egui::Ui,
    name: &str,
    text: &mut String,
    (hint, width): (&str, f32),
    reads: bool,
    complaint: &str,
) {
    let label = ui.label(name);
    let mut edit = egui::TextEdit::singleline(text)
        .hint_text(hint)
        .desired_width(width);
    if !reads {
        edit = edit.text_color(ui.visuals().error_fg_color);
    }
    let response = ui.add(edit).labelled_by(label.id);
    if !reads {
        response.on_hover_text(complaint);
    }
}

/// "en (English)"; the bare code when it names no language.
fn language_name(code: &str) -> String {
    isolang::Language::from_639_1(code)
        .or_else(|| isolang::Language::from_639_3(code))
        .map_or_else(|| code.to_string(), |l| format!("{code} ({})", l.to_name()))
}

/// "B usually reliable".
fn grade_text(grade: Grade) -> String {
    format!("{} {}", grade.letter(), grade.meaning())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn date_bounds_read_years_months_and_days_only() {
        for good in ["2025", "2025-03", "2025-03-14", " 2025-12-31 "] {
            assert_eq!(date_bound(good).as_deref(), Some(good.trim()), "{good}");
        }
        for bad in [
            "",
            "25",
            "2025-3",
            "2025-13",
            "2025-03-32",
            "2025-03-14-1",
            "March",
        ] {
            assert_eq!(date_bound(bad), None, "{bad}");
        }
    }

    #[test]
    fn incident_numbers_may_carry_a_hash() {
        assert_eq!(incident_number("12"), Some(12));
        assert_eq!(incident_number(" #3 "), Some(3));
        assert_eq!(incident_number("three"), None);
        assert_eq!(incident_number("0"), None);
    }
}

//! The Compare view: the reports of one incident (or articles picked in the Library view) side by
//! side. Tabs show each report's lead, numbers, sources, names for the actors, loaded words and
//! hedges in aligned rows; the facts table with the figures that differ marked; the full texts
//! with what the analysis found highlighted and the passages the others share or omit marked; a
//! timeline and the casualty figures as plots; for two near copies, their word diff; for each
//! report, the credibility its corroboration suggests beside the analysts' current marks, with
//! Accept suggestion or another grade recorded through the app's write path; and the facts the
//! other reports carry and each one leaves out.
//!
//! The comparison is the core's [`Comparison`]; computing one takes milliseconds, so it is computed
//! here when the target or the library changes and cached until then. The incident picker reads
//! the first matches of a filter, never every incident ([`IncidentPicker`]).

use std::collections::{HashMap, HashSet};
use std::ops::RangeInclusive;

use chrono::{Datelike, NaiveDate};
use egui::text::{CCursor, LayoutJob};
use egui::{Color32, FontId, RichText, Stroke, TextFormat};
use egui_plot::{Bar, BarChart, Corner, GridInput, GridMark, Legend, Plot, PlotPoint, Points};

use super::TriangulateApp;
use super::incidents::IncidentPicker;
use super::outlets::grade_badge;
use super::widgets::{
    Cached, date_or_dash, diff_legend, diff_text, empty_state, plural, read_error,
};
use triangulate_core::compare::corroboration::Corroboration;
use triangulate_core::compare::missing::MissingFacts;
use triangulate_core::compare::{
    Comparison, FactRow, GENERIC, HighlightKind, IncidentHeader, MAX_REPORTS, Report,
};
use triangulate_core::library::Library;
use triangulate_core::model::{Id, IncidentDetail};

/// Width of a report's column in the aligned tabs: a readable line, and five fit a laptop screen.
const COLUMN_WIDTH: f32 = 260.0;
/// Width of the column naming each row.
const ASPECT_WIDTH: f32 = 120.0;
/// Full texts are no narrower than this; more reports scroll sideways.
const TEXT_WIDTH: f32 = 320.0;

/// Amber: the bar beside passages only one report carries.
const UNIQUE: Color32 = Color32::from_rgb(225, 150, 30);
/// Red: the marker of a fact the reports disagree on.
const DIFFERS: Color32 = Color32::from_rgb(215, 70, 60);

/// What Compare compares.
#[derive(Debug, Clone, PartialEq)]
pub enum Target {
    /// An incident's reports (the first [`MAX_REPORTS`]).
    Incident(Id),
    /// Articles picked by hand in the Library view.
    Articles(Vec<Id>),
}

/// The tabs of the view.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
enum Tab {
    #[default]
    SideBySide,
    Claims,
    Texts,
    Charts,
    Corroboration,
    Missing,
    Diff,
}

impl Tab {
    fn label(self) -> &'static str {
        match self {
            Tab::SideBySide => "Side by side",
            Tab::Claims => "Claims",
            Tab::Texts => "Texts",
            Tab::Charts => "Charts",
            Tab::Corroboration => "Corroboration",
            Tab::Missing => "Missing facts",
            Tab::Diff => "Diff",
        }
    }

    fn hint(self) -> &'static str {
        match self {
            Tab::SideBySide => {
                "One column per report: lead, numbers, sources, names for the actors, loaded words, hedges."
            }
            Tab::Claims => "The facts each report states, with the ones they disagree on marked.",
            Tab::Texts => {
                "The full texts with what the analysis found highlighted, and what each report carries alone."
            }
            Tab::Charts => "When each outlet published, and the casualty figures each claims.",
            Tab::Corroboration => {
                "The credibility each report's corroboration suggests (1: confirmed by other sources), why, and the analysts' current marks; accept it or choose another grade."
            }
            Tab::Missing => {
                "For each report, the figures, actors, places and sources the other reports carry and it does not."
            }
            Tab::Diff => "The two texts are near copies: the words one has and the other lacks.",
        }
    }
}

/// What the Compare view remembers between frames.
#[derive(Default)]
pub struct CompareViewState {
    target: Option<Target>,
    tab: Tab,
    /// The target incident as the library holds it: `None` once deleted or merged away.
    incident: Cached<Id, Option<IncidentDetail>>,
    /// The incident compared when nothing else is chosen, read when there is no target.
    default: Cached<(), Option<Id>>,
    picker: IncidentPicker,
    comparison: Cached<Option<Target>, Option<Comparison>>,
    texts: TextsState,
    corroboration: CorroborationState,
}

/// The Corroboration tab's choices.
#[derive(Default)]
struct CorroborationState {
    /// The report whose suggestion is shown (by article).
    selected: Option<Id>,
    /// The grade chosen instead of the suggestion.
    other: Option<u8>,
    /// A mark to record, taken once the view has drawn (the write needs the whole app).
    pending: Option<NewMark>,
}

/// A credibility mark the analyst asked for in the Corroboration tab.
struct NewMark {
    article: Id,
    outlet: String,
    credibility: u8,
    note: String,
}

/// The Texts tab's choices.
#[derive(Default)]
struct TextsState {
    /// Highlight kinds the analyst switched off in the legend.
    hidden: HashSet<HighlightKind>,
    hide_shared: bool,
    hide_unique: bool,
    scroll_together: bool,
    sync: ScrollSync,
}

impl CompareViewState {
    /// The comparison the view shows, when it shows one (for File > Export report…).
    pub fn shown(&self) -> Option<&Comparison> {
        self.comparison.last().and_then(Option::as_ref)
    }

    /// Compares an incident's reports when the view next draws.
    pub fn open_incident(&mut self, incident: Id) {
        retarget(
            &mut self.target,
            &mut self.tab,
            &mut self.texts,
            Target::Incident(incident),
        );
    }

    /// Compares articles picked by hand when the view next draws.
    pub fn open_articles(&mut self, articles: Vec<Id>) {
        retarget(
            &mut self.target,
            &mut self.tab,
            &mut self.texts,
            Target::Articles(articles),
        );
    }
}

fn retarget(current: &mut Option<Target>, tab: &mut Tab, texts: &mut TextsState, target: Target) {
    if current.as_ref() != Some(&target) {
        *current = Some(target);
        texts.sync = ScrollSync::default();
        if *tab == Tab::Diff {
            *tab = Tab::SideBySide;
        }
    }
}

/// Keeps the full texts scrolled in step: one position, as a fraction of each column's scrollable
/// height, followed by every column; the column the analyst scrolls moves it.
#[derive(Default)]
struct ScrollSync {
    fraction: f32,
    /// Per column (article): the offset it ended the last frame at, and how far it can scroll.
    columns: HashMap<Id, (f32, f32)>,
}

/// The legend's choices in the Texts tab.
struct Shown<'a> {
    hidden: &'a HashSet<HighlightKind>,
    shared: bool,
    unique: bool,
}

/// Draws the view, then records the credibility mark the analyst asked for, if any.
pub fn show(app: &mut TriangulateApp, ui: &mut egui::Ui) {
    draw(app, ui);
    if let Some(mark) = app.compare_view.corroboration.pending.take() {
        record_mark(app, mark);
    }
}

/// Appends the analyst's mark through the app's write path (refused on a read-only library).
fn record_mark(app: &mut TriangulateApp, mark: NewMark) {
    let analyst = app.settings.analyst.trim().to_string();
    let recorded = app.write("record the credibility mark", |l| {
        l.add_assessment(mark.article, &analyst, mark.credibility, &mark.note)
    });
    if recorded.is_some() {
        app.inform(format!(
            "Marked the report of {} {} ({}) by {analyst}.",
            mark.outlet,
            mark.credibility,
            triangulate_core::ratings::credibility_meaning(mark.credibility).unwrap_or_default()
        ));
        app.compare_view.corroboration.other = None;
    }
}

/// Draws the view: the incident picker and header, then the chosen tab.
fn draw(app: &mut TriangulateApp, ui: &mut egui::Ui) {
    let read_only = app.read_only().map(str::to_string);
    let analyst = app.settings.analyst.trim().to_string();
    let Some(library) = app.library.as_ref() else {
        return;
    };
    let generation = app.generation;
    let view = &mut app.compare_view;

    ui.heading("Compare");
    if let Some(Target::Incident(id)) = view.target {
        match view.incident.get(generation, &id, || library.incident(id)) {
            // Deleted or merged away since it was chosen.
            Ok(None) => view.target = None,
            Ok(Some(_)) => {}
            Err(e) => return read_error(ui, e),
        }
    }
    if view.target.is_none() {
        let first = match view
            .default
            .get(generation, &(), || first_to_compare(library))
        {
            Ok(first) => *first,
            Err(e) => return read_error(ui, e),
        };
        if let Some(first) = first {
            retarget(
                &mut view.target,
                &mut view.tab,
                &mut view.texts,
                Target::Incident(first),
            );
        }
    }
    // The target's incident as the library holds it (read once per change of either).
    let incident = match view.target {
        Some(Target::Incident(id)) => {
            match view.incident.get(generation, &id, || library.incident(id)) {
                Ok(incident) => incident.as_ref(),
                Err(e) => return read_error(ui, e),
            }
        }
        _ => None,
    };
    if view.target.is_none() {
        return empty_state(
            ui,
            "Nothing to compare yet. Compare shows the reports of one incident side by side: the numbers each claims, whom each cites, what each calls the actors, what each says that the others omit. Make an incident by accepting link suggestions (Suggestions) or by hand (Incidents > New incident…), or pick two to twelve articles in Library (Ctrl-click) and choose Compare selected.",
        );
    }

    if let Some(choice) = picker(
        ui,
        &mut view.picker,
        (library, generation),
        view.target.as_ref(),
        incident,
    ) {
        retarget(
            &mut view.target,
            &mut view.tab,
            &mut view.texts,
            Target::Incident(choice),
        );
    }
    let target = view.target.clone();
    let comparison = view.comparison.get(generation, &target, || match &target {
        None => Ok(None),
        Some(Target::Incident(id)) => {
            triangulate_core::compare::compare_incident(library, *id).map(Some)
        }
        Some(Target::Articles(ids)) => {
            let header = IncidentHeader {
                title: "Hand-picked articles".to_string(),
                summary: "Articles picked in the Library view.".to_string(),
                ..IncidentHeader::default()
            };
            triangulate_core::compare::compare_articles(library, header, ids).map(Some)
        }
    });
    let comparison = match comparison {
        Ok(Some(comparison)) => comparison,
        Ok(None) => return,
        Err(e) => {
            ui.colored_label(
                ui.visuals().error_fg_color,
                format!("Could not compare these reports: {e}"),
            );
            return;
        }
    };
    let total = match (&target, incident) {
        // Not for one frame after the picker chose another incident.
        (Some(Target::Incident(id)), Some(incident)) if incident.id == *id => {
            incident.reports.len()
        }
        _ => comparison.reports.len(),
    };
    incident_header(ui, comparison, total);
    if comparison.reports.len() < 2 {
        return empty_state(
            ui,
            &format!(
                "Compare needs at least two reports; this has {}. Add reports to the incident on its page in Incidents, or accept link suggestions that extend it.",
                comparison.reports.len()
            ),
        );
    }

    if view.tab == Tab::Diff && comparison.diff.is_none() {
        view.tab = Tab::SideBySide;
    }
    ui.add_space(4.0);
    ui.horizontal(|ui| {
        let mut tabs = vec![
            Tab::SideBySide,
            Tab::Claims,
            Tab::Texts,
            Tab::Charts,
            Tab::Corroboration,
            Tab::Missing,
        ];
        if comparison.diff.is_some() {
            tabs.push(Tab::Diff);
        }
        for tab in tabs {
            ui.selectable_value(&mut view.tab, tab, tab.label())
                .on_hover_text(tab.hint());
        }
    });
    ui.separator();
    match view.tab {
        Tab::SideBySide => side_by_side(ui, comparison),
        Tab::Claims => claims(ui, comparison),
        Tab::Texts => {
            let state = &mut view.texts;
            texts_legend(ui, state, comparison);
            let shown = Shown {
                hidden: &state.hidden,
                shared: !state.hide_shared,
                unique: !state.hide_unique,
            };
            texts(
                ui,
                comparison,
                &shown,
                state.scroll_together,
                &mut state.sync,
            );
        }
        Tab::Charts => charts(ui, comparison),
        Tab::Corroboration => corroboration(
            ui,
            comparison,
            &mut view.corroboration,
            &analyst,
            read_only.as_deref(),
        ),
        Tab::Missing => missing_facts(ui, comparison),
        Tab::Diff => diff(ui, comparison),
    }
}

/// The incident Compare opens on when nothing is chosen: among the newest 50, the first with two
/// reports or more, else the newest.
fn first_to_compare(library: &Library) -> triangulate_core::Result<Option<Id>> {
    let newest = library.incident_page("", None, 0, 50)?;
    Ok(newest
        .iter()
        .find(|i| i.report_count >= 2)
        .or(newest.first())
        .map(|i| i.id))
}

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
fn picker(
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
        let combo = egui::ComboBox::from_id_salt("compare-incident")
            .selected_text(current)
            .width(520.0)
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

fn incident_header(ui: &mut egui::Ui, comparison: &Comparison, total: usize) {
    let incident = &comparison.incident;
    ui.add_space(4.0);
    ui.label(RichText::new(&incident.title).heading().strong());
    let mut facts: Vec<String> = Vec::new();
    if let Some(date) = &incident.date {
        facts.push(date.clone());
    }
    if let Some(place) = &incident.place {
        facts.push(place.clone());
    }
    let shown = comparison.reports.len();
    let outlets: HashSet<&str> = comparison
        .reports
        .iter()
        .map(|r| r.outlet.as_str())
        .collect();
    if total > shown {
        facts.push(format!(
            "Showing {shown} of {total} reports (the earliest; Compare holds at most {MAX_REPORTS})"
        ));
    } else {
        facts.push(format!(
            "{} from {}",
            plural(shown, "report"),
            plural(outlets.len(), "outlet")
        ));
    }
    ui.label(RichText::new(facts.join(" · ")).weak());
    if !incident.summary.trim().is_empty() {
        ui.label(&incident.summary);
    }
}

/// A fixed-width cell of an aligned row.
fn cell(ui: &mut egui::Ui, width: f32, add: impl FnOnce(&mut egui::Ui)) {
    ui.allocate_ui_with_layout(
        egui::vec2(width, 0.0),
        egui::Layout::top_down(egui::Align::Min),
        |ui| {
            ui.set_width(width);
            ui.spacing_mut().item_spacing = egui::vec2(6.0, 4.0);
            add(ui);
        },
    );
}

/// A dash for an empty cell.
fn none(ui: &mut egui::Ui) {
    ui.label(RichText::new("—").weak());
}

/// A report's column heading: outlet with its grade, date, headline.
fn report_heading(ui: &mut egui::Ui, report: &Report) {
    ui.horizontal_wrapped(|ui| {
        ui.label(RichText::new(&report.outlet).strong());
        match report.grade.as_deref() {
            Some(grade) => grade_badge(ui, Some(grade)),
            None => {
                ui.label(
                    RichText::new(" not rated ")
                        .small()
                        .color(Color32::WHITE)
                        .background_color(Color32::GRAY),
                )
                .on_hover_text("No analyst has rated this outlet yet (Outlets).");
            }
        }
    });
    ui.label(RichText::new(date_or_dash(report.published.as_deref())).weak());
    ui.label(RichText::new(&report.headline).italics());
}

/// Each distinct value with how often it occurs, in the order first seen.
fn counted<'a>(values: impl IntoIterator<Item = &'a str>) -> Vec<(&'a str, usize)> {
    let mut out: Vec<(&str, usize)> = Vec::new();
    for v in values {
        match out.iter_mut().find(|(w, _)| w.eq_ignore_ascii_case(v)) {
            Some((_, n)) => *n += 1,
            None => out.push((v, 1)),
        }
    }
    out
}

fn times(n: usize) -> String {
    if n > 1 {
        format!(" ×{n}")
    } else {
        String::new()
    }
}

fn side_by_side(ui: &mut egui::Ui, comparison: &Comparison) {
    type Aspect = (&'static str, &'static str, fn(&mut egui::Ui, &Report));
    let aspects: [Aspect; 8] = [
        (
            "Lead",
            "The first paragraph of at least a dozen words.",
            |ui, r| {
                ui.label(r.lead_text());
            },
        ),
        (
            "Numbers",
            "Each figure the report claims, what it counts and what kind of figure it is.",
            numbers_cell,
        ),
        (
            "Sources cited",
            "Whom the report attributes its claims to.",
            sources_cell,
        ),
        (
            "Names for the actors",
            "What the report calls each side, by actor; labels that name nobody in particular on their own line.",
            names_cell,
        ),
        (
            "Loaded terms",
            "Words that judge rather than describe, and euphemisms that soften.",
            loaded_cell,
        ),
        (
            "Hedges",
            "Words that distance the outlet from a claim.",
            hedges_cell,
        ),
        (
            "Passages",
            "Sentences other reports carry too, and those this report carries alone (see Texts).",
            passages_cell,
        ),
        ("Words", "Length of the cleaned text.", |ui, r| {
            ui.label(r.word_count.to_string());
        }),
    ];
    columns(
        ui,
        "compare-side-by-side",
        |ui| {
            aligned_row(ui, 0, |ui| {
                cell(ui, ASPECT_WIDTH, |_| {});
                for report in &comparison.reports {
                    cell(ui, COLUMN_WIDTH, |ui| report_heading(ui, report));
                }
            });
        },
        |ui| {
            for (n, (name, hint, draw)) in aspects.into_iter().enumerate() {
                aligned_row(ui, n + 1, |ui| {
                    cell(ui, ASPECT_WIDTH, |ui| {
                        ui.strong(name).on_hover_text(hint);
                    });
                    for report in &comparison.reports {
                        cell(ui, COLUMN_WIDTH, |ui| draw(ui, report));
                    }
                });
            }
        },
    );
}

/// Aligned columns: the heading row stays in place while the rows under it scroll; both scroll
/// sideways together when the columns do not fit.
fn columns(
    ui: &mut egui::Ui,
    salt: &str,
    heading: impl FnOnce(&mut egui::Ui),
    rows: impl FnOnce(&mut egui::Ui),
) {
    egui::ScrollArea::horizontal()
        .id_salt(salt)
        .auto_shrink([false, false])
        .show(ui, |ui| {
            ui.vertical(|ui| {
                ui.spacing_mut().item_spacing.y = 0.0;
                heading(ui);
                egui::ScrollArea::vertical()
                    .id_salt((salt, "rows"))
                    .auto_shrink([true, false])
                    .show(ui, |ui| {
                        ui.spacing_mut().item_spacing.y = 0.0;
                        rows(ui);
                    });
            });
        });
}

/// One row of cells, aligned at the top, every other row shaded.
fn aligned_row(ui: &mut egui::Ui, index: usize, add: impl FnOnce(&mut egui::Ui)) {
    let fill = if index % 2 == 1 {
        ui.visuals().faint_bg_color
    } else {
        Color32::TRANSPARENT
    };
    egui::Frame::new()
        .fill(fill)
        .inner_margin(egui::Margin::symmetric(4, 6))
        .show(ui, |ui| {
            ui.spacing_mut().item_spacing = egui::vec2(14.0, 4.0);
            ui.horizontal_top(add);
        });
}

fn numbers_cell(ui: &mut egui::Ui, report: &Report) {
    if report.claims.is_empty() {
        return none(ui);
    }
    for claim in &report.claims {
        let what = claim.what.as_deref().unwrap_or_default();
        ui.horizontal_wrapped(|ui| {
            ui.spacing_mut().item_spacing.x = 4.0;
            ui.label(RichText::new(claim.number_text()).strong());
            if !what.is_empty() {
                ui.label(what);
            }
            ui.label(RichText::new(format!("· {}", claim.kind.label())).weak());
        })
        .response
        .on_hover_text(format!("“{}”", claim.text));
    }
}

fn sources_cell(ui: &mut egui::Ui, report: &Report) {
    if report.attributions.is_empty() {
        ui.label(RichText::new("no one named").weak())
            .on_hover_text(
                "The report attributes none of its claims: it states them on its own authority.",
            );
        return;
    }
    for (source, n) in counted(report.attributions.iter().map(|a| a.source.as_str())) {
        ui.label(format!("•  {source}{}", times(n)));
    }
}

fn names_cell(ui: &mut egui::Ui, report: &Report) {
    if report.actor_names.is_empty() {
        return none(ui);
    }
    let mut groups: Vec<&str> = Vec::new();
    for n in &report.actor_names {
        if n.group != GENERIC && !groups.contains(&n.group.as_str()) {
            groups.push(&n.group);
        }
    }
    // The names one group goes by in this report: "Daesh ×3, ISIS".
    let names_of = |group: &str| -> Vec<String> {
        report
            .actor_names
            .iter()
            .filter(|n| n.group == group)
            .map(|n| format!("{}{}", n.name, times(n.count)))
            .collect()
    };
    for group in groups {
        let names = names_of(group);
        ui.horizontal_wrapped(|ui| {
            ui.spacing_mut().item_spacing.x = 4.0;
            ui.label(RichText::new(format!("{group}:")).weak());
            ui.label(names.join(", "));
        });
    }
    let generic = names_of(GENERIC);
    if !generic.is_empty() {
        ui.horizontal_wrapped(|ui| {
            ui.spacing_mut().item_spacing.x = 4.0;
            ui.label(RichText::new("labels:").weak()).on_hover_text(
                "Words that name no particular group: terrorists, militants, fighters.",
            );
            ui.label(RichText::new(generic.join(", ")).italics());
        });
    }
}

fn loaded_cell(ui: &mut egui::Ui, report: &Report) {
    if report.loaded_terms.is_empty() {
        return none(ui);
    }
    let mut seen: Vec<(&str, String, usize)> = Vec::new();
    for t in &report.loaded_terms {
        match seen
            .iter_mut()
            .find(|(w, _, _)| w.eq_ignore_ascii_case(&t.text))
        {
            Some((_, _, n)) => *n += 1,
            None => seen.push((&t.text, t.category.label().to_string(), 1)),
        }
    }
    ui.horizontal_wrapped(|ui| {
        for (i, (text, category, n)) in seen.iter().enumerate() {
            let sep = if i + 1 < seen.len() { "," } else { "" };
            if category == "euphemism" {
                ui.label(
                    RichText::new(format!("“{text}”{} (euphemism){sep}", times(*n))).italics(),
                )
                .on_hover_text("A euphemism: a word that softens what happened.");
            } else {
                ui.label(format!("“{text}”{}{sep}", times(*n)))
                    .on_hover_text(format!("A {category} word."));
            }
        }
    });
}

fn hedges_cell(ui: &mut egui::Ui, report: &Report) {
    if report.hedges.is_empty() {
        return none(ui);
    }
    let words: Vec<String> = counted(report.hedges.iter().map(|h| h.text.as_str()))
        .into_iter()
        .map(|(w, n)| format!("“{w}”{}", times(n)))
        .collect();
    ui.label(words.join(", "));
}

fn passages_cell(ui: &mut egui::Ui, report: &Report) {
    ui.label(format!(
        "{} shared with others, {} only here",
        report.shared_passages.len(),
        report.unique_passages.len()
    ));
}

/// Soft fills for the values of a fact: cells of one colour say the same.
const VALUE_FILLS: [Color32; 6] = [
    Color32::from_rgba_premultiplied(40, 70, 110, 90),
    Color32::from_rgba_premultiplied(110, 60, 20, 90),
    Color32::from_rgba_premultiplied(40, 90, 45, 90),
    Color32::from_rgba_premultiplied(100, 35, 90, 90),
    Color32::from_rgba_premultiplied(95, 85, 20, 90),
    Color32::from_rgba_premultiplied(25, 90, 90, 90),
];

/// What a cell says of its fact, as compared for agreement: the first figure (low and high) for
/// number facts, the value shown for the others.
fn value_key(row: &FactRow, column: usize, report: &Report) -> Option<String> {
    let cell = row.cells.get(column)?;
    match cell.claims.first().and_then(|&i| report.claims.get(i)) {
        Some(claim) => Some(format!("{}-{:?}", claim.number, claim.high)),
        None => cell.main.clone(),
    }
}

/// The fact's name, and "≠ differs" where the reports disagree.
fn fact_heading(ui: &egui::Ui, row: &FactRow) -> LayoutJob {
    let mut job = LayoutJob::default();
    job.append(
        &row.fact,
        0.0,
        TextFormat {
            font_id: FontId::proportional(14.0),
            color: ui.visuals().strong_text_color(),
            ..Default::default()
        },
    );
    if row.disagreement {
        job.append(
            "  ≠ differs",
            0.0,
            TextFormat {
                font_id: FontId::proportional(14.0),
                color: DIFFERS,
                ..Default::default()
            },
        );
    }
    job
}

fn claims(ui: &mut egui::Ui, comparison: &Comparison) {
    let differ = comparison.facts.iter().filter(|f| f.disagreement).count();
    let summary = match differ {
        0 => "The reports state no fact differently.".to_string(),
        n => format!(
            "{} (marked ≠): cells of one colour give the same value. Each report's first figure is its main one; the rest follow under “also”.",
            if n == 1 {
                "1 fact differs".to_string()
            } else {
                format!("{n} facts differ")
            }
        ),
    };
    ui.label(RichText::new(summary).weak());
    ui.add_space(4.0);
    columns(
        ui,
        "compare-claims",
        |ui| {
            aligned_row(ui, 0, |ui| {
                cell(ui, ASPECT_WIDTH, |ui| {
                    ui.strong("Fact");
                });
                for report in &comparison.reports {
                    cell(ui, COLUMN_WIDTH, |ui| {
                        ui.horizontal_wrapped(|ui| {
                            ui.label(RichText::new(&report.outlet).strong());
                            grade_badge_or_nothing(ui, report);
                        });
                        ui.label(RichText::new(date_or_dash(report.published.as_deref())).weak());
                    });
                }
            });
        },
        |ui| {
            for (n, row) in comparison.facts.iter().enumerate() {
                aligned_row(ui, n + 1, |ui| fact_row(ui, row, &comparison.reports));
            }
        },
    );
}

fn grade_badge_or_nothing(ui: &mut egui::Ui, report: &Report) {
    if let Some(grade) = report.grade.as_deref() {
        grade_badge(ui, Some(grade));
    }
}

fn fact_row(ui: &mut egui::Ui, row: &FactRow, reports: &[Report]) {
    let heading = fact_heading(ui, row);
    cell(ui, ASPECT_WIDTH, |ui| {
        let response = ui.label(heading);
        if row.disagreement {
            response.on_hover_text("The reports that state this fact state it differently.");
        }
    });
    let mut keys: Vec<String> = Vec::new();
    for (column, report) in reports.iter().enumerate() {
        let fact = row.cells.get(column);
        let key = value_key(row, column, report);
        let fill = match (&key, row.disagreement) {
            (Some(key), true) => {
                let n = keys.iter().position(|k| k == key).unwrap_or_else(|| {
                    keys.push(key.clone());
                    keys.len() - 1
                });
                VALUE_FILLS[n % VALUE_FILLS.len()]
            }
            _ => Color32::TRANSPARENT,
        };
        cell(ui, COLUMN_WIDTH, |ui| {
            let Some(fact) = fact.filter(|f| f.main.is_some()) else {
                return none(ui);
            };
            egui::Frame::new()
                .fill(fill)
                .inner_margin(egui::Margin::symmetric(4, 2))
                .corner_radius(3.0)
                .show(ui, |ui| {
                    let main = fact.main.as_deref().unwrap_or_default();
                    let text = if row.disagreement {
                        RichText::new(main).strong()
                    } else {
                        RichText::new(main)
                    };
                    let response = ui.label(text);
                    let quotes: Vec<String> = fact
                        .claims
                        .iter()
                        .filter_map(|&i| report.claims.get(i))
                        .map(|c| format!("“{}”", c.text))
                        .collect();
                    if !quotes.is_empty() {
                        response.on_hover_text(quotes.join("\n"));
                    }
                    if !fact.also.is_empty() {
                        let also = RichText::new(format!("also {}", fact.also.join("; "))).small();
                        // On a tinted cell weak text would not read.
                        ui.label(if fill == Color32::TRANSPARENT {
                            also.weak()
                        } else {
                            also
                        });
                    }
                });
        });
    }
}

/// The colour of a kind of highlight in the Texts tab.
fn highlight_color(kind: HighlightKind) -> Color32 {
    match kind {
        HighlightKind::Number => Color32::from_rgb(235, 140, 30),
        HighlightKind::Attribution => Color32::from_rgb(70, 140, 235),
        HighlightKind::Actor => Color32::from_rgb(170, 100, 225),
        HighlightKind::Loaded => Color32::from_rgb(225, 60, 60),
        HighlightKind::Hedge => Color32::from_rgb(30, 175, 175),
        HighlightKind::Place => Color32::from_rgb(80, 170, 70),
    }
}

/// The light fill of highlighted words.
fn highlight_fill(kind: HighlightKind) -> Color32 {
    highlight_color(kind).gamma_multiply(0.35)
}

/// The faint fill of passages other reports carry too.
fn shared_fill() -> Color32 {
    Color32::from_rgb(120, 140, 175).gamma_multiply(0.22)
}

fn texts_legend(ui: &mut egui::Ui, view: &mut TextsState, comparison: &Comparison) {
    ui.horizontal_wrapped(|ui| {
        ui.label("Highlight:");
        for kind in HighlightKind::ALL {
            let mut on = !view.hidden.contains(&kind);
            let text = RichText::new(kind.label())
                .background_color(highlight_fill(kind))
                .underline();
            if ui.checkbox(&mut on, text).changed() {
                if on {
                    view.hidden.remove(&kind);
                } else {
                    view.hidden.insert(kind);
                }
            }
        }
    });
    ui.horizontal_wrapped(|ui| {
        let mut shared = !view.hide_shared;
        if ui
            .checkbox(
                &mut shared,
                RichText::new("shared with other reports").background_color(shared_fill()),
            )
            .on_hover_text("Sentences other reports carry too; point at one to see which.")
            .changed()
        {
            view.hide_shared = !shared;
        }
        let mut unique = !view.hide_unique;
        if ui
            .checkbox(
                &mut unique,
                RichText::new("only in this report — what the others omit").color(UNIQUE),
            )
            .on_hover_text("Marked by a bar in the margin.")
            .changed()
        {
            view.hide_unique = !unique;
        }
        ui.separator();
        if ui
            .checkbox(&mut view.scroll_together, "Scroll together")
            .on_hover_text("Scrolling one text scrolls the others to the same place, in proportion to their length.")
            .changed()
            && view.scroll_together
        {
            // Start from where the first text stands.
            let first = comparison
                .reports
                .first()
                .and_then(|r| view.sync.columns.get(&r.article_id));
            view.sync.fraction = match first {
                Some((offset, max)) if *max > 0.0 => offset / max,
                _ => 0.0,
            };
        }
    });
}

/// The body with highlights and passage fills as one block of text.
fn marked_body(ui: &egui::Ui, report: &Report, shown: &Shown, width: f32) -> LayoutJob {
    let body = &report.body;
    let highlights: Vec<_> = report
        .highlights()
        .into_iter()
        .filter(|h| !shown.hidden.contains(&h.kind))
        .collect();
    let mut cuts: Vec<usize> = vec![0, body.len()];
    for h in &highlights {
        cuts.extend([h.start, h.end]);
    }
    if shown.shared {
        for p in &report.shared_passages {
            cuts.extend([p.start, p.end]);
        }
    }
    cuts.retain(|&c| c <= body.len() && body.is_char_boundary(c));
    cuts.sort_unstable();
    cuts.dedup();

    let plain = TextFormat {
        font_id: FontId::proportional(14.0),
        color: ui.visuals().text_color(),
        ..Default::default()
    };
    let mut job = LayoutJob::default();
    for pair in cuts.windows(2) {
        let (start, end) = (pair[0], pair[1]);
        let Some(text) = body.get(start..end) else {
            continue;
        };
        let mut format = plain.clone();
        if shown.shared
            && report
                .shared_passages
                .iter()
                .any(|p| p.start <= start && end <= p.end)
        {
            format.background = shared_fill();
        }
        if let Some(h) = highlights.iter().find(|h| h.start <= start && end <= h.end) {
            format.background = highlight_fill(h.kind);
            format.underline = Stroke::new(1.5, highlight_color(h.kind));
        }
        job.append(text, 0.0, format);
    }
    job.wrap.max_width = width;
    job
}

/// The character index of a byte offset of `text`.
fn char_index(text: &str, byte: usize) -> usize {
    text.get(..byte.min(text.len()))
        .map_or_else(|| text.chars().count(), |s| s.chars().count())
}

/// What the pointer is over in a report's text, for the tooltip.
fn hover_text(
    report: &Report,
    byte: usize,
    outlets: &HashMap<Id, &str>,
    others: usize,
) -> Option<String> {
    let mut lines: Vec<String> = Vec::new();
    if let Some(h) = report
        .highlights()
        .into_iter()
        .find(|h| h.start <= byte && byte < h.end)
    {
        lines.push(format!("{} (highlighted)", h.kind.label()));
    }
    if let Some(p) = report.passage_at(byte) {
        if p.with.is_empty() {
            lines.push(format!(
                "Only in this report: none of the other {} carries this passage.",
                plural(others, "report")
            ));
        } else {
            let names: Vec<&str> = p
                .with
                .iter()
                .map(|id| {
                    outlets
                        .get(id)
                        .copied()
                        .unwrap_or("a report no longer here")
                })
                .collect();
            lines.push(format!("Also in: {}", names.join(", ")));
        }
    }
    (!lines.is_empty()).then(|| lines.join("\n"))
}

fn texts(
    ui: &mut egui::Ui,
    comparison: &Comparison,
    shown: &Shown,
    together: bool,
    sync: &mut ScrollSync,
) {
    let outlets: HashMap<Id, &str> = comparison
        .reports
        .iter()
        .map(|r| (r.article_id, r.outlet.as_str()))
        .collect();
    let others = comparison.reports.len().saturating_sub(1);
    let n = comparison.reports.len().max(1) as f32;
    let spacing = ui.spacing().item_spacing.x;
    let width = ((ui.available_width() - spacing * (n - 1.0)) / n - 4.0).max(TEXT_WIDTH);
    let height = ui.available_height();
    let mut moved: Option<f32> = None;
    egui::ScrollArea::horizontal()
        .id_salt("compare-texts")
        .auto_shrink([false, false])
        .show(ui, |ui| {
            ui.horizontal_top(|ui| {
                for report in &comparison.reports {
                    ui.allocate_ui_with_layout(
                        egui::vec2(width, height),
                        egui::Layout::top_down(egui::Align::Min),
                        |ui| {
                            ui.set_width(width);
                            ui.horizontal(|ui| {
                                ui.label(RichText::new(&report.outlet).strong());
                                grade_badge_or_nothing(ui, report);
                                ui.label(
                                    RichText::new(date_or_dash(report.published.as_deref())).weak(),
                                );
                            });
                            let id = report.article_id;
                            let before = sync.columns.get(&id).copied();
                            let mut start = before.map(|(offset, _)| offset);
                            let mut area = egui::ScrollArea::vertical()
                                .id_salt(("compare-text", id))
                                .auto_shrink([false, false]);
                            if together && let Some((offset, max)) = before {
                                let want = (sync.fraction * max).clamp(0.0, max);
                                if (offset - want).abs() > 0.5 {
                                    area = area.vertical_scroll_offset(want);
                                    start = Some(want);
                                }
                            }
                            let out = area.show(ui, |ui| {
                                text_block(ui, report, shown, &outlets, others);
                            });
                            let offset = out.state.clamped_offset().y;
                            let max = (out.content_size.y - out.inner_rect.height()).max(0.0);
                            if together
                                && moved.is_none()
                                && max > 0.0
                                && start.is_some_and(|s| (offset - s).abs() > 0.5)
                            {
                                moved = Some(offset / max);
                            }
                            sync.columns.insert(id, (offset, max));
                        },
                    );
                }
            });
        });
    if let Some(fraction) = moved {
        sync.fraction = fraction.clamp(0.0, 1.0);
        ui.ctx().request_repaint();
    }
}

/// One report's text: the marked body, a bar beside each passage no other report carries, and
/// a tooltip saying what the pointer is over.
fn text_block(
    ui: &mut egui::Ui,
    report: &Report,
    shown: &Shown,
    outlets: &HashMap<Id, &str>,
    others: usize,
) {
    egui::Frame::new()
        .inner_margin(egui::Margin {
            left: 10,
            right: 6,
            top: 2,
            bottom: 2,
        })
        .show(ui, |ui| {
            let job = marked_body(ui, report, shown, ui.available_width());
            let galley = ui.fonts_mut(|fonts| fonts.layout_job(job));
            let response = ui.add(egui::Label::new(galley.clone()));
            let origin = response.rect.left_top();
            if shown.unique {
                for p in &report.unique_passages {
                    let top =
                        galley.pos_from_cursor(CCursor::new(char_index(&report.body, p.start)));
                    let bottom =
                        galley.pos_from_cursor(CCursor::new(char_index(&report.body, p.end)));
                    let x = origin.x - 6.0;
                    ui.painter().line_segment(
                        [
                            egui::pos2(x, origin.y + top.top()),
                            egui::pos2(x, origin.y + bottom.bottom()),
                        ],
                        Stroke::new(3.0, UNIQUE),
                    );
                }
            }
            if let Some(pointer) = response.hover_pos() {
                let at = galley.cursor_from_pos(pointer - origin).index.0;
                let byte = report
                    .body
                    .char_indices()
                    .nth(at)
                    .map_or(report.body.len(), |(b, _)| b);
                if let Some(text) = hover_text(report, byte, outlets, others) {
                    response.on_hover_text_at_pointer(text);
                }
            }
        });
}

/// A report's row label in the charts: its outlet, numbered where one outlet has two reports.
fn row_names(reports: &[Report]) -> Vec<String> {
    let mut names: Vec<String> = Vec::with_capacity(reports.len());
    for (i, r) in reports.iter().enumerate() {
        let earlier = reports[..i].iter().filter(|o| o.outlet == r.outlet).count();
        names.push(if earlier == 0 {
            r.outlet.clone()
        } else {
            format!("{} ({})", r.outlet, earlier + 1)
        });
    }
    names
}

/// Colours of the outlets in the charts.
const OUTLET_COLORS: [Color32; 12] = [
    Color32::from_rgb(70, 140, 235),
    Color32::from_rgb(235, 140, 30),
    Color32::from_rgb(80, 170, 70),
    Color32::from_rgb(225, 60, 60),
    Color32::from_rgb(170, 100, 225),
    Color32::from_rgb(30, 175, 175),
    Color32::from_rgb(200, 170, 40),
    Color32::from_rgb(230, 110, 170),
    Color32::from_rgb(130, 130, 130),
    Color32::from_rgb(120, 90, 60),
    Color32::from_rgb(40, 100, 160),
    Color32::from_rgb(150, 190, 60),
];

/// A day as the charts count it.
fn day_number(date: &str) -> Option<f64> {
    let day = NaiveDate::parse_from_str(date.get(..10)?, "%Y-%m-%d").ok()?;
    Some(f64::from(day.num_days_from_ce()))
}

fn day_text(day: f64) -> String {
    if !day.is_finite() || day.abs() > 10_000_000.0 {
        return String::new();
    }
    NaiveDate::from_num_days_from_ce_opt(day.round() as i32)
        .map(|d| d.format("%-d %b %Y").to_string())
        .unwrap_or_default()
}

/// Grid lines at whole days, weeks, months or years, whichever gives about ten.
fn day_marks(input: GridInput) -> Vec<GridMark> {
    let (low, high) = input.bounds;
    if !low.is_finite() || !high.is_finite() || high <= low {
        return Vec::new();
    }
    let span = high - low;
    let step = [1.0, 2.0, 7.0, 14.0, 30.0, 91.0, 365.0, 3650.0]
        .into_iter()
        .find(|s| span / s <= 10.0)
        .unwrap_or(36500.0);
    let first = (low / step).ceil() as i64;
    let last = (high / step).floor() as i64;
    (first..=last.min(first + 100))
        .map(|k| GridMark {
            value: k as f64 * step,
            step_size: step,
        })
        .collect()
}

/// Grid lines at each report's row.
fn row_marks(rows: usize) -> impl Fn(GridInput) -> Vec<GridMark> {
    move |_| {
        (0..rows)
            .map(|i| GridMark {
                value: i as f64,
                step_size: 1.0,
            })
            .collect()
    }
}

/// The outlet of the row at `value` (rows run top down: the first report highest).
fn row_label(names: &[String], value: f64) -> String {
    let rows = names.len();
    let r = value.round();
    if (value - r).abs() > 0.01 || r < 0.0 || r as usize >= rows {
        return String::new();
    }
    names[rows - 1 - r as usize].clone()
}

fn charts(ui: &mut egui::Ui, comparison: &Comparison) {
    let reports = &comparison.reports;
    let names = row_names(reports);
    let rows = reports.len();
    let height = (rows as f32 * 30.0 + 70.0).max(180.0);
    let y_of = |i: usize| (rows - 1 - i) as f64;
    egui::ScrollArea::vertical()
        .id_salt("compare-charts")
        .auto_shrink([false, false])
        .show(ui, |ui| {
            ui.strong("When each outlet published");
            let dated: Vec<(usize, f64)> = reports
                .iter()
                .enumerate()
                .filter_map(|(i, r)| r.published.as_deref().and_then(day_number).map(|d| (i, d)))
                .collect();
            if dated.is_empty() {
                ui.label(RichText::new("None of these reports carries a date.").weak());
            } else {
                let first = dated.iter().map(|(_, d)| *d).fold(f64::INFINITY, f64::min);
                let last = dated
                    .iter()
                    .map(|(_, d)| *d)
                    .fold(f64::NEG_INFINITY, f64::max);
                let label_names = names.clone();
                let axis_names = names.clone();
                Plot::new("compare-timeline")
                    .height(height)
                    .allow_zoom(false)
                    .allow_drag(false)
                    .allow_scroll(false)
                    .allow_boxed_zoom(false)
                    .allow_double_click_reset(false)
                    .include_x(first - 1.0)
                    .include_x(last + 1.0)
                    .include_y(-0.5)
                    .include_y(rows as f64 - 0.5)
                    .x_grid_spacer(day_marks)
                    .y_grid_spacer(row_marks(rows))
                    .x_axis_formatter(|mark: GridMark, _: &RangeInclusive<f64>| {
                        day_text(mark.value)
                    })
                    .y_axis_formatter(move |mark: GridMark, _: &RangeInclusive<f64>| {
                        row_label(&axis_names, mark.value)
                    })
                    .y_axis_min_width(190.0)
                    .x_axis_label("published")
                    .label_formatter(move |pos| match pos {
                        egui_plot::HoverPosition::NearDataPoint { position, .. } => Some(format!(
                            "{}\n{}",
                            row_label(&label_names, position.y),
                            day_text(position.x)
                        )),
                        egui_plot::HoverPosition::Elsewhere { .. } => None,
                    })
                    .show(ui, |plot| {
                        for &(i, day) in &dated {
                            let color = OUTLET_COLORS[i % OUTLET_COLORS.len()];
                            plot.points(
                                Points::new(names[i].clone(), vec![[day, y_of(i)]])
                                    .radius(6.0)
                                    .color(color),
                            );
                            plot.text(
                                egui_plot::Text::new(
                                    "",
                                    PlotPoint::new(day, y_of(i)),
                                    format!("   {}", day_text(day)),
                                )
                                .anchor(egui::Align2::LEFT_CENTER),
                            );
                        }
                    });
            }
            let undated: Vec<&str> = reports
                .iter()
                .enumerate()
                .filter(|(i, _)| !dated.iter().any(|(d, _)| d == i))
                .map(|(i, _)| names[i].as_str())
                .collect();
            if !undated.is_empty() {
                ui.label(RichText::new(format!("No date: {}", undated.join(", "))).weak());
            }

            ui.add_space(12.0);
            ui.strong("Casualty figures each outlet claims");
            casualty_chart(ui, comparison, &names, height);
        });
}

/// Whether a claim gives no number of its own ("dozens"): it has no length on a bar chart.
fn is_vague(claim: &triangulate_core::compare::ClaimItem) -> bool {
    matches!(
        claim.qualifier.as_deref(),
        Some("dozens" | "hundreds" | "thousands")
    )
}

/// The main figure each report gives for a fact ("killed"): (report, number, as written), the
/// number `None` where the report gives a word ("dozens") rather than a number.
fn main_figures(comparison: &Comparison, fact: &str) -> Vec<(usize, Option<u64>, String)> {
    let Some(row) = comparison.facts.iter().find(|f| f.fact == fact) else {
        return Vec::new();
    };
    comparison
        .reports
        .iter()
        .enumerate()
        .filter_map(|(i, r)| {
            let claim = row
                .cells
                .get(i)?
                .claims
                .first()
                .and_then(|&c| r.claims.get(c))?;
            let number = (!is_vague(claim)).then_some(claim.number);
            Some((i, number, claim.number_text()))
        })
        .collect()
}

fn casualty_chart(ui: &mut egui::Ui, comparison: &Comparison, names: &[String], height: f32) {
    let rows = comparison.reports.len();
    let y_of = |i: usize| (rows - 1 - i) as f64;
    let killed = main_figures(comparison, "killed");
    let wounded = main_figures(comparison, "wounded");
    if killed.is_empty() && wounded.is_empty() {
        ui.label(
            RichText::new("None of these reports gives a figure for the killed or wounded.").weak(),
        );
        return;
    }
    let series = [
        ("killed", Color32::from_rgb(215, 70, 60), 0.18, &killed),
        ("wounded", Color32::from_rgb(235, 160, 40), -0.18, &wounded),
    ];
    let axis_names = names.to_vec();
    Plot::new("compare-casualties")
        .height(height)
        .allow_zoom(false)
        .allow_drag(false)
        .allow_scroll(false)
        .allow_boxed_zoom(false)
        .allow_double_click_reset(false)
        .include_x(0.0)
        .include_y(-0.5)
        .include_y(rows as f64 - 0.5)
        .y_grid_spacer(row_marks(rows))
        .y_axis_formatter(move |mark: GridMark, _: &RangeInclusive<f64>| {
            row_label(&axis_names, mark.value)
        })
        .y_axis_min_width(190.0)
        .x_axis_label("people, as each report's first figure states it")
        .legend(Legend::default().position(Corner::RightBottom))
        .show(ui, |plot| {
            for (fact, color, shift, figures) in series {
                if figures.is_empty() {
                    continue;
                }
                let bars: Vec<Bar> = figures
                    .iter()
                    .filter_map(|(i, number, text)| {
                        let number = (*number)?;
                        Some(
                            Bar::new(y_of(*i) + shift, number as f64)
                                .width(0.34)
                                .fill(color.gamma_multiply(0.75))
                                .stroke(Stroke::new(1.0, color))
                                .name(format!("{}: {text} {fact}", names[*i])),
                        )
                    })
                    .collect();
                plot.bar_chart(
                    BarChart::new(fact, bars)
                        .color(color)
                        .horizontal()
                        .element_formatter(Box::new(|bar, _| bar.name.clone())),
                );
                for (i, number, text) in figures.iter() {
                    // A word ("dozens") is written at zero, with no bar: it gives no length.
                    let at = number.unwrap_or(0) as f64;
                    let text = if number.is_some() {
                        text.clone()
                    } else {
                        format!("{text} (no number)")
                    };
                    plot.text(
                        egui_plot::Text::new(
                            "",
                            PlotPoint::new(at, y_of(*i) + shift),
                            format!("  {text}"),
                        )
                        .anchor(egui::Align2::LEFT_CENTER),
                    );
                }
            }
        });
    for (fact, figures) in [("killed", &killed), ("wounded", &wounded)] {
        let missing: Vec<&str> = (0..rows)
            .filter(|i| !figures.iter().any(|(r, _, _)| r == i))
            .map(|i| names[i].as_str())
            .collect();
        if !missing.is_empty() && missing.len() < rows {
            ui.label(RichText::new(format!("No {fact} figure: {}", missing.join(", "))).weak());
        }
    }
}

/// A credibility mark with its meaning: "1 (confirmed by other sources)".
fn mark_text(mark: u8) -> String {
    format!(
        "{mark} ({})",
        triangulate_core::ratings::credibility_meaning(mark).unwrap_or("not a mark")
    )
}

/// The Corroboration tab: the reports as a list, and for the one chosen its suggestion, why,
/// the analysts' current marks, the ways to record a mark, and the facts it leaves out.
fn corroboration(
    ui: &mut egui::Ui,
    comparison: &Comparison,
    state: &mut CorroborationState,
    analyst: &str,
    read_only: Option<&str>,
) {
    let items = &comparison.corroboration;
    let suggested = items.iter().filter(|c| c.suggested.is_some()).count();
    ui.label(
        RichText::new(format!(
            "{} of {} suggested credibility 1 (confirmed by other sources): a figure two independent sources give. Copies of one text, reports of one outlet and reports citing one origin count once. Nothing is recorded until you accept a suggestion or choose a grade; the analysts' marks are never changed.",
            plural(suggested, "report"),
            items.len()
        ))
        .weak(),
    );
    ui.add_space(4.0);
    if !state
        .selected
        .is_some_and(|id| items.iter().any(|c| c.article_id == id))
    {
        state.selected = items
            .iter()
            .find(|c| c.suggested.is_some())
            .or(items.first())
            .map(|c| c.article_id);
        state.other = None;
    }
    let report_of = |id: Id| comparison.reports.iter().find(|r| r.article_id == id);
    ui.horizontal_top(|ui| {
        ui.vertical(|ui| {
            ui.set_width(COLUMN_WIDTH + 40.0);
            ui.strong("Reports");
            egui::ScrollArea::vertical()
                .id_salt("corroboration-reports")
                .auto_shrink([false, true])
                .show(ui, |ui| {
                    for c in items {
                        let headline = report_of(c.article_id)
                            .map(|r| r.headline.as_str())
                            .unwrap_or_default();
                        let chosen = state.selected == Some(c.article_id);
                        if ui
                            .selectable_label(chosen, format!("{}: {headline}", c.outlet))
                            .clicked()
                            && !chosen
                        {
                            state.selected = Some(c.article_id);
                            state.other = None;
                        }
                        let mut summary = match c.suggested {
                            Some(m) => format!("suggests {m}"),
                            None => "no suggestion".to_string(),
                        };
                        for a in &c.assessments {
                            summary.push_str(&format!(" · {} marked {}", a.analyst, a.credibility));
                        }
                        ui.label(RichText::new(summary).small().weak());
                        ui.add_space(4.0);
                    }
                });
        });
        ui.separator();
        ui.vertical(|ui| {
            let Some(c) = state
                .selected
                .and_then(|id| items.iter().find(|c| c.article_id == id))
            else {
                return;
            };
            let missing = comparison
                .missing_facts
                .iter()
                .find(|m| m.article_id == c.article_id);
            egui::ScrollArea::vertical()
                .id_salt("corroboration-detail")
                .auto_shrink([false, true])
                .show(ui, |ui| {
                    corroboration_detail(
                        ui,
                        c,
                        report_of(c.article_id),
                        missing,
                        state,
                        analyst,
                        read_only,
                    );
                });
        });
    });
}

/// Why the suggestion is what it is, a figure at a time: who gives it independently, and each
/// report that gives it too but does not count, with the reason (the same words as the
/// explanation recorded with an accepted mark, set out as a list).
fn corroboration_figures(ui: &mut egui::Ui, c: &Corroboration) {
    if c.figures.is_empty() {
        ui.label(&c.explanation);
        return;
    }
    for f in &c.figures {
        ui.horizontal_wrapped(|ui| {
            ui.label(RichText::new(&f.fact).strong());
            let names: Vec<String> = f
                .sources
                .iter()
                .map(|s| {
                    if s.article_id == c.article_id {
                        format!("{} (this report)", s.outlet)
                    } else {
                        s.outlet.clone()
                    }
                })
                .collect();
            let n = f.sources.len();
            if f.confirmed {
                ui.label(
                    RichText::new(format!(
                        "confirmed by {n} independent sources: {}",
                        names.join(", ")
                    ))
                    .color(ui.visuals().hyperlink_color),
                );
            } else if n == 1 && f.not_counted.is_empty() {
                ui.label(RichText::new("no other report gives it").weak());
            } else {
                ui.label(RichText::new(format!("one source only: {}", names.join(", "))).weak());
            }
        });
        for d in &f.not_counted {
            ui.horizontal_wrapped(|ui| {
                ui.add_space(16.0);
                ui.label(RichText::new(format!("· {}", d.reason)).weak());
            });
        }
    }
    if !c.places.is_empty() {
        ui.label(
            RichText::new(format!(
                "Independent reports name {} too; a shared place alone confirms nothing.",
                c.places.join(" and ")
            ))
            .weak(),
        );
    }
}

fn corroboration_detail(
    ui: &mut egui::Ui,
    c: &Corroboration,
    report: Option<&Report>,
    missing: Option<&MissingFacts>,
    state: &mut CorroborationState,
    analyst: &str,
    read_only: Option<&str>,
) {
    ui.label(RichText::new(&c.outlet).heading().strong());
    if let Some(report) = report {
        ui.label(RichText::new(&report.headline).italics());
    }
    ui.add_space(6.0);
    ui.horizontal_wrapped(|ui| {
        ui.label("Suggested credibility:");
        match c.suggested {
            Some(m) => ui.label(RichText::new(mark_text(m)).strong()),
            None => ui.label(RichText::new("none").weak()),
        };
    });
    corroboration_figures(ui, c);
    ui.add_space(6.0);
    ui.strong("Analysts' current marks");
    if c.assessments.is_empty() {
        ui.label(RichText::new("No analyst has marked this report.").weak());
    }
    for a in &c.assessments {
        let response = ui.label(format!("{}: {}", a.analyst, mark_text(a.credibility)));
        let when = a
            .created_at
            .get(..16)
            .unwrap_or(&a.created_at)
            .replace('T', " ");
        if a.note.is_empty() {
            response.on_hover_text(format!("Marked {when}."));
        } else {
            response.on_hover_text(format!("Marked {when}: {}", a.note));
        }
    }
    ui.add_space(6.0);
    let who = if analyst.is_empty() {
        "you (set your analyst name in Preferences first)".to_string()
    } else {
        analyst.to_string()
    };
    let caveat = read_only
        .map(|why| format!(" The library is read-only ({why}): nothing can be recorded."))
        .unwrap_or_default();
    ui.horizontal(|ui| {
        let accept = ui
            .add_enabled(
                c.suggested.is_some(),
                egui::Button::new("Accept suggestion"),
            )
            .on_hover_text(format!(
                "Records credibility 1 by {who}, with the explanation as its note. Other analysts' marks stay as they are.{caveat}"
            ))
            .on_disabled_hover_text("There is no suggestion to accept: the explanation says why.");
        if accept.clicked()
            && let Some(mark) = c.suggested
        {
            state.pending = Some(NewMark {
                article: c.article_id,
                outlet: c.outlet.clone(),
                credibility: mark,
                note: format!("Accepted the suggested credibility {mark}: {}", c.explanation),
            });
        }
    });
    ui.horizontal(|ui| {
        let label = ui.label("Another grade");
        egui::ComboBox::from_id_salt("corroboration-other-grade")
            .selected_text(state.other.map(mark_text).unwrap_or_else(|| "choose…".into()))
            .width(260.0)
            .show_ui(ui, |ui| {
                for (mark, _) in triangulate_core::ratings::CREDIBILITY {
                    ui.selectable_value(&mut state.other, Some(mark), mark_text(mark));
                }
            })
            .response
            .labelled_by(label.id);
        let record = ui
            .add_enabled(state.other.is_some(), egui::Button::new("Record grade"))
            .on_hover_text(format!(
                "Records the grade chosen by {who}, with the program's explanation in its note.{caveat}"
            ))
            .on_disabled_hover_text("Choose a grade first.");
        if record.clicked()
            && let Some(mark) = state.other
        {
            let suggestion = match c.suggested {
                Some(s) => format!("the suggestion was {s}"),
                None => "there was no suggestion".to_string(),
            };
            state.pending = Some(NewMark {
                article: c.article_id,
                outlet: c.outlet.clone(),
                credibility: mark,
                note: format!("Chose {mark} in Compare ({suggestion}): {}", c.explanation),
            });
        }
    });
    ui.add_space(8.0);
    ui.strong("Missing from this report");
    missing_list(ui, missing);
}

/// The facts a report leaves out, one line each with who carries it.
fn missing_list(ui: &mut egui::Ui, missing: Option<&MissingFacts>) {
    let Some(missing) = missing.filter(|m| !m.facts.is_empty()) else {
        ui.label(
            RichText::new(
                "Nothing: every figure, actor, place and source the others give is here too.",
            )
            .weak(),
        );
        return;
    };
    for f in &missing.facts {
        let by: Vec<&str> = f.carried_by.iter().map(|s| s.outlet.as_str()).collect();
        ui.horizontal_wrapped(|ui| {
            ui.spacing_mut().item_spacing.x = 4.0;
            ui.label(RichText::new(format!("{}:", f.category.label())).weak());
            ui.label(RichText::new(&f.fact).strong());
            ui.label(RichText::new(format!("in {}", by.join(", "))).weak());
            if let Some(instead) = &f.instead {
                ui.label(RichText::new(format!("(this report: {instead})")).italics());
            }
        });
    }
}

/// The Missing facts tab: one column per report, what the others carry and it does not.
fn missing_facts(ui: &mut egui::Ui, comparison: &Comparison) {
    ui.label(
        RichText::new(
            "For each report, the figures, actors, places and sources the other reports carry and it does not, with the outlets that carry each; a figure this report gives differently is noted beside it.",
        )
        .weak(),
    );
    ui.add_space(4.0);
    columns(
        ui,
        "compare-missing",
        |ui| {
            aligned_row(ui, 0, |ui| {
                for report in &comparison.reports {
                    cell(ui, COLUMN_WIDTH, |ui| report_heading(ui, report));
                }
            });
        },
        |ui| {
            aligned_row(ui, 1, |ui| {
                for report in &comparison.reports {
                    let missing = comparison
                        .missing_facts
                        .iter()
                        .find(|m| m.article_id == report.article_id);
                    cell(ui, COLUMN_WIDTH, |ui| missing_list(ui, missing));
                }
            });
        },
    );
}

fn diff(ui: &mut egui::Ui, comparison: &Comparison) {
    let (Some(parts), [first, second]) = (&comparison.diff, comparison.reports.as_slice()) else {
        return empty_state(
            ui,
            "A word diff is shown for two reports that are near copies.",
        );
    };
    ui.strong(format!(
        "How the texts differ: {} first, {} second",
        first.outlet, second.outlet
    ));
    diff_legend(ui, parts);
    ui.add_space(4.0);
    egui::ScrollArea::vertical()
        .id_salt("compare-diff")
        .auto_shrink([false, false])
        .show(ui, |ui| {
            ui.label(diff_text(ui, parts));
        });
}

//! The Compare view: the reports of one incident (or articles picked in the Library view) side by
//! side, one tab per file: [`side_by_side`] sets each report's lead, numbers, sources, names for the
//! actors, loaded words and hedges in aligned rows; [`claims`] is the facts table with the figures
//! that differ marked; [`texts`] shows the full texts with what the analysis found highlighted and
//! the passages the others share or omit marked; [`charts`] plots a timeline and the casualty
//! figures; [`corroboration`] sets, for each report, the credibility its corroboration suggests
//! beside the analysts' current marks, with Accept suggestion or another grade recorded through the
//! app's write path; [`missing`] lists the facts the other reports carry and each one leaves out;
//! [`diff`] shows two near copies' word diff. [`columns`] lays out the aligned tabs and [`picker`]
//! chooses the incident.
//!
//! The comparison is the core's [`Comparison`]; computing one takes milliseconds, so it is computed
//! here when the target or the library changes and cached until then. The incident picker reads
//! the first matches of a filter, never every incident ([`IncidentPicker`]).

mod charts;
mod claims;
mod columns;
mod corroboration;
mod diff;
mod missing;
mod picker;
mod side_by_side;
mod texts;

use std::collections::HashSet;

use egui::RichText;

use super::context::ViewContext;
use super::incident_picker::IncidentPicker;
use super::widgets::{Cached, empty_state, plural, read_error};
use corroboration::CorroborationState;
use texts::TextsState;
use triangulate_core::compare::{Comparison, IncidentHeader, MAX_REPORTS};
use triangulate_core::library::Library;
use triangulate_core::model::{Id, IncidentDetail};

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

impl CompareViewState {
    /// The comparison the view shows, when it shows one (for File > Export report…).
    pub fn shown(&self) -> Option<&Comparison> {
        self.comparison.last().and_then(Option::as_ref)
    }

    /// Compares an incident's reports, or articles picked by hand, when the view next draws.
    pub fn open(&mut self, target: Target) {
        retarget(&mut self.target, &mut self.tab, &mut self.texts, target);
    }

    /// Draws the view: the incident picker and header, then the chosen tab.
    pub fn ui(&mut self, ui: &mut egui::Ui, ctx: &mut ViewContext) {
        let view = self;
        let library = ctx.library;
        let generation = ctx.generation;

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

        if let Some(choice) = picker::picker(
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
        // Wrapped, so that a small window shows every tab.
        ui.horizontal_wrapped(|ui| {
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
            Tab::SideBySide => side_by_side::show(ui, comparison),
            Tab::Claims => claims::show(ui, comparison),
            Tab::Texts => texts::show(ui, &mut view.texts, comparison),
            Tab::Charts => charts::show(ui, comparison),
            Tab::Corroboration => corroboration::show(ui, comparison, &mut view.corroboration, ctx),
            Tab::Missing => missing::show(ui, comparison),
            Tab::Diff => diff::show(ui, comparison),
        }
    }
}

/// Makes `target` the one compared; another one than before starts the texts at their tops and
/// leaves the Diff tab (which only some comparisons have).
fn retarget(current: &mut Option<Target>, tab: &mut Tab, texts: &mut TextsState, target: Target) {
    if current.as_ref() != Some(&target) {
        *current = Some(target);
        texts.restart();
        if *tab == Tab::Diff {
            *tab = Tab::SideBySide;
        }
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

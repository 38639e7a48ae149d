//! The Charts tab: when each outlet published, on a timeline, and the casualty figures each
//! report claims, as bars.

use std::ops::RangeInclusive;

use chrono::{Datelike, NaiveDate};
use egui::{Color32, RichText, Stroke};
use egui_plot::{Bar, BarChart, Corner, GridInput, GridMark, Legend, Plot, PlotPoint, Points};

use triangulate_core::compare::{Comparison, Report};

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
/// Draws the tab.
pub(super) fn show(ui: &mut egui::Ui, comparison: &Comparison) {
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

//! Which reports belong together: `link` finds exact copies, near copies and reports of one
//! incident and refreshes the suggestion queue; `suggestions` lists the queue and
//! `suggestion accept|reject` decides; `evaluate-links` scores incidents and open suggestions
//! against labelled groups.

use anyhow::Context;
use triangulate_core::jobs::Progress;
use triangulate_core::library::Library;

use super::Outcome;
use super::args::SuggestionAction;
use super::common::{analyst, print_json, truncate};

/// `triangulate link`: links the articles not linked before (every article with `rebuild`) and
/// prints the copies and incident suggestions it found.
pub(super) fn link(mut library: Library, rebuild: bool, json: bool) -> anyhow::Result<Outcome> {
    let report = triangulate_core::linking::link_library(
        &mut library,
        &triangulate_core::linking::LinkOptions { rebuild },
        &Progress::new(),
    )?;
    if json {
        print_json(&serde_json::json!({
            "exact_copies": report.exact_copies,
            "near_copies": report.near_copies,
            "incident_suggestions": report.incident_suggestions,
            "new_articles": report.new_articles,
            "capped": report.capped,
            "cancelled": report.cancelled,
            "queue": report.suggestions,
        }))?;
        return Ok(Outcome::Exit(0));
    }
    println!(
        "Analysed {} new articles. {} exact copies, {} near copies, {} incident suggestions ({} new in the queue).",
        report.new_articles,
        report.exact_copies.len(),
        report.near_copies.len(),
        report.incident_suggestions.len(),
        report.suggestions.added
    );
    if report.capped > 0 {
        println!(
            "{} of them were compared with only some of the others: a place, word or text too many \
             articles share was set aside, and each was scored against its {} most promising \
             candidates.",
            report.capped,
            triangulate_core::linking::MAX_CANDIDATES
        );
    }
    for [a, b] in &report.exact_copies {
        println!("  exact     {a} = {b}");
    }
    for n in &report.near_copies {
        println!(
            "  near      {} ~ {}  similarity {:.2}",
            n.a, n.b, n.similarity
        );
    }
    for s in &report.incident_suggestions {
        let ids: Vec<String> = s.articles.iter().map(i64::to_string).collect();
        println!("  incident  {}  score {:.2}", ids.join(", "), s.score);
        for e in &s.evidence {
            println!("              {e}");
        }
    }
    Ok(Outcome::Exit(0))
}

/// `triangulate suggestions`: the open queue, best first, each with its articles and evidence.
pub(super) fn suggestions(library: &Library, json: bool) -> anyhow::Result<Outcome> {
    let queue = library.open_suggestions()?;
    if json {
        print_json(&queue)?;
        return Ok(Outcome::Exit(0));
    }
    if queue.is_empty() {
        println!("No open suggestions. Run `triangulate link` after importing.");
    }
    for s in &queue {
        let rows = library.article_rows(&s.articles)?;
        println!(
            "#{}  {}  score {:.2}",
            s.id,
            s.kind.replace('_', " "),
            s.score
        );
        for r in rows {
            println!(
                "    {:>6}  {}  {}  {}",
                r.id,
                r.published.as_deref().unwrap_or("-"),
                truncate(&r.outlet, 24),
                truncate(&r.title, 70)
            );
        }
        for e in &s.evidence {
            println!("    - {e}");
        }
    }
    Ok(Outcome::Exit(0))
}

/// `triangulate suggestion accept|reject N`.
pub(super) fn suggestion(
    mut library: Library,
    action: SuggestionAction,
) -> anyhow::Result<Outcome> {
    match action {
        SuggestionAction::Accept {
            n,
            analyst: who,
            only,
        } => {
            let only = (!only.is_empty()).then_some(only.as_slice());
            let decision = library.accept_suggestion(n, &analyst(who), only)?;
            match decision.incident {
                Some(incident) => println!("Accepted suggestion {n}: incident {incident}."),
                None => println!("Accepted suggestion {n}."),
            }
        }
        SuggestionAction::Reject { n, analyst: who } => {
            library.reject_suggestion(n, &analyst(who))?;
            println!("Rejected suggestion {n}; its articles will not be suggested together again.");
        }
    }
    Ok(Outcome::Exit(0))
}

/// The labelled groups of a truth file.
#[derive(serde::Deserialize)]
struct Truth {
    same_event_groups: Vec<Vec<String>>,
}

/// `triangulate evaluate-links`: pairwise precision, recall and F1 of what the library links,
/// against the truth file's groups.
pub(super) fn evaluate_links(
    library: &Library,
    truth: &std::path::Path,
    min_score: f64,
    json: bool,
) -> anyhow::Result<Outcome> {
    use triangulate_core::linking::evaluate;
    let text =
        std::fs::read_to_string(truth).with_context(|| format!("reading {}", truth.display()))?;
    let truth: Truth = serde_json::from_str(&text).with_context(|| {
        format!(
            "{} is not a truth file with same_event_groups",
            truth.display()
        )
    })?;
    let by_name = library.articles_by_path_suffix()?;
    let find = |name: &String| -> Option<i64> {
        let wanted = name.replace('\\', "/");
        by_name
            .iter()
            .find(|(path, _)| path == &wanted || path.ends_with(&format!("/{wanted}")))
            .map(|(_, id)| *id)
    };
    let mut missing = 0;
    let labelled: Vec<Vec<i64>> = truth
        .same_event_groups
        .iter()
        .map(|g| {
            g.iter()
                .filter_map(|name| {
                    let id = find(name);
                    missing += usize::from(id.is_none());
                    id
                })
                .collect()
        })
        .collect();
    let suggested: Vec<(Vec<i64>, f64)> = library
        .open_suggestions()?
        .into_iter()
        .filter(|s| s.kind == triangulate_core::library::SAME_INCIDENT && s.score > min_score)
        .map(|s| (s.articles, s.score))
        .collect();
    // Wrong pairs the engine is confident of: those an analyst would accept unread.
    let confident: Vec<Vec<i64>> = suggested
        .iter()
        .filter(|(_, score)| *score > 0.8)
        .map(|(g, _)| g.clone())
        .collect();
    let confident = evaluate::pairwise(&confident, &labelled);
    let confident_wrong = confident.predicted_pairs - confident.correct_pairs;
    let mut predicted: Vec<Vec<i64>> = suggested.into_iter().map(|(g, _)| g).collect();
    for i in library.incidents()? {
        if let Some(detail) = library.incident(i.id)? {
            predicted.push(detail.reports.iter().map(|r| r.article.id).collect());
        }
    }
    let scores = evaluate::pairwise(&evaluate::merge_overlapping(predicted), &labelled);
    if json {
        print_json(&serde_json::json!({
            "scores": scores,
            "min_score": min_score,
            "wrong_pairs_above_0_8": confident_wrong,
            "labelled_articles_missing": missing
        }))?;
    } else {
        if missing > 0 {
            eprintln!("warning: {missing} labelled articles are not in the library");
        }
        println!(
            "pairs: {} labelled, {} predicted, {} correct\nprecision {:.3}  recall {:.3}  F1 {:.3}",
            scores.true_pairs,
            scores.predicted_pairs,
            scores.correct_pairs,
            scores.precision,
            scores.recall,
            scores.f1
        );
        println!(
            "suggestions counted: score above {min_score}; wrong pairs in suggestions above 0.8: {confident_wrong}"
        );
    }
    Ok(Outcome::Exit(0))
}

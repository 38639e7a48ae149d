//! Judgements, all append-only: an outlet's reliability (`rate`, Admiralty A–F), an article's
//! credibility (`assess`, 1–6), the ratings file and an outlet's history (`ratings`), the
//! `disagreements` between analysts and their `resolve`, and the credibility that
//! `corroboration` suggests for an incident's reports.

use anyhow::{Context, bail};
use triangulate_core::library::Library;

use super::Outcome;
use super::args::RatingsAction;
use super::common::{find_outlet, print_json};

/// `triangulate rate`: a new rating of `outlet` by `analyst`; each of `criteria` must be a
/// criterion of the library's checklist.
pub(super) fn rate(
    mut library: Library,
    outlet: &str,
    grade: &str,
    analyst: &str,
    criteria: &[String],
    rationale: String,
    evidence: Vec<i64>,
) -> anyhow::Result<Outcome> {
    let outlet_id = find_outlet(&library, outlet)?;
    let (known, problem) = triangulate_core::ratings::criteria_for(library.path());
    if let Some(problem) = problem {
        eprintln!("warning: {problem}");
    }
    let mut answers = Vec::new();
    for c in criteria {
        let (key, value) = c.split_once('=').with_context(|| {
            format!("--criterion {c:?}: write KEY=VALUE, e.g. corrects_errors=yes")
        })?;
        if !known.iter().any(|k| k.key == key) {
            let keys: Vec<&str> = known.iter().map(|k| k.key.as_str()).collect();
            bail!(
                "unknown criterion {key:?}; the criteria are {}",
                keys.join(", ")
            );
        }
        answers.push(triangulate_core::ratings::CriterionAnswer {
            key: key.to_string(),
            value: value.parse()?,
            note: String::new(),
        });
    }
    let grade: triangulate_core::ratings::Grade = grade.parse()?;
    library.add_rating(&triangulate_core::ratings::NewRating {
        outlet_id,
        analyst: analyst.to_string(),
        grade: Some(grade),
        rationale,
        criteria: answers,
        evidence,
    })?;
    println!("{outlet} rated {grade} ({}) by {analyst}.", grade.meaning());
    Ok(Outcome::Exit(0))
}

/// `triangulate assess`: `analyst`'s credibility mark (1–6) on an article.
pub(super) fn assess(
    mut library: Library,
    article: i64,
    credibility: u8,
    analyst: &str,
    note: &str,
) -> anyhow::Result<Outcome> {
    library.add_assessment(article, analyst, credibility, note)?;
    let meaning = triangulate_core::ratings::credibility_meaning(credibility).unwrap_or_default();
    println!("Article {article} marked {credibility} ({meaning}) by {analyst}.");
    Ok(Outcome::Exit(0))
}

/// `triangulate ratings export|import|history`.
pub(super) fn ratings(mut library: Library, action: RatingsAction) -> anyhow::Result<Outcome> {
    match action {
        RatingsAction::Export { file } => {
            let export = library.export_ratings()?;
            let text = serde_json::to_string_pretty(&export)?;
            std::fs::write(&file, text).with_context(|| format!("writing {}", file.display()))?;
            println!(
                "{} ratings and {} credibility marks written to {}.",
                export.ratings.len(),
                export.assessments.len(),
                file.display()
            );
            if !export.references.is_empty() {
                println!(
                    "With {} of reference lists.",
                    super::common::plural(export.references.len(), "version")
                );
            }
        }
        RatingsAction::Import { file, json } => {
            let text = std::fs::read_to_string(&file)
                .with_context(|| format!("reading {}", file.display()))?;
            let parsed: triangulate_core::library::RatingsFile = serde_json::from_str(&text)
                .with_context(|| format!("{} is not a Triangulate ratings file", file.display()))?;
            let report = library.import_ratings(&parsed)?;
            if json {
                print_json(&report)?;
            } else {
                println!(
                    "{} ratings and {} credibility marks added; {} already in the library.",
                    report.ratings_added, report.assessments_added, report.already_present
                );
                if report.reference_lists_added > 0 {
                    println!(
                        "{} of reference lists added (`triangulate reference list`).",
                        super::common::plural(report.reference_lists_added, "version")
                    );
                }
                if !report.outlets_created.is_empty() {
                    println!("New outlets: {}", report.outlets_created.join(", "));
                }
                if report.articles_missing > 0 {
                    println!(
                        "{} evidence or assessed articles are not in this library.",
                        report.articles_missing
                    );
                }
            }
        }
        RatingsAction::History { outlet, json } => {
            let id = find_outlet(&library, &outlet)?;
            let history = library.rating_history(id)?;
            if json {
                print_json(&history)?;
            } else {
                let (criteria, _) = triangulate_core::ratings::criteria_for(library.path());
                let mut last: std::collections::HashMap<&str, &triangulate_core::ratings::Rating> =
                    Default::default();
                for r in &history {
                    let changes = match last.get(r.analyst.as_str()) {
                        Some(before) => {
                            triangulate_core::ratings::diff(before, r, &criteria).join("; ")
                        }
                        None => "first rating".to_string(),
                    };
                    println!("{}  {}  {}  {}", r.created_at, r.analyst, r.grade, changes);
                    if let Some(adopted) = library.rating_reference(r.id)? {
                        println!("    adopted from {}", adopted.describe());
                    }
                    last.insert(&r.analyst, r);
                }
            }
        }
    }
    Ok(Outcome::Exit(0))
}

/// `triangulate disagreements`: the queue, each with both analysts' grades and rationales.
pub(super) fn disagreements(library: &Library, json: bool) -> anyhow::Result<Outcome> {
    use triangulate_core::ratings::disagreement::SubjectKind;
    let queue = library.disagreements()?;
    if json {
        print_json(&queue)?;
        return Ok(Outcome::Exit(0));
    }
    if queue.is_empty() {
        println!("No disagreements waiting: no two analysts' current grades are two steps apart.");
    }
    for d in &queue {
        match d.subject.kind {
            SubjectKind::Outlet => println!("outlet {}  {}", d.subject.id, d.title),
            SubjectKind::Article => {
                println!("article {}  {}  ({})", d.subject.id, d.title, d.outlet)
            }
        }
        for p in &d.pairs {
            println!("  {} steps apart", p.steps);
            for side in [&p.a, &p.b] {
                println!(
                    "    {:<16} {} ({})  {}  {}",
                    side.analyst,
                    side.grade,
                    side.meaning,
                    side.created_at.get(..16).unwrap_or(&side.created_at),
                    if side.rationale.is_empty() {
                        "(no rationale)"
                    } else {
                        &side.rationale
                    }
                );
            }
        }
        if let Some(r) = &d.last_resolution {
            println!(
                "  resolved before by {} ({}), graded again since",
                r.resolved_by,
                r.created_at.get(..10).unwrap_or(&r.created_at)
            );
        }
    }
    Ok(Outcome::Exit(0))
}

/// `triangulate resolve`: records how a disagreement was settled; the analysts' ratings stay,
/// and `grade`, when given, is recorded as a new one of each analyst in the disagreement.
pub(super) fn resolve(
    mut library: Library,
    kind: &str,
    id: &str,
    analyst: &str,
    note: String,
    grade: Option<String>,
) -> anyhow::Result<Outcome> {
    use triangulate_core::ratings::disagreement::{NewResolution, Subject, SubjectKind};
    let kind: SubjectKind = kind.parse()?;
    let id = match kind {
        SubjectKind::Outlet => match library.outlet_id(id)? {
            Some(found) => found,
            None => id
                .trim()
                .parse()
                .with_context(|| format!("no outlet called {id:?}; see `triangulate outlets`"))?,
        },
        SubjectKind::Article => id
            .trim()
            .parse()
            .with_context(|| format!("{id:?} is not an article id"))?,
    };
    let resolution = NewResolution {
        subject: Subject { kind, id },
        resolved_by: analyst.to_string(),
        note,
        grade,
    };
    let n = library.resolve_disagreement(&resolution)?;
    println!(
        "Resolution {n} recorded for {} {id} by {}; both analysts' ratings are kept.",
        kind.word(),
        analyst.trim()
    );
    Ok(Outcome::Exit(0))
}

/// `triangulate corroboration`: the suggestions of an incident's reports, or, with `--accept`,
/// one of them recorded as the analyst's mark (appended; no earlier mark changes).
pub(super) fn corroboration(
    mut library: Library,
    incident: triangulate_core::model::Id,
    accept: Option<triangulate_core::model::Id>,
    analyst: Option<String>,
    json: bool,
) -> anyhow::Result<Outcome> {
    let comparison = triangulate_core::compare::compare_incident(&library, incident)?;
    if comparison.reports_left_out > 0 {
        eprintln!(
            "note: {} later reports of incident {incident} are left out: Compare holds at most {} reports",
            comparison.reports_left_out,
            triangulate_core::compare::MAX_REPORTS
        );
    }
    if let Some(article) = accept {
        let analyst = analyst.map(|a| a.trim().to_string()).unwrap_or_default();
        if analyst.is_empty() {
            bail!("name who accepts the suggestion: --analyst NAME");
        }
        let Some(found) = comparison
            .corroboration
            .iter()
            .find(|c| c.article_id == article)
        else {
            bail!(
                "article {article} is not among the reports of incident {incident} that Compare holds"
            );
        };
        let Some(mark) = found.suggested else {
            bail!(
                "article {article} has no suggestion to accept ({}); record a grade of your own with `triangulate assess {article} --credibility N --analyst NAME`",
                found.explanation
            );
        };
        let note = format!(
            "Accepted the suggested credibility {mark}: {}",
            found.explanation
        );
        let id = library.add_assessment(article, &analyst, mark, &note)?;
        if json {
            print_json(&serde_json::json!({
                "recorded": {
                    "assessment_id": id,
                    "article_id": article,
                    "analyst": analyst,
                    "credibility": mark,
                    "note": note,
                }
            }))?;
        } else {
            let meaning = triangulate_core::ratings::credibility_meaning(mark).unwrap_or_default();
            println!("Article {article} marked {mark} ({meaning}) by {analyst}: {note}");
        }
        return Ok(Outcome::Exit(0));
    }
    if json {
        print_json(&serde_json::json!({
            "incident": comparison.incident,
            "reports": comparison.corroboration,
        }))?;
        return Ok(Outcome::Exit(0));
    }
    println!("{}", comparison.incident.title);
    for c in &comparison.corroboration {
        let suggested = match c.suggested {
            Some(m) => format!(
                "suggests {m} ({})",
                triangulate_core::ratings::credibility_meaning(m).unwrap_or_default()
            ),
            None => "no suggestion".to_string(),
        };
        println!();
        println!("article {} · {} · {suggested}", c.article_id, c.outlet);
        println!("  {}", c.explanation);
        for a in &c.assessments {
            println!(
                "  marked {} by {} ({})",
                a.credibility, a.analyst, a.created_at
            );
        }
    }
    Ok(Outcome::Exit(0))
}

//! The sample library: articles written for this project about invented outlets and incidents,
//! compiled into the binary so that a first run has content in every view wherever the program
//! was installed from.
//!
//! [`fill_new_library`] is what `triangulate sample` and the app's first run do: the articles,
//! two invented analysts' ratings of every outlet (`assets/sample/analysts.toml`, with one
//! disagreement), linking, and one suggestion accepted as an incident with the others left open,
//! so that the Outlets, Disagreements, Incidents, Suggestions and Compare views all have
//! something to show. [`load_sample`] is the articles alone, which tests build on.

use std::path::PathBuf;

use include_dir::{Dir, include_dir};
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::import::{self, ImportOptions, ImportReport, Origin, SourceFile};
use crate::jobs::Progress;
use crate::library::{Library, SAME_INCIDENT, world};
use crate::linking::{self, LinkOptions};
use crate::model::Id;
use crate::ratings::{CriterionAnswer, NewRating};

static SAMPLE: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/../../assets/sample");

/// The folder of the sample that holds its invented world rather than articles
/// (`library::world`).
const WORLD_FOLDER: &str = "world";

/// The sample's articles as files to import, with their folders' outlet sidecars applied.
/// Files at the top of the sample folder (its README and manifest) are not articles.
pub fn sample_files() -> Vec<SourceFile> {
    let mut files = Vec::new();
    for dir in SAMPLE
        .dirs()
        .filter(|d| d.path().file_name() != Some(std::ffi::OsStr::new(WORLD_FOLDER)))
    {
        collect(dir, None, &mut files);
    }
    files.sort_by(|a, b| a.path.cmp(&b.path));
    files
}

fn collect(dir: &'static Dir<'static>, inherited: Option<String>, out: &mut Vec<SourceFile>) {
    let sidecar = import::SIDECARS
        .iter()
        .find_map(|name| {
            let file = dir.get_file(dir.path().join(name))?;
            import::outlet_from_sidecar(name, file.contents())
        })
        .or(inherited);
    let folder = dir
        .path()
        .file_name()
        .map(|n| n.to_string_lossy().into_owned());
    for file in dir.files() {
        let name = file
            .path()
            .file_name()
            .map(|n| n.to_string_lossy().into_owned());
        if name
            .as_deref()
            .is_some_and(|n| import::SIDECARS.contains(&n))
        {
            continue;
        }
        out.push(SourceFile {
            path: PathBuf::from("sample").join(file.path()),
            origin: Origin::Memory(file.contents()),
            sidecar_outlet: sidecar.clone(),
            folder: folder.clone(),
            site_line: None,
        });
    }
    for sub in dir.dirs() {
        collect(sub, sidecar.clone(), out);
    }
}

/// Imports the sample articles into `library`, with the sample's invented world ([`add_world`]).
pub fn load_sample(library: &mut Library, progress: &Progress) -> Result<ImportReport> {
    let report = import::import_sources(
        library,
        &[world::SAMPLE_ROOT.to_string()],
        sample_files(),
        Vec::new(),
        &ImportOptions::default(),
        progress,
    )?;
    add_world(library)?;
    Ok(report)
}

/// Gives a library made from the sample the sample's invented world: its lexicon becomes the
/// shipped one with the invented actors and sources added (unless the analyst already edited
/// it), and the invented places become its own place names. Nothing else ever gets them.
pub fn add_world(library: &mut Library) -> Result<()> {
    if library.lexicon_text()?.is_none() {
        library.set_lexicon_text(Some(&world::world_lexicon()), world::WORLD_EDITOR)?;
    }
    for (place, names) in crate::analysis::gazetteer::entries(world::WORLD_GAZETTEER)? {
        library.add_place_names(&place, &names)?;
    }
    Ok(())
}

/// Opens the library at `path`; when it did not exist yet, creates it filled with the sample
/// ([`fill_new_library`]).
pub fn open_or_create_with_sample(path: &std::path::Path) -> Result<Library> {
    let existed = path.exists();
    let mut library = Library::open(path)?;
    if !existed {
        fill_new_library(&mut library, &Progress::new())?;
    }
    Ok(library)
}

/// Who accepts the sample's incident: the first of the sample's analysts.
const ACCEPTED_BY: &str = "Rana (sample)";

/// What [`fill_new_library`] put in the library.
#[derive(Debug, Clone, Default, Serialize)]
pub struct SampleSummary {
    /// Articles imported.
    pub imported: usize,
    /// Sample files that could not be read (the sample keeps one broken file on purpose).
    pub problems: usize,
    /// Outlets in the library.
    pub outlets: usize,
    /// The sample's analysts, in the order of their first rating.
    pub analysts: Vec<String>,
    /// Ratings recorded.
    pub ratings: usize,
    /// Pairs of current grades far enough apart to discuss.
    pub disagreements: usize,
    /// The incident made by accepting a suggestion, when linking suggested one.
    pub incident: Option<Id>,
    /// Suggestions left open for the analyst.
    pub open_suggestions: usize,
    /// Cancelled before the end: the library holds what was done until then.
    pub cancelled: bool,
    /// The import's own report (the app's Import log and banner read it).
    #[serde(skip)]
    pub import: ImportReport,
}

/// The sample analysts' ratings, as `assets/sample/analysts.toml` gives them.
#[derive(Debug, Deserialize)]
struct SampleRatings {
    rating: Vec<SampleRating>,
}

/// One rating of [`SampleRatings`].
#[derive(Debug, Deserialize)]
struct SampleRating {
    outlet: String,
    analyst: String,
    grade: String,
    rationale: String,
    #[serde(default)]
    criteria: std::collections::BTreeMap<String, String>,
    /// Articles by their path in the sample folder.
    #[serde(default)]
    evidence: Vec<String>,
}

/// Fills a new, empty library with the sample: its articles and invented world, two invented
/// analysts' ratings of every outlet (one outlet graded two steps apart, the one disagreement),
/// links found among the articles, and the suggestion with the most reports accepted as an
/// incident by the first analyst (the others stay open). A library that already holds articles
/// is refused and left untouched: the sample's analysts and decisions would mix with the
/// analyst's own.
///
/// Each step writes in its own transactions, as importing and linking always do; a cancel
/// (through `progress`) stops between them, and the summary says so.
pub fn fill_new_library(library: &mut Library, progress: &Progress) -> Result<SampleSummary> {
    let held = library.counts()?.articles;
    if held > 0 {
        return Err(Error::Invalid(format!(
            "{} already holds {held} articles; the sample goes only into a new, empty library, so nothing was added",
            library.path().display()
        )));
    }
    let import = load_sample(library, progress)?;
    let mut summary = SampleSummary {
        imported: import.imported,
        problems: import.problems.len(),
        cancelled: import.cancelled,
        import,
        ..Default::default()
    };
    if summary.cancelled {
        return Ok(summary);
    }
    progress.set_stage("Adding the sample analysts' ratings");
    rate_outlets(library, &mut summary)?;
    let linked = linking::link_library(library, &LinkOptions::default(), progress)?;
    if linked.cancelled {
        summary.cancelled = true;
        return Ok(summary);
    }
    summary.incident = accept_largest_suggestion(library)?;
    summary.outlets = usize::try_from(library.counts()?.outlets).unwrap_or_default();
    summary.disagreements = library.disagreements()?.len();
    summary.open_suggestions = library.open_suggestions()?.len();
    Ok(summary)
}

/// Records the ratings of `assets/sample/analysts.toml`.
fn rate_outlets(library: &mut Library, summary: &mut SampleSummary) -> Result<()> {
    let text = SAMPLE
        .get_file("analysts.toml")
        .and_then(|f| f.contents_utf8())
        .ok_or_else(|| Error::Invalid("the sample's analysts.toml is missing".into()))?;
    let ratings: SampleRatings = toml::from_str(text)
        .map_err(|e| Error::Invalid(format!("the sample's analysts.toml: {e}")))?;
    let paths = library.articles_by_path_suffix()?;
    for rating in ratings.rating {
        let outlet_id = library.outlet_id(&rating.outlet)?.ok_or_else(|| {
            Error::NotFound(format!(
                "the sample rates an outlet it does not hold: {:?}",
                rating.outlet
            ))
        })?;
        let criteria = rating
            .criteria
            .iter()
            .map(|(key, value)| {
                Ok(CriterionAnswer {
                    key: key.clone(),
                    value: value.parse()?,
                    note: String::new(),
                })
            })
            .collect::<Result<Vec<_>>>()?;
        let evidence = rating
            .evidence
            .iter()
            .map(|file| {
                let suffix = format!("/{file}");
                paths
                    .iter()
                    .find(|(path, _)| path.ends_with(&suffix))
                    .map(|(_, id)| *id)
                    .ok_or_else(|| {
                        Error::NotFound(format!("the sample rates with a missing article: {file}"))
                    })
            })
            .collect::<Result<Vec<_>>>()?;
        library.add_rating(&NewRating {
            outlet_id,
            analyst: rating.analyst.clone(),
            grade: Some(rating.grade.parse()?),
            rationale: rating.rationale,
            criteria,
            evidence,
        })?;
        if !summary.analysts.contains(&rating.analyst) {
            summary.analysts.push(rating.analyst);
        }
        summary.ratings += 1;
    }
    Ok(())
}

/// Accepts the open same-incident suggestion with the most reports (the best scored of those),
/// so that Incidents and Compare open on a whole incident; returns the incident it made.
fn accept_largest_suggestion(library: &mut Library) -> Result<Option<Id>> {
    // Best first: `max_by_key` keeps the last of equals, so the list is walked from its end.
    let largest = library
        .open_suggestions()?
        .into_iter()
        .rev()
        .filter(|s| s.kind == SAME_INCIDENT)
        .max_by_key(|s| s.articles.len());
    let Some(suggestion) = largest else {
        return Ok(None);
    };
    Ok(library
        .accept_suggestion(suggestion.id, ACCEPTED_BY, None)?
        .incident)
}

//! Why a span was cut; stored with the span and shown to the analyst.

pub const HEADLINE: &str = "headline (kept as the title)";
pub const REPEATED_HEADLINE: &str = "headline repeated";
pub const CAPTION: &str = "image caption";
pub const GALLERY: &str = "gallery counter";
pub const SHARE_WIDGET: &str = "share widget";
pub const AUTHOR_BIO: &str = "author bio widget";
pub const LOGIN: &str = "login prompt";
pub const COMMENTS: &str = "reader comments";
pub const APPENDED_STORY: &str = "unrelated story appended";
pub const NAVIGATION: &str = "page navigation and links";
pub const DATE_LINE: &str = "date line (kept as the date)";
pub const SITE_NAME: &str = "site name (kept as the outlet)";
pub const SIGN_OFF: &str = "credits and sign-off";
pub const BYLINE: &str = "byline";
/// How a suspected span's reason begins: the rule's reason follows. The text stays in the
/// body (the span is stored restored) until the analyst confirms the cut.
pub const SUSPECTED: &str = crate::model::SUSPECTED_REASON;

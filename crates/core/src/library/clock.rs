//! The library's one clock. Every time it stores (when a rating, a note, an import or a decision
//! was made) is UTC in RFC 3339 to the microsecond, taken here and passed to SQL as a parameter,
//! so rows written in one run order as they were written. Rows written before schema 11 carry
//! seconds or milliseconds and keep reading as they are.

/// The time now, as the library stores it: `2026-12-06T20:42:55.123456Z`.
pub fn now() -> String {
    chrono::Utc::now()
        .format("%Y-%m-%dT%H:%M:%S%.6fZ")
        .to_string()
}

/// Today's date in UTC: what "not after the import" means for a publication date.
pub fn today() -> chrono::NaiveDate {
    chrono::Utc::now().date_naive()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stored_times_are_utc_to_the_microsecond() {
        let t = now();
        assert_eq!(t.len(), "2026-12-06T20:42:55.123456Z".len(), "{t}");
        assert!(t.ends_with('Z'), "{t}");
        assert!(chrono::DateTime::parse_from_rfc3339(&t).is_ok(), "{t}");
    }
}

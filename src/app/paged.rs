//! A long listing read a page at a time. A table of 100,000 incidents draws the twenty rows it
//! shows, so [`Paged`] fetches only the pages those rows fall in, keeps a few of them, and forgets
//! them all when the library changes (its generation moves) or the listing does (its key: a
//! filter, say). Reading the whole listing each time would take seconds on the UI thread.

use std::collections::HashMap;

/// Rows per page of a table.
pub const PAGE_ROWS: usize = 100;
/// Pages a table keeps: a few screens either side of the one shown.
pub const KEEP_PAGES: usize = 20;

/// Pages of one listing, fetched on demand and kept until the listing changes.
pub struct Paged<K, T> {
    page_rows: usize,
    keep: usize,
    stamp: Option<(u64, K)>,
    pages: HashMap<usize, Page<T>>,
    /// Counts reads, so the page read longest ago is the one forgotten.
    clock: u64,
}

struct Page<T> {
    rows: Result<Vec<T>, String>,
    used: u64,
}

impl<K, T> Default for Paged<K, T> {
    fn default() -> Self {
        Paged::new(PAGE_ROWS, KEEP_PAGES)
    }
}

impl<K, T> Paged<K, T> {
    /// Pages of `page_rows` rows, at most `keep` of them kept (at least one).
    pub fn new(page_rows: usize, keep: usize) -> Self {
        Paged {
            page_rows: page_rows.max(1),
            keep: keep.max(1),
            stamp: None,
            pages: HashMap::new(),
            clock: 0,
        }
    }
}

impl<K: PartialEq + Clone, T> Paged<K, T> {
    /// Reads go to the listing `key` at `generation` from now on: the pages kept are forgotten
    /// when either differs from the last call's.
    pub fn follow(&mut self, generation: u64, key: &K) {
        let same = self
            .stamp
            .as_ref()
            .is_some_and(|(g, k)| *g == generation && k == key);
        if !same {
            self.pages.clear();
            self.stamp = Some((generation, key.clone()));
        }
    }

    /// Row `index` of the listing; `None` past its end. A page not kept is read with
    /// `fetch(offset, limit)`; a page that failed to read gives its error until the listing
    /// changes, rather than a read every frame.
    pub fn get<E: std::fmt::Display>(
        &mut self,
        index: usize,
        fetch: impl FnOnce(usize, usize) -> Result<Vec<T>, E>,
    ) -> Result<Option<&T>, &str> {
        let number = index / self.page_rows;
        self.clock += 1;
        if !self.pages.contains_key(&number) {
            let rows = fetch(number * self.page_rows, self.page_rows).map_err(|e| e.to_string());
            if self.pages.len() >= self.keep
                && let Some(oldest) = self
                    .pages
                    .iter()
                    .min_by_key(|(_, page)| page.used)
                    .map(|(n, _)| *n)
            {
                self.pages.remove(&oldest);
            }
            self.pages.insert(number, Page { rows, used: 0 });
        }
        let clock = self.clock;
        match self.pages.get_mut(&number) {
            Some(page) => {
                page.used = clock;
                match &page.rows {
                    Ok(rows) => Ok(rows.get(index % self.page_rows)),
                    Err(e) => Err(e.as_str()),
                }
            }
            None => Ok(None),
        }
    }

    /// How many pages are kept.
    #[cfg(test)]
    pub fn kept(&self) -> usize {
        self.pages.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A listing of `0..n` that counts its reads.
    fn fetcher(
        n: usize,
        reads: &mut usize,
    ) -> impl FnOnce(usize, usize) -> Result<Vec<usize>, String> + '_ {
        move |offset, limit| {
            *reads += 1;
            Ok((offset..(offset + limit).min(n)).collect())
        }
    }

    #[test]
    fn rows_of_one_page_are_read_once() {
        let mut paged: Paged<(), usize> = Paged::new(10, 3);
        let mut reads = 0;
        paged.follow(1, &());
        for i in 0..10 {
            assert_eq!(paged.get(i, fetcher(25, &mut reads)), Ok(Some(&i)));
        }
        assert_eq!(reads, 1);
        assert_eq!(paged.get(24, fetcher(25, &mut reads)), Ok(Some(&24)));
        assert_eq!(paged.get(25, fetcher(25, &mut reads)), Ok(None));
        assert_eq!(reads, 2);
    }

    #[test]
    fn a_new_generation_or_key_reads_again() {
        let mut paged: Paged<String, usize> = Paged::new(10, 3);
        let mut reads = 0;
        paged.follow(1, &String::new());
        paged.get(0, fetcher(5, &mut reads)).unwrap();
        paged.follow(1, &String::new());
        paged.get(0, fetcher(5, &mut reads)).unwrap();
        assert_eq!(reads, 1);
        paged.follow(2, &String::new());
        paged.get(0, fetcher(5, &mut reads)).unwrap();
        paged.follow(2, &"x".to_string());
        paged.get(0, fetcher(5, &mut reads)).unwrap();
        assert_eq!(reads, 3);
    }

    #[test]
    fn no_more_pages_are_kept_than_asked_and_the_oldest_go_first() {
        let mut paged: Paged<(), usize> = Paged::new(10, 3);
        let mut reads = 0;
        paged.follow(1, &());
        for i in [0, 10, 20, 0, 30] {
            paged.get(i, fetcher(100, &mut reads)).unwrap();
        }
        assert_eq!(paged.kept(), 3);
        assert_eq!(reads, 4);
        // Page 1 (rows 10..20) was read longest ago, so it went; page 0 stayed.
        paged.get(5, fetcher(100, &mut reads)).unwrap();
        assert_eq!(reads, 4);
        paged.get(15, fetcher(100, &mut reads)).unwrap();
        assert_eq!(reads, 5);
    }

    #[test]
    fn a_failed_read_is_kept_as_its_error() {
        let mut paged: Paged<(), usize> = Paged::new(10, 3);
        paged.follow(1, &());
        let mut reads = 0;
        let mut fail = |_: usize, _: usize| -> Result<Vec<usize>, String> {
            reads += 1;
            Err("disk".into())
        };
        assert_eq!(paged.get(3, &mut fail), Err("disk"));
        assert_eq!(paged.get(4, &mut fail), Err("disk"));
        assert_eq!(reads, 1);
    }
}

//! Indexes from ids to positions that store only the positions: the ids live in the records
//! they index (goals, people, metrics), so an index of 100,000 goals costs a few hundred
//! kilobytes instead of a copy of every id.

use std::hash::BuildHasher;

#[derive(Default)]
pub struct IdIndex {
    table: hashbrown::HashTable<u32>,
}

/// The hash an id is filed under; `hash_of(("goal", "metric"))` for a metric.
pub fn hash_of(id: impl std::hash::Hash) -> u64 {
    rustc_hash::FxBuildHasher.hash_one(id)
}

fn hash(id: &str) -> u64 {
    hash_of(id)
}

impl IdIndex {
    /// The position whose id is `id`; `key` gives the id at a position.
    pub fn get<'a>(&self, id: &str, key: impl Fn(u32) -> &'a str) -> Option<u32> {
        self.table.find(hash(id), |&at| key(at) == id).copied()
    }

    /// The position filed under `hash` for which `is` holds.
    pub fn find(&self, hash: u64, is: impl Fn(u32) -> bool) -> Option<u32> {
        self.table.find(hash, |&at| is(at)).copied()
    }

    /// Files `at` under `hash` unless a position for which `is` holds is there: then returns
    /// it. `rehash` gives the hash of a position already filed.
    pub fn insert_first_by(
        &mut self,
        hash: u64,
        at: u32,
        is: impl Fn(u32) -> bool,
        rehash: impl Fn(u32) -> u64,
    ) -> Option<u32> {
        match self
            .table
            .entry(hash, |&other| is(other), |&other| rehash(other))
        {
            hashbrown::hash_table::Entry::Occupied(first) => Some(*first.get()),
            hashbrown::hash_table::Entry::Vacant(slot) => {
                slot.insert(at);
                None
            }
        }
    }

    /// Records `at` under `id` unless the id is taken: then returns the position that has it.
    pub fn insert_first<'a>(
        &mut self,
        id: &str,
        at: u32,
        key: impl Fn(u32) -> &'a str,
    ) -> Option<u32> {
        match self.table.entry(
            hash(id),
            |&other| key(other) == id,
            |&other| hash(key(other)),
        ) {
            hashbrown::hash_table::Entry::Occupied(first) => Some(*first.get()),
            hashbrown::hash_table::Entry::Vacant(slot) => {
                slot.insert(at);
                None
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::IdIndex;

    #[test]
    fn finds_ids_and_keeps_the_first_of_duplicates() {
        let ids: Vec<String> = (0..1000).map(|i| format!("goal-{}", i % 700)).collect();
        let key = |i: u32| ids[i as usize].as_str();
        let mut index = IdIndex::default();
        let mut duplicates = 0;
        for (i, id) in ids.iter().enumerate() {
            if let Some(first) = index.insert_first(id, i as u32, key) {
                assert_eq!(ids[first as usize], *id);
                assert!((first as usize) < i);
                duplicates += 1;
            }
        }
        assert_eq!(duplicates, 300);
        assert_eq!(index.get("goal-5", key), Some(5));
        assert_eq!(index.get("goal-699", key), Some(699));
        assert_eq!(index.get("goal-700", key), None);
    }
}

//! The workspace end to end on the memory store: two colleagues exchange files of the Lucheng
//! sample; every change, imports and merges included, is one step of the same history, stored
//! by rewriting only the chunks it touched; the stored profile reloads to the same ledger.

use taizhang::format::merge::Resolution;
use taizhang::format::select::Selection;
use taizhang::format::write_file;
use taizhang::model::{Amount, Dataset, Edit, Period, Record, RecordId};
use taizhang::store::memory::{block_on, MemoryStore};
use taizhang::workspace::import::{self, ImportError, Imported, Opened};
use taizhang::workspace::Workspace;

const FAI: &str = "ind-fai-total";

fn id(text: &str) -> RecordId {
    RecordId::parse(text).expect("id")
}

fn sample() -> Dataset {
    taizhang::sample::load_lucheng_sample()
        .expect("sample")
        .dataset
}

/// A laptop: a workspace on the sample, stored in its own memory store.
fn laptop(author: &str) -> (Workspace, MemoryStore) {
    let mut workspace = Workspace::new(sample(), format!("d-{author}"), author);
    let mut store = MemoryStore::default();
    workspace.store_everything();
    block_on(workspace.persist(&mut store)).expect("stored");
    (workspace, store)
}

fn set_fai(workspace: &mut Workspace, year: i32, figure: &str, at: &str) {
    let mut value = workspace
        .dataset()
        .value_at(&id(FAI), &Period::Year(year))
        .expect("value")
        .clone();
    value.amount = Amount::from_canonical(figure).expect("amount");
    workspace
        .apply(Edit::Put(Record::Value(value)), at)
        .expect("edit");
}

fn fai(dataset: &Dataset, year: i32) -> String {
    dataset
        .value_at(&id(FAI), &Period::Year(year))
        .map(|v| v.amount.canonical())
        .unwrap_or_default()
}

/// Exports everything, keeping the file as the app does.
fn export(workspace: &mut Workspace, store: &mut MemoryStore, export_id: &str) -> String {
    let (_, text, _) =
        workspace.export(&Selection::everything(), export_id, "2026-11-30T09:00:00Z");
    block_on(taizhang::store::Store::keep_exchange(
        store, export_id, &text,
    ))
    .expect("kept");
    block_on(workspace.persist(store)).expect("stored");
    text
}

fn reloaded(store: &MemoryStore) -> Dataset {
    store.load().expect("loads").expect("stored").dataset
}

#[test]
fn a_merge_is_one_undoable_step_stored_by_rewriting_only_what_it_changed() {
    let (mut alice, mut alice_store) = laptop("王芳");
    let (mut bob, mut bob_store) = laptop("李强");

    // Alice sends the ledger; Bob merges it (nothing to decide) and replies with two changes.
    let first = export(&mut alice, &mut alice_store, "x-0000000000000001");
    let imported = block_on(import::import_file(
        &mut bob,
        &mut bob_store,
        "first.json",
        &first,
        |_| Some(Vec::new()),
        "2026-11-30T09:05:00Z",
    ))
    .expect("imported");
    assert!(matches!(imported, Some(Imported::Merged(_))));
    set_fai(&mut bob, 2012, "219", "2026-11-30T10:00:00Z");
    set_fai(&mut bob, 2016, "372", "2026-11-30T10:01:00Z");
    let reply = export(&mut bob, &mut bob_store, "x-0000000000000002");

    // Meanwhile Alice changes 2016 differently.
    set_fai(&mut alice, 2016, "371", "2026-11-30T10:02:00Z");
    block_on(alice.persist(&mut alice_store)).expect("stored");
    let before_import = write_file(alice.dataset(), None);
    let writes_before = alice_store.writes.len();

    // Alice opens Bob's reply: the base is her own first export; one conflict, decided theirs.
    let mut conflicts = 0;
    let outcome = block_on(import::import_file(
        &mut alice,
        &mut alice_store,
        "reply.json",
        &reply,
        |opened| match opened {
            Opened::Merge(plan) => {
                assert_eq!(plan.base_id.as_deref(), Some("x-0000000000000001"));
                conflicts = plan.merge.conflicts.len();
                Some(vec![
                    Some(Resolution::TakeTheirs);
                    plan.merge.conflicts.len()
                ])
            }
            Opened::Other(_) => None,
        },
        "2026-11-30T10:05:00Z",
    ))
    .expect("imported");
    assert_eq!(conflicts, 1);
    assert!(matches!(outcome, Some(Imported::Merged(ref o)) if o.rejected.is_empty()));
    assert_eq!(fai(alice.dataset(), 2012), "219");
    assert_eq!(fai(alice.dataset(), 2016), "372");

    // Stored as a snapshot of the ledger as it was (a merge changes the whole ledger), then one
    // write that touched only the two values (and the lineage), not everything.
    let import_writes = &alice_store.writes[writes_before..];
    assert_eq!(import_writes.len(), 2);
    assert!(matches!(
        &import_writes[0],
        taizhang::store::Write::Snapshot { info, .. }
            if info.reason == taizhang::store::snapshots::SnapshotReason::BeforeWholeChange
    ));
    match &import_writes[1] {
        taizhang::store::Write::Changes { records, meta, .. } => {
            let ids: std::collections::BTreeSet<&str> =
                records.iter().map(|c| c.id.as_str()).collect();
            assert_eq!(
                ids.into_iter().collect::<Vec<_>>(),
                vec!["val-fai-total-2012", "val-fai-total-2016"]
            );
            assert!(meta.is_some(), "the lineage is stored");
        }
        other => panic!("an import writes changes, not {other:?}"),
    }
    assert_eq!(
        write_file(&reloaded(&alice_store), None),
        write_file(alice.dataset(), None)
    );
    // Bob's file is kept as a base for the next merge.
    assert!(alice_store.exchanges.contains_key("x-0000000000000002"));

    // One undo takes the whole import back, exactly; redo brings it again; both are stored.
    assert!(alice.undo("2026-11-30T10:06:00Z").expect("undo"));
    assert_eq!(write_file(alice.dataset(), None), before_import);
    block_on(alice.persist(&mut alice_store)).expect("stored");
    assert_eq!(write_file(&reloaded(&alice_store), None), before_import);
    // Undone, the reply is no longer a file both sides have: opening it again merges it
    // against the first export, with the same conflict to decide.
    let loaded = import::read(&reply).expect("reads");
    let lineage = alice.dataset().meta.lineage.clone();
    let base = block_on(import::find_base(
        &mut alice_store,
        loaded.export.as_ref(),
        &lineage,
    ));
    assert_eq!(base.map(|b| b.id).as_deref(), Some("x-0000000000000001"));
    assert!(alice.redo("2026-11-30T10:07:00Z").expect("redo"));
    assert_eq!(fai(alice.dataset(), 2016), "372");
    block_on(alice.persist(&mut alice_store)).expect("stored");
    assert_eq!(fai(&reloaded(&alice_store), 2016), "372");
}

#[test]
fn another_ledgers_file_replaces_this_one_as_one_undoable_step() {
    let (mut alice, mut store) = laptop("王芳");
    let mut other = Dataset::new(taizhang::model::DatasetMeta {
        id: "ds-other".into(),
        name: "别的台账".into(),
        document_date: taizhang::model::Date::new(2026, 11, 30).expect("date"),
        sample: false,
        source_title: String::new(),
        lineage: Vec::new(),
    });
    other.clock = 0;
    let text = write_file(&other, None);
    let mut asked = false;
    let done = block_on(import::import_file(
        &mut alice,
        &mut store,
        "other.json",
        &text,
        |opened| {
            asked = matches!(opened, Opened::Other(_));
            Some(Vec::new())
        },
        "2026-11-30T11:00:00Z",
    ))
    .expect("replaced");
    assert!(asked);
    assert_eq!(done, Some(Imported::Replaced));
    assert_eq!(alice.dataset().meta.id, "ds-other");
    assert_eq!(reloaded(&store).meta.id, "ds-other");

    assert!(alice.undo("2026-11-30T11:01:00Z").expect("undo"));
    assert_eq!(alice.dataset().meta.id, "ds-lucheng-2012-2016");
    block_on(alice.persist(&mut store)).expect("stored");
    assert_eq!(
        write_file(&reloaded(&store), None),
        write_file(&sample(), None)
    );
}

#[test]
fn a_merge_the_ledger_cannot_take_whole_is_applied_without_the_refused_records_or_not_at_all() {
    let (mut alice, mut alice_store) = laptop("王芳");
    let first = export(&mut alice, &mut alice_store, "x-00000000000000a1");
    let (mut bob, mut bob_store) = laptop("李强");
    block_on(import::import_file(
        &mut bob,
        &mut bob_store,
        "first.json",
        &first,
        |_| Some(Vec::new()),
        "2026-11-30T09:00:00Z",
    ))
    .expect("imported");
    // Bob adds a 2017 figure; Alice meanwhile deletes the indicator it belongs to.
    let value = taizhang::model::Value {
        id: id("r-00000000000000b7"),
        indicator: id("ind-central-subsidy"),
        period: Period::Year(2017),
        amount: Amount::from_canonical("6000").expect("amount"),
        qualifier: taizhang::model::Qualifier::Exact,
        source: String::new(),
        scope_note: String::new(),
        note: String::new(),
        stamps: Default::default(),
        updated_by: String::new(),
    };
    bob.apply(Edit::Put(Record::Value(value)), "2026-11-30T09:10:00Z")
        .expect("added");
    let reply = export(&mut bob, &mut bob_store, "x-00000000000000b1");
    let delete = alice
        .dataset()
        .delete_indicator_edit(&id("ind-central-subsidy"));
    alice
        .apply(delete, "2026-11-30T09:20:00Z")
        .expect("deleted");

    let loaded = import::read(&reply).expect("reads");
    let lineage = alice.dataset().meta.lineage.clone();
    let base = block_on(import::find_base(
        &mut alice_store,
        loaded.export.as_ref(),
        &lineage,
    ));
    let Opened::Merge(plan) = import::plan(alice.dataset(), "reply.json", reply, loaded, base)
    else {
        panic!("same ledger");
    };
    let decisions = vec![Some(Resolution::KeepMine); plan.merge.conflicts.len()];
    let before = write_file(alice.dataset(), None);
    assert_eq!(
        import::apply_merge(&mut alice, &plan, &decisions, true, "2026-11-30T09:30:00Z").err(),
        Some(ImportError::PartlyRefused { count: 1 })
    );
    assert_eq!(write_file(alice.dataset(), None), before);
    let outcome = import::apply_merge(&mut alice, &plan, &decisions, false, "2026-11-30T09:30:00Z")
        .expect("applied without it");
    assert_eq!(outcome.rejected.len(), 1);
    assert_eq!(outcome.rejected[0].1, id("r-00000000000000b7"));
    // Undecided conflicts are never applied.
    if !plan.merge.conflicts.is_empty() {
        assert!(matches!(
            import::apply_merge(&mut alice, &plan, &[], false, "2026-11-30T09:31:00Z"),
            Err(ImportError::Undecided { .. })
        ));
    }
}

#[test]
fn a_stored_profile_of_todays_format_loads_after_a_version_bump_and_a_newer_one_is_refused() {
    use taizhang::format::migrate::Step;
    use taizhang::store::chunks::load_from_chunks_with;
    let (workspace, store) = laptop("王芳");
    let meta = store.meta.clone().expect("meta");
    // Pretend the format went to version 2 with a step that renames nothing.
    fn identity(json: serde_json::Value) -> Result<serde_json::Value, String> {
        Ok(json)
    }
    let steps = [Step {
        from: 1,
        apply: identity,
    }];
    let loaded = load_from_chunks_with(&meta, store.chunks.clone(), 2, &steps).expect("migrated");
    assert_eq!(
        write_file(&loaded.dataset, None),
        write_file(workspace.dataset(), None)
    );
    // A profile written by format 2 is refused by this version (1), and nothing is read.
    let mut newer = meta.clone();
    newer["format_version"] = serde_json::json!(2);
    assert_eq!(
        load_from_chunks_with(&newer, store.chunks.clone(), 1, &[]).err(),
        Some(taizhang::store::StoreError::Newer {
            found: 2,
            supported: 1
        })
    );
}

#[test]
fn a_merge_of_a_few_changes_into_a_large_ledger_rewrites_only_their_chunks() {
    use taizhang::format::generate::{generate, GenerateOptions};
    let large = generate(&GenerateOptions {
        indicators: 500,
        years: 20,
        seed: 1,
        projects: 0,
        ..GenerateOptions::default()
    });
    let all_chunks = taizhang::store::chunks::all_chunks(&large).len();
    let mut alice = Workspace::new(large.clone(), "d-alice", "王芳");
    let mut alice_store = MemoryStore::default();
    alice.store_everything();
    block_on(alice.persist(&mut alice_store)).expect("stored");
    let first = export(&mut alice, &mut alice_store, "x-00000000000000c1");

    let mut bob = Workspace::new(large, "d-bob", "李强");
    let mut bob_store = MemoryStore::default();
    block_on(import::import_file(
        &mut bob,
        &mut bob_store,
        "first.json",
        &first,
        |_| Some(Vec::new()),
        "2026-11-30T12:00:00Z",
    ))
    .expect("imported");
    // Bob corrects ten figures and sends the ledger back.
    let values: Vec<taizhang::model::Value> = bob.dataset().values().take(10).cloned().collect();
    for (n, mut value) in values.into_iter().enumerate() {
        value.amount = Amount::from_canonical(&format!("{}", 1000 + n)).expect("amount");
        bob.apply(Edit::Put(Record::Value(value)), "2026-11-30T12:01:00Z")
            .expect("edited");
    }
    let reply = export(&mut bob, &mut bob_store, "x-00000000000000c2");

    let writes_before = alice_store.writes.len();
    let chunk_writes_before = alice_store.chunk_writes;
    block_on(import::import_file(
        &mut alice,
        &mut alice_store,
        "reply.json",
        &reply,
        |_| Some(Vec::new()),
        "2026-11-30T12:05:00Z",
    ))
    .expect("merged");
    // A snapshot of the ledger as it was, then the merge's one write.
    assert_eq!(alice_store.writes.len() - writes_before, 2);
    let rewritten = alice_store.chunk_writes - chunk_writes_before;
    // Ten values: at most ten value chunks, ten tombstone chunks and the description, of the
    // ledger's hundreds of chunks.
    assert!(rewritten <= 21, "rewrote {rewritten} chunks");
    assert!(all_chunks > 400, "{all_chunks}");
    eprintln!("merge of 10 changed figures rewrote {rewritten} of {all_chunks} chunks");
    assert_eq!(
        write_file(&reloaded(&alice_store), None),
        write_file(alice.dataset(), None)
    );
}

/// Makes the pending writes, as the app does after each change: a snapshot that came due is
/// one of them, ahead of the change's own write.
fn keep_snapshot(workspace: &mut Workspace, store: &mut MemoryStore) {
    block_on(workspace.persist(store)).expect("stored");
}

/// A kept snapshot's ledger read back, as a file (to compare with the ledger it copied).
fn snapshot_file(store: &mut MemoryStore, id: &str) -> String {
    use taizhang::store::Store;
    let loaded = block_on(store.snapshot(id)).expect("read").expect("kept");
    assert!(loaded.problems.is_empty(), "{:?}", loaded.problems);
    write_file(&loaded.dataset, None)
}

#[test]
fn snapshots_are_taken_on_a_new_day_after_runs_of_changes_and_before_an_import_and_restore_in_one_undoable_step(
) {
    use taizhang::store::snapshots::SnapshotReason;
    use taizhang::store::Store;
    let (mut alice, mut store) = laptop("王芳");
    let before_any_change = write_file(alice.dataset(), None);

    // The first change of the day snapshots the ledger as it was.
    set_fai(&mut alice, 2016, "371", "2026-11-30T09:00:00Z");
    keep_snapshot(&mut alice, &mut store);
    assert_eq!(store.snapshot_index.len(), 1);
    assert_eq!(store.snapshot_index[0].reason, SnapshotReason::Daily);
    let first = store.snapshot_index[0].id.clone();
    assert_eq!(snapshot_file(&mut store, &first), before_any_change);
    // Its size is what the store holds (the chunks' texts), not zero.
    assert!(
        store.snapshot_index[0].bytes > 100_000,
        "{:?}",
        store.snapshot_index[0]
    );
    // Twenty more changes: another.
    for n in 0..20 {
        set_fai(
            &mut alice,
            2012,
            &format!("{}", 300 + n),
            "2026-11-30T09:10:00Z",
        );
        keep_snapshot(&mut alice, &mut store);
    }
    set_fai(&mut alice, 2016, "282", "2026-11-30T09:20:00Z");
    keep_snapshot(&mut alice, &mut store);
    assert_eq!(store.snapshot_index.len(), 2);
    assert_eq!(store.snapshot_index[1].reason, SnapshotReason::Changes);
    // An import (a whole-ledger change) is preceded by one.
    let other = write_file(
        &Dataset::new(taizhang::model::DatasetMeta {
            id: "ds-other".into(),
            name: "别的台账".into(),
            document_date: taizhang::model::Date::new(2026, 11, 30).expect("date"),
            sample: false,
            source_title: String::new(),
            lineage: Vec::new(),
        }),
        None,
    );
    let before_import = write_file(alice.dataset(), None);
    block_on(import::import_file(
        &mut alice,
        &mut store,
        "other.json",
        &other,
        |_| Some(Vec::new()),
        "2026-11-30T09:30:00Z",
    ))
    .expect("replaced");
    keep_snapshot(&mut alice, &mut store);
    let newest = store.snapshot_index.last().expect("snapshot").clone();
    assert_eq!(newest.reason, SnapshotReason::BeforeWholeChange);
    assert_eq!(snapshot_file(&mut store, &newest.id), before_import);

    // Restoring it is one step, and undoable.
    let restored = block_on(store.snapshot(&newest.id))
        .expect("read")
        .expect("kept")
        .dataset;
    alice
        .apply(Edit::Replace(Box::new(restored)), "2026-11-30T09:40:00Z")
        .expect("restored");
    assert_eq!(write_file(alice.dataset(), None), before_import);
    assert!(alice.undo("2026-11-30T09:41:00Z").expect("undo"));
    assert_eq!(alice.dataset().meta.id, "ds-other");
}

#[test]
fn a_damaged_store_is_detected_on_load_and_the_newest_intact_snapshot_still_reads() {
    use taizhang::store::Store;
    let (mut alice, mut store) = laptop("王芳");
    set_fai(&mut alice, 2016, "371", "2026-11-30T09:00:00Z");
    keep_snapshot(&mut alice, &mut store);
    block_on(alice.persist(&mut store)).expect("stored");
    // A chunk half-written by a crash.
    let key = store
        .chunks
        .keys()
        .find(|k| k.starts_with("values/"))
        .expect("a values chunk")
        .clone();
    let mut broken = serde_json::Map::new();
    broken.insert(
        "val-broken".into(),
        serde_json::json!({"id": "val-broken", "indicator": "ind-fai-total", "period": "20"}),
    );
    store.chunks.insert(key, broken);
    // Detected: the store does not read (or reads with the damaged record reported), never
    // silently as a smaller ledger.
    match store.load() {
        Err(taizhang::store::StoreError::Corrupt { detail }) => {
            assert!(detail.contains("amount"), "{detail}")
        }
        Ok(Some(loaded)) => assert!(!loaded.problems.is_empty(), "the damage is reported"),
        other => panic!("a damaged store must not load quietly: {other:?}"),
    }
    let newest = store.snapshot_index.last().expect("snapshot").clone();
    let loaded = block_on(store.snapshot(&newest.id))
        .expect("read")
        .expect("kept");
    assert!(loaded.problems.is_empty(), "{:?}", loaded.problems);
}

#[test]
fn a_store_with_records_but_no_description_is_damaged_not_empty() {
    // Nothing stored at all: the first run (the app opens the sample).
    assert!(matches!(MemoryStore::default().load(), Ok(None)));
    let (_, mut store) = laptop("王芳");
    // The description lost (a store half-written): what remains must not be taken for nothing
    // stored, or the app would open the sample over it.
    store.meta = None;
    let chunks = store.chunks.len();
    assert!(chunks > 5, "{chunks}");
    match store.load() {
        Err(taizhang::store::StoreError::Corrupt { detail }) => {
            assert!(detail.contains("description"), "{detail}");
            assert!(
                detail.contains(&format!("{chunks} other chunks")),
                "{detail}"
            );
        }
        other => panic!("a store without its description must load as damaged: {other:?}"),
    }
    // Through the store interface the app uses, the same.
    assert!(matches!(
        block_on(taizhang::store::Store::load(&mut store)),
        Err(taizhang::store::StoreError::Corrupt { .. })
    ));
}

#[test]
fn an_import_taken_back_with_its_store_shape_made_beforehand_stores_what_an_undo_would() {
    use taizhang::store::chunks::WholeLedger;
    let (mut alice, mut store) = laptop("王芳");
    let original = fai(alice.dataset(), 2016);
    let other = Dataset::new(taizhang::model::DatasetMeta {
        id: "ds-other".into(),
        name: "别的台账".into(),
        document_date: taizhang::model::Date::new(2026, 11, 30).expect("date"),
        sample: false,
        source_title: String::new(),
        lineage: Vec::new(),
    });
    let imported = write_file(&other, None);
    // A cell edit, then the import over it.
    set_fai(&mut alice, 2016, "371", "2026-11-30T09:00:00Z");
    let edited = write_file(alice.dataset(), None);
    let prepared = WholeLedger::of(&other);
    alice
        .replace(other, prepared, "2026-11-30T09:10:00Z")
        .expect("replaced");
    block_on(alice.persist(&mut store)).expect("stored");
    assert_eq!(write_file(&reloaded(&store), None), imported);

    // The import is taken off the history with the ledger it replaced …
    let back = alice
        .take_whole_step(false)
        .expect("the import is a whole step");
    assert_eq!(write_file(&back, None), edited);
    // … and put back with its store shape made apart, as the app does in slices.
    let shape = WholeLedger::of(&back);
    alice
        .put_back_whole(back, shape, "2026-11-30T09:20:00Z", false)
        .expect("undone");
    block_on(alice.persist(&mut store)).expect("stored");
    assert_eq!(write_file(alice.dataset(), None), edited);
    assert_eq!(write_file(&reloaded(&store), None), edited);
    // The cell edit under it is an ordinary step: not taken as a whole one.
    assert!(alice.take_whole_step(false).is_none());
    assert!(alice.undo("2026-11-30T09:21:00Z").expect("undo"));
    block_on(alice.persist(&mut store)).expect("stored");
    assert_eq!(fai(&reloaded(&store), 2016), original);
    assert!(alice.redo("2026-11-30T09:22:00Z").expect("redo"));
    assert_eq!(fai(alice.dataset(), 2016), "371");

    // Redone the same way: the import again, stored whole.
    let again = alice.take_whole_step(true).expect("the import to redo");
    assert_eq!(write_file(&again, None), imported);
    let shape = WholeLedger::of(&again);
    alice
        .put_back_whole(again, shape, "2026-11-30T09:30:00Z", true)
        .expect("redone");
    block_on(alice.persist(&mut store)).expect("stored");
    assert_eq!(write_file(&reloaded(&store), None), imported);
    assert!(alice.can_undo());
}

#[test]
fn an_edit_of_a_figure_writes_its_own_chunk_alone_and_a_deletion_its_tombstone_too() {
    let (mut workspace, _store) = laptop("王芳");
    workspace.take_writes();
    let keys_of = |writes: Vec<taizhang::store::Write>| -> Vec<String> {
        writes
            .iter()
            .flat_map(|write| match write {
                taizhang::store::Write::Changes { records, .. } => {
                    taizhang::store::chunks::keys_of(records)
                }
                // The day's first change is preceded by the day's snapshot.
                taizhang::store::Write::Snapshot { .. } => Vec::new(),
                other => panic!("an edit writes changes, not {other:?}"),
            })
            .collect()
    };
    let value_chunk = taizhang::store::chunks::chunk_key("values", &id("val-fai-total-2016"));
    let tombstone_chunk =
        taizhang::store::chunks::chunk_key("tombstones", &id("val-fai-total-2016"));

    // A changed figure: its value chunk only (no round trip for a tombstone that is not there).
    set_fai(&mut workspace, 2016, "371", "2026-11-30T09:00:00Z");
    assert_eq!(keys_of(workspace.take_writes()), vec![value_chunk.clone()]);

    // Deleting it writes the tombstone as well, and undoing the deletion takes it out again.
    let edit = Edit::Delete {
        kind: taizhang::model::RecordKind::Value,
        id: id("val-fai-total-2016"),
    };
    workspace
        .apply(edit, "2026-11-30T09:01:00Z")
        .expect("deleted");
    assert_eq!(
        keys_of(workspace.take_writes()),
        vec![tombstone_chunk.clone(), value_chunk.clone()]
    );
    workspace.undo("2026-11-30T09:02:00Z").expect("undone");
    assert_eq!(
        keys_of(workspace.take_writes()),
        vec![tombstone_chunk, value_chunk]
    );
    assert_eq!(fai(workspace.dataset(), 2016), "371");
}

#[test]
fn an_empty_ledger_keeps_the_areas_and_units_is_dated_today_and_one_undo_brings_the_old_back() {
    let (mut clerk, mut store) = laptop("王芳");
    let today = taizhang::model::Date::new(2026, 12, 7).expect("date");
    for (lang, name) in [
        (taizhang::model::Lang::Zh, "我的台账"),
        (taizhang::model::Lang::En, "My ledger"),
    ] {
        let empty =
            taizhang::workspace::empty_ledger(clerk.dataset(), "ds-new".into(), today, lang);
        assert_eq!(empty.meta.name, name);
    }
    let empty = taizhang::workspace::empty_ledger(
        clerk.dataset(),
        "ds-new".into(),
        today,
        taizhang::model::Lang::Zh,
    );
    clerk
        .apply(Edit::Replace(Box::new(empty)), "2026-12-07T09:00:00Z")
        .expect("replaced");
    block_on(clerk.persist(&mut store)).expect("stored");
    let stored = reloaded(&store);
    assert_eq!(stored.meta.id, "ds-new");
    assert_eq!(stored.meta.document_date.to_iso(), "2026-12-07");
    assert!(!stored.meta.sample);
    assert_eq!(stored.areas().len(), sample().areas().len());
    assert_eq!(stored.units().count(), sample().units().count());
    assert_eq!(
        (
            stored.indicators().count(),
            stored.values().count(),
            stored.projects().count()
        ),
        (0, 0, 0)
    );

    assert!(clerk.undo("2026-12-07T09:01:00Z").expect("undo"));
    block_on(clerk.persist(&mut store)).expect("stored");
    assert_eq!(
        write_file(&reloaded(&store), None),
        write_file(&sample(), None)
    );
}

#[test]
fn a_boundary_map_set_and_removed_is_undone_and_redone_like_an_edit_and_stored() {
    let (mut clerk, mut store) = laptop("王芳");
    let map = taizhang::model::dataset::Basemap {
        name: "测试区".into(),
        geojson: r#"{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"name":"测试区"},"geometry":{"type":"Polygon","coordinates":[[[120.55,27.95],[120.75,27.95],[120.75,28.08],[120.55,27.95]]]}}]}"#.into(),
    };
    clerk
        .apply(Edit::SetBasemap(Some(map.clone())), "2026-12-07T09:00:00Z")
        .expect("set");
    block_on(clerk.persist(&mut store)).expect("stored");
    let same_map = |stored: Option<&taizhang::model::dataset::Basemap>| {
        stored.is_some_and(|stored| {
            let json = |text: &str| serde_json::from_str::<serde_json::Value>(text).expect("json");
            stored.name == map.name && json(&stored.geojson) == json(&map.geojson)
        })
    };
    assert!(same_map(reloaded(&store).basemap.as_ref()));

    assert!(clerk.undo("2026-12-07T09:01:00Z").expect("undo"));
    block_on(clerk.persist(&mut store)).expect("stored");
    assert_eq!(reloaded(&store).basemap, None);

    assert!(clerk.redo("2026-12-07T09:02:00Z").expect("redo"));
    block_on(clerk.persist(&mut store)).expect("stored");
    assert_eq!(
        reloaded(&store).basemap.as_ref().map(|m| m.name.as_str()),
        Some("测试区")
    );
}

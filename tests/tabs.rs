//! Two tabs of one browser profile on one store: each writes what it changed and tells the
//! other, which takes the stored records in. Neither overwrites the other: different fields
//! both survive, the same field ends with the later stamp in both tabs and in the store.

use taizhang::format::write_file;
use taizhang::model::{Amount, Dataset, Edit, Period, Record, RecordId};
use taizhang::store::memory::{block_on, MemoryStore};
use taizhang::store::Store;
use taizhang::workspace::{TabChange, Workspace};

fn id(text: &str) -> RecordId {
    RecordId::parse(text).expect("id")
}

fn sample() -> Dataset {
    taizhang::sample::load_lucheng_sample()
        .expect("sample")
        .dataset
}

/// Makes a tab's pending writes, returning what it tells the other tabs.
fn write(tab: &mut Workspace, store: &mut MemoryStore) -> Vec<TabChange> {
    tab.take_writes()
        .into_iter()
        .map(|write| {
            block_on(store.write(&write)).expect("written");
            TabChange::of(&write)
        })
        .collect()
}

/// A tab hears what the other stored and takes it in from the store.
fn hear(tab: &mut Workspace, store: &mut MemoryStore, changes: &[TabChange]) {
    for change in changes {
        let stored = block_on(store.read_chunks(&change.keys())).expect("read");
        tab.absorb(&stored, change);
    }
}

fn stored(store: &MemoryStore) -> Dataset {
    store.load().expect("loads").expect("stored").dataset
}

#[test]
fn two_tabs_editing_different_fields_of_one_record_both_keep_theirs() {
    let mut store = MemoryStore::default();
    let mut first = Workspace::new(sample(), "d-profile", "王芳");
    first.store_everything();
    block_on(first.persist(&mut store)).expect("stored");
    let mut second = Workspace::new(stored(&store), "d-profile", "王芳");

    // Both change the same indicator at once: one its English name, the other its description.
    let indicator = id("ind-fai-total");
    let mut renamed = first.dataset().indicator(&indicator).expect("i").clone();
    renamed.name_en = "Fixed-asset investment (district)".into();
    first
        .apply(
            Edit::Put(Record::Indicator(renamed)),
            "2026-11-30T10:00:00Z",
        )
        .expect("first tab");
    let mut described = second.dataset().indicator(&indicator).expect("i").clone();
    described.description = "全社会固定资产投资".into();
    second
        .apply(
            Edit::Put(Record::Indicator(described)),
            "2026-11-30T10:00:01Z",
        )
        .expect("second tab");

    let said_by_first = write(&mut first, &mut store);
    let said_by_second = write(&mut second, &mut store);
    hear(&mut second, &mut store, &said_by_first);
    hear(&mut first, &mut store, &said_by_second);

    for dataset in [first.dataset(), second.dataset(), &stored(&store)] {
        let i = dataset.indicator(&indicator).expect("indicator");
        assert_eq!(i.name_en, "Fixed-asset investment (district)");
        assert_eq!(i.description, "全社会固定资产投资");
    }
    assert_eq!(
        write_file(first.dataset(), None),
        write_file(&stored(&store), None)
    );
    assert_eq!(
        write_file(second.dataset(), None),
        write_file(&stored(&store), None)
    );
}

#[test]
fn the_same_field_edited_in_two_tabs_ends_with_the_later_change_everywhere_in_either_order() {
    for later_writes_first in [false, true] {
        let mut store = MemoryStore::default();
        let mut first = Workspace::new(sample(), "d-profile", "王芳");
        first.store_everything();
        block_on(first.persist(&mut store)).expect("stored");
        let mut second = Workspace::new(stored(&store), "d-profile", "王芳");
        let set = |tab: &mut Workspace, figure: &str, at: &str| {
            let mut value = tab
                .dataset()
                .value_at(&id("ind-fai-total"), &Period::Year(2016))
                .expect("value")
                .clone();
            value.amount = Amount::from_canonical(figure).expect("amount");
            tab.apply(Edit::Put(Record::Value(value)), at)
                .expect("edit");
        };
        set(&mut first, "371", "2026-11-30T10:00:00Z");
        set(&mut second, "372", "2026-11-30T10:00:05Z");
        let (said_by_first, said_by_second) = if later_writes_first {
            let second_said = write(&mut second, &mut store);
            (write(&mut first, &mut store), second_said)
        } else {
            let first_said = write(&mut first, &mut store);
            (first_said, write(&mut second, &mut store))
        };
        hear(&mut second, &mut store, &said_by_first);
        hear(&mut first, &mut store, &said_by_second);
        let figure = |d: &Dataset| {
            d.value_at(&id("ind-fai-total"), &Period::Year(2016))
                .map(|v| v.amount.canonical())
        };
        for dataset in [first.dataset(), second.dataset(), &stored(&store)] {
            assert_eq!(
                figure(dataset).as_deref(),
                Some("372"),
                "later writes first: {later_writes_first}"
            );
        }
    }
}

#[test]
fn a_tab_of_an_older_version_hears_that_a_newer_one_wrote() {
    let mut change = TabChange::of(&taizhang::store::Write::Changes {
        records: Vec::new(),
        meta: None,
        meta_base: None,
        basemap: None,
    });
    assert!(!change.is_from_newer_version());
    change.format_version += 1;
    assert!(change.is_from_newer_version());

    // As heard over the channel: today's message is a change; a newer version's is "newer"
    // even when the rest of its shape is one this version cannot read.
    let today = TabChange::of(&taizhang::store::Write::Changes {
        records: Vec::new(),
        meta: None,
        meta_base: None,
        basemap: None,
    });
    let text = serde_json::to_string(&today).expect("json");
    assert_eq!(
        TabChange::read(&text),
        Some(taizhang::workspace::TabMessage::Change(today.clone()))
    );
    let newer = format!(
        r#"{{"format_version":{},"writes":[{{"chunk":"values/0"}}]}}"#,
        taizhang::format::v1::FORMAT_VERSION + 1
    );
    assert_eq!(
        TabChange::read(&newer),
        Some(taizhang::workspace::TabMessage::Newer)
    );
    assert_eq!(TabChange::read("hello"), None);
    assert_eq!(TabChange::read(r#"{"format_version":1}"#), None);
}

#[test]
fn a_tab_of_an_older_version_writes_nothing_over_a_store_a_newer_one_wrote() {
    // Without hearing any message (the newer tab opened after this one's last broadcast): the
    // store itself refuses, and what the newer version stored stays as it was.
    let mut store = MemoryStore::default();
    let mut old_tab = Workspace::new(sample(), "d-old".to_string(), "王芳");
    old_tab.store_everything();
    block_on(old_tab.persist(&mut store)).expect("stored");
    let newer = taizhang::format::v1::FORMAT_VERSION + 1;
    if let Some(meta) = store.meta.as_mut().and_then(|m| m.as_object_mut()) {
        meta.insert("format_version".into(), serde_json::json!(newer));
    }
    let before = store.chunks.clone();

    let mut value = old_tab
        .dataset()
        .value_at(&id("ind-fai-total"), &Period::Year(2016))
        .expect("value")
        .clone();
    value.amount = Amount::from_canonical("371").expect("amount");
    old_tab
        .apply(Edit::Put(Record::Value(value)), "2026-12-08T09:00:00Z")
        .expect("edited in the tab");
    assert_eq!(
        block_on(old_tab.persist(&mut store)),
        Err(taizhang::store::StoreError::Newer {
            found: newer,
            supported: taizhang::format::v1::FORMAT_VERSION,
        })
    );
    assert_eq!(store.chunks, before);
    // The edit stays queued in the tab (after the day's snapshot), not lost: the user is told,
    // and can still export it.
    assert!(old_tab.take_writes().iter().any(|write| matches!(
        write,
        taizhang::store::Write::Changes { records, .. } if !records.is_empty()
    )));
}

#[test]
fn a_reporting_date_set_in_one_tab_and_an_export_made_in_the_other_both_stay() {
    for date_writes_first in [false, true] {
        let mut store = MemoryStore::default();
        let mut first = Workspace::new(sample(), "d-profile", "王芳");
        first.store_everything();
        block_on(first.persist(&mut store)).expect("stored");
        let mut second = Workspace::new(stored(&store), "d-profile", "王芳");

        // At once, neither having heard the other: a new reporting date here, a file sent there.
        let date = taizhang::model::Date::new(2016, 12, 31).expect("date");
        first
            .apply(Edit::SetDocumentDate(date), "2026-12-08T09:00:00Z")
            .expect("dated");
        second.export(
            &taizhang::format::select::Selection::everything(),
            "x-00000000000000e1",
            "2026-12-08T09:00:01Z",
        );
        let (said_by_first, said_by_second) = if date_writes_first {
            let first_said = write(&mut first, &mut store);
            (first_said, write(&mut second, &mut store))
        } else {
            let second_said = write(&mut second, &mut store);
            (write(&mut first, &mut store), second_said)
        };
        hear(&mut second, &mut store, &said_by_first);
        hear(&mut first, &mut store, &said_by_second);

        for dataset in [first.dataset(), second.dataset(), &stored(&store)] {
            assert_eq!(
                dataset.meta.document_date, date,
                "date writes first: {date_writes_first}"
            );
            assert!(
                dataset
                    .meta
                    .lineage
                    .iter()
                    .any(|id| id == "x-00000000000000e1"),
                "date writes first: {date_writes_first}: {:?}",
                dataset.meta.lineage
            );
        }
    }
}

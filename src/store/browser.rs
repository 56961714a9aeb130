//! IndexedDB and localStorage: the only code that touches browser storage.
//!
//! One object store `chunks` holds the chunk texts (JSON strings: a string is the cheapest
//! value for the browser to clone) under their keys (`meta`, `values/3f` …). A second store
//! `exchanges` keeps, by export id, the text of every file this ledger exported or merged in
//! (the merge base of a later import). A write is one read-modify-write transaction over the
//! chunks an edit touched (with the description and the boundary map when they changed); a
//! whole-ledger write (first run, a replaced ledger) clears and refills the store in one
//! transaction, so it either happens completely or not at all: a step that fails aborts its
//! transaction ([`all_or_nothing`]), so the requests made before it never commit.
//! [`BrowserStore`] puts this behind the [`Store`] interface the workspace uses.

use super::chunks::{self, Chunk, ChunkChange};
use super::{Store, StoreError, Write};
use crate::format::Loaded;
use js_sys::{Array, Promise};
use std::cell::RefCell;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{IdbDatabase, IdbOpenDbRequest, IdbRequest, IdbTransaction, IdbTransactionMode};

const DB_NAME: &str = "taizhang";
const DB_VERSION: u32 = 3;
const CHUNKS: &str = "chunks";
const EXCHANGES: &str = "exchanges";
/// Snapshot files by id, and under `index` the list of them.
const SNAPSHOTS: &str = "snapshots";
const SNAPSHOT_INDEX: &str = "index";

thread_local! {
    static DATABASE: RefCell<Option<IdbDatabase>> = const { RefCell::new(None) };
}

fn error_from(value: JsValue) -> StoreError {
    let name = js_sys::Reflect::get(&value, &"name".into())
        .ok()
        .and_then(|n| n.as_string())
        .unwrap_or_default();
    let message = js_sys::Reflect::get(&value, &"message".into())
        .ok()
        .and_then(|m| m.as_string())
        .unwrap_or_else(|| format!("{value:?}"));
    let detail = format!("{name}: {message}");
    match name.as_str() {
        "QuotaExceededError" => StoreError::QuotaExceeded { detail },
        "InvalidStateError" | "SecurityError" | "UnknownError" => {
            StoreError::Unavailable { detail }
        }
        _ => StoreError::Failed { detail },
    }
}

/// Waits for a request's success (its result) or error.
async fn request_done(request: &IdbRequest) -> Result<JsValue, StoreError> {
    request_result(request).await.map_err(error_from)
}

/// The result of a request as a future whose handlers are set at once (not when it is first
/// polled), so several requests can be made before any is awaited: IndexedDB then serves them
/// together instead of one round trip each.
fn request_result(request: &IdbRequest) -> JsFuture {
    let promise = Promise::new(&mut |resolve, reject| {
        let on_success = Closure::once_into_js(move |event: web_sys::Event| {
            let result = event
                .target()
                .and_then(|t| t.dyn_into::<IdbRequest>().ok())
                .and_then(|r| r.result().ok())
                .unwrap_or(JsValue::UNDEFINED);
            let _ = resolve.call1(&JsValue::NULL, &result);
        });
        let on_error = Closure::once_into_js(move |event: web_sys::Event| {
            let error = event
                .target()
                .and_then(|t| t.dyn_into::<IdbRequest>().ok())
                .and_then(|r| r.error().ok().flatten())
                .map(JsValue::from)
                .unwrap_or_else(|| JsValue::from_str("request failed"));
            let _ = reject.call1(&JsValue::NULL, &error);
        });
        request.set_onsuccess(Some(on_success.unchecked_ref()));
        request.set_onerror(Some(on_error.unchecked_ref()));
    });
    JsFuture::from(promise)
}

/// Waits for a transaction to commit, or reports why it aborted (quota, for example).
async fn transaction_done(transaction: &IdbTransaction) -> Result<(), StoreError> {
    let promise = Promise::new(&mut |resolve, reject| {
        let on_complete = Closure::once_into_js(move || {
            let _ = resolve.call0(&JsValue::NULL);
        });
        let reject_abort = reject.clone();
        let on_error = Closure::once_into_js(move |event: web_sys::Event| {
            let error = event
                .target()
                .and_then(|t| t.dyn_into::<IdbRequest>().ok())
                .and_then(|r| r.error().ok().flatten())
                .map(JsValue::from)
                .unwrap_or_else(|| JsValue::from_str("transaction failed"));
            let _ = reject.call1(&JsValue::NULL, &error);
        });
        let on_abort = Closure::once_into_js(move |event: web_sys::Event| {
            let error = event
                .target()
                .and_then(|t| t.dyn_into::<IdbTransaction>().ok())
                .and_then(|t| t.error())
                .map(JsValue::from)
                .unwrap_or_else(|| JsValue::from_str("transaction aborted"));
            let _ = reject_abort.call1(&JsValue::NULL, &error);
        });
        transaction.set_oncomplete(Some(on_complete.unchecked_ref()));
        transaction.set_onerror(Some(on_error.unchecked_ref()));
        transaction.set_onabort(Some(on_abort.unchecked_ref()));
    });
    JsFuture::from(promise)
        .await
        .map(|_| ())
        .map_err(error_from)
}

/// Runs the requests of one read-write transaction (`body` ends by awaiting its completion).
/// When any step fails before that — a put the browser refuses, a chunk that does not read —
/// the transaction is aborted, so none of the requests already made commits: without the abort
/// IndexedDB would commit them when the task ends (a whole-ledger write's `clear` with half of
/// its puts, an empty or half-written store).
async fn all_or_nothing(
    tx: &IdbTransaction,
    body: impl std::future::Future<Output = Result<(), StoreError>>,
) -> Result<(), StoreError> {
    let result = body.await;
    if result.is_err() {
        // Already aborted by the browser (a failed request) or finished: nothing to undo.
        let _ = tx.abort();
    }
    result
}

async fn database() -> Result<IdbDatabase, StoreError> {
    if let Some(db) = DATABASE.with(|d| d.borrow().clone()) {
        return Ok(db);
    }
    let window = web_sys::window().ok_or_else(|| StoreError::Unavailable {
        detail: "no window".to_string(),
    })?;
    let factory =
        window
            .indexed_db()
            .map_err(error_from)?
            .ok_or_else(|| StoreError::Unavailable {
                detail: "IndexedDB is not available in this browser".to_string(),
            })?;
    let open: IdbOpenDbRequest = factory
        .open_with_u32(DB_NAME, DB_VERSION)
        .map_err(error_from)?;
    let on_upgrade = Closure::once_into_js(move |event: web_sys::Event| {
        let db = event
            .target()
            .and_then(|t| t.dyn_into::<IdbRequest>().ok())
            .and_then(|r| r.result().ok())
            .and_then(|r| r.dyn_into::<IdbDatabase>().ok());
        if let Some(db) = db {
            // Version 1 had `chunks`; version 2 adds `exchanges`; version 3 `snapshots`.
            for name in [CHUNKS, EXCHANGES, SNAPSHOTS] {
                if !db.object_store_names().contains(name) {
                    let _ = db.create_object_store(name);
                }
            }
        }
    });
    open.set_onupgradeneeded(Some(on_upgrade.unchecked_ref()));
    let db: IdbDatabase =
        request_done(&open)
            .await?
            .dyn_into()
            .map_err(|_| StoreError::Unavailable {
                detail: "IndexedDB did not open".to_string(),
            })?;
    // A newer version of the app opening the database closes this connection: this page then
    // cannot write any more (its writes fail and say so) instead of blocking the newer one.
    let on_version_change = Closure::<dyn FnMut(web_sys::Event)>::new(move |_| {
        DATABASE.with(|d| {
            if let Some(db) = d.borrow_mut().take() {
                db.close();
            }
        });
    });
    db.set_onversionchange(Some(on_version_change.as_ref().unchecked_ref()));
    on_version_change.forget();
    DATABASE.with(|d| *d.borrow_mut() = Some(db.clone()));
    Ok(db)
}

fn transaction(db: &IdbDatabase, mode: IdbTransactionMode) -> Result<IdbTransaction, StoreError> {
    db.transaction_with_str_and_mode(CHUNKS, mode)
        .map_err(error_from)
}

fn parse_chunk(key: &str, text: &JsValue) -> Result<Chunk, StoreError> {
    let text = text.as_string().ok_or_else(|| StoreError::Corrupt {
        detail: format!("chunk {key} is not text"),
    })?;
    serde_json::from_str(&text).map_err(|e| StoreError::Corrupt {
        detail: format!("chunk {key}: {e}"),
    })
}

/// How long one slice of a long piece of work may run before the page gets a turn: well
/// inside the 100 ms after which a page feels frozen, and few enough turns that the waiting
/// between them stays small.
pub const SLICE_MS: f64 = 40.0;

/// Milliseconds on the page's clock (for slicing work into short tasks).
pub fn now_ms() -> f64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map(|p| p.now())
        .unwrap_or_default()
}

/// Gives the page a turn every [`SLICE_MS`] of a long piece of work done in small steps.
pub struct Turns {
    since: f64,
}

impl Turns {
    pub fn start() -> Turns {
        Turns { since: now_ms() }
    }

    /// Whether the current slice has run its time.
    pub fn due(&self) -> bool {
        now_ms() - self.since > SLICE_MS
    }

    /// Lets the browser paint and take input, then starts the next slice.
    pub async fn give(&mut self) {
        sleep_ms(0).await;
        self.since = now_ms();
    }
}

/// Waits this many milliseconds, letting the browser do everything else (paint, input)
/// meanwhile; 0 gives it one turn.
pub async fn sleep_ms(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        if let Some(window) = web_sys::window() {
            let _ = window.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms);
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

/// Records a named moment on the page's performance timeline (read by the benchmark; harmless
/// otherwise).
pub fn perf_mark(name: &str) {
    if let Some(performance) = web_sys::window().and_then(|w| w.performance()) {
        let _ = performance.mark(name);
    }
}

/// Reads the whole stored dataset, or `None` when nothing is stored yet (chunks without the
/// description are a damaged store, not an empty one). Marks
/// `taizhang:load-start`, `taizhang:load-read` (IndexedDB has handed the chunks over) and
/// `taizhang:load-copied` (their texts are in the app); the caller marks when the ledger is
/// rebuilt.
pub async fn load() -> Result<Option<Loaded>, StoreError> {
    perf_mark("taizhang:load-start");
    let db = database().await?;
    let tx = transaction(&db, IdbTransactionMode::Readonly)?;
    let store = tx.object_store(CHUNKS).map_err(error_from)?;
    // Both asked for at once (their handlers set before either is awaited): one wait.
    let keys = request_result(&store.get_all_keys().map_err(error_from)?);
    let values = request_result(&store.get_all().map_err(error_from)?);
    let keys = keys.await.map_err(error_from)?;
    let values = values.await.map_err(error_from)?;
    perf_mark("taizhang:load-read");
    let (meta, loaded_chunks) = split_chunks(&keys.unchecked_into(), &values.unchecked_into(), "")?;
    perf_mark("taizhang:load-copied");
    // The JS arrays' strings are copied into wasm by now (and dropped with them) before the
    // ledger is rebuilt.
    // In one go: on start-up there is nothing to interact with until the ledger is read, and
    // one pass over the laid-out file is faster than the sliced read an import uses (measured:
    // 1.4 s against 2.1 s for the city-scale ledger).
    match meta {
        None if loaded_chunks.is_empty() => Ok(None),
        // Records without their description (a store half-cleared, a lost write): damaged, not
        // "nothing stored" — that would open the sample over what remains.
        None => Err(chunks::missing_description(loaded_chunks.len())),
        Some(meta) => chunks::load_from_chunk_texts(&meta, loaded_chunks).map(Some),
    }
}

/// The description (if stored) and every other chunk's key and text.
type SplitChunks = (Option<serde_json::Value>, Vec<(String, String)>);

/// The stored chunks as `getAllKeys` and `getAll` hand them over (or as a snapshot keeps them):
/// the description parsed, and every other chunk's key and text. `place` goes before the
/// messages ("snapshot s-…: ", or nothing for the ledger itself).
fn split_chunks(keys: &Array, values: &Array, place: &str) -> Result<SplitChunks, StoreError> {
    let mut meta = None;
    let mut texts = Vec::with_capacity(keys.length() as usize);
    for (key, value) in keys.iter().zip(values.iter()) {
        let key = key.as_string().unwrap_or_default();
        let text = value.as_string().ok_or_else(|| StoreError::Corrupt {
            detail: format!("{place}chunk {key} is not text"),
        })?;
        if key == chunks::META_KEY {
            meta = Some(
                serde_json::from_str(&text).map_err(|e| StoreError::Corrupt {
                    detail: format!("{place}meta: {e}"),
                })?,
            );
        } else {
            texts.push((key, text));
        }
    }
    Ok((meta, texts))
}

/// The browser's store behind the [`Store`] interface the workspace uses.
#[derive(Debug, Clone, Copy, Default)]
pub struct BrowserStore;

impl Store for BrowserStore {
    async fn load(&mut self) -> Result<Option<Loaded>, StoreError> {
        load().await
    }

    async fn write(&mut self, write: &Write) -> Result<(), StoreError> {
        match write {
            Write::Everything { meta, ledger } => write_everything(meta, ledger).await,
            Write::Changes {
                records,
                meta,
                meta_base,
                basemap,
            } => write_changes(records, meta.as_ref(), meta_base.as_ref(), basemap.as_ref()).await,
            Write::Snapshot { info, policy } => copy_to_snapshot(info, policy).await,
        }
    }

    async fn keep_exchange(&mut self, id: &str, text: &str) -> Result<(), StoreError> {
        save_exchange(id, text).await
    }

    async fn exchange(&mut self, id: &str) -> Result<Option<String>, StoreError> {
        load_exchange(id).await
    }

    async fn snapshots(&mut self) -> Result<Vec<super::snapshots::SnapshotInfo>, StoreError> {
        let db = database().await?;
        let tx = db
            .transaction_with_str_and_mode(SNAPSHOTS, IdbTransactionMode::Readonly)
            .map_err(error_from)?;
        let store = tx.object_store(SNAPSHOTS).map_err(error_from)?;
        let value = request_done(
            &store
                .get(&JsValue::from_str(SNAPSHOT_INDEX))
                .map_err(error_from)?,
        )
        .await?;
        match value.as_string() {
            None => Ok(Vec::new()),
            Some(text) => serde_json::from_str(&text).map_err(|e| StoreError::Corrupt {
                detail: format!("snapshot index: {e}"),
            }),
        }
    }

    async fn snapshot(&mut self, id: &str) -> Result<Option<Loaded>, StoreError> {
        let db = database().await?;
        let tx = db
            .transaction_with_str_and_mode(SNAPSHOTS, IdbTransactionMode::Readonly)
            .map_err(error_from)?;
        let store = tx.object_store(SNAPSHOTS).map_err(error_from)?;
        let value = request_done(&store.get(&JsValue::from_str(id)).map_err(error_from)?).await?;
        if value.is_undefined() {
            return Ok(None);
        }
        // Before issue 14 a snapshot was the ledger written as a file; since, it is a copy of
        // the stored chunks (`copy_to_snapshot`). Both read back.
        if let Some(text) = value.as_string() {
            return crate::format::read_file(&text)
                .map(Some)
                .map_err(|e| StoreError::Corrupt {
                    detail: format!("snapshot {id}: {e:?}"),
                });
        }
        let field = |name: &str| -> Result<Array, StoreError> {
            js_sys::Reflect::get(&value, &JsValue::from_str(name))
                .ok()
                .filter(Array::is_array)
                .map(JsCast::unchecked_into)
                .ok_or_else(|| StoreError::Corrupt {
                    detail: format!("snapshot {id} has no {name}"),
                })
        };
        let (meta, texts) = split_chunks(
            &field("keys")?,
            &field("values")?,
            &format!("snapshot {id}: "),
        )?;
        match meta {
            None => Err(StoreError::Corrupt {
                detail: format!("snapshot {id} has no description"),
            }),
            Some(meta) => chunks::load_from_chunk_texts(&meta, texts).map(Some),
        }
    }

    async fn read_chunks(
        &mut self,
        keys: &[String],
    ) -> Result<std::collections::BTreeMap<String, Chunk>, StoreError> {
        let db = database().await?;
        let tx = transaction(&db, IdbTransactionMode::Readonly)?;
        let store = tx.object_store(CHUNKS).map_err(error_from)?;
        let mut out = std::collections::BTreeMap::new();
        for key in keys {
            let value =
                request_done(&store.get(&JsValue::from_str(key)).map_err(error_from)?).await?;
            if !value.is_undefined() {
                out.insert(key.clone(), parse_chunk(key, &value)?);
            }
        }
        Ok(out)
    }
}

async fn write_everything(
    meta: &serde_json::Value,
    ledger: &chunks::WholeLedger,
) -> Result<(), StoreError> {
    let meta = meta.to_string();
    // The chunk texts in slices, the page getting a turn every `SLICE_MS`, before the one
    // transaction (a transaction must not wait on timers: it would commit early).
    let mut steps = chunks::ChunkTextSteps::default();
    let mut turns = Turns::start();
    // The page first draws what changed (a replaced ledger) before the slices begin.
    turns.give().await;
    while !steps.step(ledger, 500) {
        if turns.due() {
            turns.give().await;
        }
    }
    // The texts become JS strings (decoding 26 MB of a city ledger) in slices too, so the
    // transaction only hands them to IndexedDB.
    let mut all = Vec::new();
    for (key, text) in steps.finish(ledger) {
        all.push((JsValue::from_str(&key), JsValue::from_str(&text)));
        if turns.due() {
            turns.give().await;
        }
    }
    let db = database().await?;
    let tx = transaction(&db, IdbTransactionMode::Readwrite)?;
    all_or_nothing(&tx, async {
        let store = tx.object_store(CHUNKS).map_err(error_from)?;
        refuse_if_newer(&store).await?;
        store.clear().map_err(error_from)?;
        // Handing 26 MB to IndexedDB is itself a tenth of a second: the puts go in slices too,
        // each slice waiting for its last put to succeed (the transaction stays open while its
        // requests run, unlike across a timer), so the page gets its turns meanwhile.
        turns = Turns::start();
        for (key, text) in &all {
            let request = store.put_with_key(text, key).map_err(error_from)?;
            if turns.due() {
                request_done(&request).await?;
                turns = Turns::start();
            }
        }
        store
            .put_with_key(
                &JsValue::from_str(&meta),
                &JsValue::from_str(chunks::META_KEY),
            )
            .map_err(error_from)?;
        transaction_done(&tx).await
    })
    .await
}

/// Refuses a store whose description a newer version of the app wrote (see
/// `chunks::refuse_if_newer`); `stored` is the description's stored text, if any.
fn check_not_newer(stored: &JsValue) -> Result<(), StoreError> {
    let meta = stored
        .as_string()
        .and_then(|text| serde_json::from_str::<serde_json::Value>(&text).ok());
    chunks::refuse_if_newer(meta.as_ref())
}

/// Reads the stored description in the write's own transaction and refuses a newer one.
async fn refuse_if_newer(store: &web_sys::IdbObjectStore) -> Result<(), StoreError> {
    let stored = request_result(
        &store
            .get(&JsValue::from_str(chunks::META_KEY))
            .map_err(error_from)?,
    )
    .await
    .map_err(error_from)?;
    check_not_newer(&stored)
}

/// Persists what one edit changed: reads the touched chunks, changes them and writes them
/// back, with the description and the boundary map when they changed, inside one
/// read-modify-write transaction.
async fn write_changes(
    changes: &[ChunkChange],
    meta: Option<&serde_json::Value>,
    meta_base: Option<&serde_json::Value>,
    basemap: Option<&Option<Chunk>>,
) -> Result<(), StoreError> {
    let db = database().await?;
    let tx = transaction(&db, IdbTransactionMode::Readwrite)?;
    all_or_nothing(&tx, async {
        let store = tx.object_store(CHUNKS).map_err(error_from)?;
        // Asked first, answered before anything is committed: a newer version's store aborts
        // this transaction with every request made after it.
        let stored_meta = request_result(
            &store
                .get(&JsValue::from_str(chunks::META_KEY))
                .map_err(error_from)?,
        );
        match basemap {
            Some(Some(chunk)) => {
                store
                    .put_with_key(
                        &JsValue::from_str(&serde_json::Value::Object(chunk.clone()).to_string()),
                        &JsValue::from_str(chunks::BASEMAP_KEY),
                    )
                    .map_err(error_from)?;
            }
            Some(None) => {
                store
                    .delete(&JsValue::from_str(chunks::BASEMAP_KEY))
                    .map_err(error_from)?;
            }
            None => {}
        }
        // Every chunk the change touches is asked for before any answer is awaited (one round
        // trip for all, not one each); each is then changed and put back in the same transaction.
        let mut reads = Vec::new();
        for key in chunks::keys_of(changes) {
            let js_key = JsValue::from_str(&key);
            let read = request_result(&store.get(&js_key).map_err(error_from)?);
            reads.push((key, js_key, read));
        }
        let stored_meta = stored_meta.await.map_err(error_from)?;
        check_not_newer(&stored_meta)?;
        if let Some(meta) = meta {
            let meta = match meta_base {
                Some(base) => {
                    let stored = stored_meta
                        .as_string()
                        .and_then(|text| serde_json::from_str(&text).ok());
                    chunks::merge_meta(stored.as_ref(), base, meta)
                }
                None => meta.clone(),
            };
            store
                .put_with_key(
                    &JsValue::from_str(&meta.to_string()),
                    &JsValue::from_str(chunks::META_KEY),
                )
                .map_err(error_from)?;
        }
        for (key, js_key, read) in reads {
            let current = read.await.map_err(error_from)?;
            let mut chunk = if current.is_undefined() {
                Chunk::new()
            } else {
                parse_chunk(&key, &current)?
            };
            chunks::apply_to_chunk(&key, &mut chunk, changes);
            if chunk.is_empty() {
                store.delete(&js_key).map_err(error_from)?;
            } else {
                let text = serde_json::Value::Object(chunk).to_string();
                store
                    .put_with_key(&JsValue::from_str(&text), &js_key)
                    .map_err(error_from)?;
            }
        }
        transaction_done(&tx).await
    })
    .await
}

/// Copies every stored chunk, as it is, into a snapshot, in one transaction with the snapshot
/// index (the size filled in, the snapshots the policy no longer keeps dropped). The chunk
/// texts go from one object store to the other as JS values: the app's wasm never sees them.
async fn copy_to_snapshot(
    info: &super::snapshots::SnapshotInfo,
    policy: &super::snapshots::SnapshotPolicy,
) -> Result<(), StoreError> {
    let db = database().await?;
    let names = Array::of2(&JsValue::from_str(CHUNKS), &JsValue::from_str(SNAPSHOTS));
    let tx = db
        .transaction_with_str_sequence_and_mode(&names, IdbTransactionMode::Readwrite)
        .map_err(error_from)?;
    all_or_nothing(&tx, async {
        let stored = tx.object_store(CHUNKS).map_err(error_from)?;
        let kept = tx.object_store(SNAPSHOTS).map_err(error_from)?;
        let keys = request_result(&stored.get_all_keys().map_err(error_from)?);
        let values = request_result(&stored.get_all().map_err(error_from)?);
        let index = request_result(
            &kept
                .get(&JsValue::from_str(SNAPSHOT_INDEX))
                .map_err(error_from)?,
        );
        let keys: Array = keys.await.map_err(error_from)?.unchecked_into();
        let values: Array = values.await.map_err(error_from)?.unchecked_into();
        let index = index.await.map_err(error_from)?;
        let mut list: Vec<super::snapshots::SnapshotInfo> = match index.as_string() {
            None => Vec::new(),
            Some(text) => serde_json::from_str(&text).map_err(|e| StoreError::Corrupt {
                detail: format!("snapshot index: {e}"),
            })?,
        };
        let has_meta = keys
            .iter()
            .any(|k| k.as_string().as_deref() == Some(chunks::META_KEY));
        if !has_meta {
            // Nothing stored yet: nothing to keep.
            return transaction_done(&tx).await;
        }
        let bytes: u64 = values
            .iter()
            .map(|v| {
                v.dyn_into::<js_sys::JsString>()
                    .map_or(0, |s| s.length() as u64)
            })
            .sum();
        let info = super::snapshots::SnapshotInfo {
            bytes,
            ..info.clone()
        };
        let delete = super::snapshots::add_to_index(&mut list, info.clone(), policy);
        let copy = js_sys::Object::new();
        let set = |name: &str, value: &JsValue| {
            js_sys::Reflect::set(&copy, &JsValue::from_str(name), value).map_err(error_from)
        };
        set("keys", &keys)?;
        set("values", &values)?;
        for id in &delete {
            kept.delete(&JsValue::from_str(id)).map_err(error_from)?;
        }
        kept.put_with_key(&copy, &JsValue::from_str(&info.id))
            .map_err(error_from)?;
        let index_text = serde_json::to_string(&list).map_err(|e| StoreError::Failed {
            detail: e.to_string(),
        })?;
        kept.put_with_key(
            &JsValue::from_str(&index_text),
            &JsValue::from_str(SNAPSHOT_INDEX),
        )
        .map_err(error_from)?;
        transaction_done(&tx).await
    })
    .await
}

/// Puts one text under one key of one object store, in a transaction of its own.
async fn put_text(store_name: &str, key: &str, text: &str) -> Result<(), StoreError> {
    let db = database().await?;
    let tx = db
        .transaction_with_str_and_mode(store_name, IdbTransactionMode::Readwrite)
        .map_err(error_from)?;
    let store = tx.object_store(store_name).map_err(error_from)?;
    store
        .put_with_key(&JsValue::from_str(text), &JsValue::from_str(key))
        .map_err(error_from)?;
    transaction_done(&tx).await
}

/// Keeps a file's text under a key of the `exchanges` store (an export id).
pub async fn save_exchange(key: &str, text: &str) -> Result<(), StoreError> {
    put_text(EXCHANGES, key, text).await
}

/// The text kept under a key of the `exchanges` store, if any.
pub async fn load_exchange(key: &str) -> Result<Option<String>, StoreError> {
    let db = database().await?;
    let tx = db
        .transaction_with_str_and_mode(EXCHANGES, IdbTransactionMode::Readonly)
        .map_err(error_from)?;
    let store = tx.object_store(EXCHANGES).map_err(error_from)?;
    let value = request_done(&store.get(&JsValue::from_str(key)).map_err(error_from)?).await?;
    Ok(value.as_string())
}

/// What the browser says about this origin's storage: whether it is persistent (kept when the
/// disk runs low, not cleared automatically) and how much is used of how much.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct StorageInfo {
    pub persistent: Option<bool>,
    pub usage: Option<f64>,
    pub quota: Option<f64>,
}

fn storage_manager() -> Option<web_sys::StorageManager> {
    let navigator = web_sys::window()?.navigator();
    // `navigator.storage` is missing outside secure contexts and in old browsers.
    let storage = js_sys::Reflect::get(&navigator, &"storage".into()).ok()?;
    (!storage.is_undefined() && !storage.is_null()).then(|| storage.unchecked_into())
}

/// Asks the browser to keep this origin's data (no prompt in Chromium: it decides), and
/// reports the answer with the usage and quota.
pub async fn request_persistence() -> StorageInfo {
    let Some(manager) = storage_manager() else {
        return StorageInfo {
            persistent: None,
            usage: None,
            quota: None,
        };
    };
    let persistent = match manager.persist() {
        Ok(promise) => JsFuture::from(promise).await.ok().and_then(|v| v.as_bool()),
        Err(_) => None,
    };
    let (usage, quota) = match manager.estimate() {
        Ok(promise) => match JsFuture::from(promise).await {
            Ok(value) => {
                let estimate: web_sys::StorageEstimate = value.unchecked_into();
                (estimate.get_usage(), estimate.get_quota())
            }
            Err(_) => (None, None),
        },
        Err(_) => (None, None),
    };
    StorageInfo {
        persistent,
        usage,
        quota,
    }
}

/// Small preferences in localStorage. Storage can be disabled or full: reading then gives
/// `None` and writing reports the error, never a panic.
pub mod preferences {
    use gloo_storage::{LocalStorage, Storage};

    pub fn get(key: &str) -> Option<String> {
        // `LocalStorage::raw()` panics where storage is disabled; check first.
        let available = web_sys::window()
            .and_then(|w| w.local_storage().ok().flatten())
            .is_some();
        if !available {
            return None;
        }
        LocalStorage::get::<String>(key).ok()
    }

    pub fn set(key: &str, value: &str) -> Result<(), String> {
        let available = web_sys::window()
            .and_then(|w| w.local_storage().ok().flatten())
            .is_some();
        if !available {
            return Err("localStorage is not available".to_string());
        }
        LocalStorage::set(key, value).map_err(|e| e.to_string())
    }
}

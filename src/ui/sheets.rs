//! The spreadsheet module, loaded the first time a spreadsheet is opened or written, or a Word
//! file is (its zip is packed and unpacked there: `read_zip_entry`, `write_zip`): a second
//! wasm module (`sheets/`, built by scripts/build-sheets.sh into `dist/sheets/`) imported with a
//! dynamic `import()` from a file (the CSP allows 'self' scripts and no inline ones), initialised
//! once and kept. Its interface version must equal the page's, so a stale copy from a cache is
//! refused with a message instead of misread. Bytes go in, JSON comes out: the reading and
//! writing are the `taizhang-sheets` crate's, what it means is the core's (`crate::sheet`).

use crate::i18n::Message;
use crate::sheet::{Book, BookSpec, ReadError};
use std::cell::RefCell;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

#[wasm_bindgen(inline_js = "export function import_module(url) { return import(url); }")]
extern "C" {
    fn import_module(url: &str) -> js_sys::Promise;
}

thread_local! {
    static MODULE: RefCell<Option<JsValue>> = const { RefCell::new(None) };
}

/// The module's address, beside the page (works under any sub-path).
fn module_url() -> String {
    let base = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.base_uri().ok().flatten())
        .unwrap_or_default();
    web_sys::Url::new_with_base("sheets/taizhang_sheets.js", &base)
        .map(|u| u.href())
        .unwrap_or_else(|_| "./sheets/taizhang_sheets.js".to_string())
}

/// What a thrown JS value says: its text, or an `Error`'s message (also `fetch_text`'s).
pub(crate) fn js_text(value: &JsValue) -> String {
    value
        .as_string()
        .or_else(|| {
            value
                .dyn_ref::<js_sys::Error>()
                .map(|e| String::from(e.message()))
        })
        .unwrap_or_else(|| format!("{value:?}"))
}

fn failed(value: &JsValue) -> Message {
    Message::new("sheet.module_failed").with("detail", js_text(value))
}

fn function(module: &JsValue, name: &str) -> Result<js_sys::Function, Message> {
    js_sys::Reflect::get(module, &JsValue::from_str(name))
        .ok()
        .and_then(|f| f.dyn_into::<js_sys::Function>().ok())
        .ok_or_else(|| Message::new("sheet.module_stale"))
}

/// The loaded and initialised module.
async fn module() -> Result<JsValue, Message> {
    if let Some(module) = MODULE.with(|m| m.borrow().clone()) {
        return Ok(module);
    }
    let module = wasm_bindgen_futures::JsFuture::from(import_module(&module_url()))
        .await
        .map_err(|e| failed(&e))?;
    let init = function(&module, "default")?;
    let started = init.call0(&JsValue::NULL).map_err(|e| failed(&e))?;
    if let Ok(promise) = started.dyn_into::<js_sys::Promise>() {
        wasm_bindgen_futures::JsFuture::from(promise)
            .await
            .map_err(|e| failed(&e))?;
    }
    let version = function(&module, "interface_version")?
        .call0(&JsValue::NULL)
        .map_err(|e| failed(&e))?
        .as_f64();
    if version != Some(f64::from(taizhang_sheets::INTERFACE)) {
        return Err(Message::new("sheet.module_stale"));
    }
    MODULE.with(|m| *m.borrow_mut() = Some(module.clone()));
    Ok(module)
}

/// Reads a spreadsheet file's bytes.
pub async fn read_book(bytes: &[u8], file_name: &str) -> Result<Book, Message> {
    let module = module().await?;
    let read = function(&module, "read_book")?;
    let result = read.call2(
        &JsValue::NULL,
        &js_sys::Uint8Array::from(bytes),
        &JsValue::from_str(file_name),
    );
    match result {
        Ok(json) => serde_json::from_str(&json.as_string().unwrap_or_default())
            .map_err(|_| Message::new("sheet.module_stale")),
        Err(thrown) => {
            let text = js_text(&thrown);
            Err(match serde_json::from_str::<ReadError>(&text) {
                Ok(error) => crate::sheet::read_error_message(&error),
                Err(_) => failed(&thrown),
            })
        }
    }
}

/// Writes a workbook plan as .xlsx bytes.
pub async fn write_xlsx(spec: &BookSpec) -> Result<Vec<u8>, Message> {
    let module = module().await?;
    let write = function(&module, "write_xlsx")?;
    let json =
        serde_json::to_string(spec).map_err(|e| failed(&JsValue::from_str(&e.to_string())))?;
    let bytes = write
        .call1(&JsValue::NULL, &JsValue::from_str(&json))
        .map_err(|e| failed(&e))?;
    Ok(js_sys::Uint8Array::new(&bytes).to_vec())
}

/// The entry `name` of a zip (a .docx draft's `word/document.xml`), at most `limit` bytes: the
/// bytes, the reader's refusal, or why the module did not load.
pub async fn read_zip_entry(
    bytes: &[u8],
    name: &str,
    limit: u64,
) -> Result<Result<Vec<u8>, taizhang_sheets::zipped::EntryError>, Message> {
    let module = module().await?;
    let read = function(&module, "read_zip_entry")?;
    let result = read.call3(
        &JsValue::NULL,
        &js_sys::Uint8Array::from(bytes),
        &JsValue::from_str(name),
        &JsValue::from_f64(limit as f64),
    );
    match result {
        Ok(bytes) => Ok(Ok(js_sys::Uint8Array::new(&bytes).to_vec())),
        Err(thrown) => match serde_json::from_str(&js_text(&thrown)) {
            Ok(refused) => Ok(Err(refused)),
            Err(_) => Err(failed(&thrown)),
        },
    }
}

/// A zip of the parts (a .docx report's), in order.
pub async fn write_zip(parts: &[taizhang_sheets::zipped::Part]) -> Result<Vec<u8>, Message> {
    let module = module().await?;
    let write = function(&module, "write_zip")?;
    let headers: Vec<taizhang_sheets::zipped::PartHeader> = parts
        .iter()
        .map(|p| taizhang_sheets::zipped::PartHeader {
            name: p.name.clone(),
            len: p.data.len(),
            deflate: p.deflate,
        })
        .collect();
    let headers =
        serde_json::to_string(&headers).map_err(|e| failed(&JsValue::from_str(&e.to_string())))?;
    let data: Vec<u8> = parts.iter().flat_map(|p| p.data.iter().copied()).collect();
    let bytes = write
        .call2(
            &JsValue::NULL,
            &JsValue::from_str(&headers),
            &js_sys::Uint8Array::from(data.as_slice()),
        )
        .map_err(|e| failed(&e))?;
    Ok(js_sys::Uint8Array::new(&bytes).to_vec())
}

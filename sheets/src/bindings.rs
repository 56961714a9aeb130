//! The lazily loaded module's entry points: bytes in, JSON out (and back), so the app needs no
//! knowledge of the crates behind them.

use wasm_bindgen::prelude::*;

/// The interface version (the app checks it before using the module).
#[wasm_bindgen]
pub fn interface_version() -> u32 {
    crate::INTERFACE
}

/// Reads a spreadsheet file: the [`crate::Book`] as JSON, or throws the
/// [`crate::read::ReadError`] as JSON.
#[wasm_bindgen]
pub fn read_book(bytes: &[u8], file_name: &str) -> Result<String, JsValue> {
    match crate::read::read_book(bytes, file_name) {
        Ok(book) => serde_json::to_string(&book).map_err(|e| JsValue::from_str(&e.to_string())),
        Err(error) => Err(JsValue::from_str(
            &serde_json::to_string(&error).unwrap_or_default(),
        )),
    }
}

/// Writes a [`crate::BookSpec`] given as JSON: the .xlsx bytes, or throws a message.
#[wasm_bindgen]
pub fn write_xlsx(spec: &str) -> Result<Vec<u8>, JsValue> {
    let spec: crate::BookSpec =
        serde_json::from_str(spec).map_err(|e| JsValue::from_str(&e.to_string()))?;
    crate::write::write_xlsx(&spec).map_err(|e| JsValue::from_str(&e.to_string()))
}

/// The entry `name` of a zip, at most `limit` bytes; throws the
/// [`crate::zipped::EntryError`] as JSON.
#[wasm_bindgen]
pub fn read_zip_entry(bytes: &[u8], name: &str, limit: f64) -> Result<Vec<u8>, JsValue> {
    crate::zipped::read_entry(bytes, name, limit as u64)
        .map_err(|error| JsValue::from_str(&serde_json::to_string(&error).unwrap_or_default()))
}

/// A zip of parts: their [`crate::zipped::PartHeader`]s as JSON and all their bytes in one
/// buffer, in order; throws a message.
#[wasm_bindgen]
pub fn write_zip(headers: &str, data: &[u8]) -> Result<Vec<u8>, JsValue> {
    let headers: Vec<crate::zipped::PartHeader> =
        serde_json::from_str(headers).map_err(|e| JsValue::from_str(&e.to_string()))?;
    let parts = crate::zipped::parts_of(headers, data)
        .ok_or_else(|| JsValue::from_str("the parts' sizes do not match their bytes"))?;
    crate::zipped::write_parts(&parts).map_err(|e| JsValue::from_str(&e))
}

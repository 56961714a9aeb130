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

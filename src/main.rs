//! The web app's entry point: mounts the Leptos shell. Built for wasm32 by trunk; the native
//! build only says where to look.

fn main() {
    #[cfg(target_arch = "wasm32")]
    taizhang::ui::start();
    #[cfg(not(target_arch = "wasm32"))]
    eprintln!("taizhang is a web app: build it with `trunk build` (see README); the native tool is taizhang-cli");
}

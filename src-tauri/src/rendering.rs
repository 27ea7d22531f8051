//! How the web view draws. Without a GPU (a virtual machine, a remote
//! desktop, a PC without its graphics driver) WebKitGTK composites on a
//! software OpenGL renderer, and every frame after a list changes costs about
//! 90 ms; drawn without compositing the same frame takes about 10 ms and the
//! web view needs some 90 MB less memory (`benches/window.rs`, under Xvfb).
//! So on Linux without a GPU render node the window draws the classic way.

/// Turns accelerated compositing off in `window` when this PC has no GPU to
/// run it, unless `WEBKIT_DISABLE_COMPOSITING_MODE` already decides.
pub fn suit_to_gpu<R: tauri::Runtime>(window: &tauri::WebviewWindow<R>) {
    #[cfg(target_os = "linux")]
    if std::env::var_os("WEBKIT_DISABLE_COMPOSITING_MODE").is_none() && !has_render_node() {
        let _ = window.with_webview(|webview| {
            use webkit2gtk::{HardwareAccelerationPolicy, SettingsExt, WebViewExt};
            if let Some(settings) = WebViewExt::settings(&webview.inner()) {
                settings.set_hardware_acceleration_policy(HardwareAccelerationPolicy::Never);
            }
        });
    }
    #[cfg(not(target_os = "linux"))]
    let _ = window;
}

/// Whether a GPU render node (`/dev/dri/renderD128` …) exists.
#[cfg(target_os = "linux")]
fn has_render_node() -> bool {
    std::fs::read_dir("/dev/dri").is_ok_and(|entries| {
        entries
            .flatten()
            .any(|e| e.file_name().to_string_lossy().starts_with("renderD"))
    })
}

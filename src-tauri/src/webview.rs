//! The web view's own settings on Linux: Chinese as its language whatever
//! the system's (date fields read 2026/01/01, not 01/01/2026), and drawing
//! without accelerated compositing on a PC without a GPU.

/// Sets up `window`'s web view: Chinese as its language, and accelerated
/// compositing off when this PC has no GPU to run it (unless
/// `WEBKIT_DISABLE_COMPOSITING_MODE` already decides). Without a GPU (a
/// virtual machine, a remote desktop, a PC without its graphics driver)
/// WebKitGTK composites on software OpenGL: every frame after a list changes
/// cost ~90 ms under Xvfb, ~10 ms drawn without it, and the web view needed
/// ~100 MB more (`benches/window.rs`).
pub fn set_up<R: tauri::Runtime>(window: &tauri::WebviewWindow<R>) {
    #[cfg(target_os = "linux")]
    {
        let no_gpu =
            std::env::var_os("WEBKIT_DISABLE_COMPOSITING_MODE").is_none() && !has_render_node();
        let _ = window.with_webview(move |webview| {
            use webkit2gtk::{HardwareAccelerationPolicy, SettingsExt, WebContextExt, WebViewExt};
            let view = webview.inner();
            if let Some(context) = view.context() {
                context.set_preferred_languages(&["zh-CN"]);
            }
            if no_gpu && let Some(settings) = WebViewExt::settings(&view) {
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

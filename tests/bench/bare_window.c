/* `make bench`'s floor under the start-up row: a bare WebKitGTK window doing the app's start
 * steps, with no Tauri and no Rust. It opens a hidden 1024x720 window with one web view, loads
 * a small sign-in page in `sans-serif` (the face the app draws where `system-ui` has none of
 * its own, as on the bench machine: `startup::system_ui_font` in the app), shows the window once the
 * page has loaded (as `src-tauri/first_show.rs` does), and prints the line the app prints with
 * `JITOPS_TIMING` two animation frames later. Whatever the app adds to a start is the
 * difference between the two rows. Built by `scripts/bench.sh` (cc and pkg-config). */
#include <gtk/gtk.h>
#include <stdio.h>
#include <webkit2/webkit2.h>

static const char *PAGE =
    "<!doctype html><html lang=en><head><meta charset=utf-8><title>Sign in</title><style>"
    "body{font:15px/1.45 sans-serif;margin:0}main{padding:24px}"
    "h1{font-size:22px}label{display:block;font-weight:500;margin:8px 0}"
    "input{font:inherit;display:block}button{font:inherit;font-weight:600}"
    "</style></head><body><main><h1>Sign in</h1><form>"
    "<label>Email address<input type=email></label>"
    "<label>Password<input type=password></label>"
    "<button type=button>Sign in</button></form></main><script>"
    "requestAnimationFrame(() => requestAnimationFrame(() =>"
    " window.webkit.messageHandlers.painted.postMessage('signin')));"
    "</script></body></html>";

/* Milliseconds since the epoch: the app's line carries the same clock. */
static long long now_ms(void) { return g_get_real_time() / 1000; }

static void on_painted(WebKitUserContentManager *manager, WebKitJavascriptResult *result,
                       gpointer data) {
  fprintf(stderr, "jitops-timing: shown signin at %lld\n", now_ms());
  fflush(stderr);
}

static void on_load_changed(WebKitWebView *view, WebKitLoadEvent event, gpointer window) {
  if (event == WEBKIT_LOAD_FINISHED) gtk_widget_show_all(GTK_WIDGET(window));
}

int main(int argc, char **argv) {
  gtk_init(&argc, &argv);
  GtkWidget *window = gtk_window_new(GTK_WINDOW_TOPLEVEL);
  gtk_window_set_default_size(GTK_WINDOW(window), 1024, 720);
  g_signal_connect(window, "destroy", G_CALLBACK(gtk_main_quit), NULL);
  WebKitUserContentManager *manager = webkit_user_content_manager_new();
  g_signal_connect(manager, "script-message-received::painted", G_CALLBACK(on_painted), NULL);
  webkit_user_content_manager_register_script_message_handler(manager, "painted");
  GtkWidget *view = webkit_web_view_new_with_user_content_manager(manager);
  gtk_container_add(GTK_CONTAINER(window), view);
  g_signal_connect(view, "load-changed", G_CALLBACK(on_load_changed), window);
  webkit_web_view_load_html(WEBKIT_WEB_VIEW(view), PAGE, "about:blank");
  gtk_main();
  return 0;
}

//! Owns the demo's sign-in captcha in each form WHMCS's stock `includes/captcha.tpl` renders:
//! the built-in image (`img#inputCaptchaImage` and a `code` field), reCAPTCHA v2 (an empty
//! `.recaptcha-container` a provider script fills) and invisible reCAPTCHA (no box; the button
//! carries `btn-recaptcha-invisible` and the script answers on submit). The provider is a
//! stand-in served by the portal itself under `/demo/recaptcha/`, since the demo is offline.

use crate::html::esc;
use crate::lang::{Lang, Text};
use std::collections::{HashMap, HashSet};
use std::sync::Mutex;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum CaptchaKind {
    /// WHMCS's default: no captcha on the sign-in form.
    #[default]
    Off,
    Image,
    Recaptcha,
    Invisible,
}

impl std::str::FromStr for CaptchaKind {
    type Err = String;
    fn from_str(s: &str) -> Result<CaptchaKind, String> {
        match s {
            "off" | "none" => Ok(CaptchaKind::Off),
            "image" => Ok(CaptchaKind::Image),
            "recaptcha" | "on" => Ok(CaptchaKind::Recaptcha),
            "invisible" => Ok(CaptchaKind::Invisible),
            other => Err(format!(
                "unknown captcha {other:?} (off, image, recaptcha or invisible)"
            )),
        }
    }
}

impl CaptchaKind {
    /// What goes into the page's head: the provider's script.
    pub fn head(self) -> &'static str {
        match self {
            CaptchaKind::Recaptcha | CaptchaKind::Invisible => {
                "<script src=\"demo/recaptcha/api.js\" async defer></script>\n"
            }
            _ => "",
        }
    }

    /// The classes WHMCS's `getButtonClass()` adds to the sign-in button.
    pub fn button_class(self) -> &'static str {
        match self {
            CaptchaKind::Recaptcha => " btn-recaptcha",
            CaptchaKind::Invisible => " btn-recaptcha btn-recaptcha-invisible",
            _ => "",
        }
    }

    /// What goes into the form, before its button.
    pub fn in_form(self, lang: Lang) -> String {
        match self {
            CaptchaKind::Off | CaptchaKind::Invisible => String::new(),
            CaptchaKind::Recaptcha => format!(
                "<div class=\"text-center row justify-content-center\"><div id=\"google-recaptcha-domainchecker\" class=\"form-group recaptcha-container mx-auto\" data-action=\"login\" data-label=\"{}\"></div></div>\n",
                esc(lang.text(Text::NotARobot))
            ),
            CaptchaKind::Image => format!(
                "<div class=\"text-center row justify-content-center\"><div class=\"col-md-8 mx-auto mb-3 mb-sm-0\"><div id=\"default-captcha-domainchecker\" class=\"text-center row pb-3\">\
                 <p>{}</p><div class=\"col-6 captchaimage\"><img id=\"inputCaptchaImage\" data-src=\"includes/verifyimage.php\" src=\"includes/verifyimage.php\" align=\"middle\" /></div>\
                 <div class=\"col-6\"><input id=\"inputCaptcha\" type=\"text\" name=\"code\" maxlength=\"6\" class=\"form-control\" /></div></div></div></div>\n",
                esc(lang.text(Text::CaptchaVerify))
            ),
        }
    }
}

/// The stand-in provider's script: draws the checkbox into `.recaptcha-container`, and for the
/// invisible kind answers when the form is submitted, each time with a token it asks the portal
/// for (as the real one asks Google).
pub const PROVIDER_SCRIPT: &str = r#"(function () {
  function token(done) {
    fetch('demo/recaptcha/token', { method: 'POST' }).then(function (r) { return r.text(); }).then(done);
  }
  function answer(form, value) {
    var field = form.querySelector('[name="g-recaptcha-response"]');
    if (!field) {
      field = document.createElement('textarea');
      field.name = 'g-recaptcha-response';
      field.hidden = true;
      form.appendChild(field);
    }
    field.value = value;
  }
  function start() {
    document.querySelectorAll('.recaptcha-container').forEach(function (box) {
      var label = document.createElement('label');
      var check = document.createElement('input');
      check.type = 'checkbox';
      check.id = 'demo-recaptcha-check';
      label.append(check, ' ' + (box.dataset.label || ''));
      box.append(label);
      check.addEventListener('change', function () {
        if (check.checked) token(function (t) { answer(box.closest('form'), t); });
      });
    });
    document.querySelectorAll('.btn-recaptcha-invisible').forEach(function (button) {
      var form = button.closest('form');
      form.addEventListener('submit', function (e) {
        if (form.querySelector('[name="g-recaptcha-response"]')) return;
        e.preventDefault();
        token(function (t) { answer(form, t); form.submit(); });
      });
    });
  }
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
})();
"#;

/// The answers the demo has handed out: the image code of each session, and the provider's
/// one-use tokens.
#[derive(Default)]
pub struct Answers {
    image_codes: Mutex<HashMap<String, String>>,
    last_image_code: Mutex<Option<String>>,
    tokens: Mutex<HashSet<String>>,
}

impl Answers {
    /// A new image code for the session `sid` (as WHMCS's `verifyimage.php` sets one in the
    /// session each time the image is drawn), and its picture.
    pub fn new_image(&self, sid: &str) -> String {
        let code = crate::random::token(5, b"0123456789");
        self.image_codes
            .lock()
            .unwrap()
            .insert(sid.to_owned(), code.clone());
        *self.last_image_code.lock().unwrap() = Some(code.clone());
        let mut svg = String::from(
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"150\" height=\"40\"><rect width=\"150\" height=\"40\" fill=\"#eef\"/>",
        );
        for (i, ch) in code.chars().enumerate() {
            svg.push_str(&format!(
                "<text x=\"{}\" y=\"{}\" font-size=\"24\" font-family=\"monospace\" transform=\"rotate({} {} 20)\">{ch}</text>",
                12 + i * 26,
                26 + (i % 2) * 6,
                (i as i32 % 3 - 1) * 12,
                20 + i * 26
            ));
        }
        svg.push_str("</svg>");
        svg
    }

    /// The code of the image drawn last (for a test standing in for the person's eyes).
    pub fn last_image_code(&self) -> Option<String> {
        self.last_image_code.lock().unwrap().clone()
    }

    pub fn new_token(&self) -> String {
        let token = crate::random::token(32, b"abcdefghijklmnopqrstuvwxyz0123456789");
        self.tokens.lock().unwrap().insert(token.clone());
        token
    }

    /// Whether a sign-in post answers the captcha; answers are used up either way.
    pub fn check(&self, kind: CaptchaKind, sid: &str, fields: &HashMap<String, String>) -> bool {
        match kind {
            CaptchaKind::Off => true,
            CaptchaKind::Image => {
                let wanted = self.image_codes.lock().unwrap().remove(sid);
                let given = fields.get("code").map(|c| c.trim()).unwrap_or("");
                wanted.is_some_and(|w| !given.is_empty() && w.eq_ignore_ascii_case(given))
            }
            CaptchaKind::Recaptcha | CaptchaKind::Invisible => fields
                .get("g-recaptcha-response")
                .is_some_and(|t| self.tokens.lock().unwrap().remove(t)),
        }
    }
}

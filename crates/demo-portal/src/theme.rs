//! Owns which stock WHMCS theme the demo's pages follow: "twenty-one" (the default since
//! WHMCS 8) or "six".

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Theme {
    TwentyOne,
    Six,
}

impl std::str::FromStr for Theme {
    type Err = String;
    fn from_str(s: &str) -> Result<Theme, String> {
        match s {
            "twenty-one" | "twentyone" | "21" => Ok(Theme::TwentyOne),
            "six" | "6" => Ok(Theme::Six),
            other => Err(format!("unknown theme {other:?} (twenty-one or six)")),
        }
    }
}

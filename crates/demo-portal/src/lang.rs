//! Owns the demo portal's page language: WHMCS serves its client area in the client's language
//! (English, Albanian or German here), so every word the pages show comes from this table and
//! the app can be checked not to read any of them.

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    #[default]
    En,
    Sq,
    De,
}

impl std::str::FromStr for Lang {
    type Err = String;
    fn from_str(s: &str) -> Result<Lang, String> {
        match s {
            "en" | "english" => Ok(Lang::En),
            "sq" | "albanian" => Ok(Lang::Sq),
            "de" | "german" => Ok(Lang::De),
            other => Err(format!("unknown portal language {other:?} (en, sq or de)")),
        }
    }
}

/// The texts of the demo's pages, by what they are for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Text {
    LoginTitle,
    EmailAddress,
    Password,
    ForgotPassword,
    RememberMe,
    LoginButton,
    LoginIncorrect,
    CaptchaVerify,
    CaptchaIncorrect,
    NotARobot,
    TwoFactorTitle,
    TwoFactorRequired,
    TwoFactorIncorrect,
    BackupCodePlaceholder,
    BackupCodeReset,
    NewBackupCodeIs,
    BackupCodeExplained,
    Continue,
    ResetTitle,
    ResetSent,
    ResetStarted,
    ResetIntro,
    ResetNoEmail,
    ResetUnknown,
    Submit,
    WelcomeBack,
    MyInvoices,
    MassPayment,
    AccountDetails,
    Services,
    Invoices,
    OverdueInvoices,
    AvailableCredit,
    ApplyCredit,
    AddFunds,
    AddFundsMinimum,
    AddFundsMaximum,
    AddFundsMaximumBalance,
    AddFundsAmount,
    OrderPaymentMethod,
    AddFundsNonRefundable,
    Notes,
    CreditBalanceIs,
    CreditCanBeApplied,
    CreditAmountToApply,
    PayNow,
    Logout,
    InvoiceNumber,
    InvoiceDate,
    DueDate,
    TotalColumn,
    StatusColumn,
    Invoice,
    Success,
    Error,
    PaymentSuccess,
    PaymentPendingReview,
    PaymentFailed,
    PayTo,
    InvoicedTo,
    PaymentMethod,
    InvoiceItems,
    Description,
    Amount,
    SubTotal,
    Credit,
    Total,
    TaxedItem,
    TransactionDate,
    Gateway,
    TransactionId,
    NoTransactions,
    Balance,
    Print,
    Download,
    BackToClientArea,
    MakeOneOffPayment,
    CreateSubscription,
    InvoiceNotFound,
    TotalDue,
    MakePayment,
    MyQuotes,
    QuoteNumber,
    QuoteSubject,
    QuoteDateCreated,
    QuoteValidUntil,
    QuoteStage,
    QuoteDownload,
    QuoteAcceptButton,
    QuoteRecipient,
    QuoteProposal,
    QuoteLineItems,
    QuoteDiscount,
    QuoteAcceptAgreeTos,
    OrderTosAgreement,
    OrderTos,
    QuoteAcceptContractWarning,
    OrderErrorAcceptTos,
    Cancel,
    TermsOfService,
}

impl Lang {
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Sq => "sq",
            Lang::De => "de",
        }
    }

    pub fn text(self, text: Text) -> &'static str {
        use Text::*;
        // Every text in one of the page groups below: a new one must be placed in one.
        let (en, sq, de) = match text {
            LoginTitle
            | EmailAddress
            | Password
            | ForgotPassword
            | RememberMe
            | LoginButton
            | LoginIncorrect
            | CaptchaVerify
            | CaptchaIncorrect
            | NotARobot
            | TwoFactorTitle
            | TwoFactorRequired
            | TwoFactorIncorrect
            | BackupCodePlaceholder
            | BackupCodeReset
            | NewBackupCodeIs
            | BackupCodeExplained
            | Continue
            | ResetTitle
            | ResetSent
            | ResetStarted
            | ResetIntro
            | ResetNoEmail
            | ResetUnknown
            | Submit => sign_in_words(text),
            WelcomeBack
            | MyInvoices
            | MassPayment
            | AccountDetails
            | Services
            | Invoices
            | OverdueInvoices
            | AvailableCredit
            | ApplyCredit
            | AddFunds
            | AddFundsMinimum
            | AddFundsMaximum
            | AddFundsMaximumBalance
            | AddFundsAmount
            | OrderPaymentMethod
            | AddFundsNonRefundable
            | Notes
            | CreditBalanceIs
            | CreditCanBeApplied
            | CreditAmountToApply
            | PayNow
            | Logout => client_area_words(text),
            InvoiceNumber | InvoiceDate | DueDate | TotalColumn | StatusColumn | Invoice
            | Success | Error | PaymentSuccess | PaymentPendingReview | PaymentFailed | PayTo
            | InvoicedTo | PaymentMethod | InvoiceItems | Description | Amount | SubTotal
            | Credit | Total | TaxedItem | TransactionDate | Gateway | TransactionId
            | NoTransactions | Balance | Print | Download | BackToClientArea
            | MakeOneOffPayment | CreateSubscription | InvoiceNotFound | TotalDue | MakePayment => {
                invoice_words(text)
            }
            MyQuotes
            | QuoteNumber
            | QuoteSubject
            | QuoteDateCreated
            | QuoteValidUntil
            | QuoteStage
            | QuoteDownload
            | QuoteAcceptButton
            | QuoteRecipient
            | QuoteProposal
            | QuoteLineItems
            | QuoteDiscount
            | QuoteAcceptAgreeTos
            | OrderTosAgreement
            | OrderTos
            | QuoteAcceptContractWarning
            | OrderErrorAcceptTos
            | Cancel
            | TermsOfService => quote_words(text),
        };
        match self {
            Lang::En => en,
            Lang::Sq => sq,
            Lang::De => de,
        }
    }

    /// The dashboard's overdue sentence, with its number and amount.
    pub fn overdue_sentence(self, count: usize, amount: &str) -> String {
        match self {
            Lang::En => format!("You have {count} overdue invoice(s) with a total balance due of {amount}. Pay them now to avoid any interruptions in service."),
            Lang::Sq => format!("Keni {count} faturë(a) të prapambetur(a) me një balancë totale prej {amount}. Paguajini tani për të shmangur ndërprerjen e shërbimit."),
            Lang::De => format!("Sie haben {count} überfällige Rechnung(en) mit einem offenen Gesamtbetrag von {amount}. Bezahlen Sie jetzt, um Unterbrechungen des Dienstes zu vermeiden."),
        }
    }
}

/// The sign-in pages' (sign-in, captcha, second factor, backup code, password reset) words in English, Albanian and German.
fn sign_in_words(text: Text) -> (&'static str, &'static str, &'static str) {
    use Text::*;
    match text {
        LoginTitle => ("Login", "Hyrje", "Anmelden"),
        EmailAddress => ("Email Address", "Adresa e e-mailit", "E-Mail-Adresse"),
        Password => ("Password", "Fjalëkalimi", "Passwort"),
        ForgotPassword => ("Forgot Password?", "Keni harruar fjalëkalimin?", "Passwort vergessen?"),
        RememberMe => ("Remember Me", "Më mbaj mend", "Angemeldet bleiben"),
        LoginButton => ("Login", "Hyni", "Anmelden"),
        LoginIncorrect => (
            "Login Details Incorrect. Please try again.",
            "Të dhënat e hyrjes janë të pasakta. Ju lutemi provoni përsëri.",
            "Anmeldedaten falsch. Bitte versuchen Sie es erneut.",
        ),
        CaptchaVerify => (
            "Please enter the characters you see in the image below into the text box provided. This is required to prevent automated submissions.",
            "Ju lutemi shkruani në kutinë e tekstit shenjat që shihni në figurën më poshtë. Kjo kërkohet për të parandaluar dërgimet automatike.",
            "Bitte geben Sie die Zeichen aus dem Bild unten in das Textfeld ein. Dies verhindert automatisierte Eingaben.",
        ),
        CaptchaIncorrect => (
            "Please complete the captcha and try again.",
            "Ju lutemi plotësoni kodin e sigurisë dhe provoni përsëri.",
            "Bitte lösen Sie das Captcha und versuchen Sie es erneut.",
        ),
        NotARobot => ("I'm not a robot", "Nuk jam robot", "Ich bin kein Roboter"),
        TwoFactorTitle => ("Two-Factor Authentication", "Vërtetimi me dy faktorë", "Zwei-Faktor-Authentifizierung"),
        TwoFactorRequired => (
            "Your account is protected by two-factor authentication. Please provide your second factor to continue.",
            "Llogaria juaj mbrohet me vërtetim me dy faktorë. Ju lutemi jepni faktorin e dytë për të vazhduar.",
            "Ihr Konto ist durch Zwei-Faktor-Authentifizierung geschützt. Bitte geben Sie Ihren zweiten Faktor ein, um fortzufahren.",
        ),
        TwoFactorIncorrect => (
            "Second Factor Incorrect. Please try again.",
            "Faktori i dytë është i pasaktë. Ju lutemi provoni përsëri.",
            "Zweiter Faktor falsch. Bitte versuchen Sie es erneut.",
        ),
        BackupCodePlaceholder => ("Backup Code", "Kodi rezervë", "Backup-Code"),
        BackupCodeReset => (
            "Your backup code has been used and a new one has been generated.",
            "Kodi juaj rezervë u përdor dhe u krijua një i ri.",
            "Ihr Backup-Code wurde verwendet und ein neuer wurde erstellt.",
        ),
        NewBackupCodeIs => ("Your new backup code is", "Kodi juaj i ri rezervë është", "Ihr neuer Backup-Code lautet"),
        BackupCodeExplained => (
            "You should write this down on paper and keep it safe. It will be needed if you ever lose your second factor device.",
            "Shkruajeni në letër dhe ruajeni në vend të sigurt. Do t'ju duhet nëse humbisni pajisjen e faktorit të dytë.",
            "Notieren Sie ihn auf Papier und bewahren Sie ihn sicher auf. Sie benötigen ihn, falls Sie Ihr Gerät für den zweiten Faktor verlieren.",
        ),
        Continue => ("Continue", "Vazhdo", "Weiter"),
        ResetTitle => ("Lost Password Reset", "Rikthimi i fjalëkalimit", "Passwort zurücksetzen"),
        ResetSent => ("Validation Email Sent", "U dërgua e-maili i verifikimit", "Bestätigungs-E-Mail gesendet"),
        ResetStarted => (
            "The password reset process has now been started. Please check your email for instructions on what to do next.",
            "Rikthimi i fjalëkalimit filloi. Ju lutemi shikoni e-mailin tuaj për udhëzimet e mëtejshme.",
            "Das Zurücksetzen des Passworts wurde gestartet. Bitte prüfen Sie Ihre E-Mails für die nächsten Schritte.",
        ),
        ResetIntro => (
            "Forgotten your password? Enter your email address below to begin the reset process.",
            "Keni harruar fjalëkalimin? Shkruani më poshtë adresën e e-mailit për të filluar rikthimin.",
            "Passwort vergessen? Geben Sie unten Ihre E-Mail-Adresse ein, um das Zurücksetzen zu beginnen.",
        ),
        ResetNoEmail => ("Please enter your email address", "Ju lutemi shkruani adresën e e-mailit", "Bitte geben Sie Ihre E-Mail-Adresse ein"),
        ResetUnknown => (
            "No client account was found with the email address you entered",
            "Nuk u gjet asnjë llogari klienti me adresën e e-mailit që shkruat",
            "Mit der eingegebenen E-Mail-Adresse wurde kein Kundenkonto gefunden",
        ),
        Submit => ("Submit", "Dërgo", "Absenden"),
        other => unreachable!("{other:?} is not one of these"),
    }
}

/// The client area's (dashboard, menus, credit, add funds) words in English, Albanian and German.
fn client_area_words(text: Text) -> (&'static str, &'static str, &'static str) {
    use Text::*;
    match text {
        WelcomeBack => (
            "Welcome Back",
            "Mirë se erdhët përsëri",
            "Willkommen zurück",
        ),
        MyInvoices => ("My Invoices", "Faturat e mia", "Meine Rechnungen"),
        MassPayment => ("Mass Payment", "Pagesë e përbashkët", "Sammelzahlung"),
        AccountDetails => ("Account Details", "Të dhënat e llogarisë", "Kontodaten"),
        Services => ("Services", "Shërbimet", "Dienste"),
        Invoices => ("Invoices", "Faturat", "Rechnungen"),
        OverdueInvoices => (
            "Overdue Invoices",
            "Fatura të prapambetura",
            "Überfällige Rechnungen",
        ),
        AvailableCredit => (
            "Available Credit",
            "Kredia në dispozicion",
            "Verfügbares Guthaben",
        ),
        ApplyCredit => ("Apply Credit", "Apliko kredinë", "Guthaben anwenden"),
        AddFunds => ("Add Funds", "Shto fonde", "Guthaben aufladen"),
        AddFundsMinimum => ("Minimum Deposit", "Depozita minimale", "Mindesteinzahlung"),
        AddFundsMaximum => ("Maximum Deposit", "Depozita maksimale", "Höchsteinzahlung"),
        AddFundsMaximumBalance => ("Maximum Balance", "Bilanci maksimal", "Maximales Guthaben"),
        AddFundsAmount => (
            "Amount to Add",
            "Shuma për të shtuar",
            "Aufzuladender Betrag",
        ),
        OrderPaymentMethod => ("Payment Method", "Mënyra e pagesës", "Zahlungsart"),
        AddFundsNonRefundable => (
            "* All deposits are non-refundable.",
            "* Depozitat nuk rimbursohen.",
            "* Einzahlungen werden nicht erstattet.",
        ),
        Notes => ("Notes", "Shënime", "Notizen"),
        CreditBalanceIs => (
            "Your credit balance is",
            "Bilanci i kredisë suaj është",
            "Ihr Guthaben beträgt",
        ),
        CreditCanBeApplied => (
            "This can be applied to the invoice using the form below",
            "Mund ta aplikoni në këtë faturë me formularin më poshtë",
            "Es kann mit dem folgenden Formular auf diese Rechnung angewendet werden",
        ),
        CreditAmountToApply => (
            "Enter the amount to apply",
            "Shkruani shumën për të aplikuar",
            "Geben Sie den anzuwendenden Betrag ein",
        ),
        PayNow => ("Pay Now", "Paguaj tani", "Jetzt bezahlen"),
        Logout => ("Logout", "Dil", "Abmelden"),
        other => unreachable!("{other:?} is not one of these"),
    }
}

/// The invoice pages' (the list, one invoice, its payment) words in English, Albanian and German.
fn invoice_words(text: Text) -> (&'static str, &'static str, &'static str) {
    use Text::*;
    match text {
        InvoiceNumber => ("Invoice #", "Nr. i faturës", "Rechnungsnr."),
        InvoiceDate => ("Invoice Date", "Data e faturës", "Rechnungsdatum"),
        DueDate => ("Due Date", "Afati i pagesës", "Fälligkeitsdatum"),
        TotalColumn => ("Total", "Totali", "Summe"),
        StatusColumn => ("Status", "Gjendja", "Status"),
        Invoice => ("Invoice", "Fatura", "Rechnung"),
        Success => ("Success", "Sukses", "Erfolg"),
        Error => ("Error", "Gabim", "Fehler"),
        PaymentSuccess => (
            "Thank you! Your payment was successful.",
            "Faleminderit! Pagesa juaj u krye me sukses.",
            "Vielen Dank! Ihre Zahlung war erfolgreich.",
        ),
        PaymentPendingReview => (
            "Thank you! Your payment was successful and will be applied to your invoice as soon as 2Checkout's review completes.",
            "Faleminderit! Pagesa juaj u krye dhe do të kalojë në faturë sapo 2Checkout të përfundojë shqyrtimin.",
            "Vielen Dank! Ihre Zahlung war erfolgreich und wird Ihrer Rechnung gutgeschrieben, sobald die Prüfung durch 2Checkout abgeschlossen ist.",
        ),
        PaymentFailed => (
            "Unfortunately your payment attempt was not successful. Please try again or contact support.",
            "Fatkeqësisht pagesa juaj nuk u krye. Ju lutemi provoni përsëri ose kontaktoni mbështetjen.",
            "Leider war Ihr Zahlungsversuch nicht erfolgreich. Bitte versuchen Sie es erneut oder wenden Sie sich an den Support.",
        ),
        PayTo => ("Pay To", "Paguani te", "Zahlbar an"),
        InvoicedTo => ("Invoiced To", "Faturuar për", "Rechnung an"),
        PaymentMethod => ("Payment Method", "Mënyra e pagesës", "Zahlungsmethode"),
        InvoiceItems => ("Invoice Items", "Artikujt e faturës", "Rechnungspositionen"),
        Description => ("Description", "Përshkrimi", "Beschreibung"),
        Amount => ("Amount", "Shuma", "Betrag"),
        SubTotal => ("Sub Total", "Nëntotali", "Zwischensumme"),
        Credit => ("Credit", "Kredi", "Guthaben"),
        Total => ("Total", "Totali", "Gesamt"),
        TaxedItem => ("Indicates a taxed item.", "Tregon një artikull me taksë.", "Kennzeichnet eine steuerpflichtige Position."),
        TransactionDate => ("Transaction Date", "Data e transaksionit", "Transaktionsdatum"),
        Gateway => ("Gateway", "Mënyra e pagesës", "Zahlungsart"),
        TransactionId => ("Transaction ID", "ID e transaksionit", "Transaktions-ID"),
        NoTransactions => ("No Related Transactions Found", "Nuk u gjet asnjë transaksion", "Keine zugehörigen Transaktionen gefunden"),
        Balance => ("Balance", "Balanca", "Saldo"),
        Print => ("Print", "Printo", "Drucken"),
        Download => ("Download", "Shkarko", "Herunterladen"),
        BackToClientArea => ("« Back to Client Area", "« Kthehu te Paneli i Klientit", "« Zurück zum Kundenbereich"),
        MakeOneOffPayment => ("Make One Off Payment", "Paguaj vetëm njëherë", "Einmalzahlung leisten"),
        CreateSubscription => (
            "Create Automated Recurring Subscription",
            "Krijo pagesë automatike periodike",
            "Automatisches Abonnement einrichten",
        ),
        InvoiceNotFound => (
            "Invoice ID Not Found or Access Denied",
            "Fatura nuk u gjet ose nuk keni qasje",
            "Rechnungsnummer nicht gefunden oder Zugriff verweigert",
        ),
        TotalDue => ("Total Due:", "Totali për t'u paguar:", "Fälliger Gesamtbetrag:"),
        MakePayment => ("Make Payment", "Paguaj", "Zahlung leisten"),
        other => unreachable!("{other:?} is not one of these"),
    }
}

/// The quote pages' (the list, one quote, its acceptance) words in English, Albanian and German.
fn quote_words(text: Text) -> (&'static str, &'static str, &'static str) {
    use Text::*;
    match text {
        MyQuotes => ("My Quotes", "Ofertat e mia", "Meine Angebote"),
        QuoteNumber => ("Quote #", "Oferta nr. ", "Angebot Nr. "),
        QuoteSubject => ("Subject", "Subjekti", "Betreff"),
        QuoteDateCreated => ("Date Created", "Data e krijimit", "Erstellt am"),
        QuoteValidUntil => ("Valid Until", "E vlefshme deri më", "Gültig bis"),
        QuoteStage => ("Stage", "Faza", "Status"),
        QuoteDownload => ("Download", "Shkarko", "Herunterladen"),
        QuoteAcceptButton => ("Accept Quote", "Prano ofertën", "Angebot annehmen"),
        QuoteRecipient => ("Recipient", "Marrësi", "Empfänger"),
        QuoteProposal => ("Proposal", "Propozimi", "Angebotstext"),
        QuoteLineItems => ("Line Items", "Artikujt", "Positionen"),
        QuoteDiscount => ("Discount", "Zbritja", "Rabatt"),
        QuoteAcceptAgreeTos => (
            "To accept the quote, please confirm that you agree to our terms of service.",
            "Për të pranuar ofertën, ju lutemi konfirmoni që pajtoheni me kushtet tona të shërbimit.",
            "Um das Angebot anzunehmen, bestätigen Sie bitte, dass Sie unseren Geschäftsbedingungen zustimmen.",
        ),
        OrderTosAgreement => ("I have read and agree to the", "I kam lexuar dhe pajtohem me", "Ich habe gelesen und stimme zu:"),
        OrderTos => ("Terms of Service", "Kushtet e shërbimit", "Allgemeine Geschäftsbedingungen"),
        QuoteAcceptContractWarning => (
            "Accepting this quote forms a binding contract on the terms stated.",
            "Pranimi i kësaj oferte krijon një kontratë detyruese sipas kushteve të dhëna.",
            "Mit der Annahme dieses Angebots kommt ein verbindlicher Vertrag zu den genannten Bedingungen zustande.",
        ),
        OrderErrorAcceptTos => (
            "You must accept our Terms of Service",
            "Duhet të pranoni Kushtet tona të shërbimit",
            "Sie müssen unsere AGB akzeptieren",
        ),
        Cancel => ("Cancel", "Anulo", "Abbrechen"),
        TermsOfService => ("Terms of Service", "Kushtet e shërbimit", "Allgemeine Geschäftsbedingungen"),
        other => unreachable!("{other:?} is not one of these"),
    }
}

## JitOps Billing — shqip. Çdo tekst i dukshëm i aplikacionit vjen nga këtu, sipas id-së së mesazhit.

app-name = JitOps Billing
footer-version = Versioni { $version }
lang-toggle-label = Gjuha
nav-label = Kryesore
nav-dashboard = Pulti
nav-invoices = Faturat
nav-help = Ndihmë
nav-settings = Cilësimet
loading = Po ngarkohet…
back = Kthehu

## Hyrja
signin-title = Hyni në Panelin e Klientit
signin-portal-label = Paneli
signin-portal-jitops = JitOps Cloud (jitops.com)
signin-portal-other = Një panel tjetër WHMCS
signin-portal-demo = Panel demonstrues (pa internet)
signin-portal-url-label = Adresa e panelit
signin-email-label = E-maili
signin-password-label = Fjalëkalimi
signin-remember = Më mbaj mend në këtë kompjuter
signin-submit = Hyni
signin-busy = Po hyni…
signin-forgot = Keni harruar fjalëkalimin?
signin-demo-hint = Demo: hyni si demo@jitops.example me fjalëkalimin „demo“.

twofa-title = Verifikimi me dy hapa
twofa-help = Futni kodin 6-shifror nga aplikacioni juaj i vërtetimit.
twofa-code-label = Kodi
twofa-backup-label = Kodi rezervë
twofa-use-backup = Përdor një kod rezervë
twofa-submit = Verifiko
signin-open-window = Hyni në faqen e panelit
signin-window-title = Hyni në { $host }
signin-browser-no-remember = Hytë në faqen e vetë panelit, prandaj aplikacioni nuk ka fjalëkalim për të mbajtur mend: herën tjetër hyni përsëri.
backup-new-title = Kodi juaj i ri rezervë
backup-new-help = Paneli e përdori kodin rezervë që shkruat dhe krijoi këtë kod të ri. Ai shfaqet vetëm këtë herë: shkruajeni diku ose ruajeni tani në menaxherin e fjalëkalimeve. Do t’ju duhet nëse humbisni pajisjen me aplikacionin e vërtetimit.
backup-new-copy = Kopjo kodin
backup-new-copied = Kodi rezervë u kopjua.
backup-new-continue = E ruajta, vazhdo

reset-title = Rigjeneroni fjalëkalimin
reset-help = Futni e-mailin tuaj. Paneli do t’ju dërgojë një lidhje për të zgjedhur një fjalëkalim të ri.
reset-email-label = E-maili
reset-submit = Dërgo lidhjen
reset-sent = Nëse adresa i përket një llogarie, paneli i ka dërguar një lidhje për rigjenerimin e fjalëkalimit. Kontrolloni e-mailin tuaj.
reset-back = Kthehu te hyrja

## Pulti
dashboard-title = Pulti
dashboard-unpaid-count = { $count ->
    [0] Asnjë faturë e papaguar
    [one] 1 faturë e papaguar
   *[other] { $count } fatura të papaguara
}
dashboard-overdue-count = { $count ->
    [0] Asnjë e prapambetur
    [one] 1 e prapambetur
   *[other] { $count } të prapambetura
}
dashboard-overdue-total = Shuma e faturave të prapambetura: { $amount }
dashboard-credit = Krediti: { $amount }
dashboard-last-sync = Rifreskimi i fundit: { $time }
dashboard-never-synced = Ende pa u rifreskuar
dashboard-refresh = Rifresko
dashboard-refreshing = Po rifreskohet…
dashboard-all-paid = Të gjitha faturat tuaja janë paguar. Faleminderit!

## Lista e faturave
invoices-title = Faturat
filter-label = Shfaq
filter-unpaid = Të papaguara
filter-overdue = Të prapambetura
filter-paid = Të paguara
filter-all = Të gjitha
col-number = Nr. i faturës
col-date = Data e faturës
col-due = Afati i pagesës
col-total = Totali
col-status = Statusi
invoices-empty = Asnjë faturë nuk përputhet me këtë filtër.
invoices-search-label = Kërko në këtë listë
invoices-search-count = { $shown ->
    [0] Asnjë faturë në këtë listë nuk përputhet me kërkimin.
    [one] { $total ->
        [one] Fatura përputhet me kërkimin.
       *[other] 1 nga { $total } fatura përputhet me kërkimin.
    }
   *[other] { $shown } nga { $total } fatura përputhen me kërkimin.
}
invoices-totals = { $count ->
    [one] Totali i faturës së shfaqur
   *[other] Totali i { $count } faturave të shfaqura
}

status-unpaid = E papaguar
status-overdue = E prapambetur
status-paid = E paguar
status-cancelled = E anuluar
status-refunded = E rimbursuar
status-collections = Dërguar për mbledhje borxhi
status-payment-pending = Pagesa në pritje
status-draft = Skicë

## Fatura
invoice-title = Fatura { $number }
invoice-date = Data e faturës
invoice-due = Afati i pagesës
invoice-items = Artikujt
invoice-description = Përshkrimi
invoice-amount = Shuma
invoice-transactions = Transaksionet
invoice-no-transactions = Ende asnjë transaksion.
invoice-balance = Për t’u paguar
invoice-subtotal = Nëntotali
invoice-credit = Krediti i përdorur
add-funds-button = Shto fonde
add-funds-title = Shtoni fonde në kreditin tuaj
add-funds-limits = Mund të shtoni nga { $min } deri në { $max } njëherësh; krediti juaj mund të arrijë deri në { $most }.
add-funds-help = Paneli krijon një faturë për këtë shumë. Paguajeni si çdo faturë tjetër; shuma i shtohet kreditit tuaj sapo paneli ta shënojë të paguar.
add-funds-amount = Shuma që do të shtohet
add-funds-method = Mënyra e pagesës
add-funds-submit = Krijo faturën
invoice-saved-copy = Kjo është fatura siç u lexua herën e fundit, e ruajtur në këtë kompjuter. Për ta paguar nevojitet lidhja me Panelin e Klientit.
invoice-notes-title = Shënime
invoice-credit-title = Paguani me kreditin tuaj
invoice-credit-available = Krediti juaj në dispozicion është { $amount }.
invoice-credit-amount = Shuma e kreditit që do të përdoret
invoice-credit-apply = Përdor kreditin
invoice-credit-applied = Nga krediti juaj u përdorën { $amount } për këtë faturë. Mbetet për t’u paguar: { $left }.
invoice-credit-paid = Kjo faturë tani është paguar me kreditin tuaj.
invoice-total = Totali
invoice-pdf = Ruaj PDF-në
invoice-pdf-saved = PDF-ja u ruajt në { $path }.
invoice-pay-title = Paguani këtë faturë
invoice-method = Mënyra e pagesës
invoice-method-is = Mënyra e pagesës: { $method }
invoice-method-changed = Mënyra e pagesës tani është { $method }.
invoice-instructions-title = Si të paguani
pay-one-off = Paguaj njëherë („Make One Off Payment“)
pay-one-off-help = Paguani këtë faturë vetëm njëherë, me kartelë ose PayPal, te 2Checkout.
pay-recurring = Pagesë automatike („Create Automated Recurring Subscription“)
pay-recurring-help = Paguani këtë faturë tani, dhe faturat e ardhshme të të njëjtit shërbim automatikisht ({ $cycle }).
pay-recurring-withheld = Paneli nuk ofron pagesë automatike për një faturë të prapambetur: paguajeni njëherë tani, pastaj abonohuni nga fatura e ardhshme.
pay-none = Kjo faturë nuk mund të paguhet në internet.
cycle-monthly = mujore
cycle-quarterly = çdo tre muaj
cycle-semi-annually = çdo gjashtë muaj
cycle-annually = vjetore
cycle-biennially = çdo dy vjet
cycle-unknown = sa herë që lëshohet një faturë e re

## Pagesa
payment-title = Pagesa
payment-open-window = Faqja e sigurt e pagesës së 2Checkout hapet në dritaren e saj. Futni detajet e kartelës ose të PayPal vetëm atje.
payment-waiting = Po presim që paneli ta shënojë faturën si të paguar…
payment-elapsed = Kanë kaluar { $elapsed } — zakonisht deri në 5 minuta
payment-still-confirming = 2Checkout po e konfirmon ende pagesën. Kjo mund të zgjasë më shumë se 5 minuta. Ne vazhdojmë të kontrollojmë; mos paguani përsëri.
payment-paid = E paguar. Faleminderit që keni zgjedhur shërbimin tonë!
payment-paid-notification = Fatura { $number } është paguar.
payment-guard = Një pagesë për këtë faturë po konfirmohet tashmë. Nëse paguani përsëri, mund t’ju tërhiqet shuma dy herë.
checkout-data-not-cleared = Kukit dhe të dhënat e tjera të dritares së pagesës nuk u fshinë dot nga ky kompjuter. Rinisni aplikacionin për t’i fshirë.
sign-in-data-not-cleared = Faqja e hyrjes së panelit la kuki në këtë kompjuter dhe ato nuk u fshinë dot. Rinisni aplikacionin për t’i fshirë.
payment-pay-anyway = Paguaj gjithsesi
payment-checking = Po pyesim Panelin e Klientit nëse pagesa ka mbërritur…
payment-not-seen-yet = Paneli i Klientit nuk tregon ende asnjë pagesë për këtë faturë. Nëse keni paguar, mund të duhen deri në 5 minuta që të shfaqet: mos paguani përsëri para kësaj. Ne vazhdojmë të kontrollojmë.
payment-failed-unconfirmed = Faqja e pagesës njoftoi se pagesa nuk kaloi, dhe Paneli i Klientit nuk tregon ende asnjë pagesë. Nëse ju është tërhequr shuma, mund të duhet pak kohë që Paneli i Klientit ta tregojë: mos paguani përsëri derisa ta shihni. Ne vazhdojmë të kontrollojmë.
payment-unknown = Nuk po lidhemi dot me Panelin e Klientit, prandaj nuk e dimë nëse pagesa ka mbërritur. Nëse keni paguar, prisni deri në 5 minuta dhe mos paguani përsëri. Ne vazhdojmë të provojmë.
payment-none-recorded = Paneli i Klientit nuk ka regjistruar deri tani asnjë pagesë për këtë faturë, prandaj mund ta paguani përsëri. Nëse e përfunduat pagesën në 2Checkout ose PayPal, kontrolloni pasqyrën e kartelës ose llogarinë PayPal para se të paguani përsëri: një pagesë mund të mbërrijë me vonesë.
payment-record-trouble = Regjistri i kësaj pagese në këtë kompjuter nuk mund të lexohet ose të ruhet për momentin, prandaj aplikacioni vazhdon të provojë. Ndërkohë mos e paguani përsëri këtë faturë.
payment-paid-close-window = E paguar: Paneli i Klientit e ka regjistruar pagesën. Mund ta mbyllni dritaren e pagesës.
payment-guard-lift-help = E ndalëm kontrollin e kësaj pagese pas 24 orësh dhe Paneli i Klientit ende nuk tregon asnjë pagesë për këtë faturë. Njësoj duket edhe një pagesë që 2Checkout ose PayPal e mban për shqyrtim. Nëse në pasqyrën e kartelës ose në llogarinë PayPal nuk shihni asnjë tarifim për të, mund ta hiqni paralajmërimin dhe të paguani përsëri; nëse shihni një tarifim, mos paguani përsëri dhe kontaktoni JitOps Cloud.
payment-guard-lift = Nuk ka tarifim në kartelë ose në PayPal: hiqe paralajmërimin
payment-ended = Paneli i Klientit nuk kërkon më pagesë për këtë faturë. Hapeni për të parë gjendjen e saj.
payment-sign-in-needed = Paneli i Klientit nuk i pranon më kredencialet e ruajtura të kësaj llogarie, prandaj e ndalëm kontrollin e kësaj pagese. Hyni përsëri për të vazhduar; deri atëherë, mos paguani përsëri.
payment-stopped = E ndalëm kontrollin pas 24 orësh pa përgjigje nga Paneli i Klientit. Hapni faturën për ta kontrolluar përsëri; derisa paneli ta tregojë të papaguar, një pagesë e re mund t’ju tërheqë shumën dy herë.
payment-sign-in-again = Hyni përsëri
payment-pay-again = Paguaj përsëri
payment-pay-anyway-choice = Paguaj gjithsesi: { $choice }
mass-pay-guard = Pagesa e njërës prej këtyre faturave nuk është konfirmuar ende. Nëse i paguani bashkë tani, mund t’ju tërhiqet shuma dy herë.
mass-pay-anyway = Paguaj gjithsesi: { $label }
payments-record-damaged = Regjistri i pagesave tuaja nuk u lexua dot dhe u ruajt mënjanë si { $path }. Derisa Paneli i Klientit t’i konfirmojë, kontrolloni çdo faturë para se të paguani përsëri.
payments-record-unreadable = Regjistri i pagesave në këtë kompjuter nuk mund të lexohet ose të ruhet për momentin (disku mund të jetë plot ose vetëm për lexim). Pagesat që po konfirmohen mbeten të mbrojtura dhe aplikacioni provon përsëri.
dashboard-pending-title = Pagesa që po konfirmohen
dashboard-pending-row = Fatura { $number }
dashboard-pending-row-account = Fatura { $number } e llogarisë { $account }
dashboard-pending-follow = Shiko ecurinë
payment-blocked-host = Dritarja e pagesës bllokoi një faqe jashtë 2Checkout dhe PayPal ({ $host }).
payment-blocked-download = Dritarja e pagesës refuzoi shkarkimin e një skedari nga { $host }: asgjë nuk u ruajt në këtë kompjuter.
payment-open-in-browser = Hap në shfletues
checkout-window-title = Pagesë e sigurt — { $host }
checkout-window-bank-title = Banka juaj: { $host }

## Ndihmë
help-title = Si të paguani një faturë
help-step-1 = Hyni me e-mailin dhe fjalëkalimin që keni zgjedhur kur keni porositur produktet tona. Nëse nuk ju kujtohet fjalëkalimi, klikoni „Forgot Password?“ dhe futni adresën tuaj të e-mailit.
help-step-2 = Skeda „Faturat“ në të majtë tregon sa fatura janë të papaguara ose të prapambetura.
help-step-3 = Hapni një faturë.
help-step-4 = Zgjidhni „Make One Off Payment“, që do të thotë se pagesa bëhet vetëm njëherë, ose „Create Automated Recurring Subscription“, që do të thotë pagesë automatike sa herë që krijohet një faturë (mujore ose vjetore).
help-step-5 = Në dritaren e sigurt të 2Checkout, futni detajet e kartelës: emri, numri, data e skadimit dhe CVV; ose zgjidhni PayPal dhe hyni në faqen e vetë PayPal. Nëse banka juaj kërkon ta konfirmoni pagesën, faqja e saj hapet në të njëjtën dritare.
help-step-6 = Klikoni „Pay“ (Paguaj) dhe prisni deri në 5 minuta që faturat të shënohen si të paguara. Aplikacioni vazhdon të kontrollojë dhe ju njofton kur të jetë gati.
help-note = Pagesat përpunohen nga 2Checkout; as JitOps, as ky aplikacion nuk i ruajnë numrat e kartelave ose kredencialet e PayPal.
help-warning = Asnjëherë mos i bëni publike të dhënat e kartelës ose PayPal, përveçse në uebfaqe të sigurta, si ato të 2Checkout dhe PayPal.
help-thanks = Faleminderit që keni zgjedhur shërbimin tonë!

## Cilësimet
settings-title = Cilësimet
settings-language = Gjuha
settings-account = Llogaria
settings-signout = Dilni
settings-forget = Fshi edhe fjalëkalimin e ruajtur
settings-remembered = Fjalëkalimi ruhet te menaxheri i fjalëkalimeve të sistemit.

## Gabimet
error-wrong-credentials = E-maili ose fjalëkalimi nuk është i saktë. Kontrollojini dhe provoni përsëri, ose përdorni „Keni harruar fjalëkalimin?“.
error-second-factor-required = Paneli kërkon një kod verifikimi me dy hapa.
error-wrong-second-factor = Ky kod nuk u pranua. Futni kodin e tanishëm nga aplikacioni i vërtetimit, ose një kod rezervë.
error-captcha-required = Paneli kërkon një captcha, të cilën mund ta plotësoni vetëm ju. Hyni në faqen e vetë panelit: aplikacioni vazhdon prej andej.
error-banned = Paneli ka bllokuar përkohësisht hyrjet nga adresa juaj e internetit pas shumë përpjekjeve të dështuara. Prisni dhe provoni më vonë, ose kontaktoni mbështetjen.
error-session-expired = Seanca juaj ka skaduar. Hyni përsëri.
error-unreachable = Nuk u lidhëm dot me panelin. Kontrolloni lidhjen me internetin dhe provoni përsëri.
error-timeout = Paneli nuk u përgjigj në kohë. Provoni përsëri pas pak.
error-http-status = Paneli u përgjigj me një gabim. Provoni më vonë.
error-unexpected-page = Paneli shfaqi një faqe që aplikacioni nuk e njeh. Provoni përsëri, ose përdorni panelin në shfletues.
error-page-too-large = Paneli dërgoi një faqe shumë më të madhe se çdo faqe faturimi. Aplikacioni nuk e lexoi; provoni përsëri më vonë ose përdorni panelin në shfletues.
error-untrusted-certificate = Certifikata e sigurisë e panelit nuk është e vlefshme për adresën e tij, ndaj aplikacioni nuk u lidh. Kontrolloni adresën; nëse është e saktë, kontaktoni mbështetjen e panelit.
error-not-found = Kjo faturë nuk u gjet në llogarinë tuaj.
error-invalid-portal-url = Adresa e panelit nuk është e vlefshme. Përdorni një adresë https://.
error-refused = Paneli e refuzoi kërkesën. Hyni përsëri dhe provoni sërish.
error-not-pdf = Paneli nuk dërgoi një PDF.
error-payment-not-offered = Kjo zgjedhje pagese nuk ofrohet për këtë faturë.
error-foreign-form = Faqja e Panelit të Klientit i kërkoi aplikacionit t’i dërgonte të dhënat tuaja në një uebfaqe tjetër ({ $host }). Nuk u dërgua asgjë. Kontaktoni ndihmën e Panelit të Klientit.
error-credit-amount = Shkruani një shumë më të madhe se 0 dhe jo më shumë se { $most }.
error-credit-not-offered = Paneli nuk e ofron më pagesën e kësaj fature me kreditin e llogarisë. Rifreskoni për të parë shifrat e fundit.
error-credit-not-applied = Paneli nuk e përdori kreditin: fatura tregon ende të njëjtën shumë për t’u paguar.
error-funds-amount = Shkruani një shumë nga { $min } deri në { $max }.
error-funds-refused = Paneli nuk e krijoi faturën. Ai tha: „{ $reason }“
error-not-signed-in = Nuk keni hyrë në asnjë llogari. Hyni për të vazhduar.
error-keyring = Menaxheri i fjalëkalimeve të sistemit nuk u përdor dot: fjalëkalimi nuk u mbajt mend.
error-keyring-locked = Menaxheri i fjalëkalimeve të sistemit është i kyçur, ndaj fjalëkalimi nuk u mbajt mend; keni hyrë gjithsesi. Për ta mbajtur mend, shkyçeni (zakonisht hapet kur hyni në kompjuter) dhe hyni përsëri.
error-disk-full = Aplikacioni nuk e ruajti dot këtë në kompjuter: disku është plot. Lironi pak hapësirë në disk dhe provoni përsëri.
error-internal = Diçka shkoi keq brenda aplikacionit. Provoni përsëri.
error-payment-guarded = Një pagesë për këtë faturë po konfirmohet tashmë. Nëse paguani përsëri, mund t’ju tërhiqet shuma dy herë.
error-payment-record = Regjistri i pagesave në këtë kompjuter nuk mund të lexohet ose të ruhet për momentin, prandaj nuk u nis dhe nuk u ndryshua asgjë. Lironi hapësirë në disk ose kontrolloni dosjen e aplikacionit, pastaj provoni përsëri.

## Ndërruesi i gjuhës dhe të tjera
lang-en = EN
lang-sq = SQ
lang-name-en = English
lang-name-sq = Shqip
skip-to-content = Kalo te përmbajtja
invoices-badge-label = { $count ->
    [one] 1 faturë e papaguar
   *[other] { $count } fatura të papaguara
}
payment-progress-label = Ecuria e konfirmimit të pagesës
payment-back-to-invoice = Kthehu te fatura
payment-back-to-dashboard = Shko te Pulti

## Pa lidhje: kopja e ruajtur e faturave të një llogarie
error-offline = Nuk ka lidhje: këto janë faturat e ruajtura në këtë kompjuter. Rifreskoni për t’u lidhur përsëri me Panelin e Klientit; për të paguar nevojitet lidhja.
error-no-offline-copy = Në këtë kompjuter nuk ka ende kopje të ruajtur të faturave të kësaj llogarie: ajo krijohet në rifreskimin e parë.
error-offline-copy-damaged = Kopja e ruajtur e faturave tuaja nuk u lexua dot. U vu mënjanë si { $path } dhe do të krijohet përsëri në rifreskimin e ardhshëm.
offline-banner = Pa lidhje me Panelin e Klientit: po shihni faturat siç ishin në rifreskimin e fundit ({ $time }), të ruajtura në këtë kompjuter.
offline-copy-not-saved = Faturat nuk u ruajtën dot në këtë kompjuter për t’i parë pa lidhje (disku mund të jetë plot). Ajo që shihni është e përditësuar; lironi pak hapësirë në disk që të ruhen.
offline-open = Shfaq faturat e ruajtura në këtë kompjuter

## Eksporti CSV i listës së faturave
csv-account = Llogaria
csv-portal = Paneli
csv-number = Numri i faturës
csv-id = ID-ja e faturës
csv-date = Data e faturës
csv-due = Afati i pagesës
csv-status = Statusi
csv-total = Totali
csv-currency = Monedha
csv-paid-date = Data e pagesës
export-csv = Eksporto CSV
export-csv-title = Eksporto listën e faturave
export-csv-done = { $count ->
    [one] U ruajt 1 faturë në { $path }.
   *[other] U ruajtën { $count } fatura në { $path }.
}

## Rishikimi i përkthimit (për rishikuesit, pa lidhje)
review-title = Rishikimi i përkthimit
review-intro = Çdo tekst i aplikacionit në anglisht dhe shqip. Shënohen tekstet pa shqip ose të njëjta me anglishten. „Shfaq“ hap ekranin ku shfaqet teksti.
review-open = Rishikimi i përkthimit
review-filter-label = Filtro sipas ID-së ose tekstit
review-only-problems = Vetëm tekstet që mungojnë ose janë të njëjta
review-col-id = ID-ja e mesazhit
review-col-en = Anglisht
review-col-sq = Shqip
review-col-state = Gjendja
review-col-screen = Ekrani
review-state-ok = I përkthyer
review-state-missing = Mungon
review-state-identical = Njësoj si anglishtja
review-show = Shfaq
review-show-needs-sign-in = Hyni për të parë këtë ekran
review-export = Eksporto CSV
review-export-title = Eksporto rishikimin e përkthimit
review-export-done = { $count ->
    [one] U ruajt 1 tekst në { $path }.
   *[other] U ruajtën { $count } tekste në { $path }.
}
review-count = { $total ->
    [one] Shfaqet { $shown } nga { $total } tekst
   *[other] { $shown ->
        [one] Shfaqet { $shown } nga { $total } tekste
       *[other] Shfaqen { $shown } nga { $total } tekste
    }
}
review-screen-invoice = Fatura
review-screen-quote = Oferta
review-screen-other = Tjetër
invoice-tx-date = Data
invoice-tx-method = Mënyra e pagesës
invoice-tx-id = ID-ja e transaksionit
checkout-continue = Vazhdo te { $host }

## Kujtesat (njoftime të sistemit)
reminder-due-soon-title = Afati i faturës { $number } është më { $date }
reminder-due-soon-body = { $amount } për t’u paguar deri më { $date }. Hapni JitOps Billing për ta paguar.
reminder-overdue-title = Fatura { $number } është e prapambetur
reminder-overdue-body = { $amount } duhej paguar më { $date }. Hapni JitOps Billing për ta paguar.
reminder-summary-title = { $count ->
    [one] 1 faturë duhet paguar
   *[other] { $count } fatura duhen paguar
}
reminder-summary-body = { $soon } me afat brenda 3 ditëve, { $overdue ->
    [one] 1 e prapambetur
   *[other] { $overdue } të prapambetura
}. Hapni JitOps Billing për t’i parë.

## Disa llogari
accounts-label = Llogaritë
accounts-all = Të gjitha llogaritë
accounts-add = Shto një llogari
accounts-signed-out = jashtë llogarisë
all-accounts-title = Të gjitha llogaritë
all-accounts-intro = Faturat e papaguara dhe të prapambetura të çdo llogarie në këtë kompjuter, nga rifreskimi i fundit i secilës.
all-accounts-totals = { $count ->
    [one] 1 faturë e papaguar
   *[other] { $count } fatura të papaguara
} { $accounts ->
    [one] në 1 llogari:
   *[other] në { $accounts } llogari:
}
all-accounts-overdue = Të prapambetura:
all-accounts-empty = Asnjë faturë e papaguar në asnjë llogari.
col-account = Llogaria

## PDF-të e faturave
pdf-open = Hap PDF-në
pdfs-save-all = Ruaj të gjitha PDF-të…
pdfs-save-all-title = Zgjidhni një dosje për PDF-të e faturave
pdfs-progress = { $done } nga { $total }: { $current }
pdfs-cancel = Ndalo
pdfs-saved = { $saved ->
    [one] 1 PDF u ruajt
   *[other] { $saved } PDF u ruajtën
} në { $folder }; { $skipped ->
    [one] 1 ishte aty
   *[other] { $skipped } ishin aty
}; { $failed ->
    [one] 1 dështoi
   *[other] { $failed } dështuan
}.
pdf-save-title = Ruaj PDF-në e faturës

## Pagesa e disa faturave njëherësh (pagesa masive e panelit)
mass-pay-select = Zgjidh faturën { $number } për ta paguar bashkë me të tjerat
mass-pay-button = { $count ->
    [one] Paguaj 1 faturë: { $total }
   *[other] Paguaj { $count } fatura së bashku: { $total }
}
mass-pay-pick-two = Zgjidhni dy ose më shumë fatura të papaguara për t’i paguar së bashku.
mass-pay-unpaid-only = Vetëm faturat e papaguara mund të paguhen së bashku.
mass-pay-one-currency = Faturat mund të paguhen së bashku vetëm kur janë në të njëjtën monedhë: zgjidhni fatura me të njëjtën monedhë.
mass-pay-clear = Pastro zgjedhjen
row-open = Hap faturën { $number }
mass-pay-region = Paguani së bashku faturat e zgjedhura
col-select = Paguaj së bashku

## Ikona në zonën e njoftimeve dhe mbyllja e dritares
tray-open = Hap JitOps Billing
tray-refresh = Rifresko
tray-accounts = Llogaritë
tray-latest = Njoftimet e fundit
tray-quit = Mbyll JitOps Billing
tray-signed-out = Nuk keni hyrë
tray-all-paid = Të gjitha faturat janë paguar
tray-summary = { $unpaid ->
    [one] 1 faturë e papaguar
   *[other] { $unpaid } fatura të papaguara
}, { $overdue ->
    [0] asnjë e prapambetur
    [one] 1 e prapambetur
   *[other] { $overdue } të prapambetura
}
tray-notice-due-soon = Afati i faturës { $number } po afron
tray-notice-overdue = Fatura { $number } është e prapambetur
tray-notice-paid = Fatura { $number } u pagua
tray-notice-other-account = { $notice } ({ $account })
close-ask-title = Ta lëmë JitOps Billing të punojë në sfond?
close-ask-body = Kur mbyllni dritaren, JitOps Billing mund të mbetet në zonën e njoftimeve, ku vazhdon të ndjekë pagesat tuaja dhe t’ju kujtojë faturat që u afrohet afati. Përndryshe aplikacioni mbyllet dhe asgjë nuk ndiqet derisa ta hapni përsëri. Këtë mund ta ndryshoni te Cilësimet.
close-ask-keep = Mbaje në zonën e njoftimeve
close-ask-quit = Mbyll aplikacionin
settings-desktop = Kur mbyllet dritarja
settings-close-to-tray = Lëre të punojë në zonën e njoftimeve (pagesat ndiqen, kujtesat vijnë)
settings-start-at-login = Nise kur të hyj në kompjuter, në zonën e njoftimeve
settings-no-tray = Ky desktop nuk shfaq ikona në zonën e njoftimeve: mbyllja e dritares e mbyll aplikacionin, dhe ai nuk mund të niset atje.
settings-start-at-login-failed = Nisja kur hyni në kompjuter nuk u ndryshua dot: { $reason }
autostart-comment = Ju kujton faturat që u afrohet afati dhe ndjek pagesat tuaja
notification-open = Hap
settings-diagnostics = Diagnostikimi
settings-diagnostics-help = Për një kërkesë për mbështetje: versioni i aplikacionit, adresa e panelit tuaj dhe problemet që hasi aplikacioni së fundmi. Kurrë fjalëkalim apo të dhëna kartele.
settings-copy-diagnostics = Kopjo diagnostikimin
settings-diagnostics-copied = Diagnostikimi u kopjua: ngjiteni në kërkesën tuaj.
settings-diagnostics-select = Diagnostikimi është i përzgjedhur më poshtë: kopjojeni me Ctrl+C.
error-window = Një dritare e aplikacionit nuk u hap dot. Provoni përsëri; nëse vazhdon të ndodhë, rinisni aplikacionin.
error-opener = Sistemi nuk e hapi dot: asnjë aplikacion nuk është caktuar për këtë lloj skedari ose lidhjeje.
error-folder = Sistemi nuk tregon se ku mund ta ruajë këtë aplikacioni. Kontrolloni që në dosjen tuaj personale mund të shkruhet.

## Ofertat
nav-quotes = Ofertat
quotes-title = Ofertat
quotes-summary = { $count ->
    [0] Nuk ka oferta.
    [one] 1 ofertë; { $awaiting ->
        [0] ajo nuk pret përgjigjen tuaj.
        [one] ajo pret përgjigjen tuaj.
       *[other] ajo pret përgjigjen tuaj.
    }
   *[other] { $count } oferta; { $awaiting ->
        [0] asnjë nuk pret përgjigjen tuaj.
        [one] 1 pret përgjigjen tuaj.
       *[other] { $awaiting } presin përgjigjen tuaj.
    }
}
quotes-number = Oferta
quotes-subject = Tema
quotes-created = Krijuar më
quotes-valid-until = E vlefshme deri më
quotes-stage = Gjendja
quote-title = Oferta { $number }
quote-stage-delivered = Pret përgjigjen tuaj
quote-stage-on-hold = E pezulluar
quote-stage-accepted = E pranuar
quote-stage-lost = E refuzuar
quote-stage-dead = E skaduar
quote-proposal-title = Propozimi
quote-items = Artikujt e ofertës
quote-discount = Zbritja
quote-discount-rate = { $amount } ({ $rate }%)
quote-notes-title = Shënime
quote-pdf = Ruaj PDF-në…
quote-pdf-save-title = Ruaj PDF-në e ofertës
quote-pdf-saved = PDF-ja e ofertës u ruajt si { $path }.
quote-accept-title = Pranoni këtë ofertë
quote-accept-portal-words = Kushtet e panelit, me fjalët e tij:
quote-accept-terms-open = Lexoni kushtet e shërbimit
quote-accept-agree = Pajtohem me kushtet e shërbimit të panelit
quote-accept-submit = Prano ofertën
quote-accept-help = Pastaj paneli krijon një faturë për këtë ofertë, të cilën mund ta paguani menjëherë.
quote-accepted-invoice = Oferta { $number } u pranua. Paneli krijoi këtë faturë për të.
quote-accepted-no-invoice = Oferta { $number } u pranua. Paneli nuk e ka krijuar ende faturën e saj; do të shfaqet te faturat tuaja kur ta krijojë.
error-accept-not-offered = Paneli nuk e ofron më pranimin e kësaj oferte. Hapeni përsëri për të parë gjendjen e saj.
error-terms-not-agreed = Paneli nuk e pranoi ofertën: kërkon që të pajtoheni me kushtet e tij të shërbimit.
error-quote-not-accepted = Paneli nuk e pranoi ofertën. Nuk ndryshoi asgjë; hapeni përsëri për të parë gjendjen e saj.
error-terms-not-ticked = Së pari shënoni kutinë që pajtoheni me kushtet e shërbimit të panelit.

## Pasqyra e llogarisë
statement-button = Pasqyra e llogarisë…
statement-title = Pasqyra e llogarisë
statement-intro = Çdo faturë dhe pagesë midis dy datave, me shumën që detyroheshit në datën e parë dhe në të fundit, për çdo monedhë, sipas shifrave të vetë panelit. Ruajeni si PDF ose CSV për kontabilitetin tuaj.
statement-scope = Llogaritë
statement-scope-one = Kjo llogari
statement-scope-all = Të gjitha llogaritë në këtë kompjuter
statement-from = Nga
statement-to = Deri
statement-prepare = Përgatit
statement-stop = Ndalo
statement-reading = Po lexohen pagesat: { $done } nga { $total } fatura
statement-heading = { $from } – { $to }
statement-heading-all = { $from } – { $to }, { $count ->
    [one] 1 llogari
   *[other] { $count } llogari
}
statement-empty = Nuk ka asnjë faturë ose pagesë midis këtyre datave.
statement-gaps = E paplotë: pagesat e { $count ->
    [one] 1 fature
   *[other] { $count } faturave
} nuk u lexuan ose nuk kishin datë të lexueshme ({ $first }). Saldot nuk i përfshijnë.
statement-credit-undated = Krediti u përdor për { $count ->
    [one] 1 faturë
   *[other] { $count } fatura
} ({ $first }), por paneli nuk tregon datën kur u përdor: saldot { $count ->
    [one] e llogarisin atë faturë si ende të papaguar
   *[other] i llogarisin ato fatura si ende të papaguara
}.
statement-saved-copy = Në llogarinë { $account } nuk keni hyrë: shifrat e saj merren nga kopja e ruajtur në këtë kompjuter në rifreskimin e fundit ({ $time }). Çfarë ka regjistruar paneli më pas nuk është në këtë pasqyrë.
statement-account-left-out = Llogaria { $account } nuk është në këtë pasqyrë: në këtë kompjuter nuk është ruajtur asgjë prej saj. Hyni në të, pastaj përgatitni sërish pasqyrën.
statement-stopped = U ndal: faturat që nuk u lexuan ende nuk përfshihen.
statement-col-currency = Monedha
statement-opening = Saldo fillestare
statement-invoiced = Faturuar
statement-paid = Paguar
statement-closing = Saldo përfundimtare
statement-entries = Veprime
statement-save-pdf = Ruaj PDF-në…
statement-save-csv = Ruaj CSV-në…
statement-pdf-save-title = Ruaj pasqyrën si PDF
statement-csv-save-title = Ruaj pasqyrën si CSV
statement-saved = Pasqyra u ruajt si { $path }.
statement-col-account = Llogaria
statement-col-date = Data
statement-col-entry = Veprimi
statement-col-invoice = Fatura
statement-col-invoice-id = ID-ja e faturës
statement-col-reference = Referenca
statement-col-amount = Shuma
statement-col-balance = Saldo
statement-kind-invoice = Faturë
statement-kind-payment = Pagesë
statement-kind-refund = Rimbursim
statement-kind-reversal = Faturë e rimbursuar
statement-made-on = Krijuar më { $date } nga JitOps Billing sipas shifrave të panelit.
statement-page = Faqja { $page } nga { $count }
statement-file-name = Pasqyra { $from } deri { $to }
error-statement-range = Zgjidhni dy data, e para jo pas së dytës.
error-no-statement = Së pari përgatitni pasqyrën.

## Përditësimet (Cilësimet, dhe oferta e një versioni më të ri)
updates-title = Përditësimet
updates-version = Ky është versioni { $version }.
updates-check = Kontrollo për përditësime
updates-check-automatically = Kontrollo për përditësime në nisje dhe një herë në ditë
updates-whats-new = Çfarë ka të re në { $version }
updates-install = Shkarko dhe instalo
updates-restart = Rinise tani
updates-restart-confirm = Rinise gjithsesi
update-status-no-server = Kjo kopje e aplikacionit u ndërtua pa server përditësimesh: nuk kontrollon për përditësime.
update-status-never-checked = Ende nuk është kontrolluar për përditësime.
update-status-up-to-date = Keni versionin më të fundit (kontrolluar më { $checked }).
update-status-checking = Po kontrollohet për përditësime…
update-status-offered = Versioni { $version } është gati për t’u instaluar.
update-status-offered-not-packaged = Versioni { $version } është gati. Kjo kopje nuk u instalua nga paketa .deb ose .rpm, ndaj instalojeni versionin e ri në të njëjtën mënyrë si këtë.
update-status-downloading = Po shkarkohet versioni { $version }: { $percent }%
update-status-downloading-unknown = Po shkarkohet versioni { $version }…
update-status-installing = Versioni { $version } u shkarkua dhe nënshkrimi i tij është i vlefshëm. Po instalohet…
update-status-installed = Versioni { $version } u instalua. Do të niset kur ta rinisni aplikacionin.
update-failed-unreachable = Nuk u lidhëm dot me serverin e përditësimeve. Kontrolloni lidhjen dhe provoni përsëri.
update-failed-refused = Nënshkrimi i përditësimit nuk është i vlefshëm, ndaj nuk u instalua asgjë. Skedari mund të jetë ndryshuar gjatë rrugës, ose nuk është nënshkruar nga JitOps. Ju lutemi, njoftoni mbështetjen.
update-failed-not-installed = Përditësimi u shkarkua dhe u verifikua, por nuk u instalua (instalimi u anulua ose sistemi e refuzoi). Asgjë nuk ndryshoi; mund të provoni përsëri.
update-restart-payments = Një pagesë ende po konfirmohet. Nëse e rinisni tani, aplikacioni e ndjek sërish pasi të niset dhe të keni hyrë, dhe ju njofton kur paneli ta shënojë faturën si të paguar.
updates-badge = Përditësim
